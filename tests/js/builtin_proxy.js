// Proxy: the constructor, Proxy.revocable, every trap and its invariants,
// revocation, callable proxies and proxies of proxies.

// ---- constructor
assertEq(typeof Proxy, "function");
assertEq(Proxy.length, 2);
assertEq(Proxy.name, "Proxy");
assert(!Object.prototype.hasOwnProperty.call(Proxy, "prototype"), "no Proxy.prototype");
assertThrows(TypeError, function () { Proxy({}, {}); }, "requires new");
assertThrows(TypeError, function () { new Proxy(1, {}); });
assertThrows(TypeError, function () { new Proxy({}, null); });
assertThrows(TypeError, function () { new Proxy(null, {}); });

// ---- forwarding without traps
var target = { a: 1 };
var p = new Proxy(target, {});
assertEq(p.a, 1);
p.b = 2;
assertEq(target.b, 2);
assert("a" in p);
assert(delete p.a);
assert(!("a" in target));
assertDeepEq(Object.keys(p), ["b"]);
assertEq(Object.getPrototypeOf(p), Object.prototype);
assertEq(typeof p, "object");
assertEq(Object.prototype.toString.call(p), "[object Object]");

// ---- get / set / has / deleteProperty traps see the right arguments
var log = [];
var handler = {
  get: function (t, k, r) { log.push(["get", k, r === pp]); return Reflect.get(t, k, r); },
  set: function (t, k, v, r) { log.push(["set", k, v, r === pp]); return Reflect.set(t, k, v, r); },
  has: function (t, k) { log.push(["has", k]); return k in t; },
  deleteProperty: function (t, k) { log.push(["delete", k]); return delete t[k]; }
};
var pp = new Proxy({ x: 1 }, handler);
assertEq(pp.x, 1);
pp.y = 5;
assert("y" in pp);
delete pp.y;
assertDeepEq(log, [["get", "x", true], ["set", "y", 5, true], ["has", "y"], ["delete", "y"]]);
// integer keys reach the trap as strings
log = [];
pp[0] = "zero";
assertEq(log[0][1], "0");
// symbol keys stay symbols
var sym = Symbol("s");
log = [];
pp[sym];
assertEq(log[0][1], sym);

// trap on the prototype chain sees the original receiver
var protoProxy = new Proxy({}, {
  get: function (t, k, r) { return k === "who" ? r : undefined; },
  has: function (t, k) { return k === "magic"; }
});
var child = Object.create(protoProxy);
assertEq(child.who, child);
assert("magic" in child);
assert(!("other" in child));

// set on the proto chain: trap receives the child as receiver
var setLog = [];
var setProto = new Proxy({}, { set: function (t, k, v, r) { setLog.push(r === child2); return true; } });
var child2 = Object.create(setProto);
child2.z = 1;
assertDeepEq(setLog, [true]);
assert(!Object.prototype.hasOwnProperty.call(child2, "z"));

// ---- falsy trap results
var ro = new Proxy({}, { set: function () { return false; }, deleteProperty: function () { return false; },
                         defineProperty: function () { return false; } });
ro.a = 1;   // sloppy: silent
assertThrows(TypeError, function () { "use strict"; ro.a = 1; });
assertEq(delete ro.a, false);
assertThrows(TypeError, function () { "use strict"; delete ro.a; });
assertEq(Reflect.defineProperty(ro, "a", { value: 1 }), false);
assertThrows(TypeError, function () { Object.defineProperty(ro, "a", { value: 1 }); });

// ---- get invariants
var frozenT = {};
Object.defineProperty(frozenT, "k", { value: 1, writable: false, configurable: false });
Object.defineProperty(frozenT, "acc", { set: function () {}, configurable: false });
var liar = new Proxy(frozenT, { get: function () { return 2; } });
assertThrows(TypeError, function () { liar.k; });
assertThrows(TypeError, function () { liar.acc; });
var honest = new Proxy(frozenT, { get: function (t, k) { return k === "k" ? 1 : undefined; } });
assertEq(honest.k, 1);
assertEq(honest.acc, undefined);

// ---- set invariants
var setLiar = new Proxy(frozenT, { set: function () { return true; } });
assertThrows(TypeError, function () { setLiar.k = 2; });
setLiar.k = 1;   // same value: allowed
var getterOnly = {};
Object.defineProperty(getterOnly, "g", { get: function () {}, configurable: false });
assertThrows(TypeError, function () {   // accessor without a setter
  Reflect.set(new Proxy(getterOnly, { set: function () { return true; } }), "g", 1);
});

// ---- has invariants
var hasLiar = new Proxy(frozenT, { has: function () { return false; } });
assertThrows(TypeError, function () { "k" in hasLiar; });
var nonExt = Object.preventExtensions({ q: 1 });
assertThrows(TypeError, function () { "q" in new Proxy(nonExt, { has: function () { return false; } }); });
assertEq("zz" in new Proxy(nonExt, { has: function () { return false; } }), false);

// ---- deleteProperty invariants
assertThrows(TypeError, function () { Reflect.deleteProperty(new Proxy(frozenT, { deleteProperty: function () { return true; } }), "k"); });
assertThrows(TypeError, function () { Reflect.deleteProperty(new Proxy(nonExt, { deleteProperty: function () { return true; } }), "q"); });
assertEq(Reflect.deleteProperty(new Proxy({ a: 1 }, { deleteProperty: function () { return true; } }), "a"), true);

// ---- getOwnPropertyDescriptor
var gopd = new Proxy({ a: 1 }, {
  getOwnPropertyDescriptor: function (t, k) {
    return k === "v" ? { value: 7, configurable: true } : Reflect.getOwnPropertyDescriptor(t, k);
  }
});
var d = Object.getOwnPropertyDescriptor(gopd, "v");
assertDeepEq(d, { value: 7, writable: false, enumerable: false, configurable: true }, "completed");
assertThrows(TypeError, function () {
  Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: function () { return 1; } }), "x");
});
assertThrows(TypeError, function () {   // non-configurable but absent on target
  Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: function () {
    return { value: 1, configurable: false }; } }), "x");
});
assertThrows(TypeError, function () {   // hides a non-configurable property
  Object.getOwnPropertyDescriptor(new Proxy(frozenT, { getOwnPropertyDescriptor: function () {} }), "k");
});
assertThrows(TypeError, function () {   // hides a property of a non-extensible target
  Object.getOwnPropertyDescriptor(new Proxy(nonExt, { getOwnPropertyDescriptor: function () {} }), "q");
});
assertThrows(TypeError, function () {   // reports a new property on a non-extensible target
  Object.getOwnPropertyDescriptor(new Proxy(nonExt, { getOwnPropertyDescriptor: function () {
    return { value: 1, configurable: true }; } }), "new");
});
assertThrows(TypeError, function () {   // incompatible with the target's property
  Object.getOwnPropertyDescriptor(new Proxy(frozenT, { getOwnPropertyDescriptor: function () {
    return { value: 2, configurable: false, writable: false }; } }), "k");
});
var wt = {};
Object.defineProperty(wt, "w", { value: 1, writable: true, configurable: false });
assertThrows(TypeError, function () {   // non-writable view of a writable non-configurable property
  Object.getOwnPropertyDescriptor(new Proxy(wt, { getOwnPropertyDescriptor: function () {
    return { value: 1, writable: false, configurable: false }; } }), "w");
});

// ---- defineProperty
var seenDesc;
var dp = new Proxy({}, { defineProperty: function (t, k, desc) { seenDesc = desc; return Reflect.defineProperty(t, k, desc); } });
Object.defineProperty(dp, "x", { value: 1, enumerable: true });
assertDeepEq(Object.keys(seenDesc).sort(), ["enumerable", "value"], "partial descriptor passed through");
dp.y = 2;   // [[Set]] ends in a [[DefineOwnProperty]] on the receiver
assertDeepEq(seenDesc, { value: 2, writable: true, enumerable: true, configurable: true });
Object.defineProperty(dp, "e", {});
assertDeepEq(Object.keys(seenDesc), [], "empty descriptor");
assertThrows(TypeError, function () {   // adding to a non-extensible target
  Object.defineProperty(new Proxy(nonExt, { defineProperty: function () { return true; } }), "nw", { value: 1 });
});
assertThrows(TypeError, function () {   // non-configurable that is absent on target
  Object.defineProperty(new Proxy({}, { defineProperty: function () { return true; } }), "nc",
                        { value: 1, configurable: false });
});
assertThrows(TypeError, function () {   // non-configurable that is configurable on target
  Object.defineProperty(new Proxy({ c: 1 }, { defineProperty: function () { return true; } }), "c",
                        { configurable: false });
});
assertThrows(TypeError, function () {   // incompatible
  Object.defineProperty(new Proxy(frozenT, { defineProperty: function () { return true; } }), "k",
                        { value: 5 });
});
assertThrows(TypeError, function () {   // non-writable over writable non-configurable
  Object.defineProperty(new Proxy(wt, { defineProperty: function () { return true; } }), "w",
                        { writable: false, configurable: false });
});

// ---- ownKeys
var ok = new Proxy({}, { ownKeys: function () { return ["b", "a", sym, "1"]; } });
assertDeepEq(Reflect.ownKeys(ok), ["b", "a", sym, "1"], "trap order is kept");
assertDeepEq(Object.getOwnPropertyNames(ok), ["b", "a", "1"]);
assertEq(Object.getOwnPropertySymbols(ok)[0], sym);
assertDeepEq(Object.keys(ok), [], "keys asks getOwnPropertyDescriptor: none exist");
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return ["a", "a"]; } })); });
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return [1]; } })); });
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return "ab"; } })); });
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy(frozenT, { ownKeys: function () { return []; } })); });
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy(nonExt, { ownKeys: function () { return []; } })); });
assertThrows(TypeError, function () { Reflect.ownKeys(new Proxy(nonExt, { ownKeys: function () { return ["q", "extra"]; } })); });
assertDeepEq(Reflect.ownKeys(new Proxy(nonExt, { ownKeys: function () { return ["q"]; } })), ["q"]);
assertDeepEq(Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return { length: 2, 0: "x", 1: "y" }; } })), ["x", "y"]);
// Object.keys / for-in filter through getOwnPropertyDescriptor
var enumLog = [];
var en = new Proxy({ a: 1, b: 2 }, {
  ownKeys: function (t) { enumLog.push("ownKeys"); return ["b", "a", "c"]; },
  getOwnPropertyDescriptor: function (t, k) { enumLog.push("gopd " + k); return Reflect.getOwnPropertyDescriptor(t, k); }
});
assertDeepEq(Object.keys(en), ["b", "a"]);
assertDeepEq(enumLog, ["ownKeys", "gopd b", "gopd a", "gopd c"]);
var forIn = [];
for (var fk in en) forIn.push(fk);
assertDeepEq(forIn, ["b", "a"]);
var hidden = new Proxy({ v: 1, h: 1 }, {
  ownKeys: function () { return ["v", "h"]; },
  getOwnPropertyDescriptor: function (t, k) {
    return { value: 1, enumerable: k === "v", configurable: true };
  }
});
forIn = [];
for (fk in hidden) forIn.push(fk);
assertDeepEq(forIn, ["v"], "for-in skips non-enumerable proxy keys");

// ---- prototype traps
var protoObj = {};
var gp = new Proxy({}, { getPrototypeOf: function () { return protoObj; } });
assertEq(Object.getPrototypeOf(gp), protoObj);
assert(protoObj.isPrototypeOf(gp));
assert(gp instanceof (function () { function F() {} F.prototype = protoObj; return F; })());
assertThrows(TypeError, function () { Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: function () { return 1; } })); });
assertThrows(TypeError, function () {
  Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), { getPrototypeOf: function () { return protoObj; } }));
});
var spLog = [];
var sp = new Proxy({}, { setPrototypeOf: function (t, v) { spLog.push(v); return Reflect.setPrototypeOf(t, v); } });
Object.setPrototypeOf(sp, protoObj);
assertEq(spLog[0], protoObj);
assertEq(Object.getPrototypeOf(sp), protoObj);
assertEq(Reflect.setPrototypeOf(new Proxy({}, { setPrototypeOf: function () { return false; } }), null), false);
assertThrows(TypeError, function () { Object.setPrototypeOf(new Proxy({}, { setPrototypeOf: function () { return false; } }), null); });
assertThrows(TypeError, function () {
  Reflect.setPrototypeOf(new Proxy(Object.preventExtensions({}), { setPrototypeOf: function () { return true; } }), null);
});
// __proto__ goes through the traps too
sp.__proto__ = null;
assertEq(spLog[1], null);

// ---- extensibility traps
assertThrows(TypeError, function () { Object.isExtensible(new Proxy({}, { isExtensible: function () { return false; } })); });
assertEq(Object.isExtensible(new Proxy({}, { isExtensible: function () { return 1; } })), true);
assertThrows(TypeError, function () { Object.preventExtensions(new Proxy({}, { preventExtensions: function () { return true; } })); });
assertThrows(TypeError, function () { Object.preventExtensions(new Proxy({}, { preventExtensions: function () { return false; } })); });
assertEq(Reflect.preventExtensions(new Proxy({}, { preventExtensions: function () { return false; } })), false);
var peT = {};
var pe = new Proxy(peT, {});
Object.preventExtensions(pe);
assert(!Object.isExtensible(peT));
assert(Object.isFrozen(Object.freeze(new Proxy({ f: 1 }, {}))));

// ---- non-callable traps
assertThrows(TypeError, function () { new Proxy({}, { get: 1 }).x; });
assertEq(new Proxy({ x: 3 }, { get: null }).x, 3, "null trap means no trap");
// the trap is looked up on every operation
var swap = {};
var sw = new Proxy({ v: 1 }, swap);
assertEq(sw.v, 1);
swap.get = function () { return 2; };
assertEq(sw.v, 2);

// ---- callable proxies
function add(a, b) { "use strict"; return this === undefined ? a + b : this.base + a + b; }
var fp = new Proxy(add, {});
assertEq(typeof fp, "function");
assertEq(fp(1, 2), 3);
assertEq(fp.call({ base: 10 }, 1, 2), 13);
var applyLog;
var ap = new Proxy(add, { apply: function (t, self, args) { applyLog = [self, args]; return "trapped"; } });
assertEq(ap(1, 2), "trapped");
assertEq(applyLog[0], undefined);
assert(Array.isArray(applyLog[1]));
assertDeepEq(applyLog[1], [1, 2]);
var thisObj = {};
ap.apply(thisObj, [9]);
assertEq(applyLog[0], thisObj);
assertThrows(TypeError, function () { new Proxy({}, {})(); }, "target not callable");
assertEq(typeof new Proxy({}, { apply: function () {} }), "object");
assertThrows(TypeError, function () { new Proxy({}, { apply: function () {} })(); });

// ---- construct
function Point(x) { this.x = x; }
var cp = new Proxy(Point, {});
var pt = new cp(4);
assertEq(pt.x, 4);
assert(pt instanceof Point);
var ctLog;
var ct = new Proxy(Point, { construct: function (t, args, nt) { ctLog = nt; return { made: args[0] }; } });
assertEq(new ct(7).made, 7);
assertEq(ctLog, ct);
assertThrows(TypeError, function () { new (new Proxy(Point, { construct: function () { return 1; } }))(); });
assertThrows(TypeError, function () { new (new Proxy(() => 1, {}))(); }, "target not a constructor");
assertThrows(TypeError, function () { new (new Proxy(() => 1, { construct: function () { return {}; } }))(); },
             "arrow functions are not constructors, even with a construct trap");
class Base { constructor() { this.fromBase = new.target; } }
var BP = new Proxy(Base, {});
class Derived extends BP {}
var dd = new Derived();
assertEq(dd.fromBase, Derived);
assert(dd instanceof Base);

// ---- revocation
var r = Proxy.revocable({ a: 1 }, {});
assertDeepEq(Object.keys(r), ["proxy", "revoke"]);
assertEq(r.proxy.a, 1);
assertEq(r.revoke.length, 0);
assertEq(r.revoke.name, "");
assert(!Object.prototype.hasOwnProperty.call(r.revoke, "prototype"));
assertThrows(TypeError, function () { new r.revoke(); });
assertEq(r.revoke(), undefined);
assertEq(r.revoke(), undefined, "second call is a no-op");
var rp = r.proxy;
assertThrows(TypeError, function () { rp.a; });
assertThrows(TypeError, function () { rp.a = 1; });
assertThrows(TypeError, function () { "a" in rp; });
assertThrows(TypeError, function () { delete rp.a; });
assertThrows(TypeError, function () { Object.keys(rp); });
assertThrows(TypeError, function () { Object.getPrototypeOf(rp); });
assertThrows(TypeError, function () { Object.setPrototypeOf(rp, null); });
assertThrows(TypeError, function () { Object.isExtensible(rp); });
assertThrows(TypeError, function () { Object.preventExtensions(rp); });
assertThrows(TypeError, function () { Object.getOwnPropertyDescriptor(rp, "a"); });
assertThrows(TypeError, function () { Object.defineProperty(rp, "a", {}); });
assertThrows(TypeError, function () { Array.isArray(rp); });
assertEq(typeof rp, "object");
var rf = Proxy.revocable(function () { return 1; }, {});
rf.revoke();
assertEq(typeof rf.proxy, "function", "still callable after revocation");
assertThrows(TypeError, function () { rf.proxy(); });
assertThrows(TypeError, function () { new rf.proxy(); });
// a revoked proxy can be the target of a new proxy
var onRevoked = new Proxy(rp, {});
assertThrows(TypeError, function () { onRevoked.x; });
// revoking during a trap: the running operation keeps its target
var r2 = Proxy.revocable({ k: "v" }, { get: function (t, k) { r2.revoke(); return t[k]; } });
assertEq(r2.proxy.k, "v");
assertThrows(TypeError, function () { r2.proxy.k; });

// ---- IsArray sees through proxies
assert(Array.isArray(new Proxy([], {})));
assert(Array.isArray(new Proxy(new Proxy([], {}), {})));
assert(!Array.isArray(new Proxy({}, {})));
assertEq(Object.prototype.toString.call(new Proxy([], {})), "[object Array]");
assertEq(JSON.stringify(new Proxy([1, 2], {})), "[1,2]");
assertEq(JSON.stringify(new Proxy({ a: [1] }, {})), '{"a":[1]}');
assertEq(Array.prototype.concat.call([], new Proxy([1, 2], {})).length, 2);

// ---- iteration through a proxy
var iterated = [];
for (var v of new Proxy([1, 2, 3], {})) iterated.push(v);
assertDeepEq(iterated, [1, 2, 3]);
assertDeepEq([].slice.call(new Proxy([5, 6], {})), [5, 6]);

// ---- deep proxy chains end in a RangeError, not a crash
var deep = {};
for (var i = 0; i < 200000; i++) deep = new Proxy(deep, {});
var threw = null;
try { deep.x; } catch (e) { threw = e; }
assert(threw instanceof RangeError, "deep chain: RangeError");
threw = null;
try { Object.getPrototypeOf(deep); } catch (e) { threw = e; }
assert(threw instanceof RangeError, "deep chain getPrototypeOf: RangeError");
deep = null;

// ---- a proxy as the handler: traps are read with [[Get]] on it
var hLog = [];
var metaHandler = new Proxy({}, { get: function (t, k) { hLog.push(k); return undefined; } });
var mp = new Proxy({ z: 1 }, metaHandler);
mp.z;
"z" in mp;
Object.keys(mp);
assertDeepEq(hLog, ["get", "has", "ownKeys", "getOwnPropertyDescriptor"]);

// ---- private fields on a proxy (class field via return override) stay on the proxy
class Trojan { constructor(o) { return o; } }
class Stamp extends Trojan {
  #mark = 42;
  static read(o) { return o.#mark; }
  static has(o) { return #mark in o; }
}
var stampTarget = {};
var stamped = new Proxy(stampTarget, { defineProperty: function () { throw new Error("no trap for private"); } });
new Stamp(stamped);
assertEq(Stamp.read(stamped), 42);
assert(Stamp.has(stamped));
assert(!Stamp.has(stampTarget));
assertDeepEq(Reflect.ownKeys(stamped), []);

// ---- GC: proxies in cycles are collected without leaks
(function () {
  var a = {}, h = {};
  var cyc = new Proxy(a, h);
  a.self = cyc;
  h.me = cyc;
})();
