// Generators: yield, yield*, return/throw resumption, finally blocks,
// generator methods, iteration.

function* g1() { var x = yield 1; var y = yield x + 1; return y * 2; }
var it = g1();
assertDeepEq(it.next(), { value: 1, done: false });
assertDeepEq(it.next(5), { value: 6, done: false });
assertDeepEq(it.next(10), { value: 20, done: true });
assertDeepEq(it.next(), { value: undefined, done: true });

// parameters are evaluated at the call, the body at the first next()
var log = [];
function* g2(a = log.push("param")) { log.push("body"); }
var i2 = g2();
assertDeepEq(log, ["param"]);
i2.next();
assertDeepEq(log, ["param", "body"]);

// return() runs finally blocks, throw() reaches catch
function* g3() {
  try { yield 1; yield 2; } finally { log.push("finally"); }
}
log = [];
var i3 = g3();
i3.next();
assertDeepEq(i3.return(42), { value: 42, done: true });
assertDeepEq(log, ["finally"]);
function* g4() { try { yield 1; } catch (e) { yield "caught " + e; } }
var i4 = g4();
i4.next();
assertDeepEq(i4.throw("x"), { value: "caught x", done: false });
assertThrows(TypeError, function () { var j = g1(); j.next(); j.throw(new TypeError()); });
// return inside finally overrides
function* g5() { try { yield 1; } finally { return "fin"; } }
var i5 = g5(); i5.next();
assertDeepEq(i5.return(1), { value: "fin", done: true });
// yield in an expression with pending operands
function* g6() { return 1 + (yield 2) + (yield 3); }
var i6 = g6(); i6.next(); i6.next(10);
assertDeepEq(i6.next(100), { value: 111, done: true });
function* g7() { try { var r = [1, yield 2, 3]; } finally { log.push("g7"); } }
log = [];
var i7 = g7(); i7.next();
assertDeepEq(i7.return(0), { value: 0, done: true });
assertDeepEq(log, ["g7"]);

// yield*
function* inner() { var r = yield "a"; yield r; return "inner done"; }
function* outer() { var v = yield* inner(); yield v; yield* [1, 2]; }
var io = outer();
assertEq(io.next().value, "a");
assertEq(io.next("sent").value, "sent");
assertEq(io.next().value, "inner done");
assertEq(io.next().value, 1);
assertEq(io.next().value, 2);
assert(io.next().done);
// yield* forwards return() and throw()
log = [];
function* inner2() { try { yield 1; } finally { log.push("inner finally"); } }
function* outer2() { try { yield* inner2(); } finally { log.push("outer finally"); } }
var io2 = outer2(); io2.next();
assertDeepEq(io2.return(9), { value: 9, done: true });
assertDeepEq(log, ["inner finally", "outer finally"]);
function* inner3() { try { yield 1; } catch (e) { yield "inner caught " + e; } }
function* outer3() { yield* inner3(); }
var io3 = outer3(); io3.next();
assertEq(io3.throw("t").value, "inner caught t");

// iteration protocols
function* range(n) { for (let i = 0; i < n; i++) yield i; }
assertDeepEq([...range(4)], [0, 1, 2, 3]);
var sum = 0;
for (var v of range(5)) sum += v;
assertEq(sum, 10);
var [ra, rb] = range(10);
assertEq(ra + rb, 1);
// breaking out of for-of closes the generator
log = [];
function* closing() { try { yield 1; yield 2; } finally { log.push("closed"); } }
for (var c of closing()) break;
assertDeepEq(log, ["closed"]);

// generator methods and this
var obj = { *gen() { yield this.v; }, v: "objv" };
assertEq(obj.gen().next().value, "objv");
class C { *[Symbol.iterator]() { yield* [3, 4]; } static *s() { yield "s"; } }
assertDeepEq([...new C()], [3, 4]);
assertEq(C.s().next().value, "s");
function* genThis() { yield this; }
assertEq(genThis.call(obj).next().value, obj);

// generator objects and prototypes
function* proto() {}
assertEq(Object.getPrototypeOf(proto()), proto.prototype);
assertThrows(TypeError, function () { new proto(); });
var running = function* () { running.next(); };
running = running();
assertThrows(TypeError, function () { running.next(); });
// arguments and closures inside generators
function* argsGen() { yield arguments.length; var f = () => arguments[0]; yield f(); }
var ag = argsGen(7, 8);
assertEq(ag.next().value, 2);
assertEq(ag.next().value, 7);
