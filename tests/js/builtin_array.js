// Array constructor, Array.from/of/isArray/@@species, Array.prototype
// methods (except sort/toSorted: builtin_array_sort.js), Array Iterator.

// ------------------------------------------------------------ constructor
assertEq(Array.length, 1);
assertEq(Array.name, "Array");
assertEq(new Array().length, 0);
assertEq(Array().length, 0);
assertEq(new Array(5).length, 5);
assert(!(0 in new Array(5)));
assertDeepEq(new Array(1, 2, 3), [1, 2, 3]);
assertDeepEq(Array("5"), ["5"]);
assertDeepEq(new Array(-0), []);
assertEq(new Array(4294967295).length, 4294967295);
assertThrows(RangeError, function () { new Array(-1); });
assertThrows(RangeError, function () { new Array(1.5); });
assertThrows(RangeError, function () { new Array(4294967296); });
assertThrows(RangeError, function () { Array(NaN); });
assert(Array.isArray(Array.prototype));
assertEq(Array.prototype.length, 0);
assertEq(Array.prototype.constructor, Array);
assertEq(Object.getPrototypeOf(Array.prototype), Object.prototype);

class MyArray extends Array {
    sum() { return this.reduce(function (a, b) { return a + b; }, 0); }
}
var ma = new MyArray(1, 2, 3);
assert(ma instanceof MyArray);
assert(Array.isArray(ma));
assertEq(ma.length, 3);
assertEq(ma.sum(), 6);
assert(ma.map(function (x) { return x * 2; }) instanceof MyArray, "species: map");
assert(ma.filter(function () { return true; }) instanceof MyArray, "species: filter");
assert(ma.slice() instanceof MyArray, "species: slice");
assert(ma.concat([]) instanceof MyArray, "species: concat");
assert(!(ma.toReversed() instanceof MyArray), "toReversed ignores species");
assertEq(new MyArray(7).length, 7);
var ms = MyArray.from([1, 2]);
assert(ms instanceof MyArray);
assertEq(ms.length, 2);
assert(MyArray.of(9) instanceof MyArray);

// ----------------------------------------------------------- static methods
assert(Array.isArray([]));
assert(!Array.isArray({ length: 0 }));
assert(!Array.isArray("abc"));
var hasProxy = typeof Proxy === "function";
if (hasProxy) assert(Array.isArray(new Proxy([], {})));
assertEq(Array[Symbol.species], Array);
var speciesDesc = Object.getOwnPropertyDescriptor(Array, Symbol.species);
assertEq(speciesDesc.set, undefined);
assertEq(speciesDesc.get.name, "get [Symbol.species]");

assertDeepEq(Array.from("abc"), ["a", "b", "c"]);
assertDeepEq(Array.from("\ud83d\ude00x"), ["\ud83d\ude00", "x"]);
assertDeepEq(Array.from({ length: 3, 0: "a", 2: "c" }), ["a", undefined, "c"]);
assertDeepEq(Array.from([1, 2, 3], function (x, i) { return x * 10 + i; }), [10, 21, 32]);
assertDeepEq(Array.from(new Set([1, 1, 2])), [1, 2]);
assertDeepEq(Array.from([1, , 3]), [1, undefined, 3]);
assert(Array.from([1, , 3]).hasOwnProperty(1), "from fills holes");
var thisArg = { k: 5 };
assertDeepEq(Array.from([1], function (x) { return x + this.k; }, thisArg), [6]);
assertThrows(TypeError, function () { Array.from([], 5); });
assertThrows(TypeError, function () { Array.from(null); });
assertDeepEq(Array.from.call(Object, [1, 2]), { 0: 1, 1: 2, length: 2 });
// non-constructor `this` makes a plain array
assert(Array.isArray(Array.from.call(function () {}.bind ? {} : {}, [1])));
// iterator closed when the mapper throws
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
    return {
        next: function () { return { value: 1, done: false }; },
        return: function () { closed++; return {}; }
    };
};
assertThrows(Error, function () { Array.from(iterable, function () { throw new Error("x"); }); });
assertEq(closed, 1);
// the array's own iterator is used, even when replaced
var arrWithIter = [1, 2, 3];
arrWithIter[Symbol.iterator] = function () {
    var done = false;
    return { next: function () { var r = { value: 42, done: done }; done = true; return r; } };
};
assertDeepEq(Array.from(arrWithIter), [42]);
// mapFn growing the source array: the iterator sees the new elements
var growing = [1, 2];
var grown = Array.from(growing, function (x) { if (growing.length < 4) growing.push(x + 10); return x; });
assertDeepEq(grown, [1, 2, 11, 12]);

assertDeepEq(Array.of(), []);
assertDeepEq(Array.of(7), [7]);
assertDeepEq(Array.of(1, "a", null), [1, "a", null]);
var ofObj = Array.of.call(Object, "x");
assertEq(ofObj.length, 1);
assertEq(ofObj[0], "x");

// ------------------------------------------------------------------- at
assertEq([1, 2, 3].at(0), 1);
assertEq([1, 2, 3].at(-1), 3);
assertEq([1, 2, 3].at(3), undefined);
assertEq([1, 2, 3].at(-4), undefined);
assertEq([1, 2, 3].at("1"), 2);
assertEq([1, 2, 3].at(NaN), 1);
assertEq(Array.prototype.at.call({ length: 2, 1: "b" }, -1), "b");

// ------------------------------------------------------------- concat
assertDeepEq([1].concat([2, 3], 4, [[5]]), [1, 2, 3, 4, [5]]);
var holey = [1, , 3].concat([4]);
assertEq(holey.length, 4);
assert(!(1 in holey));
var spreadable = { length: 2, 0: "a", 1: "b" };
spreadable[Symbol.isConcatSpreadable] = true;
assertDeepEq([].concat(spreadable), ["a", "b"]);
var notSpread = [9, 8];
notSpread[Symbol.isConcatSpreadable] = false;
assertEq([].concat(notSpread)[0], notSpread);
assertEq([].concat("ab").length, 1);
assertEq(Array.prototype.concat.call(1, 2).length, 2);
assert(Array.prototype.concat.call(1, 2)[0] instanceof Number);

// ---------------------------------------------------------- copyWithin
assertDeepEq([1, 2, 3, 4, 5].copyWithin(0, 3), [4, 5, 3, 4, 5]);
assertDeepEq([1, 2, 3, 4, 5].copyWithin(1, 0, 3), [1, 1, 2, 3, 5]);
assertDeepEq([1, 2, 3, 4, 5].copyWithin(-2, -3, -1), [1, 2, 3, 3, 4]);
var cwHoles = [1, , 3].copyWithin(0, 1);
assert(!(0 in cwHoles));
assertEq(cwHoles[1], 3);
assertDeepEq(Array.prototype.copyWithin.call({ length: 3, 0: "a", 2: "c" }, 1, 0),
             { length: 3, 0: "a", 1: "a" });

// ------------------------------------------- entries / keys / values
var it = ["a", "b"].entries();
assertDeepEq(it.next(), { value: [0, "a"], done: false });
assertDeepEq(it.next(), { value: [1, "b"], done: false });
assertDeepEq(it.next(), { value: undefined, done: true });
assertDeepEq(Array.from(["x", "y"].keys()), [0, 1]);
assertDeepEq(Array.from([, "y"].values()), [undefined, "y"]);
assertEq(Array.prototype[Symbol.iterator], Array.prototype.values);
assertEq(Array.prototype.values.name, "values");
var aip = Object.getPrototypeOf([][Symbol.iterator]());
assertEq(aip[Symbol.toStringTag], "Array Iterator");
assertEq(Object.prototype.toString.call([].keys()), "[object Array Iterator]");
if (typeof Iterator === "function") assertEq(Object.getPrototypeOf(aip), Iterator.prototype);
assert(!aip.hasOwnProperty(Symbol.iterator));
assertEq(aip[Symbol.iterator](), aip);
assertThrows(TypeError, function () { aip.next.call({}); });
// iterator sees growth, then stays done
var live = [1];
var liveIt = live.values();
assertEq(liveIt.next().value, 1);
live.push(2);
assertEq(liveIt.next().value, 2);
assert(liveIt.next().done);
live.push(3);
assert(liveIt.next().done, "exhausted iterator stays done");
// on array-likes
assertDeepEq(Array.from(Array.prototype.values.call({ length: 2, 0: 5, 1: 6 })), [5, 6]);

// ------------------------------------------ every / some / forEach
assert([2, 4].every(function (x) { return x % 2 === 0; }));
assert(![2, 3].every(function (x) { return x % 2 === 0; }));
assert([].every(function () { return false; }));
assert([1, 3].some(function (x) { return x === 3; }));
assert(![].some(function () { return true; }));
var visited = [];
[1, , 3].forEach(function (x, i, arr) { visited.push(i); assertEq(arr.length, 3); });
assertDeepEq(visited, [0, 2], "forEach skips holes");
assertThrows(TypeError, function () { [].forEach(); });
assertThrows(TypeError, function () { [].every(null); });
var fe = [1, 2, 3];
var feSeen = [];
fe.forEach(function (x) { feSeen.push(x); if (x === 1) fe.pop(); });
assertDeepEq(feSeen, [1, 2], "forEach sees deletions");
var feThis = [];
[1].forEach(function () { feThis.push(this); }, thisArg);
assertEq(feThis[0], thisArg);

// --------------------------------------------------------------- fill
assertDeepEq([1, 2, 3].fill(0), [0, 0, 0]);
assertDeepEq([1, 2, 3].fill(0, 1), [1, 0, 0]);
assertDeepEq([1, 2, 3].fill(0, -1), [1, 2, 0]);
assertDeepEq([1, 2, 3].fill(0, 0, -1), [0, 0, 3]);
assertDeepEq(new Array(3).fill("x"), ["x", "x", "x"]);
assertDeepEq(Array.prototype.fill.call({ length: 2 }, 1), { length: 2, 0: 1, 1: 1 });
assertThrows(TypeError, function () { Object.freeze([1]).fill(0); });

// ------------------------------------------------------------- filter
assertDeepEq([1, 2, 3, 4].filter(function (x) { return x & 1; }), [1, 3]);
assertDeepEq([1, , 3].filter(function () { return true; }), [1, 3]);
assertDeepEq(Array.prototype.filter.call("abc", function (c) { return c !== "b"; }), ["a", "c"]);

// ---------------------------------------------------------- find family
var fa = [5, 12, 8, 130, 44];
assertEq(fa.find(function (x) { return x > 10; }), 12);
assertEq(fa.findIndex(function (x) { return x > 10; }), 1);
assertEq(fa.findLast(function (x) { return x > 10; }), 44);
assertEq(fa.findLastIndex(function (x) { return x > 100; }), 3);
assertEq(fa.find(function (x) { return x > 1000; }), undefined);
assertEq(fa.findIndex(function (x) { return x > 1000; }), -1);
assertEq(fa.findLastIndex(function (x) { return x > 1000; }), -1);
var findHoles = [];
[, 1].find(function (x, i) { findHoles.push(i); });
assertDeepEq(findHoles, [0, 1], "find visits holes");

// -------------------------------------------------------- flat / flatMap
assertDeepEq([1, [2, [3, [4]]]].flat(), [1, 2, [3, [4]]]);
assertDeepEq([1, [2, [3, [4]]]].flat(2), [1, 2, 3, [4]]);
assertDeepEq([1, [2, [3, [4]]]].flat(Infinity), [1, 2, 3, 4]);
assertDeepEq([1, [2]].flat(0), [1, [2]]);
assertDeepEq([1, [2]].flat(-1), [1, [2]]);
assertDeepEq([1, , [2, , 3]].flat(), [1, 2, 3]);
assertDeepEq([1, 2].flatMap(function (x) { return [x, x * 2]; }), [1, 2, 2, 4]);
assertDeepEq([1, 2].flatMap(function (x) { return [[x]]; }), [[1], [2]]);
assertDeepEq(["a b", "c"].flatMap(function (s) { return s.split(" "); }), ["a", "b", "c"]);
assertThrows(TypeError, function () { [].flatMap(); });
var deep = [];
for (var d = 0, cur = deep; d < 100000; d++) { var nx = []; cur.push(nx); cur = nx; }
assertThrows(RangeError, function () { deep.flat(Infinity); });

// ------------------------------------------- includes / indexOf / lastIndexOf
assert([1, 2, NaN].includes(NaN));
assertEq([1, 2, NaN].indexOf(NaN), -1);
assert([0].includes(-0));
assertEq([-0].indexOf(0), 0);
assert([undefined].includes());
assert(new Array(2).includes(undefined), "includes reads holes");
assertEq(new Array(2).indexOf(undefined), -1, "indexOf skips holes");
assertEq([1, 2, 3, 2].indexOf(2), 1);
assertEq([1, 2, 3, 2].indexOf(2, 2), 3);
assertEq([1, 2, 3, 2].indexOf(2, -1), 3);
assertEq([1, 2, 3, 2].indexOf(2, -100), 1);
assertEq([1, 2, 3].indexOf(1, 3), -1);
assertEq([1, 2, 3, 2].lastIndexOf(2), 3);
assertEq([1, 2, 3, 2].lastIndexOf(2, 2), 1);
assertEq([1, 2, 3, 2].lastIndexOf(2, -2), 1);
assertEq([1, 2, 3, 2].lastIndexOf(2, -100), -1);
assertEq([1, 2, 3].lastIndexOf(3, undefined), -1, "explicit undefined is 0");
assertEq(["a", "b"].indexOf("b"), 1);
assertEq([1.5, 2.5].indexOf(2.5), 1);
assertEq([{}, 1].indexOf(1), 1);
assert(!["1"].includes(1));
var protoIdx = [0, 1];
protoIdx.length = 3;
Array.prototype[2] = "fromProto";
assert(protoIdx.includes("fromProto"));
assertEq(protoIdx.indexOf("fromProto"), 2);
delete Array.prototype[2];

// --------------------------------------------------- join / toString
assertEq([1, 2, 3].join(), "1,2,3");
assertEq([1, 2, 3].join(""), "123");
assertEq([1, 2, 3].join(" - "), "1 - 2 - 3");
assertEq([1, null, undefined, 2].join(), "1,,,2");
assertEq([, ,].join(), ",");
assertEq([[1, 2], [3]].join(";"), "1,2;3");
assertEq([1.5, -0, 1e21].join(), "1.5,0,1e+21");
assertEq(Array.prototype.join.call({ length: 2, 0: "x" }, "+"), "x+");
assertEq([1, 2].join(undefined), "1,2");
assertEq(["\u0100", "a"].join("\u2028"), "\u0100\u2028a");
assertEq([1, 2].toString(), "1,2");
assertEq(String([1, [2, [3]]]), "1,2,3");
assertEq(Array.prototype.toString.call({ join: function () { return "J"; } }), "J");
assertEq(Array.prototype.toString.call({}), "[object Object]");
var tagged = { join: 1 };
tagged[Symbol.toStringTag] = "Tagged";
assertEq(Array.prototype.toString.call(tagged), "[object Tagged]");
assertThrows(TypeError, function () { [Symbol()].join(); });
var cyc = [1];
cyc.push(cyc);
// the spec has no cycle check: deep recursion must end in a RangeError
// (other engines print "1,"); either way, no crash
try { assertEq(cyc.join(), "1,"); } catch (e) { assert(e instanceof RangeError); }

// ---------------------------------------------------- toLocaleString
var loc = { toLocaleString: function () { return "L"; } };
assertEq([loc, null, loc].toLocaleString(), "L,,L");
assertEq([1, "a"].toLocaleString(), "1,a");
assertThrows(TypeError, function () { [{ toLocaleString: 1 }].toLocaleString(); });

// ---------------------------------------------------------------- map
assertDeepEq([1, 2, 3].map(function (x) { return x * x; }), [1, 4, 9]);
var mapped = [1, , 3].map(function (x) { return x; });
assertEq(mapped.length, 3);
assert(!(1 in mapped), "map keeps holes");
var shrink = [1, 2, 3, 4];
var shrunk = shrink.map(function (x) { shrink.length = 2; return x; });
assertEq(shrunk.length, 4);
assert(!(2 in shrunk));
assertDeepEq(Array.prototype.map.call("ab", function (c) { return c + c; }), ["aa", "bb"]);
// species
var spec = [1, 2];
spec.constructor = {};
spec.constructor[Symbol.species] = function (n) { this.made = n; };
var made = spec.map(function (x) { return x; });
assertEq(made.made, 2);
assertEq(made[1], 2);
assert(!Array.isArray(made));
spec.constructor[Symbol.species] = null;
assert(Array.isArray(spec.map(function (x) { return x; })));
spec.constructor = 5;
assertThrows(TypeError, function () { spec.map(function (x) { return x; }); });
// a non-array `this` never uses species
assert(Array.isArray(Array.prototype.map.call({ length: 1, 0: 1, constructor: MyArray }, function (x) { return x; })));

// ------------------------------------------------------ pop / push
var pp = [1, 2];
assertEq(pp.push(3, 4), 4);
assertDeepEq(pp, [1, 2, 3, 4]);
assertEq(pp.pop(), 4);
assertEq(pp.length, 3);
assertEq([].pop(), undefined);
assertEq([].push(), 0);
var ol = { length: 2, 0: "a", 1: "b" };
assertEq(Array.prototype.pop.call(ol), "b");
assertEq(ol.length, 1);
assert(!("1" in ol));
assertEq(Array.prototype.push.call(ol, "z"), 2);
assertEq(ol[1], "z");
var noLen = {};
Array.prototype.pop.call(noLen);
assertEq(noLen.length, 0);
assertThrows(TypeError, function () { Array.prototype.push.call({ length: 9007199254740991 }, 1); });
var big = { length: 9007199254740991 };
assertEq(Array.prototype.push.call(big), 9007199254740991);
var fixedLen = [1, 2];
Object.defineProperty(fixedLen, "length", { writable: false });
assertThrows(TypeError, function () { fixedLen.push(3); });
assertThrows(TypeError, function () { fixedLen.pop(); });
assertThrows(TypeError, function () { Object.freeze([1]).push(2); });
// push must go through setters on the prototype chain
var setterHits = [];
Object.defineProperty(Array.prototype, "1", {
    set: function (v) { setterHits.push(v); }, configurable: true
});
var viaSetter = [0];
viaSetter.push("s");
delete Array.prototype[1];
assertDeepEq(setterHits, ["s"]);
assertEq(viaSetter.length, 2);
assert(!viaSetter.hasOwnProperty(1));
// big pushes stay fast and correct
var many = [];
for (var i = 0; i < 100000; i++) many.push(i);
assertEq(many.length, 100000);
assertEq(many[99999], 99999);
var sum = 0;
while (many.length) sum += many.pop();
assertEq(sum, 4999950000);

// ------------------------------------------------- reduce / reduceRight
assertEq([1, 2, 3].reduce(function (a, b) { return a + b; }), 6);
assertEq([1, 2, 3].reduce(function (a, b) { return a + b; }, 10), 16);
assertEq(["a", "b", "c"].reduceRight(function (a, b) { return a + b; }), "cba");
assertEq([, 1, , 2].reduce(function (a, b) { return a + b; }), 3);
assertEq([5].reduce(function () { throw new Error("not called"); }), 5);
assertThrows(TypeError, function () { [].reduce(function () {}); });
assertThrows(TypeError, function () { [, ,].reduceRight(function () {}); });
assertEq([].reduce(function () {}, "init"), "init");
var rargs = [];
["x"].reduce(function (acc, v, i, o) { rargs.push(acc, v, i, o.length); }, "i");
assertDeepEq(rargs, ["i", "x", 0, 1]);

// ------------------------------------------------------------ reverse
assertDeepEq([1, 2, 3].reverse(), [3, 2, 1]);
assertDeepEq([1, 2, 3, 4].reverse(), [4, 3, 2, 1]);
var rh = [1, , 3, , ].reverse();
assertEq(rh.length, 4);
assert(!(0 in rh));
assertEq(rh[1], 3);
assert(!(2 in rh));
assertEq(rh[3], 1);
var rs = [1, 2];
assertEq(rs.reverse(), rs);
assertDeepEq(Array.prototype.reverse.call({ length: 3, 0: "a", 2: "c" }), { length: 3, 0: "c", 2: "a" });

// --------------------------------------------------- shift / unshift
var su = [1, 2, 3];
assertEq(su.shift(), 1);
assertDeepEq(su, [2, 3]);
assertEq(su.unshift(0, 1), 4);
assertDeepEq(su, [0, 1, 2, 3]);
assertEq([].shift(), undefined);
var suh = [, 2];
assertEq(suh.shift(), undefined);
assertDeepEq(suh, [2]);
var uol = { length: 1, 0: "a" };
assertEq(Array.prototype.unshift.call(uol, "z"), 2);
assertDeepEq(uol, { length: 2, 0: "z", 1: "a" });
assertEq(Array.prototype.shift.call(uol), "z");
assertDeepEq(uol, { length: 1, 0: "a" });
assertThrows(TypeError, function () { Array.prototype.unshift.call({ length: 9007199254740991 }, 1); });
assertEq(Array.prototype.unshift.call({ length: 9007199254740991 }), 9007199254740991);
var q = [];
for (i = 0; i < 1000; i++) q.unshift(i);
assertEq(q[0], 999);
assertEq(q[999], 0);
for (i = 0; i < 1000; i++) assertEq(q.shift(), 999 - i);
assertEq(q.length, 0);

// -------------------------------------------------------------- slice
assertDeepEq([1, 2, 3, 4].slice(1, 3), [2, 3]);
assertDeepEq([1, 2, 3, 4].slice(-2), [3, 4]);
assertDeepEq([1, 2, 3].slice(), [1, 2, 3]);
assertDeepEq([1, 2, 3].slice(2, 1), []);
var sh = [1, , 3].slice();
assert(!(1 in sh));
assertEq(sh.length, 3);
var trailing = [1, 2, , ].slice(0, 3);
assertEq(trailing.length, 3, "slice keeps trailing holes in length");
assertDeepEq(Array.prototype.slice.call({ length: 3, 0: "a", 2: "c" }, 1), [, "c"]);
assertDeepEq(Array.prototype.slice.call("abc", 1), ["b", "c"]);

// ------------------------------------------------------------- splice
var sp = [1, 2, 3, 4, 5];
assertDeepEq(sp.splice(1, 2), [2, 3]);
assertDeepEq(sp, [1, 4, 5]);
assertDeepEq(sp.splice(1, 0, "a", "b"), []);
assertDeepEq(sp, [1, "a", "b", 4, 5]);
assertDeepEq(sp.splice(-2), [4, 5]);
assertDeepEq(sp, [1, "a", "b"]);
assertDeepEq(sp.splice(1, 1, "x", "y", "z"), ["a"]);
assertDeepEq(sp, [1, "x", "y", "z", "b"]);
assertDeepEq(sp.splice(), []);
assertDeepEq(sp.splice(undefined), [1, "x", "y", "z", "b"]);
assertDeepEq(sp, []);
var sph = [1, , 3, 4];
var removed = sph.splice(0, 2, "n");
assertEq(removed.length, 2);
assert(!(1 in removed));
assertDeepEq(sph, ["n", 3, 4]);
var splObj = { length: 3, 0: "a", 1: "b", 2: "c" };
assertDeepEq(Array.prototype.splice.call(splObj, 1, 1), ["b"]);
assertDeepEq(splObj, { length: 2, 0: "a", 1: "c" });
assertThrows(TypeError, function () {
    Array.prototype.splice.call({ length: 9007199254740991 }, 0, 0, 1);
});
var bigSp = [];
for (i = 0; i < 1000; i++) bigSp.push(i);
bigSp.splice(10, 980);
assertEq(bigSp.length, 20);
assertEq(bigSp[10], 990);
bigSp.splice(5, 0, "a", "b", "c");
assertEq(bigSp.length, 23);
assertEq(bigSp[5], "a");
assertEq(bigSp[8], 5);

// ---------------------------------------------- toReversed / toSpliced / with
var orig = [1, 2, 3];
assertDeepEq(orig.toReversed(), [3, 2, 1]);
assertDeepEq(orig, [1, 2, 3]);
var trh = [1, , 3].toReversed();
assert(1 in trh, "toReversed fills holes");
assertDeepEq(orig.toSpliced(1, 1, "a", "b"), [1, "a", "b", 3]);
assertDeepEq(orig.toSpliced(), [1, 2, 3]);
assertDeepEq(orig.toSpliced(1), [1]);
assertDeepEq(orig, [1, 2, 3]);
assertDeepEq(orig.with(1, "x"), [1, "x", 3]);
assertDeepEq(orig.with(-1, "x"), [1, 2, "x"]);
assertThrows(RangeError, function () { orig.with(3, 0); });
assertThrows(RangeError, function () { orig.with(-4, 0); });
assertDeepEq(Array.prototype.with.call({ length: 2, 0: "a" }, 1, "b"), ["a", "b"]);
assertThrows(RangeError, function () { Array.prototype.toReversed.call({ length: 4294967296 }); });
assertThrows(TypeError, function () {
    Array.prototype.toSpliced.call({ length: 9007199254740991 }, 0, 0, 1);
});
assert(!(ma.toSpliced(0, 0) instanceof MyArray));
assert(!(ma.with(0, 0) instanceof MyArray));

// ------------------------------------------------------ unscopables
var uns = Array.prototype[Symbol.unscopables];
assertEq(Object.getPrototypeOf(uns), null);
var unsKeys = ["at", "copyWithin", "entries", "fill", "find", "findIndex",
    "findLast", "findLastIndex", "flat", "flatMap", "includes", "keys", "toReversed",
    "toSorted", "toSpliced", "values"];
assertDeepEq(Object.keys(uns), unsKeys);  // node-differs (V8 uses another order)
assertDeepEq(Object.keys(uns).sort(), unsKeys);
var unsDesc = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.unscopables);
assert(!unsDesc.writable && !unsDesc.enumerable && unsDesc.configurable);

// ------------------------------------------------- property attributes
var names = ["at", "concat", "copyWithin", "entries", "every", "fill", "filter", "find",
    "findIndex", "findLast", "findLastIndex", "flat", "flatMap", "forEach", "includes",
    "indexOf", "join", "keys", "lastIndexOf", "map", "pop", "push", "reduce",
    "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice",
    "toLocaleString", "toReversed", "toSorted", "toSpliced", "toString", "unshift",
    "values", "with"];
var lengths = { at: 1, concat: 1, copyWithin: 2, entries: 0, every: 1, fill: 1, filter: 1,
    find: 1, findIndex: 1, findLast: 1, findLastIndex: 1, flat: 0, flatMap: 1, forEach: 1,
    includes: 1, indexOf: 1, join: 1, keys: 0, lastIndexOf: 1, map: 1, pop: 0, push: 1,
    reduce: 1, reduceRight: 1, reverse: 0, shift: 0, slice: 2, some: 1, sort: 1, splice: 2,
    toLocaleString: 0, toReversed: 0, toSorted: 1, toSpliced: 2, toString: 0, unshift: 1,
    values: 0, with: 2 };
names.forEach(function (n) {
    var desc = Object.getOwnPropertyDescriptor(Array.prototype, n);
    assert(desc, n + " exists");
    assert(desc.writable && !desc.enumerable && desc.configurable, n + " attributes");
    assertEq(desc.value.name, n);
    assertEq(desc.value.length, lengths[n], n + ".length");
});

// ------------------------------------------------- generic on proxies
if (hasProxy) (function () {
    var log = [];
    var px = new Proxy([1, 2, 3], {
        get: function (t, k, r) { log.push("get:" + String(k)); return Reflect.get(t, k, r); },
        has: function (t, k) { log.push("has:" + String(k)); return Reflect.has(t, k); }
    });
    assertEq(Array.prototype.indexOf.call(px, 2), 1);
    assertDeepEq(log, ["get:length", "has:0", "get:0", "has:1", "get:1"]);
    log = [];
    Array.prototype.includes.call(px, 9);
    assertDeepEq(log, ["get:length", "get:0", "get:1", "get:2"]);
})();
