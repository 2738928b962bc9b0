// embed_sample.js - compiled by weftc at build time (weft_embed_js in
// CMakeLists.txt) into a C array that tests/api/test_embed.c loads.
function greet(name) {
  return `hello ${name}`;
}
globalThis.embedded = { greeting: greet('weft'), big: 2n ** 65n, list: [1, 2, 3].map(x => x * 2) };
