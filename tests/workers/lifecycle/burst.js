import * as os from 'os';
// posts a burst and ends at once: every message must still arrive
for (let i = 0; i < 200; i++) os.Worker.parent.postMessage(i);
