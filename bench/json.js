// JSON.stringify and JSON.parse of a few megabytes of generated data.
const records = [];
for (let i = 0; i < 20000; i++) {
  records.push({
    id: i,
    name: 'user' + i,
    email: `user${i}@example.com`,
    active: i % 3 === 0,
    score: i * 1.25,
    tags: ['a' + (i % 10), 'b' + (i % 7), 'c'],
    address: { street: i + ' Main St', city: 'City' + (i % 100), zip: '' + (10000 + i) },
  });
}
let text = '', total = 0;
for (let r = 0; r < 8; r++) {
  text = JSON.stringify(records);
  const back = JSON.parse(text);
  total += back.length + back[r].id;
}
const pretty = JSON.stringify(records.slice(0, 2000), null, 2);
console.log('json', text.length, total, JSON.parse(pretty).length);
