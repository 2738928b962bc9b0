// Typed arrays: the constructors, element conversions, the exotic object
// behaviour and every %TypedArray%.prototype method; Uint8Array base64/hex.

var ctors = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
             Int32Array, Uint32Array, Float16Array, Float32Array, Float64Array,
             BigInt64Array, BigUint64Array];
var sizes = [1, 1, 1, 2, 2, 4, 4, 2, 4, 8, 8, 8];
var TypedArray = Object.getPrototypeOf(Int8Array);
assertEq(TypedArray.name, "TypedArray");
assertThrows(TypeError, function () { TypedArray(); });
assertThrows(TypeError, function () { new TypedArray(); });
ctors.forEach(function (C, i) {
    assertEq(Object.getPrototypeOf(C), TypedArray);
    assertEq(Object.getPrototypeOf(C.prototype), TypedArray.prototype);
    assertEq(C.BYTES_PER_ELEMENT, sizes[i]);
    assertEq(C.prototype.BYTES_PER_ELEMENT, sizes[i]);
    assertEq(C.length, 3);
    assertThrows(TypeError, function () { C(1); });
    var a = new C(3);
    assertEq(a.length, 3);
    assertEq(a.byteLength, 3 * sizes[i]);
    assertEq(a.byteOffset, 0);
    assertEq(a[Symbol.toStringTag], C.name);
    assertEq(Object.prototype.toString.call(a), "[object " + C.name + "]");
    assert(a.buffer instanceof ArrayBuffer);
});
assertEq(TypedArray.prototype[Symbol.iterator], TypedArray.prototype.values);
assertEq(TypedArray.prototype.toString, Array.prototype.toString);
assertEq(TypedArray.prototype[Symbol.toStringTag], undefined);

// conversions
var i8 = new Int8Array([127, 128, -129, 255, 1.9, -1.9, NaN, Infinity]);
assertDeepEq(Array.from(i8), [127, -128, 127, -1, 1, -1, 0, 0]);
var u8 = new Uint8Array([256, -1, 3.7, "12"]);
assertDeepEq(Array.from(u8), [0, 255, 3, 12]);
var c8 = new Uint8ClampedArray([300, -5, 1.5, 2.5, 0.5, 254.5, NaN, 255.1]);
assertDeepEq(Array.from(c8), [255, 0, 2, 2, 0, 254, 0, 255]);
assertDeepEq(Array.from(new Int16Array([32768, -32769])), [-32768, 32767]);
assertDeepEq(Array.from(new Uint16Array([65536, -1])), [0, 65535]);
assertDeepEq(Array.from(new Int32Array([2147483648, 4294967295])), [-2147483648, -1]);
assertDeepEq(Array.from(new Uint32Array([-1, 4294967296])), [4294967295, 0]);
assertEq(new Float32Array([0.1])[0], Math.fround(0.1));
assertEq(new Float64Array([0.1])[0], 0.1);
assert(Object.is(new Float64Array([-0])[0], -0));
var f16 = new Float16Array([1.0009765625, 65504, 65520, 0.1, 1e-8, -2.5]);
assertEq(f16[0], 1.0009765625);
assertEq(f16[1], 65504);
assertEq(f16[2], Infinity);
assertEq(f16[3], Math.f16round(0.1));
assertEq(f16[4], 0);
assertEq(f16[5], -2.5);
// ties to even, in both directions
assertEq(new Float16Array([1 + Math.pow(2, -11)])[0], 1);
assertEq(new Float16Array([1 + 3 * Math.pow(2, -11)])[0], 1 + Math.pow(2, -9));
var big = new BigInt64Array([2n ** 63n, -1n, 5n]);
assertEq(big[0], -(2n ** 63n));
assertEq(big[1], -1n);
var ubig = new BigUint64Array([-1n]);
assertEq(ubig[0], 2n ** 64n - 1n);
assertThrows(TypeError, function () { new BigInt64Array([1]); });
assertThrows(TypeError, function () { new Int8Array([1n]); });
assertThrows(TypeError, function () { big[0] = 1; });

// constructor forms
var buf = new ArrayBuffer(8);
assertEq(new Int16Array(buf).length, 4);
assertEq(new Int16Array(buf, 2).length, 3);
assertEq(new Int16Array(buf, 2, 2).byteOffset, 2);
assertThrows(RangeError, function () { new Int16Array(buf, 1); });
assertThrows(RangeError, function () { new Int16Array(buf, 2, 4); });
assertThrows(RangeError, function () { new Int16Array(new ArrayBuffer(3)); });
assertThrows(RangeError, function () { new Int16Array(buf, 10); });
assertThrows(RangeError, function () { new Int8Array(-1); });
var shared = new Int8Array(buf);
var view16 = new Int16Array(buf);
view16[0] = -1;
assertEq(shared[0], -1);
assertEq(shared[1], -1);
var copy = new Int16Array(view16);
assert(copy.buffer !== buf);
assertEq(copy[0], -1);
assertDeepEq(Array.from(new Float32Array(new Int8Array([1, -2]))), [1, -2]);
assertDeepEq(Array.from(new Uint8Array({ length: 2, 0: 7, 1: "8" })), [7, 8]);
assertDeepEq(Array.from(new Uint8Array(new Set([4, 5]))), [4, 5]);
function* gen() { yield 1; yield 2; }
assertDeepEq(Array.from(new Uint8Array(gen())), [1, 2]);
assertEq(new Uint8Array().length, 0);
assertEq(new Uint8Array(null).length, 0);
assertEq(new Uint8Array("2").length, 2);

// exotic object behaviour
var a = new Int32Array([10, 20, 30]);
assertEq(a["1"], 20);
assertEq(a["-0"], undefined);
assertEq(a[3], undefined);
assertEq(a["1.5"], undefined);
a[5] = 1;
assertEq(a[5], undefined);
assertEq(Object.keys(a).join(), "0,1,2");
a.foo = "bar";
assertEq(Object.keys(a).join(), "0,1,2,foo");
assert(0 in a);
assert(!(3 in a));
assert(!("-0" in a));
assert(!("1.5" in a));
assert("foo" in a);
assert("map" in a);
assertEq(delete a[0], false);
assertEq(delete a[5], true);
assertThrows(TypeError, function () { "use strict"; delete a[0]; });
var d = Object.getOwnPropertyDescriptor(a, 1);
assertEq(d.value, 20);
assertEq(d.writable, true);
assertEq(d.enumerable, true);
assertEq(d.configurable, true);
assertEq(Object.getOwnPropertyDescriptor(a, 7), undefined);
Object.defineProperty(a, 0, { value: 11 });
assertEq(a[0], 11);
assertThrows(TypeError, function () { Object.defineProperty(a, 0, { value: 1, writable: false }); });
assertThrows(TypeError, function () { Object.defineProperty(a, 0, { get: function () {} }); });
assertThrows(TypeError, function () { Object.defineProperty(a, 0, { value: 1, enumerable: false }); });
assertThrows(TypeError, function () { Object.defineProperty(a, 9, { value: 1 }); });
assertEq(Reflect.defineProperty(a, 9, { value: 1 }), false);
assertEq(Reflect.defineProperty(a, 0, { value: 12, configurable: true, writable: true, enumerable: true }), true);
assertEq(a[0], 12);
Object.defineProperty(a, "x", { value: 1, enumerable: false });
assertEq(a.x, 1);
assertThrows(TypeError, function () { Object.freeze(new Int8Array(1)); });
Object.freeze(new Int8Array(0));
Object.seal(new Int8Array(0));
// numeric keys never reach the prototype chain
Object.prototype[7] = "proto";
assertEq(new Int8Array(1)[7], undefined);
delete Object.prototype[7];
// an inherited typed array element
var child = Object.create(new Int8Array([5]));
assertEq(child[0], 5);
child[0] = 6;
assertEq(Object.getPrototypeOf(child)[0], 5);
assertEq(Object.getOwnPropertyDescriptor(child, "0").value, 6);
child[3] = 9;
assertEq(child.hasOwnProperty(3), false);
// Reflect.set with another receiver
var tgt = new Int8Array(2), other = {};
assert(Reflect.set(tgt, 0, 4, other));
assertEq(other[0], 4);
assertEq(tgt[0], 0);
assert(Reflect.set(tgt, 1, 3, tgt));
assertEq(tgt[1], 3);

// prototype getters on other values
assertThrows(TypeError, function () { TypedArray.prototype.length; });
var lenGetter = Object.getOwnPropertyDescriptor(TypedArray.prototype, "length").get;
assertThrows(TypeError, function () { lenGetter.call({}); });
assertThrows(TypeError, function () { lenGetter.call(new DataView(buf)); });

// methods
var x = new Int8Array([5, 1, 4, 2, 3]);
assertEq(x.at(-1), 3);
assertEq(x.at(10), undefined);
assertDeepEq(Array.from(x.copyWithin(0, 3)), [2, 3, 4, 2, 3]);
assertDeepEq(Array.from(new Int8Array([1, 2, 3, 4, 5]).copyWithin(1, 0, 3)), [1, 1, 2, 3, 5]);
assertDeepEq(Array.from(new Int8Array(4).fill(7, 1, -1)), [0, 7, 7, 0]);
assertDeepEq(Array.from(new Float32Array(2).fill("1.5")), [1.5, 1.5]);
assert(x.every(function (v) { return v > 1; }));
assert(x.some(function (v) { return v === 4; }));
assertEq(x.find(function (v) { return v > 2; }), 3);
assertEq(x.findIndex(function (v) { return v > 3; }), 2);
assertEq(x.findLast(function (v) { return v > 2; }), 3);
assertEq(x.findLastIndex(function (v) { return v === 2; }), 3);
var seen = [];
x.forEach(function (v, i, arr) { seen.push(i + ":" + v); assertEq(arr, x); });
assertEq(seen.join(), "0:2,1:3,2:4,3:2,4:3");
var fl = x.filter(function (v) { return v !== 2; });
assert(fl instanceof Int8Array);
assertDeepEq(Array.from(fl), [3, 4, 3]);
assert(x.includes(4));
assert(!x.includes(9));
assert(new Float32Array([NaN]).includes(NaN));
assertEq(new Float32Array([NaN]).indexOf(NaN), -1);
assertEq(x.indexOf(3), 1);
assertEq(x.indexOf(3, 2), 4);
assertEq(x.lastIndexOf(3), 4);
assertEq(x.lastIndexOf(3, -2), 1);
assertEq(x.indexOf("3"), -1);
assertEq(new Float64Array([-0]).indexOf(0), 0);
assertEq(x.join(), "2,3,4,2,3");
assertEq(x.join("-"), "2-3-4-2-3");
assertEq(x.toString(), "2,3,4,2,3");
assertEq(new BigInt64Array([1n, 2n]).join(), "1,2");
assertEq(new Int8Array([1, 2]).toLocaleString(), "1,2");
assertDeepEq(Array.from(x.keys()), [0, 1, 2, 3, 4]);
assertDeepEq(Array.from(new Int8Array([7, 8]).entries()), [[0, 7], [1, 8]]);
assertDeepEq([...new Int8Array([7, 8])], [7, 8]);
var m = x.map(function (v) { return v * 100; });
assert(m instanceof Int8Array);
assertDeepEq(Array.from(m), [-56, 44, -112, -56, 44]);
assertEq(x.reduce(function (acc, v) { return acc + v; }), 14);
assertEq(x.reduceRight(function (acc, v) { return acc + String(v); }, ""), "32432");
assertThrows(TypeError, function () { new Int8Array(0).reduce(function () {}); });
assertDeepEq(Array.from(new Int8Array([1, 2, 3]).reverse()), [3, 2, 1]);
assertDeepEq(Array.from(new Int8Array([1, 2, 3, 4]).reverse()), [4, 3, 2, 1]);
assertDeepEq(Array.from(x.slice(1, 3)), [3, 4]);
assertDeepEq(Array.from(x.slice(-2)), [2, 3]);
var sub = x.subarray(1, 3);
assertEq(sub.buffer, x.buffer);
assertEq(sub.byteOffset, 1);
sub[0] = 99;
assertEq(x[1], 99);
assertEq(x.subarray(-1).length, 1);
assertDeepEq(Array.from(new Int8Array([3, 1, 2]).toReversed()), [2, 1, 3]);
var ts = new Int8Array([3, 1, 2]);
assertDeepEq(Array.from(ts.toSorted()), [1, 2, 3]);
assertDeepEq(Array.from(ts), [3, 1, 2]);
assertDeepEq(Array.from(ts.toSorted(function (p, q) { return q - p; })), [3, 2, 1]);
assertDeepEq(Array.from(ts.with(0, 9)), [9, 1, 2]);
assertDeepEq(Array.from(ts.with(-1, 9)), [3, 1, 9]);
assertThrows(RangeError, function () { ts.with(3, 0); });
assertThrows(TypeError, function () { ts.sort(1); });

// sort: numeric, -0 before +0, NaN last
var fs = new Float64Array([3, NaN, -0, 0, -Infinity, 1e-300, -1]).sort();
assertEq(fs[0], -Infinity);
assertEq(fs[1], -1);
assert(Object.is(fs[2], -0));
assert(Object.is(fs[3], 0));
assertEq(fs[4], 1e-300);
assertEq(fs[5], 3);
assert(isNaN(fs[6]));
assertDeepEq(Array.from(new Uint32Array([4294967295, 1, 0]).sort()), [0, 1, 4294967295]);
assertDeepEq(Array.from(new Int16Array([-5, 3, -32768]).sort()), [-32768, -5, 3]);
assertEq(new BigInt64Array([5n, -3n, 0n]).sort().join(), "-3,0,5");
assertEq(new BigUint64Array([2n ** 64n - 1n, 1n]).sort().join(), "1,18446744073709551615");
// stable with a comparator
var st = new Int16Array([21, 10, 22, 11, 23]);
st.sort(function (p, q) { return Math.floor(p / 10) - Math.floor(q / 10); });
assertDeepEq(Array.from(st), [10, 11, 21, 22, 23]);
assertThrows(Error, function () {
    new Int8Array([1, 2, 3]).sort(function () { throw new Error("cmp"); });
});

// set
var target = new Int16Array(6);
target.set([1, 2, 3], 1);
assertDeepEq(Array.from(target), [0, 1, 2, 3, 0, 0]);
target.set(new Int8Array([-1, -2]), 4);
assertDeepEq(Array.from(target), [0, 1, 2, 3, -1, -2]);
assertThrows(RangeError, function () { target.set([1, 2], 5); });
assertThrows(RangeError, function () { target.set([1], -1); });
assertThrows(TypeError, function () { target.set(new BigInt64Array(1)); });
// overlapping copy within one buffer, same and different types
var ov = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
ov.set(ov.subarray(0, 4), 2);
assertDeepEq(Array.from(ov), [1, 2, 1, 2, 3, 4, 7, 8]);
var ob = new ArrayBuffer(8);
var o8 = new Uint8Array(ob);
o8.set([1, 2, 3, 4]);
var o16 = new Uint16Array(ob, 2, 3);
o16.set(new Uint8Array(ob, 0, 3));
assertDeepEq(Array.from(o16), [1, 2, 3]);
new Float32Array(2).set({ length: 1, 0: "2" });

// species
class MyTA extends Uint8Array {}
var mt = new MyTA([1, 2, 3]);
assert(mt.map(function (v) { return v; }) instanceof MyTA);
assert(mt.slice(1) instanceof MyTA);
assert(mt.subarray(1) instanceof MyTA);
assert(mt.filter(function () { return true; }) instanceof MyTA);
assert(!(mt.toReversed() instanceof MyTA));
var sp = new Int8Array(2);
sp.constructor = {};
sp.constructor[Symbol.species] = function (n) { return new BigInt64Array(n); };
assertThrows(TypeError, function () { sp.slice(); });
sp.constructor[Symbol.species] = function () { return new Int8Array(1); };
assertThrows(TypeError, function () { sp.map(function (v) { return v; }); });
sp.constructor[Symbol.species] = function (n) { return new Float64Array(n); };
assertEq(sp.slice().constructor, Float64Array);

// from / of
assertDeepEq(Array.from(Int8Array.from([1, 2, 3], function (v, k) { return v * 10 + k; })), [10, 21, 32]);
assertDeepEq(Array.from(Int8Array.from({ length: 2, 0: 5 })), [5, 0]);
assertDeepEq(Array.from(Float64Array.of(1, 2.5)), [1, 2.5]);
assertThrows(TypeError, function () { TypedArray.from.call({}, []); });
assertThrows(TypeError, function () { Int8Array.from([], 1); });
assert(MyTA.of(1) instanceof MyTA);

// detached and out-of-bounds arrays
var db = new ArrayBuffer(4);
var dt = new Uint8Array(db);
db.transfer();
assertEq(dt.length, 0);
assertThrows(TypeError, function () { dt.at(0); });
assertThrows(TypeError, function () { dt.values(); });
assertThrows(TypeError, function () { dt.join(); });
assertThrows(TypeError, function () { new Uint8Array(dt); });
assertEq(dt.buffer, db);
// a valueOf that detaches the buffer during fill
var db2 = new ArrayBuffer(4);
var dt2 = new Uint8Array(db2);
assertThrows(TypeError, function () {
    dt2.fill({ valueOf: function () { db2.transfer(); return 1; } });
});
// the iterator sees the detach
var db3 = new ArrayBuffer(4);
var it = new Uint8Array(db3).values();
it.next();
db3.transfer();
assertThrows(TypeError, function () { it.next(); });

// length-tracking arrays
var rb = new ArrayBuffer(4, { maxByteLength: 16 });
var lt = new Uint16Array(rb);
assertEq(lt.length, 2);
rb.resize(9);
assertEq(lt.length, 4);
var lt2 = new Uint16Array(rb, 8);
assertEq(lt2.length, 0);
rb.resize(12);
assertEq(lt2.length, 2);
var ltsub = lt.subarray(1);
rb.resize(16);
assertEq(ltsub.length, 7);
assertEq(lt.subarray(1, 2).length, 1);

// Uint8Array base64 / hex
assertEq(new Uint8Array([72, 101, 108, 108, 111]).toBase64(), "SGVsbG8=");
assertEq(new Uint8Array([72, 101, 108, 108, 111]).toBase64({ omitPadding: true }), "SGVsbG8");
assertEq(new Uint8Array([251, 255]).toBase64(), "+/8=");
assertEq(new Uint8Array([251, 255]).toBase64({ alphabet: "base64url" }), "-_8=");
assertThrows(TypeError, function () { new Uint8Array(1).toBase64({ alphabet: "other" }); });
assertThrows(TypeError, function () { new Uint8Array(1).toBase64(1); });
assertThrows(TypeError, function () { Uint8Array.prototype.toBase64.call(new Int8Array(1)); });
assertEq(new Uint8Array([0, 15, 255]).toHex(), "000fff");
assertDeepEq(Array.from(Uint8Array.fromBase64("SGVsbG8=")), [72, 101, 108, 108, 111]);
assertDeepEq(Array.from(Uint8Array.fromBase64(" SG Vs\nbG8 ")), [72, 101, 108, 108, 111]);
assertDeepEq(Array.from(Uint8Array.fromBase64("SGVsbG8")), [72, 101, 108, 108, 111]);
assertDeepEq(Array.from(Uint8Array.fromBase64("-_8", { alphabet: "base64url" })), [251, 255]);
assertThrows(SyntaxError, function () { Uint8Array.fromBase64("-_8="); });
assertThrows(SyntaxError, function () { Uint8Array.fromBase64("SGVsbG8", { lastChunkHandling: "strict" }); });
assertThrows(SyntaxError, function () { Uint8Array.fromBase64("SGVsbG9=", { lastChunkHandling: "strict" }); });
assertDeepEq(Array.from(Uint8Array.fromBase64("SGVsbG8", { lastChunkHandling: "stop-before-partial" })),
             [72, 101, 108]);
assertThrows(SyntaxError, function () { Uint8Array.fromBase64("A"); });
assertThrows(SyntaxError, function () { Uint8Array.fromBase64("AA=A"); });
assertThrows(TypeError, function () { Uint8Array.fromBase64(1); });
assertThrows(TypeError, function () { Uint8Array.fromBase64("", { lastChunkHandling: "x" }); });
assertDeepEq(Array.from(Uint8Array.fromHex("00ffAb")), [0, 255, 171]);
assertThrows(SyntaxError, function () { Uint8Array.fromHex("abc"); });
assertThrows(SyntaxError, function () { Uint8Array.fromHex("zz"); });
var into = new Uint8Array(4);
var res = into.setFromBase64("SGVsbG8=");
assertEq(res.read, 4);
assertEq(res.written, 3);
assertDeepEq(Array.from(into), [72, 101, 108, 0]);
// setFromHex throws, but writes what came before the error
into = new Uint8Array(3);
assertThrows(SyntaxError, function () { into.setFromHex("0102zz"); });
assertDeepEq(Array.from(into), [1, 2, 0]);
res = new Uint8Array(1).setFromHex("abcd");
assertEq(res.read, 2);
assertEq(res.written, 1);
