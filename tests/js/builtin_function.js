// Function, Function.prototype (call/apply/bind/toString/@@hasInstance),
// bound functions and %ThrowTypeError%.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

// Function.prototype is itself a function returning undefined
assertEq(typeof Function.prototype, "function");
assertEq(Function.prototype(), undefined);
assertEq(Function.prototype(1, 2, 3), undefined);
assertEq(Function.prototype.length, 0);
assertEq(Function.prototype.name, "");
assertEq(Object.getPrototypeOf(Function.prototype), Object.prototype);
assertThrows(TypeError, function () { new Function.prototype(); });
assertEq(Function.prototype.hasOwnProperty("prototype"), false);
var d = desc(Function.prototype, "length");
assert(!d.writable && !d.enumerable && d.configurable);

// Function constructor
assertEq(Function.length, 1);
assertEq(Function.name, "Function");
assertEq(Function.prototype.constructor, Function);
assertEq(Object.getPrototypeOf(Function), Function.prototype);
var add = new Function("a", "b", "return a + b");
assertEq(add(2, 3), 5);
assertEq(Function("return 7")(), 7);
assertEq(Function("a, b", "return a * b")(3, 4), 12);
assertThrows(SyntaxError, function () { Function("}"); });

// call / apply
function who() { "use strict"; return [this, arguments.length]; }
assertDeepEq(who.call(1, 2, 3), [1, 2]);
assertDeepEq(who.call(), [undefined, 0]);
assertDeepEq(who.apply("t", [1, 2, 3]), ["t", 3]);
assertDeepEq(who.apply(null), [null, 0]);
assertDeepEq(who.apply(null, undefined), [null, 0]);
assertDeepEq(who.apply(null, { length: 2, 0: "a" }), [null, 2]);
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
assertEq(sum.apply(null, [1, 2, 3, 4]), 10);
assertEq(sum.apply(null, { length: 3, 0: 1, 1: 2, 2: 3 }), 6);
assertThrows(TypeError, function () { sum.apply(null, 1); });
assertThrows(TypeError, function () { Function.prototype.call.call({}); });
assertThrows(TypeError, function () { Function.prototype.apply.call(1); });
assertEq(Function.prototype.call.length, 1);
assertEq(Function.prototype.apply.length, 2);
// sloppy functions see a boxed this
assertEq(typeof function () { return this; }.call(1), "object");
var big = [];
for (var i = 0; i < 1000; i++) big.push(1);
assertEq(sum.apply(null, big), 1000);

// bind
function pt(a, b, c) { "use strict"; return [this, a, b, c]; }
var b = pt.bind("T", 1);
assertDeepEq(b(2, 3), ["T", 1, 2, 3]);
assertEq(b.name, "bound pt");
assertEq(b.length, 2);
assertEq(pt.bind(null, 1, 2, 3, 4).length, 0);
assertEq(Object.getPrototypeOf(b), Function.prototype);
assertEq(b.hasOwnProperty("prototype"), false);
d = desc(b, "name");
assert(!d.writable && !d.enumerable && d.configurable);
d = desc(b, "length");
assert(!d.writable && !d.enumerable && d.configurable);
var bb = b.bind("ignored", 2);
assertDeepEq(bb(3), ["T", 1, 2, 3]);
assertEq(bb.name, "bound bound pt");
assertEq(bb.length, 1);
// length from a non-number / infinite / fractional `length`
var odd = function () {};
Object.defineProperty(odd, "length", { value: "3" });
assertEq(odd.bind().length, 0);
Object.defineProperty(odd, "length", { value: Infinity });
assertEq(odd.bind(null, 1).length, Infinity);
Object.defineProperty(odd, "length", { value: -Infinity });
assertEq(odd.bind().length, 0);
Object.defineProperty(odd, "length", { value: 2.5 });
assertEq(odd.bind().length, 2);
Object.defineProperty(odd, "name", { value: 5 });
assertEq(odd.bind().name, "bound ");
// construct through a bound function
function Pt(x, y) { this.x = x; this.y = y; }
var BPt = Pt.bind(null, 1);
var inst = new BPt(2);
assertEq(inst.x, 1);
assertEq(inst.y, 2);
assert(inst instanceof Pt);
assert(inst instanceof BPt);
class K { constructor(v) { this.v = v; this.nt = new.target; } }
var BK = K.bind(null, 5);
var k = new BK();
assertEq(k.v, 5);
assertEq(k.nt, K);
assertThrows(TypeError, function () { BK(); });
assertThrows(TypeError, function () { new (Math.max.bind(null))(); });
assertThrows(TypeError, function () { Function.prototype.bind.call({}); });
// a bound function has no `prototype`: extending it needs one
assertThrows(TypeError, function () { class Bad extends BK {} });
BK.prototype = K.prototype;
class Derived extends BK {}
assertEq(new Derived().nt, Derived);
assertEq(new Derived().v, 5);
// the prototype of a bound function follows its target
var protoFn = function () {};
Object.setPrototypeOf(protoFn, null);
assertEq(Object.getPrototypeOf(Function.prototype.bind.call(protoFn)), null);
// arrows keep their lexical this
var arrow = (function () { "use strict"; return () => this; }).call("lex");
assertEq(arrow.bind("other")(), "lex");

// toString
function named(a) { return a; }
var src = named.toString();
assertEq(src, "function named(a) { return a; }");
assertEq(Math.max.toString(), "function max() { [native code] }");
assertEq(Function.prototype.toString.call(Function.prototype), "function () { [native code] }");
function isNative(src) {
  var tail = "() { [native code] }";
  return src.indexOf("function ") === 0 && src.slice(src.length - tail.length) === tail;
}
assert(isNative(b.toString()), b.toString());
assertEq(desc(Object.prototype, "__proto__").get.toString(), "function get __proto__() { [native code] }");
assertEq(Array.prototype[Symbol.iterator].toString(), "function values() { [native code] }");
assertEq(Symbol.prototype[Symbol.toPrimitive].toString(), "function [Symbol.toPrimitive]() { [native code] }");
if (typeof Proxy !== "undefined")
  assert(isNative(Function.prototype.toString.call(new Proxy(function () {}, {}))));
assertThrows(TypeError, function () { Function.prototype.toString.call({}); });
assertThrows(TypeError, function () { Function.prototype.toString.call(1); });
assertEq((class A { m() {} }).toString(), "class A { m() {} }");
assertEq(({ m() { return 1; } }).m.toString(), "m() { return 1; }");
assertEq((x => x * 2).toString(), "x => x * 2");

// Symbol.hasInstance
d = desc(Function.prototype, Symbol.hasInstance);
assert(!d.writable && !d.enumerable && !d.configurable);
assertEq(Function.prototype[Symbol.hasInstance].name, "[Symbol.hasInstance]");
assertEq(Function.prototype[Symbol.hasInstance].length, 1);
assertEq(Pt[Symbol.hasInstance](inst), true);
assertEq(Pt[Symbol.hasInstance]({}), false);
assertEq(Function.prototype[Symbol.hasInstance].call({}, {}), false);
assertEq(BPt[Symbol.hasInstance](inst), true);

// %ThrowTypeError% and the restricted caller / arguments
var cd = desc(Function.prototype, "caller");
var ad = desc(Function.prototype, "arguments");
assertEq(typeof cd.get, "function");
assertEq(cd.get, cd.set);
assertEq(cd.get, ad.get);
assertEq(ad.get, ad.set);
assert(!cd.enumerable && cd.configurable);
var TTE = cd.get;
assertThrows(TypeError, function () { TTE(); });
assertThrows(TypeError, function () { (function () { "use strict"; }).caller; });
assertThrows(TypeError, function () { (function () { "use strict"; }).arguments = 1; });
assertEq(Object.isFrozen(TTE), true);
assertEq(Object.isExtensible(TTE), false);
assertEq(TTE.length, 0);
assertEq(TTE.name, "");
d = desc(TTE, "length");
assert(!d.writable && !d.configurable);
d = desc(TTE, "name");
assert(!d.writable && !d.configurable);
// a strict function's arguments.callee is the same %ThrowTypeError%
var calleeGet = (function () { "use strict"; return desc(arguments, "callee").get; })();
assertEq(calleeGet, TTE);

// C function objects
d = desc(Math.max, "name");
assert(!d.writable && !d.enumerable && d.configurable);
assertDeepEq(Object.getOwnPropertyNames(Math.max), ["length", "name"]);
assertEq(Object.getPrototypeOf(Math.max), Function.prototype);
assertEq(Array.prototype[Symbol.iterator].name, "values");
assertEq(Object.getOwnPropertyDescriptor(Map.prototype, "size").get.name, "get size");
assertEq(Object.getOwnPropertyDescriptor(Array, Symbol.species).get.name, "get [Symbol.species]");
// missing arguments read as undefined
assertEq(Math.max(), -Infinity);
assertEq(Object.is(undefined), true);
assertThrows(TypeError, function () { new Math.max(); });
assertThrows(TypeError, function () { Map(); });
