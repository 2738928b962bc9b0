// Destructuring in loops: arrays, objects, defaults, rest, nested patterns and for-of bindings.
const pts = [];
for (let i = 0; i < 2000; i++) pts.push({ x: i, y: i * 2, tag: i % 5 ? 'a' : undefined, pos: [i, i + 1] });
const pairs = [];
for (let i = 0; i < 2000; i++) pairs.push([i, i % 7, i % 3]);

let s = 0;
for (let r = 0; r < 60; r++) {
  for (const { x, y, tag = 'z', pos: [p0, p1] } of pts) s += x + y + tag.length + p0 - p1;
  for (const [a, b, c] of pairs) s += a * b - c;
  for (let i = 0; i < pts.length; i++) {
    const { x, ...rest } = pts[i];
    s += x + rest.y;
  }
}
let a = 1, b = 2;
for (let i = 0; i < 300000; i++) {
  [a, b] = [b, (a + b) % 65536];
  const [first, ...others] = [i, a, b];
  s = (s + first + others.length) % 1000000007;
}
function f({ k = 1, m = 2 } = {}, [n = 3] = []) { return k + m + n; }
for (let i = 0; i < 300000; i++) s += f({ k: i % 10 }, i % 2 ? [i] : []);
console.log('destructure', s, a, b);
