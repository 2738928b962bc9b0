// The seed's "Terminating Workers" sample (exit by message), as written,
// then checks: the goodbye arrives, and a worker can end itself by
// dropping its handler or with std.exit().
import * as os from 'os';
import * as std from 'std';
const worker = new os.Worker('worker.js');
// Parent
worker.postMessage({ type: 'exit' });

// ---- checks (not part of the sample) ----
worker.onmessage = (msg) => {
  assertDeepEq(msg, { type: 'goodbye' });
  console.log('goodbye received');
  worker.onmessage = null;
  // workers that end themselves: the parent keeps listening, so the
  // process would hang if their threads did not end
  const a = new os.Worker('self_ending.js');
  a.onmessage = (m) => {
    console.log(m);
    const b = new os.Worker('std_exit.js');
    b.onmessage = (m) => console.log(m);
    b.postMessage({ type: 'exit' });
  };
  a.postMessage({ type: 'exit' });
};
