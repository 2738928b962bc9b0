// Symbol: the function, the registry, well-known symbols, Symbol.prototype
// and Symbol wrapper objects.

function desc(o, k) { return Object.getOwnPropertyDescriptor(o, k); }

assertEq(typeof Symbol, "function");
assertEq(Symbol.length, 0);
assertEq(Symbol.name, "Symbol");
assertEq(Object.getPrototypeOf(Symbol), Function.prototype);
var d = desc(Symbol, "prototype");
assert(!d.writable && !d.enumerable && !d.configurable);

// creation and uniqueness
var s1 = Symbol("a"), s2 = Symbol("a");
assertEq(typeof s1, "symbol");
assert(s1 !== s2);
assertEq(s1.toString(), "Symbol(a)");
assertEq(Symbol().toString(), "Symbol()");
assertEq(Symbol("").toString(), "Symbol()");
assertEq(Symbol(123).description, "123");
assertEq(Symbol().description, undefined);
assertEq(Symbol(undefined).description, undefined);
assertEq(Symbol("").description, "");
assertEq(Symbol(null).description, "null");
assertThrows(TypeError, function () { new Symbol(); });
assertThrows(TypeError, function () { Symbol(Symbol()); });
class S extends Symbol {}
assertThrows(TypeError, function () { new S(); });

// registry
var r1 = Symbol.for("key");
assertEq(Symbol.for("key"), r1);
assertEq(Symbol.keyFor(r1), "key");
assertEq(Symbol.keyFor(s1), undefined);
assertEq(Symbol.keyFor(Symbol.iterator), undefined);
assertEq(r1.description, "key");
assert(Symbol.for("key") !== Symbol("key"));
assertEq(Symbol.for().description, "undefined");
assertEq(Symbol.for(undefined), Symbol.for("undefined"));
assertThrows(TypeError, function () { Symbol.keyFor("key"); });
assertEq(Symbol.for.length, 1);
assertEq(Symbol.keyFor.length, 1);

// well-known symbols
var wk = ["asyncIterator", "hasInstance", "isConcatSpreadable", "iterator", "match",
          "matchAll", "replace", "search", "species", "split", "toPrimitive",
          "toStringTag", "unscopables"];
wk.forEach(function (n) {
  var sym = Symbol[n];
  assertEq(typeof sym, "symbol", n);
  assertEq(sym.description, "Symbol." + n);
  assertEq(sym.toString(), "Symbol(Symbol." + n + ")");
  var dd = desc(Symbol, n);
  assert(!dd.writable && !dd.enumerable && !dd.configurable, n);
});

// Symbol.prototype
assertEq(Symbol.prototype.constructor, Symbol);
assertEq(Symbol.prototype[Symbol.toStringTag], "Symbol");
d = desc(Symbol.prototype, Symbol.toStringTag);
assert(!d.writable && !d.enumerable && d.configurable);
d = desc(Symbol.prototype, Symbol.toPrimitive);
assert(!d.writable && !d.enumerable && d.configurable);
assertEq(Symbol.prototype[Symbol.toPrimitive].name, "[Symbol.toPrimitive]");
assertEq(Symbol.prototype[Symbol.toPrimitive].length, 1);
assertEq(s1[Symbol.toPrimitive]("number"), s1);
d = desc(Symbol.prototype, "description");
assertEq(typeof d.get, "function");
assertEq(d.set, undefined);
assertEq(d.get.name, "get description");
assertThrows(TypeError, function () { Symbol.prototype.toString.call({}); });
assertThrows(TypeError, function () { Symbol.prototype.valueOf.call("x"); });
assertThrows(TypeError, function () { d.get.call(1); });
assertThrows(TypeError, function () { Symbol.prototype.description; });

// wrapper objects
var w = Object(s1);
assertEq(typeof w, "object");
assert(w instanceof Symbol);
assertEq(w.valueOf(), s1);
assertEq(w.description, "a");
assertEq(w.toString(), "Symbol(a)");
assertEq(Object.prototype.toString.call(w), "[object Symbol]");
assertEq(w == s1, true);
assert(w !== s1);
var k = {};
k[w] = 1;
assertEq(k[s1], 1);

// conversions
assertThrows(TypeError, function () { s1 + ""; });
assertThrows(TypeError, function () { +s1; });
assertThrows(TypeError, function () { `${s1}`; });
assertEq(String(s1), "Symbol(a)");
assertEq(!!s1, true);
assertEq(Object.getOwnPropertyNames(Symbol.prototype).indexOf("description") >= 0, true);

// symbols as keys
var o = {};
o[s1] = "v";
assertEq(o[s1], "v");
assertEq(Object.keys(o).length, 0);
assertEq(JSON.stringify(o), "{}");
assertEq(Object.getOwnPropertySymbols(o)[0], s1);
