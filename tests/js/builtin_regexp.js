// RegExp constructor, RegExp.prototype, the Symbol.match/matchAll/replace/
// search/split protocol, RegExp.escape; String.prototype.normalize and the
// full Unicode case mappings (the engine itself: tests/api/test_regexp.c).

// ------------------------------------------------------------ constructor
var re = /a(?<n>b)?c/dg;
assertEq(re.source, "a(?<n>b)?c");
assertEq(re.flags, "dg");
assertEq(String(re), "/a(?<n>b)?c/dg");
assertEq(re.lastIndex, 0);
assertEq(RegExp(re), re);
assert(new RegExp(re) !== re);
assertEq(new RegExp(re, "i").flags, "i");
assertEq(new RegExp("a/b\n").source, "a\\/b\\n");
assertEq(new RegExp("").source, "(?:)");
assertEq(RegExp.prototype.source, "(?:)");
assertEq(RegExp.prototype.global, undefined);
assertEq(RegExp.prototype.flags, "");
assertEq(RegExp[Symbol.species], RegExp);
assertThrows(SyntaxError, function () { new RegExp("("); });
assertThrows(SyntaxError, function () { new RegExp("a", "gg"); });
assertThrows(SyntaxError, function () { new RegExp("a", "uv"); });
assertThrows(SyntaxError, function () { eval("/a{2,1}/"); });
assertThrows(TypeError, function () { RegExp.prototype.exec.call({}, "a"); });
class R extends RegExp {}
assert(new R("x") instanceof R);
assertEq("axa".replace(new R("x", "g"), "-"), "a-a");

// ------------------------------------------------------------ exec
var m = re.exec("xac abc");
assertEq(m.index, 1);
assertEq(m[0], "ac");
assertEq(m[1], undefined);
assertEq(m.groups.n, undefined);
assertDeepEq(m.indices[0], [1, 3]);
assertEq(re.lastIndex, 3);
m = re.exec("xac abc");
assertEq(m.index, 4);
assertEq(m.groups.n, "b");
assertDeepEq(m.indices.groups.n, [5, 6]);
assertEq(re.exec("xac abc"), null);
assertEq(re.lastIndex, 0);
var y = /b/y;
assertEq(y.test("ab"), false);
y.lastIndex = 1;
assertEq(y.test("ab"), true);
assertEq(y.lastIndex, 2);
assertEq(/./gu.exec("\ud83d\ude00").index, 0);
assertEq(/(?<a>x)|(?<a>y)/.exec("y").groups.a, "y");
assertEq(/(?i:a)b/.test("Ab"), true);
assertEq(/(?<=\$)\d+/.exec("cost $42")[0], "42");
assertEq(/\p{Script=Greek}+/u.exec("abc αβγ")[0], "αβγ");
assertEq(/[\p{L}--[a-z]]+/v.exec("abcDEF")[0], "DEF");
assertEq(/^\p{RGI_Emoji}$/v.test("\u{1F468}\u200d\u{1F469}\u200d\u{1F467}"), true);
assertEq(/\u212a/iu.test("k"), true);
assertEq(/\u212a/i.test("k"), false);

// ------------------------------------------------------------ protocol
assertDeepEq("a1b22c".match(/\d+/g), ["1", "22"]);
assertEq("abc".match(/x/g), null);
assertDeepEq([..."a1b2".matchAll(/\d/g)].map(function (x) { return x.index; }), [1, 3]);
assertThrows(TypeError, function () { "a".matchAll(/a/); });
assertEq("aXbX".replace(/x/gi, "[$&]"), "a[X]b[X]");
assertEq("2024-05".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"), "05/2024");
assertEq("abc".replace(/b/, function (s, i, str) { return s + i + str; }), "ab1abcc");
assertEq("aaa".replace(/a*?/g, "-"), "-a-a-a-");
assertEq("abc".search(/c/), 2);
assertDeepEq("a,b,,c".split(/,/), ["a", "b", "", "c"]);
assertDeepEq("a1b22c".split(/(\d)/), ["a", "1", "b", "2", "", "2", "c"]);
assertDeepEq("test".split(/(?:)/, 2), ["t", "e"]);
assertDeepEq("".split(/x/), [""]);
var seen = [];
var custom = /./g;
custom.exec = function (s) { seen.push(this.lastIndex); return null; };
assertEq("ab".replace(custom, "x"), "ab");
assertDeepEq(seen, [0]);

// ------------------------------------------------------------ RegExp.escape
assertEq(RegExp.escape("foo.bar"), "\\x66oo\\.bar");
assertEq(RegExp.escape("a-b c"), "\\x61\\x2db\\x20c");
assertThrows(TypeError, function () { RegExp.escape(1); });

// ------------------------------------------------------------ Unicode strings
assertEq("straße".toUpperCase(), "STRASSE");
assertEq("ΑΣ Σ".toLowerCase(), "ας σ");
assertEq("\u0130".toLowerCase(), "i\u0307");
assertEq("ﬃ".toUpperCase(), "FFI");
assertEq("\u{10428}".toUpperCase(), "\u{10400}");
assertEq("A\u030a".normalize(), "\u00c5");
assertEq("\u00c5".normalize("NFD"), "A\u030a");
assertEq("\ufb01".normalize("NFKC"), "fi");
assertEq("\u1100\u1161\u11a8".normalize("NFC"), "\uac01");
assertThrows(RangeError, function () { "a".normalize("nfc"); });
