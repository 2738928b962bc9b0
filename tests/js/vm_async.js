// Interpreter: async functions, await, async generators, for await, and the
// promise job ordering they depend on.  The checks run at the end, from a
// promise chain; a failure there makes the script exit with an error.

var log = [];
async function f(x) { var a = await x; var b = await Promise.resolve(a + 1); return a + b; }
async function g() { try { await Promise.reject(new Error("no")); } catch (e) { return "caught " + e.message; } }
var h = async () => { throw 5; };
async function* ag() { yield 1; var x = yield 2; yield x; return 9; }

var results = {};
f(1).then(v => { results.f = v; });
g().then(v => { results.g = v; });
h().catch(e => { results.h = e; });

// await order: each await takes a microtask turn
(async function () { log.push("a1"); await null; log.push("a2"); await null; log.push("a3"); })();
Promise.resolve().then(() => log.push("p1")).then(() => log.push("p2"));
log.push("sync");

async function runAll() {
  const it = ag();
  results.ag = [await it.next(), await it.next(), await it.next(7), await it.next(), await it.next()];
  var s = 0;
  for await (const v of ag()) s += v ?? 0;
  results.forAwait = s;
  // return() of an async generator
  const it2 = ag();
  await it2.next();
  results.agReturn = await it2.return(42);
  // async arrow with this
  var obj = { v: 3, m() { return (async () => this.v)(); } };
  results.arrowThis = await obj.m();
  // errors thrown synchronously in an async function reject
  var rej = await (async () => { null.x; })().then(() => "no", e => e instanceof TypeError);
  results.syncThrow = rej;
  // await a thenable
  results.thenable = await { then(r) { r("T"); } };
  // nested awaits in loops
  var t = 0;
  for (var i = 0; i < 100; i++) t += await i;
  results.loop = t;
  // async function prototype chain
  var AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  results.afName = AsyncFunction.name;
  results.dyn = await new AsyncFunction("a", "return await a * 2")(21);
}

runAll().then(function () {
  assertEq(results.f, 3);
  assertEq(results.g, "caught no");
  assertEq(results.h, 5);
  assertDeepEq(results.ag.map(r => [r.value, r.done]),
               [[1, false], [2, false], [7, false], [9, true], [undefined, true]]);
  assertEq(results.forAwait, 3);
  assertDeepEq(results.agReturn, { value: 42, done: true });
  assertEq(results.arrowThis, 3);
  assertEq(results.syncThrow, true);
  assertEq(results.thenable, "T");
  assertEq(results.loop, 4950);
  assertEq(results.afName, "AsyncFunction");
  assertEq(results.dyn, 42);
  assertDeepEq(log, ["a1", "sync", "a2", "p1", "a3", "p2"]);
  results.done = true;
}).catch(function (e) {
  console.log("FAILED: " + e);
  throw e;
});
