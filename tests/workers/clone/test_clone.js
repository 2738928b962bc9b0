// The seed's "Structured Clone" sample, as written, then checks that the
// worker got a deep copy, and that every clonable kind survives the trip.
import * as os from 'os';
const worker = new os.Worker('worker.js');

// Parent
const data = {
number: 42,
string: 'hello',
array: [1, 2, 3],
object: { nested: true },
};
worker.postMessage(data); // Serialized

// ---- checks (not part of the sample) ----
const circular = { name: 'loop' };
circular.self = circular;
const shared = { s: 1 };
const rich = {
  big: 12345678901234567890n, negZero: -0, nan: NaN, undef: undefined, nul: null,
  holes: [1, , 3], date: new Date(86400000), re: /ab+c/gi,
  map: new Map([[1, 'one'], ['k', { v: 2 }]]), set: new Set(['a', 'b']),
  u8: new Uint8Array([1, 2, 255]), f64: new Float64Array([0.5, -1e300]),
  err: new RangeError('bad range'), boxed: new String('boxed'),
  circular, twice: [shared, shared],
};
let step = 0;
worker.onmessage = (msg) => {
  step++;
  if (step === 1) {
    // the worker changed its copy: ours is untouched
    assertEq(msg.number, 100, 'the worker saw and changed its copy');
    assertEq(msg.object.nested, 'changed');
    assertEq(data.number, 42, 'the parent object is unchanged');
    assertEq(data.object.nested, true);
    assertDeepEq(msg.array, [1, 2, 3, 4]);
    assertDeepEq(data.array, [1, 2, 3]);
    worker.postMessage(rich);
  } else if (step === 2) {
    assertEq(msg.big, 12345678901234567890n);
    assert(Object.is(msg.negZero, -0), '-0 kept');
    assert(Number.isNaN(msg.nan));
    assert('undef' in msg && msg.undef === undefined);
    assertEq(msg.nul, null);
    assertEq(msg.holes.length, 3);
    assert(!(1 in msg.holes), 'hole kept');
    assert(msg.date instanceof Date && msg.date.getTime() === 86400000);
    assert(msg.re instanceof RegExp && msg.re.source === 'ab+c' && msg.re.flags === 'gi');
    assert(msg.map instanceof Map && msg.map.get(1) === 'one' && msg.map.get('k').v === 2);
    assert(msg.set instanceof Set && msg.set.has('b') && msg.set.size === 2);
    assert(msg.u8 instanceof Uint8Array);
    assertDeepEq(Array.from(msg.u8), [1, 2, 255]);
    assertDeepEq(Array.from(msg.f64), [0.5, -1e300]);
    assert(msg.err instanceof RangeError && msg.err.message === 'bad range');
    assert(msg.boxed instanceof String && msg.boxed.valueOf() === 'boxed');
    assert(msg.circular.self === msg.circular, 'cycles kept');
    assert(msg.twice[0] === msg.twice[1], 'shared references kept');
    assertEq(msg.echoedBy, 'worker');
    // functions cannot be cloned: DataCloneError, nothing sent
    assertThrows(Error, () => worker.postMessage({ f() {} }));
    try { worker.postMessage(Symbol('s')); assert(false); } catch (e) { assertEq(e.name, 'DataCloneError'); }
    // a transferred ArrayBuffer is detached here and arrives intact
    const ab = new ArrayBuffer(8);
    new Uint8Array(ab).set([1, 2, 3, 4, 5, 6, 7, 8]);
    worker.postMessage({ ab }, [ab]);
    assertEq(ab.byteLength, 0, 'transferred buffer detached');
    assert(ab.detached);
    // a detached buffer in a transfer list is an error
    try { worker.postMessage(ab, [ab]); assert(false); } catch (e) { assertEq(e.name, 'DataCloneError'); }
  } else if (step === 3) {
    assertEq(msg.sum, 36);
    assertEq(msg.len, 8);
    console.log('clone ok');
    worker.onmessage = null;
  }
};
