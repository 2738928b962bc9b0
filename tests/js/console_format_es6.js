// console.log of ES2015+ values (checked against console_format_es6.expected,
// which is what node prints).
console.log(Symbol('q'), [Symbol()], { [Symbol('k')]: 1 });
class A {}
class B extends Array {}
console.log(A, B, class {}, [class Named {}]);
console.log(() => {}, [(x) => x]);
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
}
console.log(new Point(1, 2), [new Point(3, 4)], { p: new Point(5, 6) });
class Empty {}
console.log(new Empty());
console.log(new Map([[1, 'a'], ['b', { x: 1 }]]), new Set([1, 2, 'x']), new Map(), new Set());
class MyMap extends Map {}
console.log(new MyMap([[1, 2]]));
console.log(new WeakMap(), new WeakSet());
const tagged = { [Symbol.toStringTag]: 'Custom', a: 1 };
console.log(tagged);
console.log(Object(Symbol('boxed')));
console.log({ nested: new Map([['k', new Set([[1, 2]])]]) });
