// Promise chains: then-chains, Promise.all, resolve/reject paths, microtask throughput.
let acc = 0;
function chain(n) {
  let p = Promise.resolve(0);
  for (let i = 0; i < n; i++) p = p.then(v => v + 1);
  return p;
}
function mixed(n) {
  let p = Promise.resolve(1);
  for (let i = 0; i < n; i++) {
    p = p.then(v => {
      if (v % 5 === 0) throw v;
      return v + 1;
    }).catch(e => e + 2).finally(() => { acc++; });
  }
  return p;
}
async function main() {
  let total = 0;
  for (let r = 0; r < 40; r++) total += await chain(10000);
  total += await mixed(60000);
  for (let r = 0; r < 200; r++) {
    const ps = [];
    for (let i = 0; i < 500; i++) ps.push(new Promise(res => res(i)));
    const vals = await Promise.all(ps);
    total += vals[vals.length - 1];
  }
  console.log('promises', total, acc);
}
main();
