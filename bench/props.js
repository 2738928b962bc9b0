// Property reads and writes on objects of the same shape.
function makePoints(n) {
  const pts = [];
  for (let i = 0; i < n; i++) pts.push({ x: i, y: i * 2, z: i % 7, w: 1 });
  return pts;
}
function sweep(pts, rounds) {
  let sum = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i];
      p.x = p.y + p.z;
      p.w = p.w + 1;
      sum += p.x - p.y + p.w;
    }
  }
  return sum;
}
const pts = makePoints(10000);
console.log('props', sweep(pts, 700));
