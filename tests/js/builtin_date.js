// Date (ECMA-262 21.4, Annex B.2.3) and the global performance object.
//
// Most checks are independent of the local time zone.  Those that are not
// run when the zone is one of a few well-known ones; run the file with
// TZ=Europe/Berlin, TZ=America/New_York, TZ=Australia/Lord_Howe,
// TZ=Asia/Kolkata or TZ=UTC to exercise them.

var MS_DAY = 86400000;

// ---------------------------------------------------------------- shape
assertEq(typeof Date, "function");
assertEq(Date.length, 7);
assertEq(Date.name, "Date");
assertEq(Date.UTC.length, 7);
assertEq(Date.parse.length, 1);
assertEq(Date.now.length, 0);
assertEq(Object.getPrototypeOf(Date.prototype), Object.prototype);
assertEq(Object.prototype.toString.call(Date.prototype), "[object Object]", "the prototype is not a Date");
assertEq(Object.prototype.toString.call(new Date(0)), "[object Date]");
assertEq(Date.prototype.constructor, Date);
assertEq(Date.prototype.toGMTString, Date.prototype.toUTCString, "toGMTString is toUTCString");
assertEq(Date.prototype.setHours.length, 4);
assertEq(Date.prototype.setUTCFullYear.length, 3);
assertEq(Date.prototype.setMonth.length, 2);
assertEq(Date.prototype.setYear.length, 1);
assertEq(Date.prototype.toJSON.length, 1);
var tp = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
assertEq(tp.writable, false);
assertEq(tp.enumerable, false);
assertEq(tp.configurable, true);
assertEq(tp.value.name, "[Symbol.toPrimitive]");
assertEq(tp.value.length, 1);

// ---------------------------------------------------------------- UTC arithmetic
assertEq(Date.UTC(1970, 0, 1), 0);
assertEq(Date.UTC(2026, 10, 24, 15, 44, 10, 123), 1795535050123);
assertEq(Date.UTC(2026), Date.UTC(2026, 0, 1));
assertEq(Date.UTC(), NaN);
assertEq(Date.UTC(99, 0), Date.UTC(1999, 0), "years 0-99 are 1900-1999");
assertEq(Date.UTC(100, 0), -59011459200000);
assertEq(Date.UTC(-1, 0), -62198755200000);
assertEq(Date.UTC(2026, 12, 1), Date.UTC(2027, 0, 1), "month overflow");
assertEq(Date.UTC(2026, -1, 1), Date.UTC(2025, 11, 1), "negative month");
assertEq(Date.UTC(2026, 0, 0), Date.UTC(2025, 11, 31), "day 0");
assertEq(Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1) - MS_DAY, "leap day");
assertEq(Date.UTC(1900, 1, 29), Date.UTC(1900, 2, 1), "1900 is not a leap year");
assertEq(Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 1) - MS_DAY, "2000 is a leap year");
assertEq(Date.UTC(275760, 8, 13), 8.64e15, "last valid time value");
assertEq(Date.UTC(275760, 8, 13, 0, 0, 0, 1), NaN);
assertEq(Date.UTC(-271821, 3, 20), -8.64e15, "first valid time value");
assertEq(Date.UTC(-271821, 3, 19, 23, 59, 59, 999), NaN);
assertEq(Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740), 29312, "IEEE order of MakeTime");
assertEq(Date.UTC(Infinity), NaN);
assertEq(Date.UTC(2026, Infinity), NaN);
assertEq(Date.UTC(1e20), NaN);
assertEq(Date.UTC(1970.9, 0.9, 1.9, 0.9), 0, "fractions are truncated");
assertEq(Date.UTC(-0.5, 0), Date.UTC(1900, 0), "-0.5 truncates to year 0 -> 1900");

var order = [];
function spy(name, v) { return { valueOf: function () { order.push(name); return v; } }; }
Date.UTC(spy("y", 2000), spy("m", 0), spy("d", 1), spy("h", 0), spy("min", 0), spy("s", 0), spy("ms", 0));
assertEq(order.join(), "y,m,d,h,min,s,ms");

// ---------------------------------------------------------------- constructor
var now = Date.now();
assert(typeof now === "number" && now > 1.7e12 && now % 1 === 0, "Date.now is an integral ms count");
assertEq(typeof Date(), "string");
assertEq(typeof Date(2000, 1), "string", "Date() ignores its arguments");
assert(Math.abs(new Date().getTime() - now) < 60000);
assertEq(new Date(0).getTime(), 0);
assertEq(new Date(-0).getTime(), 0);
assert(Object.is(new Date(-0).getTime(), 0), "TimeClip turns -0 into +0");
assertEq(new Date(1.9).getTime(), 1);
assertEq(new Date(-1.9).getTime(), -1);
assertEq(new Date(8.64e15 + 1).getTime(), NaN);
assertEq(new Date(NaN).getTime(), NaN);
assertEq(new Date("2026-11-24T15:44:10.123Z").getTime(), 1795535050123);
assertEq(new Date(new Date(12345)).getTime(), 12345, "Date argument");
assertEq(new Date(true).getTime(), 1);
assertEq(new Date(null).getTime(), 0);
assertEq(new Date(undefined).getTime(), NaN);
assertThrows(TypeError, function () { new Date(Symbol()); });
// a Date argument is read directly, without ToPrimitive
var dd = new Date(5);
dd.valueOf = function () { throw new Error("not called"); };
dd[Symbol.toPrimitive] = function () { throw new Error("not called"); };
assertEq(new Date(dd).getTime(), 5);
// other objects go through ToPrimitive with no hint: strings are parsed
assertEq(new Date({ toString: function () { return "1970-01-02"; }, valueOf: undefined }).getTime(), MS_DAY);
assertEq(new Date({ valueOf: function () { return 42; } }).getTime(), 42);
assertEq(new Date({ [Symbol.toPrimitive]: function (h) { return h === "default" ? 7 : 8; } }).getTime(), 7);
// several arguments: local time, every argument converted in order
order = [];
var d7 = new Date(spy("y", 2000), spy("m", 0), spy("d", 1), spy("h", 0), spy("min", 0), spy("s", 0), spy("ms", 0));
assertEq(order.join(), "y,m,d,h,min,s,ms");
assertEq(d7.getFullYear(), 2000);
assertEq(new Date(2026, 0).getDate(), 1);
assertEq(new Date(99, 0).getFullYear(), 1999);
assertEq(new Date(NaN, 0).getTime(), NaN);
assertEq(new Date(2026, 0, 1, 0, 0, 0, Infinity).getTime(), NaN);
// subclassing and new.target's prototype
class MyDate extends Date { hello() { return this.getUTCFullYear(); } }
var md = new MyDate(0);
assertEq(md.hello(), 1970);
assert(md instanceof Date);
assertEq(Object.prototype.toString.call(md), "[object Date]");

// ---------------------------------------------------------------- getters
var d = new Date(1795535050123);   // 2026-11-24T15:44:10.123Z, a Tuesday
assertEq(d.getUTCFullYear(), 2026);
assertEq(d.getUTCMonth(), 10);
assertEq(d.getUTCDate(), 24);
assertEq(d.getUTCDay(), 2);
assertEq(d.getUTCHours(), 15);
assertEq(d.getUTCMinutes(), 44);
assertEq(d.getUTCSeconds(), 10);
assertEq(d.getUTCMilliseconds(), 123);
assertEq(d.getTime(), 1795535050123);
assertEq(d.valueOf(), 1795535050123);
var off = d.getTimezoneOffset();
var local = new Date(d.getTime() - off * 60000);
assertEq(d.getHours(), local.getUTCHours());
assertEq(d.getMinutes(), local.getUTCMinutes());
assertEq(d.getDate(), local.getUTCDate());
assertEq(d.getDay(), local.getUTCDay());
assertEq(d.getFullYear(), local.getUTCFullYear());
assertEq(d.getYear(), d.getFullYear() - 1900);
var days = [-1, 0, 1, 59, 365, 10957, -719528, -719529, 2932896, -99999999, 99999998];
for (var i = 0; i < days.length; i++) {
    // round trip of the calendar arithmetic (setUTCFullYear: no 0-99 mapping)
    var x = new Date(days[i] * MS_DAY + 45296789), y = new Date(0);
    y.setUTCFullYear(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate());
    y.setUTCHours(x.getUTCHours(), x.getUTCMinutes(), x.getUTCSeconds(), x.getUTCMilliseconds());
    assertEq(y.getTime(), x.getTime());
    assertEq(x.getUTCDay(), ((days[i] + 4) % 7 + 7) % 7);
}
assertEq(new Date(-1).getUTCFullYear(), 1969);
assertEq(new Date(-1).getUTCMilliseconds(), 999);
assertEq(new Date(8.64e15).getUTCFullYear(), 275760);
assertEq(new Date(-8.64e15).getUTCFullYear(), -271821);
assertEq(new Date(-8.64e15).getUTCDay(), 2);
var inv = new Date(NaN);
var getters = ["getDate", "getDay", "getFullYear", "getHours", "getMilliseconds", "getMinutes", "getMonth",
               "getSeconds", "getTime", "getTimezoneOffset", "getUTCDate", "getUTCDay", "getUTCFullYear",
               "getUTCHours", "getUTCMilliseconds", "getUTCMinutes", "getUTCMonth", "getUTCSeconds", "getYear"];
for (i = 0; i < getters.length; i++) {
    assertEq(inv[getters[i]](), NaN, getters[i]);
    (function (name) {
        assertThrows(TypeError, function () { Date.prototype[name].call({}); }, name);
        assertThrows(TypeError, function () { Date.prototype[name].call(0); }, name);
    })(getters[i]);
}
assertThrows(TypeError, function () { Date.prototype.getTime.call(Date.prototype); });
var msg = "";
try { Date.prototype.getTime.call({}); } catch (e) { msg = e.message; }
assertEq(msg, "this is not a Date object.");

// ---------------------------------------------------------------- setters
d = new Date(0);
assertEq(d.setUTCHours(25, 61, 61, 1001), 93722001);
assertEq(d.getTime(), 93722001);
assertEq(d.setUTCMilliseconds(-1), 93721999);
assertEq(d.setUTCSeconds(0, 0), 93720000);
assertEq(d.setUTCMinutes(0), 93600000);
assertEq(d.setUTCDate(0), Date.UTC(1969, 11, 31, 2));
assertEq(d.setUTCMonth(14, 3), Date.UTC(1970, 2, 3, 2));
assertEq(d.setUTCFullYear(2000, 1, 29), Date.UTC(2000, 1, 29, 2));
assertEq(d.setUTCFullYear(2001), Date.UTC(2001, 2, 1, 2), "Feb 29 2001 rolls over");
assertEq(d.setTime(5), 5);
assertEq(d.setTime("12"), 12);
assertEq(d.setTime(), NaN);
assertEq(d.setTime(8.64e15 + 1), NaN);
assertEq(d.getTime(), NaN);
// on an invalid date: setFullYear/setUTCFullYear/setYear start from +0, the others stay NaN
d = new Date(NaN);
assertEq(d.setUTCHours(1), NaN);
assertEq(d.setUTCDate(1), NaN);
assertEq(d.setUTCFullYear(2020), Date.UTC(2020, 0, 1));
d = new Date(NaN);
assertEq(d.setFullYear(2020, 5), new Date(2020, 5, 1).getTime());
d = new Date(NaN);
assertEq(d.setYear(99), new Date(1999, 0, 1).getTime());
assertEq(d.setYear(2005), new Date(2005, 0, 1).getTime());
assertEq(d.setYear(NaN), NaN);
assertEq(d.getTime(), NaN);
// every argument is converted, even when the date is invalid
order = [];
d = new Date(NaN);
assertEq(d.setHours(spy("h", 1), spy("m", 1), spy("s", 1), spy("ms", 1)), NaN);
assertEq(order.join(), "h,m,s,ms");   // spec; V8 differs
// optional arguments that are absent are not converted; the first one always is
order = [];
d = new Date(0);
d.setUTCMinutes(spy("m", 1));
assertEq(order.join(), "m");
assertEq(new Date(0).setUTCMinutes(), NaN);
// the date value is read before the arguments are converted
d = new Date(0);
var r = d.setUTCDate({ valueOf: function () { d.setTime(NaN); return 2; } });
assertEq(r, MS_DAY, "the old value 0 is used");   // spec; V8 differs
assertEq(d.getTime(), MS_DAY);   // spec; V8 differs
d = new Date(NaN);
r = d.setUTCDate({ valueOf: function () { d.setTime(0); return 2; } });
assertEq(r, NaN, "the old value NaN is used");   // spec; V8 differs
assertEq(d.getTime(), 0, "and the date is left alone");   // spec; V8 differs
assertThrows(TypeError, function () { Date.prototype.setTime.call({}, 0); });
assertThrows(TypeError, function () { Date.prototype.setUTCHours.call({}, 0); });
// the this check comes before the conversions
order = [];
assertThrows(TypeError, function () { Date.prototype.setHours.call({}, spy("h", 1)); });
assertEq(order.length, 0);
// local setters agree with the local getters
d = new Date(2026, 0, 31, 12);
d.setMonth(1);
assertEq(d.getMonth(), 2, "Jan 31 + 1 month = Mar 3");
assertEq(d.getDate(), 3);
d = new Date(2026, 5, 15, 10, 20, 30, 400);
d.setHours(1);
assertEq(d.getHours(), 1);
assertEq(d.getMinutes(), 20);
d.setMinutes(5, 6, 7);
assertEq(d.getMinutes() * 10000 + d.getSeconds() * 1000 + d.getMilliseconds(), 56007);
d.setDate(1);
assertEq(d.getDate(), 1);
d.setFullYear(2030);
assertEq(d.getFullYear(), 2030);
d.setMilliseconds(999);
assertEq(d.getMilliseconds(), 999);
d.setSeconds(59);
assertEq(d.getSeconds(), 59);

// ---------------------------------------------------------------- strings
d = new Date(1795535050123);
assertEq(d.toISOString(), "2026-11-24T15:44:10.123Z");
assertEq(d.toUTCString(), "Tue, 24 Nov 2026 15:44:10 GMT");
assertEq(d.toJSON(), "2026-11-24T15:44:10.123Z");
assertEq(JSON.stringify({ d: new Date(0) }), '{"d":"1970-01-01T00:00:00.000Z"}');
assertEq(JSON.stringify([new Date(NaN)]), "[null]");
assertEq(new Date(0).toISOString(), "1970-01-01T00:00:00.000Z");
assertEq(new Date(8.64e15).toISOString(), "+275760-09-13T00:00:00.000Z");
assertEq(new Date(-8.64e15).toISOString(), "-271821-04-20T00:00:00.000Z");
assertEq(new Date(Date.UTC(-1, 0)).toISOString(), "-000001-01-01T00:00:00.000Z");
assertEq(new Date(-62167219200000).toISOString(), "0000-01-01T00:00:00.000Z");
assertEq(new Date(253402300800000).toISOString(), "+010000-01-01T00:00:00.000Z");
assertEq(new Date(253402300799999).toISOString(), "9999-12-31T23:59:59.999Z");
assertEq(new Date(-62198755200000).toUTCString(), "Fri, 01 Jan -0001 00:00:00 GMT");
assertEq(new Date(253402300800000).toUTCString(), "Sat, 01 Jan 10000 00:00:00 GMT");
assertThrows(RangeError, function () { new Date(NaN).toISOString(); });
assertEq(new Date(NaN).toString(), "Invalid Date");
assertEq(new Date(NaN).toDateString(), "Invalid Date");
assertEq(new Date(NaN).toTimeString(), "Invalid Date");
assertEq(new Date(NaN).toUTCString(), "Invalid Date");
assertEq(new Date(NaN).toLocaleString(), "Invalid Date");
assertEq(new Date(NaN).toLocaleDateString(), "Invalid Date");
assertEq(new Date(NaN).toLocaleTimeString(), "Invalid Date");
assertEq(String(new Date(NaN)), "Invalid Date");
assertThrows(TypeError, function () { Date.prototype.toString.call({}); });
assertThrows(TypeError, function () { Date.prototype.toISOString.call({}); });
// toString = toDateString + " " + toTimeString
d = new Date(2026, 10, 24, 15, 44, 10);
var s = d.toString();
assertEq(s, d.toDateString() + " " + d.toTimeString());
assertEq(s.slice(0, 24), "Tue Nov 24 2026 15:44:10");
assertEq(s.slice(24, 28), " GMT");
assert(s.charAt(28) === "+" || s.charAt(28) === "-");
assertEq(d.toLocaleString(), "11/24/2026, 3:44:10 PM");
assertEq(d.toLocaleDateString(), "11/24/2026");
assertEq(d.toLocaleTimeString(), "3:44:10 PM");
assertEq(new Date(2026, 0, 5, 0, 4, 9).toLocaleTimeString(), "12:04:09 AM");
assertEq(new Date(2026, 0, 5, 12, 4, 9).toLocaleTimeString(), "12:04:09 PM");
assertEq(new Date(-1, 0, 1).toDateString().slice(-5), "-0001");
// toJSON is generic
assertEq(Date.prototype.toJSON.call({ toISOString: function () { return "iso"; } }), "iso");
assertEq(Date.prototype.toJSON.call({ valueOf: function () { return Infinity; }, toISOString: null }), null);
assertThrows(TypeError, function () { Date.prototype.toJSON.call({ toISOString: 1 }); });
assertThrows(TypeError, function () { Date.prototype.toJSON.call(undefined); });

// ---------------------------------------------------------------- Symbol.toPrimitive
d = new Date(0);
var toPrim = Date.prototype[Symbol.toPrimitive];
assertEq(toPrim.call(d, "number"), 0);
assertEq(toPrim.call(d, "string"), d.toString());
assertEq(toPrim.call(d, "default"), d.toString());
assertThrows(TypeError, function () { toPrim.call(d, "bogus"); });
assertThrows(TypeError, function () { toPrim.call(d); });
assertThrows(TypeError, function () { toPrim.call(d, new String("number")); });
assertThrows(TypeError, function () { toPrim.call(0, "number"); });
assertEq(toPrim.call({ toString: function () { return "s"; }, valueOf: function () { return 1; } }, "default"), "s");
assertEq(toPrim.call({ toString: function () { return {}; }, valueOf: function () { return 1; } }, "string"), 1);
assertThrows(TypeError, function () { toPrim.call({ toString: null, valueOf: null }, "number"); });
assertEq(d + 1, d.toString() + "1", "+ uses the string hint for dates");
assertEq(d - 1, -1);
assertEq(d == d.toString(), true);
assert(new Date(1) > new Date(0));

// ---------------------------------------------------------------- parse
assertEq(Date.parse("1970-01-01T00:00:00.000Z"), 0);
assertEq(Date.parse("2026-11-24T15:44:10.123Z"), 1795535050123);
assertEq(Date.parse("2026-11-24"), Date.UTC(2026, 10, 24), "date-only forms are UTC");
assertEq(Date.parse("2026-11"), Date.UTC(2026, 10, 1));
assertEq(Date.parse("2026"), Date.UTC(2026, 0, 1));
assertEq(Date.parse("+002026-11-24"), Date.UTC(2026, 10, 24));
assertEq(Date.parse("-000001-01-01T00:00:00Z"), Date.UTC(-1, 0, 1));
assertEq(Date.parse("+275760-09-13T00:00:00.000Z"), 8.64e15);
assertEq(Date.parse("+275760-09-13T00:00:00.001Z"), NaN);
assertEq(Date.parse("-271821-04-20T00:00:00.000Z"), -8.64e15);
assertEq(Date.parse("-271821-04-19T23:59:59.999Z"), NaN);
assertEq(Date.parse("-000000-01-01T00:00:00Z"), NaN, "-000000 is not a year");
assertEq(Date.parse("2026-11-24T10:00+01:00"), Date.UTC(2026, 10, 24, 9));
assertEq(Date.parse("2026-11-24T10:00-01:30"), Date.UTC(2026, 10, 24, 11, 30));
assertEq(Date.parse("2026-11-24T10:00:00.1Z"), Date.UTC(2026, 10, 24, 10, 0, 0, 100));
assertEq(Date.parse("2026-11-24T10:00:00.123456Z"), Date.UTC(2026, 10, 24, 10, 0, 0, 123));
assertEq(Date.parse("2026-11-24T24:00Z"), Date.UTC(2026, 10, 25));
assertEq(Date.parse("2026-11-24T24:00:00.000Z"), Date.UTC(2026, 10, 25));
assertEq(Date.parse("2026-11-24T24:00:01Z"), NaN);
assertEq(Date.parse("2026-11-24T24:00:00.001Z"), NaN);
assertEq(Date.parse("2026-13-01"), NaN);
assertEq(Date.parse("2026-00-01"), NaN);
assertEq(Date.parse("2026-11-32"), NaN);
assertEq(Date.parse("2026-11-00"), NaN);
assertEq(Date.parse("2026-02-29"), NaN);   // spec; V8 differs
assertEq(Date.parse("2024-02-29"), Date.UTC(2024, 1, 29));
assertEq(Date.parse("2026-11-24T25:00Z"), NaN);
assertEq(Date.parse("2026-11-24T10:60Z"), NaN);
assertEq(Date.parse("2026-11-24T10:00:60Z"), NaN);
assertEq(Date.parse("2026-11-24T10:00+24:00"), NaN);
assertEq(Date.parse("2026-11-24T10"), NaN);
assertEq(Date.parse("2026-11-24T10:00:00Z junk"), NaN);
assertEq(Date.parse(""), NaN);
assertEq(Date.parse("foo"), NaN);
assertEq(Date.parse("20261124"), NaN);
assertEq(Date.parse("2026-11-24T10:00"), new Date(2026, 10, 24, 10).getTime(), "date-time without offset: local");
assertEq(Date.parse("2026-11-24 10:00"), new Date(2026, 10, 24, 10).getTime());
assertEq(Date.parse("1970-01-01T00:00:00"), new Date(0).getTimezoneOffset() * 60000);
assert(Object.is(Date.parse("1970-01-01T00:00:00Z"), 0));
// the forms the methods produce read back
var samples = [0, 1795535050000, -1e14 + 28000, 8.64e15, -8.64e15, 253402300800000, -62198755200000, 951782400000];
for (i = 0; i < samples.length; i++) {
    d = new Date(samples[i]);
    assertEq(Date.parse(d.toISOString()), d.getTime(), d.toISOString());
    if (d.getUTCFullYear() > 0)
        assertEq(Date.parse(d.toUTCString()), d.getTime(), d.toUTCString());
    // negative years: 21.4.3.2 asks for the round trip too
    if (d.getUTCFullYear() <= 0) assertEq(Date.parse(d.toUTCString()), d.getTime());   // spec; V8 differs
}
d = new Date(2026, 10, 24, 15, 44, 10);
assertEq(Date.parse(d.toString()), d.getTime());
assertEq(Date.parse(d.toUTCString()), d.getTime());
// legacy forms
var midnight = new Date(2026, 10, 24).getTime();
assertEq(Date.parse("Nov 24 2026"), midnight);
assertEq(Date.parse("November 24, 2026"), midnight);
assertEq(Date.parse("Tuesday, November 24, 2026"), midnight);
assertEq(Date.parse("Tue Nov 24 2026"), midnight);
assertEq(Date.parse("24 Nov 2026"), midnight);
assertEq(Date.parse("24-Nov-2026"), midnight);
assertEq(Date.parse("2026 Nov 24"), midnight);
assertEq(Date.parse("11/24/2026"), midnight);
assertEq(Date.parse("11-24-2026"), midnight);
assertEq(Date.parse("2026/11/24"), midnight);
assertEq(Date.parse("2026.11.24"), midnight);
assertEq(Date.parse("(a comment) Nov 24 2026 (another (nested) one)"), midnight);
assertEq(Date.parse("2026/11/24 10:00"), new Date(2026, 10, 24, 10).getTime());
assertEq(Date.parse("Nov 24 2026 12:00:00.5"), new Date(2026, 10, 24, 12, 0, 0, 500).getTime());
assertEq(Date.parse("Nov 24, 2026 3:44 PM"), new Date(2026, 10, 24, 15, 44).getTime());
assertEq(Date.parse("Nov 24, 2026 12:30 AM"), new Date(2026, 10, 24, 0, 30).getTime());
assertEq(Date.parse("Nov 24, 2026 12:30 pm"), new Date(2026, 10, 24, 12, 30).getTime());
assertEq(Date.parse("Nov 24 2026 13:00 PM"), NaN);
assertEq(Date.parse("1/1/49"), new Date(2049, 0, 1).getTime(), "two-digit years below 50 are 20xx");
assertEq(Date.parse("1/1/50"), new Date(1950, 0, 1).getTime());
assertEq(Date.parse("Tue, 24 Nov 2026 15:44:10 GMT"), Date.UTC(2026, 10, 24, 15, 44, 10));
assertEq(Date.parse("Tue, 24 Nov 2026 15:44:10 UTC"), Date.UTC(2026, 10, 24, 15, 44, 10));
assertEq(Date.parse("Tue, 24 Nov 2026 15:44:10 UT"), Date.UTC(2026, 10, 24, 15, 44, 10));
assertEq(Date.parse("Tue, 24 Nov 2026 15:44:10 Z"), Date.UTC(2026, 10, 24, 15, 44, 10));
assertEq(Date.parse("Tue Nov 24 2026 15:44:10 GMT+0100 (Central European Standard Time)"),
         Date.UTC(2026, 10, 24, 14, 44, 10));
assertEq(Date.parse("Nov 24 2026 10:00 GMT-0500 (EST)"), Date.UTC(2026, 10, 24, 15));
assertEq(Date.parse("Nov 24 2026 10:00:00 GMT+05:30"), Date.UTC(2026, 10, 24, 4, 30));
assertEq(Date.parse("Nov 24 2026 10:00 +1"), Date.UTC(2026, 10, 24, 9));
assertEq(Date.parse("Nov 24 2026 10:00 EST"), Date.UTC(2026, 10, 24, 15));
assertEq(Date.parse("Nov 24 2026 10:00 EDT"), Date.UTC(2026, 10, 24, 14));
assertEq(Date.parse("Nov 24 2026 10:00 CST"), Date.UTC(2026, 10, 24, 16));
assertEq(Date.parse("Nov 24 2026 10:00 CDT"), Date.UTC(2026, 10, 24, 15));
assertEq(Date.parse("Nov 24 2026 10:00 MST"), Date.UTC(2026, 10, 24, 17));
assertEq(Date.parse("Nov 24 2026 10:00 MDT"), Date.UTC(2026, 10, 24, 16));
assertEq(Date.parse("Nov 24 2026 10:00 PST"), Date.UTC(2026, 10, 24, 18));
assertEq(Date.parse("Nov 24 2026 10:00 pdt"), Date.UTC(2026, 10, 24, 17));
assertEq(Date.parse("Sat, 13 Sep 275760 00:00:00 GMT"), 8.64e15);
assertEq(Date.parse("Sat, 13 Sep 275760 00:00:01 GMT"), NaN);
assertEq(Date.parse("Nov 24 2026 extra"), NaN);
assertEq(Date.parse("Nov 24 2026 10:00 CEST"), NaN);
assertEq(Date.parse("13/1/2026"), NaN);
assertEq(Date.parse("1/0/2026"), NaN);
assertEq(Date.parse("12/31/2026 25:00"), NaN);
assertEq(Date.parse("No 24 2026"), NaN);
assertEq(Date.parse("1 2 3 4"), NaN);
assertEq(Date.parse("Nov 24 2026 \u00e9"), NaN);
assertEq(Date.parse({ toString: function () { return "1970-01-01T00:00:00.005Z"; } }), 5);

// ---------------------------------------------------------------- local time zone
function isoLocal(y, mo, da, h, mi) { return new Date(y, mo, da, h, mi).toISOString(); }
var zone = new Date(2026, 0, 15).toTimeString().slice(9);
if (zone === "GMT+0100 (Central European Standard Time)") {
    // Europe/Berlin & co: last Sunday of March 02:00 -> 03:00, of October 03:00 -> 02:00
    assertEq(new Date(2026, 6, 1).getTimezoneOffset(), -120);
    assertEq(new Date(2026, 0, 1).getTimezoneOffset(), -60);
    assertEq(isoLocal(2026, 2, 29, 1, 59), "2026-03-29T00:59:00.000Z");
    assertEq(isoLocal(2026, 2, 29, 2, 30), "2026-03-29T01:30:00.000Z", "skipped: offset before");
    assertEq(isoLocal(2026, 2, 29, 3, 0), "2026-03-29T01:00:00.000Z");
    assertEq(isoLocal(2026, 9, 25, 2, 30), "2026-10-25T00:30:00.000Z", "repeated: the earlier one");
    assertEq(isoLocal(2026, 9, 25, 3, 0), "2026-10-25T02:00:00.000Z");
    assertEq(new Date(Date.UTC(2026, 9, 25, 0, 30)).toString(), "Sun Oct 25 2026 02:30:00 GMT+0200 (Central European Summer Time)");
    assertEq(new Date(Date.UTC(2026, 9, 25, 1, 30)).toString(), "Sun Oct 25 2026 02:30:00 GMT+0100 (Central European Standard Time)");
    assertEq(new Date(Date.UTC(1800, 0, 1)).toString(), "Wed Jan 01 1800 00:53:28 GMT+0053 (Central European Standard Time)");
    assertEq(new Date(Date.UTC(1800, 0, 1)).getTimezoneOffset(), -3208 / 60, "LMT: seconds kept");   // spec; V8 differs
    assertEq(Date.parse("2026-03-29T02:30"), Date.UTC(2026, 2, 29, 1, 30));
    d = new Date(2026, 2, 28, 2, 30);
    d.setDate(29);
    assertEq(d.toISOString(), "2026-03-29T01:30:00.000Z");
    assertEq(d.getHours(), 3);
} else if (zone === "GMT-0500 (Eastern Standard Time)") {
    // America/New_York: second Sunday of March, first Sunday of November
    assertEq(isoLocal(2026, 2, 8, 2, 30), "2026-03-08T07:30:00.000Z", "skipped: offset before");
    assertEq(new Date(2026, 2, 8, 2, 30).getHours(), 3);
    assertEq(isoLocal(2026, 10, 1, 1, 30), "2026-11-01T05:30:00.000Z", "repeated: the earlier one");
    assertEq(isoLocal(2026, 10, 1, 2, 0), "2026-11-01T07:00:00.000Z");
    assertEq(new Date(Date.UTC(2026, 10, 1, 6, 30)).toString(), "Sun Nov 01 2026 01:30:00 GMT-0500 (Eastern Standard Time)");
    assertEq(new Date(Date.UTC(2026, 10, 1, 5, 30)).toString(), "Sun Nov 01 2026 01:30:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(0).toString(), "Wed Dec 31 1969 19:00:00 GMT-0500 (Eastern Standard Time)");
    assertEq(new Date(0).toLocaleString(), "12/31/1969, 7:00:00 PM");
    assertEq(new Date(0).getYear(), 69);
} else if (zone === "GMT+1100 (GMT+11:00)" && new Date(2026, 6, 15).getTimezoneOffset() === -630) {
    // Australia/Lord_Howe: half-hour DST, first Sunday of April 02:00 -> 01:30,
    // first Sunday of October 02:00 -> 02:30
    assertEq(new Date(2026, 0, 15).getTimezoneOffset(), -660);
    assertEq(new Date(2026, 6, 15).getTimezoneOffset(), -630);
    assertEq(isoLocal(2026, 3, 5, 1, 45), "2026-04-04T14:45:00.000Z", "repeated: the earlier one");
    assertEq(isoLocal(2026, 3, 5, 2, 0), "2026-04-04T15:30:00.000Z");
    assertEq(isoLocal(2026, 9, 4, 2, 15), "2026-10-03T15:45:00.000Z", "skipped: offset before");
    assertEq(new Date(2026, 9, 4, 2, 15).getHours() * 60 + new Date(2026, 9, 4, 2, 15).getMinutes(), 165);
} else if (zone === "GMT+0530 (India Standard Time)") {
    assertEq(new Date(0).getTimezoneOffset(), -330);
    assertEq(new Date(0).toString(), "Thu Jan 01 1970 05:30:00 GMT+0530 (India Standard Time)");
    assertEq(isoLocal(2026, 10, 24, 0, 0), "2026-11-23T18:30:00.000Z");
} else if (zone === "GMT+0000 (Coordinated Universal Time)") {
    assert(Object.is(new Date(0).getTimezoneOffset(), 0), "+0, not -0");
    assertEq(new Date(1795535050123).toString(), "Tue Nov 24 2026 15:44:10 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(1795535050123).toLocaleString(), "11/24/2026, 3:44:10 PM");
    assertEq(new Date(-62198755200000).toLocaleDateString(), "1/1/2", "year -1 is 2 BC");
}

// ---------------------------------------------------------------- performance
assertEq(typeof performance, "object");
assertEq(Object.prototype.toString.call(performance), "[object Performance]");
var t0 = performance.now(), t1 = performance.now();
assert(typeof t0 === "number" && t0 >= 0 && t1 >= t0, "monotonic");
assert(t0 < 60000, "counted from the context's creation");
assert(Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000, "timeOrigin + now() tracks the wall clock");
assertEq(performance.toJSON().timeOrigin, performance.timeOrigin);
assertEq(JSON.parse(JSON.stringify(performance)).timeOrigin, performance.timeOrigin);
assertEq(performance.now.name, "now");
