// The seed's "Creating Workers" sample, as written, then the lifecycle:
// a worker that ends by itself, terminate() of a worker that loops, one
// blocked in Atomics.wait and one idle in its loop, bad paths.
import * as os from 'os';
try {
const worker = new os.Worker('worker.js');
console.log('Worker created successfully');
} catch (err) {
console.error('Failed to create worker:', err);
}

// ---- checks (not part of the sample) ----
// a file that does not exist: a clear error at once
let err = null;
try { new os.Worker('no-such-worker.js'); } catch (e) { err = e; }
assert(err instanceof Error, 'missing module throws');
assert(String(err.message).includes('no-such-worker.js'), 'the error names the file: ' + err.message);
assertThrows(Error, () => new os.Worker('.'), 'a directory is not a module');
assertThrows(TypeError, () => new os.Worker());
assertThrows(TypeError, () => os.Worker('worker.js'), 'needs new');

const tasks = [];
function task(name, fn) { tasks.push([name, fn]); }
function next() {
  const t = tasks.shift();
  if (t) { console.log('-', t[0]); t[1](next); }
  else console.log('lifecycle ok');
}

task('a worker that ends by itself', (done) => {
  const w = new os.Worker('ends.js');
  w.onmessage = (msg) => {
    assertEq(msg, 'bye');
    // keep the handler: the loop ends only once the worker thread is gone
    done();
  };
});

task('terminate() a worker running an infinite loop', (done) => {
  const w = new os.Worker('spin.js');
  w.onmessage = (msg) => {
    assertEq(msg, 'spinning');
    w.terminate();
    w.terminate();  // idempotent
    assertThrows(TypeError, () => w.postMessage('late'), 'posting to a terminated worker');
    done();
  };
});

task('terminate() a worker blocked in Atomics.wait', (done) => {
  const w = new os.Worker('blocked.js');
  const sab = new SharedArrayBuffer(8);
  const view = new Int32Array(sab);
  w.postMessage(sab);
  w.onmessage = (msg) => {
    assertEq(msg, 'waiting');
    // make sure it is really inside the wait
    const again = () => {
      if (Atomics.load(view, 1) !== 1) return os.setTimeout(again, 1);
      w.terminate();
      done();
    };
    again();
  };
});

task('terminate() an idle worker', (done) => {
  const w = new os.Worker('idle.js');
  w.onmessage = () => { w.terminate(); done(); };
  w.postMessage('ping');
});

task('an unparsable worker module reaches onerror', (done) => {
  const w = new os.Worker('bad_syntax.js');
  w.onerror = (e) => {
    assert(e instanceof SyntaxError, 'a SyntaxError: ' + e);
    w.onerror = null;
    done();
  };
});

task('every message of a worker that ends right after posting arrives', (done) => {
  let ended = 0;
  for (let k = 0; k < 20; k++) {
    const w = new os.Worker('burst.js');
    let next = 0;
    w.onmessage = (i) => {
      assertEq(i, next++, 'in order');
      if (next === 200 && ++ended === 20) done();
    };
  }
});

task('messages wait for a handler, on both sides', (done) => {
  const w = new os.Worker('late_handler.js');
  // sent before the worker listens (it awaits first)
  w.postMessage('x');
  w.postMessage('y');
  w.postMessage('z');
  // we listen only later too
  os.setTimeout(() => {
    const got = [];
    w.onmessage = (m) => {
      got.push(m);
      if (got.length === 3) {
        assertDeepEq(got, ['a', 'b', 'xyz']);
        done();
      }
    };
  }, 100);
});

task('64 workers at once', (done) => {
  const ws = [];
  let got = 0;
  for (let i = 0; i < 64; i++) {
    const w = new os.Worker('echo.js');
    w.onmessage = (msg) => {
      assertEq(msg.id, i);
      w.onmessage = null;
      if (++got === 64) done();
    };
    w.postMessage({ id: i });
    ws.push(w);
  }
});

task('300 workers in sequence', (done) => {
  let n = 0;
  const one = () => {
    if (n === 300) return done();
    const w = new os.Worker('ends.js');
    w.onmessage = () => { n++; w.onmessage = null; one(); };
  };
  one();
});

next();
