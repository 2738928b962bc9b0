// examples/hello-worker.js - the worker of hello.js.
import * as os from 'os';

os.Worker.parent.onmessage = ({ who, shared }) => {
  for (let i = 0; i < 1000; i++)
    Atomics.add(shared, 0, 1);
  os.Worker.parent.postMessage({ greeting: `Hello, ${who}! (from a worker thread)` });
};
