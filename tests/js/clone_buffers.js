// structuredClone of ArrayBuffer (fixed and resizable), every typed array,
// DataView, views sharing one buffer, SharedArrayBuffer by reference, and
// transfer lists (moved, detached in the sender, DataCloneError cases).
var sc = structuredClone;

function expectDCE(fn, what) {
  try {
    fn();
  } catch (err) {
    assertEq(err.name, 'DataCloneError', what);
    return;
  }
  throw new Error(what + ': no DataCloneError');
}

// ArrayBuffer copies
var ab = new ArrayBuffer(16);
new Uint8Array(ab).set([1, 2, 3, 250]);
var abc = sc(ab);
assertEq(abc instanceof ArrayBuffer, true);
assertEq(abc.byteLength, 16);
assertDeepEq(Array.from(new Uint8Array(abc, 0, 4)), [1, 2, 3, 250]);
new Uint8Array(abc)[0] = 99;
assertEq(new Uint8Array(ab)[0], 1, 'a copy, not shared');
assertEq(sc(new ArrayBuffer(0)).byteLength, 0);

// resizable
var rab = new ArrayBuffer(4, { maxByteLength: 64 });
new Uint8Array(rab)[3] = 7;
var rabc = sc(rab);
assertEq(rabc.resizable, true);
assertEq(rabc.maxByteLength, 64);
assertEq(rabc.byteLength, 4);
assertEq(new Uint8Array(rabc)[3], 7);
rabc.resize(32);
assertEq(rabc.byteLength, 32);
assertEq(sc(new ArrayBuffer(8)).resizable, false);

// every typed array kind, values kept
var kinds = [
  [Int8Array, [-128, 127]], [Uint8Array, [0, 255]], [Uint8ClampedArray, [0, 255]],
  [Int16Array, [-32768, 32767]], [Uint16Array, [0, 65535]],
  [Int32Array, [-2147483648, 2147483647]], [Uint32Array, [0, 4294967295]],
  [Float32Array, [1.5, -0]], [Float64Array, [Math.PI, -Infinity]],
  [BigInt64Array, [-(2n ** 63n), 2n ** 63n - 1n]], [BigUint64Array, [0n, 2n ** 64n - 1n]]
];
if (typeof Float16Array === 'function') kinds.push([Float16Array, [0.5, -2]]);
for (var i = 0; i < kinds.length; i++) {
  var T = kinds[i][0];
  var t = new T(kinds[i][1]);
  var tc = sc(t);
  assertEq(Object.getPrototypeOf(tc), T.prototype, T.name);
  assertEq(tc.length, 2, T.name);
  assertEq(tc[0], t[0], T.name);
  assertEq(tc[1], t[1], T.name);
}

// offsets, lengths, a view's buffer comes along whole
var buf = new ArrayBuffer(32);
var u8 = new Uint8Array(buf, 4, 8);
u8[0] = 42;
var u8c = sc(u8);
assertEq(u8c.byteOffset, 4);
assertEq(u8c.length, 8);
assertEq(u8c.buffer.byteLength, 32);
assertEq(u8c[0], 42);

// views sharing one buffer arrive sharing one buffer
var f64 = new Float64Array(buf);
var dv = new DataView(buf, 8, 16);
var i32 = new Int32Array(buf, 16);
var group = sc({ u8: u8, f64: f64, dv: dv, i32: i32, buf: buf });
assertEq(group.u8.buffer, group.f64.buffer);
assertEq(group.dv.buffer, group.buf);
assertEq(group.i32.buffer, group.buf);
assertEq(group.dv.byteOffset, 8);
assertEq(group.dv.byteLength, 16);
group.dv.setUint8(0, 77);
assertEq(group.f64.buffer === buf, false);
assertEq(new Uint8Array(group.buf)[8], 77, 'writes through one view are seen by the others');
assertEq(group.i32.length, 4);

// length-tracking views over a resizable buffer stay length-tracking
var rb = new ArrayBuffer(8, { maxByteLength: 16 });
var track = new Uint16Array(rb);
var dvt = new DataView(rb, 2);
var tr = sc([track, dvt]);
assertEq(tr[0].length, 4);
tr[0].buffer.resize(16);
assertEq(tr[0].length, 8, 'still tracks the buffer length');
assertEq(tr[1].byteLength, 14);

// detached or out-of-bounds: DataCloneError
var det = new ArrayBuffer(8);
det.transfer();
expectDCE(function () { sc(det); }, 'detached buffer');
var dview = new Uint8Array(new ArrayBuffer(8));
dview.buffer.transfer();
expectDCE(function () { sc(dview); }, 'view of a detached buffer');
var shrink = new ArrayBuffer(8, { maxByteLength: 8 });
var oob = new Uint8Array(shrink, 4, 4);
shrink.resize(2);
expectDCE(function () { sc(oob); }, 'out-of-bounds view');

// transfer: the bytes move, the sender's buffer is detached
var tb = new ArrayBuffer(1024);
new Uint8Array(tb)[1023] = 5;
var moved = sc(tb, { transfer: [tb] });
assertEq(tb.byteLength, 0);
assertEq(tb.detached, true);
assertEq(moved.byteLength, 1024);
assertEq(new Uint8Array(moved)[1023], 5);
// views of a transferred buffer follow it
var tb2 = new ArrayBuffer(16);
var v2 = new Int32Array(tb2);
v2[1] = -9;
var got = sc({ v: v2, again: v2, b: tb2 }, { transfer: [tb2] });
assertEq(got.v.buffer, got.b);
assertEq(got.again, got.v);
assertEq(got.v[1], -9);
assertEq(v2.length, 0, 'the sender view sees a detached buffer');
// resizable buffers stay resizable
var tr3 = new ArrayBuffer(4, { maxByteLength: 40 });
var tr3c = sc(tr3, { transfer: [tr3] });
assertEq(tr3c.resizable, true);
assertEq(tr3c.maxByteLength, 40);
tr3c.resize(40);
new Uint8Array(tr3c)[39] = 1;
assertEq(tr3c.byteLength, 40, 'a moved resizable buffer still resizes');
// private fields are not own properties: they do not travel
class Priv { #secret = 1; open = 2; static has(o) { return #secret in o; } }
var pv = sc(new Priv());
assertDeepEq(pv, { open: 2 });
assertEq(Priv.has(pv), false);
// a big buffer (copied out of line) keeps its identity and contents
var bigb = new ArrayBuffer(1 << 20);
new Uint8Array(bigb)[(1 << 20) - 1] = 8;
var bigv = new Uint8Array(bigb, 16);
var bigc = sc({ b: bigb, v: bigv });
assertEq(bigc.v.buffer, bigc.b);
assertEq(bigc.v.byteOffset, 16);
assertEq(new Uint8Array(bigc.b)[(1 << 20) - 1], 8);
assertEq(bigb.byteLength, 1 << 20, 'copied, not detached');
// transferred but not in the value: still detached
var lone = new ArrayBuffer(8);
assertEq(sc(1, { transfer: [lone] }), 1);
assertEq(lone.detached, true);
// any iterable is a transfer list
var it = new ArrayBuffer(2);
sc(it, { transfer: new Set([it]) });
assertEq(it.detached, true);

// transfer-list errors: nothing is detached
var keep = new ArrayBuffer(8);
var keep2 = new ArrayBuffer(8);
expectDCE(function () { sc(keep, { transfer: [keep2, keep, keep2] }); }, 'duplicate');
assertEq(keep.detached, false);
assertEq(keep2.detached, false);
expectDCE(function () { sc(keep, { transfer: [keep, det] }); }, 'detached in list');
assertEq(keep.detached, false);
expectDCE(function () { sc({ f: function () {}, k: keep }, { transfer: [keep] }); }, 'unclonable value');
assertEq(keep.detached, false, 'a failed clone detaches nothing');
expectDCE(function () { sc(1, { transfer: [{}] }); }, 'plain object in the list');
expectDCE(function () { sc(1, { transfer: [new Uint8Array(keep)] }); }, 'a view is not transferable');
assertThrows(TypeError, function () { sc(1, { transfer: [1] }); });
assertThrows(TypeError, function () { sc(1, { transfer: 5 }); });
assertEq(keep.detached, false);

// SharedArrayBuffer: by reference
if (typeof SharedArrayBuffer === 'function') {
  var sab = new SharedArrayBuffer(8);
  var sv = new Int32Array(sab);
  var sgot = sc({ a: sab, b: sv });
  assertEq(sgot.a instanceof SharedArrayBuffer, true);
  assertEq(sgot.b.buffer, sgot.a);
  sgot.b[0] = 123;
  assertEq(sv[0], 123, 'the clone shares the bytes');
  expectDCE(function () { sc(sab, { transfer: [sab] }); }, 'SAB in transfer list');
  var gsab = new SharedArrayBuffer(4, { maxByteLength: 16 });
  var gc = sc(gsab);
  assertEq(gc.growable, true);
  assertEq(gc.maxByteLength, 16);
  gsab.grow(12);
  assertEq(gc.byteLength, 12, 'growth is seen through the clone');
}
