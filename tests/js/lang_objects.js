// Object and array literals: shorthand, computed keys, methods, accessors,
// __proto__, spread, super in object methods.

var a = 1, b = "two";
var o = { a, b, ["c" + 1]: 3, 4: "four", "quoted key": 5, [Symbol.toStringTag]: "T" };
assertEq(o.a + o.b + o.c1 + o[4] + o["quoted key"], "1two3four5");
assertEq(Object.prototype.toString.call(o), "[object T]");
assertDeepEq(Object.keys({ b: 1, a: 2, 1: 3, 0: 4 }), ["0", "1", "b", "a"]);

// methods and accessors
var acc = {
  _v: 1,
  get v() { return this._v; },
  set v(x) { this._v = x * 2; },
  m() { return "m"; },
  ["cm"]() { return "cm"; },
  get [("g" + "k")]() { return "gk"; }
};
acc.v = 5;
assertEq(acc.v, 10);
assertEq(acc.m() + acc.cm() + acc.gk, "mcmgk");
var desc = Object.getOwnPropertyDescriptor(acc, "m");
assert(desc.enumerable && desc.writable && desc.configurable);
assertEq(Object.getOwnPropertyDescriptor(acc, "v").set.name, "set v");

// __proto__
var proto = { inherited: true };
var withProto = { __proto__: proto, own: 1 };
assertEq(Object.getPrototypeOf(withProto), proto);
assertEq(withProto.inherited, true);
var nullProto = { __proto__: null };
assertEq(Object.getPrototypeOf(nullProto), null);
var computedProto = { ["__proto__"]: 1 };
assertEq(Object.getPrototypeOf(computedProto), Object.prototype);
assertEq(Object.getOwnPropertyDescriptor(computedProto, "__proto__").value, 1);
var __proto__ = 5;
var shorthandProto = { __proto__ };
assertEq(shorthandProto.__proto__ === 5 || Object.getOwnPropertyDescriptor(shorthandProto, "__proto__").value === 5, true);

// spread
var sp = { x: 1, ...{ y: 2, x: 3 }, z: 4, ...null, ...undefined, ..."ab" };
assertDeepEq(sp, { x: 3, y: 2, z: 4, 0: "a", 1: "b" });
var arr = [0, ...[1, 2], ...new Set([3]), 4];
assertDeepEq(arr, [0, 1, 2, 3, 4]);
var holes = [1, , 3];
assertEq(holes.length, 3);
assertEq(1 in holes, false);
assertEq([, ].length, 1);
assertEq([...[, 1]][0], undefined);
assert(0 in [...[, 1]]);

// super in object methods
var base = { hi() { return "base hi"; }, get g() { return "base g"; } };
var derived = {
  __proto__: base,
  hi() { return "derived>" + super.hi(); },
  get g() { return "d>" + super.g; },
  arrow() { return (() => super.hi())(); },
  setIt() { super.field = 1; return this.field; }
};
assertEq(derived.hi(), "derived>base hi");
assertEq(derived.g, "d>base g");
assertEq(derived.arrow(), "base hi");
assertEq(derived.setIt(), 1);
assert(derived.hasOwnProperty("field"));

// duplicate keys: last one wins, order of first definition
var dup = { k: 1, j: 2, k: 3 };
assertDeepEq(Object.keys(dup), ["k", "j"]);
assertEq(dup.k, 3);

// numeric keys are canonicalised
var nk = { 1.5: "a", 0x10: "b", 1e3: "c", .5: "d" };
assertDeepEq(Object.keys(nk).sort(), ["0.5", "1.5", "1000", "16"]);
