import * as os from 'os';
const parent = os.Worker.parent;
parent.onmessage = (msg) => { parent.postMessage(msg); parent.onmessage = null; };
