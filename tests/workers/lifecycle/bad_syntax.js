import * as os from 'os';
let x = = 1;
