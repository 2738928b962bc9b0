// node_main.js - the Node.js side of bench/workers/run.js (worker_threads).
'use strict';
const { Worker } = require('worker_threads');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const scale = Number(process.argv[2] || 1);
const SPAWNS = Math.max(1, Math.round(20 * scale)), IDLE = Math.round(20 * scale);
const RTT = Math.round(20000 * scale), ONEWAY = Math.round(100000 * scale);
const now = () => performance.now();
const results = {};
const file = (f) => path.join(__dirname, f);

function rssKiB() {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function spawn(done) {
  let i = 0, total = 0, ctor = 0;
  const one = () => {
    if (i === SPAWNS) {
      results.spawn_to_first_message_us = total / SPAWNS * 1000;
      results.spawn_ctor_us = ctor / SPAWNS * 1000;
      return done();
    }
    const t0 = now();
    const w = new Worker(file('node_worker.js'));
    ctor += now() - t0;
    w.once('message', () => {
      total += now() - t0;
      w.once('exit', () => { i++; one(); });
    });
  };
  one();
}

function idle(done) {
  const before = rssKiB();
  const ws = [];
  let ready = 0;
  for (let i = 0; i < IDLE; i++) {
    const w = new Worker(file('node_idle.js'));
    w.on('message', () => {
      if (++ready < IDLE) return;
      const after = rssKiB();
      results.idle_worker_kib = (after - before) / IDLE;
      Promise.all(ws.map((x) => x.terminate())).then(done);
    });
    ws.push(w);
  }
}

function echo(done) {
  const w = new Worker(file('node_echo.js'));
  let n = 0, t0 = 0, phase = 0;
  w.on('message', (m) => {
    if (phase === 0) {
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
      w.terminate().then(done);
    }
  });
}

spawn(() => idle(() => echo(() => console.log(JSON.stringify(results)))));
