// os: descriptors and the file system (open/read/write/seek/close, dup,
// pipe, isatty, stat/lstat, mkdir, readdir, rename, remove, symlink,
// readlink, realpath, getcwd/chdir, utimes), QuickJS's error conventions.
import * as os from "os";

const dir = "/tmp/weft-os-files-" + os.getpid();
const ENOENT = 2, EEXIST = 17, EBADF = 9;

function rmrf(p) {
  const [st, err] = os.lstat(p);
  if (err) return;
  if ((st.mode & os.S_IFMT) === os.S_IFDIR) {
    const [names] = os.readdir(p);
    for (const n of names) if (n !== "." && n !== "..") rmrf(p + "/" + n);
  }
  assertEq(os.remove(p), 0, "remove " + p);
}

rmrf(dir);
assertEq(os.mkdir(dir), 0);
assertEq(os.mkdir(dir), -EEXIST);
try {
  // open / write / seek / read / close
  const f = dir + "/a.txt";
  const fd = os.open(f, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644);
  assert(fd >= 0, "open " + fd);
  const out = new Uint8Array([104, 101, 108, 108, 111, 33]);      // "hello!"
  assertEq(os.write(fd, out.buffer, 0, 5), 5);
  assertEq(os.write(fd, out, 5, 1), 1);                           // typed arrays too
  assertEq(os.seek(fd, 0, 1 /* SEEK_CUR */), 6);
  assertEq(os.seek(fd, 1, 0), 1);
  assertEq(typeof os.seek(fd, 0n, 1), "bigint");
  const buf = new ArrayBuffer(10);
  assertEq(os.read(fd, buf, 0, 10), 5);
  assertEq(String.fromCharCode(...new Uint8Array(buf, 0, 5)), "ello!");
  assertEq(os.read(fd, buf, 0, 10), 0);                           // end of file
  assertThrows(RangeError, () => os.read(fd, buf, 8, 5));
  assertThrows(RangeError, () => os.write(fd, buf, -1, 1));
  assertThrows(TypeError, () => os.read(fd, "not a buffer", 0, 1));
  assertEq(os.isatty(fd), false);
  assertEq(os.ttyGetWinSize(fd), null);
  // dup / dup2 share the offset
  const fd2 = os.dup(fd);
  assert(fd2 >= 0 && fd2 !== fd);
  assertEq(os.seek(fd2, 0, 0), 0);
  assertEq(os.seek(fd, 0, 1), 0);
  const fd3 = os.open(f, os.O_RDONLY);
  assertEq(os.dup2(fd, fd3), fd3);
  assertEq(os.close(fd3), 0);
  assertEq(os.close(fd2), 0);
  assertEq(os.close(fd), 0);
  assertEq(os.close(fd), -EBADF);
  assertEq(os.open(dir + "/missing", os.O_RDONLY), -ENOENT);
  assertEq(os.read(-1, buf, 0, 1), -EBADF);

  // stat / lstat
  let [st, err] = os.stat(f);
  assertEq(err, 0);
  assertEq(st.size, 6);
  assertEq(st.mode & os.S_IFMT, os.S_IFREG);
  assertEq(st.mode & 0o777, 0o644);
  assert(st.mtime > 1.5e12 && st.mtime < 1e14, "mtime in ms");
  for (const k of ["dev", "ino", "nlink", "uid", "gid", "rdev", "blocks", "atime", "ctime"])
    assertEq(typeof st[k], "number", k);
  [st, err] = os.stat(dir + "/missing");
  assertEq(st, null);
  assertEq(err, ENOENT);

  // utimes (milliseconds)
  assertEq(os.utimes(f, 1000000000000, 1500000000000), 0);
  [st] = os.stat(f);
  assertEq(st.mtime, 1500000000000);
  assertEq(st.atime, 1000000000000);

  // symlink / readlink / lstat / realpath
  assertEq(os.symlink("a.txt", dir + "/link"), 0);
  assertDeepEq(os.readlink(dir + "/link"), ["a.txt", 0]);
  assertEq(os.readlink(f)[1], 22 /* EINVAL */);
  assertEq(os.lstat(dir + "/link")[0].mode & os.S_IFMT, os.S_IFLNK);
  assertEq(os.stat(dir + "/link")[0].mode & os.S_IFMT, os.S_IFREG);
  const [real, rerr] = os.realpath(dir + "/sub/../link");
  assertEq(rerr, ENOENT);                  // sub does not exist
  assertEq(real, "");
  assertEq(os.mkdir(dir + "/sub", 0o700), 0);
  assertEq(os.stat(dir + "/sub")[0].mode & 0o777, 0o700);
  assertDeepEq(os.realpath(dir + "/sub/../link"), [os.realpath(f)[0], 0]);

  // rename / readdir
  assertEq(os.rename(f, dir + "/b.txt"), 0);
  assertEq(os.rename(f, dir + "/c.txt"), -ENOENT);
  const [names, derr] = os.readdir(dir);
  assertEq(derr, 0);
  assertDeepEq(names.filter((n) => n[0] !== ".").sort(), ["b.txt", "link", "sub"]);
  assert(names.includes(".") && names.includes(".."));
  assertEq(os.readdir(dir + "/nope")[1], ENOENT);

  // getcwd / chdir
  const [cwd0, cerr] = os.getcwd();
  assertEq(cerr, 0);
  assertEq(os.chdir(dir + "/sub"), 0);
  assertEq(os.getcwd()[0], os.realpath(dir + "/sub")[0]);
  assertEq(os.chdir(".."), 0);
  assertEq(os.chdir(dir + "/nope"), -ENOENT);
  assertEq(os.chdir(cwd0), 0);

  // remove: files and empty directories; a full directory is refused
  assert(os.remove(dir) < 0);
  assertEq(os.remove(dir + "/sub"), 0);
  assertEq(os.remove(dir + "/b.txt"), 0);
  assertEq(os.remove(dir + "/b.txt"), -ENOENT);

  // pipe
  const p = os.pipe();
  assert(Array.isArray(p) && p.length === 2);
  assertEq(os.write(p[1], new Uint8Array([1, 2, 3]).buffer, 0, 3), 3);
  const pb = new Uint8Array(8);
  assertEq(os.read(p[0], pb.buffer, 0, 8), 3);
  assertDeepEq(Array.from(pb.subarray(0, 3)), [1, 2, 3]);
  os.close(p[0]);
  os.close(p[1]);

  // bad argument types throw
  assertThrows(TypeError, () => os.open(Symbol(), 0));
  assertEq(typeof os.platform, "string");
  assertEq(os.O_RDONLY, 0);
  assert(os.S_IFDIR > 0 && os.SIGTERM === 15 && os.WNOHANG === 1);
} finally {
  rmrf(dir);
}
console.log("os_files ok");
