// Interpreter: deep recursion raises RangeError instead of crashing, and the
// engine keeps working afterwards.

function down(n) { return n == 0 ? 0 : 1 + down(n - 1); }
var e1 = null;
try { down(1e6); } catch (e) { e1 = e; }
assert(e1 instanceof RangeError, "1e6-deep recursion must throw RangeError");
assertEq(e1.message, "Maximum call stack size exceeded");

// infinite recursion, then normal calls again
function inf() { return inf() + 1; }
var n = 0;
for (var i = 0; i < 3; i++) {
  try { inf(); } catch (e) { if (e instanceof RangeError) n++; }
}
assertEq(n, 3);
assertEq(down(1000), 1000);

// recursion through native code (callbacks) also ends in RangeError
function viaNative(k) { return [k].map(function (x) { return viaNative(x + 1); })[0]; }
var e2 = null;
try { viaNative(0); } catch (e) { e2 = e; }
assert(e2 instanceof RangeError, "recursion through map: " + e2);

// recursion through getters / toString
var o = { get x() { return this.x; } };
var e3 = null;
try { o.x; } catch (e) { e3 = e; }
assert(e3 instanceof RangeError);
var t = { toString: function () { return "" + this; } };
var e4 = null;
try { "" + t; } catch (e) { e4 = e; }
assert(e4 instanceof RangeError);

// mutual recursion and constructors
function A(n) { if (n > 0) new B(n - 1); }
function B(n) { if (n > 0) new A(n - 1); }
var e5 = null;
try { new A(1e7); } catch (e) { e5 = e; }
assert(e5 instanceof RangeError);

// a catch handler deep in the stack still works
function catcher(n) {
  if (n == 0) { try { return inf(); } catch (e) { return "caught"; } }
  return catcher(n - 1);
}
assertEq(catcher(500), "caught");

// deep but finite recursion is fine
function depth(n) { return n == 0 ? 0 : depth(n - 1) + 1; }
assertEq(depth(5000), 5000);
