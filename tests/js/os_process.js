// os.exec / os.waitpid / os.kill / os.signal / os.sleep.
import * as os from "os";
import * as std from "std";

// blocking exec: the exit status; a missing program exits with 127
assertEq(os.exec(["true"]), 0);
assertEq(os.exec(["sh", "-c", "exit 7"]), 7);
assertEq(os.exec(["/definitely/not/here"]), 127);
assertEq(os.exec(["true"], { usePath: false }), 127);   // no PATH search
assertEq(os.exec(["/bin/true"], { usePath: false }), 0);
assertEq(os.exec(["sh", "-c", "kill -TERM $$"]), -os.SIGTERM);
// `file` replaces argv[0] as the program
assertEq(os.exec(["ignored", "-c", "exit 3"], { file: "sh" }), 3);

// stdout to a pipe, env and cwd
const [r, w] = os.pipe();
const st = os.exec(["sh", "-c", 'printf "%s:%s" "$WEFT_X" "$(pwd)"'],
                   { stdout: w, env: { WEFT_X: "hello", PATH: std.getenv("PATH") }, cwd: "/tmp" });
assertEq(st, 0);
os.close(w);
const buf = new ArrayBuffer(256);
const n = os.read(r, buf, 0, 256);
os.close(r);
assertEq(String.fromCharCode(...new Uint8Array(buf, 0, n)), "hello:" + os.realpath("/tmp")[0]);

// stdin from a pipe
const [r2, w2] = os.pipe();
os.write(w2, new Uint8Array([65, 66, 10]).buffer, 0, 3);
os.close(w2);
assertEq(os.exec(["sh", "-c", 'read x; test "$x" = AB'], { stdin: r2 }), 0);
os.close(r2);

// non-blocking exec + waitpid
const pid = os.exec(["sh", "-c", "exit 5"], { block: false });
assert(pid > 0);
let [ret, status] = os.waitpid(pid, 0);
assertEq(ret, pid);
assertEq((status >> 8) & 0xff, 5);           // WEXITSTATUS
assertEq(os.waitpid(pid, 0)[0], -10 /* ECHILD */);

// WNOHANG on a running child, then kill it
const pid2 = os.exec(["sleep", "10"], { block: false });
assertDeepEq(os.waitpid(pid2, os.WNOHANG), [0, 0]);
assertEq(os.kill(pid2, os.SIGKILL), 0);
[ret, status] = os.waitpid(pid2, 0);
assertEq(ret, pid2);
assertEq(status & 0x7f, os.SIGKILL);          // WTERMSIG
assertEq(os.kill(pid2, 0), -3 /* ESRCH */);

assertThrows(TypeError, () => os.exec("ls"));
assertThrows(RangeError, () => os.exec([]));

// sleep blocks
const t = os.now();
os.sleep(20);
assert(os.now() - t >= 19);

// signals: a handler runs as a macrotask; it does not keep the loop alive
let got = 0;
os.signal(os.SIGUSR1, (sig) => {
  got++;
  assertEq(sig, os.SIGUSR1);
});
assertThrows(RangeError, () => os.signal(os.SIGKILL, () => {}));
assertThrows(RangeError, () => os.signal(0, () => {}));
os.kill(os.getpid(), os.SIGUSR1);
setTimeout(() => {
  assertEq(got, 1);
  os.kill(os.getpid(), os.SIGUSR1);
  setTimeout(() => {
    assertEq(got, 2);
    // undefined ignores the signal, null restores the default action
    os.signal(os.SIGUSR2, undefined);
    os.kill(os.getpid(), os.SIGUSR2);      // ignored: we live on
    os.signal(os.SIGUSR2, null);
    os.signal(os.SIGUSR1, undefined);
    console.log("os_process ok");
  }, 30);
}, 30);
