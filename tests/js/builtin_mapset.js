// Map, Set, WeakMap, WeakSet and their iterators.

var m = new Map([[1, "a"], [2, "b"]]);
assertEq(m.size, 2);
assertEq(m.get(1), "a");
assert(m.has(2));
assertEq(m.set(3, "c"), m);
assertEq(m.size, 3);
assert(m.delete(2));
assert(!m.delete(2));
assertEq(Array.from(m.keys()).join(), "1,3");
m.set(-0, "zero");
assertEq(m.get(0), "zero");
assert(Object.is(Array.from(m.keys())[2], 0));
m.set(NaN, "nan");
assertEq(m.get(NaN), "nan");
assertEq(m[Symbol.iterator], m.entries);
assertEq(Object.prototype.toString.call(m), "[object Map]");
assertThrows(TypeError, function () { Map(); });
assertThrows(TypeError, function () { new Map([1]); });
assertThrows(TypeError, function () { Map.prototype.get.call({}, 1); });

// iteration sees additions and skips deletions made during the walk
var seen = [];
var m2 = new Map([["a", 1], ["b", 2], ["c", 3]]);
m2.forEach(function (v, k, map) {
    seen.push(k);
    if (k === "a") { map.delete("b"); map.set("d", 4); }
});
assertEq(seen.join(), "a,c,d");
var it = m2.entries();
var first = it.next().value;
assertEq(first[0], "a");
m2.clear();
assert(it.next().done);
m2.set("z", 1);
assert(it.next().done, "an exhausted iterator stays done");

var s = new Set([1, 2, 2, 3]);
assertEq(s.size, 3);
assertEq(Set.prototype.keys, Set.prototype.values);
assertEq(s[Symbol.iterator], s.values);
assertEq(Array.from(s.entries())[0].join(), "1,1");
s.add("x");
assert(s.has("x"));
assertEq(Object.prototype.toString.call(s.values()), "[object Set Iterator]");

// ES2025 set methods
function arr(set) { return Array.from(set).join(); }
var a = new Set([1, 2, 3]), b = new Set([3, 4]);
assertEq(arr(a.union(b)), "1,2,3,4");
assertEq(arr(a.intersection(b)), "3");
assertEq(arr(a.difference(b)), "1,2");
assertEq(arr(a.symmetricDifference(b)), "1,2,4");
assert(new Set([1]).isSubsetOf(a));
assert(a.isSupersetOf(new Set([2, 3])));
assert(a.isDisjointFrom(new Set([7])));
assert(!a.isDisjointFrom(b));
var setLike = { size: 1, has: function (v) { return v === 2; }, keys: function () { return [2][Symbol.iterator](); } };
assertEq(arr(a.intersection(setLike)), "2");
assertThrows(TypeError, function () { a.union({ size: NaN, has: function () {}, keys: function () {} }); });
assertThrows(RangeError, function () { a.union({ size: -1, has: function () {}, keys: function () {} }); });

var groups = Map.groupBy([1, 2, 3, 4], function (x) { return x % 2 ? "odd" : "even"; });
assertEq(groups.get("odd").join(), "1,3");
assertEq(groups.get("even").join(), "2,4");

var wm = new WeakMap();
var k1 = {}, k2 = {};
wm.set(k1, 1).set(k2, 2);
assertEq(wm.get(k1), 1);
assert(wm.has(k2));
assert(wm.delete(k2));
assert(!wm.has(k2));
assertThrows(TypeError, function () { wm.set(1, 2); });
assertThrows(TypeError, function () { wm.set(Symbol.for("registered"), 2); });
var sym = Symbol("local");
wm.set(sym, 3);
assertEq(wm.get(sym), 3);
var ws = new WeakSet([k1]);
assert(ws.has(k1));
assert(!ws.has({}));
assertEq(ws.add(k2), ws);
assertThrows(TypeError, function () { ws.add("s"); });
// many short-lived keys: entries go away with their keys
for (var i = 0; i < 10000; i++) wm.set({}, i);
