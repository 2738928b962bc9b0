// Generators: for-of over generator functions, delegation with yield*, spread, manual next().
function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}
function* evens(n) {
  for (const x of range(n)) if (x % 2 === 0) yield x;
}
function* tree(depth) {
  if (depth === 0) { yield 1; return; }
  yield* tree(depth - 1);
  yield depth;
  yield* tree(depth - 1);
}
function* fibgen() {
  let a = 0, b = 1;
  for (;;) { yield a; [a, b] = [b, (a + b) % 1000003]; }
}

let sum = 0;
for (let r = 0; r < 20; r++)
  for (const x of evens(30000)) sum += x;
for (let r = 0; r < 6; r++)
  for (const x of tree(14)) sum += x;
const g = fibgen();
for (let i = 0; i < 300000; i++) sum = (sum + g.next().value) % 1000000007;
let spread = 0;
for (let r = 0; r < 200; r++) spread += [...range(500)].length;
console.log('generators', sum, spread);
