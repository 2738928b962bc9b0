// The Object constructor, its static methods and Object.prototype.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

// constructor
assertEq(typeof Object, "function");
assertEq(Object.length, 1);
assertEq(Object.name, "Object");
assertEq(Object.prototype.constructor, Object);
assertEq(Object.getPrototypeOf(Object.prototype), null);
var d = desc(Object, "prototype");
assert(!d.writable && !d.enumerable && !d.configurable);
assertEq(Object.getPrototypeOf(Object()), Object.prototype);
assertEq(Object.getPrototypeOf(new Object(undefined)), Object.prototype);
assertEq(Object.getPrototypeOf(Object(null)), Object.prototype);
var o = {};
assertEq(Object(o), o);
assertEq(new Object(o), o);
assertEq(typeof Object(1), "object");
assertEq(Object(1).valueOf(), 1);
assertEq(Object("ab").length, 2);
assertEq(typeof Object(Symbol.iterator), "object");
class Sub extends Object { constructor() { super(); this.x = 1; } }
var s = new Sub();
assertEq(s.x, 1);
assertEq(Object.getPrototypeOf(s), Sub.prototype);
// subclass with an argument: a new object, not the argument
class Sub2 extends Object { constructor(a) { super(a); } }
var arg = { a: 1 };
assert(new Sub2(arg) !== arg);

// assign
var t = Object.assign({ a: 1 }, { b: 2 }, null, undefined, { a: 3 });
assertDeepEq(t, { a: 3, b: 2 });
var sym = Symbol("s");
var src = {};
src[sym] = 7;
Object.defineProperty(src, "hidden", { value: 1, enumerable: false });
t = Object.assign({}, src, "xy");
assertEq(t[sym], 7);
assertEq(t.hidden, undefined);
assertEq(t[0], "x");
assertEq(t[1], "y");
assertThrows(TypeError, function () { Object.assign(null); });
assertEq(typeof Object.assign(1), "object");
var order = [];
Object.assign({}, { get a() { order.push("a"); }, get b() { order.push("b"); } });
assertDeepEq(order, ["a", "b"]);
// a setter on the target is called, a frozen target throws
var setCalled = 0;
Object.assign({ set x(v) { setCalled = v; } }, { x: 5 });
assertEq(setCalled, 5);
assertThrows(TypeError, function () { Object.assign(Object.freeze({ x: 1 }), { x: 2 }); });

// create / defineProperty / defineProperties
var p = { inherited: 1 };
var c = Object.create(p, { own: { value: 2, enumerable: true } });
assertEq(Object.getPrototypeOf(c), p);
assertEq(c.inherited, 1);
assertEq(c.own, 2);
d = desc(c, "own");
assert(d.enumerable && !d.writable && !d.configurable);
assertEq(Object.getPrototypeOf(Object.create(null)), null);
assertThrows(TypeError, function () { Object.create(1); });
assertThrows(TypeError, function () { Object.create(); });
assertThrows(TypeError, function () { Object.create({}, { x: 1 }); });
var dp = {};
assertEq(Object.defineProperty(dp, "a", { get: function () { return 9; }, configurable: true }), dp);
assertEq(dp.a, 9);
assertThrows(TypeError, function () { Object.defineProperty(1, "a", {}); });
assertThrows(TypeError, function () { Object.defineProperty({}, "a", 1); });
assertThrows(TypeError, function () { Object.defineProperty({}, "a", { get: 1 }); });
assertThrows(TypeError, function () { Object.defineProperty({}, "a", { value: 1, get: function () {} }); });
Object.defineProperty(dp, "b", { value: 1 });
assertThrows(TypeError, function () { Object.defineProperty(dp, "b", { value: 2 }); });
Object.defineProperty(dp, "b", { value: 1 });  // same value: allowed
var dps = Object.defineProperties({}, { x: { value: 1, enumerable: true }, y: { value: 2 } });
assertDeepEq(Object.keys(dps), ["x"]);
assertEq(dps.y, 2);
// all descriptors are read before any is applied
var target = {};
assertThrows(TypeError, function () {
  Object.defineProperties(target, { a: { value: 1 }, b: { get: 5 } });
});
assertEq(target.hasOwnProperty("a"), false);
// property key conversion
var keyObj = { toString: function () { return "k"; } };
Object.defineProperty(dp, keyObj, { value: "v" });
assertEq(dp.k, "v");

// keys / values / entries
var kv = { b: 2, a: 1, 2: "two", 1: "one" };
assertDeepEq(Object.keys(kv), ["1", "2", "b", "a"]);
assertDeepEq(Object.values(kv), ["one", "two", 2, 1]);
assertDeepEq(Object.entries(kv), [["1", "one"], ["2", "two"], ["b", 2], ["a", 1]]);
assertDeepEq(Object.keys("ab"), ["0", "1"]);
assertDeepEq(Object.keys(5), []);
assertThrows(TypeError, function () { Object.keys(null); });
// a getter deleting a later key: that key is skipped
var deleting = { get a() { delete this.b; return 1; }, b: 2, c: 3 };
assertDeepEq(Object.values(deleting), [1, 3]);

// getOwnPropertyNames / Symbols / Descriptor(s)
var so = { x: 1 };
so[sym] = 2;
Object.defineProperty(so, "h", { value: 3, enumerable: false });
assertDeepEq(Object.getOwnPropertyNames(so), ["x", "h"]);
var syms = Object.getOwnPropertySymbols(so);
assertEq(syms.length, 1);
assertEq(syms[0], sym);
d = desc(so, "x");
assertDeepEq(d, { value: 1, writable: true, enumerable: true, configurable: true });
assertEq(desc(so, "nope"), undefined);
assertEq(desc("abc", "length").value, 3);
var ds = Object.getOwnPropertyDescriptors(so);
assertEq(ds.h.value, 3);
assertEq(ds.h.enumerable, false);
assertEq(ds[sym].value, 2);
var acc = desc({ get g() { return 1; } }, "g");
assertEq(typeof acc.get, "function");
assertEq(acc.set, undefined);
assert(!("value" in acc) && !("writable" in acc));

// getPrototypeOf / setPrototypeOf
assertEq(Object.getPrototypeOf(1), Number.prototype);
assertEq(Object.getPrototypeOf("s"), String.prototype);
assertThrows(TypeError, function () { Object.getPrototypeOf(undefined); });
var sp = {};
assertEq(Object.setPrototypeOf(sp, null), sp);
assertEq(Object.getPrototypeOf(sp), null);
assertEq(Object.setPrototypeOf(1, null), 1);
assertThrows(TypeError, function () { Object.setPrototypeOf(undefined, null); });
assertThrows(TypeError, function () { Object.setPrototypeOf({}, 1); });
assertThrows(TypeError, function () { Object.setPrototypeOf(Object.preventExtensions({}), {}); });
var cyc = {};
assertThrows(TypeError, function () { Object.setPrototypeOf(Object.prototype, cyc); });
var a1 = {}, a2 = Object.create(a1);
assertThrows(TypeError, function () { Object.setPrototypeOf(a1, a2); });
// Object.prototype is an immutable prototype exotic object
assertThrows(TypeError, function () { Object.setPrototypeOf(Object.prototype, {}); });
assertEq(Object.setPrototypeOf(Object.prototype, null), Object.prototype);
if (typeof Reflect !== "undefined")
  assertEq(Reflect.setPrototypeOf(Object.prototype, {}), false);

// freeze / seal / preventExtensions and their tests
var f = { a: 1 };
assertEq(Object.isFrozen(f), false);
assertEq(Object.freeze(f), f);
assert(Object.isFrozen(f) && Object.isSealed(f) && !Object.isExtensible(f));
f.a = 2;
assertEq(f.a, 1);
assertThrows(TypeError, function () { "use strict"; f.a = 2; });
var sl = Object.seal({ a: 1 });
sl.a = 2;
assertEq(sl.a, 2);
assert(Object.isSealed(sl) && !Object.isFrozen(sl));
delete sl.a;
assertEq(sl.a, 2);
var pe = Object.preventExtensions({ a: 1 });
assert(!Object.isExtensible(pe) && !Object.isSealed(pe));
assert(Object.isFrozen(Object.preventExtensions({})));
assertEq(Object.freeze(1), 1);
assertEq(Object.seal("x"), "x");
assertEq(Object.preventExtensions(true), true);
assertEq(Object.isFrozen(1), true);
assertEq(Object.isSealed(1), true);
assertEq(Object.isExtensible(1), false);
var arr = Object.freeze([1, 2]);
assertThrows(TypeError, function () { "use strict"; arr.push(3); });

// fromEntries
assertDeepEq(Object.fromEntries([["a", 1], ["b", 2]]), { a: 1, b: 2 });
assertDeepEq(Object.fromEntries(new Map([["x", 1]])), { x: 1 });
assertThrows(TypeError, function () { Object.fromEntries([1]); });
assertThrows(TypeError, function () { Object.fromEntries(null); });
assertThrows(TypeError, function () { Object.fromEntries({}); });
var closed = false;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return {
    next: function () { return { done: false, value: 42 }; },
    return: function () { closed = true; return {}; }
  };
};
assertThrows(TypeError, function () { Object.fromEntries(iterable); });
assert(closed, "fromEntries closes the iterator on a bad entry");

// groupBy
var g = Object.groupBy([1, 2, 3, 4, 5], function (x, i) { return x % 2 ? "odd" : "even"; });
assertEq(Object.getPrototypeOf(g), null);
assertDeepEq(Object.keys(g), ["odd", "even"]);
assertDeepEq(g.odd, [1, 3, 5]);
assertDeepEq(g.even, [2, 4]);
var idx = [];
Object.groupBy("abc", function (ch, i) { idx.push(i); return ch; });
assertDeepEq(idx, [0, 1, 2]);
assertThrows(TypeError, function () { Object.groupBy([1], 1); });
assertThrows(TypeError, function () { Object.groupBy(null, function () {}); });

// hasOwn / is
assertEq(Object.hasOwn({ a: 1 }, "a"), true);
assertEq(Object.hasOwn({ a: 1 }, "toString"), false);
assertEq(Object.hasOwn("ab", 1), true);
assertThrows(TypeError, function () { Object.hasOwn(null, "a"); });
assertEq(Object.is(NaN, NaN), true);
assertEq(Object.is(0, -0), false);
assertEq(Object.is("a", "a"), true);
assertEq(Object.is({}, {}), false);

// Object.prototype.hasOwnProperty / isPrototypeOf / propertyIsEnumerable
assertEq({ a: 1 }.hasOwnProperty("a"), true);
assertEq(Object.prototype.hasOwnProperty.call("ab", "length"), true);
assertThrows(TypeError, function () { Object.prototype.hasOwnProperty.call(null, "a"); });
// ToPropertyKey before ToObject
var keyCalls = 0;
assertThrows(Error, function () {
  Object.prototype.hasOwnProperty.call(null, { toString: function () { keyCalls++; throw new Error("k"); } });
});
assertEq(keyCalls, 1);
assertEq(Object.prototype.isPrototypeOf(Object.create(null)), false);
assertEq(Object.prototype.isPrototypeOf({}), true);
assertEq(Array.prototype.isPrototypeOf([]), true);
assertEq(Object.prototype.isPrototypeOf.call(null, 1), false);
assertThrows(TypeError, function () { Object.prototype.isPrototypeOf.call(null, {}); });
assertEq([1].propertyIsEnumerable(0), true);
assertEq([1].propertyIsEnumerable("length"), false);

// toString and @@toStringTag
var ts = Object.prototype.toString;
assertEq(ts.call(undefined), "[object Undefined]");
assertEq(ts.call(null), "[object Null]");
assertEq(ts.call([]), "[object Array]");
assertEq(ts.call(function () {}), "[object Function]");
assertEq(ts.call(new Error()), "[object Error]");
assertEq(ts.call(true), "[object Boolean]");
assertEq(ts.call(1), "[object Number]");
assertEq(ts.call(""), "[object String]");
assertEq(ts.call({}), "[object Object]");
assertEq(ts.call(Symbol()), "[object Symbol]");
assertEq((function () { return ts.call(arguments); })(), "[object Arguments]");
var tagged = {};
tagged[Symbol.toStringTag] = "Custom";
assertEq(ts.call(tagged), "[object Custom]");
tagged[Symbol.toStringTag] = 1;
assertEq(ts.call(tagged), "[object Object]");
var fakeArr = [];
fakeArr[Symbol.toStringTag] = "NotArray";
assertEq(ts.call(fakeArr), "[object NotArray]");
assertEq(String({}), "[object Object]");
assertEq({}.toLocaleString(), "[object Object]");
assertEq(Object.prototype.toLocaleString.call(1), "1");

// valueOf
var vo = {};
assertEq(vo.valueOf(), vo);
assertEq(typeof Object.prototype.valueOf.call(1), "object");
assertThrows(TypeError, function () { Object.prototype.valueOf.call(undefined); });

// __proto__ accessor
var pd = desc(Object.prototype, "__proto__");
assertEq(typeof pd.get, "function");
assertEq(typeof pd.set, "function");
assertEq(pd.get.name, "get __proto__");
assertEq(pd.set.name, "set __proto__");
assert(!pd.enumerable && pd.configurable);
var pp = {};
pp.__proto__ = Array.prototype;
assertEq(Object.getPrototypeOf(pp), Array.prototype);
pp.__proto__ = 5;  // ignored
assertEq(Object.getPrototypeOf(pp), Array.prototype);
assertEq((1).__proto__, Number.prototype);
assertEq(pd.set.call(1, {}), undefined);
assertThrows(TypeError, function () { pd.set.call(undefined, {}); });
assertThrows(TypeError, function () { pd.get.call(undefined); });

// __defineGetter__ family
var lg = {};
lg.__defineGetter__("x", function () { return 10; });
assertEq(lg.x, 10);
d = desc(lg, "x");
assert(d.enumerable && d.configurable);
lg.__defineSetter__("y", function (v) { this.yy = v; });
lg.y = 3;
assertEq(lg.yy, 3);
assertEq(typeof lg.__lookupGetter__("x"), "function");
assertEq(lg.__lookupSetter__("x"), undefined);
assertEq(Object.create(lg).__lookupSetter__("y"), desc(lg, "y").set);
assertEq({ a: 1 }.__lookupGetter__("a"), undefined);
assertThrows(TypeError, function () { lg.__defineGetter__("z", 1); });
assertThrows(TypeError, function () { Object.freeze(lg).__defineGetter__("q", function () {}); });

// method attributes
d = desc(Object, "keys");
assert(d.writable && !d.enumerable && d.configurable);
assertEq(Object.keys.length, 1);
assertEq(Object.assign.length, 2);
assertEq(Object.defineProperty.length, 3);
assertEq(Object.keys.name, "keys");
d = desc(Object.keys, "name");
assert(!d.writable && !d.enumerable && d.configurable);
assertThrows(TypeError, function () { new Object.keys({}); });
