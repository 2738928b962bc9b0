import * as os from 'os';
os.Worker.parent.onmessage = () => {};
os.Worker.parent.postMessage('ready');
