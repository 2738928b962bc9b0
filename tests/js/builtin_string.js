// String constructor, String.prototype methods without RegExp, String Iterator.

assertEq(String(), "");
assertEq(String(12.5), "12.5");
assertEq(String(Symbol("d")), "Symbol(d)");
assertThrows(TypeError, function () { "" + Symbol("x"); });
var w = new String("abc");
assertEq(typeof w, "object");
assertEq(w.length, 3);
assertEq(w[1], "b");
assertEq(w.valueOf(), "abc");
assertEq(Object.getOwnPropertyNames(w).join(), "0,1,2,length");
assertThrows(TypeError, function () { String.prototype.toString.call({}); });

assertEq(String.fromCharCode(65, 66, 0x10041), "ABA");
assertEq(String.fromCodePoint(0x1F600).length, 2);
assertThrows(RangeError, function () { String.fromCodePoint(-1); });
assertThrows(RangeError, function () { String.fromCodePoint(1.5); });
assertEq(String.raw({ raw: ["a", "b", "c"] }, 1, 2, 3), "a1b2c");

assertEq("abc".at(-1), "c");
assertEq("abc".at(5), undefined);
assertEq("abc".charAt(1), "b");
assertEq("abc".charAt(9), "");
assertEq("abc".charCodeAt(0), 97);
assert(isNaN("abc".charCodeAt(3)));
assertEq("\uD83D\uDE00".codePointAt(0), 0x1F600);
assertEq("\uD83D\uDE00".codePointAt(1), 0xDE00);
assertEq("a".concat(1, null, undefined), "a1nullundefined");

assertEq("hello".indexOf("l"), 2);
assertEq("hello".indexOf("l", 3), 3);
assertEq("hello".indexOf(""), 0);
assertEq("hello".indexOf("", 10), 5);
assertEq("hello".lastIndexOf("l"), 3);
assertEq("hello".lastIndexOf("l", 2), 2);
assertEq("hello".lastIndexOf("x"), -1);
assertEq("hello".lastIndexOf("", 2), 2);
assert("hello".includes("ell"));
assert(!"hello".includes("ell", 2));
assert("hello".startsWith("he"));
assert("hello".startsWith("ll", 2));
assert("hello".endsWith("lo"));
assert("hello".endsWith("ell", 4));
assert(!"hello".endsWith("hello!", 10));
var re = { [Symbol.match]: true };
assertThrows(TypeError, function () { "x".includes(re); });

assertEq("hello".slice(1, -1), "ell");
assertEq("hello".slice(-3), "llo");
assertEq("hello".substring(3, 1), "el");
assertEq("hello".substring(-5, 2), "he");
assertEq("hello".substr(-3, 2), "ll");
assertEq("hello".substr(1), "ello");

assertEq("5".padStart(3, "0"), "005");
assertEq("abc".padEnd(8, "12"), "abc12121");
assertEq("abc".padEnd(2), "abc");
assertEq("abc".padStart(5), "  abc");
assertEq("ab".repeat(3), "ababab");
assertEq("".repeat(1e9), "");
assertThrows(RangeError, function () { "a".repeat(-1); });
assertThrows(RangeError, function () { "a".repeat(Infinity); });
assertThrows(RangeError, function () { "a".repeat(2 ** 31); });

assertEq(" \t\n\u00a0\ufeffx\u2028 ".trim(), "x");
assertEq("  x ".trimStart(), "x ");
assertEq("  x ".trimEnd(), "  x");
assertEq(String.prototype.trimLeft, String.prototype.trimStart);
assertEq(String.prototype.trimRight, String.prototype.trimEnd);

assertEq("Hello World".toUpperCase(), "HELLO WORLD");
assertEq("Hello World".toLowerCase(), "hello world");
assertEq("stra\u00dfe".toUpperCase(), "STRASSE");
assertEq("\u00ff".toUpperCase(), "\u0178");

assert("ab\uD800".isWellFormed() === false);
assertEq("ab\uD800c".toWellFormed(), "ab\uFFFDc");
assert("a\uD83D\uDE00".isWellFormed());

assertEq("a-b-c".split("-").join("|"), "a|b|c");
assertEq("a-b-c".split("-", 2).join("|"), "a|b");
assertEq("abc".split("").length, 3);
assertEq("abc".split().length, 1);
assertEq("".split("x").length, 1);
assertEq("".split("").length, 0);
assertEq("abc".split("", 0).length, 0);

assertEq("aaa".replace("a", "b"), "baa");
assertEq("aaa".replaceAll("a", "b"), "bbb");
assertEq("abc".replace("b", "[$&$`$'$$]"), "a[bac$]c");
assertEq("abc".replace("b", "$1"), "a$1c");
assertEq("abc".replace("b", function (m, pos, s) { return m + pos + s; }), "ab1abcc");
assertEq("xx".replaceAll("", "-"), "-x-x-");
assertEq("abc".replace("z", "y"), "abc");
var custom = { [Symbol.replace]: function (s, r) { return "custom:" + s + r; } };
assertEq("abc".replace(custom, "!"), "custom:abc!");
var splitter = { [Symbol.split]: function (s, lim) { return [s, lim]; } };
assertEq("abc".split(splitter, 3).join(), "abc,3");

assertEq("b".localeCompare("a"), 1);
assertEq("a".localeCompare("a"), 0);
// canonically equivalent strings compare equal (NFC forms are compared)
assertEq("o\u0308".localeCompare("\u00f6"), 0);
assertEq("\u212b".localeCompare("A\u030a"), 0);
assertEq("a\u0301".localeCompare("a"), 1);
assertEq("anchor".anchor('"x"'), '<a name="&quot;x&quot;">anchor</a>');
assertEq("b".bold(), "<b>b</b>");

var cps = [];
for (var ch of "a\uD83D\uDE00b") cps.push(ch);
assertEq(cps.length, 3);
assertEq(cps[1], "\uD83D\uDE00");
var it = ""[Symbol.iterator]();
assertEq(Object.prototype.toString.call(it), "[object String Iterator]");
assert(it.next().done);

// building a long string in a loop stays linear (completes quickly)
var s = "";
for (var i = 0; i < 200000; i++) s += "x";
assertEq(s.length, 200000);
assertEq("".lastIndexOf(), -1);
assertEq("ab".lastIndexOf("abc"), -1);
// symbol methods are looked up on objects only
Number.prototype[Symbol.split] = function () { return "hijacked"; };
assertEq("a1b".split(1).join(), "a,b");
delete Number.prototype[Symbol.split];
