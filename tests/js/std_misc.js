// std: sprintf/printf formats, environment, strerror, parseExtJSON,
// evalScript, loadScript, gc, constants; 'qjs:std' is the same API.
import * as std from "std";
import * as qstd from "qjs:std";
import * as os from "os";

// sprintf
assertEq(std.sprintf("%d|%i|%5d|%-5d|%05d|%+d", 42, -7, 3, 3, 42, 5), "42|-7|    3|3    |00042|+5");
assertEq(std.sprintf("%x %X %o %u", 255, 255, 8, -1), "ff FF 10 4294967295");
assertEq(std.sprintf("%lx %ld %lld", -1, 2 ** 40, 12345678901234n), "ffffffffffffffff 1099511627776 12345678901234");
assertEq(std.sprintf("%d", 2 ** 32 + 5), "5");                 // 32-bit without l
assertEq(std.sprintf("%.3f %e %g %10.2f", Math.PI, 12345.678, 0.0001, -1.5), "3.142 1.234568e+04 0.0001      -1.50");
assertEq(std.sprintf("%s-%s-%.2s", "a", 12, "xyz"), "a-12-xy");
assertEq(std.sprintf("%*d|%-*d|%.*f", 4, 7, 3, 1, 2, 1.005), "   7|1  |1.00");
assertEq(std.sprintf("%c%c%c", 72, "iX", 0x1F600), "Hi\u{1F600}");
assertEq(std.sprintf("100%% %q"), "100% %q");
assertEq(std.sprintf("no args %d"), "no args 0");
assertEq(std.sprintf(), "");
assertEq(std.sprintf("%s", { toString() { return "obj"; } }), "obj");
assertThrows(TypeError, () => std.sprintf("%d", Symbol()));
// absurd widths are refused instead of allocating gigabytes
for (const f of ["%999999999d", "%.99999999f", "%12345678901234567890d"])
  assertThrows(RangeError, () => std.sprintf(f, 1), f);
assertThrows(RangeError, () => std.sprintf("%*d", 2e9, 1));
assertEq(std.sprintf("%*d", 1000, 1).length, 1000);

// environment
assertEq(std.getenv("WEFT_TEST_UNSET_VAR"), undefined);
std.setenv("WEFT_TEST_VAR", "v1");
assertEq(std.getenv("WEFT_TEST_VAR"), "v1");
assertEq(std.getenviron().WEFT_TEST_VAR, "v1");
std.unsetenv("WEFT_TEST_VAR");
assertEq(std.getenv("WEFT_TEST_VAR"), undefined);
assert(!("WEFT_TEST_VAR" in std.getenviron()));
assertEq(typeof std.getenviron().PATH, "string");

// strerror and the error numbers
assertEq(std.strerror(std.Error.ENOENT), "No such file or directory");
assertEq(std.Error.EINVAL, 22);
assertEq(std.SEEK_SET, 0);
assertEq(std.SEEK_CUR, 1);
assertEq(std.SEEK_END, 2);

// parseExtJSON: JSON plus comments, unquoted keys, single quotes,
// trailing commas, hex numbers, Infinity/NaN, + signs
assertDeepEq(std.parseExtJSON('{"a": [1, 2, {"b": null}], "c": "x\\u0041", "d": true}'),
             { a: [1, 2, { b: null }], c: "xA", d: true });
assertDeepEq(std.parseExtJSON(`
  // a comment
  { key: 'single "quoted"', /* block */ n: 0x1F, o: 0o17, b: 0b101, f: +1.5e3,
    neg: -.5, list: [1, 2, 3,], $id_1: 'a\\'b', }`),
  { key: 'single "quoted"', n: 31, o: 15, b: 5, f: 1500, neg: -0.5, list: [1, 2, 3], $id_1: "a'b" });
assertEq(std.parseExtJSON("Infinity"), Infinity);
assertEq(std.parseExtJSON("-Infinity"), -Infinity);
assert(Number.isNaN(std.parseExtJSON("NaN")));
assertEq(std.parseExtJSON("'\\u{1F600}\\x41'"), "\u{1F600}A");
assertEq(std.parseExtJSON('"\\uD83D\\uDE00"'), "\u{1F600}");
for (const bad of ["{a:1", "[1 2]", "'open", "{1a: 2}", "nul", "1 2", "", "{a 1}", "0x"])
  assertThrows(SyntaxError, () => std.parseExtJSON(bad), bad);
assertThrows(RangeError, () => std.parseExtJSON("[".repeat(5000)));

// evalScript: global code, its value; backtrace_barrier accepted
assertEq(std.evalScript("1 + 2"), 3);
std.evalScript("var fromEval = 'g';");
assertEq(globalThis.fromEval, "g");
assertThrows(SyntaxError, () => std.evalScript("var = ;"));
assertEq(std.evalScript("40 + 2", { backtrace_barrier: true }), 42);

// loadScript
const file = "/tmp/weft-std-misc-" + os.getpid() + ".js";
std.writeFile(file, "var loadedValue = 7; loadedValue * 6");
assertEq(std.loadScript(file), 42);
assertEq(globalThis.loadedValue, 7);
os.remove(file);
assertThrows(ReferenceError, () => std.loadScript(file));

std.gc();
assertEq(typeof qstd.sprintf, "function");
assertEq(typeof qstd.loadFile, "function");
console.log("std_misc ok");
