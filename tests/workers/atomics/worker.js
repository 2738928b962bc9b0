import * as os from 'os';
os.Worker.parent.onmessage = ({ sab }) => {
  const view = new Int32Array(sab);
  Atomics.store(view, 1, 1);
  Atomics.notify(view, 1, 1);
  for (let i = 0; i < 1000; i++) Atomics.add(view, 2, 1);
  // Wait/notify for synchronization
  const result = Atomics.wait(view, 0, 0); // Block until value changes
  os.Worker.parent.postMessage({ result });
};
