// Method calls through prototypes of constructor functions.
function Vec(x, y) {
  this.x = x;
  this.y = y;
}
Vec.prototype.add = function (o) { return new Vec(this.x + o.x, this.y + o.y); };
Vec.prototype.dot = function (o) { return this.x * o.x + this.y * o.y; };
Vec.prototype.scale = function (k) { return new Vec(this.x * k, this.y * k); };

function Shape(name) { this.name = name; }
Shape.prototype.area = function () { return 0; };
function Rect(w, h) { Shape.call(this, 'rect'); this.w = w; this.h = h; }
Rect.prototype = Object.create(Shape.prototype);
Rect.prototype.constructor = Rect;
Rect.prototype.area = function () { return this.w * this.h; };
function Circle(r) { Shape.call(this, 'circle'); this.r = r; }
Circle.prototype = Object.create(Shape.prototype);
Circle.prototype.constructor = Circle;
Circle.prototype.area = function () { return 3 * this.r * this.r; };

let v = new Vec(0, 0), acc = 0;
const d = new Vec(1, 2);
for (let i = 0; i < 2000000; i++) {
  v = v.add(d).scale(0.5);
  acc += v.dot(d);
}
const shapes = [];
for (let i = 0; i < 1000; i++) shapes.push(i % 2 ? new Rect(i, 2) : new Circle(i % 10));
let area = 0;
for (let r = 0; r < 1000; r++)
  for (let i = 0; i < shapes.length; i++) area += shapes[i].area();
console.log('methods', Math.round(acc), area);
