import * as os from 'os';
os.Worker.parent.onmessage = (m) => os.Worker.parent.postMessage(m);
