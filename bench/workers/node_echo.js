const { parentPort } = require('worker_threads');
let count = -1, got = 0;
parentPort.on('message', (m) => {
  if (count < 0) {
    if (m.count !== undefined) { count = m.count; return; }
    parentPort.postMessage(m);
  } else if (++got === count) {
    parentPort.postMessage('done');
  }
});
parentPort.postMessage('ready');
