import * as os from 'os';
os.Worker.parent.postMessage('spinning');
for (;;) {}
