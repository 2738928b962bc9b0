// Regular expressions: test/exec/match/replace/split with classes, groups, alternation, flags.
const words = [];
for (let i = 0; i < 2000; i++) words.push('w' + (i * 7919 % 10007).toString(36) + (i % 3 ? 'ing' : 'ed'));
const text = words.join(' ');
const lines = [];
for (let i = 0; i < 3000; i++)
  lines.push(`2024-${String(i % 12 + 1).padStart(2, '0')}-${String(i % 28 + 1).padStart(2, '0')} ` +
             `user${i}@host${i % 17}.example.com GET /api/v${i % 3}/items/${i} ${200 + (i % 5) * 100}`);
let n = 0;
const reDate = /^(\d{4})-(\d{2})-(\d{2})/;
const reMail = /([a-z0-9._-]+)@([a-z0-9.-]+\.[a-z]{2,})/i;
const reReq = /\b(GET|POST|PUT)\s+(\/[^\s]*)\s+(\d{3})$/;
for (let r = 0; r < 20; r++) {
  for (const line of lines) {
    const d = reDate.exec(line);
    const m = line.match(reMail);
    const q = reReq.exec(line);
    n += (+d[2]) + m[2].length + (q[3] === '200' ? 1 : 0);
  }
}
for (let r = 0; r < 16; r++) {
  n += text.match(/\w+ing\b/g).length;
  n += text.replace(/w([0-9a-z]+)ed/g, (all, id) => id.toUpperCase()).length;
  n += text.split(/\s+/).length;
  n += text.replace(/[aeiou]/g, '').length;
  n += [...text.matchAll(/(?<head>w\d)(?<tail>[a-z]+)/g)].length;
}
const reWord = /^[a-z]\w*(ing|ed)$/;
for (let r = 0; r < 120; r++) for (const w of words) if (reWord.test(w)) n++;
console.log('regexp', n);
