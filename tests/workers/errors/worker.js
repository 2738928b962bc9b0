import * as os from 'os';
function deep() {
  throw new TypeError('thrown at the top level of worker.js');
}
deep();
