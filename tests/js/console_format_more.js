// console.log of values whose features are still coming: async and
// generator functions, typed arrays, ArrayBuffer, Promise, Date, RegExp,
// BigInt (checked against console_format_more.expected: node's output).
console.log(async function af() {}, function* gen() {}, async function* ag() {});
console.log(new Uint8Array([1, 2, 3]), new Float64Array(8), new Int16Array(0));
console.log(new ArrayBuffer(3));
console.log(new Date(0), [new Date(86400000)], new Date(NaN));
console.log(/ab+c/gi, { re: /x/ }, [/[a-z]+\//u]);
console.log(10n, [-5n], { big: 12345678901234567890n }, Object(7n));
console.log('%d %i %s', 3n, 4n, 5n);
