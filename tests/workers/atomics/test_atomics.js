// The seed's "Atomic Operations" sample, as written (the wait/notify lines
// run across two threads below), then checks.
import * as os from 'os';
{
const sab = new SharedArrayBuffer(4);
const view = new Int32Array(sab);
// Atomic operations are thread-safe
Atomics.store(view, 0, 42);
const value = Atomics.load(view, 0);
// Compare and exchange
Atomics.compareExchange(view, 0, 42, 100);
  assertEq(value, 42);
  assertEq(Atomics.load(view, 0), 100);
  // Atomics.wait on a value that differs returns at once
  assertEq(Atomics.wait(view, 0, 0), 'not-equal');
  assertEq(Atomics.notify(view, 0, 1), 0);
}

// ---- across threads ----
const sab = new SharedArrayBuffer(16);
const view = new Int32Array(sab);
const worker = new os.Worker('worker.js');
worker.postMessage({ sab });
// 1. the main thread blocks until the worker stores and notifies
const r1 = Atomics.wait(view, 1, 0, 10000);
// 'not-equal' if the worker was faster than us
assert(r1 === 'ok' || r1 === 'not-equal', 'the main thread was woken by the worker: ' + r1);
assertEq(Atomics.load(view, 1), 1);
// 2. the worker blocks (Atomics.wait(view, 0, 0) of the sample) until we notify
let woken = 0;
const spin = () => {
  // wake it once it is really waiting (Atomics.notify returns how many it woke)
  woken = Atomics.notify(view, 0, 1); // Wake one waiting thread
  if (woken === 0)
    os.setTimeout(spin, 1);
};
os.setTimeout(spin, 1);
// 3. a thousand increments from each side
worker.onmessage = (msg) => {
  assertEq(msg.result, 'ok');
  assertEq(woken, 1);
  assertEq(Atomics.load(view, 2), 2000);
  console.log('atomics ok');
  worker.onmessage = null;
};
for (let i = 0; i < 1000; i++) Atomics.add(view, 2, 1);
