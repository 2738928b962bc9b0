# Uncaught exceptions: exit status 1 and a readable report on stderr.
. "$(dirname "$0")/lib.sh"

run -e 'throw new TypeError("bad thing")'
expect_rc 1 "uncaught TypeError"
expect_err_has "TypeError: bad thing" "uncaught TypeError"

printf 'function inner() { throw new RangeError("deep"); }\ninner();\n' > "$tmpd/stack.js"
run "$tmpd/stack.js"
expect_rc 1 "stack"
expect_err_has "RangeError: deep" "stack"
expect_err_has "stack.js:1" "stack names the file and line"

run -e 'throw 42'
expect_rc 1 "throw a number"
expect_err "Uncaught 42" "throw a number"

run -e 'throw { code: "E1" }'
expect_err "Uncaught { code: 'E1' }" "throw an object"

run -e 'throw "text"'
expect_err "Uncaught 'text'" "throw a string"

# syntax errors: file:line:col, the line, a caret under the column
printf 'var ok = 1;\nvar x = ;\n' > "$tmpd/syntax.js"
run "$tmpd/syntax.js"
expect_rc 1 "syntax error"
first=$(printf '%s\n' "$err" | sed -n 1p)
case "$first" in "$tmpd/syntax.js:2:"*) ;; *) fail "syntax error: first line is file:line:col" ;; esac
line2=$(printf '%s\n' "$err" | sed -n 2p)
[ "$line2" = "var x = ;" ] || fail "syntax error: second line quotes the source"
caret=$(printf '%s\n' "$err" | sed -n 3p)
col=${first##*:}
[ "$caret" = "$(printf '%*s^' $((col - 1)) '')" ] || fail "syntax error: caret under column $col"
expect_err_has "SyntaxError:" "syntax error"

# output before the error is kept, in order
run -e 'console.log("before"); null.x'
expect_rc 1 "TypeError after output"
expect_out before "output before an uncaught error"
expect_err_has "TypeError" "TypeError after output"
finish
