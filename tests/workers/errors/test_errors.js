// The seed's "Worker Errors" sample, as written, then checks: uncaught
// errors of a worker reach onerror as Errors with name, message and stack
// (from module evaluation, a handler, a rejected promise, a stack
// overflow), and the worker goes on after an error in a handler.
import * as os from 'os';
const worker = new os.Worker('worker.js');
worker.onerror = (error) => {
console.error('Worker error:', error);
};
worker.onmessageerror = (error) => {
console.error('Message deserialization error:', error);
};

// ---- checks (not part of the sample) ----
const sampleOnError = worker.onerror;
worker.onerror = (error) => {
  sampleOnError(error);
  assert(error instanceof TypeError, 'a TypeError: ' + error);
  assertEq(error.name, 'TypeError');
  assertEq(error.message, 'thrown at the top level of worker.js');
  assert(String(error.stack).includes('worker.js'), 'the stack names the worker file: ' + error.stack);
  worker.onerror = null;
  console.log('top-level error ok');
  handlerErrors();
};

function handlerErrors() {
  const w = new os.Worker('throws_in_handler.js');
  const seen = [];
  w.onerror = (e) => {
    seen.push(e.name + ': ' + e.message);
    if (seen.length === 3) {
      assertDeepEq(seen, ['RangeError: bad request 1', 'CustomError: custom 2', 'Error: rejected 3']);
      w.postMessage(4);     // still alive after three errors
    }
  };
  w.onmessage = (msg) => {
    assertEq(msg, 'fine 4');
    w.terminate();
    console.log('handler errors ok');
    overflow();
  };
  w.postMessage(1);
  w.postMessage(2);
  w.postMessage(3);
}

function overflow() {
  const w = new os.Worker('overflow.js');
  w.onerror = (e) => {
    assert(e instanceof RangeError || e instanceof Error, 'an Error');
    assert(/stack|recursion/i.test(e.message), 'a stack overflow: ' + e.message);
    w.onerror = null;
    w.terminate();
    console.log('stack overflow ok');
  };
}
