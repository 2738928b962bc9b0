// Dates: construction, UTC and local getters/setters, arithmetic, parsing and formatting.
let n = 0;
const base = Date.UTC(2020, 0, 1);
for (let i = 0; i < 220000; i++) {
  const d = new Date(base + i * 3600000 * 7);
  n += d.getUTCFullYear() + d.getUTCMonth() + d.getUTCDate() + d.getUTCDay() + d.getUTCHours();
  n += d.getFullYear() + d.getMonth() + d.getDate() + d.getHours() + d.getMinutes();
}
for (let i = 0; i < 150000; i++) {
  const d = new Date(2021, i % 12, (i % 28) + 1, i % 24, i % 60);
  d.setDate(d.getDate() + 10);
  d.setUTCHours(d.getUTCHours() + 5);
  d.setMonth(d.getMonth() + 1);
  n += d.getTime() % 1000;
}
for (let i = 0; i < 110000; i++) {
  const d = new Date(base + i * 86400000);
  const iso = d.toISOString();
  n += Date.parse(iso) === d.getTime() ? 1 : 0;
  n += iso.length;
}
for (let i = 0; i < 22000; i++) {
  const d = new Date(Date.UTC(2000 + (i % 30), i % 12, 1 + (i % 27), i % 24));
  n += Date.parse(d.toUTCString()) === d.getTime() ? 1 : 0;
  n += new Date(d.toString()).getTime() === d.getTime() ? 1 : 0;
  n += Date.UTC(2000, i % 12, i % 31, 1, 2, 3) % 97;
}
console.log('date', n);
