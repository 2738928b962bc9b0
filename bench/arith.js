// Arithmetic loops: small integers, doubles, bit operations.
function intLoop(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc = (acc + i * 7) % 1000003;
    acc ^= i & 255;
  }
  return acc;
}
function floatLoop(n) {
  let x = 0.5, y = 0;
  for (let i = 1; i <= n; i++) {
    x = x * 1.0000001 + 1 / i;
    y += Math.sqrt(x) - x / (i + 0.5);
  }
  return Math.floor(y * 1000);
}
function collatz(limit) {
  let longest = 0;
  for (let s = 1; s < limit; s++) {
    let n = s, steps = 0;
    while (n !== 1) {
      n = n % 2 === 1 ? 3 * n + 1 : n / 2;
      steps++;
    }
    if (steps > longest) longest = steps;
  }
  return longest;
}
console.log('arith', intLoop(5000000), floatLoop(1500000), collatz(30000));
