# Evaluation order of a module graph with top-level await: an async sibling
# lets the next sibling run, jobs interleave, and a cycle whose members both
# await finishes in post-order (the order node prints for the same graph).
. "$(dirname "$0")/lib.sh"

d="$tmpd/tla"
mkdir -p "$d"
cat > "$d/main.mjs" <<'JS'
import { log } from './log.mjs';
import './b.mjs';
import './c.mjs';
import './cyc1.mjs';
log.push('main');
console.log(log.join(','));
JS
cat > "$d/log.mjs" <<'JS'
export const log = [];
JS
cat > "$d/b.mjs" <<'JS'
import { log } from './log.mjs';
log.push('b-start');
await null;
log.push('b-end');
JS
cat > "$d/c.mjs" <<'JS'
import { log } from './log.mjs';
log.push('c');
Promise.resolve().then(() => log.push('c-job'));
JS
cat > "$d/cyc1.mjs" <<'JS'
import { log } from './log.mjs';
import { two } from './cyc2.mjs';
log.push('cyc1:' + two());
await 0;
export function one() { return 1; }
log.push('cyc1-end');
JS
cat > "$d/cyc2.mjs" <<'JS'
import { log } from './log.mjs';
import { one } from './cyc1.mjs';
export function two() { return 2; }
log.push('cyc2:' + typeof one);
await 0;
log.push('cyc2-end');
JS

run "$d/main.mjs"
expect_rc 0 "module graph with top-level await"
expect_out "b-start,c,cyc2:function,b-end,c-job,cyc2-end,cyc1:2,cyc1-end,main" \
  "evaluation order with top-level await and a cycle"

# a rejection in an awaiting dependency reaches the importer: nothing after runs
cat > "$d/bad.mjs" <<'JS'
await null;
throw new RangeError("late failure");
JS
cat > "$d/uses_bad.mjs" <<'JS'
import './bad.mjs';
console.log('not reached');
JS
run "$d/uses_bad.mjs"
expect_rc 1 "rejected dependency"
expect_out "" "rejected dependency: importer body does not run"
expect_err_has "RangeError: late failure" "rejected dependency"
finish
