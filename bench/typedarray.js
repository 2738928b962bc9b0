// Typed arrays: element loops over Int32/Uint8/Float64/BigInt64 arrays, a
// Uint8 checksum, DataView reads and writes, set/subarray/copyWithin/fill,
// numeric sort, and Atomics on a SharedArrayBuffer (no other thread).
const N = 1 << 18;

const i32 = new Int32Array(N);
for (let i = 0; i < N; i++) i32[i] = (i * 2654435761) | 0;
let s32 = 0;
for (let r = 0; r < 8; r++) for (let i = 0; i < N; i++) s32 = (s32 + (i32[i] >> 3)) | 0;

const f64 = new Float64Array(N);
for (let i = 0; i < N; i++) f64[i] = Math.sin(i) * 1000;
let sf = 0;
for (let r = 0; r < 4; r++) for (let i = 0; i < N; i++) sf += f64[i] * 0.5;

// Adler-32 over a byte buffer
const u8 = new Uint8Array(N * 2);
for (let i = 0; i < u8.length; i++) u8[i] = (i * 31 + (i >> 7)) & 255;
let a = 1, b = 0;
for (let r = 0; r < 4; r++) {
  for (let i = 0; i < u8.length; i++) {
    a = (a + u8[i]) % 65521;
    b = (b + a) % 65521;
  }
}
const adler = (b * 65536 + a) >>> 0;

// DataView: mixed-endian records
const dv = new DataView(new ArrayBuffer(16 * 4096));
for (let r = 0; r < 8; r++) {
  for (let i = 0; i < 4096; i++) {
    const o = i * 16;
    dv.setUint32(o, i * r, true);
    dv.setFloat64(o + 4, i / 3, false);
    dv.setInt16(o + 12, i - 2048, true);
  }
}
let sdv = 0;
for (let i = 0; i < 4096; i++) {
  const o = i * 16;
  sdv += dv.getUint32(o, true) + dv.getFloat64(o + 4, false) + dv.getInt16(o + 12, true);
}

// bulk operations
const big = new Int32Array(N);
for (let r = 0; r < 20; r++) {
  big.set(i32.subarray(r, r + N / 2), N / 4);
  big.copyWithin(0, N / 2, N / 2 + 1024);
  big.fill(r, N - 4096);
}
let sbig = 0;
for (let i = 0; i < N; i += 97) sbig = (sbig + big[i]) | 0;

const sorted = f64.slice(0, N / 4).sort();
const b64 = new BigInt64Array(4096);
for (let i = 0; i < 4096; i++) b64[i] = BigInt(i) * 1000003n;
let sb = 0n;
for (let r = 0; r < 4; r++) for (let i = 0; i < 4096; i++) sb += b64[i];

const ia = new Int32Array(new SharedArrayBuffer(4 * 1024));
for (let r = 0; r < 100; r++) for (let i = 0; i < 1024; i++) Atomics.add(ia, i, i);
let sat = 0;
for (let i = 0; i < 1024; i++) sat += Atomics.load(ia, i);

console.log('typedarray', s32, sf.toFixed(3), adler, sdv.toFixed(3), sbig, sorted[0].toFixed(3),
            sorted[sorted.length - 1].toFixed(3), String(sb), sat);
