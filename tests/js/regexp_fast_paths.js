// The regexp fast paths must not change results: Latin-1 class bitmaps
// (with and without i, negated, chars above 0xFF in wide subjects), the
// literal-continuation scan when a greedy x* backtracks, first-unit scans
// through alternations, test() without a match array, and
// [Symbol.match] reading the flags of an unmodified regexp directly.

// classes: Latin-1 and beyond, i, negation
assertEq(/[a-f]+/.exec('xxcafeXbabe')[0], 'cafe');
assertEq(/[a-f]+/i.exec('xxCAFEbaXbe')[0], 'CAFEba');
assertEq(/[^a-f]+/.exec('abcXYZdef')[0], 'XYZ');
assertEq(/[^a-f]+/i.exec('abcXYZDEF')[0], 'XYZ');
assertEq(/[\u00e0-\u00ff]+/i.exec('a\u00c0\u00e9\u00ffz')[0], '\u00c0\u00e9\u00ff');
assertEq(/[\u0100-\u017f]/i.test('\u0101'), true);
assertEq(/[\u0100-\u017f]/.test('\u00ff'), false);
assertEq(/[k]/i.test('\u212a'), false, 'no u: Kelvin sign is not k');
assertEq(/[k]/iu.test('\u212a'), true, 'u: Kelvin sign folds to k');
assertEq(/[^k]/iu.test('\u212a'), false);
assertEq(/[s]/iu.test('\u017f'), true);
assertEq(/[\w]/iu.test('\u017f'), true);
assertEq(/[\w]/i.test('\u017f'), false);
assertEq(/\W/iu.test('\u017f'), false);
assertEq(/[\u03a3]/i.test('\u03c3'), true, 'wide class with i');
assertEq(/[^\u03a3]/i.test('\u03c2'), false);
assertEq(/[a-z\u0100]+/.exec('\u0100ab\u0101')[0], '\u0100ab');
assertEq(/[\xb5]/i.test('\u039c'), true, 'micro sign vs capital mu');
assertEq(/[\xff]/i.test('\u0178'), true);
assertEq(/[\xe5]/i.test('\xc5'), true);
assertEq(/./.test('\n'), false);
assertEq(/./s.test('\n'), true);
assertEq(/.+/.exec('ab\u2028cd')[0], 'ab');

// greedy star backtracking to a literal continuation
assertEq(/a.*b/.exec('a1b2b3')[0], 'a1b2b');
assertEq(/\w+ing\b/g.exec('swinging bells')[0], 'swinging');
assertEq('ringing singing'.match(/\w+ing\b/g).join(), 'ringing,singing');
assertEq(/([a-z0-9._-]+)@([a-z0-9.-]+\.[a-z]{2,})/i.exec('2024-01-02 User.Name@Host1.Example.COM x')[0],
         'User.Name@Host1.Example.COM');
assertEq(/x*X/i.exec('xxxx')[0], 'xxxx'.slice(0, 4), 'i literal continuation');
assertEq(/x*Y/i.exec('xxxy')[0], 'xxxy');
assertEq(/a*(b)/.exec('aaab').join(), 'aaab,b');
assertEq(/[ab]*(a)/.exec('abab').join(), 'aba,a');
assertEq(/[ab]*a/.exec('bbbb'), null);
assertEq(/.*\u0100/.exec('x\u0100y\u0100z')[0], 'x\u0100y\u0100');
assertEq(/.*\u{1F600}/u.exec('a\u{1F600}b\u{1F600}c')[0], 'a\u{1F600}b\u{1F600}');
assertEq(/(?<=a*b)c/.exec('aabc').index, 3);

// first units through alternations
assertEq(/\b(GET|POST|PUT)\s+(\S+)/.exec('x GET /a').slice(1).join(), 'GET,/a');
assertEq(/(?:ab|cd|ef)/.exec('zzefcd')[0], 'ef');
assertEq(/(?:ab|cd|ef|gh)/.exec('zzghcd')[0], 'gh');
assertEq(/(?:ab|)c/.exec('zzc')[0], 'c');
assertEq(/(?:a|B)/i.exec('zzb')[0], 'b');
assertEq(/(?:\u{1F600}|x)/u.exec('zz\u{1F600}')[0], '\u{1F600}');
assertEq(/(?:a|b)/y.exec('ba')[0], 'b');

// test(): lastIndex handling without the match array
var g = /o/g;
assertEq(g.test('foo'), true);
assertEq(g.lastIndex, 2);
assertEq(g.test('foo'), true);
assertEq(g.lastIndex, 3);
assertEq(g.test('foo'), false);
assertEq(g.lastIndex, 0);
var y = /o/y;
assertEq(y.test('foo'), false);
y.lastIndex = 1;
assertEq(y.test('foo'), true);
assertEq(y.lastIndex, 2);
var r = /a/;
r.exec = function () { return { length: 0 }; };
assertEq(r.test('zzz'), true, 'user exec is still called');

// [Symbol.match]: flags read directly only when nothing is modified
var m = /a/g;
assertEq('aXa'.match(m).join(), 'a,a');
var calls = 0;
var m2 = /a/g;
Object.defineProperty(m2, 'flags', { get: function () { calls++; return ''; } });
var res = 'aXa'.match(m2);
assertEq(calls, 1, 'own flags getter is used');
assertEq(res.length, 1, 'flags without g: one exec result');
assertEq(res.index, 0);
var saved = Object.getOwnPropertyDescriptor(RegExp.prototype, 'global');
Object.defineProperty(RegExp.prototype, 'global', { get: function () { return false; }, configurable: true });
res = 'aXa'.match(/a/g);
Object.defineProperty(RegExp.prototype, 'global', saved);
assertEq(res.length, 1, 'patched global getter is seen through flags');
assertEq('aXa'.match(/a/g).join(), 'a,a');
