#!/usr/bin/env node
// bench/workers/run.js - worker metrics of weft (os.Worker) next to Node.js
// (worker_threads), measured in the same run on the same machine.
//
//   node bench/workers/run.js [--weft build/weft] [--scale S]
//
// Metrics (see weft_main.js / node_main.js, which print them as JSON):
//   spawn_to_first_message_us  new Worker() until its first message arrives
//                              (sequential; Node also waits for 'exit')
//   spawn_ctor_us              time spent inside the Worker constructor
//   idle_worker_kib            RSS growth per idle worker (50 weft / 20 node)
//   round_trip_us              small message to a worker and back
//   oneway_msgs_per_s          small messages posted parent -> worker
// Ratios are "how many times better weft is" (node/weft for times and
// memory, weft/node for throughput).  --scale shrinks or grows the counts.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

let weft = 'build/weft', scale = 1;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--weft') weft = process.argv[++i];
  else if (process.argv[i] === '--scale') scale = Number(process.argv[++i]) || 1;
  else { console.error('usage: node bench/workers/run.js [--weft build/weft] [--scale S]'); process.exit(2); }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: __dirname, encoding: 'utf8', timeout: 600000 });
  if (r.status !== 0) {
    console.error(`${cmd} failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  const line = r.stdout.trim().split('\n').pop();
  return JSON.parse(line);
}

const w = run(path.resolve(weft), ['weft_main.js', String(scale)]);
const n = run(process.execPath, ['node_main.js', String(scale)]);
const rows = [
  ['spawn to first message (us)', 'spawn_to_first_message_us', 'lower'],
  ['Worker constructor (us)', 'spawn_ctor_us', 'lower'],
  ['idle worker memory (KiB)', 'idle_worker_kib', 'lower'],
  ['small-message round trip (us)', 'round_trip_us', 'lower'],
  ['one-way small messages (msg/s)', 'oneway_msgs_per_s', 'higher'],
];
const fmt = (v) => (v >= 1000 ? v.toFixed(0) : v.toFixed(2));
console.log(`weft ${weft} vs node ${process.version}, scale ${scale}`);
console.log('| metric | weft | node | weft better by |');
console.log('|---|---|---|---|');
for (const [label, key, dir] of rows) {
  const a = w[key], b = n[key];
  const ratio = dir === 'lower' ? b / a : a / b;
  console.log(`| ${label} | ${fmt(a)} | ${fmt(b)} | ${ratio.toFixed(2)}x |`);
}
