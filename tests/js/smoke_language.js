// Core language smoke test: the constructs every other test relies on.

// arithmetic and numbers
assertEq(1 + 2 * 3, 7);
assertEq(7 / 2, 3.5);
assertEq(7 % 3, 1);
assertEq(-7 % 3, -1);
assertEq(2 ** 10, 1024);
assertEq(0.1 + 0.2 === 0.3, false);
assertEq(1 / 0, Infinity);
assertEq(-1 / 0, -Infinity);
assert(isNaN(0 / 0));
assertEq(-0, -0);
assertNotEq(0, -0);
assertEq(5 & 3, 1);
assertEq(5 | 3, 7);
assertEq(5 ^ 3, 6);
assertEq(~5, -6);
assertEq(-8 >> 1, -4);
assertEq(-8 >>> 28, 15);
assertEq(1 << 31, -2147483648);
assertEq(0x7fffffff + 1, 2147483648);

// strings
var s = 'hello';
assertEq(s.length, 5);
assertEq(s + ' ' + 'world', 'hello world');
assertEq(s.charAt(1), 'e');
assertEq(s.charCodeAt(0), 104);
assertEq(s.indexOf('l'), 2);
assertEq(s.slice(1, 3), 'el');
assertEq(s.toUpperCase(), 'HELLO');
assertEq('a,b,c'.split(',').length, 3);
assertEq(`x${1 + 1}y`, 'x2y');
assertEq(String(123), '123');
assertEq('' + 1.5, '1.5');
assertEq(Number('42'), 42);

// variables and scopes
var v1 = 1;
let l1 = 2;
const c1 = 3;
{
  let l1 = 20;
  assertEq(l1, 20);
}
assertEq(v1 + l1 + c1, 6);

// functions and closures
function add(a, b) { return a + b; }
assertEq(add(2, 3), 5);
assertEq(add.length, 2);
assertEq(add.name, 'add');
function counter() {
  var n = 0;
  return function () { n++; return n; };
}
var c = counter();
c();
c();
assertEq(c(), 3);
var arrow = (x, y) => x * y;
assertEq(arrow(6, 7), 42);
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
assertEq(fact(10), 3628800);
function args() { return arguments.length; }
assertEq(args(1, 2, 3), 3);

// control flow
var total = 0;
for (var i = 0; i < 10; i++) {
  if (i === 3) continue;
  if (i === 8) break;
  total += i;
}
assertEq(total, 0 + 1 + 2 + 4 + 5 + 6 + 7);
var w = 0;
while (w < 5) w++;
assertEq(w, 5);
var d = 0;
do { d++; } while (d < 3);
assertEq(d, 3);
function sw(x) {
  switch (x) {
    case 1: return 'one';
    case 'two': return 2;
    default: return 'other';
  }
}
assertEq(sw(1), 'one');
assertEq(sw('two'), 2);
assertEq(sw(null), 'other');

// objects and prototypes
var o = { a: 1, b: { c: [1, 2, 3] } };
assertEq(o.b.c[2], 3);
o.d = 'x';
assertEq(Object.keys(o).join(), 'a,b,d');
delete o.a;
assertEq('a' in o, false);
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.norm2 = function () { return this.x * this.x + this.y * this.y; };
var p = new Point(3, 4);
assertEq(p.norm2(), 25);
assert(p instanceof Point);
assertEq(Object.getPrototypeOf(p), Point.prototype);
var keys = [];
for (var k in { x: 1, y: 2 }) keys.push(k);
assertDeepEq(keys, ['x', 'y']);

// arrays
var arr = [3, 1, 2];
arr.push(5);
assertEq(arr.length, 4);
assertDeepEq(arr.slice().sort(), [1, 2, 3, 5]);
assertDeepEq(arr.map(x => x * 2), [6, 2, 4, 10]);
assertEq(arr.indexOf(2), 2);
assertEq([1, 2, 3].join('-'), '1-2-3');
assertEq([1, [2, 3]].length, 2);

// typeof
assertEq(typeof 1, 'number');
assertEq(typeof 'x', 'string');
assertEq(typeof undefined, 'undefined');
assertEq(typeof null, 'object');
assertEq(typeof {}, 'object');
assertEq(typeof function () {}, 'function');
assertEq(typeof true, 'boolean');

// exceptions
var caught = null;
try {
  throw new TypeError('bad');
} catch (e) {
  caught = e;
} finally {
  caught.finallyRan = true;
}
assert(caught instanceof TypeError);
assertEq(caught.message, 'bad');
assert(caught.finallyRan);

// JSON
assertEq(JSON.stringify({ a: [1, 'x', null] }), '{"a":[1,"x",null]}');
assertDeepEq(JSON.parse('{"a":[1,"x",null]}'), { a: [1, 'x', null] });
