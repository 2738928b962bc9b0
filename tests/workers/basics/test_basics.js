// The seed's "Worker Basics" sample (quickjs-using-workers.txt), as written,
// then checks.  Run by tests/run.sh with tests/js/assert.js included.
import * as os from 'os';
// Create a worker from a file
const worker = new os.Worker('worker.js');
// Send a message to the worker
worker.postMessage({ type: 'start', data: 42 });
// Receive messages from the worker
worker.onmessage = (msg) => {
console.log('Received from worker:', msg);
};

// ---- checks (not part of the sample) ----
assert(worker instanceof os.Worker, 'a Worker object');
assertEq(os.Worker.parent, undefined, 'no parent in the main thread');
const sampleHandler = worker.onmessage;
worker.onmessage = (msg) => {
  sampleHandler(msg);
  assertDeepEq(msg, { result: 84 });
  // dropping the handler lets the main loop end; the worker, still
  // listening to its parent, is then terminated with the process.
  worker.onmessage = null;
};
