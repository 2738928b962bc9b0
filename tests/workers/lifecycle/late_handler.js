import * as os from 'os';
// posts before the parent listens, and listens only after an await
os.Worker.parent.postMessage('a');
os.Worker.parent.postMessage('b');
await new Promise((resolve) => os.setTimeout(resolve, 50));
const got = [];
os.Worker.parent.onmessage = (m) => {
  got.push(m);
  if (got.length === 3) {
    os.Worker.parent.postMessage(got.join(''));
    os.Worker.parent.onmessage = null;
  }
};
