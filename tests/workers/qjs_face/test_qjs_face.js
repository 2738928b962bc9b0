// Under 'qjs:os' (quickjs-ng's face) handlers receive an event whose
// `data` is the message; under 'os' they receive the value itself.
import * as os from 'qjs:os';
import * as os2 from 'os';
assert(os.Worker !== os2.Worker, 'two faces, two constructors');
const worker = new os.Worker('worker.js');
worker.onmessage = (ev) => {
  assertEq(typeof ev, 'object');
  assertDeepEq(ev.data, { echo: { n: 1 }, face: 'qjs' });
  worker.onmessage = null;
  const w2 = new os2.Worker('worker.js');
  w2.onmessage = (msg) => {
    assertDeepEq(msg, { echo: { n: 2 }, face: 'qjs' });
    w2.onmessage = null;
    console.log('faces ok');
  };
  w2.postMessage({ n: 2 });
};
worker.postMessage({ n: 1 });
