// The V8-style `stack` of errors, Error.captureStackTrace and
// Error.stackTraceLimit (extensions Node.js programs rely on).
const FILE = /error_stack\.js:\d+:\d+/;

function lines(stack) { return stack.split('\n'); }
function frame(line) {       // "    at NAME (FILE:L:C)" or "    at FILE:L:C"
    const m = /^    at (?:(.+) \((.+):(\d+):(\d+)\)|(.+):(\d+):(\d+))$/.exec(line);
    if (!m) return null;
    return m[1] !== undefined
        ? { name: m[1], file: m[2], line: +m[3], col: +m[4] }
        : { name: null, file: m[5], line: +m[6], col: +m[7] };
}

// header and frames
function inner() { return new TypeError('bad thing'); }
function outer() { return inner(); }
let e = outer();
let ls = lines(e.stack);
assertEq(ls[0], 'TypeError: bad thing');
assertEq(frame(ls[1]).name, 'inner');
assert(FILE.test(ls[1]), ls[1]);
assertEq(frame(ls[2]).name, 'outer');
assertEq(frame(ls[3]).name, null, 'top-level code has no name: ' + ls[3]);
assert(/error_stack\.js$/.test(frame(ls[3]).file));
assertEq(frame(ls[1]).line + 1, frame(ls[2]).line);
assertEq(Object.getOwnPropertyDescriptor(e, 'stack').enumerable, false);
assertEq(new Error().stack.split('\n')[0], 'Error');
assertEq(new RangeError('').stack.split('\n')[0], 'RangeError');

// constructor calls and methods, as V8 names them
function Ctor() { this.stack = new Error('x').stack; }
assertEq(frame(lines(new Ctor().stack)[1]).name, 'new Ctor');
class K {
    m() { return new Error('m').stack; }
    static s() { return new Error('s').stack; }
}
assertEq(frame(lines(new K().m())[1]).name, 'K.m');
assertEq(frame(lines(K.s())[1]).name, 'K.s');
const plain = { meth() { return new Error('o').stack; } };
assertEq(frame(lines(plain.meth())[1]).name, 'Object.meth');
const viaMap = [0].map(function cb() { return new Error('cb').stack; })[0];
assertEq(frame(lines(viaMap)[1]).name, 'cb');
assert(/^    at \S*map \(native\)$/.test(lines(viaMap)[2]), lines(viaMap)[2]);
const arrow = (() => new Error('a').stack)();
assertEq(frame(lines(arrow)[1]).name, null);

// thrown errors keep the stack of their creation
try { null.x; } catch (err) {
    assert(err instanceof TypeError);
    assert(/^TypeError: /.test(err.stack), err.stack);
    assert(FILE.test(lines(err.stack)[1]), err.stack);
}

// Error.captureStackTrace
assertEq(typeof Error.captureStackTrace, 'function');
assertEq(Error.captureStackTrace.length, 1);
assertThrows(TypeError, () => Error.captureStackTrace(1));
const o = {};
assertEq(Error.captureStackTrace(o), undefined);
assertEq(lines(o.stack)[0], 'Error');
assertEq(frame(lines(o.stack)[1]).name, null);     // no frame for captureStackTrace itself
const desc = Object.getOwnPropertyDescriptor(o, 'stack');
assert(desc.writable && desc.configurable && !desc.enumerable);
const named = { name: 'MyError', message: 'went wrong' };
Error.captureStackTrace(named);
assertEq(lines(named.stack)[0], 'MyError: went wrong');

// constructorOpt hides the frames up to and including its innermost call
function a() { return b(); }
function b() { return c(); }
function c() { const t = {}; Error.captureStackTrace(t, b); return t.stack; }
let st = lines(a());
assertEq(frame(st[1]).name, 'a', st.join('\n'));
assertEq(st.length, 3);
function notOnStack() {}
function d() { const t = {}; Error.captureStackTrace(t, notOnStack); return t.stack; }
assertEq(d(), 'Error');
function e2() { const t = {}; Error.captureStackTrace(t, 42); return t.stack; }
assertEq(frame(lines(e2())[1]).name, 'e2');       // not a function: ignored

// a custom error class hiding its own constructor
class AppError extends Error {
    constructor(msg) {
        super(msg);
        this.name = 'AppError';
        Error.captureStackTrace(this, AppError);
    }
}
function thrower() { throw new AppError('nope'); }
try { thrower(); } catch (err) {
    const l = lines(err.stack);
    assertEq(l[0], 'AppError: nope');
    assertEq(frame(l[1]).name, 'thrower');
}

// Error.stackTraceLimit
assertEq(Error.stackTraceLimit, 10);
function deep(n) { return n === 0 ? new Error('deep') : deep(n - 1); }
assertEq(lines(deep(30).stack).length, 11);
Error.stackTraceLimit = 3;
assertEq(lines(deep(30).stack).length, 4);
Error.stackTraceLimit = 0;
assertEq(deep(5).stack, 'Error: deep');
Error.stackTraceLimit = Infinity;
assertEq(lines(deep(30).stack).length, 33);
Error.stackTraceLimit = 'x';
assertEq(deep(3).stack, 'Error: deep');
Error.stackTraceLimit = 10;
