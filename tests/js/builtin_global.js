// The global object's own functions: globalThis, eval, the URI functions,
// escape / unescape.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

// globalThis
assertEq(typeof globalThis, "object");
assertEq(globalThis, this);
var d = desc(globalThis, "globalThis");
assert(d.writable && !d.enumerable && d.configurable);
assertEq(globalThis.Object, Object);

// eval: indirect eval runs in the global scope
var gx = "global";
function scoped() {
  var gx = "local";
  return [eval("gx"), (0, eval)("gx"), globalThis.eval("gx")];
}
assertDeepEq(scoped(), ["local", "global", "global"]);
assertEq(eval.length, 1);
assertEq(eval.name, "eval");
d = desc(globalThis, "eval");
assert(d.writable && !d.enumerable && d.configurable);
assertEq((0, eval)(42), 42);
var obj = {};
assertEq((0, eval)(obj), obj);
assertEq((0, eval)("1 + 2"), 3);
(0, eval)("var createdByEval = 1;");
assertEq(globalThis.createdByEval, 1);
assertThrows(SyntaxError, function () { (0, eval)("let let = 1"); });
assertThrows(TypeError, function () { new eval("1"); });

// encodeURIComponent / encodeURI
assertEq(encodeURIComponent("a b&c/d?e=f#g"), "a%20b%26c%2Fd%3Fe%3Df%23g");
assertEq(encodeURI("a b&c/d?e=f#g"), "a%20b&c/d?e=f#g");
assertEq(encodeURIComponent("-_.!~*'()"), "-_.!~*'()");
assertEq(encodeURIComponent(";/?:@&=+$,"), "%3B%2F%3F%3A%40%26%3D%2B%24%2C");
assertEq(encodeURI(";/?:@&=+$,#"), ";/?:@&=+$,#");
assertEq(encodeURIComponent("\u00e9"), "%C3%A9");
assertEq(encodeURIComponent("\u20ac"), "%E2%82%AC");
assertEq(encodeURIComponent("\ud83d\ude00"), "%F0%9F%98%80");
assertEq(encodeURIComponent("\u007f"), "%7F");
assertEq(encodeURIComponent(""), "");
assertEq(encodeURIComponent(1.5), "1.5");
assertEq(encodeURIComponent(), "undefined");
assertThrows(URIError, function () { encodeURIComponent("\ud800"); });
assertThrows(URIError, function () { encodeURIComponent("\udc00"); });
assertThrows(URIError, function () { encodeURI("a\ud800b"); });
assertThrows(URIError, function () { encodeURI("\udc00\ud800"); });
assertEq(encodeURIComponent.length, 1);
assertEq(encodeURI.name, "encodeURI");

// decodeURIComponent / decodeURI
assertEq(decodeURIComponent("a%20b%26c%2Fd"), "a b&c/d");
assertEq(decodeURI("a%20b%26c%2Fd%23"), "a b%26c%2Fd%23");
assertEq(decodeURI("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23"), "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23");
assertEq(decodeURIComponent("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23"), ";/?:@&=+$,#");
assertEq(decodeURIComponent("%c3%a9"), "\u00e9");
assertEq(decodeURIComponent("%E2%82%AC"), "\u20ac");
assertEq(decodeURIComponent("%F0%9F%98%80"), "\ud83d\ude00");
assertEq(decodeURIComponent("%41%42"), "AB");
assertEq(decodeURI("%41"), "A");
assertEq(decodeURIComponent("plain"), "plain");
assertThrows(URIError, function () { decodeURIComponent("%"); });
assertThrows(URIError, function () { decodeURIComponent("%4"); });
assertThrows(URIError, function () { decodeURIComponent("%zz"); });
assertThrows(URIError, function () { decodeURIComponent("%80"); });       // lone continuation
assertThrows(URIError, function () { decodeURIComponent("%C3"); });       // truncated
assertThrows(URIError, function () { decodeURIComponent("%C3%41"); });    // bad continuation
assertThrows(URIError, function () { decodeURIComponent("%C3a9"); });     // missing %
assertThrows(URIError, function () { decodeURIComponent("%C0%80"); });    // overlong
assertThrows(URIError, function () { decodeURIComponent("%E0%80%80"); }); // overlong
assertThrows(URIError, function () { decodeURIComponent("%ED%A0%80"); }); // surrogate
assertThrows(URIError, function () { decodeURIComponent("%F4%90%80%80"); }); // > U+10FFFF
assertThrows(URIError, function () { decodeURIComponent("%F8%80%80%80"); });
assertThrows(URIError, function () { decodeURI("%E2%82"); });
// round trip over many code points
var all = "";
for (var cp = 0; cp < 0x800; cp += 7) all += String.fromCharCode(cp);
all += "\ud800\udc00\udbff\udfff";
assertEq(decodeURIComponent(encodeURIComponent(all)), all);
assertEq(decodeURI(encodeURI(all)), all);

// escape / unescape (Annex B)
assertEq(escape("abc123@*_+-./"), "abc123@*_+-./");
assertEq(escape(" ~!"), "%20%7E%21");
assertEq(escape("\u00e9"), "%E9");
assertEq(escape("\u20ac"), "%u20AC");
assertEq(escape("\ud83d"), "%uD83D");
assertEq(unescape("%20%7e"), " ~");
assertEq(unescape("%u20AC%u20ac"), "\u20ac\u20ac");
assertEq(unescape("%"), "%");
assertEq(unescape("%4"), "%4");
assertEq(unescape("%zz"), "%zz");
assertEq(unescape("%u12"), "%u12");
assertEq(unescape("%u123g"), "%u123g");
assertEq(unescape("%%41"), "%A");
assertEq(unescape(escape(all)), all);
assertEq(escape.length, 1);
assertEq(unescape.length, 1);
d = desc(globalThis, "escape");
assert(d.writable && !d.enumerable && d.configurable);
