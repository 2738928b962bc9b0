// Async functions, await, async arrows and methods, async generators,
// for await (the CLI runs the job queue until it is empty).

var log = [];
async function add(a, b) { return await a + await b; }
async function thrower() { await null; throw new Error("async boom"); }
var asyncArrow = async (x) => x * 2;
var obj = { async m() { return this.v; }, v: "obj" };
class C { async m() { return "class"; } static async s() { return "static"; } }

(async function main() {
  assertEq(await add(1, Promise.resolve(2)), 3);
  assertEq(await asyncArrow(21), 42);
  assertEq(await obj.m(), "obj");
  assertEq(await new C().m(), "class");
  assertEq(await C.s(), "static");
  try { await thrower(); assert(false); } catch (e) { assertEq(e.message, "async boom"); }

  // ordering: code after await runs in a later job
  var order = [];
  var p = (async () => { order.push(1); await 0; order.push(3); })();
  order.push(2);
  await p;
  assertDeepEq(order, [1, 2, 3]);

  // await in every kind of expression position and in finally
  var r = [];
  for (var i = 0; i < 3; i++) r.push(await i);
  assertDeepEq(r, [0, 1, 2]);
  var fin = [];
  async function withFinally() { try { return await "v"; } finally { fin.push(await "f"); } }
  assertEq(await withFinally(), "v");
  assertDeepEq(fin, ["f"]);
  var { a = await 5 } = {};
  assertEq(a, 5);

  // async generators and for await
  async function* agen() { yield 1; yield await Promise.resolve(2); return 3; }
  var got = [];
  for await (var v of agen()) got.push(v);
  assertDeepEq(got, [1, 2]);
  got = [];
  for await (const w of [Promise.resolve("x"), "y"]) got.push(w);
  assertDeepEq(got, ["x", "y"]);
  var it = agen();
  assertDeepEq(await it.next(), { value: 1, done: false });
  assertDeepEq(await it.return(9), { value: 9, done: true });
  // break closes the async iterator
  var closed = false;
  async function* closing() { try { yield 1; yield 2; } finally { closed = true; } }
  for await (var c of closing()) break;
  assert(closed);
  // yield* in async generators
  async function* inner() { yield "i1"; yield "i2"; }
  async function* outer() { yield* inner(); yield* ["s1"]; }
  got = [];
  for await (var o of outer()) got.push(o);
  assertDeepEq(got, ["i1", "i2", "s1"]);
  log.push("done");
})().then(function () {
  assertDeepEq(log, ["done"]);
}, function (e) {
  // an unhandled rejection makes weft exit with status 1
  throw e;
});
