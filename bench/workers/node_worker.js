require('worker_threads').parentPort.postMessage(1);
