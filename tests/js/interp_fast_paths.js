// The interpreter's fast paths must not change what scripts see: add
// transitions cached by put_field, define_field on literals, the closure
// shape cache, compare-and-branch fusion, built-in iterators stepped
// without result objects, the VM stack kept between calls from C.

// put_field adding a property through a cached transition ...
function P(x, y) { this.x = x; this.y = y; }
for (var i = 0; i < 5; i++) new P(i, i);
// ... must notice a setter added later on the prototype chain
var seen = [];
Object.defineProperty(P.prototype, 'y', { set: function (v) { seen.push(v); }, configurable: true });
var p = new P(1, 2);
assertEq(Object.prototype.hasOwnProperty.call(p, 'y'), false, 'setter on proto intercepts');
assertDeepEq(seen, [2]);
delete P.prototype.y;
// ... and a read-only property on Object.prototype
Object.defineProperty(Object.prototype, 'zz', { value: 1, writable: false, configurable: true });
function Q() { this.zz = 5; }
var q = new Q();
assertEq(q.zz, 1, 'non-writable inherited property blocks the write');
assertThrows(TypeError, function () { 'use strict'; (function () { this.zz = 2; }).call({}); });
delete Object.prototype.zz;
// ... and a non-extensible receiver
function R() { this.a = 1; }
for (i = 0; i < 3; i++) new R();
var frozen = Object.preventExtensions(Object.create(R.prototype));
R.call(frozen);
assertEq(frozen.a, undefined, 'no property added to a non-extensible object');
assertThrows(TypeError, function () { 'use strict'; var o = Object.freeze({}); o.b = 1; });
// ... and a Proxy on the prototype chain
var log = [];
function S() { this.k = 1; }
for (i = 0; i < 3; i++) new S();
S.prototype = new Proxy({}, { set: function (t, key, v, r) { log.push(key); return true; } });
var s = new S();
assertDeepEq(log, ['k']);
assertEq(Object.keys(s).length, 0);
// many properties: the value array grows with the cached shape
function Big() { this.a = 1; this.b = 2; this.c = 3; this.d = 4; this.e = 5; this.f = 6; this.g = 7; this.h = 8; this.i = 9; }
var sum = 0;
for (i = 0; i < 10; i++) { var bb = new Big(); sum += bb.a + bb.e + bb.i; }
assertEq(sum, 150);
assertDeepEq(Object.keys(new Big()), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);

// define_field: duplicate keys in literals, fields on exotic objects
var lit = { a: 1, b: 2, a: 3 };
assertDeepEq(Object.keys(lit), ['a', 'b']);
assertEq(lit.a, 3);
class Base { constructor() { return [7]; } }
class Derived extends Base { length2 = 2; 0 = 'zero'; }
var d = new Derived();
assertEq(Array.isArray(d), true);
assertEq(d.length2, 2);
assertEq(d[0], 'zero');
assertEq(d.length, 1);
class FromFrozen { constructor() { return Object.freeze({}); } }
class Field extends FromFrozen { x = 1; }
assertThrows(TypeError, function () { new Field(); });

// closures share cached shapes but stay independent
var fs = [];
for (i = 0; i < 5; i++) fs.push(function named() { return i; });
fs[0].extra = 1;
assertEq(fs[1].extra, undefined);
assertEq(fs[2].name, 'named');
assertEq(fs[3].length, 0);
assertEq(typeof fs[4].prototype, 'object');
assertEq(fs[4].prototype.constructor, fs[4]);
assertDeepEq(Object.getOwnPropertyNames(fs[0]).filter(function (k) { return k !== 'arguments' && k !== 'caller'; }).sort(),
             ['extra', 'length', 'name', 'prototype']);

// compare-and-branch fusion with every operand kind
var hits = 0, vals = [1, 2.5, '3', null, undefined, NaN, -0, { valueOf: function () { return 4; } }];
for (var a = 0; a < vals.length; a++)
  for (var b = 0; b < vals.length; b++) {
    if (vals[a] < vals[b]) hits++;
    if (vals[a] >= vals[b]) hits += 10;
    if (vals[a] === vals[b]) hits += 100;
    if (vals[a] !== vals[b]) hits += 1000;
  }
assertEq(hits, 57934);   /* node's count */
var order = [];
var lhs = { valueOf: function () { order.push('l'); return 1; } };
var rhs = { valueOf: function () { order.push('r'); return 2; } };
if (lhs > rhs) order.push('yes'); else order.push('no');
assertDeepEq(order, ['l', 'r', 'no']);

// array iterators stepped without result objects
var arr = [1, 2, 3], got = [];
for (var v of arr) { got.push(v); if (v === 1) arr.push(4); }
assertDeepEq(got, [1, 2, 3, 4]);
var holes = [1, , 3];
got = [];
for (v of holes) got.push(v);
assertDeepEq(got, [1, undefined, 3]);
var saved = Array.prototype[Symbol.iterator];
var ArrayIterProto = Object.getPrototypeOf([][Symbol.iterator]());
var savedNext = ArrayIterProto.next;
var calls = 0;
ArrayIterProto.next = function () { calls++; return savedNext.call(this); };
got = [];
for (v of [5, 6]) got.push(v);
ArrayIterProto.next = savedNext;
assertDeepEq(got, [5, 6]);
assertEq(calls, 3, 'a replaced next is called');
var [x1, x2, ...xs] = [1, 2, 3, 4];
assertEq(x1 + x2, 3);
assertDeepEq(xs, [3, 4]);
assertEq(Array.prototype[Symbol.iterator], saved);

// generators stepped without result objects
function* gen() { var r = yield 1; yield r; yield* [7, 8]; yield* inner(); return 99; }
function* inner() { yield 'i'; }
got = [];
for (v of gen()) got.push(v);
assertDeepEq(got, [1, undefined, 7, 8, 'i']);
function* reent() { for (var z of it) yield z; }
var it = reent();
assertThrows(TypeError, function () { for (var z of it) ; });
function* thrower() { yield 1; throw new RangeError('boom'); }
assertThrows(RangeError, function () { for (var z of thrower()) ; });
var GenProto = Object.getPrototypeOf(gen.prototype);
var origNext = GenProto.next;
var gcalls = 0;
GenProto.next = function (x) { gcalls++; return origNext.call(this, x); };
got = [];
for (v of inner()) got.push(v);
GenProto.next = origNext;
assertDeepEq(got, ['i']);
assertEq(gcalls, 2);
function* delegating() { yield* { [Symbol.iterator]() { return { next() { return { get done() { return false; }, value: 'custom' }; }, return() { return {}; } }; } }; }
got = [];
for (v of delegating()) { got.push(v); break; }
assertDeepEq(got, ['custom']);

// calls from C into JS reuse the VM stack; deep recursion still ends in RangeError
var total = 0;
[1, 2, 3].forEach(function (n) { total += n; });
assertEq(total, 6);
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1); }
assertEq(deep(5000), 5000);
assertThrows(RangeError, function () { (function inf() { return inf() + 1; })(); });
assertEq(deep(100), 100);

// getters and setters written in JS run as ordinary frames of the loop
class Temp {
  constructor() { this.c = 20; this.log = []; }
  get f() { return this.c * 9 / 5 + 32; }
  set f(v) { this.log.push(v); this.c = (v - 32) * 5 / 9; return 'ignored'; }
  get boom() { throw new SyntaxError('getter'); }
  set boom(v) { throw new URIError('setter ' + v); }
  static get kind() { return 'temp'; }
}
var t = new Temp();
assertEq(t.f, 68);
assertEq((t.f = 212), 212, 'assignment value is the right operand');
assertEq(t.c, 100);
assertDeepEq(t.log, [212]);
assertEq(t.f + t.f, 424);
assertEq(Temp.kind, 'temp');
var caught = '';
try { t.boom; } catch (e) { caught += e.name; }
try { t.boom = 5; } catch (e) { caught += ':' + e.message; }
assertEq(caught, 'SyntaxError:setter 5');
var stackText = '';
try { t.boom; } catch (e) { stackText = String(e.stack); }
assert(stackText.indexOf('boom') >= 0 || stackText.indexOf('interp_fast_paths') >= 0, 'stack mentions the getter');
// a getter that recurses deeply ends in RangeError like any call
var deepObj = { get d() { return this.d; } };
assertThrows(RangeError, function () { return deepObj.d; });
// sloppy getter sees the object as this; own accessors too
var own = { n: 3, get twice() { return this.n * 2; }, set twice(v) { this.n = v / 2; } };
assertEq(own.twice, 6);
own.twice = 10;
assertEq(own.n, 5);
// setter without getter, getter without setter
var half = { set only(v) { this.seen = v; } };
assertEq(half.only, undefined);
half.only = 4;
assertEq(half.seen, 4);
var ro = { get only() { return 1; } };
ro.only = 2;
assertEq(ro.only, 1);
assertThrows(TypeError, function () { 'use strict'; ro.only = 3; });
// compound assignment and increments through accessors
var acc = { v: 1, get x() { return this.v; }, set x(n) { this.v = n * 10; } };
acc.x += 1;
assertEq(acc.v, 20);
acc.x++;
assertEq(acc.v, 210);
// accessors in loops (the caches see objects of several shapes)
var objs = [new Temp(), own, { get f() { return 1; } }, Object.create(new Temp())];
var tot = 0;
for (var k = 0; k < 40; k++) tot += objs[k % 4].f || 0;
assertEq(tot, 10 * (68 + 0 + 1 + 68));

// for-of and destructuring over Arrays without iterator objects
var arr2 = [1, 2, 3], seen2 = [];
for (var e2 of arr2) { seen2.push(e2); if (e2 === 2) arr2.length = 2; }
assertDeepEq(seen2, [1, 2], 'shrinking ends the loop');
arr2 = [0, 1];
seen2 = [];
for (e2 of arr2) { seen2.push(e2); if (arr2.length < 5) arr2.push(arr2.length); }
assertDeepEq(seen2, [0, 1, 2, 3, 4], 'growing extends it');
Object.defineProperty(Array.prototype, 1, { get: function () { return 'proto'; }, configurable: true });
var joined = '';
for (e2 of [7, , 9]) joined += e2 + ';';
delete Array.prototype[1];
assertEq(joined, '7;proto;9;', 'holes read through the prototype');
var closed = 0;
Array.prototype.return = function () { closed++; return {}; };
for (e2 of [1, 2, 3]) break;
try { for (e2 of [1, 2]) throw new Error('x'); } catch (err) { }
var [u1] = [5, 6];
delete Array.prototype.return;
assertEq(closed, 0, 'array iterators have no return method to call');
assertEq(u1, 5);
var idxGetter = [1, 2, 3];
Object.defineProperty(idxGetter, 1, { get: function () { throw new EvalError('elem'); } });
assertThrows(EvalError, function () { for (var z of idxGetter) ; });
assertThrows(EvalError, function () { var [a, b] = idxGetter; });
var [h1, , h3, ...hrest] = [1, 2, 3, 4, 5];
assertDeepEq([h1, h3, hrest], [1, 3, [4, 5]]);
var [d1 = 'def', d2 = 'def'] = [undefined, null];
assertEq(d1, 'def');
assertEq(d2, null);
class MyArr extends Array {}
var ma = MyArr.from([4, 5]);
seen2 = [];
for (e2 of ma) seen2.push(e2);
assertDeepEq(seen2, [4, 5]);
var savedIter = Array.prototype[Symbol.iterator];
Array.prototype[Symbol.iterator] = function* () { yield 'custom'; };
seen2 = [];
for (e2 of [1, 2]) seen2.push(e2);
var [c1] = [1, 2];
Array.prototype[Symbol.iterator] = savedIter;
assertDeepEq(seen2, ['custom']);
assertEq(c1, 'custom');
var own2 = [1, 2];
own2[Symbol.iterator] = function () { return [9][Symbol.iterator](); };
seen2 = [];
for (e2 of own2) seen2.push(e2);
assertDeepEq(seen2, [9]);
function* genOverArray() { for (var q of [1, 2, 3]) yield q; }
var ga = genOverArray();
assertEq(ga.next().value, 1);
assertDeepEq(ga.return(42), { value: 42, done: true });
seen2 = [];
for (e2 of [[1, 2], [3, 4]]) { var [ea, eb] = e2; seen2.push(ea + eb); }
assertDeepEq(seen2, [3, 7]);
