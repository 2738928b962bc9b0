# weft's command line: -e, --include, scriptArgs, --version, --help, errors.
. "$(dirname "$0")/lib.sh"

run --version
expect_rc 0 "--version"
case "$out" in "weft "[0-9]*) ;; *) fail "--version prints 'weft X.Y.Z'" ;; esac

run --help
expect_rc 0 "--help"
case "$out" in usage:*) ;; *) fail "--help prints the usage" ;; esac

run -e 'console.log(1 + 2)'
expect_rc 0 "-e"
expect_out 3 "-e"

run -e 'console.log(scriptArgs.join("|"))' a 'b c'
expect_out 'a|b c' "-e with arguments"

printf 'console.log(scriptArgs.length, scriptArgs[1], scriptArgs[2])\n' > "$tmpd/args.js"
run "$tmpd/args.js" x -y
expect_rc 0 "file arguments"
expect_out "3 x -y" "file arguments (options after the file belong to the script)"

printf 'var included = 40;\n' > "$tmpd/inc.js"
printf 'var more = 2;\n' > "$tmpd/inc2.js"
run --include "$tmpd/inc.js" -I "$tmpd/inc2.js" -e 'console.log(included + more)'
expect_out 42 "--include (repeatable)"

run --script -e 'console.log(typeof this)'
expect_out object "--script"

run --std -e 'std.printf("%d %s\n", 7, typeof os.open)'
expect_rc 0 "--std"
expect_out "7 function" "--std makes std and os globals"

run "$tmpd/missing.js"
expect_rc 1 "missing file"
expect_err_has "cannot read" "missing file"

run --no-such-option
expect_rc 2 "unknown option"

run
expect_rc 2 "no script"
finish
