import * as os from 'os';
let n = 0;
// Worker (the seed's sample handler, extended to echo what it got)
os.Worker.parent.onmessage = (msg) => {
  n++;
  if (n === 1) {
    // msg is a deep copy of data
    msg.number = 100; // Doesn't affect parent
    msg.object.nested = 'changed';
    msg.array.push(4);
    os.Worker.parent.postMessage(msg);
  } else if (n === 2) {
    msg.echoedBy = 'worker';
    os.Worker.parent.postMessage(msg);
  } else {
    const u8 = new Uint8Array(msg.ab);
    os.Worker.parent.postMessage({ sum: u8.reduce((a, b) => a + b, 0), len: msg.ab.byteLength });
  }
};
