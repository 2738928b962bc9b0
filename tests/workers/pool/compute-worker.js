// compute-worker.js for the pool sample (the seed does not show it).
import * as os from 'os';
const id = Math.random().toString(36).slice(2);
os.Worker.parent.onmessage = (task) => {
  os.Worker.parent.postMessage({ data: task.data, result: task.data * task.data, worker: id });
};
