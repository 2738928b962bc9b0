// Classes: constructors, methods, accessors, static members, inheritance,
// super, fields, private members, static blocks, name binding.

class A {
  constructor(x) { this.x = x; }
  get double() { return this.x * 2; }
  set double(v) { this.x = v / 2; }
  static create(v) { return new this(v); }
  method() { return "A" + this.x; }
  ["comp" + "uted"]() { return "c"; }
}
var a = new A(2);
assertEq(a.double, 4);
a.double = 10;
assertEq(a.x, 5);
assertEq(A.create(1).method(), "A1");
assertEq(a.computed(), "c");
assertEq(typeof A, "function");
assertEq(A.name, "A");
assertEq(A.length, 1);
assertThrows(TypeError, function () { A(); });
assertEq(Object.getOwnPropertyDescriptor(A.prototype, "method").enumerable, false);
assertEq(Object.getOwnPropertyDescriptor(A, "prototype").writable, false);
assertEq(A.prototype.constructor, A);

class B extends A {
  constructor(x, y) { super(x); this.y = y; }
  method() { return "B>" + super.method(); }
  static create(v) { return super.create(v); }
}
var b = new B(1, 2);
assertEq(b.method(), "B>A1");
assert(b instanceof A && b instanceof B);
assertEq(Object.getPrototypeOf(B), A);
assertEq(B.create(3).method(), "B>A3");
assertEq(B.create(3) instanceof B, true);

// default constructors
class C extends A {}
assertEq(new C(9).x, 9);
class D {}
assertEq(typeof new D(), "object");

// derived constructor rules
class NoSuper extends A { constructor() { } }
assertThrows(ReferenceError, function () { new NoSuper(); });
class ThisBefore extends A { constructor() { this.x = 1; super(); } }
assertThrows(ReferenceError, function () { new ThisBefore(); });
class Twice extends A { constructor() { super(); super(); } }
assertThrows(ReferenceError, function () { new Twice(); });
class RetObj extends A { constructor() { return { ret: 1 }; } }
assertEq(new RetObj().ret, 1);
class RetPrim extends A { constructor() { super(1); return 5; } }
assertThrows(TypeError, function () { new RetPrim(); });
class ArrowSuper extends A { constructor() { var f = () => super(7); f(); } }
assertEq(new ArrowSuper().x, 7);
class NullBase extends null { constructor() { return Object.create(NullBase.prototype); } }
assertEq(Object.getPrototypeOf(NullBase.prototype), null);
assertThrows(TypeError, function () { class Bad extends 5 {} });

// fields
var counter = 0;
class F {
  a = 1;
  b = this.a + 1;
  ["c" + "d"] = counter++;
  static s = "static";
  static t = F.s + "!";
  #priv = 42;
  static #sp = "sp";
  getPriv() { return this.#priv; }
  setPriv(v) { this.#priv = v; }
  static getSp() { return F.#sp; }
  static has(o) { return #priv in o; }
  arrowField = () => this.a;
  fn = function () {};
}
var f1 = new F(), f2 = new F();
assertDeepEq([f1.a, f1.b, f1.cd, f2.cd], [1, 2, 0, 1]);
assertEq(F.s + F.t, "staticstatic!");
assertEq(f1.getPriv(), 42);
f1.setPriv(7);
assertEq(f1.getPriv() + f2.getPriv(), 49);
assertEq(F.getSp(), "sp");
assert(F.has(f1) && !F.has({}));
assertEq(f1.arrowField.call(null), 1);
assertEq(f1.fn.name, "fn");
assertThrows(TypeError, function () { F.prototype.getPriv.call({}); });
class FieldsDerived extends F { extra = this.a + 10; }
assertEq(new FieldsDerived().extra, 11);

// private methods and accessors
class P {
  #count = 0;
  #inc() { return ++this.#count; }
  get #value() { return this.#count * 10; }
  set #value(v) { this.#count = v; }
  run() { this.#inc(); this.#inc(); var before = this.#value; this.#value = 5; return before + this.#value; }
  static #helper() { return "h"; }
  static callHelper() { return P.#helper(); }
  isP(o) { return #inc in o; }
}
assertEq(new P().run(), 70);
assertEq(P.callHelper(), "h");
assert(new P().isP(new P()) && !new P().isP({}));
class ROnly { get #r() { return 1; } tryWrite() { this.#r = 2; } }
assertThrows(TypeError, function () { new ROnly().tryWrite(); });
class MethodWrite { #m() {} tryWrite() { this.#m = 1; } }
assertThrows(TypeError, function () { new MethodWrite().tryWrite(); });

// static blocks
var log = [];
class S {
  static x = 1;
  static { log.push("block " + this.x); S.y = 2; }
  static z = S.y + 1;
}
assertDeepEq(log, ["block 1"]);
assertEq(S.z, 3);

// class expressions and name binding
var CE = class {};
assertEq(CE.name, "CE");
var Named = class Inner { who() { return Inner; } };
assertEq(new Named().who(), Named);
assertEq(typeof Inner, "undefined");
assertEq(class {}.name, "");
var objC = { K: class {} };
assertEq(objC.K.name, "K");
class StaticName { static name() { return "custom"; } }
assertEq(StaticName.name(), "custom");

// accessors and super on static side, getters in subclasses
class G1 { static get kind() { return "g1"; } get v() { return 1; } }
class G2 extends G1 { static get kind() { return "g2>" + super.kind; } get v() { return super.v + 1; } }
assertEq(G2.kind, "g2>g1");
assertEq(new G2().v, 2);

// new.target in constructors
class NT { constructor() { this.nt = new.target; } }
class NT2 extends NT {}
assertEq(new NT2().nt, NT2);

// class code is strict
class StrictCheck { m() { return (function () { return this; })(); } }
assertEq(new StrictCheck().m(), undefined);

// toString of classes is the source text
class Src { m() {} }
assertEq(Src.toString(), "class Src { m() {} }");
