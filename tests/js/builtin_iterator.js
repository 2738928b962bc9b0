// %IteratorPrototype%, the Iterator constructor, Iterator.from/concat, the
// iterator helpers and %AsyncIteratorPrototype%.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

// An iterator over 'values' that records what the helpers do with it.
function counting(values) {
  var log = { next: 0, ret: 0 };
  var i = 0;
  var it = Object.create(Iterator.prototype);
  it.next = function () {
    log.next++;
    return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
  };
  it.return = function () { log.ret++; return {}; };
  it.log = log;
  return it;
}

// 0 .. n-1 from an Array Iterator (inherits from %IteratorPrototype%)
function gen(n) {
  var a = [];
  for (var i = 0; i < n; i++) a.push(i);
  return a.values();
}

var IterProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

// Iterator constructor
assertEq(typeof Iterator, "function");
assertEq(Iterator.length, 0);
assertEq(Iterator.name, "Iterator");
assertEq(Iterator.prototype, IterProto);
var d = desc(Iterator, "prototype");
assert(!d.writable && !d.enumerable && !d.configurable);
assertThrows(TypeError, function () { new Iterator(); });
assertThrows(TypeError, function () { Iterator(); });
class MyIter extends Iterator { next() { return { done: true }; } }
var mi = new MyIter();
assert(mi instanceof Iterator);
assertEq(Object.getPrototypeOf(mi), MyIter.prototype);

// Iterator.prototype
assertEq(IterProto[Symbol.iterator].call(mi), mi);
assertEq(IterProto[Symbol.iterator].name, "[Symbol.iterator]");
d = desc(IterProto, Symbol.toStringTag);
assertEq(typeof d.get, "function");
assertEq(typeof d.set, "function");
assert(!d.enumerable && d.configurable);
assertEq(IterProto[Symbol.toStringTag], "Iterator");
assertEq(Object.prototype.toString.call(mi), "[object Iterator]");
assertThrows(TypeError, function () { IterProto[Symbol.toStringTag] = "x"; });
var tagged = Object.create(IterProto);
tagged[Symbol.toStringTag] = "Mine";
assertEq(desc(tagged, Symbol.toStringTag).value, "Mine");
assertEq(IterProto[Symbol.toStringTag], "Iterator");
assertThrows(TypeError, function () { d.set.call(1, "x"); });
d = desc(IterProto, "constructor");
assertEq(typeof d.get, "function");
assertEq(IterProto.constructor, Iterator);
var co = Object.create(IterProto);
co.constructor = 5;
assertEq(co.constructor, 5);
assertEq(IterProto.constructor, Iterator);
assertThrows(TypeError, function () { IterProto.constructor = 1; });

// map
var src = counting([1, 2, 3]);
var m = src.map(function (x, i) { return x * 10 + i; });
assertEq(Object.getPrototypeOf(Object.getPrototypeOf(m)), IterProto);
assertEq(m[Symbol.toStringTag], "Iterator Helper");
assertEq(src.log.next, 0, "lazy");
assertDeepEq(m.next(), { value: 10, done: false });
assertDeepEq(m.toArray(), [21, 32]);
assertDeepEq(m.next(), { value: undefined, done: true });
assertThrows(TypeError, function () { counting([]).map(1); });
assertThrows(TypeError, function () { IterProto.map.call(1, function () {}); });
// argument validation closes the receiver without reading next
var v = counting([1]);
assertThrows(TypeError, function () { v.map(); });
assertEq(v.log.ret, 1);
// mapper throwing closes the underlying iterator
var thr = counting([1, 2]);
var mt = thr.map(function () { throw new RangeError("m"); });
assertThrows(RangeError, function () { mt.next(); });
assertEq(thr.log.ret, 1);
assertDeepEq(mt.next(), { value: undefined, done: true });

// filter
assertDeepEq(gen(10).filter(function (x) { return x % 3 === 0; }).toArray(), [0, 3, 6, 9]);
var idx = [];
gen(3).filter(function (x, i) { idx.push(i); return true; }).toArray();
assertDeepEq(idx, [0, 1, 2]);

// take / drop
assertDeepEq(gen(10).take(3).toArray(), [0, 1, 2]);
assertDeepEq(gen(3).take(10).toArray(), [0, 1, 2]);
assertDeepEq(gen(5).drop(2).toArray(), [2, 3, 4]);
assertDeepEq(gen(5).drop(10).toArray(), []);
assertDeepEq(gen(5).take(Infinity).toArray(), [0, 1, 2, 3, 4]);
assertDeepEq(gen(5).drop(0).toArray(), [0, 1, 2, 3, 4]);
assertThrows(RangeError, function () { gen(1).take(-1); });
assertThrows(RangeError, function () { gen(1).take(NaN); });
assertThrows(RangeError, function () { gen(1).drop(-1); });
assertThrows(RangeError, function () { gen(1).drop(Number.MAX_SAFE_INTEGER + 2); });
var tk = counting([1, 2, 3]);
var taken = tk.take(1);
assertDeepEq(taken.next(), { value: 1, done: false });
assertDeepEq(taken.next(), { value: undefined, done: true });
assertEq(tk.log.ret, 1, "take closes the underlying iterator at its limit");
assertEq(tk.log.next, 1);
var dr = counting([1, 2, 3]);
dr.drop(2).next();
assertEq(dr.log.next, 3);

// flatMap
assertDeepEq(gen(3).flatMap(function (x) { return [x, x * 10]; }).toArray(), [0, 0, 1, 10, 2, 20]);
assertDeepEq(gen(2).flatMap(function (x) { return gen(x + 1); }).toArray(), [0, 0, 1]);
assertThrows(TypeError, function () { gen(1).flatMap(function () { return 1; }).next(); });
assertThrows(TypeError, function () { gen(1).flatMap(function () { return "str"; }).next(); });
var inner = counting([7, 8]);
var outer = counting([1, 2]);
var fm = outer.flatMap(function () { return inner; });
assertEq(fm.next().value, 7);
fm.return();
assertEq(inner.log.ret, 1);
assertEq(outer.log.ret, 1);

// return()
var rs = counting([1, 2]);
var rm = rs.map(function (x) { return x; });
assertDeepEq(rm.return(), { value: undefined, done: true });
assertEq(rs.log.ret, 1, "return before start closes");
assertDeepEq(rm.next(), { value: undefined, done: true });
assertEq(rs.log.next, 0);
rm.return();
assertEq(rs.log.ret, 1, "return after completion does not forward");
var ex = counting([1]);
var em = ex.map(function (x) { return x; });
em.next();
em.next();
em.return();
assertEq(ex.log.ret, 0, "exhausted: return is not forwarded");
assertThrows(TypeError, function () { IterProto.map.call(counting([]), function () {}).return.call({}); });

// re-entrancy
var self;
var reent = gen(3).map(function () { return self.next(); });
self = reent;
assertThrows(TypeError, function () { reent.next(); });

// reduce / toArray / forEach / some / every / find
assertEq(gen(5).reduce(function (a, b) { return a + b; }), 10);
assertEq(gen(5).reduce(function (a, b) { return a + b; }, 100), 110);
assertThrows(TypeError, function () { gen(0).reduce(function () {}); });
assertEq(gen(0).reduce(function () {}, "init"), "init");
var ri = [];
gen(3).reduce(function (a, b, i) { ri.push(i); return a; });
assertDeepEq(ri, [1, 2]);
assertDeepEq(gen(3).toArray(), [0, 1, 2]);
var fe = [];
assertEq(gen(3).forEach(function (x, i) { fe.push([x, i]); }), undefined);
assertDeepEq(fe, [[0, 0], [1, 1], [2, 2]]);
var sm = counting([1, 2, 3]);
assertEq(sm.some(function (x) { return x === 2; }), true);
assertEq(sm.log.ret, 1);
assertEq(gen(3).some(function (x) { return x > 5; }), false);
assertEq(gen(3).every(function (x) { return x < 5; }), true);
var ev = counting([1, 2, 3]);
assertEq(ev.every(function (x) { return x < 2; }), false);
assertEq(ev.log.ret, 1);
assertEq(gen(5).find(function (x) { return x > 2; }), 3);
assertEq(gen(5).find(function (x) { return x > 9; }), undefined);
assertThrows(TypeError, function () { gen(1).forEach(); });
assertThrows(TypeError, function () { IterProto.toArray.call(1); });

// Iterator.from
var arrIt = [1, 2][Symbol.iterator]();
assertEq(Iterator.from(arrIt), arrIt);
var plain = { i: 0, next: function () { return this.i < 2 ? { value: this.i++, done: false } : { done: true }; } };
var wrapped = Iterator.from(plain);
assert(wrapped instanceof Iterator);
assert(wrapped !== plain);
assertDeepEq(wrapped.toArray(), [0, 1]);
assertDeepEq(Iterator.from("ab").toArray(), ["a", "b"]);
assertDeepEq(Iterator.from([1, 2, 3]).map(function (x) { return x * 2; }).toArray(), [2, 4, 6]);
assertThrows(TypeError, function () { Iterator.from(1); });
assertThrows(TypeError, function () { Iterator.from(null); });
var wr = Iterator.from({ next: function () { return { done: true }; } });
assertDeepEq(wr.return(), { value: undefined, done: true });
var wrapProto = Object.getPrototypeOf(wr);
assertThrows(TypeError, function () { wrapProto.next.call({}); });
var retArg = Iterator.from({ next: function () {}, return: function () { return { done: true, value: 5 }; } });
assertEq(retArg.return().value, 5);

// Iterator.concat
assertDeepEq(Iterator.concat([1, 2], new Set([3]), []).toArray(), [1, 2, 3]);
assertDeepEq(Iterator.concat().toArray(), []);
assertThrows(TypeError, function () { Iterator.concat(1); });
assertThrows(TypeError, function () { Iterator.concat("ab"); });
assertThrows(TypeError, function () { Iterator.concat({}); });
var cc = counting([1, 2]);
var ccIterable = {};
ccIterable[Symbol.iterator] = function () { return cc; };
var cat = Iterator.concat(ccIterable);
cat.return();
assertEq(cc.log.ret, 0, "not opened before start");
cat = Iterator.concat(ccIterable);
cat.next();
cat.return();
assertEq(cc.log.ret, 1);

// helpers on real iterators
assertDeepEq(new Map([[1, 2]]).keys().map(function (k) { return k + 1; }).toArray(), [2]);
assertDeepEq([1, 2, 3].values().filter(function (x) { return x & 1; }).toArray(), [1, 3]);
var n = 0;
for (var x of gen(4).map(function (y) { return y * y; })) n += x;
assertEq(n, 14);

// %AsyncIteratorPrototype% (reached through an async generator)
var AsyncIterProto;
try {
  AsyncIterProto = Object.getPrototypeOf(Object.getPrototypeOf((0, eval)("(async function* () {})").prototype));
} catch (e) {
  AsyncIterProto = undefined;   // async generators not compiled yet
}
if (AsyncIterProto) {
assertEq(typeof AsyncIterProto[Symbol.asyncIterator], "function");
assertEq(AsyncIterProto[Symbol.asyncIterator].call(5), 5);
assertEq(AsyncIterProto[Symbol.asyncIterator].name, "[Symbol.asyncIterator]");
assertEq(Object.getPrototypeOf(AsyncIterProto), Object.prototype);
}

// for-await over a sync iterable: %AsyncFromSyncIteratorPrototype%
// (failures surface as an unhandled rejection, which fails the run)
(async function () {
  var seen = [];
  for await (var v of [1, Promise.resolve(2), 3]) seen.push(v);
  assertDeepEq(seen, [1, 2, 3]);

  // a rejected value closes the sync iterator and rejects the loop
  var closedCount = 0;
  var it = {};
  it[Symbol.iterator] = function () {
    var i = 0;
    return {
      next: function () {
        i++;
        return i === 1 ? { value: Promise.reject(new RangeError("r")), done: false }
                       : { value: undefined, done: true };
      },
      return: function () { closedCount++; return {}; }
    };
  };
  var caught;
  try {
    for await (var w of it) {}
  } catch (e) {
    caught = e;
  }
  assert(caught instanceof RangeError);
  assertEq(closedCount, 1);

  // break calls the sync iterator's return through the wrapper
  closedCount = 0;
  var it2 = {};
  it2[Symbol.iterator] = function () {
    return {
      next: function () { return { value: 1, done: false }; },
      return: function () { closedCount++; return {}; }
    };
  };
  for await (var z of it2) break;
  assertEq(closedCount, 1);

  // a poisoned `done` rejects
  var bad = {};
  bad[Symbol.iterator] = function () {
    return { next: function () { return { get done() { throw new TypeError("done"); } }; } };
  };
  caught = undefined;
  try {
    for await (var y of bad) {}
  } catch (e) {
    caught = e;
  }
  assert(caught instanceof TypeError && caught.message === "done");
})();
