// Timers and the event loop: setTimeout/setInterval ordering, arguments,
// clearing, microtasks between macrotasks, queueMicrotask, os.setTimeout,
// os.sleepAsync, os.now, performance.now.
import * as os from "os";

const log = [];
const t0 = os.now();

// same delay: creation order; shorter delay first
setTimeout(() => log.push("b20"), 20);
setTimeout(() => log.push("a5"), 5);
setTimeout(() => log.push("c20"), 20);
// 0 and 1 are the same (Node clamps to 1 ms): creation order
setTimeout(() => log.push("z0"), 0);
setTimeout(() => log.push("z1"), 1);
// arguments after the delay
setTimeout((x, y) => log.push("args:" + x + y), 2, "p", "q");
// cleared before running
const cleared = setTimeout(() => log.push("never"), 3);
clearTimeout(cleared);
clearTimeout(cleared);        // twice is harmless
clearTimeout(undefined);      // and so is nonsense
clearTimeout("x");
assert(typeof cleared === "number" && cleared > 0, "timer ids are positive numbers");

// microtasks run before the next macrotask, and after each one
setTimeout(() => {
  log.push("m1");
  Promise.resolve().then(() => log.push("m1-micro"));
  queueMicrotask(() => log.push("m1-qm"));
}, 30);
setTimeout(() => log.push("m2"), 30);

// interval: runs three times then clears itself
let n = 0;
const iv = setInterval(() => {
  n++;
  log.push("iv" + n);
  if (n === 3) clearInterval(iv);
}, 10);

// a timer cleared from another timer's callback does not run
const victim = setTimeout(() => log.push("victim"), 45);
setTimeout(() => clearTimeout(victim), 40);

// os.setTimeout / os.clearTimeout share the same timers
const ot = os.setTimeout(() => log.push("os-timer"), 35);
assert(typeof ot === "number");
os.clearTimeout(os.setTimeout(() => log.push("os-never"), 1));

queueMicrotask(() => log.push("qm-first"));
assertThrows(TypeError, () => queueMicrotask(42));
assertThrows(TypeError, () => setTimeout("code", 1));

// sleepAsync resolves after its delay
const before = os.now();
await os.sleepAsync(15);
assert(os.now() - before >= 14, "sleepAsync waited " + (os.now() - before));
assert(typeof performance.now() === "number");

setTimeout(() => {
  const expect = ["qm-first", "z0", "z1", "args:pq", "a5", "iv1", "b20", "c20", "iv2",
                  "m1", "m1-micro", "m1-qm", "m2", "iv3", "os-timer"];
  // the interval and the 20 ms timers may interleave by a tick on a busy
  // machine: compare each group's order, not the exact merge
  const only = (names) => log.filter((x) => names.includes(x));
  assertDeepEq(only(["qm-first", "z0", "z1", "args:pq", "a5"]), ["qm-first", "z0", "z1", "args:pq", "a5"]);
  assertDeepEq(only(["b20", "c20", "m1", "m1-micro", "m1-qm", "m2", "os-timer"]),
               ["b20", "c20", "m1", "m1-micro", "m1-qm", "m2", "os-timer"]);
  assertDeepEq(only(["iv1", "iv2", "iv3"]), ["iv1", "iv2", "iv3"]);
  assertEq(log.length, expect.length, "log: " + log.join(","));
  assert(!log.includes("never") && !log.includes("victim") && !log.includes("os-never"));
  assert(os.now() - t0 >= 59);
  console.log("os_timers ok");
}, 60);
