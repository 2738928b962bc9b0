// Interpreter: arguments objects, mapped (sloppy, simple parameters) and
// unmapped (strict or non-simple parameters).

function mapped(a, b) {
  arguments[0] = 10;
  b = 20;
  return [a, arguments[1], arguments.length];
}
assertDeepEq(mapped(1, 2), [10, 20, 2]);
assertDeepEq(mapped(1), [10, undefined, 1]);   // b not mapped when not passed

function unmappedStrict(a) {
  "use strict";
  arguments[0] = 10;
  a = 5;
  return [a, arguments[0]];
}
assertDeepEq(unmappedStrict(1), [5, 10]);

function nonSimple(a = 0) { arguments[0] = 10; return a; }
assertEq(nonSimple(1), 1);
function rest(a, ...r) { return [arguments.length, r.length, r[1]]; }
assertDeepEq(rest(1, 2, 3), [3, 2, 3]);

// properties of the arguments object
function props() { return arguments; }
var args = props(1, "x");
assertEq(Object.prototype.toString.call(args), "[object Arguments]");
assertEq(args.length, 2);
assertEq(args[1], "x");
assert(!Array.isArray(args));
assertEq(typeof args[Symbol.iterator], "function");
assertDeepEq(Array.from(args), [1, "x"]);
assertDeepEq([...args], [1, "x"]);
assertEq(Object.getOwnPropertyDescriptor(args, "length").enumerable, false);
assertEq(args.callee, props);
function strictArgs() { "use strict"; return arguments; }
assertThrows(TypeError, function () { return strictArgs().callee; });

// deleting a mapped element breaks the mapping
function del(a) { delete arguments[0]; arguments[0] = 9; return a; }
assertEq(del(1), 1);
// defineProperty with a value updates the parameter; non-writable unmaps
function def(a) {
  Object.defineProperty(arguments, "0", { value: 3 });
  var r1 = a;
  Object.defineProperty(arguments, "0", { writable: false });
  a = 4;
  return [r1, arguments[0]];
}
assertDeepEq(def(1), [3, 3]);

// duplicate parameter names: the last one is the mapped one
function dup(a, a) { arguments[1] = "m"; return a; }
assertEq(dup(1, 2), "m");

// arguments after the frame returned still aliases the closed variable
function keep(a) { return { args: arguments, get: function () { return a; } }; }
var k = keep(1);
k.args[0] = 42;
assertEq(k.get(), 42);

// arguments in arrow functions is the enclosing function's
function outerArgs() { return (() => arguments.length)(); }
assertEq(outerArgs(1, 2, 3), 3);

// spread of arguments, apply
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
assertEq(sum.apply(null, [1, 2, 3]), 6);
assertEq(sum(...[1, 2, 3, 4]), 10);
function fwd() { return sum.apply(this, arguments); }
assertEq(fwd(5, 6), 11);
