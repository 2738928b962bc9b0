import * as os from 'os';
import * as std from 'std';
os.Worker.parent.onmessage = (msg) => {
  if (msg.type === 'exit') {
    os.Worker.parent.postMessage('std_exit: bye');
    std.exit(0);                          // ends this worker only
    os.Worker.parent.postMessage('not reached');
  }
};
