// Destructuring: declarations, assignments, parameters, defaults, rest.

var [a, , b = 10, ...rest] = [1, 2, undefined, 4, 5];
assertDeepEq([a, b, rest], [1, 10, [4, 5]]);
let { p, q: { r }, s = "def", ...others } = { p: 1, q: { r: 2 }, x: 3, y: 4 };
assertDeepEq([p, r, s, others], [1, 2, "def", { x: 3, y: 4 }]);
const [[n1, n2], { m = n1 + n2 }] = [[1, 2], {}];
assertEq(m, 3);
var { length } = "abc";
assertEq(length, 3);
var { ["com" + "puted"]: cv } = { computed: 9 };
assertEq(cv, 9);
var { 0: zero, "1": one } = ["z", "o"];
assertEq(zero + one, "zo");

// assignment patterns
var x, y;
[x, y] = [1, 2];
[x, y] = [y, x];
assertDeepEq([x, y], [2, 1]);
var obj = {};
({ a: obj.first, b: obj["second"] } = { a: 1, b: 2 });
assertDeepEq(obj, { first: 1, second: 2 });
[obj.arr = "dflt"] = [];
assertEq(obj.arr, "dflt");
var res = ([x] = [7]);
assertDeepEq(res, [7]);
({ x = 5 } = {});
assertEq(x, 5);
[...obj.tail] = [1, 2];
assertDeepEq(obj.tail, [1, 2]);

// errors
assertThrows(TypeError, function () { var { z } = null; });
assertThrows(TypeError, function () { var { } = undefined; });
assertThrows(TypeError, function () { var [z] = {}; });
assertThrows(TypeError, function () { [x] = 1; });

// defaults are evaluated lazily and in order
var calls = [];
function d(v) { calls.push(v); return v; }
var [da = d(1), db = d(2)] = [0];
assertDeepEq(calls, [2]);
var { e1 = d("e1"), e2 = e1 } = {};
assertEq(e2, "e1");

// evaluation order of assignment targets (target before value)
var order = [];
var tgt = { set v(val) { order.push("set " + val); } };
function getTgt() { order.push("target"); return tgt; }
var src = { get a() { order.push("get a"); return 1; } };
({ a: getTgt().v } = src);
assertDeepEq(order, ["target", "get a", "set 1"]);

// object rest excludes computed and listed keys, copies own enumerables only
var key = "k2";
var { k1, [key]: k2v, ...restObj } = { k1: 1, k2: 2, k3: 3 };
assertDeepEq(restObj, { k3: 3 });
var protoObj = Object.create({ inherited: 1 });
protoObj.own = 2;
var { ...copy } = protoObj;
assertDeepEq(copy, { own: 2 });

// array destructuring closes the iterator when it stops early
var closed = 0;
var it = {
  [Symbol.iterator]() { var i = 0; return { next() { return { value: i++, done: false }; },
                                           return() { closed++; return {}; } }; }
};
var [i0, i1] = it;
assertEq(i0 + i1, 1);
assertEq(closed, 1);
var [...all] = [1, 2, 3];
assertEq(all.length, 3);

// parameters
function fp({ a, b } = { a: 1, b: 2 }, [c, d] = [3, 4]) { return a + b + c + d; }
assertEq(fp(), 10);
assertEq(fp({ a: 0, b: 0 }, [0, 1]), 1);
var arrow = ({ k }, ...[r1, r2]) => k + r1 + r2;
assertEq(arrow({ k: 1 }, 2, 3), 6);

// for-of heads and catch
var sum = 0;
for (var [u, v] of [[1, 2], [3, 4]]) sum += u * v;
assertEq(sum, 14);
for (const { w = 1 } of [{}, { w: 2 }]) sum += w;
assertEq(sum, 17);
try { throw [1, { e: 2 }]; } catch ([c1, { e }]) { assertEq(c1 + e, 3); }
