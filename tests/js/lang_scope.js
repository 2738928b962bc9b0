// Scopes: var hoisting, block scoping, shadowing, globals, typeof, delete.

// var hoisting and function declarations
assertEq(typeof hoisted, "function");
function hoisted() { return 1; }
assertEq(typeof laterVar, "undefined");
var laterVar = 2;
assertEq(laterVar, 2);

// top-level var and function declarations are global object properties
var gv = 10;
assertEq(globalThis.gv, 10);
assertEq(Object.getOwnPropertyDescriptor(globalThis, "gv").configurable, false);
assertEq(typeof globalThis.hoisted, "function");

// top-level let/const are not
let gl = 11;
const gc = 12;
assertEq(globalThis.gl, undefined);
assertEq(globalThis.gc, undefined);
assertEq(gl + gc, 23);

// sloppy assignment to an undeclared name creates a global property
(function () { implicitGlobal = 5; })();
assertEq(globalThis.implicitGlobal, 5);
assertEq(delete globalThis.implicitGlobal, true);
assertThrows(ReferenceError, function () { "use strict"; strictUndeclared = 1; });
assertThrows(ReferenceError, function () { return notDeclaredAnywhere; });
assertEq(typeof notDeclaredAnywhere, "undefined");

// block scoping and shadowing
let x = "outer";
{
  let x = "inner";
  assertEq(x, "inner");
  {
    const x = "innermost";
    assertEq(x, "innermost");
  }
  assertEq(x, "inner");
}
assertEq(x, "outer");

function shadowParam(a) {
  { let a = 2; assertEq(a, 2); }
  return a;
}
assertEq(shadowParam(1), 1);

// var in blocks is function scoped
function varInBlock() {
  if (true) { var v = 3; }
  return v;
}
assertEq(varInBlock(), 3);

// catch parameter scope
var e = "outer e";
try { throw "thrown"; } catch (e) { assertEq(e, "thrown"); }
assertEq(e, "outer e");
try { throw { a: 1, b: [2] }; } catch ({ a, b: [c] }) { assertEq(a + c, 3); }
try { throw 1; } catch { assert(true); }

// switch shares one scope across cases
function sw(k) {
  switch (k) {
    case 0: let y = "zero"; return y;
    case 1: return typeof z;
    default: var z; return "d";
  }
}
assertEq(sw(0), "zero");
assertEq(sw(1), "undefined");

// delete
var obj = { p: 1 };
assertEq(delete obj.p, true);
assertEq("p" in obj, false);
assertEq(delete obj.missing, true);
var declared = 1;
assertEq(delete declared, false);
assertEq(declared, 1);
(function () { var local = 1; assertEq(delete local, false); })();
assertThrows(TypeError, function () { "use strict"; delete Object.prototype; });

// function declarations in blocks (Annex B in sloppy mode)
function annexB() {
  assertEq(f, undefined);
  { function f() { return "block"; } }
  return f();
}
assertEq(annexB(), "block");
(function () {
  "use strict";
  { function g() {} }
  assertEq(typeof g, "undefined");
})();

// named function expression binding is read-only and local
var nfe = function self() { self = 1; return typeof self; };
assertEq(nfe(), "function");
assertEq(typeof self, "undefined");
var nfeStrict = function self2() { "use strict"; self2 = 1; };
assertThrows(TypeError, nfeStrict);

// globalThis and this at top level
assertEq(this, globalThis);
var arrowThis = () => this;
assertEq(arrowThis(), globalThis);
assertEq(arrowThis.call({}), globalThis);
