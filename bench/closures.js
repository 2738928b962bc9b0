// Closure creation and calls, captured variables, higher-order functions.
function makeCounter(start) {
  let n = start;
  return {
    inc: () => ++n,
    get: () => n,
  };
}
function compose(f, g) { return x => f(g(x)); }
const add1 = x => x + 1;
const dbl = x => x * 2;

let total = 0;
for (let i = 0; i < 400000; i++) {
  const c = makeCounter(i);
  c.inc();
  c.inc();
  total += c.get();
}
const h = compose(add1, compose(dbl, add1));
for (let i = 0; i < 4000000; i++) total = (total + h(i)) % 1000000007;
function curry3(a) { return b => c => a * 100 + b * 10 + c; }
for (let i = 0; i < 1200000; i++) total = (total + curry3(i % 10)(i % 7)(i % 3)) % 1000000007;
console.log('closures', total);
