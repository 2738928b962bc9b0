// Temporal dead zone of let/const/class, const assignment.

assertThrows(ReferenceError, function () { a; let a = 1; });
assertThrows(ReferenceError, function () { a = 2; let a; });
assertThrows(ReferenceError, function () { typeof a; let a; });
assertThrows(ReferenceError, function () { const c = c; });
assertThrows(ReferenceError, function () { new C(); class C {} });
assertThrows(ReferenceError, function () { let x = x + 1; });

// closures created before the declaration see the TDZ until it runs
function early() {
  var read = () => v;
  assertThrows(ReferenceError, read);
  let v = 5;
  assertEq(read(), 5);
}
early();

// hoisted function declarations referencing later lets
function hoist() {
  function get() { return w; }
  assertThrows(ReferenceError, get);
  let w = 3;
  return get();
}
assertEq(hoist(), 3);

// each loop iteration starts a new TDZ
for (var i = 0; i < 2; i++) {
  assertThrows(ReferenceError, function () { return t; });
  let t = i;
  assertEq(t, i);
}

// switch cases share one scope: the binding may be uninitialised
function sw(k) {
  switch (k) {
    case 0: let s = 1;
    case 1: return s;
  }
}
assertEq(sw(0), 1);
assertThrows(ReferenceError, function () { sw(1); });

// for (let ...) heads: the right-hand side of for-in/of is in the TDZ
assertThrows(ReferenceError, function () { for (let q of [q]) {} });
assertThrows(ReferenceError, function () { for (let q in q) {} });

// const
assertThrows(TypeError, function () { const k = 1; k = 2; });
assertThrows(TypeError, function () { const k = 1; k += 2; });
assertThrows(TypeError, function () { const k = 1; k++; });
assertThrows(TypeError, function () { for (const j = 0; j < 1; j++) {} });
var ok = 0;
for (const j of [1, 2]) ok += j;
assertEq(ok, 3);
// const assignment error happens after the right-hand side
var rhs = 0;
try { (function () { const z = 1; z = (rhs = 1); })(); } catch (e) { assert(e instanceof TypeError); }
assertEq(rhs, 1);

// global lexical TDZ
assertThrows(ReferenceError, function () { return laterGlobal; });
let laterGlobal = 1;
assertEq(laterGlobal, 1);

// class declarations: inner binding is immutable
class K { static f() { return K; } }
assertEq(K.f(), K);
assertThrows(TypeError, function () { class L { static m() { L = 1; } } L.m(); });
