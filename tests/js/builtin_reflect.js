// Reflect: every function, its argument checks and its defaults.

assertEq(typeof Reflect, "object");
assertEq(Object.getPrototypeOf(Reflect), Object.prototype);
assertEq(Object.prototype.toString.call(Reflect), "[object Reflect]");
var tagDesc = Object.getOwnPropertyDescriptor(Reflect, Symbol.toStringTag);
assertDeepEq([tagDesc.value, tagDesc.writable, tagDesc.enumerable, tagDesc.configurable],
             ["Reflect", false, false, true]);
assertThrows(TypeError, function () { new Reflect(); });
assertThrows(TypeError, function () { Reflect(); });
var globalDesc = Object.getOwnPropertyDescriptor(globalThis, "Reflect");
assert(globalDesc.writable && !globalDesc.enumerable && globalDesc.configurable);

var lengths = { apply: 3, construct: 2, defineProperty: 3, deleteProperty: 2, get: 2,
                getOwnPropertyDescriptor: 2, getPrototypeOf: 1, has: 2, isExtensible: 1,
                ownKeys: 1, preventExtensions: 1, set: 3, setPrototypeOf: 2 };
Object.keys(lengths).forEach(function (name) {
  var d = Object.getOwnPropertyDescriptor(Reflect, name);
  assertEq(typeof d.value, "function", name);
  assertEq(d.value.length, lengths[name], name + ".length");
  assertEq(d.value.name, name, name + ".name");
  assert(d.writable && !d.enumerable && d.configurable, name + " attributes");
  assert(!Object.prototype.hasOwnProperty.call(d.value, "prototype"), name + " has no prototype");
  assertThrows(TypeError, function () { new d.value({}); }, name + " is not a constructor");
  if (name !== "apply" && name !== "construct")
    assertThrows(TypeError, function () { d.value(1, "x"); }, name + " requires an object target");
});

// ---- apply
function sum() {
  "use strict";
  var s = this === undefined ? 0 : this.base;
  for (var i = 0; i < arguments.length; i++) s += arguments[i];
  return s;
}
assertEq(Reflect.apply(sum, undefined, [1, 2, 3]), 6);
assertEq(Reflect.apply(sum, { base: 10 }, { length: 2, 0: 1, 1: 2 }), 13);
assertEq(Reflect.apply(Math.max, null, []), -Infinity);
assertThrows(TypeError, function () { Reflect.apply(sum, null); }, "argumentsList is required");
assertThrows(TypeError, function () { Reflect.apply(sum, null, 1); });
assertThrows(TypeError, function () { Reflect.apply({}, null, []); });
assertThrows(RangeError, function () { Reflect.apply(sum, null, { length: 1e9 }); });

// ---- construct
function Pair(a, b) { this.a = a; this.b = b; this.nt = new.target; }
var pr = Reflect.construct(Pair, [1, 2]);
assert(pr instanceof Pair);
assertEq(pr.b, 2);
assertEq(pr.nt, Pair);
function Other() {}
Other.prototype = { tag: "other" };
var po = Reflect.construct(Pair, [1], Other);
assertEq(po.nt, Other);
assertEq(Object.getPrototypeOf(po), Other.prototype);
assertEq(po.tag, "other");
assertThrows(TypeError, function () { Reflect.construct(function () {}, [], undefined); },
             "explicit undefined newTarget is not a constructor");
assertThrows(TypeError, function () { Reflect.construct(() => 1, []); });
assertThrows(TypeError, function () { Reflect.construct(Pair, [], Math.max); });
assertThrows(TypeError, function () { Reflect.construct(Pair); });
var d1 = Reflect.construct(Date, [2020, 0, 1], Other);
assertEq(Object.getPrototypeOf(d1), Other.prototype);
assertEq(Date.prototype.getFullYear.call(d1), 2020);
var a1 = Reflect.construct(Array, [3]);
assertEq(a1.length, 3);
class K { constructor() { this.t = new.target; } }
class L extends K {}
assertEq(Reflect.construct(K, [], L).t, L);
// a newTarget whose prototype is not an object: the intrinsic of its realm
function NoProto() {}
NoProto.prototype = 1;
assertEq(Object.getPrototypeOf(Reflect.construct(Pair, [], NoProto)), Object.prototype);
assertEq(Object.getPrototypeOf(Reflect.construct(Map, [], NoProto)), Map.prototype);

// ---- defineProperty
var o = {};
assertEq(Reflect.defineProperty(o, "x", { value: 1 }), true);
var xd = Object.getOwnPropertyDescriptor(o, "x");
assertDeepEq([xd.value, xd.writable, xd.enumerable, xd.configurable], [1, false, false, false]);
assertEq(Reflect.defineProperty(o, "x", { value: 2 }), false, "failure is false, not a throw");
assertEq(Reflect.defineProperty(Object.freeze({}), "y", { value: 1 }), false);
assertThrows(TypeError, function () { Reflect.defineProperty(o, "z", 1); });
assertThrows(TypeError, function () { Reflect.defineProperty(o, "z", { get: 1 }); });
var keyObj = { toString: function () { return "fromToString"; } };
assert(Reflect.defineProperty(o, keyObj, { value: 3, enumerable: true }));
assertEq(o.fromToString, 3);
var arr = [1, 2, 3];
assertEq(Reflect.defineProperty(arr, "length", { value: 1 }), true);
assertEq(arr.length, 1);
Object.defineProperty(arr, "length", { writable: false });
assertEq(Reflect.defineProperty(arr, "5", { value: 1 }), false);

// ---- deleteProperty
var del = { a: 1 };
Object.defineProperty(del, "fixed", { value: 1 });
assertEq(Reflect.deleteProperty(del, "a"), true);
assertEq(Reflect.deleteProperty(del, "a"), true, "absent: true");
assertEq(Reflect.deleteProperty(del, "fixed"), false);
assertEq(Reflect.deleteProperty([1], "length"), false);

// ---- get / set with receivers
var getterObj = { get who() { "use strict"; return this; }, plain: 4 };
assertEq(Reflect.get(getterObj, "plain"), 4);
assertEq(Reflect.get(getterObj, "who"), getterObj);
var recv = {};
assertEq(Reflect.get(getterObj, "who", recv), recv);
assertEq(Reflect.get(getterObj, "who", 7), 7, "primitive receiver is passed as is");
assertEq(Reflect.get([10, 20], 1), 20);
assertEq(Reflect.get({}, "missing"), undefined);
var setterLog;
var setterObj = { set s(v) { setterLog = [this, v]; } };
assertEq(Reflect.set(setterObj, "s", 5), true);
assertEq(setterLog[0], setterObj);
assertEq(Reflect.set(setterObj, "s", 6, recv), true);
assertEq(setterLog[0], recv);
var tgt = { v: 1 }, other = {};
assertEq(Reflect.set(tgt, "v", 2, other), true);
assertEq(tgt.v, 1, "data property set on the receiver");
assertEq(other.v, 2);
assertEq(Reflect.set(tgt, "v", 3, 1), false, "primitive receiver: false");
var frozen = Object.freeze({ f: 1 });
assertEq(Reflect.set(frozen, "f", 2), false);
assertEq(Reflect.set(frozen, "g", 2), false);
var roRecv = {};
Object.defineProperty(roRecv, "v", { value: 0, writable: false, configurable: true });
assertEq(Reflect.set(tgt, "v", 9, roRecv), false, "receiver's read-only property");
var accRecv = { get v() { return 0; } };
assertEq(Reflect.set(tgt, "v", 9, accRecv), false, "receiver's accessor");
assertEq(Reflect.set({ get g() {} }, "g", 1), false, "getter without setter");
var setArr = [1, 2];
assertEq(Reflect.set(setArr, "length", 0), true);
assertEq(setArr.length, 0);
assertThrows(RangeError, function () { Reflect.set([], "length", -1); });

// ---- getOwnPropertyDescriptor
assertDeepEq(Reflect.getOwnPropertyDescriptor({ a: 1 }, "a"),
             { value: 1, writable: true, enumerable: true, configurable: true });
assertEq(Reflect.getOwnPropertyDescriptor({}, "a"), undefined);
var accD = Reflect.getOwnPropertyDescriptor(getterObj, "who");
assertEq(typeof accD.get, "function");
assertEq(accD.set, undefined);
assertEq(Reflect.getOwnPropertyDescriptor("abc".split(""), "length").value, 3);

// ---- getPrototypeOf / setPrototypeOf
assertEq(Reflect.getPrototypeOf([]), Array.prototype);
assertEq(Reflect.getPrototypeOf(Object.create(null)), null);
var sp = {};
assertEq(Reflect.setPrototypeOf(sp, Array.prototype), true);
assertEq(Object.getPrototypeOf(sp), Array.prototype);
assertEq(Reflect.setPrototypeOf(sp, null), true);
assertThrows(TypeError, function () { Reflect.setPrototypeOf({}, 1); });
assertThrows(TypeError, function () { Reflect.setPrototypeOf({}); });
assertEq(Reflect.setPrototypeOf(Object.preventExtensions({}), {}), false);
var cyc = {};
assertEq(Reflect.setPrototypeOf(Object.prototype, cyc), false, "immutable prototype");
assertEq(Reflect.setPrototypeOf(cyc, Object.create(cyc)), false, "cycle");
assertEq(Reflect.setPrototypeOf(Object.preventExtensions({}), Object.prototype), true, "same prototype");

// ---- has
assert(Reflect.has({ a: 1 }, "a"));
assert(Reflect.has([], "length"));
assert(Reflect.has(Object.create({ inherited: 1 }), "inherited"));
assert(!Reflect.has({}, "nope"));
var symK = Symbol("k");
var withSym = {};
withSym[symK] = 1;
assert(Reflect.has(withSym, symK));

// ---- isExtensible / preventExtensions
var ext = {};
assertEq(Reflect.isExtensible(ext), true);
assertEq(Reflect.preventExtensions(ext), true);
assertEq(Reflect.isExtensible(ext), false);
assertEq(Reflect.isExtensible(Object.freeze({})), false);

// ---- ownKeys: integer keys ascending, strings, then symbols, in creation order
var ko = { b: 1, 2: 1, a: 1, 1: 1 };
var s1 = Symbol("1"), s2 = Symbol("2");
ko[s2] = 1;
ko[s1] = 1;
Object.defineProperty(ko, "hidden", { value: 1, enumerable: false });
assertDeepEq(Reflect.ownKeys(ko), ["1", "2", "b", "a", "hidden", s2, s1]);
assertDeepEq(Reflect.ownKeys([7, 8]), ["0", "1", "length"]);
assertDeepEq(Reflect.ownKeys(function f(a) {}).slice(0, 3), ["length", "name", "prototype"]);
assert(Array.isArray(Reflect.ownKeys({})));
assertEq(Reflect.ownKeys({}).length, 0);

// ---- everything works through a proxy, trap by trap
var seen = [];
var logged = new Proxy({}, new Proxy({}, {
  get: function (t, trapName) {
    seen.push(trapName);
    return undefined;   // no trap: forward to the target
  }
}));
Reflect.get(logged, "a");
Reflect.set(logged, "a", 1);
Reflect.has(logged, "a");
Reflect.deleteProperty(logged, "a");
Reflect.defineProperty(logged, "b", { value: 1, configurable: true });
Reflect.getOwnPropertyDescriptor(logged, "b");
Reflect.ownKeys(logged);
Reflect.getPrototypeOf(logged);
Reflect.setPrototypeOf(logged, null);
Reflect.isExtensible(logged);
Reflect.preventExtensions(logged);
assertDeepEq(seen, ["get", "set", "getOwnPropertyDescriptor", "defineProperty", "has", "deleteProperty",
                    "defineProperty", "getOwnPropertyDescriptor", "ownKeys", "getPrototypeOf",
                    "setPrototypeOf", "isExtensible", "preventExtensions"]);
