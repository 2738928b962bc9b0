// Number, Boolean and the global number functions and values.

// ---- Number constructor
assertEq(Number(), 0);
assertEq(Number(undefined), NaN);
assertEq(Number(null), 0);
assertEq(Number(true), 1);
assertEq(Number("  12.5\n"), 12.5);
assertEq(Number(""), 0);
assertEq(Number("-0"), -0);
assertEq(Number("0x1F"), 31);
assertEq(Number("0b101"), 5);
assertEq(Number("0o17"), 15);
assertEq(Number("-0x10"), NaN);
assertEq(Number("1e"), NaN);
assertEq(Number("."), NaN);
assertEq(Number("1."), 1);
assertEq(Number(".5"), 0.5);
assertEq(Number("Infinity"), Infinity);
assertEq(Number("-Infinity"), -Infinity);
assertEq(Number("Infinityx"), NaN);
assertEq(Number("1_000"), NaN);
assertEq(Number("9007199254740993"), 9007199254740992);
assertEq(Number("2.4703282292062328e-324"), 5e-324);
assertEq(Number("2.4703282292062327e-324"), 0);
assertEq(Number("1e400"), Infinity);
assertEq(Number({ valueOf: function () { return 7; } }), 7);
if (typeof BigInt === "function") {
    assertEq(Number(BigInt(12)), 12);
    assertEq(Number(BigInt("9007199254740993")), 9007199254740992);
    assertEq(Number(BigInt("9007199254740995")), 9007199254740996);
    assertEq(Number(-BigInt("123456789012345678901234567890")), -1.2345678901234568e29);
}
var n = new Number(5);
assertEq(typeof n, "object");
assertEq(n.valueOf(), 5);
assertEq(Object.prototype.toString.call(n), "[object Number]");
assertEq(Object.getPrototypeOf(n), Number.prototype);
assertEq(typeof new Number(), "object");
assertEq(new Number().valueOf(), 0);
assertEq(Number.length, 1);
assertEq(Number.name, "Number");
assertEq(Number.prototype.valueOf(), 0);   // Number.prototype is a Number object
assertEq(Object.prototype.toString.call(Number.prototype), "[object Number]");
assertEq(Number.prototype.constructor, Number);
class MyNum extends Number {}
var mn = new MyNum(3);
assertEq(mn + 1, 4);
assert(mn instanceof MyNum);

// ---- constants
assertEq(Number.EPSILON, Math.pow(2, -52));
assertEq(Number.MAX_SAFE_INTEGER, 9007199254740991);
assertEq(Number.MIN_SAFE_INTEGER, -9007199254740991);
assertEq(Number.MAX_VALUE, 1.7976931348623157e308);
assertEq(Number.MIN_VALUE, 5e-324);
assertEq(Number.NaN, NaN);
assertEq(Number.POSITIVE_INFINITY, Infinity);
assertEq(Number.NEGATIVE_INFINITY, -Infinity);
var d = Object.getOwnPropertyDescriptor(Number, "MAX_VALUE");
assert(!d.writable && !d.enumerable && !d.configurable);
["NaN", "Infinity", "undefined"].forEach(function (k) {
    var g = Object.getOwnPropertyDescriptor(globalThis, k);
    assert(g && !g.writable && !g.enumerable && !g.configurable, k);
});
assertEq(NaN, NaN);
assertEq(Infinity, 1 / 0);
assertEq(undefined, void 0);

// ---- Number.isXxx: no coercion
assert(Number.isFinite(1));
assert(!Number.isFinite("1"));
assert(!Number.isFinite(Infinity));
assert(Number.isInteger(5));
assert(Number.isInteger(5.0));
assert(Number.isInteger(-0));
assert(!Number.isInteger(5.5));
assert(!Number.isInteger(Infinity));
assert(Number.isNaN(NaN));
assert(!Number.isNaN("NaN"));
assert(Number.isSafeInteger(9007199254740991));
assert(!Number.isSafeInteger(9007199254740992));
assert(!Number.isSafeInteger(1.5));

// ---- global isNaN / isFinite: with coercion
assert(isNaN("abc"));
assert(!isNaN("12"));
assert(isFinite("12"));
assert(!isFinite("Infinity"));
assertThrows(TypeError, function () { isNaN(Symbol()); });

// ---- parseInt / parseFloat
assertEq(Number.parseInt, parseInt);
assertEq(Number.parseFloat, parseFloat);
assertEq(parseInt.length, 2);
assertEq(parseFloat.length, 1);
assertEq(parseInt("  42px"), 42);
assertEq(parseInt("-0"), -0);
assertEq(parseInt("0x1f"), 31);
assertEq(parseInt("0x1f", 16), 31);
assertEq(parseInt("0x1f", 10), 0);
assertEq(parseInt("0x"), NaN);
assertEq(parseInt("ff", 16), 255);
assertEq(parseInt("z", 36), 35);
assertEq(parseInt("10", 37), NaN);
assertEq(parseInt("10", 1), NaN);
assertEq(parseInt("10", 0), 10);
assertEq(parseInt("11", 2), 3);
assertEq(parseInt("12", 2), 1);
assertEq(parseInt(""), NaN);
assertEq(parseInt("-"), NaN);
assertEq(parseInt("\u00a0\ufeff 7"), 7);
assertEq(parseInt("123", 4294967306), 123);      // ToInt32 -> 10
assertEq(parseInt("9007199254740993"), 9007199254740992);
assertEq(parseInt("1e3"), 1);
assertEq(parseInt(0.0000005), 5);
assertEq(parseInt("100000000000000000000000"), 1e23);
var order = [];
parseInt({ toString: function () { order.push("s"); return "1"; } },
         { valueOf: function () { order.push("r"); return 10; } });
assertEq(order.join(), "s,r");
assertEq(parseFloat("3.14abc"), 3.14);
assertEq(parseFloat("  -.5e1x"), -5);
assertEq(parseFloat("-0"), -0);
assertEq(parseFloat("Infinityx"), Infinity);
assertEq(parseFloat("-Infinity"), -Infinity);
assertEq(parseFloat("infinity"), NaN);
assertEq(parseFloat("0x10"), 0);
assertEq(parseFloat("1e"), 1);
assertEq(parseFloat("1e+"), 1);
assertEq(parseFloat(".e1"), NaN);
assertEq(parseFloat("1.e1"), 10);
assertEq(parseFloat(""), NaN);
assertEq(parseFloat("\u2028 1"), 1);

// ---- Number.prototype.toString
assertEq(String(0.1 + 0.2), "0.30000000000000004");
assertEq(String(123e-20), "1.23e-18");
assertEq(String(1e21), "1e+21");
assertEq(String(1e20), "100000000000000000000");
assertEq(String(-0), "0");
assertEq(String(5e-324), "5e-324");
assertEq(String(1.7976931348623157e308), "1.7976931348623157e+308");
assertEq(String(1e-7), "1e-7");
assertEq(String(0.000001), "0.000001");
assertEq((255).toString(16), "ff");
assertEq((255).toString(), "255");
assertEq((255).toString(undefined), "255");
assertEq((-255).toString(2), "-11111111");
assertEq((0.5).toString(2), "0.1");
assertEq((0.1).toString(3), "0.0022002200220022002200220022002201");
assertEq((1e21).toString(36), "5v1j4f4ds7c000");
assertEq((123.456).toString(36), "3f.gez4w97ry");
assertEq(NaN.toString(2), "NaN");
assertEq((-Infinity).toString(16), "-Infinity");
assertThrows(RangeError, function () { (1).toString(1); });
assertThrows(RangeError, function () { (1).toString(37); });
assertThrows(RangeError, function () { (1).toString(Infinity); });
assertThrows(TypeError, function () { Number.prototype.toString.call("1"); });
assertThrows(TypeError, function () { Number.prototype.valueOf.call({}); });
assertEq(Number.prototype.toString.call(new Number(7)), "7");
assertEq((1234.5).toLocaleString(), "1234.5");

// ---- toFixed
assertEq((1.005).toFixed(2), "1.00");
assertEq((1.45).toFixed(1), "1.4");
assertEq((0.5).toFixed(0), "1");
assertEq((2.5).toFixed(0), "3");
assertEq((-1.5).toFixed(0), "-2");
assertEq((1e20).toFixed(2), "100000000000000000000.00");
assertEq((1e21).toFixed(2), "1e+21");
assertEq((-1e21).toFixed(2), "-1e+21");
assertEq((0).toFixed(2), "0.00");
assertEq((-0).toFixed(2), "0.00");
assertEq((-0.0000001).toFixed(2), "-0.00");
assertEq((123.456).toFixed(), "123");
assertEq((0.1).toFixed(20), "0.10000000000000000555");
assertEq(NaN.toFixed(2), "NaN");
assertEq(Infinity.toFixed(2), "Infinity");
assertThrows(RangeError, function () { (1).toFixed(101); });
assertThrows(RangeError, function () { (1).toFixed(-1); });
assertThrows(RangeError, function () { NaN.toFixed(Infinity); });
assertEq((1).toFixed(100).length, 102);

// ---- toExponential
assertEq((123.456).toExponential(2), "1.23e+2");
assertEq((123.456).toExponential(), "1.23456e+2");
assertEq((0).toExponential(), "0e+0");
assertEq((0).toExponential(2), "0.00e+0");
assertEq((-6.9e-11).toExponential(2), "-6.90e-11");
assertEq((1.25).toExponential(1), "1.3e+0");
assertEq((5e-324).toExponential(), "5e-324");
assertEq(NaN.toExponential(1000), "NaN");   // finiteness is checked before the range
assertEq(Infinity.toExponential(), "Infinity");
assertThrows(RangeError, function () { (1).toExponential(101); });
assertThrows(RangeError, function () { (1).toExponential(-1); });

// ---- toPrecision
assertEq((123.456).toPrecision(4), "123.5");
assertEq((0.000001).toPrecision(2), "0.0000010");
assertEq((1e-7).toPrecision(1), "1e-7");
assertEq((1e21).toPrecision(3), "1.00e+21");
assertEq((123.456).toPrecision(2), "1.2e+2");
assertEq((123.456).toPrecision(), "123.456");
assertEq((0).toPrecision(3), "0.00");
assertEq((99.99).toPrecision(3), "100");
assertEq((999.9).toPrecision(3), "1.00e+3");
assertEq(NaN.toPrecision(0), "NaN");
assertThrows(RangeError, function () { (1).toPrecision(0); });
assertThrows(RangeError, function () { (1).toPrecision(101); });

// ---- round trips of many values
var x = 1;
for (var i = 0; i < 2000; i++) {
    x = x * 1.37 + 1 / (i + 3);
    if (x > 1e300) x = x / 1e290;
    assertEq(Number(String(x)), x);
    assertEq(parseFloat(x.toExponential()), x);
    assertEq(Number(x.toPrecision(17)), x);
}

// ---- Boolean
assertEq(Boolean(), false);
assertEq(Boolean(0), false);
assertEq(Boolean(-0), false);
assertEq(Boolean(NaN), false);
assertEq(Boolean(""), false);
assertEq(Boolean("0"), true);
assertEq(Boolean({}), true);
assertEq(Boolean(null), false);
var b = new Boolean(false);
assertEq(typeof b, "object");
assertEq(b.valueOf(), false);
assertEq(b.toString(), "false");
assertEq(!!b, true);
assertEq(true.toString(), "true");
assertEq(Boolean.prototype.valueOf(), false);   // Boolean.prototype is a Boolean object
assertEq(Object.prototype.toString.call(Boolean.prototype), "[object Boolean]");
assertEq(Boolean.length, 1);
assertThrows(TypeError, function () { Boolean.prototype.toString.call(1); });
assertThrows(TypeError, function () { Boolean.prototype.valueOf.call({}); });
class MyBool extends Boolean {}
assertEq(new MyBool(1).valueOf(), true);
