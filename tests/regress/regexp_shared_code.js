// RegExp objects made from one literal (or one source) share their
// compiled code (engine/regexp/re_rt.c): every evaluation must still give a
// new object with its own lastIndex, and compile() on one of them must not
// change the others.
function make() { return /a(b)?/g; }
const r1 = make(), r2 = make();
assert(r1 !== r2, 'a new object per evaluation');
r1.lastIndex = 3;
assertEq(r2.lastIndex, 0);
assertEq(r1.exec('xxxab')[0], 'ab');
assertEq(r2.exec('ab')[1], 'b');
r1.compile('z+', 'i');
assertEq(r1.source, 'z+');
assertEq(r2.source, 'a(b)?');
assert(r1.test('ZZ') && !r1.test('ab'));
r2.lastIndex = 0;
assertEq(r2.exec('xab')[0], 'ab', 'r2 still runs its own pattern');
const r3 = make();
assertEq(r3.exec('ab')[0], 'ab');
// same source, other flags: other code
assert(new RegExp('a', 'i').test('A') && !new RegExp('a').test('A'));
// many distinct patterns evict each other and still match
for (let i = 0; i < 500; i++) {
    const re = new RegExp('^x' + i + '$', i % 2 ? 'u' : '');
    assert(re.test('x' + i) && !re.test('x' + i + '0'), String(i));
}
// a replacer that recompiles the regexp while it runs
const rx = /(?<w>o)/g;
assertEq('foo'.replace(rx, (m, g, off, s, groups) => { rx.compile('q'); return groups.w.toUpperCase(); }), 'fOO');
// wide (UTF-16) patterns
const w = () => /é(\u{1F600})/u;
assertEq(w().exec('é😀')[1], '😀');
assertEq(w().exec('é😀')[1], '😀');
