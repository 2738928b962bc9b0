// Classes: method calls on instances, getters/setters, inheritance and super calls.
class Vec {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y); }
  dot(o) { return this.x * o.x + this.y * o.y; }
  scale(k) { return new Vec(this.x * k, this.y * k); }
  get len2() { return this.x * this.x + this.y * this.y; }
}
class Shape {
  constructor(name) { this.name = name; }
  area() { return 0; }
  describe() { return this.area() + 1; }
}
class Rect extends Shape {
  constructor(w, h) { super('rect'); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
}
class Square extends Rect {
  constructor(s) { super(s, s); }
  describe() { return super.describe() * 2; }
}
class Circle extends Shape {
  constructor(r) { super('circle'); this.r = r; }
  area() { return 3 * this.r * this.r; }
}
class Counter {
  constructor() { this.n = 0; }
  get value() { return this.n; }
  set value(v) { this.n = v; }
  static make() { return new Counter(); }
}

let v = new Vec(0, 0), acc = 0;
const d = new Vec(1, 2);
for (let i = 0; i < 900000; i++) {
  v = v.add(d).scale(0.5);
  acc += v.dot(d) + v.len2;
}
const shapes = [];
for (let i = 0; i < 3000; i++)
  shapes.push(i % 3 === 0 ? new Rect(i % 50, 2) : i % 3 === 1 ? new Circle(i % 10) : new Square(i % 7));
let area = 0;
for (let r = 0; r < 300; r++)
  for (let i = 0; i < shapes.length; i++) area += shapes[i].describe();
let made = 0;
for (let i = 0; i < 450000; i++) {
  const c = Counter.make();
  c.value = c.value + i;
  c.value += 1;
  made += c.value;
}
console.log('classes', Math.round(acc), area, made);
