// String building with += and common string operations.
let s = '';
for (let i = 0; i < 1000000; i++) s += 'item' + i + ',';
let parts = s.split(',');
let count = 0;
for (let i = 0; i < parts.length; i++) if (parts[i].indexOf('99') >= 0) count++;
let built = '';
for (let i = 0; i < 400000; i++) built += String.fromCharCode(97 + (i % 26));
let upper = built.toUpperCase();
let rep = '';
for (let i = 0; i < 8000; i++) rep = `${rep.length}:${upper.slice(i, i + 10)}|` + rep.slice(0, 200);
const joined = parts.slice(0, 50000).join('-');
console.log('strings', s.length, parts.length, count, upper.charCodeAt(5000), rep.length, joined.length);
