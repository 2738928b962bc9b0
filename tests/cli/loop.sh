# The event loop as the weft command runs it: exit statuses of uncaught
# errors in callbacks, unhandled rejections (Node's rules), std.exit.
. "$(dirname "$0")/lib.sh"

run -e 'setTimeout(() => { throw new Error("in timer"); }, 1); setTimeout(() => console.log("not reached"), 30)'
expect_rc 1 "error in a timer"
expect_out "" "error in a timer stops the program"
expect_err_has "Error: in timer" "error in a timer"
expect_err_has "<cmdline>:1" "error in a timer has its stack"

run -e 'Promise.reject(new TypeError("nobody handles me"))'
expect_rc 1 "unhandled rejection"
expect_err_has "TypeError: nobody handles me" "unhandled rejection"

run -e 'Promise.reject(42)'
expect_rc 1 "unhandled rejection of a non-error"
expect_err "Uncaught (in promise) 42" "unhandled rejection of a non-error"

run -e 'const p = Promise.reject(new Error("late")); queueMicrotask(() => p.catch(() => console.log("caught")))'
expect_rc 0 "rejection handled in the same turn"
expect_out caught "rejection handled in the same turn"

run -e 'async function f() { throw new Error("async fail"); } f(); setTimeout(() => console.log("not reached"), 20)'
expect_rc 1 "async function rejection"
expect_out "" "async function rejection ends the program"

run -e 'queueMicrotask(() => { throw new RangeError("micro"); })'
expect_rc 1 "error in a microtask"
expect_err_has "RangeError: micro" "error in a microtask"

run -e 'import * as std from "std"; console.log("before"); std.exit(3); console.log("after")'
expect_rc 3 "std.exit"
expect_out before "std.exit flushes and stops"

run -e 'import * as os from "os"; const [r, w] = os.pipe(); os.setReadHandler(r, () => { throw new Error("in handler"); }); os.write(w, new ArrayBuffer(1), 0, 1)'
expect_rc 1 "error in an fd handler"
expect_err_has "Error: in handler" "error in an fd handler"

run -e 'let n = 0; const t = setInterval(() => { if (++n === 3) { clearInterval(t); console.log("done", n); } }, 1)'
expect_rc 0 "interval ends"
expect_out "done 3" "interval ends"

# a timer keeps the program alive; nothing else does
run -e 'import * as os from "os"; os.signal(os.SIGUSR1, () => {}); console.log("exits")'
expect_rc 0 "a signal handler alone does not keep the loop alive"
finish
