// The helpers of assert.js report failures (so that passing tests mean something).

function mustFail(fn, fragment) {
  var err = null;
  try { fn(); } catch (e) { err = e; }
  if (err === null) throw new Error('expected a failure containing ' + fragment);
  if (err.message.indexOf(fragment) < 0)
    throw new Error('message "' + err.message + '" lacks "' + fragment + '"');
}

assert(true);
assertEq(NaN, NaN);
assertEq('a', 'a');
assertDeepEq([1, [2, { x: 3 }]], [1, [2, { x: 3 }]]);
assertDeepEq({ b: 1, a: 2 }, { a: 2, b: 1 });

mustFail(function () { assert(false, 'why'); }, 'why');
mustFail(function () { assertEq(1, 2); }, 'expected 2, got 1');
mustFail(function () { assertEq(0, -0); }, 'expected -0, got 0');
mustFail(function () { assertEq('1', 1); }, 'expected 1, got "1"');
mustFail(function () { assertNotEq(3, 3); }, 'got 3');
mustFail(function () { assertDeepEq([1, 2], [1, 3]); }, 'value[1]: expected 3, got 2');
mustFail(function () { assertDeepEq({ a: 1 }, { a: 1, b: 2 }); }, 'keys');
mustFail(function () { assertThrows(TypeError, function () {}); }, 'nothing was thrown');
mustFail(function () {
  assertThrows(TypeError, function () { throw new RangeError('r'); });
}, 'got RangeError: r');

var e = assertThrows(RangeError, function () { throw new RangeError('r'); });
assertEq(e.message, 'r');
