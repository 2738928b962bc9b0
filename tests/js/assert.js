// assert.js - assertions shared by the tests in tests/js.
//
// A classic script (not a module): tests/run.sh loads it first with
// `weft --include tests/js/assert.js FILE`.  It defines global functions:
//
//   assert(cond, msg)                  cond must be truthy
//   assertEq(actual, expected, msg)    SameValue (NaN equals NaN, 0 != -0)
//   assertNotEq(actual, unexpected, msg)
//   assertThrows(ErrorCtor, fn, msg)   fn() must throw an ErrorCtor
//   assertDeepEq(actual, expected, msg) arrays and plain objects, deeply
//
// A failed assertion throws an Error whose message shows both values.
// Written in plain ES5 on purpose: it must run on a young engine.

function __fmtValue(v, depth) {
  var t = typeof v;
  var i, keys, parts;
  if (depth === undefined) depth = 0;
  if (v === null) return 'null';
  if (t === 'undefined') return 'undefined';
  if (t === 'string') return __quote(v);
  if (t === 'number') {
    if (v === 0 && 1 / v < 0) return '-0';
    return '' + v;
  }
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t === 'symbol') return String(v);
  if (t === 'bigint') return String(v) + 'n';
  if (t === 'function') return 'function ' + (v.name || '(anonymous)');
  if (depth > 2) return Array.isArray(v) ? '[...]' : '{...}';
  if (Array.isArray(v)) {
    parts = [];
    for (i = 0; i < v.length && i < 20; i++) parts.push(__fmtValue(v[i], depth + 1));
    if (v.length > 20) parts.push('... ' + (v.length - 20) + ' more');
    return '[' + parts.join(', ') + ']';
  }
  if (v instanceof Error) return v.name + ': ' + v.message;
  keys = Object.keys(v);
  parts = [];
  for (i = 0; i < keys.length && i < 20; i++)
    parts.push(keys[i] + ': ' + __fmtValue(v[keys[i]], depth + 1));
  return '{' + parts.join(', ') + '}';
}

function __quote(s) {
  var out = '"', i, c;
  for (i = 0; i < s.length; i++) {
    c = s.charAt(i);
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else out += c;
  }
  return out + '"';
}

function __sameValue(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

function __fail(what, msg) {
  throw new Error(what + (msg ? ' (' + msg + ')' : ''));
}

function assert(cond, msg) {
  if (!cond) __fail('assertion failed: got ' + __fmtValue(cond), msg);
}

function assertEq(actual, expected, msg) {
  if (!__sameValue(actual, expected))
    __fail('assertEq failed: expected ' + __fmtValue(expected) + ', got ' + __fmtValue(actual), msg);
}

function assertNotEq(actual, unexpected, msg) {
  if (__sameValue(actual, unexpected))
    __fail('assertNotEq failed: got ' + __fmtValue(actual), msg);
}

function assertThrows(ErrorCtor, fn, msg) {
  var threw = false, err;
  try {
    fn();
  } catch (e) {
    threw = true;
    err = e;
  }
  if (!threw)
    __fail('assertThrows failed: expected ' + (ErrorCtor ? ErrorCtor.name : 'an exception') +
           ', nothing was thrown', msg);
  if (ErrorCtor && !(err instanceof ErrorCtor))
    __fail('assertThrows failed: expected ' + ErrorCtor.name + ', got ' + __fmtValue(err), msg);
  return err;
}

function __isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  var p = Object.getPrototypeOf(v);
  return p === null || p === Object.prototype;
}

// Returns '' when equal, else the path and values of the first difference.
function __deepDiff(a, b, path) {
  var i, ka, kb;
  if (__sameValue(a, b)) return '';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length)
      return path + '.length: expected ' + b.length + ', got ' + a.length;
    for (i = 0; i < a.length; i++) {
      var d = __deepDiff(a[i], b[i], path + '[' + i + ']');
      if (d) return d;
    }
    return '';
  }
  if (__isPlainObject(a) && __isPlainObject(b)) {
    ka = Object.keys(a).sort();
    kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000'))
      return path + ' keys: expected [' + kb.join(', ') + '], got [' + ka.join(', ') + ']';
    for (i = 0; i < ka.length; i++) {
      var d2 = __deepDiff(a[ka[i]], b[ka[i]], path + '.' + ka[i]);
      if (d2) return d2;
    }
    return '';
  }
  return path + ': expected ' + __fmtValue(b) + ', got ' + __fmtValue(a);
}

function assertDeepEq(actual, expected, msg) {
  var d = __deepDiff(actual, expected, 'value');
  if (d) __fail('assertDeepEq failed at ' + d, msg);
}
