// The seed's "SharedArrayBuffer" sample, as written, then checks that
// both threads see the same memory.
import * as os from 'os';
const worker = new os.Worker('worker.js');

// Parent
const shared = new SharedArrayBuffer(1024);
const view = new Int32Array(shared);
worker.postMessage({ buffer: shared });
// Both parent and worker can access the same memory
Atomics.store(view, 0, 42);

// ---- checks (not part of the sample) ----
worker.onmessage = (msg) => {
  assertEq(msg.value, 42, 'the worker read what the parent stored');
  // the worker wrote into the same memory
  assertEq(Atomics.load(view, 1), 1234);
  assertEq(view[2], 99);
  // the SharedArrayBuffer came back by reference: same memory again
  assert(msg.buffer instanceof SharedArrayBuffer);
  const back = new Int32Array(msg.buffer);
  Atomics.store(back, 3, 7);
  assertEq(view[3], 7);
  console.log('sab ok');
  worker.onmessage = null;
};
