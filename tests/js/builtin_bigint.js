// BigInt: literals, the BigInt function, BigInt.prototype, every operator,
// conversions and comparisons with the other types, wrapper objects, and
// large values (sub-quadratic paths).  Random large operands are checked
// against Node.js in builtin_bigint_vectors.js.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

// ---- literals and typeof
assertEq(typeof 1n, "bigint");
assertEq(typeof 0n, "bigint");
assertEq(0x10n, 16n);
assertEq(0o17n, 15n);
assertEq(0b101n, 5n);
assertEq(1_000_000n, 1000000n);
assertEq(0xFFFF_FFFF_FFFF_FFFFn, 18446744073709551615n);
assertEq(123456789012345678901234567890n.toString(), "123456789012345678901234567890");
assertEq(-0n, 0n);
assert(Object.is(-0n, 0n));
assertEq(String(2147483647n), "2147483647");
assertEq(String(2147483648n), "2147483648");
assertEq(String(-2147483648n), "-2147483648");
assertEq(String(-2147483649n), "-2147483649");

// ---- the BigInt function
assertEq(typeof BigInt, "function");
assertEq(BigInt.length, 1);
assertEq(BigInt.name, "BigInt");
assertThrows(TypeError, function () { new BigInt(1); });
assertEq(BigInt(0), 0n);
assertEq(BigInt(-0), 0n);
assertEq(BigInt(42), 42n);
assertEq(BigInt(-42.0), -42n);
assertEq(BigInt(Number.MAX_SAFE_INTEGER), 9007199254740991n);
assertEq(BigInt(1e21), 1000000000000000000000n);
assertEq(BigInt(2 ** 64), 18446744073709551616n);
assertEq(BigInt(-(2 ** 70)), -1180591620717411303424n);
assertEq(BigInt(Number.MAX_VALUE).toString().length, 309);
assertThrows(RangeError, function () { BigInt(1.5); });
assertThrows(RangeError, function () { BigInt(NaN); });
assertThrows(RangeError, function () { BigInt(Infinity); });
assertThrows(RangeError, function () { BigInt(-Infinity); });
assertThrows(RangeError, function () { BigInt(Number.MIN_VALUE); });
assertEq(BigInt(true), 1n);
assertEq(BigInt(false), 0n);
assertEq(BigInt(7n), 7n);
assertThrows(TypeError, function () { BigInt(undefined); });
assertThrows(TypeError, function () { BigInt(); });
assertThrows(TypeError, function () { BigInt(null); });
assertThrows(TypeError, function () { BigInt(Symbol()); });
assertEq(BigInt({ valueOf: function () { return 5; } }), 5n);
assertEq(BigInt({ valueOf: function () { return "0x1f"; } }), 31n);
assertEq(BigInt({ [Symbol.toPrimitive]: function (h) { assertEq(h, "number"); return 3n; } }), 3n);
assertThrows(RangeError, function () { BigInt({ valueOf: function () { return 0.5; } }); });

// StringToBigInt
assertEq(BigInt(""), 0n);
assertEq(BigInt("   "), 0n);
assertEq(BigInt(" \n\t 12 \u00a0\ufeff"), 12n);
assertEq(BigInt("-12"), -12n);
assertEq(BigInt("+12"), 12n);
assertEq(BigInt("-0"), 0n);
assertEq(BigInt("0x1F"), 31n);
assertEq(BigInt("0X1f"), 31n);
assertEq(BigInt("0o777"), 511n);
assertEq(BigInt("0b1010"), 10n);
assertEq(BigInt("000123"), 123n);
assertEq(BigInt("123456789012345678901234567890123456789"), 123456789012345678901234567890123456789n);
["1n", "1.5", "1e3", "-0x10", "+0x10", "0x", "0b2", "0o8", "1_000", "- 1", "--1", "+", "-",
 "12a", "Infinity", "0x-1", "1 2", "\u0661"].forEach(function (s) {
  assertThrows(SyntaxError, function () { BigInt(s); }, JSON.stringify(s));
});

// ---- BigInt.asIntN / asUintN
assertEq(BigInt.asIntN.length, 2);
assertEq(BigInt.asUintN.length, 2);
assertEq(BigInt.asIntN(3, 25n), 1n);
assertEq(BigInt.asIntN(3, -25n), -1n);
assertEq(BigInt.asUintN(3, -25n), 7n);
assertEq(BigInt.asIntN(64, -(2n ** 63n)), -9223372036854775808n);
assertEq(BigInt.asIntN(64, 2n ** 63n), -9223372036854775808n);
assertEq(BigInt.asIntN(64, 2n ** 63n - 1n), 9223372036854775807n);
assertEq(BigInt.asUintN(64, -1n), 18446744073709551615n);
assertEq(BigInt.asUintN(64, 2n ** 64n), 0n);
assertEq(BigInt.asUintN(1, -1n), 1n);
assertEq(BigInt.asIntN(1, -1n), -1n);
assertEq(BigInt.asIntN(1, 1n), -1n);
assertEq(BigInt.asIntN(0, 123n), 0n);
assertEq(BigInt.asUintN(0, -123n), 0n);
assertEq(BigInt.asIntN(200, -5n), -5n);
assertEq(BigInt.asUintN(200, -1n), 2n ** 200n - 1n);
assertEq(BigInt.asIntN(128, 2n ** 127n), -(2n ** 127n));
assertEq(BigInt.asIntN(2 ** 53 - 1, 12345n), 12345n);
assertEq(BigInt.asUintN(2 ** 53 - 1, 12345n), 12345n);
assertEq(BigInt.asIntN("8", 255n), -1n);
assertThrows(RangeError, function () { BigInt.asIntN(-1, 0n); });
assertThrows(RangeError, function () { BigInt.asUintN(2 ** 53, 0n); });
assertThrows(TypeError, function () { BigInt.asIntN(8, 1); });
assertThrows(SyntaxError, function () { BigInt.asIntN(8, "x"); });
assertEq(BigInt.asUintN(8, "257"), 1n);

// ---- BigInt.prototype
var proto = BigInt.prototype;
assertEq(Object.getPrototypeOf(proto), Object.prototype);
assertEq(Object.prototype.toString.call(proto), "[object BigInt]");
assertEq(proto[Symbol.toStringTag], "BigInt");
var d = desc(proto, Symbol.toStringTag);
assert(!d.writable && !d.enumerable && d.configurable);
d = desc(BigInt, "prototype");
assert(!d.writable && !d.enumerable && !d.configurable);
assertEq(proto.constructor, BigInt);
assertEq(proto.toString.length, 0);
assertEq((255n).toString(16), "ff");
assertEq((-255n).toString(16), "-ff");
assertEq((255n).toString(2), "11111111");
assertEq((0n).toString(7), "0");
assertEq((123456789012345678901234567890n).toString(36), "byw97um9s91dlz68tsi");
assertEq((2n ** 64n).toString(2).length, 65);
assertEq((35n).toString(36), "z");
assertEq((10n).toString(undefined), "10");
assertThrows(RangeError, function () { (1n).toString(1); });
assertThrows(RangeError, function () { (1n).toString(37); });
assertThrows(RangeError, function () { (1n).toString(Infinity); });
assertEq((12n).toLocaleString(), "12");
assertEq((12n).valueOf(), 12n);
assertEq(Object(12n).valueOf(), 12n);
assertEq(Object(2n ** 80n).toString(), "1208925819614629174706176");
assertThrows(TypeError, function () { proto.valueOf(); });
assertThrows(TypeError, function () { proto.toString.call(1); });
assertThrows(TypeError, function () { proto.valueOf.call({}); });
assertThrows(TypeError, function () { proto.toLocaleString.call("1"); });

// ---- wrapper objects
var w = Object(5n);
assertEq(typeof w, "object");
assertEq(Object.getPrototypeOf(w), BigInt.prototype);
assertEq(Object.prototype.toString.call(w), "[object BigInt]");
assert(w == 5n);
assert(w !== 5n);
assertEq(w + 1n, 6n);
assertEq(`${w}`, "5");
assert(w instanceof BigInt);
assert(!(5n instanceof BigInt));
assertEq((5n).constructor, BigInt);
proto.twice = function () { return this * 2n; };
assertEq((21n).twice(), 42n);
delete proto.twice;

// ---- ToBoolean
assert(!0n);
assert(!!1n);
assert(!!-1n);
assert(!!(2n ** 100n));
assertEq(0n ? "t" : "f", "f");
assertEq(0n || "x", "x");
assertEq(1n && "y", "y");

// ---- arithmetic
assertEq(1n + 2n, 3n);
assertEq(2147483647n + 1n, 2147483648n);
assertEq(-2147483648n - 1n, -2147483649n);
assertEq(2147483648n - 1n, 2147483647n);
assertEq(2n ** 64n - 2n ** 64n, 0n);
assertEq(5n - 7n, -2n);
assertEq(-3n * 4n, -12n);
assertEq(65536n * 65536n, 4294967296n);
assertEq(-65536n * 65536n * 65536n, -281474976710656n);
assertEq(7n / 2n, 3n);
assertEq(-7n / 2n, -3n);
assertEq(7n / -2n, -3n);
assertEq(-7n % 2n, -1n);
assertEq(7n % -2n, 1n);
assertEq(-2147483648n / -1n, 2147483648n);
assertEq(0n / 5n, 0n);
assertEq(3n / 2n ** 100n, 0n);
assertEq((2n ** 100n + 5n) % 2n ** 100n, 5n);
assertThrows(RangeError, function () { return 1n / 0n; });
assertThrows(RangeError, function () { return (2n ** 100n) % 0n; });
assertEq(2n ** 10n, 1024n);
assertEq((-2n) ** 3n, -8n);
assertEq((-2n) ** 4n, 16n);
assertEq(0n ** 0n, 1n);
assertEq(0n ** 5n, 0n);
assertEq((-1n) ** (2n ** 80n + 1n), -1n);
assertEq(1n ** (2n ** 80n), 1n);
assertEq(3n ** 40n, 12157665459056928801n);
assertEq((-12n) ** 15n, -15407021574586368n);
assertEq(10n ** 30n, 1000000000000000000000000000000n);
assertThrows(RangeError, function () { return 2n ** -1n; });
assertThrows(RangeError, function () { return 2n ** (2n ** 40n); });
var x = 10n;
x **= 2n;
assertEq(x, 100n);
x -= 1n; x *= 3n; x /= 2n; x %= 100n;
assertEq(x, 48n);

// unary
assertEq(-(5n), -5n);
assertEq(-(-2147483648n), 2147483648n);
assertEq(-(2147483648n), -2147483648n);
assertEq(-(0n), 0n);
assertThrows(TypeError, function () { return +1n; });
assertThrows(TypeError, function () { return +Object(1n); });
assertEq(~5n, -6n);
assertEq(~-1n, 0n);
assertEq(~(2n ** 70n), -(2n ** 70n) - 1n);
var i = 2147483647n;
i++;
assertEq(i, 2147483648n);
i--;
assertEq(i, 2147483647n);
var j = -2147483648n;
assertEq(j--, -2147483648n);
assertEq(j, -2147483649n);
assertEq(++j, -2147483648n);
var o = { v: 1n };
o.v++;
++o.v;
assertEq(o.v, 3n);
o.v += 2n ** 64n;
assertEq(o.v, 18446744073709551619n);

// bitwise (two's complement)
assertEq(-12n & 5n, 4n);
assertEq(-12n | 5n, -11n);
assertEq(-12n ^ 5n, -15n);
assertEq(-12n & -5n, -16n);
assertEq(12n & 10n, 8n);
assertEq(12n | 10n, 14n);
assertEq(12n ^ 10n, 6n);
assertEq((2n ** 64n + 3n) & -1n, 2n ** 64n + 3n);
assertEq((2n ** 64n) | -(2n ** 64n), -(2n ** 64n));
assertEq(-(2n ** 64n) & (2n ** 65n - 1n), 2n ** 64n);
assertEq(-(2n ** 64n) ^ -1n, 2n ** 64n - 1n);
assertEq((2n ** 128n - 1n) ^ (2n ** 128n - 1n), 0n);

// shifts
assertEq(1n << 64n, 18446744073709551616n);
assertEq(5n << -1n, 2n);
assertEq(-5n >> -2n, -20n);
assertEq(-7n >> 1n, -4n);
assertEq(-1n >> 100n, -1n);
assertEq(-1n >> (2n ** 80n), -1n);
assertEq(1n >> (2n ** 80n), 0n);
assertEq(0n << (2n ** 80n), 0n);
assertEq(-(2n ** 100n) >> 100n, -1n);
assertEq(-(2n ** 100n + 1n) >> 100n, -2n);
assertEq((2n ** 100n) >> 36n, 2n ** 64n);
assertEq(-1n << 70n, -1180591620717411303424n);
assertEq(3n << 31n, 6442450944n);
assertThrows(RangeError, function () { return 1n << (2n ** 40n); });
assertThrows(TypeError, function () { return 1n >>> 0n; });
assertThrows(TypeError, function () { var z = 1n; z >>>= 1n; });

// mixing with Numbers
[function () { return 1n + 1; }, function () { return 1 - 1n; },
 function () { return 2n * 1.5; }, function () { return 1n / 1; },
 function () { return 1n % 1; }, function () { return 2n ** 2; },
 function () { return 1n & 1; }, function () { return 1 | 1n; },
 function () { return 1n ^ 1; }, function () { return 1n << 1; },
 function () { return 1 >> 1n; }, function () { return 1n + true; },
 function () { return 1n * null; }, function () { return 1n - undefined; },
 function () { return Math.max(1n); }, function () { return isNaN(1n); },
 function () { return Math.abs(-1n); }, function () { return 1n + { valueOf: function () { return 1; } }; },
].forEach(function (f, k) {
  assertThrows(TypeError, f, "mix " + k);
});
assertThrows(TypeError, function () { var q = 1; q += 1n; });
assertEq(1n + "", "1");
assertEq("x" + 2n ** 70n, "x1180591620717411303424");
assertEq(`${-3n}`, "-3");
assertEq([1n, 2n].join(), "1,2");
assertEq(1n + { valueOf: function () { return 2n; } }, 3n);
assertEq(Number(2n ** 64n), 18446744073709552000);
assertEq(Number(-5n), -5);
assertEq(Number(2n ** 1024n), Infinity);
assertEq(Number(-(2n ** 1024n)), -Infinity);
assertEq(Number(2n ** 1024n - 2n ** 970n), Infinity);
assertEq(Number(2n ** 1024n - 2n ** 970n - 1n), 1.7976931348623157e+308);
assertEq(Number(2n ** 53n + 1n), 9007199254740992);
assertEq(Number(2n ** 53n + 3n), 9007199254740996);
assertEq(Number(-(2n ** 64n) - 1n), -18446744073709552000);
assertEq(Number(Object(7n)), 7);
assertEq(parseInt("12n"), 12);
assertEq(String(Object(3n)), "3");

// ---- equality and comparison
assert(1n == 1);
assert(1 == 1n);
assert(1n == 1.0);
assert(!(1n == 1.5));
assert(2n ** 64n == 18446744073709551616);
assert(!(2n ** 64n + 1n == 18446744073709551616));
assert(!(0n == NaN));
assert(!(0n == Infinity));
assert(0n == -0);
assert(1n == "1");
assert("1" == 1n);
assert(255n == "0xff");
assert(0n == "");
assert(0n == " ");
assert(!(1n == "1n"));
assert(!(1n == "1.0"));
assert(!(1n == "x"));
assert(2n ** 70n == "1180591620717411303424");
assert(1n == true);
assert(0n == false);
assert(!(2n == true));
assert(!(1n == null));
assert(!(0n == undefined));
assert(!(1n == Symbol()));
assert(1n == Object(1n));
assert(1n == { valueOf: function () { return 1; } });
assert(1n != 2n);
assert(1n !== 1);
assert(2n ** 80n === 2n ** 80n);
assert(2n ** 80n === BigInt("1208925819614629174706176"));
assert(!(2n ** 80n === -(2n ** 80n)));
assert(Object.is(2n ** 80n, 2n ** 80n));
assert(!Object.is(1n, 1));
assert(1n < 2n);
assert(-(2n ** 80n) < 2n ** 80n);
assert(!(2n ** 80n < 2n ** 80n));
assert(2n ** 80n <= 2n ** 80n);
assert(1n < 1.5);
assert(2n > 1.5);
assert(-2n < -1.5);
assert(!(-1n < -1.5));
assert(1n <= 1);
assert(1n >= 1);
assert(!(1n < NaN) && !(1n > NaN) && !(1n <= NaN) && !(1n >= NaN));
assert(2n ** 2000n < Infinity);
assert(-(2n ** 2000n) > -Infinity);
assert(2n ** 64n > 18446744073709549568);   /* the double below 2^64 */
assert(!(2n ** 64n > 18446744073709551616));
assert(2n ** 64n + 1n > 18446744073709551616);
assert(2n ** 64n - 1n < 18446744073709551616);
assert(1n < "2");
assert("10" > 9n);
assert(!(1n < "x") && !(1n >= "x"));
assert(!(1n < "1.5") && !(1n > "1.5"));
assert(1n < true === false);
assert(0n < true);
assert(-1n < null);
assert(!(1n < undefined) && !(1n > undefined));
assertThrows(TypeError, function () { return 1n < Symbol(); });
assert(["b"] > 1n === false);
var s = [3n, -1n, 2n ** 70n, 0n, -(2n ** 70n), 5];
s.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
assertEq(s.join(), "-1180591620717411303424,-1,0,3,5,1180591620717411303424");

switch (2n ** 65n) {
case 2n ** 65n + 1n: assert(false); break;
case BigInt("36893488147419103232"): break;
default: assert(false);
}

// ---- property keys, collections
var ok = {};
ok[1n] = "a";
assertEq(ok["1"], "a");
ok[2n ** 70n] = "b";
assertEq(ok["1180591620717411303424"], "b");
var lit = { 10n: 1, 0x10n: 2, 123456789012345678901234567890n: 3 };
assertEq(Object.keys(lit).join(), "10,16,123456789012345678901234567890");
var arr = [10, 20, 30];
assertEq(arr[1n], 20);
assert(1n in arr);
class K { 5n() { return "five"; } static 0b11n = 3; }
assertEq(new K()[5](), "five");
assertEq(K[3], 3);
var m = new Map();
m.set(2n ** 80n, "big");
m.set(1n, "one");
assertEq(m.get(2n ** 80n), "big");
assertEq(m.get(BigInt("1208925819614629174706176")), "big");
assertEq(m.get(1n), "one");
assertEq(m.get(1), undefined);
var st = new Set([2n ** 90n, 2n ** 90n, -(2n ** 90n), 1n, 1]);
assertEq(st.size, 4);
assert(st.has(2n * 2n ** 89n));
assert([2n ** 70n].includes(2n ** 70n));
assertEq([1n, 2n ** 70n].indexOf(2n ** 70n), 1);

// ---- JSON
assertThrows(TypeError, function () { JSON.stringify(1n); });
assertThrows(TypeError, function () { JSON.stringify({ a: 2n ** 70n }); });
assertThrows(TypeError, function () { JSON.stringify([Object(1n)]); });
proto.toJSON = function () { return this.toString() + "n"; };
assertEq(JSON.stringify({ a: 2n ** 70n, b: [1n] }), '{"a":"1180591620717411303424n","b":["1n"]}');
delete proto.toJSON;
assertEq(JSON.stringify({ a: 1n }, function (k, v) { return typeof v === "bigint" ? String(v) : v; }), '{"a":"1"}');

// ---- large values
var p = 2n ** 10000n;
var ps = p.toString();
assertEq(ps.length, 3011);
assertEq(ps.slice(0, 20), "19950631168807583848");
assertEq(ps.slice(-20), "81774304792596709376");
assertEq(p.toString(2).length, 10001);
assertEq(p.toString(36).length, 1935);
assertEq(BigInt(ps), p);
assertEq(BigInt("0x1" + "0".repeat(2500)), p);
assertEq(p >> 9999n, 2n);
assertEq((p - 1n) % 2n, 1n);
assertEq(p / (2n ** 5000n), 2n ** 5000n);
assertEq((3n ** 5000n) * (3n ** 5000n), 3n ** 10000n);
var f = 1n;
for (var n = 2n; n <= 2000n; n++) f *= n;
var fs = f.toString();
assertEq(fs.length, 5736);
assertEq(fs.slice(0, 20), "33162750924506332411");
assertEq(f % 1000000007n, 100292593n);
assertEq(fs.slice(-5), "00000");
for (var n = 2000n; n > 1000n; n--) f /= n;
var g = 1n;
for (var n = 2n; n <= 1000n; n++) g *= n;
assertEq(f, g);
// a 100001-digit decimal conversion both ways (sub-quadratic in GMP)
var t = 10n ** 100000n;
var tsz = t.toString();
assertEq(tsz.length, 100001);
assertEq(BigInt(tsz) === t, true);
assertEq((t - 1n).toString(), "9".repeat(100000));
// division identities on big operands
var a = 7n ** 30000n + 12345n, b = -(3n ** 20000n) - 1n;
var q = a / b, r = a % b;
assertEq(q * b + r, a);
assert((r < 0n ? -r : r) < -b);
assert(r >= 0n);
var a2 = -(11n ** 25000n), b2 = 13n ** 9000n;
assertEq((a2 / b2) * b2 + a2 % b2, a2);
assert(a2 % b2 <= 0n);
assertEq(BigInt.asUintN(100000, -1n), 2n ** 100000n - 1n);
assertEq(BigInt.asIntN(100000, 2n ** 99999n), -(2n ** 99999n));
assertThrows(RangeError, function () { return 2n ** (2n ** 31n); });
assertThrows(RangeError, function () { return (1n << (2n ** 30n)); });
