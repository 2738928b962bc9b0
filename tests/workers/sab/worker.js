import * as os from 'os';
// Worker (the seed's sample handler, then checks)
os.Worker.parent.onmessage = (msg) => {
const view = new Int32Array(msg.buffer);
let value = Atomics.load(view, 0); // 42
  // the parent stores 42 right after posting: wait for it if we were faster
  if (value !== 42) {
    Atomics.wait(view, 0, 0, 5000);
    value = Atomics.load(view, 0);
  }
  Atomics.store(view, 1, 1234);
  view[2] = 99;
  os.Worker.parent.postMessage({ value, buffer: msg.buffer });
};
