// Interpreter: throw/catch/finally, unwinding through frames, completion
// values of finally, errors thrown by the VM itself and the `stack` property.

// ------------------------------------------------------------ basics
var r = [];
try { r.push(1); throw 5; } catch (e) { r.push(e); } finally { r.push(3); }
assertDeepEq(r, [1, 5, 3]);

function thrower(x) { throw new TypeError("bad " + x); }
function middle(x) { return thrower(x) + 1; }
try { middle(7); assert(false); } catch (e) {
  assert(e instanceof TypeError);
  assertEq(e.message, "bad 7");
}

// catch without binding, nested try
var log = "";
try {
  try { throw 1; } catch { log += "a"; throw 2; } finally { log += "b"; }
} catch (e) { log += "c" + e; }
assertEq(log, "abc2");

// ------------------------------------------------------------ finally and completions
function f1() { try { return 1; } finally { log = "f1"; } }
assertEq(f1(), 1);
assertEq(log, "f1");
function f2() { try { return 1; } finally { return 2; } }
assertEq(f2(), 2);
function f3() { try { throw 1; } finally { return 3; } }
assertEq(f3(), 3);
function f4() { for (var i = 0; i < 5; i++) { try { if (i == 2) break; } finally { log += i; } } return i; }
log = "";
assertEq(f4(), 2);
assertEq(log, "012");
function f5() {
  var s = "";
  for (var i = 0; i < 4; i++) {
    try { if (i % 2) continue; s += "t" + i; } finally { s += "f" + i; }
  }
  return s;
}
assertEq(f5(), "t0f0f1t2f2f3");
function f6() {
  try { try { throw new Error("inner"); } finally { log = "inner-finally"; } }
  catch (e) { return e.message; }
}
assertEq(f6(), "inner");
assertEq(log, "inner-finally");
// exception in finally replaces the pending one
function f7() { try { throw 1; } finally { throw 2; } }
try { f7(); } catch (e) { assertEq(e, 2); }
// nested finally with returns through several levels
function f8() {
  var s = [];
  try {
    try { return s; } finally { s.push("a"); }
  } finally { s.push("b"); }
}
assertDeepEq(f8(), ["a", "b"]);
// labelled break out of try/finally
function f9() {
  var s = "";
  outer: for (var i = 0; i < 3; i++) {
    for (var j = 0; j < 3; j++) {
      try { if (j == 1) continue outer; if (i == 2) break outer; s += i + "" + j; }
      finally { s += "."; }
    }
  }
  return s;
}
assertEq(f9(), "00..10...");

// ------------------------------------------------------------ throws across frames
function deep(n) { if (n == 0) throw new RangeError("bottom"); return deep(n - 1); }
try { deep(100); } catch (e) { assertEq(e.message, "bottom"); assert(e instanceof RangeError); }
// the stack is usable afterwards (frames were popped)
function sum(n) { return n == 0 ? 0 : n + sum(n - 1); }
assertEq(sum(1000), 500500);

// exceptions from native code and callbacks
try { null.x; assert(false); } catch (e) { assert(e instanceof TypeError); }
try { undefined.x = 1; assert(false); } catch (e) { assert(e instanceof TypeError); }
try { notDefinedAnywhere; assert(false); } catch (e) { assert(e instanceof ReferenceError); }
try { (void 0)(); assert(false); } catch (e) { assert(e instanceof TypeError); }
try { new (function () {}.bind())(); } catch (e) { assert(false, "bound new"); }
try {
  [1, 2, 3].map(function (x) { if (x == 2) throw "cb" + x; return x; });
  assert(false);
} catch (e) { assertEq(e, "cb2"); }
var caught = 0;
[1, 2].forEach(function (x) { try { throw x; } catch (e) { caught += e; } });
assertEq(caught, 3);

// TDZ
try { (function () { tdz; let tdz = 1; })(); assert(false); }
catch (e) { assert(e instanceof ReferenceError); }
try { (function () { const c = 1; c = 2; })(); assert(false); }
catch (e) { assert(e instanceof TypeError); }

// ------------------------------------------------------------ stack traces
function named() { return new Error("here"); }
var err = named();
assertEq(typeof err.stack, "string");
assert(err.stack.indexOf("Error: here") == 0, err.stack);
assert(err.stack.indexOf("at named (") > 0, err.stack);
assert(err.stack.indexOf("vm_exceptions.js:101:") > 0, err.stack);
try { [0].map(function inner() { throw new Error("x"); }); } catch (e) {
  assert(e.stack.indexOf("at inner (") > 0, e.stack);
  assert(e.stack.indexOf("(native)") > 0, e.stack);
}

// ------------------------------------------------------------ exceptions with iterators
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
  var i = 0;
  return {
    next: function () { return { value: i++, done: i > 5 }; },
    return: function () { closed++; return {}; }
  };
};
try { for (var v of iterable) { if (v == 2) throw "stop"; } } catch (e) { assertEq(e, "stop"); }
assertEq(closed, 1);
for (var v of iterable) { if (v == 1) break; }
assertEq(closed, 2);
(function () { for (var v of iterable) { if (v == 1) return; } })();
assertEq(closed, 3);
for (var v of iterable) { }
assertEq(closed, 3);
