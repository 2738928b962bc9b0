import * as os from 'os';
function f(n) { return f(n + 1) + 1; }
f(0);
