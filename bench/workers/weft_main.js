// weft_main.js - the Weft side of bench/workers/run.js (os.Worker).
// Prints one JSON line of results.  Usage: weft weft_main.js [scale]
import * as os from 'os';
import * as std from 'std';

const scale = Number(scriptArgs[1] || 1);
const SPAWNS = Math.round(200 * scale), IDLE = Math.round(50 * scale);
const RTT = Math.round(20000 * scale), ONEWAY = Math.round(100000 * scale);
const now = () => performance.now();
const results = {};

function rssKiB() {
  const m = /VmRSS:\s+(\d+)/.exec(std.loadFile('/proc/self/status'));
  return m ? Number(m[1]) : NaN;
}

// 1. spawn: new os.Worker() until its first message arrives, in sequence
function spawn(done) {
  let i = 0, total = 0, ctor = 0;
  const one = () => {
    if (i === SPAWNS) {
      results.spawn_to_first_message_us = total / SPAWNS * 1000;
      results.spawn_ctor_us = ctor / SPAWNS * 1000;
      return done();
    }
    const t0 = now();
    const w = new os.Worker('weft_worker.js');
    ctor += now() - t0;
    w.onmessage = () => {
      total += now() - t0;
      w.onmessage = null;
      i++;
      one();
    };
  };
  one();
}

// 2. memory of idle workers (each waits for messages)
function idle(done) {
  const before = rssKiB();
  const ws = [];
  let ready = 0;
  for (let i = 0; i < IDLE; i++) {
    const w = new os.Worker('weft_idle.js');
    w.onmessage = () => {
      if (++ready < IDLE) return;
      const after = rssKiB();
      results.idle_worker_kib = (after - before) / IDLE;
      for (const x of ws) x.terminate();
      done();
    };
    ws.push(w);
  }
}

// 3. small-message round trip, 4. one-way throughput
function echo(done) {
  const w = new os.Worker('weft_echo.js');
  let n = 0, t0 = 0, phase = 0;
  w.onmessage = (m) => {
    if (phase === 0) {              // ready
      phase = 1;
      t0 = now();
      w.postMessage({ i: 0 });
    } else if (phase === 1) {
      if (++n < RTT) {
        w.postMessage({ i: n });
        return;
      }
      results.round_trip_us = (now() - t0) / RTT * 1000;
      phase = 2;
      w.postMessage({ count: ONEWAY });
      t0 = now();
      for (let i = 0; i < ONEWAY; i++) w.postMessage({ i });
    } else {
      const dt = now() - t0;
      results.oneway_msgs_per_s = ONEWAY / (dt / 1000);
      w.terminate();
      done();
    }
  };
}

spawn(() => idle(() => echo(() => console.log(JSON.stringify(results)))));
