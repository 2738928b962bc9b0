// Functions: parameters (defaults, rest, destructuring), arguments,
// this binding, arrows, new.target, name and length inference, spread.

function defs(a, b = a + 1, c = b * 2) { return [a, b, c]; }
assertDeepEq(defs(1), [1, 2, 4]);
assertDeepEq(defs(1, 5), [1, 5, 10]);
assertDeepEq(defs(1, undefined, 0), [1, 2, 0]);
assertEq(defs.length, 1);
function rest(a, ...r) { return r; }
assertDeepEq(rest(1, 2, 3), [2, 3]);
assertDeepEq(rest(), []);
assertEq(rest.length, 1);
function destr({ x, y = 2 }, [z, ...w]) { return x + y + z + w.length; }
assertEq(destr({ x: 1 }, [3, 4, 5]), 8);
assertThrows(ReferenceError, function () { (function (a = b, b) {})(); });
function defScope(x, f = () => x) { var x = 2; return [x, f()]; }
assertDeepEq(defScope(1), [2, 1]);

// arguments
function args() { return arguments.length; }
assertEq(args(1, 2, 3), 3);
function mapped(a) { arguments[0] = 2; return a; }
assertEq(mapped(1), 2);
function mapped2(a) { a = 3; return arguments[0]; }
assertEq(mapped2(1), 3);
function unmapped(a) { "use strict"; arguments[0] = 2; return a; }
assertEq(unmapped(1), 1);
function unmapped2(a = 0) { arguments[0] = 2; return a; }
assertEq(unmapped2(1), 1);
function argsShadow(arguments) { return arguments; }
assertEq(argsShadow(5), 5);
function argsVar() { var arguments; return typeof arguments; }
assertEq(argsVar(), "object");
var arrowArgs = function () { return (() => arguments.length)(); };
assertEq(arrowArgs(1, 2), 2);

// this
function sloppyThis() { return this; }
function strictThis() { "use strict"; return this; }
assertEq(sloppyThis(), globalThis);
assertEq(strictThis(), undefined);
assertEq(typeof sloppyThis.call(1), "object");
assertEq(strictThis.call(1), 1);
var holder = { m() { return this; }, arrow: () => this, nest() { return (() => this)(); } };
assertEq(holder.m(), holder);
assertEq(holder.arrow(), globalThis);
assertEq(holder.nest(), holder);
var mm = holder.m;
assertEq(mm(), globalThis);

// new and new.target
function Ctor(v) { this.v = v; this.nt = new.target; }
var inst = new Ctor(3);
assertEq(inst.v, 3);
assertEq(inst.nt, Ctor);
assertEq(Ctor.call({}, 1), undefined);
function retObj() { return { own: 1 }; }
assertEq(new retObj().own, 1);
function retPrim() { this.a = 1; return 5; }
assertEq(new retPrim().a, 1);
assertThrows(TypeError, function () { new (() => 1)(); });
assertThrows(TypeError, function () { new ({ m() {} }).m(); });
var ntArrow = function () { return (() => new.target)(); };
assertEq(new ntArrow() === undefined, false);

// spread in calls and new
function sum3(a, b, c) { return a + b + c; }
assertEq(sum3(...[1, 2, 3]), 6);
assertEq(sum3(1, ...[2], ...[3]), 6);
assertEq(sum3(..."abc"), "abc");
function Pair(a, b) { this.s = a + b; }
assertEq(new Pair(...[1, 2]).s, 3);
var spreadThis = { k: 1, m(...a) { return this.k + a.length; } };
assertEq(spreadThis.m(...[1, 2]), 3);

// name inference
var anon = function () {};
let arrowN = () => {};
const objN = { meth() {}, prop: function () {}, arrowP: () => {}, ["comp" + "uted"]: function () {},
               get acc() { return 1; }, [Symbol.iterator]: function () {} };
assertEq(anon.name, "anon");
assertEq(arrowN.name, "arrowN");
assertEq(objN.meth.name, "meth");
assertEq(objN.prop.name, "prop");
assertEq(objN.arrowP.name, "arrowP");
assertEq(objN.computed.name, "computed");
assertEq(Object.getOwnPropertyDescriptor(objN, "acc").get.name, "get acc");
assertEq(objN[Symbol.iterator].name, "[Symbol.iterator]");
var { dflt = function () {} } = {};
assertEq(dflt.name, "dflt");
function namedDecl() {}
assertEq(namedDecl.name, "namedDecl");
assertEq((function () {}).name, "");
var pre = function inner() {};
assertEq(pre.name, "inner");

// length
assertEq((function (a, b) {}).length, 2);
assertEq((function (a, b = 1, c) {}).length, 1);
assertEq(((...r) => 0).length, 0);

// recursion and hoisting inside functions
function outerRec(n) { return inner(n); function inner(k) { return k <= 0 ? 0 : k + inner(k - 1); } }
assertEq(outerRec(100), 5050);

// Function.prototype.toString returns the source text
function srcFn(a, b) { return a + b; }
assertEq(srcFn.toString(), "function srcFn(a, b) { return a + b; }");
assertEq((x => x * 2).toString(), "x => x * 2");
