// Template literals and tagged templates.

var n = 3, s = "str";
assertEq(`a${n}b${s}c`, "a3bstrc");
assertEq(`${n}`, "3");
assertEq(``, "");
assertEq(`line1
line2`, "line1\nline2");
assertEq(`\u0041\x42\n`, "AB\n");
assertEq(`${1}${2}${3}`, "123");
assertEq(`${`nested ${n}`}!`, "nested 3!");
assertEq(`${{ toString() { return "ts"; }, valueOf() { return "vo"; } }}`, "ts");
assertThrows(TypeError, function () { return `${Symbol()}`; });

// tagged templates
function tag(strings, ...values) {
  return { strings: strings, raw: strings.raw, values: values };
}
var r = tag`x${1}y${2}z`;
assertDeepEq(Array.prototype.slice.call(r.strings), ["x", "y", "z"]);
assertDeepEq(r.values, [1, 2]);
assertEq(r.raw[0], "x");
var rr = tag`a\nb${0}\u{41}`;
assertEq(rr.strings[0], "a\nb");
assertEq(rr.raw[0], "a\\nb");
assertEq(rr.raw[1], "\\u{41}");
// invalid escapes are allowed in tagged templates: cooked is undefined
var bad = tag`\unicode`;
assertEq(bad.strings[0], undefined);
assertEq(bad.raw[0], "\\unicode");

// the template object is frozen and cached per site
assert(Object.isFrozen(r.strings));
assert(Object.isFrozen(r.raw));
function site() { return tag`same`.strings; }
assertEq(site(), site());
assert(tag`same`.strings !== site());

// member tags keep `this`
var obj = { prefix: "p:", t(strs, v) { return this.prefix + strs[0] + v; } };
assertEq(obj.t`hi ${1}`, "p:hi 1");
assertEq(String.raw`a\tb${1}`, "a\\tb1");
