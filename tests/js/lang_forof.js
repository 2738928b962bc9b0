// for-of and the iteration protocol, including IteratorClose.

var out = [];
for (var v of [1, 2, 3]) out.push(v);
assertDeepEq(out, [1, 2, 3]);
out = [];
for (const ch of "héllo") out.push(ch);
assertEq(out.join(""), "héllo");
out = [];
for (let [k, val] of new Map([["a", 1], ["b", 2]])) out.push(k + val);
assertDeepEq(out, ["a1", "b2"]);
var tgt = {};
for (tgt.x of [5]) {}
assertEq(tgt.x, 5);
for ([tgt.a, tgt.b] of [[1, 2]]) {}
assertEq(tgt.a + tgt.b, 3);

// a hand-written iterator; return() runs on break, return and throw
function iter(n, log) {
  var i = 0;
  return {
    [Symbol.iterator]() { return this; },
    next() { return i < n ? { value: i++, done: false } : { value: undefined, done: true }; },
    return() { log.push("return"); return {}; }
  };
}
var log = [];
for (var x of iter(5, log)) { if (x == 1) break; }
assertDeepEq(log, ["return"]);
log = [];
(function () { for (var x of iter(5, log)) { return x; } })();
assertDeepEq(log, ["return"]);
log = [];
try { for (var x of iter(5, log)) { throw new Error("e"); } } catch (e) {}
assertDeepEq(log, ["return"]);
log = [];
for (var x of iter(2, log)) {}
assertDeepEq(log, []);
log = [];
outer: for (var a of [1, 2]) { for (var x of iter(3, log)) { continue outer; } }
assertDeepEq(log, ["return", "return"]);
// nested loops: only the inner iterator closes on an inner break
var log2 = [];
for (var a of iter(2, log)) { for (var b of iter(2, log2)) { break; } }
assertDeepEq(log2, ["return", "return"]);
// finally blocks run too
log = [];
(function () {
  for (var x of iter(3, log)) { try { return; } finally { log.push("finally"); } }
})();
assertDeepEq(log, ["finally", "return"]);

// errors in next() do not call return()
log = [];
var throwing = {
  [Symbol.iterator]() { return this; },
  next() { throw new Error("next"); },
  return() { log.push("return"); return {}; }
};
assertThrows(Error, function () { for (var x of throwing) {} });
assertDeepEq(log, []);

// spread and destructuring use the same protocol
var spreadLog = [];
assertDeepEq([...iter(3, spreadLog)], [0, 1, 2]);
var dlog = [];
var [first] = iter(5, dlog);
assertEq(first, 0);
assertDeepEq(dlog, ["return"]);
assertThrows(TypeError, function () { for (var x of {}) {} });
assertThrows(TypeError, function () { for (var x of 5) {} });

// for-in
var keys = [];
for (var key in { a: 1, b: 2 }) keys.push(key);
assertDeepEq(keys, ["a", "b"]);
keys = [];
for (var key in [7, 8]) keys.push(key);
assertDeepEq(keys, ["0", "1"]);
for (var key in null) assert(false);
for (var key in undefined) assert(false);
var proto = { inherited: 1 };
var child = Object.create(proto);
child.own = 2;
keys = [];
for (var key in child) keys.push(key);
assertDeepEq(keys, ["own", "inherited"]);
