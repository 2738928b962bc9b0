// structuredClone (HTML structured clone) of primitives, objects, arrays,
// wrappers, Date, RegExp, Map, Set and Error, with shared and circular
// references; non-clonable values throw a DataCloneError.
var sc = structuredClone;

// primitives
assertEq(sc(undefined), undefined);
assertEq(sc(null), null);
assertEq(sc(true), true);
assertEq(sc(false), false);
assertEq(sc(0), 0);
assertEq(sc(-0), -0, '-0 is kept');
assertEq(sc(NaN), NaN);
assertEq(sc(Infinity), Infinity);
assertEq(sc(-Infinity), -Infinity);
assertEq(sc(2147483647), 2147483647);
assertEq(sc(-2147483648), -2147483648);
assertEq(sc(2147483648), 2147483648);
assertEq(sc(1.5e-300), 1.5e-300);
assertEq(sc(0n), 0n);
assertEq(sc(-1n), -1n);
assertEq(sc(2n ** 64n), 2n ** 64n);
assertEq(sc(-(2n ** 200n) + 7n), -(2n ** 200n) + 7n);
assertEq(sc(''), '');
assertEq(sc('abc'), 'abc');
assertEq(sc('caf\u00e9'), 'caf\u00e9');
assertEq(sc('\u65e5\u672c\ud83d\ude00'), '\u65e5\u672c\ud83d\ude00');
assertEq(sc('\ud800x'), '\ud800x', 'lone surrogate kept');
var long = 'x'.repeat(100000) + '\u0100';
assertEq(sc(long), long);

// plain objects: own enumerable string keys, in order; prototype not kept
var proto = { inherited: 1 };
var o = Object.create(proto);
o.b = 1; o.a = 2; o[2] = 'two'; o[1] = 'one';
Object.defineProperty(o, 'hidden', { value: 3, enumerable: false });
o[Symbol('s')] = 4;
var c = sc(o);
assertEq(Object.getPrototypeOf(c), Object.prototype);
assertDeepEq(Object.keys(c), ['1', '2', 'b', 'a']);
assertEq(c.inherited, undefined);
assertEq(c.hidden, undefined);
assertEq(Object.getOwnPropertySymbols(c).length, 0);
// __proto__ as an own key stays a key
var p = JSON.parse('{"__proto__": {"x": 1}, "y": 2}');
var pc = sc(p);
assertEq(Object.getPrototypeOf(pc), Object.prototype);
assertEq(Object.getOwnPropertyNames(pc).indexOf('__proto__') >= 0, true);
assertEq(pc.__proto__.x, 1);

// getters run in order, values are taken as data; keys deleted meanwhile are skipped
var log = [];
var g = {
  get first() { log.push('first'); delete this.third; this.added = 1; return 1; },
  second: 2,
  third: 3,
  get fourth() { log.push('fourth'); return 4; }
};
var gc2 = sc(g);
assertDeepEq(log, ['first', 'fourth']);
assertDeepEq(Object.keys(gc2), ['first', 'second', 'fourth']);
assertEq(Object.getOwnPropertyDescriptor(gc2, 'first').value, 1);
// a throwing getter propagates its error
assertThrows(RangeError, function () { sc({ get x() { throw new RangeError('r'); } }); });

// class instances arrive as plain objects
class Pt { constructor() { this.x = 1; } get y() { return 2; } }
var pt = sc(new Pt());
assertEq(Object.getPrototypeOf(pt), Object.prototype);
assertDeepEq(pt, { x: 1 });

// arrays: holes, extra properties, sparse, length
var a = [1, , 3];
a.extra = 'e';
var ac = sc(a);
assertEq(Array.isArray(ac), true);
assertEq(ac.length, 3);
assertEq(1 in ac, false, 'hole kept');
assertEq(ac[2], 3);
assertEq(ac.extra, 'e');
var sp = [];
sp[1000000] = 'far';
sp.length = 2000000;
var spc = sc(sp);
assertEq(spc.length, 2000000);
assertEq(spc[1000000], 'far');
assertDeepEq(Object.keys(spc), ['1000000']);
var empty = new Array(5);
assertEq(sc(empty).length, 5);
assertEq(Object.keys(sc(empty)).length, 0);
var big = [];
for (var i = 0; i < 1000; i++) big.push(i % 3 ? i : { i: i });
var bigc = sc(big);
assertEq(bigc.length, 1000);
assertEq(bigc[999].i, 999);
assertEq(bigc[998], 998);

// identity and cycles
var shared = { s: 1 };
var root = { a: shared, b: shared, list: [shared] };
root.self = root;
root.list.push(root.list);
var rc = sc(root);
assertEq(rc.a === rc.b, true, 'shared object arrives once');
assertEq(rc.list[0] === rc.a, true);
assertEq(rc.self === rc, true, 'cycle');
assertEq(rc.list[1] === rc.list, true);
assertEq(rc === root, false);

// wrappers
var w = sc([new Number(-0), new String('s\u0100'), new Boolean(false), Object(12n)]);
assertEq(typeof w[0], 'object');
assertEq(Object.is(w[0].valueOf(), -0), true);
assertEq(w[1] instanceof String, true);
assertEq(w[1].valueOf(), 's\u0100');
assertEq(w[1].length, 2);
assertEq(w[2].valueOf(), false);
assertEq(typeof w[3], 'object');
assertEq(w[3].valueOf(), 12n);

// Date
var d = sc(new Date(1234567890123));
assertEq(d instanceof Date, true);
assertEq(d.getTime(), 1234567890123);
assertEq(sc(new Date(NaN)).getTime(), NaN);

// RegExp: source, flags and lastIndex
var re = /a(?<n>b)+c/dgimsuy;
re.lastIndex = 5;
var rec = sc(re);
assertEq(rec instanceof RegExp, true);
assertEq(rec.source, re.source);
assertEq(rec.flags, re.flags);
assertEq(rec.lastIndex, 5);
assertEq(sc(/x/v).unicodeSets, true);
assertEq(sc(new RegExp('/', '')).source, '\\/');
assertEq(rec.exec('abc') === null, true);

// Map and Set: order, -0 keys, object keys keep identity
var k = { k: 1 };
var m = new Map([[k, 'obj'], ['s', k], [NaN, 1], [0, 'zero']]);
var s = new Set([3, k, 'x', 1]);
var ms = sc({ m: m, s: s, k: k });
assertDeepEq(Array.from(ms.m.keys()).slice(1), ['s', NaN, 0]);
assertEq(ms.m.get(ms.k), 'obj', 'key identity shared with the graph');
assertEq(ms.m.get('s'), ms.k);
assertDeepEq(Array.from(ms.s).filter(function (v) { return typeof v !== 'object'; }), [3, 'x', 1]);
assertEq(ms.s.has(ms.k), true);
assertEq(ms.m instanceof Map, true);
assertEq(ms.s instanceof Set, true);
// entries are snapshotted before any value is read
var mm = new Map([['a', { get x() { mm.delete('b'); mm.set('c', 3); return 1; } }], ['b', 2]]);
var mmc = sc(mm);
assertDeepEq(Array.from(mmc.keys()), ['a', 'b']);
// a map that contains itself
var selfm = new Map();
selfm.set(selfm, selfm);
var selfc = sc(selfm);
assertEq(selfc.get(selfc), selfc);

// Error objects
var e = new TypeError('bad', { cause: { why: 1 } });
var ec = sc(e);
assertEq(ec instanceof TypeError, true);
assertEq(ec.name, 'TypeError');
assertEq(ec.message, 'bad');
assertDeepEq(ec.cause, { why: 1 });
assertEq(typeof ec.stack, 'string');
assertEq(ec.stack, e.stack);
assertEq(Object.getOwnPropertyDescriptor(ec, 'message').enumerable, false);
var kinds = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
for (var j = 0; j < kinds.length; j++) {
  var ke = sc(new kinds[j]('m' + j));
  assertEq(Object.getPrototypeOf(ke), kinds[j].prototype);
  assertEq(ke.message, 'm' + j);
}
class MyError extends RangeError {}
var me = sc(new MyError('mine'));
assertEq(Object.getPrototypeOf(me), RangeError.prototype, 'subclass arrives as its native kind');
var named = new Error('n');
named.name = 'Custom';
assertEq(Object.getPrototypeOf(sc(named)), Error.prototype, 'unknown names become Error');
var renamed = new Error('n');
renamed.name = 'SyntaxError';
assertEq(sc(renamed) instanceof SyntaxError, true);
var agg = sc(new AggregateError([1], 'agg'));
assertEq(Object.getPrototypeOf(agg), Error.prototype);
assertEq(agg.message, 'agg');
var nomsg = sc(new Error());
assertEq(Object.prototype.hasOwnProperty.call(nomsg, 'message'), false);
var selfcause = new Error('loop');
selfcause.cause = selfcause;
var scc = sc(selfcause);
assertEq(scc.cause, scc, 'an error may cause itself');
var objmsg = new Error('x');
objmsg.message = { toString: function () { return 'converted'; } };
assertEq(sc(objmsg).message, 'converted');
assertEq(sc(new Error('x', { cause: undefined })).hasOwnProperty('cause'), true);

// not clonable: DataCloneError, and nothing is produced
function expectDCE(v, what) {
  try {
    sc(v);
  } catch (err) {
    assertEq(err.name, 'DataCloneError', what);
    assertEq(err instanceof Error, true, what);
    assertEq(typeof err.message, 'string');
    return;
  }
  throw new Error(what + ': no DataCloneError');
}
expectDCE(function () {}, 'function');
expectDCE(() => 1, 'arrow');
expectDCE(class {}, 'class');
expectDCE(Math.max, 'native function');
expectDCE(Symbol('x'), 'symbol');
expectDCE({ s: Symbol.iterator }, 'nested symbol');
expectDCE(Object(Symbol('w')), 'symbol wrapper');
expectDCE(new WeakMap(), 'WeakMap');
expectDCE(new WeakSet(), 'WeakSet');
if (typeof WeakRef === 'function') expectDCE(new WeakRef({}), 'WeakRef');
if (typeof FinalizationRegistry === 'function') expectDCE(new FinalizationRegistry(function () {}), 'FinalizationRegistry');
expectDCE(new Proxy({}, {}), 'Proxy');
expectDCE(new Proxy([], {}), 'Proxy over an array');
expectDCE(Promise.resolve(1), 'Promise');
expectDCE((function* () {})(), 'generator');
expectDCE([1, 2, [3, function () {}]], 'function deep in an array');
expectDCE(new Map([[1, function () {}]]), 'function in a Map');
expectDCE(new Error('x', { cause: function () {} }), 'function as a cause');
expectDCE(new Map().entries(), 'iterator');
expectDCE(globalThis, 'global object');

// arguments
assertThrows(TypeError, function () { sc(); });
assertEq(sc(1, undefined), 1);
assertEq(sc(1, null), 1);
assertEq(sc(1, {}), 1);
assertThrows(TypeError, function () { sc(1, 5); });
assertEq(structuredClone.length, 1);
assertEq(structuredClone.name, 'structuredClone');

// deep nesting fails cleanly
var deep = [];
var cur = deep;
for (var n = 0; n < 200000; n++) { var nx = []; cur.push(nx); cur = nx; }
var threw = false;
try { sc(deep); } catch (err) { threw = err instanceof RangeError; }
assertEq(threw, true, 'stack overflow is a RangeError');
