// bench/clone/workload.js - structured clone throughput, run by
// bench/clone/run.js under weft and under node (same file, no module
// syntax).  Prints one JSON line: for each case, MB/s of
// structuredClone(value) and, under node, of v8.deserialize(v8.serialize()).
// MB are nominal payload bytes (the same number in every engine):
//   graph20k   20,000 small objects (JSON.stringify length)
//   string1m   a 1 MiB string
//   ab64m      a 64 MiB ArrayBuffer, copied
//   ab64m_xfer the same buffer moved with { transfer: [buf] }
'use strict';

var MIN_MS = Number((typeof process !== 'undefined' && process.env.CLONE_BENCH_MS) || 400);
var now = function () { return performance.now(); };

function makeGraph() {
  var kinds = [];
  for (var k = 0; k < 10; k++) kinds.push({ kind: 'k' + k, weight: k / 10 });
  var items = [];
  for (var i = 0; i < 20000; i++) {
    items.push({
      id: i,
      name: 'item-' + i,
      score: i * 1.25,
      active: (i & 1) === 0,
      tags: ['t' + (i % 7), 't' + (i % 11)],
      pos: { x: i % 100, y: (i / 100) | 0 },
      kind: kinds[i % 10]
    });
  }
  return { items: items, kinds: kinds };
}

// Best rate over runs of at least MIN_MS; fn() performs one clone.
function rate(bytes, fn) {
  var best = 0, total = 0;
  for (var rep = 0; rep < 3; rep++) {
    var n = 0, t0 = now(), t;
    do { fn(); n++; t = now() - t0; } while (t < MIN_MS / 3);
    total += t;
    var r = (bytes * n) / (t / 1000) / (1 << 20);
    if (r > best) best = r;
  }
  return Math.round(best * 10) / 10;
}

var v8 = null;
if (typeof require === 'function') v8 = require('v8');
function v8rt(x) { return v8.deserialize(v8.serialize(x)); }

var results = {};
var graph = makeGraph();
var gbytes = JSON.stringify(graph).length;
var check = structuredClone(graph);
if (check.items[19999].kind !== check.kinds[9] || check.items.length !== 20000) throw new Error('graph clone is wrong');
results.graph20k = { bytes: gbytes, sc: rate(gbytes, function () { structuredClone(graph); }) };
if (v8) results.graph20k.v8 = rate(gbytes, function () { v8rt(graph); });

var str = 'abcdefghijklmnop'.repeat(1 << 16);
results.string1m = { bytes: str.length, sc: rate(str.length, function () { structuredClone(str); }) };
if (v8) results.string1m.v8 = rate(str.length, function () { v8rt(str); });

var big = new ArrayBuffer(64 << 20);
new Uint8Array(big)[12345] = 7;
results.ab64m = { bytes: big.byteLength, sc: rate(big.byteLength, function () { structuredClone(big); }) };
if (v8) results.ab64m.v8 = rate(big.byteLength, function () { v8rt(big); });

var cur = big;
results.ab64m_xfer = {
  bytes: big.byteLength,
  sc: rate(big.byteLength, function () { cur = structuredClone(cur, { transfer: [cur] }); })
};
if (new Uint8Array(cur)[12345] !== 7 || big.byteLength !== 0) throw new Error('transfer is wrong');

console.log(JSON.stringify(results));
