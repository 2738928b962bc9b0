// Interpreter: generators (suspended heap frames): next/return/throw,
// finally blocks on return, yield*, generator objects and their prototypes.

function* g(a) {
  var x = yield a;
  try { yield x * 2; } finally { log.push("fin"); }
  return 7;
}
var log = [];
var it = g(1);
assertDeepEq(it.next(), { value: 1, done: false });
assertDeepEq(it.next(5), { value: 10, done: false });
assertDeepEq(it.next(), { value: 7, done: true });
assertDeepEq(it.next(), { value: undefined, done: true });
assertDeepEq(log, ["fin"]);

// return() runs finally blocks; throw() throws at the yield
log = [];
it = g(1); it.next(); it.next(3);
assertDeepEq(it.return(9), { value: 9, done: true });
assertDeepEq(log, ["fin"]);
it = g(0); it.next();
assertThrows(Error, function () { it.throw(new Error("boom")); });
assertDeepEq(it.next(), { value: undefined, done: true });
// return / throw before the first next
it = g(0);
assertDeepEq(it.return(4), { value: 4, done: true });
it = g(0);
assertThrows(TypeError, function () { it.throw(new TypeError("t")); });
// finally can override the return
function* over() { try { yield 1; } finally { return "f"; } }
it = over(); it.next();
assertDeepEq(it.return(2), { value: "f", done: true });
// catching a throw() and continuing
function* catcher() { while (true) { try { yield 1; } catch (e) { yield "caught " + e; } } }
it = catcher(); it.next();
assertDeepEq(it.throw("x"), { value: "caught x", done: false });

// parameters are evaluated at the call, before the first next()
var evaluated = false;
function* params(a = (evaluated = true)) { yield a; }
var p = params();
assertEq(evaluated, true);
assertThrows(ReferenceError, function () { (function* (a = undefinedVariable) {})(); });

// infinite generators, spread, for-of with break (closes: return called)
function* nat() { var i = 0; try { while (true) yield i++; } finally { log.push("closed"); } }
log = [];
var s = 0;
for (var v of nat()) { if (v > 10) break; s += v; }
assertEq(s, 55);
assertDeepEq(log, ["closed"]);
function* three() { yield 1; yield 2; yield 3; }
assertDeepEq([...three()], [1, 2, 3]);
var [first, , third] = three();
assertEq(first + third, 4);

// yield* delegates next/return/throw and gives the inner return value
function* inner() { var r = yield "i1"; yield r; return "done"; }
function* outer() { var v = yield* inner(); yield v; yield* [8, 9]; }
assertDeepEq([...outer()], ["i1", undefined, "done", 8, 9]);
it = outer(); it.next();
assertDeepEq(it.next("sent"), { value: "sent", done: false });

// re-entrancy is an error
var self;
function* reenter() { self.next(); yield 1; }
self = reenter();
assertThrows(TypeError, function () { self.next(); });

// objects and prototypes
function* gen() {}
var GeneratorFunction = Object.getPrototypeOf(gen).constructor;
assertEq(GeneratorFunction.name, "GeneratorFunction");
assertEq(Object.getPrototypeOf(gen()), gen.prototype);
assertEq(Object.getPrototypeOf(gen.prototype), Object.getPrototypeOf(gen).prototype);
assertEq(Object.prototype.toString.call(gen()), "[object Generator]");
assertEq(typeof gen().next, "function");
assertThrows(TypeError, function () { new gen(); });
var dyn = new GeneratorFunction("a", "yield a; yield a * 2;");
assertDeepEq([...dyn(4)], [4, 8]);
// this and arguments inside generators
var o = { *m() { yield this; yield arguments.length; } };
it = o.m(1, 2);
assertEq(it.next().value, o);
assertEq(it.next().value, 2);
// closures created inside a generator keep working after it ends
function* mk() { var c = 0; yield () => ++c; }
var inc = mk().next().value;
assertEq(inc(), 1); assertEq(inc(), 2);
// many suspended generators (GC of frames)
var gens = [];
for (var i = 0; i < 1000; i++) { var gi = nat(); gi.next(); gens.push(gi); }
gens = null;
