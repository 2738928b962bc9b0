// Private class members: #fields, #methods, static privates and `#x in o`.
class Account {
  #balance = 0;
  #ops = 0;
  static #created = 0;
  constructor(start) { this.#balance = start; Account.#created++; }
  #record() { this.#ops++; }
  deposit(n) { this.#balance += n; this.#record(); return this; }
  withdraw(n) {
    if (n > this.#balance) return false;
    this.#balance -= n;
    this.#record();
    return true;
  }
  get balance() { return this.#balance; }
  get ops() { return this.#ops; }
  static isAccount(o) { return #balance in o; }
  static get created() { return Account.#created; }
}
class Point {
  #x; #y;
  constructor(x, y) { this.#x = x; this.#y = y; }
  dist2(o) { const dx = this.#x - o.#x, dy = this.#y - o.#y; return dx * dx + dy * dy; }
  moved(dx) { return new Point(this.#x + dx, this.#y); }
}

let total = 0;
const accts = [];
for (let i = 0; i < 200; i++) accts.push(new Account(i));
for (let r = 0; r < 4000; r++) {
  for (let i = 0; i < accts.length; i++) {
    const a = accts[i];
    a.deposit(r % 13);
    if (!a.withdraw((r + i) % 17)) total++;
  }
}
for (const a of accts) total += a.balance + a.ops + (Account.isAccount(a) ? 1 : 0);
let p = new Point(0, 0), q = new Point(3, 4), s = 0;
for (let i = 0; i < 400000; i++) {
  s += p.dist2(q);
  p = p.moved(1);
  if (i % 1000 === 0) p = new Point(0, 0);
}
console.log('private', total, Account.created, s);
