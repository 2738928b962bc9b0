// std: FILE objects (open, fdopen, tmpfile, popen, in/out/err and every
// method), loadFile/writeFile, errorObj conventions.
import * as std from "std";
import * as os from "os";

const dir = "/tmp/weft-std-file-" + os.getpid();
os.mkdir(dir);
try {
  const name = dir + "/f.txt";
  // open with an error object
  const eobj = {};
  assertEq(std.open(dir + "/missing/x", "r", eobj), null);
  assertEq(eobj.errno, std.Error.ENOENT);
  assertEq(std.open(dir + "/missing/x", "r"), null);
  assertThrows(TypeError, () => std.open(name, "rq"));
  assertThrows(TypeError, () => std.open(name, ""));

  let f = std.open(name, "w+", eobj);
  assertEq(eobj.errno, 0);
  assertEq(Object.prototype.toString.call(f), "[object FILE]");
  f.puts("line1\n", "line2\n");
  assertEq(f.printf("%s=%d;%05.1f|%-4s|%x|%c%c\n", "n", 42, 3.14159, "ab", 255, 65, "é"), 23);
  f.putByte(0x7a);
  assertEq(f.tell(), 36);
  assertEq(f.tell64(), 36n);
  assertEq(f.flush(), 0);
  assertEq(f.seek(0, std.SEEK_SET), 0);
  assertEq(f.getline(), "line1");
  assertEq(f.getline(), "line2");
  assertEq(f.getline(), "n=42;003.1|ab  |ff|Aé");
  assertEq(f.getByte(), 0x7a);
  assertEq(f.getByte(), -1);
  assertEq(f.eof(), true);
  assertEq(f.getline(), null);
  assertEq(f.error(), false);
  f.clearerr();
  assertEq(f.eof(), false);
  assertEq(f.seek(-4, std.SEEK_END), 0);
  assertEq(f.readAsString(), "é\nz");
  f.seek(0, std.SEEK_SET);
  assertEq(f.readAsString(5), "line1");
  // read / write with buffers
  const ab = new ArrayBuffer(8);
  assertEq(f.read(ab, 2, 4), 4);
  assertEq(String.fromCharCode(...new Uint8Array(ab, 2, 4)), "\nlin");
  assertThrows(RangeError, () => f.read(ab, 6, 4));
  f.seek(0, std.SEEK_END);
  assertEq(f.write(new Uint8Array([33, 33]), 0, 2), 2);
  assert(f.fileno() > 2);
  assertEq(f.close(), 0);
  assertThrows(TypeError, () => f.close());
  assertThrows(TypeError, () => f.puts("x"));
  assertEq(std.FILE, undefined);        // QuickJS does not export the class
  // loadFile / writeFile
  assertEq(std.loadFile(name).slice(0, 6), "line1\n");
  assert(std.loadFile(name).endsWith("z!!"));
  const bin = std.loadFile(name, { binary: true });
  assert(bin instanceof Uint8Array);
  assertEq(bin[0], 108);
  assertEq(std.loadFile(dir + "/none"), null);
  std.writeFile(dir + "/w.txt", "héllo");
  assertEq(std.loadFile(dir + "/w.txt"), "héllo");
  std.writeFile(dir + "/w.bin", new Uint8Array([0, 1, 255]));
  assertDeepEq(Array.from(std.loadFile(dir + "/w.bin", { binary: true })), [0, 1, 255]);
  std.writeFile(dir + "/w.bin", new Uint8Array([7, 8]).buffer);
  assertEq(std.loadFile(dir + "/w.bin", { binary: true }).length, 2);
  let threw = false;
  try { std.writeFile(dir + "/no/such/dir", "x"); } catch (e) { threw = e.code === "ENOENT"; }
  assert(threw, "writeFile error has code ENOENT");

  // fdopen
  const fd = os.open(dir + "/w.txt", os.O_RDONLY);
  const g = std.fdopen(fd, "r");
  assertEq(g.readAsString(), "héllo");
  g.close();
  const e2 = {};
  assertEq(std.fdopen(-1, "r", e2), null);
  assertEq(e2.errno, std.Error.EBADF);

  // tmpfile
  const t = std.tmpfile();
  t.puts("temp");
  t.seek(0, std.SEEK_SET);
  assertEq(t.readAsString(), "temp");
  t.close();

  // popen
  const p = std.popen("echo popen-out; exit 3", "r");
  assertEq(p.getline(), "popen-out");
  assertEq(p.close(), 3 << 8);        // the wait status
  const pw = std.popen("cat > " + dir + "/piped.txt", "w");
  pw.puts("via popen");
  assertEq(pw.close(), 0);
  assertEq(std.loadFile(dir + "/piped.txt"), "via popen");
  assertThrows(TypeError, () => std.popen("true", "rw"));

  // the standard streams
  assertEq(std.in.fileno(), 0);
  assertEq(std.out.fileno(), 1);
  assertEq(std.err.fileno(), 2);
  std.out.puts("");
  std.out.flush();
} finally {
  for (const n of ["f.txt", "w.txt", "w.bin", "piped.txt"]) os.remove(dir + "/" + n);
  os.remove(dir);
}
console.log("std_file ok");
