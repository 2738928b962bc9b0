# weftc (tools/weftc): JavaScript -> bytecode file that weft runs, or a C
# array; scripts and modules (imports resolved at run time), stripping
# options, errors.  WEFTC is the weftc next to the weft under test.
. "$(dirname "$0")/lib.sh"
WEFTC=${WEFTC:-$(dirname "$WEFT")/weftc}
[ -x "$WEFTC" ] || { echo "weftc not built next to $WEFT"; exit 1; }

# runc ARGS...: runs weftc, leaving $out, $err and $rc
runc() {
  "$WEFTC" "$@" > "$tmpd/out" 2> "$tmpd/err" < /dev/null
  rc=$?
  out=$(cat "$tmpd/out")
  err=$(cat "$tmpd/err")
}

cat > "$tmpd/s.js" <<'JS'
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
class P { #x = 2; get x() { return this.#x; } static s = `t${1}`; }
const tag = (s, ...v) => s.raw.join('|') + v.join();
console.log(fib(15), new P().x, P.s, tag`a${1}b\n`, 2n ** 70n, /a+/g.flags);
console.log(fib.toString());
JS
runc "$tmpd/s.js"
expect_rc 0 "weftc script"
[ -s "$tmpd/s.wfc" ] || fail "weftc writes FILE.wfc by default"
run "$tmpd/s.wfc"
expect_rc 0 "weft runs a .wfc script"
expect_out "610 2 t1 a|b\\n1 1180591620717411303424n g
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }" "compiled script output"

runc --strip-source --strip-debug -o "$tmpd/stripped.bin" "$tmpd/s.js"
expect_rc 0 "weftc --strip-source --strip-debug"
run "$tmpd/stripped.bin"
expect_rc 0 "stripped bytecode runs"
case "$out" in "610 2 t1 "*) ;; *) fail "stripped bytecode output" ;; esac
[ "$(wc -c < "$tmpd/stripped.bin")" -lt "$(wc -c < "$tmpd/s.wfc")" ] || fail "stripping makes the file smaller"

# modules: imports are resolved against the recorded file name at run time
mkdir -p "$tmpd/m"
printf 'export function helper(x) { return x + 1; }\n' > "$tmpd/m/h.mjs"
cat > "$tmpd/m/main.mjs" <<'JS'
import { helper } from './h.mjs';
const v = await Promise.resolve(41);
console.log('module', helper(v), import.meta.url.endsWith('main.mjs'));
JS
runc "$tmpd/m/main.mjs"
expect_rc 0 "weftc module"
run "$tmpd/m/main.wfc"
expect_rc 0 "weft runs a .wfc module"
expect_out "module 42 true" "compiled module output"

# uncaught errors keep their positions
printf 'function f() {\n  throw new TypeError("boom");\n}\nf();\n' > "$tmpd/t.js"
runc "$tmpd/t.js"
run "$tmpd/t.wfc"
expect_rc 1 "a throwing compiled script"
expect_err_has "TypeError: boom" "error of a compiled script"
expect_err_has "t.js:2" "position of the error"

# C output
runc -c -N my_code -o "$tmpd/code.c" "$tmpd/s.js"
expect_rc 0 "weftc -c"
grep -q "const uint8_t my_code\[" "$tmpd/code.c" || fail "C array named by -N"
grep -q "const uint32_t my_code_size = " "$tmpd/code.c" || fail "C size variable"

# errors
printf 'let x = ;\n' > "$tmpd/bad.js"
runc "$tmpd/bad.js"
expect_rc 1 "syntax error"
expect_err_has "SyntaxError" "weftc reports the syntax error"
runc "$tmpd/missing.js"
expect_rc 1 "missing input"
expect_err_has "cannot read" "missing input message"
runc --bogus "$tmpd/s.js"
expect_rc 1 "unknown option"

# corrupted bytecode fails cleanly
head -c 40 "$tmpd/s.wfc" > "$tmpd/cut.wfc"
run "$tmpd/cut.wfc"
expect_rc 1 "truncated bytecode"
expect_err_has "invalid serialized data" "truncated bytecode message"
finish
