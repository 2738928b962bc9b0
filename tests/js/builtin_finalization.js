// FinalizationRegistry (ECMA-262 26.2).  Cleanup callbacks run as jobs
// after their target is collected; the collection itself is tested from C
// (tests/api/test_weakref.c).  Targets freed by their reference count die
// at once, so a registry sees them without any collector hook; cycles need
// the collector: std.gc() (import('std')) when the host has it.

assertEq(typeof FinalizationRegistry, 'function');
assertEq(FinalizationRegistry.length, 1);
assertEq(FinalizationRegistry.name, 'FinalizationRegistry');
assertThrows(TypeError, () => FinalizationRegistry(() => {}));
for (const bad of [undefined, null, 1, {}, 'f'])
    assertThrows(TypeError, () => new FinalizationRegistry(bad));

const proto = FinalizationRegistry.prototype;
assertEq(proto[Symbol.toStringTag], 'FinalizationRegistry');
assertEq(proto.register.length, 2);
assertEq(proto.unregister.length, 1);
assertEq('cleanupSome' in proto, false);
assertThrows(TypeError, () => proto.register.call({}, {}, 1));
assertThrows(TypeError, () => proto.unregister.call(new WeakRef({}), {}));

const log = [];
const fr = new FinalizationRegistry(held => log.push(held));

// register: argument checks
const t = {};
assertEq(fr.register(t, 'held'), undefined);
assertThrows(TypeError, () => fr.register(1, 'x'));
assertThrows(TypeError, () => fr.register(Symbol.for('reg'), 'x'));
assertThrows(TypeError, () => fr.register(t, t), 'target === held value');
assertThrows(TypeError, () => fr.register(t, 1, 1), 'bad token');
assertThrows(TypeError, () => fr.register(t, 1, Symbol.for('reg')), 'registered symbol token');
fr.register(t, 1, undefined);           // no token
fr.register(t, 'same token', t);        // token may be the target
fr.register(Symbol('s'), 'sym', Symbol('tok'));
fr.register(fr, 'itself');

// unregister
assertThrows(TypeError, () => fr.unregister(1));
assertThrows(TypeError, () => fr.unregister(undefined));
assertEq(fr.unregister({}), false);
const tok = {};
fr.register({ a: 1 }.a ? t : t, 'a', tok);
fr.register(t, 'b', tok);
assertEq(fr.unregister(tok), true);
assertEq(fr.unregister(tok), false);
assertEq(fr.unregister(t), true);       // the 'same token' cell
const otherFr = new FinalizationRegistry(() => {});
otherFr.register(t, 'other', tok);
assertEq(fr.unregister(tok), false, 'tokens are per registry');
assertEq(otherFr.unregister(tok), true);

// targets that die by their count: the callback runs in a later job
let tok2 = {};
fr.register({}, 'dies now');
fr.register({}, 'unregistered', tok2);
assertEq(fr.unregister(tok2), true, 'the cell is still there until the callback runs');
fr.register(Symbol('dying symbol'), 'symbol target');
assertEq(log.length, 0, 'never synchronously');

// subclass
class Reg extends FinalizationRegistry {
    constructor(cb) { super(cb); this.tag = 'sub'; }
}
const sub = new Reg(() => {});
assert(sub instanceof FinalizationRegistry && sub.tag === 'sub');
sub.register({}, 1);

Promise.resolve().then(() => Promise.resolve()).then(() => {
    assertDeepEq(log.slice().sort(), ['dies now', 'sym', 'symbol target']);
    return import('std').then(std => {
        if (typeof std.gc !== 'function')
            return;
        (function () { const c = {}; c.c = c; fr.register(c, 'cycle'); })();
        std.gc();
        return Promise.resolve().then(() => assert(log.includes('cycle'), 'cycle collected'));
    }, () => { /* no std module in this host */ });
});
