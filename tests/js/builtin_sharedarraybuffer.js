// SharedArrayBuffer: construction, growable buffers, slice, species, views
// over shared memory, and the differences from ArrayBuffer.

var s = new SharedArrayBuffer(8);
assertEq(s.byteLength, 8);
assertEq(s.maxByteLength, 8);
assertEq(s.growable, false);
assertEq(Object.prototype.toString.call(s), "[object SharedArrayBuffer]");
assertEq(SharedArrayBuffer.length, 1);
assertEq(SharedArrayBuffer.name, "SharedArrayBuffer");
assertEq(SharedArrayBuffer[Symbol.species], SharedArrayBuffer);
assertEq(Object.getPrototypeOf(s), SharedArrayBuffer.prototype);
assertThrows(TypeError, function () { SharedArrayBuffer(8); });
assertThrows(RangeError, function () { new SharedArrayBuffer(-1); });
assertThrows(RangeError, function () { new SharedArrayBuffer(9007199254740992); });
assertEq(new SharedArrayBuffer().byteLength, 0);
assertEq(new SharedArrayBuffer("3").byteLength, 3);
assertEq(new SharedArrayBuffer(2.9).byteLength, 2);

// not an ArrayBuffer, and the other way round
assertEq(s instanceof ArrayBuffer, false);
assertEq(ArrayBuffer.isView(s), false);
assertThrows(TypeError, function () { ArrayBuffer.prototype.slice.call(s, 0); });
assertThrows(TypeError, function () {
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get.call(s);
});
assertThrows(TypeError, function () {
  Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get.call(new ArrayBuffer(1));
});
assertEq("detached" in s, false);
assertEq("transfer" in s, false);
assertEq("resize" in s, false);

// zero-filled; views see one another's writes
var u8 = new Uint8Array(s), i32 = new Int32Array(s);
assertDeepEq(Array.from(u8), [0, 0, 0, 0, 0, 0, 0, 0]);
i32[1] = -1;
assertEq(u8[4], 255);
assertEq(new DataView(s).getInt32(4, true), -1);
assert(ArrayBuffer.isView(new DataView(s)));
assertEq(new DataView(s, 2, 4).byteLength, 4);
assertEq(u8.buffer, s);

// growable
var g = new SharedArrayBuffer(4, { maxByteLength: 16 });
assertEq(g.growable, true);
assertEq(g.maxByteLength, 16);
var tracking = new Uint16Array(g), fixed = new Uint8Array(g, 0, 4);
assertEq(tracking.length, 2);
g.grow(10);
assertEq(g.byteLength, 10);
assertEq(tracking.length, 5);
assertEq(fixed.length, 4);
tracking[4] = 0x1234;
assertEq(new Uint8Array(g)[8], 0x34);
g.grow(10);                                   // same length: fine
assertEq(g.byteLength, 10);
assertThrows(RangeError, function () { g.grow(8); });     // never shrinks
assertThrows(RangeError, function () { g.grow(17); });
assertThrows(TypeError, function () { s.grow(8); });      // not growable
assertThrows(RangeError, function () { new SharedArrayBuffer(5, { maxByteLength: 4 }); });
assertEq(new SharedArrayBuffer(0, { maxByteLength: 0 }).growable, true);
assertEq(new SharedArrayBuffer(1, { maxByteLength: undefined }).growable, false);
assertEq(new SharedArrayBuffer(1, {}).growable, false);
// a large reservation costs nothing until it is used
var huge = new SharedArrayBuffer(0, { maxByteLength: 1 << 30 });
huge.grow(1 << 20);
assertEq(new Uint8Array(huge)[(1 << 20) - 1], 0);
assertThrows(RangeError, function () { new SharedArrayBuffer(0, { maxByteLength: 2 ** 50 }); });

// slice copies into a new buffer
u8.set([1, 2, 3, 4, 5, 6, 7, 8]);
var sl = s.slice(2, -2);
assert(sl instanceof SharedArrayBuffer);
assertEq(sl.byteLength, 4);
assertDeepEq(Array.from(new Uint8Array(sl)), [3, 4, 5, 6]);
new Uint8Array(sl)[0] = 99;
assertEq(u8[2], 3);
assertEq(s.slice(-3).byteLength, 3);
assertEq(s.slice(6, 2).byteLength, 0);
assertEq(g.slice().growable, false);

// species
var log = [];
function MySAB(n) { log.push(n); return new SharedArrayBuffer(n + 1); }
var sp = new SharedArrayBuffer(4);
sp.constructor = {};
sp.constructor[Symbol.species] = MySAB;
assertEq(sp.slice(1).byteLength, 4);
assertDeepEq(log, [3]);
sp.constructor[Symbol.species] = function () { return sp; };
assertThrows(TypeError, function () { sp.slice(0); });
sp.constructor[Symbol.species] = function () { return new ArrayBuffer(8); };
assertThrows(TypeError, function () { sp.slice(0); });
sp.constructor[Symbol.species] = function () { return new SharedArrayBuffer(1); };
assertThrows(TypeError, function () { sp.slice(0); });

// subclassing
class Sub extends SharedArrayBuffer {}
var sub = new Sub(4);
assert(sub instanceof Sub);
assertEq(sub.byteLength, 4);
assert(sub.slice(1) instanceof Sub);

// typed arrays over shared memory
var ta = new Float64Array(new SharedArrayBuffer(16));
ta[1] = 1.5;
assertEq(ta[1], 1.5);
assertEq(ta.buffer.constructor, SharedArrayBuffer);
assertEq(new Int8Array(ta.buffer, 8).length, 8);
// a copy of a shared view is not shared
assertEq(ta.slice().buffer.constructor, ArrayBuffer);
assertEq(new Float64Array(ta).buffer.constructor, ArrayBuffer);
