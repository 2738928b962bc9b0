import * as os from 'qjs:os';
os.Worker.parent.onmessage = (ev) => {
  os.Worker.parent.postMessage({ echo: ev.data, face: 'qjs' });
};
