// Workers may create workers; paths are relative to the calling module.
import * as os from 'os';
const worker = new os.Worker('sub/middle.js');
worker.onmessage = (msg) => {
  assertDeepEq(msg, { from: 'middle', inner: { from: 'leaf', depth: 2 } });
  worker.onmessage = null;
  console.log('nested ok');
};
worker.postMessage('go');
