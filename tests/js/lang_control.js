// Control flow: if, loops, labels, break/continue, switch, try/catch/finally.

var out = [];
for (var i = 0; i < 5; i++) { if (i == 1) continue; if (i == 4) break; out.push(i); }
assertDeepEq(out, [0, 2, 3]);

var n = 0;
while (true) { if (++n > 3) break; }
assertEq(n, 4);
do { n--; } while (n > 0);
assertEq(n, 0);
do n++; while (false);
assertEq(n, 1);

// labels
var trace = "";
outer: for (var a = 0; a < 3; a++) {
  inner: for (var b = 0; b < 3; b++) {
    if (b == 1) continue outer;
    if (a == 2) break outer;
    trace += a + "" + b + " ";
  }
}
assertEq(trace, "00 10 ");
blk: { trace = "x"; break blk; }
assertEq(trace, "x");
lbl: for (;;) { while (true) { break lbl; } }

// switch: fall-through, default in the middle, strict equality
function sw(v) {
  var r = "";
  switch (v) {
    case 1: r += "1";
    case 2: r += "2"; break;
    default: r += "d";
    case 3: r += "3"; break;
    case "1": r += "s";
  }
  return r;
}
assertEq(sw(1), "12");
assertEq(sw(2), "2");
assertEq(sw(3), "3");
assertEq(sw(9), "d3");
assertEq(sw("1"), "s");
switch (0) {}

// try/catch/finally
function tf(mode) {
  var log = [];
  try {
    log.push("try");
    if (mode == 1) throw new Error("boom");
    if (mode == 2) return log.concat("ret").join();
  } catch (e) {
    log.push("catch:" + e.message);
  } finally {
    log.push("finally");
  }
  return log.join();
}
assertEq(tf(0), "try,finally");
assertEq(tf(1), "try,catch:boom,finally");
assertEq(tf(2), "try,ret");

// finally runs on break/continue/return and can override
function fin() {
  var log = [];
  for (var i = 0; i < 3; i++) {
    try {
      if (i == 0) continue;
      if (i == 2) break;
      log.push("body" + i);
    } finally {
      log.push("f" + i);
    }
  }
  return log.join();
}
assertEq(fin(), "f0,body1,f1,f2");
function override() { try { return 1; } finally { return 2; } }
assertEq(override(), 2);
function swallow() { for (;;) { try { throw 1; } finally { break; } } return "ok"; }
assertEq(swallow(), "ok");
function nested() {
  var log = [];
  try {
    try { throw "in"; } finally { log.push("f1"); }
  } catch (e) { log.push("c:" + e); } finally { log.push("f2"); }
  return log.join();
}
assertEq(nested(), "f1,c:in,f2");
function retThroughFinally() {
  var log = [];
  function f() {
    try { try { return "v"; } finally { log.push(1); } } finally { log.push(2); }
  }
  return f() + log.join();
}
assertEq(retThroughFinally(), "v1,2");
function throwInCatch() {
  try { try { throw 1; } catch (e) { throw e + 1; } finally { } } catch (e2) { return e2; }
}
assertEq(throwInCatch(), 2);

// throw any value
try { throw { code: 7 }; } catch (e) { assertEq(e.code, 7); }

// conditional and comma
assertEq(true ? 1 : 2, 1);
assertEq((1, 2, 3), 3);
var cnt = 0;
var r = (cnt++, cnt++, cnt);
assertEq(r, 2);

// completion values of eval
assertEq(eval("1; if (true) {}"), undefined);
assertEq(eval("2; {}"), 2);
assertEq(eval("var q = 3;"), undefined);
assertEq(eval("4; var q2 = 5;"), 4);
assertEq(eval("for (var z = 0; z < 2; z++) z * 10;"), 10);
assertEq(eval("try { 6 } finally { 7 }"), 6);
