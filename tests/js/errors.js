// Error objects: constructors, names, messages, stacks, catch and rethrow.

var ctors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];
for (var i = 0; i < ctors.length; i++) {
  var E = ctors[i];
  var e = new E('msg ' + i);
  assert(e instanceof E);
  assert(e instanceof Error);
  assertEq(e.name, E.name);
  assertEq(e.message, 'msg ' + i);
  assertEq(String(e), E.name + ': msg ' + i);
  assertEq(typeof e.stack, 'string');
}
assertEq(new Error().message, '');
assertEq(String(new Error()), 'Error');

assertThrows(ReferenceError, function () { return notDefinedAnywhere; });
assertThrows(TypeError, function () { null.x; });
assertThrows(TypeError, function () { undefined(); });
assertThrows(SyntaxError, function () { JSON.parse('{bad'); });
assertThrows(RangeError, function () { new Array(-1); });

function thrower() { throw new Error('deep'); }
function middle() { thrower(); }
var got = assertThrows(Error, middle);
assertEq(got.message, 'deep');

// rethrow keeps the object
var first = null, second = null;
try {
  try { thrower(); } catch (e1) { first = e1; throw e1; }
} catch (e2) {
  second = e2;
}
assertEq(first, second);

// non-error values can be thrown
try { throw 42; } catch (x) { assertEq(x, 42); }
try { throw { code: 7 }; } catch (x) { assertEq(x.code, 7); }
