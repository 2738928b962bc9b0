// ArrayBuffer: construction, resizable buffers, slice, transfer, detaching.

var b = new ArrayBuffer(8);
assertEq(b.byteLength, 8);
assertEq(b.maxByteLength, 8);
assertEq(b.resizable, false);
assertEq(b.detached, false);
assertEq(Object.prototype.toString.call(b), "[object ArrayBuffer]");
assertEq(ArrayBuffer.length, 1);
assertEq(ArrayBuffer[Symbol.species], ArrayBuffer);
assertThrows(TypeError, function () { ArrayBuffer(8); });
assertThrows(RangeError, function () { new ArrayBuffer(-1); });
assertThrows(RangeError, function () { new ArrayBuffer(9007199254740992); });
assertThrows(RangeError, function () { new ArrayBuffer(7 * 1125899906842624); });
assertEq(new ArrayBuffer().byteLength, 0);
assertEq(new ArrayBuffer("3").byteLength, 3);
assertEq(new ArrayBuffer(2.9).byteLength, 2);

// isView
assert(ArrayBuffer.isView(new Uint8Array(1)));
assert(ArrayBuffer.isView(new DataView(b)));
assert(!ArrayBuffer.isView(b));
assert(!ArrayBuffer.isView({}));
assert(!ArrayBuffer.isView());

// zero filled
var u = new Uint8Array(new ArrayBuffer(16));
for (var i = 0; i < 16; i++) assertEq(u[i], 0);

// slice
var s = new Uint8Array([1, 2, 3, 4, 5]).buffer;
assertDeepEq(Array.from(new Uint8Array(s.slice(1, 3))), [2, 3]);
assertDeepEq(Array.from(new Uint8Array(s.slice(-2))), [4, 5]);
assertEq(s.slice(3, 1).byteLength, 0);
assertEq(s.slice().byteLength, 5);
// species
var species_calls = 0;
function MyAB(n) { species_calls++; return new ArrayBuffer(n); }
var s2 = new ArrayBuffer(4);
s2.constructor = {};
s2.constructor[Symbol.species] = MyAB;
assertEq(s2.slice(1).byteLength, 3);
assertEq(species_calls, 1);
s2.constructor[Symbol.species] = function () { return s2; };
assertThrows(TypeError, function () { s2.slice(); });
s2.constructor[Symbol.species] = function () { return new ArrayBuffer(1); };
assertThrows(TypeError, function () { s2.slice(); });
s2.constructor[Symbol.species] = function () { return {}; };
assertThrows(TypeError, function () { s2.slice(); });
assertThrows(TypeError, function () { ArrayBuffer.prototype.slice.call({}); });

// resizable
var r = new ArrayBuffer(4, { maxByteLength: 12 });
assertEq(r.resizable, true);
assertEq(r.maxByteLength, 12);
var rv = new Uint8Array(r);            // length-tracking
var fv = new Uint8Array(r, 0, 4);      // fixed
rv[3] = 7;
r.resize(10);
assertEq(r.byteLength, 10);
assertEq(rv.length, 10);
assertEq(rv[3], 7);
assertEq(rv[9], 0);
r.resize(2);
assertEq(rv.length, 2);
assertEq(fv.length, 0);                // out of bounds
assertEq(fv.byteLength, 0);
assertEq(fv[0], undefined);
assertThrows(TypeError, function () { fv.fill(1); });
r.resize(4);
assertEq(fv.length, 4);
assertEq(fv[3], 0);                    // grown bytes are zero
assertThrows(RangeError, function () { r.resize(13); });
assertThrows(TypeError, function () { b.resize(1); });
assertThrows(RangeError, function () { new ArrayBuffer(5, { maxByteLength: 4 }); });
assertEq(new ArrayBuffer(1, { maxByteLength: undefined }).resizable, false);
assertEq(new ArrayBuffer(1, {}).resizable, false);

// transfer
var t = new Uint8Array([9, 8, 7]).buffer;
var t2 = t.transfer();
assertEq(t.detached, true);
assertEq(t.byteLength, 0);
assertEq(t2.byteLength, 3);
assertEq(new Uint8Array(t2)[0], 9);
assertThrows(TypeError, function () { t.transfer(); });
assertThrows(TypeError, function () { t.slice(); });
var t3 = t2.transfer(5);
assertDeepEq(Array.from(new Uint8Array(t3)), [9, 8, 7, 0, 0]);
var t4 = t3.transfer(1);
assertDeepEq(Array.from(new Uint8Array(t4)), [9]);
var rt = new ArrayBuffer(2, { maxByteLength: 8 });
var rt2 = rt.transfer();
assertEq(rt2.resizable, true);
assertEq(rt2.maxByteLength, 8);
var rt3 = rt2.transferToFixedLength();
assertEq(rt3.resizable, false);
assertEq(rt3.byteLength, 2);
assertThrows(RangeError, function () { new ArrayBuffer(1, { maxByteLength: 2 }).transfer(3); });

// views of a detached buffer
var d = new ArrayBuffer(8);
var dv = new Int32Array(d);
var dview = new DataView(d);
d.transfer();
assertEq(dv.length, 0);
assertEq(dv.byteOffset, 0);
assertEq(dv[0], undefined);
dv[0] = 1;                             // ignored
assertEq(Object.keys(dv).length, 0);
assertThrows(TypeError, function () { dview.getInt8(0); });
assertThrows(TypeError, function () { dview.byteLength; });
assertThrows(TypeError, function () { new Uint8Array(d); });
assertEq(d.maxByteLength, 0);

// getters are not generic
assertThrows(TypeError, function () { Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get.call({}); });
assertThrows(TypeError, function () { Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get.call(new Uint8Array(1)); });

// subclassing
class MyBuffer extends ArrayBuffer {}
var mb = new MyBuffer(3);
assert(mb instanceof MyBuffer);
assertEq(mb.byteLength, 3);
assert(mb.slice(1) instanceof MyBuffer);
