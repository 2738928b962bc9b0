// DataView: construction, bounds, every getter/setter, both byte orders.

var b = new ArrayBuffer(16);
var dv = new DataView(b);
assertEq(dv.byteLength, 16);
assertEq(dv.byteOffset, 0);
assertEq(dv.buffer, b);
assertEq(Object.prototype.toString.call(dv), "[object DataView]");
assertEq(DataView.length, 1);
assertThrows(TypeError, function () { DataView(b); });
assertThrows(TypeError, function () { new DataView({}); });
assertThrows(TypeError, function () { new DataView(new Uint8Array(4)); });
assertThrows(RangeError, function () { new DataView(b, 17); });
assertThrows(RangeError, function () { new DataView(b, 8, 9); });
assertThrows(RangeError, function () { new DataView(b, -1); });
var sub = new DataView(b, 4, 8);
assertEq(sub.byteOffset, 4);
assertEq(sub.byteLength, 8);
assertEq(new DataView(b, 16).byteLength, 0);

// integers, both endiannesses
dv.setUint16(0, 0x1234);
assertEq(dv.getUint8(0), 0x12);
assertEq(dv.getUint8(1), 0x34);
assertEq(dv.getUint16(0, true), 0x3412);
dv.setUint32(0, 0xdeadbeef, true);
assertEq(dv.getUint8(0), 0xef);
assertEq(dv.getUint32(0, true), 0xdeadbeef);
assertEq(dv.getInt32(0, true), 0xdeadbeef | 0);
dv.setInt8(0, -1);
assertEq(dv.getUint8(0), 255);
assertEq(dv.getInt8(0), -1);
dv.setInt16(2, -2);
assertEq(dv.getInt16(2), -2);
assertEq(dv.getUint16(2), 65534);
dv.setUint8(0, 257);
assertEq(dv.getUint8(0), 1);

// floats
dv.setFloat64(0, Math.PI);
assertEq(dv.getFloat64(0), Math.PI);
assertEq(dv.getUint8(0), 0x40);
dv.setFloat64(8, Math.PI, true);
assertEq(dv.getFloat64(8, true), Math.PI);
assertEq(dv.getUint8(15), 0x40);
dv.setFloat32(0, 1.5);
assertEq(dv.getFloat32(0), 1.5);
dv.setFloat32(0, 0.1);
assertEq(dv.getFloat32(0), Math.fround(0.1));
dv.setFloat16(0, 1.5);
assertEq(dv.getUint16(0), 0x3e00);
assertEq(dv.getFloat16(0), 1.5);
dv.setFloat16(0, 65520);
assertEq(dv.getFloat16(0), Infinity);
dv.setFloat16(0, 0.1, true);
assertEq(dv.getFloat16(0, true), Math.f16round(0.1));
dv.setFloat16(0, -0);
assert(Object.is(dv.getFloat16(0), -0));
dv.setFloat16(0, 5.960464477539063e-8);     // smallest subnormal
assertEq(dv.getUint16(0), 1);
dv.setFloat16(0, NaN);
assert(isNaN(dv.getFloat16(0)));

// BigInt
dv.setBigInt64(0, -1n);
assertEq(dv.getBigUint64(0), 18446744073709551615n);
assertEq(dv.getBigInt64(0), -1n);
dv.setBigUint64(0, 0x0102030405060708n);
assertEq(dv.getUint8(0), 1);
assertEq(dv.getBigUint64(0, true), 0x0807060504030201n);
dv.setBigInt64(8, 2n ** 63n);
assertEq(dv.getBigInt64(8), -(2n ** 63n));
assertThrows(TypeError, function () { dv.setBigInt64(0, 1); });
assertThrows(TypeError, function () { dv.setInt8(0, 1n); });

// bounds
assertThrows(RangeError, function () { dv.getInt32(13); });
assertThrows(RangeError, function () { dv.getInt8(-1); });
assertThrows(RangeError, function () { sub.getFloat64(1); });
assertEq(sub.getFloat64(0), dv.getFloat64(4));
assertThrows(TypeError, function () { DataView.prototype.getInt8.call(new Uint8Array(4), 0); });

// the value is converted before the bounds are checked
var order = [];
assertThrows(RangeError, function () {
    dv.setInt8(100, { valueOf: function () { order.push("value"); return 1; } });
});
assertDeepEq(order, ["value"]);

// length-tracking view over a resizable buffer
var rb = new ArrayBuffer(4, { maxByteLength: 8 });
var tv = new DataView(rb, 2);
assertEq(tv.byteLength, 2);
rb.resize(8);
assertEq(tv.byteLength, 6);
tv.setUint32(2, 0x01020304);
assertEq(new Uint8Array(rb)[7], 4);
rb.resize(1);
assertThrows(TypeError, function () { tv.byteLength; });
assertThrows(TypeError, function () { tv.byteOffset; });
assertThrows(TypeError, function () { tv.getInt8(0); });
rb.resize(3);
assertEq(tv.byteLength, 1);
var fixed = new DataView(rb, 0, 2);
rb.resize(1);
assertThrows(TypeError, function () { fixed.getInt8(0); });

// subclass
class MyView extends DataView {}
var mv = new MyView(b, 1, 2);
assert(mv instanceof MyView);
assertEq(mv.byteLength, 2);
