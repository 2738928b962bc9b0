// Promise: the combinators, withResolvers, try, finally, thenable adoption and
// the job order they imply; receivers that are not constructors.

// `this` must be a constructor object: a TypeError at once, nothing pending
for (const m of ["all", "allSettled", "any", "race", "withResolvers", "resolve", "reject", "try"]) {
  for (const v of [undefined, null, 1, "s", true, Symbol()])
    assertThrows(TypeError, () => Promise[m].call(v, []), m + " on " + String(v));
  assertThrows(TypeError, () => Promise[m].call({}, []), m + " on a plain object");
}

const log = [];
const checks = [];
function later(v, ms) { return new Promise((r) => setTimeout(() => r(v), ms)); }

checks.push(Promise.all([1, later(2, 5), Promise.resolve(3)]).then((v) => assertDeepEq(v, [1, 2, 3])));
checks.push(Promise.all([]).then((v) => assertDeepEq(v, [])));
checks.push(Promise.all([1, Promise.reject(new Error("x"))]).then(
  () => { throw new Error("should reject"); }, (e) => assertEq(e.message, "x")));
checks.push(Promise.allSettled([1, Promise.reject(2)]).then((v) => assertDeepEq(v, [
  { status: "fulfilled", value: 1 }, { status: "rejected", reason: 2 }])));
checks.push(Promise.any([Promise.reject(1), later(2, 1)]).then((v) => assertEq(v, 2)));
checks.push(Promise.any([Promise.reject(1), Promise.reject(2)]).then(
  () => { throw new Error("should reject"); },
  (e) => { assertEq(e instanceof AggregateError, true); assertDeepEq(e.errors, [1, 2]); }));
checks.push(Promise.race([later(1, 20), later(2, 1)]).then((v) => assertEq(v, 2)));

const wr = Promise.withResolvers();
assertEq(typeof wr.resolve, "function");
wr.resolve(7);
checks.push(wr.promise.then((v) => assertEq(v, 7)));

checks.push(Promise.try((a, b) => a + b, 2, 3).then((v) => assertEq(v, 5)));
checks.push(Promise.try(() => { throw 4; }).catch((e) => assertEq(e, 4)));

// finally passes the value through and waits for its own promise
checks.push(Promise.resolve(1).finally(() => later(0, 1)).then((v) => assertEq(v, 1)));
checks.push(Promise.reject(2).finally(() => {}).catch((e) => assertEq(e, 2)));

// thenable adoption: then() is called from a job, and the outer promise
// settles one job later; a native promise as the resolution takes two (the
// order node prints for the same code)
const thenable = { then(r) { log.push("then called"); r("T"); } };
Promise.resolve().then(() => log.push("tick1")).then(() => log.push("tick2")).then(() => log.push("tick3"));
new Promise((r) => r(thenable)).then((v) => log.push("adopted " + v));
new Promise((r) => r(Promise.resolve("P"))).then((v) => log.push("adopted " + v));
log.push("sync");

// a subclass gets its own instances from the combinators
class MyPromise extends Promise {}
const mp = MyPromise.all([1]);
assertEq(mp instanceof MyPromise, true);
checks.push(mp);

Promise.all(checks).then(() => {
  assertDeepEq(log, ["sync", "tick1", "then called", "tick2", "adopted T", "tick3", "adopted P"]);
});
