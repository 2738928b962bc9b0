// JSON.parse, JSON.stringify, JSON[Symbol.toStringTag].

assertEq(Object.prototype.toString.call(JSON), "[object JSON]");
assertEq(JSON.parse.length, 2);
assertEq(JSON.stringify.length, 3);
assertEq(Object.getPrototypeOf(JSON), Object.prototype);

// ------------------------------------------------------------ parse: values
assertEq(JSON.parse("1"), 1);
assertEq(JSON.parse("-0"), -0);
assertEq(JSON.parse("1.5e3"), 1500);
assertEq(JSON.parse("1E-2"), 0.01);
assertEq(JSON.parse("-12.25"), -12.25);
assertEq(JSON.parse("123456789012345678901234567890"), 1.2345678901234568e29);
assertEq(JSON.parse("9007199254740993"), 9007199254740992);
assertEq(JSON.parse("0.1"), 0.1);
assertEq(JSON.parse("1e400"), Infinity);
assertEq(JSON.parse(" true "), true);
assertEq(JSON.parse("false"), false);
assertEq(JSON.parse("null"), null);
assertEq(JSON.parse('"abc"'), "abc");
assertEq(JSON.parse('""'), "");
assertEq(JSON.parse('"\\u0041\\n\\t\\"\\\\\\/\\b\\f\\r"'), 'A\n\t"\\/\b\f\r');
assertEq(JSON.parse('"\\ud83d\\ude00"'), "\ud83d\ude00");
assertEq(JSON.parse('"\\udc00"'), "\udc00", "lone surrogate escapes are fine");
assertEq(JSON.parse('"\u00e9\u4e2d"'), "\u00e9\u4e2d");
assertEq(JSON.parse('"\u2028\u2029"'), "\u2028\u2029");
assertEq(JSON.parse("\t\n\r 5 \r\n\t"), 5);
assertEq(JSON.parse(5), 5, "argument goes through ToString");
assertEq(JSON.parse({ toString: function () { return "[1]"; } })[0], 1);
assertDeepEq(JSON.parse("[]"), []);
assertDeepEq(JSON.parse("{}"), {});
assertDeepEq(JSON.parse('[1, "a", [true, null], {"b": []}]'), [1, "a", [true, null], { b: [] }]);
assertDeepEq(JSON.parse('{"a": 1, "b": {"c": [1, 2]}}'), { a: 1, b: { c: [1, 2] } });
var dup = JSON.parse('{"a": 1, "b": 2, "a": 3}');
assertEq(dup.a, 3);
assertDeepEq(Object.keys(dup), ["a", "b"]);
var numKeys = JSON.parse('{"b": 1, "2": 2, "1": 3, "a": 4}');
assertDeepEq(Object.keys(numKeys), ["1", "2", "b", "a"]);
var protoKey = JSON.parse('{"__proto__": {"x": 1}}');
assertEq(Object.getPrototypeOf(protoKey), Object.prototype);
assert(protoKey.hasOwnProperty("__proto__"));
assertEq(protoKey.__proto__.x, 1, "an own data property named __proto__");
assertEq(Object.getOwnPropertyDescriptor(protoKey, "__proto__").value.x, 1);
var attrs = Object.getOwnPropertyDescriptor(JSON.parse('{"k": 1}'), "k");
assert(attrs.writable && attrs.enumerable && attrs.configurable);
assert(Array.isArray(JSON.parse("[1]")));
// repeated shapes and keys (the key cache)
var many = "[" + Array(200).join('{"id": 1, "name": "x", "\\u006eame2": 2},') + '{"id": 1}]';
var manyObjs = JSON.parse(many);
assertEq(manyObjs.length, 200);
assertDeepEq(manyObjs[5], { id: 1, name: "x", name2: 2 });
// wide (UTF-16) source
var wide = JSON.parse('{"\u4e2d": ["\u6587", 1.5, {"k\u0100": "v\\n"}]}');
assertEq(wide["\u4e2d"][0], "\u6587");
assertEq(wide["\u4e2d"][2]["k\u0100"], "v\n");

// ------------------------------------------------------------ parse: errors
var badInputs = ["", " ", "{", "[", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "'x'", "01",
    "1.", ".5", "+1", "-", "1e", "1e+", "tru", "nul", "NaN", "Infinity", "undefined",
    "\"\\x41\"", "\"\\u12\"", "\"a\nb\"", "\"\t\"", "\"abc", "[1 2]", "{\"a\" 1}",
    "1 2", "\u00a01", "\ufeff1", "[1]]", "{\"a\":1}}", "/*c*/1", "0x10", "\"\\'\""];
badInputs.forEach(function (s) {
    assertThrows(SyntaxError, function () { JSON.parse(s); }, JSON.stringify(s));
});
var perr = assertThrows(SyntaxError, function () { JSON.parse('{"a": tru}'); });
assert(perr.message.indexOf("'}'") >= 0 && perr.message.indexOf("position 9") >= 0, perr.message);  // node-differs (V8's message form)
var perr2 = assertThrows(SyntaxError, function () { JSON.parse('[1,\n  2,\n  x]'); });
assert(perr2.message.indexOf("line 3 column 3") >= 0, perr2.message);  // node-differs (V8's message form)
// deep nesting is a RangeError, not a crash
var deepText = Array(100001).join("[") + Array(100001).join("]");
assertThrows(RangeError, function () { JSON.parse(deepText); });  // node-differs (V8 parses it)
var deepObj = Array(100001).join('{"a":') + "1" + Array(100001).join("}");
assertThrows(RangeError, function () { JSON.parse(deepObj); });  // node-differs (V8 parses it)
// moderately deep is fine
assertEq(JSON.parse(Array(501).join("[") + Array(501).join("]")).length, 1);

// ------------------------------------------------------------ parse: reviver
assertDeepEq(JSON.parse('{"a": 1, "b": [1, 2]}', function (k, v) {
    return typeof v === "number" ? v * 10 : v;
}), { a: 10, b: [10, 20] });
var order = [];
JSON.parse('{"a": {"b": 1}, "c": [2]}', function (k, v) { order.push(k); return v; });
assertDeepEq(order, ["b", "a", "0", "c", ""]);
var deleted = JSON.parse('{"a": 1, "b": 2, "c": [1, 2, 3]}', function (k, v) {
    return k === "a" || k === "1" ? undefined : v;
});
assert(!("a" in deleted));
assertEq(deleted.c.length, 3);
assert(!(1 in deleted.c));
var holders = [];
JSON.parse('{"x": 1}', function (k, v) { holders.push(this); return v; });
assertEq(holders[0].x, 1);
assertDeepEq(Object.keys(holders[1]), [""]);
assertEq(Object.getPrototypeOf(holders[1]), Object.prototype);
assertEq(JSON.parse("1", function (k, v) { return [k, v]; })[0], "");
assertEq(JSON.parse('[5]', function (k, v) { return typeof k; })  , "string");
// a reviver that adds a property: later keys were fixed before the walk
var added = JSON.parse('{"a": 1, "b": 2}', function (k, v) {
    if (k === "a") this.z = 9;
    return v;
});
assertEq(added.z, 9);
// non-callable reviver is ignored
assertDeepEq(JSON.parse("[1]", {}), [1]);
// reviver exceptions propagate
assertThrows(EvalError, function () { JSON.parse("[1]", function () { throw new EvalError(); }); });

// -------------------------------------------------------- stringify: values
assertEq(JSON.stringify(1), "1");
assertEq(JSON.stringify(-0), "0");
assertEq(JSON.stringify(1.5e300), "1.5e+300");
assertEq(JSON.stringify(NaN), "null");
assertEq(JSON.stringify(-Infinity), "null");
assertEq(JSON.stringify(true), "true");
assertEq(JSON.stringify(null), "null");
assertEq(JSON.stringify("a\"b\\c\n\u0001\u001f\u007f"), '"a\\"b\\\\c\\n\\u0001\\u001f\u007f"');
assertEq(JSON.stringify("\b\f\r\t"), '"\\b\\f\\r\\t"');
assertEq(JSON.stringify("\ud83d\ude00"), '"\ud83d\ude00"');
assertEq(JSON.stringify("\ud83d"), '"\\ud83d"');
assertEq(JSON.stringify("\ude00"), '"\\ude00"');
assertEq(JSON.stringify("\ude00\ud83d"), '"\\ude00\\ud83d"');
assertEq(JSON.stringify("a\ud800b\udbff"), '"a\\ud800b\\udbff"');
assertEq(JSON.stringify("\u00e9\u4e2d"), '"\u00e9\u4e2d"');
assertEq(JSON.stringify(undefined), undefined);
assertEq(JSON.stringify(function () {}), undefined);
assertEq(JSON.stringify(Symbol()), undefined);
assertEq(JSON.stringify(), undefined);
assertEq(JSON.stringify([undefined, function () {}, Symbol()]), "[null,null,null]");
assertEq(JSON.stringify({ a: undefined, b: function () {}, c: Symbol(), d: 1 }), '{"d":1}');
assertEq(JSON.stringify({ a: undefined }), "{}");
assertEq(JSON.stringify([]), "[]");
assertEq(JSON.stringify({}), "{}");
assertEq(JSON.stringify([1, [2, [3]], { a: [] }]), '[1,[2,[3]],{"a":[]}]');
assertEq(JSON.stringify(new Number(3)), "3");
assertEq(JSON.stringify(new String("s")), '"s"');
assertEq(JSON.stringify(new Boolean(false)), "false");
assertEq(JSON.stringify([new Number(1), new String("x")]), '[1,"x"]');
var numObj = new Number(1);
numObj.valueOf = function () { return 42; };
assertEq(JSON.stringify(numObj), "42", "Number wrappers go through ToNumber");
var strObj = new String("a");
strObj.toString = function () { return "b"; };
assertEq(JSON.stringify(strObj), '"b"', "String wrappers go through ToString");
assertEq(JSON.stringify(Object(Symbol())), "{}");
if (typeof Date === "function")
    assertEq(JSON.stringify(new Date(0)), '"1970-01-01T00:00:00.000Z"');
var sparseArr = [1, , 3];
assertEq(JSON.stringify(sparseArr), "[1,null,3]");
var keyed = { b: 1, a: 2, 1: 3, 0: 4 };
assertEq(JSON.stringify(keyed), '{"0":4,"1":3,"b":1,"a":2}');
var sym = {};
sym[Symbol("s")] = 1;
sym.x = 1;
assertEq(JSON.stringify(sym), '{"x":1}');
var nonEnum = Object.defineProperty({ v: 1 }, "hidden", { value: 2, enumerable: false });
assertEq(JSON.stringify(nonEnum), '{"v":1}');
var getter = { get g() { return "got"; } };
assertEq(JSON.stringify(getter), '{"g":"got"}');
assertEq(JSON.stringify(Object.create({ inherited: 1 })), "{}");
var withProtoEl = [1, , 3];
Array.prototype[1] = "p";
assertEq(JSON.stringify(withProtoEl), '[1,"p",3]');
delete Array.prototype[1];
assertEq(JSON.stringify({ "\u2028": "\u2029" }), '{"\u2028":"\u2029"}');
assertEq(JSON.stringify({ "k\"ey": 1 }), '{"k\\"ey":1}');

// BigInt
if (typeof BigInt === "function") {
    assertThrows(TypeError, function () { JSON.stringify(BigInt(1)); });
    assertThrows(TypeError, function () { JSON.stringify({ a: BigInt(1) }); });
}

// -------------------------------------------------------- stringify: toJSON
assertEq(JSON.stringify({ toJSON: function () { return 7; } }), "7");
var tjKeys = [];
var tj = { toJSON: function (k) { tjKeys.push(k); return "v"; } };
JSON.stringify({ a: tj, b: [tj] });
assertDeepEq(tjKeys, ["a", "0"]);
assertEq(JSON.stringify({ toJSON: 5 }), '{"toJSON":5}');
assertEq(JSON.stringify({ toJSON: function () { return undefined; } }), undefined);
var tjThis;
var tj2 = { toJSON: function () { tjThis = this; return 1; } };
JSON.stringify([tj2]);
assertEq(tjThis, tj2);
// toJSON on the prototype chain
function Pt(x) { this.x = x; }
Pt.prototype.toJSON = function () { return "Pt(" + this.x + ")"; };
assertEq(JSON.stringify([new Pt(1)]), '["Pt(1)"]');

// ------------------------------------------------------ stringify: replacer
assertEq(JSON.stringify({ a: 1, b: 2 }, function (k, v) { return k === "a" ? undefined : v; }), '{"b":2}');
var repCalls = [];
JSON.stringify({ a: [1] }, function (k, v) { repCalls.push([k, this === undefined]); return v; });
assertDeepEq(repCalls, [["", false], ["a", false], ["0", false]]);
var rootHolder;
JSON.stringify(5, function (k, v) { if (k === "") rootHolder = this; return v; });
assertDeepEq(Object.keys(rootHolder), [""]);
assertEq(rootHolder[""], 5);
assertEq(JSON.stringify({ a: 1 }, function (k, v) { return typeof v === "number" ? v + 1 : v; }), '{"a":2}');
assertEq(JSON.stringify(1, function (k, v) { return k === "" ? { x: [v] } : v; }), '{"x":[1]}');
// array replacer: a property list
assertEq(JSON.stringify({ b: 1, a: 2, c: 3 }, ["a", "b"]), '{"a":2,"b":1}');
assertEq(JSON.stringify({ 1: "one", 2: "two" }, [1, new Number(2)]), '{"1":"one","2":"two"}');
assertEq(JSON.stringify({ a: 1 }, ["a", "a", new String("a")]), '{"a":1}');
assertEq(JSON.stringify({ a: 1, b: { a: 2, c: 3 } }, ["b", "a"]), '{"b":{"a":2},"a":1}');
assertEq(JSON.stringify({ a: 1 }, [{}, null, true]), "{}");
assertEq(JSON.stringify([1, 2], ["0"]), "[1,2]", "property list does not filter arrays");
assertEq(JSON.stringify({ a: 1 }, "not a replacer"), '{"a":1}');
if (typeof Proxy === "function")
    assertEq(JSON.stringify({ a: 1 }, new Proxy(["a"], {})), '{"a":1}');

// --------------------------------------------------------- stringify: space
var nested = { a: [1, { b: 2 }], c: {}, d: [] };
assertEq(JSON.stringify(nested, null, 2),
         '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {},\n  "d": []\n}');
assertEq(JSON.stringify([1], null, "--"), "[\n--1\n]");
assertEq(JSON.stringify([1], null, 20), JSON.stringify([1], null, 10));
assertEq(JSON.stringify([1], null, 10), "[\n          1\n]");
assertEq(JSON.stringify([1], null, "12345678901234"), "[\n1234567890" + "1\n]", "gap: first 10 units");
assertEq(JSON.stringify([1], null, 0), "[1]");
assertEq(JSON.stringify([1], null, -5), "[1]");
assertEq(JSON.stringify([1], null, ""), "[1]");
assertEq(JSON.stringify([1], null, 1.9), "[\n 1\n]");
assertEq(JSON.stringify([1], null, new Number(1)), "[\n 1\n]");
assertEq(JSON.stringify([1], null, new String("\t")), "[\n\t1\n]");
assertEq(JSON.stringify([1], null, true), "[1]");
assertEq(JSON.stringify({ a: undefined, b: 1 }, null, 1), '{\n "b": 1\n}');
assertEq(JSON.stringify({ a: undefined }, null, 1), "{}");

// -------------------------------------------------- stringify: cycles, depth
var cyc = { a: 1 };
cyc.self = cyc;
var cerr = assertThrows(TypeError, function () { JSON.stringify(cyc); });
assertEq(cerr.message.indexOf("circular") >= 0, true);  // node-differs (V8 prints a longer message)
var cycArr = [];
cycArr.push([cycArr]);
assertThrows(TypeError, function () { JSON.stringify(cycArr); });
var shared = { s: 1 };
assertEq(JSON.stringify([shared, shared]), '[{"s":1},{"s":1}]', "shared is not circular");
var deepArr = [];
for (var i = 0, cur = deepArr; i < 100000; i++) { var nx = []; cur.push(nx); cur = nx; }
assertThrows(RangeError, function () { JSON.stringify(deepArr); });

// -------------------------------------------------- stringify: proxies
if (typeof Proxy === "function") (function () {
    var pobj = new Proxy({ a: 1, b: 2 }, {
        ownKeys: function () { return ["b", "a", "zz"]; }
    });
    assertEq(JSON.stringify(pobj), '{"b":2,"a":1}');
    assertEq(JSON.stringify(new Proxy([1, 2], {})), "[1,2]");
    var trapLog = [];
    var traced = new Proxy({ x: 1 }, {
        ownKeys: function (t) { trapLog.push("ownKeys"); return Reflect.ownKeys(t); },
        getOwnPropertyDescriptor: function (t, k) { trapLog.push("gopd:" + k); return Reflect.getOwnPropertyDescriptor(t, k); },
        get: function (t, k) { trapLog.push("get:" + String(k)); return Reflect.get(t, k); }
    });
    JSON.stringify(traced);
    assertDeepEq(trapLog, ["get:toJSON", "ownKeys", "gopd:x", "get:x"]);
})();

// ------------------------------------------------------------ round trips
var rt = { s: "x\u0000y\ud800", n: [0, -1, 1.25, 1e21, 5e-324], o: { "": null, t: true } };
var rtBack = JSON.parse(JSON.stringify(rt));
assertEq(rtBack.s, rt.s);
assertDeepEq(rtBack.n, rt.n);
assertEq(rtBack.o[""], null);
var bigText = JSON.stringify(Array.from({ length: 5000 }, function (_, i) {
    return { id: i, name: "item" + i, tags: ["a", "b"], v: i / 3 };
}));
var bigBack = JSON.parse(bigText);
assertEq(bigBack.length, 5000);
assertEq(bigBack[4999].name, "item4999");
assertEq(bigBack[3].v, 1);
assertEq(JSON.stringify(bigBack), bigText);
