// Closures: capture by reference, per-iteration bindings, nested capture.

function counter() {
  var n = 0;
  return { inc: function () { return ++n; }, get: function () { return n; } };
}
var c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
assertEq(c1.get(), 2);
assertEq(c2.get(), 1);

// capture by reference: later changes are visible
function late() {
  var v = 1;
  var f = function () { return v; };
  v = 2;
  return f();
}
assertEq(late(), 2);

// per-iteration bindings of for (let ...)
var fs = [];
for (let i = 0; i < 3; i++) fs.push(function () { return i; });
assertDeepEq(fs.map(function (f) { return f(); }), [0, 1, 2]);
var fv = [];
for (var j = 0; j < 3; j++) fv.push(function () { return j; });
assertDeepEq(fv.map(function (f) { return f(); }), [3, 3, 3]);

// the copy happens before the update: closures in the body see the
// value of their iteration, even when the body changes it
var fm = [];
for (let i = 0; i < 6; i++) { fm.push(function () { return i; }); i++; }
assertDeepEq(fm.map(function (f) { return f(); }), [1, 3, 5]);

// closures created in the loop head
var heads = [];
for (let i = 0, g = function () { return i; }; i < 2; i++) heads.push(g);
assertDeepEq(heads.map(function (f) { return f(); }), [0, 0]);

// continue still closes the iteration
var fc = [];
for (let i = 0; i < 4; i++) { fc.push(function () { return i; }); if (i % 2) continue; }
assertDeepEq(fc.map(function (f) { return f(); }), [0, 1, 2, 3]);

// for-in / for-of with let: fresh binding per iteration
var fo = [];
for (let x of ["a", "b"]) fo.push(function () { return x; });
assertEq(fo[0]() + fo[1](), "ab");
var fi = [];
for (let k in { p: 1, q: 2 }) fi.push(function () { return k; });
assertEq(fi[0]() + fi[1](), "pq");

// block scoped captures inside loops are fresh each time
var fb = [];
for (var m = 0; m < 3; m++) { let copy = m; fb.push(function () { return copy; }); }
assertDeepEq(fb.map(function (f) { return f(); }), [0, 1, 2]);
var fw = [], w = 0;
while (w < 3) { const cw = w++; fw.push(() => cw); }
assertDeepEq(fw.map(function (f) { return f(); }), [0, 1, 2]);
// break out of a block with a captured binding
var fbr = [];
for (var b = 0; b < 3; b++) { let keep = b; fbr.push(() => keep); if (b == 1) break; }
assertDeepEq(fbr.map(function (f) { return f(); }), [0, 1]);

// deep nesting: capture through several levels
function a1(x) {
  return function a2(y) {
    return function a3(z) {
      return function () { return x + y + z; };
    };
  };
}
assertEq(a1(1)(2)(3)(), 6);

// closures share the variable
function shared() {
  var s = 0;
  function add(k) { s += k; }
  function get() { return s; }
  add(2); add(3);
  return get();
}
assertEq(shared(), 5);

// arguments captured by an arrow
function outer() { return () => arguments[0]; }
assertEq(outer(7)(), 7);

// parameters captured
function param(p) { return function () { return p++; }; }
var pf = param(10);
pf();
assertEq(pf(), 11);

// recursion through a closure variable
var fact = function (n) { return n <= 1 ? 1 : n * fact(n - 1); };
assertEq(fact(10), 3628800);

// string accumulation in a captured variable
function accum() {
  var s = "";
  [1, 2, 3].forEach(function (d) { s += d; });
  return s;
}
assertEq(accum(), "123");
