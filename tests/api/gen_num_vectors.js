// gen_num_vectors.js - writes num_vectors.txt, the reference outputs of
// V8's number formatting that tests/api/test_num.c compares against.
//
//   node tests/api/gen_num_vectors.js > tests/api/num_vectors.txt
//
// Each line: OP HEXBITS ARG EXPECTED
//   S  String(x)                 (ARG is 0)
//   F  x.toFixed(ARG)
//   P  x.toPrecision(ARG)
//   E  x.toExponential(ARG)      (ARG -1 means no argument)
//   R  x.toString(ARG)
// The random generator is seeded so the file is reproducible.
'use strict';

let s0 = 0x9e3779b97f4a7c15n, s1 = 0xbf58476d1ce4e5b9n;
const M64 = (1n << 64n) - 1n;
function next64() {
  // xorshift128+
  let x = s0, y = s1;
  s0 = y;
  x = (x ^ (x << 23n)) & M64;
  s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
  return (s1 + y) & M64;
}
function rnd() { return Number(next64() >> 11n) / 2 ** 53; }
function rint(n) { return Math.floor(rnd() * n); }

const buf = new DataView(new ArrayBuffer(8));
function bitsOf(x) { buf.setFloat64(0, x); return buf.getBigUint64(0).toString(16).padStart(16, '0'); }
function fromBits(b) { buf.setBigUint64(0, b); return buf.getFloat64(0); }

function randomBits() {
  for (;;) {
    const x = fromBits(next64());
    if (Number.isFinite(x)) return x;
  }
}
function niceValue() {
  switch (rint(8)) {
    case 0: return rint(1000000) * (rnd() < 0.2 ? -1 : 1);
    case 1: { // short decimal
      const digits = 1 + rint(17);
      let m = '';
      for (let i = 0; i < digits; i++) m += String(rint(10));
      return Number(m + 'e' + (rint(60) - 30)) * (rnd() < 0.2 ? -1 : 1);
    }
    case 2: return (rint(2000) - 1000) / 8 + rint(3) * 0.005; // halfway-ish cases
    case 3: return Math.pow(2, rint(200) - 100);
    case 4: return rnd() * Math.pow(10, rint(44) - 22);
    case 5: return (rint(100000) + 0.5) / Math.pow(10, rint(6));
    case 6: return Number((rnd() * 100).toFixed(rint(6)));
    default: return randomBits();
  }
}

const out = [];
function emit(op, x, arg, s) { out.push(op + ' ' + bitsOf(x) + ' ' + arg + ' ' + s); }

const special = [0, -0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1e21, 1e-7, 123e-20,
  5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308,
  1e23, 9007199254740993, 123.456, 0.000001, 1.005, 1.45, 0.5, 2.5, 1e20,
  4.35, 0.000123, 1e100, 1.5e-10, 12345678901234567890, 2 ** 53, 2 ** 64, 2 ** 70];
for (const x of special) {
  emit('S', x, 0, String(x));
  emit('E', x, -1, x.toExponential());
  for (const k of [0, 1, 2, 5, 20]) {
    if (Math.abs(x) < 1e21) emit('F', x, k, x.toFixed(k));
    emit('E', x, k, x.toExponential(k));
  }
  for (const k of [1, 2, 3, 10, 21]) emit('P', x, k, x.toPrecision(k));
  for (const r of [2, 3, 7, 16, 36]) emit('R', x, r, x.toString(r));
}

for (let i = 0; i < 4500; i++) {
  const x = randomBits();
  emit('S', x, 0, String(x));
  if (i % 6 === 0) emit('E', x, -1, x.toExponential());
}
for (let i = 0; i < 4500; i++) {
  const x = niceValue();
  emit('S', x, 0, String(x));
  if (Math.abs(x) < 1e21) {
    const k = rnd() < 0.9 ? rint(21) : rint(101);
    emit('F', x, k, x.toFixed(k));
  }
  { const p = 1 + rint(25); emit('P', x, p, x.toPrecision(p)); }
  if (i % 2 === 0) {
    const k = rint(25);
    emit('E', x, k, x.toExponential(k));
  }
}
for (let i = 0; i < 2500; i++) {
  let x;
  switch (rint(5)) {
    case 0: x = rnd() * Math.pow(10, rint(12) - 6); break;
    case 1: x = rint(1e9) * (rnd() < 0.3 ? -1 : 1); break;
    case 2: x = Math.pow(2, rint(120)) * (1 + rnd()); break;
    case 3: x = (rint(1000000) - 500000) / 1000; break;
    default: x = niceValue(); break;
  }
  let r = 2 + rint(35);
  if (r === 10) r = 16;
  const s = x.toString(r);
  if (s.length > 200) continue;
  emit('R', x, r, s);
}
process.stdout.write(out.join('\n') + '\n');
