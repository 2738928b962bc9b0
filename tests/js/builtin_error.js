// Error, the native errors, AggregateError and the V8-style extras
// (stack, Error.captureStackTrace, Error.stackTraceLimit).

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

var natives = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];

// Error
assertEq(Error.length, 1);
assertEq(Error.name, "Error");
assertEq(Object.getPrototypeOf(Error), Function.prototype);
assertEq(Object.getPrototypeOf(Error.prototype), Object.prototype);
assertEq(Object.prototype.toString.call(Error.prototype), "[object Object]");
assertEq(Error.prototype.constructor, Error);
assertEq(Error.prototype.name, "Error");
assertEq(Error.prototype.message, "");
var d = desc(Error, "prototype");
assert(!d.writable && !d.enumerable && !d.configurable);
d = desc(Error.prototype, "message");
assert(d.writable && !d.enumerable && d.configurable);

var e = new Error("boom");
assertEq(e.message, "boom");
assertEq(e.name, "Error");
assert(e instanceof Error);
assertEq(Object.prototype.toString.call(e), "[object Error]");
d = desc(e, "message");
assert(d.writable && !d.enumerable && d.configurable);
assertEq(e.hasOwnProperty("name"), false);
assertEq(new Error().hasOwnProperty("message"), false);
assertEq(new Error(undefined).hasOwnProperty("message"), false);
assertEq(new Error(42).message, "42");
assertEq(new Error({ toString: function () { return "obj"; } }).message, "obj");
assertThrows(TypeError, function () { new Error(Symbol()); });
// callable without new
var e2 = Error("x");
assert(e2 instanceof Error);
assertEq(e2.message, "x");
assertEq(Object.keys(e).length, 0);

// cause
var c = new Error("m", { cause: 0 });
assertEq(c.cause, 0);
d = desc(c, "cause");
assert(d.writable && !d.enumerable && d.configurable);
assertEq(new Error("m", {}).hasOwnProperty("cause"), false);
assertEq(new Error("m", { cause: undefined }).hasOwnProperty("cause"), true);
assertEq(new Error("m", 1).hasOwnProperty("cause"), false);
var protoCause = Object.create({ cause: "inherited" });
assertEq(new Error("m", protoCause).cause, "inherited");
var order = [];
new Error({ toString: function () { order.push("msg"); return ""; } },
          { get cause() { order.push("cause"); } });
assertDeepEq(order, ["msg", "cause"]);

// toString
assertEq(e.toString(), "Error: boom");
assertEq(new Error().toString(), "Error");
assertEq(Error.prototype.toString.call({ name: "N", message: "M" }), "N: M");
assertEq(Error.prototype.toString.call({ name: "", message: "M" }), "M");
assertEq(Error.prototype.toString.call({ name: "N", message: "" }), "N");
assertEq(Error.prototype.toString.call({}), "Error");
assertEq(Error.prototype.toString.call({ name: undefined, message: undefined }), "Error");
assertEq(Error.prototype.toString.call({ name: 1, message: 2 }), "1: 2");
assertThrows(TypeError, function () { Error.prototype.toString.call(1); });
assertEq(String(new TypeError("t")), "TypeError: t");

// native errors
natives.forEach(function (C) {
  var n = C.name;
  assertEq(Object.getPrototypeOf(C), Error);
  assertEq(Object.getPrototypeOf(C.prototype), Error.prototype);
  assertEq(C.length, 1);
  assertEq(C.prototype.name, n);
  assertEq(C.prototype.message, "");
  assertEq(C.prototype.constructor, C);
  assertEq(C.prototype.hasOwnProperty("toString"), false);
  var x = new C("msg");
  assert(x instanceof C && x instanceof Error, n);
  assertEq(x.toString(), n + ": msg");
  assertEq(Object.prototype.toString.call(x), "[object Error]");
  var y = C("m2", { cause: "c" });
  assert(y instanceof C);
  assertEq(y.cause, "c");
  var dd = desc(globalThis, n);
  assert(dd.writable && !dd.enumerable && dd.configurable, n);
});

// engine-thrown errors use the same prototypes
try { null.x; } catch (err) { assert(err instanceof TypeError); assertEq(err.constructor, TypeError); }
try { undefinedVariable; } catch (err) { assert(err instanceof ReferenceError); }
try { eval("("); } catch (err) { assert(err instanceof SyntaxError); }
try { new Array(-1); } catch (err) { assert(err instanceof RangeError); }
try { decodeURI("%"); } catch (err) { assert(err instanceof URIError); }

// AggregateError
assertEq(AggregateError.length, 2);
assertEq(Object.getPrototypeOf(AggregateError), Error);
assertEq(AggregateError.prototype.name, "AggregateError");
var ag = new AggregateError([1, 2], "many", { cause: "why" });
assertDeepEq(ag.errors, [1, 2]);
assertEq(ag.message, "many");
assertEq(ag.cause, "why");
assert(Array.isArray(ag.errors));
d = desc(ag, "errors");
assert(d.writable && !d.enumerable && d.configurable);
assertDeepEq(AggregateError(new Set(["a"])).errors, ["a"]);
assertThrows(TypeError, function () { new AggregateError(); });
assertThrows(TypeError, function () { new AggregateError(5); });
assertEq(AggregateError.prototype.hasOwnProperty("errors"), false);
// message before cause before errors
order = [];
var it = {};
it[Symbol.iterator] = function () { order.push("iter"); return [][Symbol.iterator](); };
new AggregateError(it, { toString: function () { order.push("msg"); return "m"; } },
                   { get cause() { order.push("cause"); } });
assertDeepEq(order, ["msg", "cause", "iter"]);

// subclassing
class MyError extends Error {
  constructor(m) { super(m); this.name = "MyError"; }
}
var me = new MyError("sub");
assert(me instanceof MyError && me instanceof Error);
assertEq(Object.prototype.toString.call(me), "[object Error]");
assertEq(me.toString(), "MyError: sub");
class MyRange extends RangeError {}
assertEq(Object.getPrototypeOf(new MyRange()), MyRange.prototype);
if (typeof Reflect !== "undefined") {
  var viaReflect = Reflect.construct(Error, ["r"], Object);
  assertEq(Object.getPrototypeOf(viaReflect), Object.prototype);
  var NoProto = function () {};
  NoProto.prototype = null;
  assertEq(Object.getPrototypeOf(Reflect.construct(TypeError, [], NoProto)), TypeError.prototype);
}

// stack (V8 style)
function thrower() { return new Error("deep"); }
var st = thrower().stack;
assertEq(typeof st, "string");
assert(st.indexOf("Error: deep") === 0, st);
assert(st.indexOf("thrower") > 0, st);
d = desc(thrower(), "stack");
assert(d !== undefined && !d.enumerable);
var holder = {};
Error.captureStackTrace(holder);
assertEq(typeof holder.stack, "string");
assertThrows(TypeError, function () { Error.captureStackTrace(1); });
assertEq(Error.stackTraceLimit, 10);
d = desc(Error, "stackTraceLimit");
assert(d.writable && d.configurable);

// Error.isError
assertEq(Error.isError(new Error()), true);
assertEq(Error.isError(new TypeError()), true);
assertEq(Error.isError(me), true);
assertEq(Error.isError({ __proto__: Error.prototype }), false);
assertEq(Error.isError(Error.prototype), false);
assertEq(Error.isError(1), false);
assertEq(Error.isError(), false);
if (typeof Proxy !== "undefined")
  assertEq(Error.isError(new Proxy(new Error(), {})), false);
assertEq(Error.isError.length, 1);
