import * as os from 'os';
const parent = os.Worker.parent;
let count = -1, got = 0;
parent.onmessage = (m) => {
  if (count < 0) {
    if (m.count !== undefined) { count = m.count; return; }
    parent.postMessage(m);        // round trip
  } else if (++got === count) {
    parent.postMessage('done');   // one way
  }
};
parent.postMessage('ready');
