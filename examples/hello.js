// examples/hello.js - run with: ./build/weft examples/hello.js [name]
//
// Weft is built around workers: this greets you from another thread.
// The worker (hello-worker.js) runs in its own thread with its own
// runtime; messages are structured-cloned, a SharedArrayBuffer is shared.
import * as os from 'os';

const who = scriptArgs.length > 1 ? scriptArgs[1] : 'world';
const worker = new os.Worker('./hello-worker.js');   // relative to this file
const shared = new Int32Array(new SharedArrayBuffer(4));

worker.onmessage = (msg) => {
  console.log(msg.greeting);
  console.log(`The worker counted to ${Atomics.load(shared, 0)} in shared memory.`);
  worker.onmessage = null;      // nothing left to wait for: the program ends
};
worker.postMessage({ who, shared });
