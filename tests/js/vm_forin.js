// Interpreter: for-in enumeration order and visibility rules.

function keys(o) { var r = []; for (var k in o) r.push(k); return r; }

// integer keys ascending first, then strings in creation order
assertDeepEq(keys({ b: 1, 2: 1, a: 1, 1: 1, "-1": 1 }), ["1", "2", "b", "a", "-1"]);
// own keys first, then the prototype's, shadowed keys once
var proto = { p1: 1, shared: 1, p2: 1 };
var o = Object.create(proto);
o.own = 1; o.shared = 2;
assertDeepEq(keys(o), ["own", "shared", "p1", "p2"]);
// a non-enumerable own property hides an enumerable inherited one
var o2 = Object.create({ hidden: 1, shown: 1 });
Object.defineProperty(o2, "hidden", { value: 1, enumerable: false });
assertDeepEq(keys(o2), ["shown"]);
// symbols and non-enumerables are skipped
var o3 = { a: 1 };
o3[Symbol("s")] = 1;
Object.defineProperty(o3, "ne", { value: 1, enumerable: false });
assertDeepEq(keys(o3), ["a"]);
// deleting a key not yet visited skips it
var o4 = { a: 1, b: 2, c: 3 }, seen = [];
for (var k in o4) { seen.push(k); if (k == "a") delete o4.b; }
assertDeepEq(seen, ["a", "c"]);
// arrays and strings
assertDeepEq(keys([5, 6, 7]), ["0", "1", "2"]);
var arr = [1, 2]; arr.x = 1;
assertDeepEq(keys(arr), ["0", "1", "x"]);
assertDeepEq(keys("ab"), ["0", "1"]);
// null / undefined: no iterations
assertDeepEq(keys(null), []);
assertDeepEq(keys(undefined), []);
// numbers: nothing
assertDeepEq(keys(5), []);
// keys are strings
for (var k in [1]) assertEq(typeof k, "string");
// for-in over a large array
var big = []; for (var i = 0; i < 1000; i++) big.push(i);
var count = 0; for (var k in big) count++;
assertEq(count, 1000);
// let binding per iteration, destructuring target
var fs = [];
for (let k in { x: 1, y: 2 }) fs.push(() => k);
assertEq(fs[0]() + fs[1](), "xy");
var t = {};
for (t.prop in { q: 1 }) ;
assertEq(t.prop, "q");
// break and continue
var r = [];
for (var k in { a: 1, b: 1, c: 1 }) { if (k == "b") continue; if (k == "c") break; r.push(k); }
assertDeepEq(r, ["a"]);
// class instances: methods on the prototype are not enumerable
class C { constructor() { this.f = 1; } m() {} }
assertDeepEq(keys(new C()), ["f"]);
