// worker.js of the seed's "Worker Script" sample, as written.
import * as os from 'os';
// Receive messages from parent
os.Worker.parent.onmessage = (msg) => {
console.log('Worker received:', msg);
// Process data
const result = doWork(msg.data);
// Send result back to parent
os.Worker.parent.postMessage({ result });
};
function doWork(data) {
// Heavy computation here
return data * 2;
}
