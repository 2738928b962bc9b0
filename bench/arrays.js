// Arrays: push, index loops, sort (numbers and with a comparator), map/filter/reduce.
let seed = 12345;
function rand() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
}
const a = [];
for (let i = 0; i < 250000; i++) a.push(rand() % 100000);
const sorted = a.slice().sort((x, y) => x - y);
const strs = [];
for (let i = 0; i < 80000; i++) strs.push('k' + (rand() % 80000));
strs.sort();
const mapped = a.map(x => x * 2).filter(x => x % 3 === 0);
const sum = mapped.reduce((s, x) => s + x, 0);
let rev = 0;
for (let r = 0; r < 10; r++) {
  const b = a.slice();
  b.reverse();
  rev += b[r] + b.indexOf(a[r]);
}
const matrix = [];
for (let i = 0; i < 500; i++) {
  const row = [];
  for (let j = 0; j < 500; j++) row.push(i ^ j);
  matrix.push(row);
}
let tr = 0;
for (let i = 0; i < 500; i++) for (let j = 0; j < 500; j++) tr += matrix[j][i];
console.log('arrays', sorted[0], sorted[sorted.length - 1], strs[0], sum, rev, tr);
