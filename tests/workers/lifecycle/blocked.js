import * as os from 'os';
os.Worker.parent.onmessage = (sab) => {
  const view = new Int32Array(sab);
  os.Worker.parent.postMessage('waiting');
  Atomics.store(view, 1, 1);
  Atomics.wait(view, 0, 0);   // nobody notifies: only terminate() ends this
  os.Worker.parent.postMessage('woke up?!');
};
