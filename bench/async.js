// async/await: awaiting in loops, async call chains, awaiting non-promises, try/catch across await.
async function leaf(x) { return x + 1; }
async function mid(x) { return (await leaf(x)) * 2; }
async function top(x) {
  let s = 0;
  for (let i = 0; i < 3; i++) s += await mid(x + i);
  return s;
}
async function thrower(x) {
  if (x % 3 === 0) throw new Error('e' + x);
  return x;
}
async function main() {
  let total = 0;
  for (let i = 0; i < 120000; i++) total = (total + await top(i)) % 1000000007;
  for (let i = 0; i < 400000; i++) total += await i % 3;
  for (let i = 0; i < 80000; i++) {
    try { total += await thrower(i); } catch (e) { total += e.message.length; }
  }
  console.log('async', total);
}
main();
