// WeakRef (ECMA-262 26.1) and symbols as weak targets.  The collection
// itself is tested from C (tests/api/test_weakref.c, with JS_RunGC); the
// parts below that need a collector hook run when the host exposes one
// (globalThis.gc, or std.gc in QuickJS-style hosts).
const collect = typeof gc === 'function' ? gc
    : (typeof std === 'object' && std && typeof std.gc === 'function') ? std.gc : null;

// constructor
assertEq(typeof WeakRef, 'function');
assertEq(WeakRef.length, 1);
assertEq(WeakRef.name, 'WeakRef');
assertThrows(TypeError, () => WeakRef({}));
for (const bad of [undefined, null, 1, 'str', true, 1n, Symbol.for('registered')])
    assertThrows(TypeError, () => new WeakRef(bad), String(typeof bad));
const target = { name: 'target' };
const wr = new WeakRef(target);
assertEq(Object.getPrototypeOf(wr), WeakRef.prototype);
assertEq(wr.deref(), target);
assertEq(Object.prototype.toString.call(wr), '[object WeakRef]');
assert(Object.isExtensible(wr));

// symbols: unregistered and well-known ones can be held weakly
const sym = Symbol('weak');
assertEq(new WeakRef(sym).deref(), sym);
assertEq(new WeakRef(Symbol.iterator).deref(), Symbol.iterator);

// prototype
const desc = Object.getOwnPropertyDescriptor(WeakRef.prototype, 'deref');
assert(desc.writable && !desc.enumerable && desc.configurable);
assertEq(WeakRef.prototype.deref.length, 0);
assertThrows(TypeError, () => WeakRef.prototype.deref.call({}));
assertThrows(TypeError, () => WeakRef.prototype.deref.call(new WeakMap()));
assertThrows(TypeError, () => new WeakRef.prototype.deref());
assertEq(WeakRef.prototype[Symbol.toStringTag], 'WeakRef');
assertEq(WeakRef.prototype.constructor, WeakRef);

// subclassing and NewTarget's prototype
class MyRef extends WeakRef {
    constructor(t) { super(t); this.extra = 1; }
}
const mr = new MyRef(target);
assert(mr instanceof MyRef && mr instanceof WeakRef);
assertEq(mr.deref(), target);
assertEq(mr.extra, 1);
const other = Reflect.construct(WeakRef, [target], Object);
assertEq(Object.getPrototypeOf(other), Object.prototype);

// WeakMap / WeakSet with symbol keys
const wm = new WeakMap([[sym, 1]]);
assertEq(wm.get(sym), 1);
assertThrows(TypeError, () => wm.set(Symbol.for('x'), 1));
assertEq(wm.has(Symbol.for('x')), false);
const ws = new WeakSet([sym]);
assert(ws.has(sym));
assert(ws.delete(sym) && !ws.has(sym));

// with a collector hook: a target is kept until the job ends, then cleared
import('std').then(std => {
    if (typeof std.gc !== 'function')
        return;
    const ref = new WeakRef((() => { const o = {}; o.self = o; return o; })());
    std.gc();
    assert(ref.deref() !== undefined, 'kept during the job');
    // WeakMap ephemeron: the value refers to its key, both go
    const wm = new WeakMap();
    const vref = (() => { const k = {}; const v = { k }; wm.set(k, v); return new WeakRef(v); })();
    return Promise.resolve().then(() => {
        std.gc();
        assertEq(ref.deref(), undefined, 'cleared after the job');
        assertEq(vref.deref(), undefined, 'ephemeron value collected with its key');
    });
}, () => { /* no std module in this host */ });
