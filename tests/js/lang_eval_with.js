// Direct and indirect eval, and the with statement.

// direct eval sees and changes local variables
function localEval() {
  var a = 1;
  let b = 2;
  eval("a = 10; b = 20;");
  return a + b;
}
assertEq(localEval(), 30);

// var declarations of sloppy direct eval go to the function's scope
function evalVar() {
  eval("var ev = 5;");
  return ev;
}
assertEq(evalVar(), 5);
assertEq(typeof ev, "undefined");
function evalVarClosure() {
  eval("var ev2 = 1;");
  return function () { return ev2++; };
}
var evc = evalVarClosure();
evc();
assertEq(evc(), 2);
function evalFunc() { eval("function ef() { return 'ef'; }"); return ef(); }
assertEq(evalFunc(), "ef");
// an eval var shadows an outer binding for later lookups
var shadowed = "global";
function evalShadow() {
  var before = shadowed;
  eval("var shadowed = 'local';");
  return before + "/" + shadowed;
}
assertEq(evalShadow(), "global/local");
assertEq(shadowed, "global");

// strict eval has its own variables
function strictEval() { "use strict"; eval("var se = 1;"); return typeof se; }
assertEq(strictEval(), "undefined");
assertEq(eval("'use strict'; var se2 = 3; se2"), 3);
assertEq(typeof se2, "undefined");

// eval sees this, arguments, new.target of the function
function evalThis() { return eval("this"); }
var thisObj = { evalThis };
assertEq(thisObj.evalThis(), thisObj);
function evalArgs() { return eval("arguments.length"); }
assertEq(evalArgs(1, 2, 3), 3);
function EvalNT() { this.nt = eval("new.target"); }
assertEq(new EvalNT().nt, EvalNT);
var arrowEval = () => eval("this");
assertEq(arrowEval(), globalThis);

// block scoped bindings visible at the call site
function evalBlock() {
  let x = "outer";
  { let x = "inner"; return eval("x"); }
}
assertEq(evalBlock(), "inner");
// conflicting var declaration with a let in between: SyntaxError
assertThrows(SyntaxError, function () { let lx; { eval("var lx;"); } });
assertThrows(SyntaxError, function () { eval("let dup; var dup;"); });

// global eval: var declarations become global properties
eval("var globalFromEval = 7;");
assertEq(globalThis.globalFromEval, 7);
assertEq(delete globalThis.globalFromEval, true);
eval("let notGlobal = 1;");
assertEq(typeof notGlobal, "undefined");

// indirect eval runs in the global scope
var scopeName = "global";
function indirect() {
  var scopeName = "local";
  return [(0, eval)("scopeName"), eval("scopeName")];
}
assertDeepEq(indirect(), ["global", "local"]);
var geval = eval;
function indirectVar() { geval("var fromIndirect = 1;"); return typeof fromIndirect; }
assertEq(indirectVar(), "number");
assertEq(globalThis.fromIndirect, 1);

// eval returns the completion value; non-strings pass through
assertEq(eval("1 + 2"), 3);
var o = {};
assertEq(eval(o), o);
assertEq(eval(), undefined);
assertThrows(SyntaxError, function () { eval("a b"); });
// eval of a closure that captures eval-declared and caller variables
function makeAdder(n) { return eval("(function (k) { return k + n; })"); }
assertEq(makeAdder(5)(1), 6);
// nested eval
function nested() { var z = 1; return eval("eval('z + 1')"); }
assertEq(nested(), 2);

// with
var wo = { wx: 1, wy: 2 };
with (wo) {
  assertEq(wx + wy, 3);
  wx = 10;
  var wz = 5;
}
assertEq(wo.wx, 10);
assertEq(wz, 5);
assertEq(wo.wz, undefined);
function withCall() {
  var obj = { m() { return this; }, v: 1 };
  with (obj) { return m() === obj && v === 1; }
}
assert(withCall());
function withFallback() {
  var local = "local";
  with ({}) { return local; }
}
assertEq(withFallback(), "local");
function withShadow() {
  var x = "local";
  var obj = { x: "obj" };
  with (obj) { var r1 = x; delete obj.x; var r2 = x; }
  return r1 + "," + r2;
}
assertEq(withShadow(), "obj,local");
// @@unscopables hides properties
var un = { hidden: "from object", [Symbol.unscopables]: { hidden: true } };
var hidden = "outer";
with (un) { assertEq(hidden, "outer"); }
// the reference is resolved before the right-hand side runs
var scope = { x: 1 };
with (scope) { x = (delete scope.x, 2); }
assertEq(scope.x, 2);
// compound assignment, update and typeof through with
var cw = { n: 1 };
with (cw) { n += 2; n++; assertEq(typeof n, "number"); assertEq(typeof notThere, "undefined"); }
assertEq(cw.n, 4);
// closures created inside with keep the object
function withClosure() {
  var fns = [];
  for (var i = 0; i < 2; i++) { with ({ v: i }) { fns.push(function () { return v; }); } }
  return fns[0]() + fns[1]();
}
assertEq(withClosure(), 1);
// with + eval
function withEval() { var obj = { q: 3 }; with (obj) { return eval("q"); } }
assertEq(withEval(), 3);
