// Array.fromAsync (ES2026 23.1.2.2): async iterables, sync iterables,
// array-likes, mapping, constructors, errors and iterator closing.
assertEq(typeof Array.fromAsync, 'function');
assertEq(Array.fromAsync.length, 1);
assertEq(Array.fromAsync.name, 'fromAsync');
assertThrows(TypeError, () => new Array.fromAsync([]));

const results = [];
function check(name, promise, fn) {
    results.push(promise.then(v => { fn(v, null); return name; },
                              e => { fn(null, e); return name; }));
}

async function* gen() { yield 1; yield Promise.resolve(2); yield 3; }
check('async generator', Array.fromAsync(gen()), a => assertDeepEq(a, [1, 2, 3]));
check('mapped async', Array.fromAsync(gen(), function (x, i) { return x * 10 + i + this.d; }, { d: 100 }),
      a => assertDeepEq(a, [110, 121, 132]));
check('async mapfn', Array.fromAsync([1, 2], async x => x + 1), a => assertDeepEq(a, [2, 3]));
check('sync iterable awaits values', Array.fromAsync([Promise.resolve('p'), 'q']),
      a => assertDeepEq(a, ['p', 'q']));
check('string', Array.fromAsync('ab'), a => assertDeepEq(a, ['a', 'b']));
check('set', Array.fromAsync(new Set([3, 4])), a => assertDeepEq(a, [3, 4]));
check('array-like', Array.fromAsync({ length: 3, 0: 'x', 1: Promise.resolve('y') }),
      a => { assertEq(a.length, 3); assertEq(a[0], 'x'); assertEq(a[1], 'y'); assertEq(a[2], undefined); assert(2 in a); });
check('number is an empty array-like', Array.fromAsync(5), a => assertDeepEq(a, []));
check('result is a new array', Array.fromAsync([]), a => { assert(Array.isArray(a)); assertEq(a.length, 0); });

// `this` as constructor
class Box { constructor(...args) { this.args = args; } }
check('constructor, iterable', Array.fromAsync.call(Box, [1, 2]),
      a => { assert(a instanceof Box); assertDeepEq(a.args, []); assertEq(a.length, 2); assertEq(a[1], 2); });
check('constructor, array-like', Array.fromAsync.call(Box, { length: 1, 0: 'z' }),
      a => { assertDeepEq(a.args, [1]); assertEq(a[0], 'z'); });
check('non-constructor this', Array.fromAsync.call({}, [1]), a => assert(Array.isArray(a)));

// errors reject, never throw synchronously
for (const bad of [null, undefined])
    check('rejects ' + bad, Array.fromAsync(bad), (a, e) => assert(e instanceof TypeError));
check('mapfn not callable', Array.fromAsync([1], 'nope'), (a, e) => assert(e instanceof TypeError));
check('rejected element', Array.fromAsync([Promise.reject(new RangeError('r'))]),
      (a, e) => assert(e instanceof RangeError));
check('throwing next', Array.fromAsync({ [Symbol.asyncIterator]() { return { next() { throw new SyntaxError('n'); } }; } }),
      (a, e) => assert(e instanceof SyntaxError));
check('non-object result', Array.fromAsync({ [Symbol.asyncIterator]() { return { next() { return 1; } }; } }),
      (a, e) => assert(e instanceof TypeError));

// a throwing (or rejecting) mapfn closes the iterator, and its error wins
let closes = 0;
const closable = () => ({
    [Symbol.asyncIterator]() {
        return {
            next() { return Promise.resolve({ value: 1, done: false }); },
            return() { closes++; return Promise.reject(new Error('ignored')); },
        };
    },
});
check('mapfn throws', Array.fromAsync(closable(), () => { throw new EvalError('m'); }),
      (a, e) => assert(e instanceof EvalError));
check('mapfn rejects', Array.fromAsync(closable(), async () => { throw new URIError('u'); }),
      (a, e) => assert(e instanceof URIError));

// ordering: values are awaited one after another
const order = [];
check('sequential', Array.fromAsync({
    [Symbol.asyncIterator]() {
        let i = 0;
        return { next() { order.push('next' + i); return Promise.resolve({ value: i, done: i++ === 2 }); } };
    },
}, v => { order.push('map' + v); return v; }), a => {
    assertDeepEq(a, [0, 1]);
    assertDeepEq(order, ['next0', 'map0', 'next1', 'map1', 'next2']);
});

Promise.all(results).then(names => {
    assertEq(closes, 2, 'return() called for both mapfn failures');
    assertEq(names.length, results.length);
}).catch(e => { print('FAILED: ' + e); throw e; });
