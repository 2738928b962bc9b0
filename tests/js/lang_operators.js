// Operators: arithmetic, comparison, logical, nullish, optional chaining,
// compound assignment (evaluation order), update on every reference kind.

assertEq(2 ** 10, 1024);
assertEq(2 ** 3 ** 2, 512);
assertEq((-2) ** 2, 4);
var p = 3; p **= 2;
assertEq(p, 9);
assertEq(7 % -3, 1);
assertEq(-7 >>> 0, 4294967289);
assertEq("3" * "4", 12);
assertEq("3" + 4, "34");
assertEq(1 + null, 1);
assertEq(typeof (1 + undefined), "number");
assertEq(!!"", false);
assertEq(void 0, undefined);
assertEq(typeof typeof 1, "string");
assert(1 < 2 && "a" < "b" && !(NaN < 1) && !(NaN >= 1));
assert(null == undefined && null !== undefined && 0 == "" && 1 === 1);
assert("x" in { x: 1 } && !("y" in { x: 1 }));
assert([] instanceof Array && !({} instanceof Array));
assertThrows(TypeError, function () { return "a" in "abc"; });

// logical operators return operands and short-circuit
var calls = 0;
function t() { calls++; return true; }
function f() { calls++; return false; }
assertEq(f() && t(), false);
assertEq(t() || f(), true);
assertEq(calls, 2);
assertEq(0 || "b", "b");
assertEq(1 && "b", "b");
assertEq(null ?? "d", "d");
assertEq(0 ?? "d", 0);
assertEq("" ?? "d", "");

// logical assignment only assigns when needed
var la = null, lb = 0, lc = 1, sets = 0;
la ??= 5; lb ||= 6; lc &&= 7;
assertDeepEq([la, lb, lc], [5, 6, 7]);
var o = { get v() { return 1; }, set v(x) { sets++; } };
o.v ||= 2;
o.v &&= 3;
assertEq(sets, 1);
var named;
named ??= function () {};
assertEq(named.name, "named");

// optional chaining
var oc = { a: { b: { c: 1 } }, f() { return this; }, n: null };
assertEq(oc?.a?.b?.c, 1);
assertEq(oc.n?.b, undefined);
assertEq(oc.n?.b.c.d.e, undefined);
assertEq(oc.x?.(), undefined);
assertEq(oc.f?.(), oc);
assertEq(oc?.f(), oc);
assertEq((oc?.f)(), oc);
assertEq(oc.n?.[(calls = 100)], undefined);
assertEq(calls, 2);
assertEq(delete oc?.a?.b, true);
assertEq(oc.a.b, undefined);
assertEq(delete oc.n?.x, true);
assertThrows(TypeError, function () { oc.a.b.c; });
var undef;
assertEq(undef?.x, undefined);
assertEq(undef?.x.y.z, undefined);

// compound assignment evaluates the reference once
var order = [];
var target = { k: 1 };
function getT() { order.push("obj"); return target; }
function getK() { order.push("key"); return "k"; }
function getV() { order.push("val"); return 10; }
getT()[getK()] += getV();
assertDeepEq(order, ["obj", "key", "val"]);
assertEq(target.k, 11);
var keyConv = 0;
var keyObj = { toString() { keyConv++; return "k"; } };
target[keyObj] += 1;
assertEq(keyConv, 1);
assertEq(target.k, 12);
// the old value is read before the right-hand side runs
var s = "a";
s += (s = "b", "c");
assertEq(s, "ac");
var obs = { s: "x" };
obs.s += (obs.s = "y", "z");
assertEq(obs.s, "xz");

// update operators on every reference kind
var u = 1;
assertEq(u++, 1); assertEq(u, 2); assertEq(++u, 3); assertEq(u--, 3); assertEq(--u, 1);
var uo = { p: 1 };
assertEq(uo.p++, 1); assertEq(++uo.p, 3); assertEq(uo["p"]--, 3); assertEq(--uo["p"], 1);
var us = "5";
assertEq(us++, 5);
assertEq(us, 6);
function argUpd(a) { a++; return a; }
assertEq(argUpd(1), 2);
function capUpd() { var c = 0; var f = () => c++; f(); f(); return c; }
assertEq(capUpd(), 2);
globalThis.gUpd = 1; gUpd++;
assertEq(gUpd, 2);
assertThrows(TypeError, function () { const cc = 1; cc++; });

// string building is linear enough for a long loop
var big = "";
for (var i = 0; i < 100000; i++) big += "x";
assertEq(big.length, 100000);
var bo = { s: "" };
for (var i = 0; i < 20000; i++) bo.s += "y";
assertEq(bo.s.length, 20000);

// comparison of mixed types
assert("10" > "9" === false && 10 > "9");
assertEq([1, 2] + "", "1,2");
assertEq(({}) + "", "[object Object]");
