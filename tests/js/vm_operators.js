// Interpreter: operators on non-number operands (ToPrimitive / ToNumeric
// order), int32 overflow, comparisons, typeof, in, instanceof, delete.

var log = [];
function obj(name, v) {
  return {
    valueOf: function () { log.push(name + ".valueOf"); return v; },
    toString: function () { log.push(name + ".toString"); return "s" + v; }
  };
}
// + uses hint "default": valueOf first, left operand first
log = [];
assertEq(obj("a", 1) + obj("b", 2), 3);
assertDeepEq(log, ["a.valueOf", "b.valueOf"]);
log = [];
assertEq("x" + obj("a", 1), "x1");
assertDeepEq(log, ["a.valueOf"]);
// other arithmetic: ToNumeric, left first
log = [];
assertEq(obj("a", 7) - obj("b", 2), 5);
assertDeepEq(log, ["a.valueOf", "b.valueOf"]);
// comparison: both converted, left first even for >
log = [];
assertEq(obj("a", 1) > obj("b", 2), false);
assertDeepEq(log, ["a.valueOf", "b.valueOf"]);
// template literals use ToString
log = [];
assertEq(`${obj("a", 1)}`, "s1");
assertDeepEq(log, ["a.toString"]);
// Symbol.toPrimitive
var tp = {};
tp[Symbol.toPrimitive] = function (hint) { return hint == "number" ? 10 : hint; };
assertEq(+tp, 10);
assertEq(tp + "", "default");
assertEq(`${tp}`, "string");
assertThrows(TypeError, function () { var o = {}; o[Symbol.toPrimitive] = function () { return {}; }; return o + 1; });
assertThrows(TypeError, function () { return Symbol() + 1; });
assertThrows(TypeError, function () { return "" + Symbol(); });

// int32 fast paths and overflow to doubles
assertEq(2147483647 + 1, 2147483648);
assertEq(-2147483648 - 1, -2147483649);
assertEq(65536 * 65536, 4294967296);
assertEq(-0 * 5, -0);
assertEq(0 * -5, -0);
assertEq(1 / (0 * -1), -Infinity);
assertEq(5 % 3, 2); assertEq(-5 % 3, -2); assertEq(5 % -3, 2); assertEq(-4 % 2, -0);
assertEq(5.5 % 2, 1.5);
assertEq(7 / 2, 3.5);
assertEq(2 ** 10, 1024); assertEq((-8) ** (1 / 3), NaN); assertEq(2 ** -1, 0.5);
var m = -2147483648; assertEq(-m, 2147483648);
var z = 0; assertEq(1 / -z, -Infinity);
var i = 2147483647; i++; assertEq(i, 2147483648);
var d = -2147483648; d--; assertEq(d, -2147483649);
// bitwise
assertEq(1 << 31, -2147483648); assertEq(-1 >>> 0, 4294967295); assertEq(-1 >> 28, -1);
assertEq(~5, -6); assertEq(5 & 3, 1); assertEq(5 | 3, 7); assertEq(5 ^ 3, 6);
assertEq(1 << 33, 2); assertEq(2.7 | 0, 2); assertEq(-2.7 | 0, -2); assertEq(4294967296.5 | 0, 0);
assertEq("8" >> 1, 4); assertEq(null | 1, 1); assertEq(undefined | 0, 0);
// string concatenation
assertEq("a" + 1 + 2, "a12"); assertEq(1 + 2 + "a", "3a");
assertEq("a" + null + undefined + true, "anullundefinedtrue");
assertEq([1, 2] + "", "1,2"); assertEq({} + "", "[object Object]");
// comparisons
assertEq("10" < "9", true); assertEq(10 < 9, false); assertEq("10" < 9, false);
assertEq(NaN < 1, false); assertEq(NaN >= 1, false); assertEq(undefined <= 0, false);
assertEq(null <= 0, true); assertEq("a" < "b", true); assertEq("ab" < "a", false);
// equality
assertEq(1 == "1", true); assertEq(null == undefined, true); assertEq(null == 0, false);
assertEq(NaN == NaN, false); assertEq(0 === -0, true); assertEq("1" === 1, false);
assertEq({ valueOf: function () { return 1; } } == 1, true);
var same = {}; assertEq(same == same, true); assertEq({} == {}, false);
// unary
assertEq(+"3", 3); assertEq(-"3", -3); assertEq(+"", 0); assertEq(+"x", NaN);
assertEq(+[], 0); assertEq(+[5], 5); assertEq(+{}, NaN); assertEq(!"", true); assertEq(!{}, false);
var s = "5"; s++; assertEq(s, 6);
var o5 = { valueOf: function () { return 5; } }; var old = o5++; assertEq(old, 5); assertEq(o5, 6);
// typeof
assertEq(typeof 1, "number"); assertEq(typeof "", "string"); assertEq(typeof null, "object");
assertEq(typeof undefined, "undefined"); assertEq(typeof function () {}, "function");
assertEq(typeof Symbol(), "symbol"); assertEq(typeof {}, "object"); assertEq(typeof undeclaredVar, "undefined");
assertEq(typeof class {}, "function"); assertEq(typeof true, "boolean");
// in
assertEq("a" in { a: 1 }, true); assertEq("toString" in {}, true); assertEq(0 in [1], true);
assertEq(1 in [1], false);
assertThrows(TypeError, function () { return "a" in "abc"; });
assertThrows(TypeError, function () { return "a" in null; });
// instanceof
assertEq([] instanceof Array, true); assertEq([] instanceof Object, true);
assertEq(1 instanceof Number, false);
assertThrows(TypeError, function () { return 1 instanceof 1; });
assertThrows(TypeError, function () { return {} instanceof {}; });
var hi = {}; hi[Symbol.hasInstance] = function (v) { return v === 1; };
assertEq(1 instanceof hi, true);
// delete
var dobj = { a: 1 }; assertEq(delete dobj.a, true); assertEq("a" in dobj, false);
assertEq(delete dobj.nothing, true);
var frozen = Object.freeze({ a: 1 });
assertEq(delete frozen.a, false);
assertThrows(TypeError, function () { "use strict"; delete frozen.a; });
assertThrows(TypeError, function () { delete null.x; });
var arr = [1, 2, 3]; delete arr[1]; assertEq(1 in arr, false); assertEq(arr.length, 3);
// void, comma, conditional, logical
assertEq(void 0, undefined); assertEq((1, 2), 2);
assertEq(0 || "x", "x"); assertEq(1 && 2, 2); assertEq(null ?? 3, 3); assertEq(0 ?? 3, 0);
var la = null; la ??= 4; assertEq(la, 4); la ||= 5; assertEq(la, 4); la &&= 6; assertEq(la, 6);
// compound assignment on properties evaluates the key once
var cnt = 0, tgt = { k: 1 };
tgt[(cnt++, "k")] += 1;
assertEq(tgt.k, 2); assertEq(cnt, 1);
// optional chaining
var oc = { a: { b: function () { return this.c; }, c: 7 } };
assertEq(oc?.a?.b(), 7); assertEq(oc.x?.y.z, undefined); assertEq(oc.a.nope?.(), undefined);
// primitives as bases
assertEq("abc".length, 3); assertEq("abc"[1], "b"); assertEq((5).toFixed(1), "5.0");
assertEq(true.toString(), "true");
"use strict";
var prim = "abc"; prim.foo = 1; assertEq(prim.foo, undefined);
