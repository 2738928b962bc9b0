// Interpreter: closures, captured variables, per-iteration bindings.

function counter() { var c = 0; return function () { return ++c; }; }
var c1 = counter(), c2 = counter();
assertEq(c1(), 1); assertEq(c1(), 2); assertEq(c2(), 1); assertEq(c1(), 3);

// let in for loops: one binding per iteration
var fs = [];
for (let i = 0; i < 3; i++) fs.push(function () { return i; });
assertDeepEq(fs.map(function (f) { return f(); }), [0, 1, 2]);
// var: one shared binding
fs = [];
for (var j = 0; j < 3; j++) fs.push(function () { return j; });
assertDeepEq(fs.map(function (f) { return f(); }), [3, 3, 3]);
// closure mutating the per-iteration binding affects that iteration only
fs = [];
for (let i = 0; i < 3; i++) { fs.push(function () { return i++; }); }
assertEq(fs[0](), 0); assertEq(fs[0](), 1); assertEq(fs[1](), 1);
// for-in / for-of with let
fs = [];
for (let k in { a: 1, b: 2 }) fs.push(function () { return k; });
assertEq(fs[0]() + fs[1](), "ab");
fs = [];
for (const v of [10, 20]) fs.push(() => v);
assertEq(fs[0]() + fs[1](), 30);
// block scopes in loops
fs = [];
for (var x = 0; x < 3; x++) { let y = x * 2; fs.push(() => y); }
assertDeepEq(fs.map(f => f()), [0, 2, 4]);
// while loop body block
fs = [];
var w = 0;
while (w < 3) { let z = w; fs.push(() => z); w++; }
assertDeepEq(fs.map(f => f()), [0, 1, 2]);

// captured arguments and nested closures
function outer(a, b) {
  return function (c) { return function () { a++; return a + b + c; }; };
}
var g = outer(1, 2)(3);
assertEq(g(), 7); assertEq(g(), 8);

// closures see later assignments to the variable
function late() { var v = 1; var get = function () { return v; }; v = 2; return get; }
assertEq(late()(), 2);

// a closure keeps its variables after the frame returned
function make() { let arr = []; return { add: x => arr.push(x), get: () => arr }; }
var m = make(); m.add(1); m.add(2);
assertDeepEq(m.get(), [1, 2]);

// arrows: lexical this and arguments
var obj = {
  v: 42,
  f: function () { return (() => this.v)(); },
  g: function () { return (() => arguments[0])(); }
};
assertEq(obj.f(), 42);
assertEq(obj.g(9), 9);

// recursion via a named function expression's own binding
var fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
assertEq(fact(10), 3628800);
var named = function nm() { nm = 1; return typeof nm; };
assertEq(named(), "function");

// many closures over many iterations (no leaks, no crash)
var total = 0;
for (let i = 0; i < 10000; i++) { let f = () => i; total += f(); }
assertEq(total, 49995000);

// function declarations hoisted in blocks (sloppy annex B not required) and
// closures over catch parameters
fs = [];
for (var q = 0; q < 2; q++) { try { throw q; } catch (e) { fs.push(() => e); } }
assertDeepEq(fs.map(f => f()), [0, 1]);

// class methods capture the class binding
class K { static make() { return new K(); } m() { return K; } }
assert(K.make() instanceof K);
assertEq(new K().m(), K);
