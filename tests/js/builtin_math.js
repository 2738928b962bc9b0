// The Math object, and ** sharing Math.pow's rules.

assertEq(Object.prototype.toString.call(Math), "[object Math]");
assertEq(Math[Symbol.toStringTag], "Math");
assertEq(Object.getPrototypeOf(Math), Object.prototype);
assertThrows(TypeError, function () { new Math(); });
var pd = Object.getOwnPropertyDescriptor(Math, "PI");
assert(!pd.writable && !pd.enumerable && !pd.configurable);
assertEq(Math.PI, 3.141592653589793);
assertEq(Math.E, 2.718281828459045);
assertEq(Math.LN2, 0.6931471805599453);
assertEq(Math.LN10, 2.302585092994046);
assertEq(Math.LOG2E, 1.4426950408889634);
assertEq(Math.LOG10E, 0.4342944819032518);
assertEq(Math.SQRT2, 1.4142135623730951);
assertEq(Math.SQRT1_2, 0.7071067811865476);
assertEq(Math.max.length, 2);
assertEq(Math.hypot.length, 2);
assertEq(Math.abs.name, "abs");

// abs / sign / floor / ceil / trunc / round
assertEq(Math.abs(-0), 0);
assertEq(Math.abs(-2147483648), 2147483648);
assertEq(Math.abs("-3"), 3);
assertEq(Math.abs(), NaN);
assertEq(Math.sign(-0), -0);
assertEq(Math.sign(-5), -1);
assertEq(Math.sign(NaN), NaN);
assertEq(Math.floor(-0.5), -1);
assertEq(Math.floor(-0), -0);
assertEq(Math.ceil(-0.5), -0);
assertEq(Math.trunc(-0.9), -0);
assertEq(Math.trunc(4.7), 4);
assertEq(Math.round(0.5), 1);
assertEq(Math.round(1.5), 2);
assertEq(Math.round(2.5), 3);
assertEq(Math.round(-0.5), -0);
assertEq(Math.round(-1.5), -1);
assertEq(Math.round(-2.5), -2);
assertEq(Math.round(-0.2), -0);
assertEq(Math.round(0.49999999999999994), 0);
assertEq(Math.round(-0.49999999999999994), -0);
assertEq(Math.round(4503599627370495.5), 4503599627370496);
assertEq(Math.round(-4503599627370495.5), -4503599627370495);
assertEq(Math.round(9007199254740991), 9007199254740991);
assertEq(Math.round(Infinity), Infinity);
assertEq(Math.round(-0), -0);

// max / min
assertEq(Math.max(), -Infinity);
assertEq(Math.min(), Infinity);
assertEq(Math.max(1, 3, 2), 3);
assertEq(Math.min(1, 3, 2), 1);
assertEq(Math.max(0, -0), 0);
assertEq(Math.max(-0, 0), 0);
assertEq(Math.min(0, -0), -0);
assertEq(Math.min(-0, 0), -0);
assertEq(Math.max(1, NaN, 3), NaN);
assertEq(Math.max("4", 2), 4);
var calls = [];
var vo = function (n) { return { valueOf: function () { calls.push(n); return n; } }; };
assertEq(Math.max(vo(1), NaN, vo(2)), NaN);
assertEq(calls.join(), "1,2");
calls = [];
assertEq(Math.min(NaN, vo(5), vo(6)), NaN);
assertEq(calls.join(), "5,6");

// pow and **
assertEq(Math.pow(2, 10), 1024);
assertEq(Math.pow(1, NaN), NaN);
assertEq(Math.pow(1, Infinity), NaN);
assertEq(Math.pow(-1, -Infinity), NaN);
assertEq(Math.pow(NaN, 0), 1);
assertEq(Math.pow(NaN, -0), 1);
assertEq(Math.pow(-0, -3), -Infinity);
assertEq(Math.pow(-0, -2), Infinity);
assertEq(Math.pow(-Infinity, 3), -Infinity);
assertEq(Math.pow(-8, 1 / 3), NaN);
assertEq(Math.pow(0.5, Infinity), 0);
assertEq(Math.pow(2, -1074), 5e-324);
assertEq(1 ** NaN, NaN);
assertEq((-1) ** Infinity, NaN);
assertEq(2 ** -1, 0.5);
var pw = 3;
pw **= 2;
assertEq(pw, 9);

// transcendental special values
assertEq(Math.sqrt(-1), NaN);
assertEq(Math.sqrt(-0), -0);
assertEq(Math.cbrt(-8), -2);
assertEq(Math.exp(0), 1);
assertEq(Math.expm1(-0), -0);
assertEq(Math.log(0), -Infinity);
assertEq(Math.log(-1), NaN);
assertEq(Math.log1p(-1), -Infinity);
assertEq(Math.log10(1000), 3);
assertEq(Math.log2(8), 3);
assertEq(Math.sin(-0), -0);
assertEq(Math.cos(0), 1);
assertEq(Math.tan(-0), -0);
assertEq(Math.atan2(0, -0), Math.PI);
assertEq(Math.atan2(-0, 0), -0);
assertEq(Math.atan2(1, Infinity), 0);
assertEq(Math.asinh(-0), -0);
assertEq(Math.acosh(0.5), NaN);
assertEq(Math.atanh(1), Infinity);
assertEq(Math.tanh(Infinity), 1);
assertEq(Math.sinh(-0), -0);
assertEq(Math.cosh(0), 1);
assertEq(Math.asin(2), NaN);
assertEq(Math.acos(1), 0);
assertEq(Math.atan(Infinity), Math.PI / 2);

// hypot
assertEq(Math.hypot(), 0);
assertEq(Math.hypot(-0), 0);
assertEq(Math.hypot(3, 4), 5);
assertEq(Math.hypot(3, 4, 12), 13);
assertEq(Math.hypot(NaN, Infinity), Infinity);
assertEq(Math.hypot(NaN, -Infinity, 1), Infinity);
assertEq(Math.hypot(NaN, 1), NaN);
assertEq(Math.hypot(1e300, 1e300), 1.4142135623730952e300);
assertEq(Math.hypot(1, 1.5), 1.8027756377319948);
assertEq(Math.hypot(1e-300, 1e-300, 1e-300), 1.7320508075688773e-300);
calls = [];
Math.hypot(vo(1), Infinity, vo(2));
assertEq(calls.join(), "1,2");

// clz32 / imul / fround
assertEq(Math.clz32(0), 32);
assertEq(Math.clz32(1), 31);
assertEq(Math.clz32(-1), 0);
assertEq(Math.clz32(0.5), 32);
assertEq(Math.clz32(2 ** 32), 32);
assertEq(Math.imul(2, 4), 8);
assertEq(Math.imul(-1, 8), -8);
assertEq(Math.imul(0xffffffff, 5), -5);
assertEq(Math.imul(0x7fffffff, 0x7fffffff), 1);
assertEq(Math.fround(5.5), 5.5);
assertEq(Math.fround(5.05), 5.050000190734863);
assertEq(Math.fround(-0), -0);
assertEq(Math.fround(2 ** 128), Infinity);
assertEq(Math.fround(NaN), NaN);

// f16round: round to nearest even binary16
if (typeof Math.f16round === "function") {
    assertEq(Math.f16round(1.337), 1.3369140625);
    assertEq(Math.f16round(65504), 65504);
    assertEq(Math.f16round(65519.99), 65504);
    assertEq(Math.f16round(65520), Infinity);
    assertEq(Math.f16round(-65520), -Infinity);
    assertEq(Math.f16round(5.960464477539063e-8), 5.960464477539063e-8);
    assertEq(Math.f16round(2.9802322387695312e-8), 0);            // half of the smallest: to even (0)
    assertEq(Math.f16round(2.980232238769532e-8), 5.960464477539063e-8);
    assertEq(Math.f16round(8.940696716308594e-8), 1.1920928955078125e-7); // 1.5 quanta: to even (2)
    assertEq(Math.f16round(-0), -0);
    assertEq(Math.f16round(1.00048828125), 1);                     // halfway 1 and 1+2^-10
    assertEq(Math.f16round(1.00146484375), 1.001953125);           // halfway, odd below: up
    assertEq(Math.f16round(1.0004882812500002), 1.0009765625);     // just above halfway
    assertEq(Math.f16round(NaN), NaN);
}

// random
for (var i = 0; i < 1000; i++) {
    var r = Math.random();
    assert(r >= 0 && r < 1, "random in [0, 1)");
}
assertNotEq(Math.random(), Math.random());

// sumPrecise
if (typeof Math.sumPrecise === "function") {
    assertEq(Math.sumPrecise([]), -0);
    assertEq(Math.sumPrecise([-0]), -0);
    assertEq(Math.sumPrecise([-0, -0]), -0);
    assertEq(Math.sumPrecise([-0, 0]), 0);
    assertEq(Math.sumPrecise([1, 2, 3]), 6);
    assertEq(Math.sumPrecise([0.1, 0.2]), 0.30000000000000004);
    assertEq(Math.sumPrecise([1e20, 0.1, -1e20]), 0.1);
    assertEq(Math.sumPrecise([1e308, 1e308, -1e308]), 1e308);
    assertEq(Math.sumPrecise([1.7976931348623157e308, 1.7976931348623157e308]), Infinity);
    assertEq(Math.sumPrecise([-1.7976931348623157e308, -1.7976931348623157e308]), -Infinity);
    assertEq(Math.sumPrecise([1, -1]), 0);
    assertEq(Math.sumPrecise([5e-324, 5e-324]), 1e-323);
    assertEq(Math.sumPrecise([Infinity, 1]), Infinity);
    assertEq(Math.sumPrecise([Infinity, -Infinity]), NaN);
    assertEq(Math.sumPrecise([-Infinity, 1e308]), -Infinity);
    assertEq(Math.sumPrecise([NaN, Infinity]), NaN);
    assertEq(Math.sumPrecise([1, 1e100, 1, -1e100]), 2);
    assertEq(Math.sumPrecise(new Set([1.5, 2.5])), 4);
    assertThrows(TypeError, function () { Math.sumPrecise(); });
    assertThrows(TypeError, function () { Math.sumPrecise(5); });
    assertThrows(TypeError, function () { Math.sumPrecise([1, "2"]); });
    assertThrows(TypeError, function () { Math.sumPrecise([NaN, typeof BigInt === "function" ? BigInt(1) : "1"]); });
    // a non-number closes the iterator
    var closed = false;
    var it = {};
    it[Symbol.iterator] = function () {
        var k = 0;
        return {
            next: function () { k++; return { value: k === 1 ? 1 : "x", done: false }; },
            return: function () { closed = true; return {}; }
        };
    };
    assertThrows(TypeError, function () { Math.sumPrecise(it); });
    assert(closed, "iterator closed");
}
