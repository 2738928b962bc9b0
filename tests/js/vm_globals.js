// Interpreter: global variables (ECMA-262 9.1.1.4 global environment,
// 16.1.7 GlobalDeclarationInstantiation): var/function bindings on the
// global object, let/const/class in the global lexical environment, TDZ,
// strict-mode writes to undeclared names, and the read caches staying
// correct when bindings appear, disappear or are shadowed later.

var gv = 1;
function readGv() { return gv; }
assertEq(readGv(), 1);
gv = 2;
assertEq(readGv(), 2);
assertEq(Object.getOwnPropertyDescriptor(globalThis, "gv").configurable, false);
assertEq(delete globalThis.gv, false);

// eval code's let/const live in the eval's own scope, never on the global
function readShadowed() { return typeof shadowed === "undefined" ? "none" : shadowed; }
globalThis.shadowed = "prop";
for (var i = 0; i < 3; i++) assertEq(readShadowed(), "prop");
assertEq((0, eval)("let shadowed = 'lexical'; shadowed"), "lexical");
assertEq(readShadowed(), "prop");

// properties deleted and re-added (other index) are re-read correctly
globalThis.moving = 1;
function readMoving() { return typeof moving === "undefined" ? "none" : moving; }
assertEq(readMoving(), 1);
delete globalThis.moving;
assertEq(readMoving(), "none");
globalThis.other1 = 0; globalThis.moving = 3;
assertEq(readMoving(), 3);
Object.defineProperty(globalThis, "moving", { get: function () { return "getter"; }, configurable: true });
assertEq(readMoving(), "getter");

// ReferenceError for undeclared names; typeof is safe
assertThrows(ReferenceError, function () { return notDeclaredAtAll; });
assertEq(typeof notDeclaredAtAll, "undefined");
assertThrows(ReferenceError, function () { "use strict"; undeclaredStrict = 1; });
(function () { undeclaredSloppy = 5; })();
assertEq(globalThis.undeclaredSloppy, 5);
assertEq(delete globalThis.undeclaredSloppy, true);

// lexical bindings: TDZ, const, no global object property
assertThrows(ReferenceError, function () { return lexA; });
let lexA = 1;
const lexB = 2;
class LexC {}
assertEq(lexA, 1);
assertEq(lexB, 2);
assertEq(typeof LexC, "function");
assertEq("lexA" in globalThis, false);
assertThrows(TypeError, function () { lexB = 3; });
lexA = 10;
assertEq(lexA, 10);
assertThrows(ReferenceError, function () { (0, eval)("tdzLater; let tdzLater = 1;"); });
assertThrows(ReferenceError, function () { tdzLater; });
function readLex() { return lexA; }
for (var j = 0; j < 3; j++) assertEq(readLex(), 10);

// eval's var declarations may not hit a global lexical binding
assertThrows(SyntaxError, function () { (0, eval)("var lexA = 2;"); });
assertThrows(SyntaxError, function () { (0, eval)("function lexB() {}"); });
assertEq(lexA, 10);
(0, eval)("var evalVar = 1;");
assertEq(Object.getOwnPropertyDescriptor(globalThis, "evalVar").configurable, true);
assertEq((0, eval)("let gv = 'inner'; gv"), "inner");
assertEq(gv, 2);
// function declarations replace configurable globals
(0, eval)("function evalVar() { return 'fn'; }");
assertEq(evalVar(), "fn");
// a non-writable, non-configurable global cannot become a function
Object.defineProperty(globalThis, "frozenGlobal", { value: 1 });
assertThrows(TypeError, function () { (0, eval)("function frozenGlobal() {}"); });
// global this
assertEq(this, globalThis);
assertEq((0, eval)("this"), globalThis);
var fnThis = function () { return this; };
assertEq(fnThis(), globalThis);
assertEq((function () { "use strict"; return this; })(), undefined);
