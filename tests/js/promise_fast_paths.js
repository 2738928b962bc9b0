// Promise fast paths must not change what scripts see: then() skips
// SpeciesConstructor only for a plain promise of an unmodified %Promise%;
// reactions are allocated in pairs and moved into their jobs.

var log = [];

// own "constructor" on the instance is honoured
var p1 = Promise.resolve(1);
var seen1 = 0;
p1.constructor = function (exec) { seen1++; return new Promise(exec); };
p1.constructor[Symbol.species] = p1.constructor;
p1.then(function () {});
assertEq(seen1, 1, 'own constructor used as species');

// a subclass keeps its species
class MyP extends Promise {}
var d = MyP.resolve(2).then(function (v) { return v; });
assertEq(d instanceof MyP, true, 'subclass species');
var d2 = Promise.resolve(3).then(function (v) { return v; });
assertEq(d2 instanceof MyP, false);
assertEq(Object.getPrototypeOf(d2), Promise.prototype);

// patched Symbol.species on %Promise%
var saved = Object.getOwnPropertyDescriptor(Promise, Symbol.species);
var speciesCalls = 0;
Object.defineProperty(Promise, Symbol.species, {
  get: function () { speciesCalls++; return MyP; }, configurable: true
});
var d3 = Promise.resolve(4).then(function (v) { return v; });
Object.defineProperty(Promise, Symbol.species, saved);
assertEq(speciesCalls, 1, 'patched species getter runs');
assertEq(d3 instanceof MyP, true);

// patched Promise.prototype.constructor
var savedCtor = Promise.prototype.constructor;
var ctorGets = 0;
Object.defineProperty(Promise.prototype, 'constructor', {
  get: function () { ctorGets++; return savedCtor; }, configurable: true
});
Promise.resolve(5).then(function () {});
Object.defineProperty(Promise.prototype, 'constructor', { value: savedCtor, writable: true, configurable: true });
assertEq(ctorGets, 1, 'constructor getter runs');

// ordering of reactions on pending and settled promises, fulfil and reject
var res;
var pending = new Promise(function (r) { res = r; });
pending.then(function (v) { log.push('a' + v); }, function () { log.push('bad'); });
pending.then(function (v) { log.push('b' + v); });
pending.catch(function () { log.push('bad2'); });
var rej = Promise.reject(7);
rej.then(function () { log.push('bad3'); }, function (e) { log.push('r' + e); });
rej.catch(function (e) { log.push('c' + e); }).finally(function () { log.push('f'); });
res(6);
Promise.resolve().then(function () { log.push('x'); });
var chained = Promise.resolve(0);
for (var i = 0; i < 100; i++) chained = chained.then(function (v) { return v + 1; });
chained.then(function (v) { log.push('n' + v); });

setTimeout(function () {
  assertEq(log.join(), 'r7,c7,a6,b6,x,f,n100');
  assertEq(seen1, 1);
}, 0);
