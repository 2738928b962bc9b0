#!/usr/bin/env node
// bench/clone/run.js - structured clone throughput of weft next to node's
// structuredClone and v8.serialize/v8.deserialize, in the same run.
//
//   node bench/clone/run.js [--weft build/weft] [--reps N]
//
// Runs bench/clone/workload.js under weft and under node (with its JIT:
// clone speed is native code in both) N times each (default 1) and keeps
// the best MB/s of each cell.  MB are nominal payload bytes, the same for
// every column (see workload.js).  Higher is better; the last column is
// weft's structuredClone over node's.
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');

const o = { weft: 'build/weft', reps: 1 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--weft') o.weft = process.argv[++i];
  else if (a === '--reps') o.reps = Math.max(1, parseInt(process.argv[++i], 10) || 1);
  else { console.error('usage: node bench/clone/run.js [--weft build/weft] [--reps N]'); process.exit(2); }
}
const workload = path.join(__dirname, 'workload.js');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 600000 });
  if (r.status !== 0) {
    console.error(`${cmd} failed: ${r.error ? r.error.message : (r.stderr || '').trim()}`);
    process.exit(1);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function bestOf(cmd, args) {
  let best = null;
  for (let i = 0; i < o.reps; i++) {
    const r = run(cmd, args);
    if (!best) { best = r; continue; }
    for (const k of Object.keys(r))
      for (const f of ['sc', 'v8'])
        if (r[k][f] > (best[k][f] || 0)) best[k][f] = r[k][f];
  }
  return best;
}

const weft = bestOf(path.resolve(o.weft), [workload]);
const node = bestOf(process.execPath, [workload]);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'case'.padEnd(12)} ${pad('MB', 8)} ${pad('weft sc', 10)} ${pad('node sc', 10)} ${pad('node v8', 10)} ${pad('weft/node', 10)}   (MB/s)`);
for (const k of Object.keys(weft)) {
  const w = weft[k].sc, n = node[k].sc, v = node[k].v8;
  console.log(`${k.padEnd(12)} ${pad((weft[k].bytes / (1 << 20)).toFixed(1), 8)} ${pad(w, 10)} ${pad(n, 10)} ` +
              `${pad(v === undefined ? 'n/a' : v, 10)} ${pad((w / n).toFixed(2), 10)}`);
}
