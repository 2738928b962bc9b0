#!/usr/bin/env node
// bench/run.js - CPU benchmarks of weft against `node --jitless`.
//
//   node bench/run.js [--weft build/weft] [--filter TEXT] [--reps N] [--node PATH]
//                     [--timeout S] [NAME ...]
//
// Runs each bench/*.js (except this file) with weft and with
// `node --jitless` (an interpreter, like weft), N times each (default 3),
// keeps the fastest wall time, and prints a table: weft ms, node --jitless
// ms, their ratio (weft / node: lower is better) and the geometric mean of
// the ratios.  A benchmark prints one line of results; when weft's line
// differs from node's, the row is marked MISMATCH (a correctness bug).
//
// NAMEs select benchmarks by exact name (`classes fib`); --filter keeps
// those whose file name contains TEXT.  On a shared machine use a subset
// and `--reps 1`.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function parseArgs(argv) {
  const o = { weft: 'build/weft', filter: null, names: [], reps: 3, node: process.execPath, timeout: 300 };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--weft') o.weft = next();
    else if (a === '--filter') o.filter = next();
    else if (a === '--reps') o.reps = Math.max(1, parseInt(next(), 10) || 1);
    else if (a === '--node') o.node = next();
    else if (a === '--timeout') o.timeout = Number(next()) || o.timeout;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/run.js [--weft build/weft] [--filter TEXT] [--reps N] [--node PATH] [--timeout S] [NAME ...]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown argument ${a}`);
    else o.names.push(a.replace(/\.js$/, ''));
  }
  return o;
}

// Runs cmd once; returns { ms, out, err } or { error }.
function timeOnce(cmd, args, timeoutS) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) return { error: r.error.code === 'ETIMEDOUT' ? `timeout ${timeoutS} s` : r.error.message };
  if (r.status !== 0) {
    const why = r.signal ? `signal ${r.signal}` : `exit ${r.status}`;
    const first = (r.stderr || '').split('\n').find(l => l.trim() && !/^Warning: disabling flag/.test(l));
    return { error: first ? `${why}: ${first.trim()}` : why };
  }
  return { ms, out: (r.stdout || '').trim() };
}

function best(cmd, args, reps, timeoutS) {
  let min = Infinity, out = null;
  for (let i = 0; i < reps; i++) {
    const r = timeOnce(cmd, args, timeoutS);
    if (r.error) return r;
    if (r.ms < min) min = r.ms;
    out = r.out;
  }
  return { ms: min, out };
}

function pad(s, n, left) {
  s = String(s);
  if (s.length >= n) return s;
  return left ? ' '.repeat(n - s.length) + s : s + ' '.repeat(n - s.length);
}

function main() {
  const o = parseArgs(process.argv);
  const weft = path.resolve(process.cwd(), o.weft);
  if (!fs.existsSync(weft)) {
    console.error(`bench: ${weft} not found (build first, or pass --weft)`);
    process.exit(2);
  }
  const files = fs.readdirSync(__dirname)
    .filter(f => f.endsWith('.js') && f !== 'run.js')
    .filter(f => !o.filter || f.includes(o.filter))
    .filter(f => o.names.length === 0 || o.names.includes(f.replace(/\.js$/, '')))
    .sort();
  for (const n of o.names) {
    if (!fs.existsSync(path.join(__dirname, n + '.js'))) {
      console.error(`bench: no benchmark named ${n}`);
      process.exit(2);
    }
  }
  if (files.length === 0) {
    console.error('bench: no benchmark selected');
    process.exit(2);
  }
  console.log(`weft: ${o.weft}, node: ${process.version} --jitless, best of ${o.reps}`);
  console.log();
  const cols = [14, 10, 18, 8];
  console.log(pad('benchmark', cols[0]) + pad('weft ms', cols[1], true) +
              pad('node --jitless ms', cols[2], true) + pad('ratio', cols[3], true));
  let logSum = 0, n = 0, failures = 0;
  for (const f of files) {
    const file = path.join(__dirname, f);
    const name = f.replace(/\.js$/, '');
    const w = best(weft, [file], o.reps, o.timeout);
    const nd = best(o.node, ['--jitless', file], o.reps, o.timeout);
    let ratio = '', note = '';
    if (!w.error && !nd.error) {
      const r = w.ms / nd.ms;
      ratio = r.toFixed(2);
      logSum += Math.log(r);
      n++;
      if (w.out !== nd.out) {
        note = `  MISMATCH: weft printed "${w.out}", node "${nd.out}"`;
        failures++;
      }
    } else {
      if (w.error) { note += `  weft: ${w.error}`; failures++; }
      if (nd.error) note += `  node: ${nd.error}`;
    }
    console.log(pad(name, cols[0]) +
                pad(w.error ? 'error' : w.ms.toFixed(0), cols[1], true) +
                pad(nd.error ? 'error' : nd.ms.toFixed(0), cols[2], true) +
                pad(ratio, cols[3], true) + note);
  }
  console.log();
  if (n > 0)
    console.log(`geometric mean of ratios (weft / node --jitless): ${Math.exp(logSum / n).toFixed(2)} over ${n} benchmarks`);
  else
    console.log('geometric mean of ratios: n/a (no benchmark ran on both)');
  process.exit(failures ? 1 : 0);
}

main();
