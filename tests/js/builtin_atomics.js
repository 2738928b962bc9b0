// Atomics on one thread: every operation, its conversions and checks,
// wait/waitAsync results that need no other thread, notify counts.

assertEq(Object.prototype.toString.call(Atomics), "[object Atomics]");
assertEq(typeof Atomics, "object");
assertThrows(TypeError, function () { new Atomics(); });

var sab = new SharedArrayBuffer(64);
var i8 = new Int8Array(sab), u8 = new Uint8Array(sab, 8, 8);
var i16 = new Int16Array(sab, 16, 4), u16 = new Uint16Array(sab, 16, 4);
var i32 = new Int32Array(sab, 32, 4), u32 = new Uint32Array(sab, 32, 4);
var b64 = new BigInt64Array(sab, 48, 2), bu64 = new BigUint64Array(sab, 48, 2);

// read-modify-write returns the old value
assertEq(Atomics.store(i32, 0, 5), 5);
assertEq(Atomics.add(i32, 0, 3), 5);
assertEq(Atomics.sub(i32, 0, 1), 8);
assertEq(Atomics.and(i32, 0, 6), 7);
assertEq(Atomics.or(i32, 0, 9), 6);
assertEq(Atomics.xor(i32, 0, 3), 15);
assertEq(Atomics.exchange(i32, 0, 42), 12);
assertEq(Atomics.load(i32, 0), 42);
assertEq(Atomics.compareExchange(i32, 0, 41, 1), 42);   // no swap
assertEq(Atomics.compareExchange(i32, 0, 42, 1), 42);   // swap
assertEq(i32[0], 1);

// wrapping and element types
assertEq(Atomics.store(i8, 0, 200), 200);               // returns the integer, not the element
assertEq(Atomics.load(i8, 0), -56);
assertEq(Atomics.add(u8, 0, 300), 0);
assertEq(u8[0], 44);
assertEq(Atomics.sub(u16, 0, 1), 0);
assertEq(u16[0], 65535);
assertEq(Atomics.load(i16, 0), -1);
assertEq(Atomics.add(u32, 1, -1), 0);
assertEq(u32[1], 4294967295);
assertEq(Atomics.load(u32, 1), 4294967295);
assertEq(Atomics.compareExchange(i8, 1, -1, 7), 0);
i8[1] = -1;
assertEq(Atomics.compareExchange(i8, 1, 255, 7), -1);   // compared as element bytes
assertEq(i8[1], 7);

// conversions: ToIntegerOrInfinity, -0, strings, valueOf
assertEq(Atomics.store(i32, 2, -0), 0);
assertEq(1 / Atomics.store(i32, 2, -0), Infinity);
assertEq(Atomics.store(i32, 2, "12.9"), 12);
assertEq(Atomics.store(i32, 2, 3.7), 3);
assertEq(Atomics.store(i32, 2, -3.7), -3);
assertEq(Atomics.store(i32, 2, Infinity), Infinity);
assertEq(i32[2], 0);
assertEq(Atomics.store(i32, 2, NaN), 0);
assertEq(Atomics.add(i32, "2", { valueOf: function () { return 4; } }), 0);
assertEq(i32[2], 4);

// BigInt arrays
assertEq(Atomics.store(b64, 0, 5n), 5n);
assertEq(Atomics.add(b64, 0, 2n ** 64n), 5n);           // wraps to 64 bits
assertEq(Atomics.add(b64, 0, -6n), 5n);
assertEq(Atomics.load(b64, 0), -1n);
assertEq(Atomics.load(bu64, 0), 2n ** 64n - 1n);
assertEq(Atomics.compareExchange(bu64, 0, 2n ** 64n - 1n, 3n), 2n ** 64n - 1n);
assertEq(Atomics.exchange(b64, 0, 9n), 3n);
assertThrows(TypeError, function () { Atomics.store(b64, 0, 1); });
assertThrows(TypeError, function () { Atomics.add(i32, 0, 1n); });

// argument checks
[Float32Array, Float64Array, Uint8ClampedArray, Float16Array].forEach(function (C) {
  assertThrows(TypeError, function () { Atomics.load(new C(sab, 0, 1), 0); }, C.name);
});
assertThrows(TypeError, function () { Atomics.load([1], 0); });
assertThrows(TypeError, function () { Atomics.load(new DataView(sab), 0); });
assertThrows(RangeError, function () { Atomics.load(i32, 4); });
assertThrows(RangeError, function () { Atomics.load(i32, -1); });
assertThrows(RangeError, function () { Atomics.store(i32, 2 ** 53, 0); });
// the index is checked before the value is converted
var converted = false;
assertThrows(RangeError, function () {
  Atomics.store(i32, 9, { valueOf: function () { converted = true; return 0; } });
});
assertEq(converted, false);

// non-shared buffers work too
var plain = new Int32Array(4);
assertEq(Atomics.add(plain, 1, 5), 0);
assertEq(Atomics.load(plain, 1), 5);
var ab = new ArrayBuffer(8);
var det = new Int32Array(ab);
assertThrows(TypeError, function () {
  Atomics.store(det, 0, { valueOf: function () { ab.transfer(); return 1; } });
});

// isLockFree
[1, 2, 4, 8].forEach(function (n) { assertEq(Atomics.isLockFree(n), true); });
[0, 3, 5, 16, -1, NaN].forEach(function (n) { assertEq(Atomics.isLockFree(n), false); });

// wait: only Int32/BigInt64 over a SharedArrayBuffer
var wa = new Int32Array(new SharedArrayBuffer(16));
assertEq(Atomics.wait(wa, 0, 1), "not-equal");
assertEq(Atomics.wait(wa, 0, 0, 0), "timed-out");
var t0 = Date.now();
assertEq(Atomics.wait(wa, 0, 0, 20), "timed-out");
assert(Date.now() - t0 >= 19, "waited about 20 ms");
assertEq(Atomics.wait(wa, 0, 0, -5), "timed-out");
assertEq(Atomics.wait(new BigInt64Array(wa.buffer), 0, 1n), "not-equal");
assertEq(Atomics.wait(new BigInt64Array(wa.buffer), 1, 0n, 1), "timed-out");
assertThrows(TypeError, function () { Atomics.wait(new Int32Array(4), 0, 0, 0); });
assertThrows(TypeError, function () { Atomics.wait(new Uint32Array(wa.buffer), 0, 0, 0); });
assertThrows(TypeError, function () { Atomics.wait(new Int16Array(wa.buffer), 0, 0, 0); });
assertThrows(RangeError, function () { Atomics.wait(wa, 4, 0, 0); });

// notify: counts; 0 for non-shared memory
assertEq(Atomics.notify(wa, 0), 0);
assertEq(Atomics.notify(wa, 0, 5), 0);
assertEq(Atomics.notify(new Int32Array(4), 0), 0);
assertThrows(TypeError, function () { Atomics.notify(new Uint8Array(wa.buffer), 0); });
assertThrows(RangeError, function () { Atomics.notify(wa, 4); });

// waitAsync: synchronous outcomes, and a pending waiter that notify counts
var r = Atomics.waitAsync(wa, 0, 1);
assertEq(r.async, false);
assertEq(r.value, "not-equal");
r = Atomics.waitAsync(wa, 0, 0, 0);
assertEq(r.async, false);
assertEq(r.value, "timed-out");
r = Atomics.waitAsync(wa, 1, 0);
assertEq(r.async, true);
assert(r.value instanceof Promise);
var r2 = Atomics.waitAsync(wa, 1, 0);
assertEq(Atomics.notify(wa, 1, 1), 1);                 // FIFO: the first one
assertEq(Atomics.notify(wa, 1), 1);                    // then the second
assertEq(Atomics.notify(wa, 1), 0);
assertThrows(TypeError, function () { Atomics.waitAsync(new Int32Array(4), 0, 0); });

// pause
assertEq(Atomics.pause(), undefined);
assertEq(Atomics.pause(10), undefined);
assertEq(Atomics.pause(-0), undefined);
assertThrows(TypeError, function () { Atomics.pause(1.5); });
assertThrows(TypeError, function () { Atomics.pause("1"); });

// waitAsync promises settle on this thread's loop: notify gives "ok",
// a timeout "timed-out", in the order the events happened
var pa = new Int32Array(new SharedArrayBuffer(8)), order = [];
var pt = Atomics.waitAsync(pa, 0, 0, 5).value.then(function (v) { order.push("t:" + v); });
var pn = Atomics.waitAsync(pa, 1, 0).value.then(function (v) { order.push("n:" + v); });
assertEq(Atomics.notify(pa, 1), 1);
Promise.all([pt, pn, r.value, r2.value]).then(function (vs) {
  assertDeepEq(order, ["n:ok", "t:timed-out"]);
  assertEq(vs[2], "ok");
  assertEq(vs[3], "ok");
});
