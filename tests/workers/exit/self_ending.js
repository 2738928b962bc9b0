import * as os from 'os';
os.Worker.parent.onmessage = (msg) => {
  if (msg.type === 'exit') {
    os.Worker.parent.postMessage('self_ending: bye');
    os.Worker.parent.onmessage = null;   // nothing keeps the thread alive now
  }
};
