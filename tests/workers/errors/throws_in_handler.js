import * as os from 'os';
class CustomError extends Error {
  constructor(m) { super(m); this.name = 'CustomError'; }
}
os.Worker.parent.onmessage = (n) => {
  if (n === 1) throw new RangeError('bad request 1');
  if (n === 2) throw new CustomError('custom 2');
  if (n === 3) { Promise.reject(new Error('rejected 3')); return; }
  os.Worker.parent.postMessage('fine ' + n);
};
