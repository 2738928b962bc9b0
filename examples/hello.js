// examples/hello.js - run with: ./build/weft examples/hello.js [name]
const who = scriptArgs.length > 1 ? scriptArgs[1] : 'world';
console.log(`Hello, ${who}!`);
console.log('Weft runs', { engine: 'weft', features: ['closures', 'objects', 'arrays'] });
