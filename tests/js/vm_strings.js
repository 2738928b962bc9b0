// Interpreter: building strings with += is linear (this only checks that a
// million appends complete; speed is measured by benchmarks, not tests).

var s = "";
for (var i = 0; i < 1000000; i++) s += "x";
assertEq(s.length, 1000000);

// mixed appends: numbers, other strings, a variable captured by a closure
var t = "";
for (var j = 0; j < 200000; j++) t += j % 10;
assertEq(t.length, 200000);
assertEq(t.slice(0, 12), "012345678901");

function build(n) { let u = ""; for (let k = 0; k < n; k++) u += "ab"; return u; }
assertEq(build(300000).length, 600000);

var captured = "";
var add = function (x) { captured += x; };
for (var k = 0; k < 20000; k++) add("y");
assertEq(captured.length, 20000);

// the original strings are not modified by appends
var base = "abc";
var copy = base;
copy += "def";
assertEq(base, "abc");
assertEq(copy, "abcdef");
var arr = ["p"];
var q = arr[0];
q += "q";
assertEq(arr[0], "p");
// appending to a string held elsewhere
var holder = { v: "" };
for (var m = 0; m < 20000; m++) holder.v += "z";
assertEq(holder.v.length, 20000);
