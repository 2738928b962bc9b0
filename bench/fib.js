// Recursive calls: fib(n) the naive way.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
let total = 0;
for (let i = 0; i < 30; i++) total += fib(27);
console.log('fib', total);
