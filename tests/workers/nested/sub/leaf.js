import * as os from 'os';
os.Worker.parent.onmessage = (msg) => {
  os.Worker.parent.postMessage({ from: 'leaf', depth: msg.depth });
  os.Worker.parent.onmessage = null;
};
