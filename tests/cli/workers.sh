# Worker reports on stderr when nobody listens: an uncaught error of a
# worker whose parent has no onerror, a message the parent cannot use.
# The parent process is not disturbed (exit status 0).
. "$(dirname "$0")/lib.sh"

cat > "$tmpd/thrower.js" <<'JS'
import * as os from 'os';
function work() { throw new RangeError('worker failed'); }
work();
JS
cat > "$tmpd/main.js" <<'JS'
import * as os from 'os';
const w = new os.Worker('./thrower.js');
w.onmessage = () => {};          // keeps us alive while the worker runs
console.log('main done');
JS
run "$tmpd/main.js"
expect_rc 0 "worker error without onerror"
expect_out "main done" "worker error without onerror"
expect_err_has "Uncaught error in worker" "worker error is printed"
expect_err_has "RangeError: worker failed" "worker error names the error"
expect_err_has "thrower.js:2" "worker error has the worker's stack"

# the same error with an onerror handler: nothing printed
cat > "$tmpd/main2.js" <<'JS'
import * as os from 'os';
const w = new os.Worker('./thrower.js');
w.onerror = (e) => { console.log(e.name, e.message, e instanceof RangeError); w.onerror = null; };
JS
run "$tmpd/main2.js"
expect_rc 0 "worker error with onerror"
expect_out "RangeError worker failed true" "onerror gets a RangeError"
expect_err "" "nothing on stderr when onerror handles it"

# a missing worker module: a clear error where it is created
cat > "$tmpd/main3.js" <<'JS'
import * as os from 'os';
new os.Worker('./missing.js');
JS
run "$tmpd/main3.js"
expect_rc 1 "missing worker module"
expect_err_has "missing.js" "the error names the missing file"
finish
