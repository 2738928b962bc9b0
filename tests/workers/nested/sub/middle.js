import * as os from 'os';
os.Worker.parent.onmessage = () => {
  const leaf = new os.Worker('./leaf.js');    // relative to this module: sub/leaf.js
  leaf.onmessage = (inner) => {
    leaf.onmessage = null;
    os.Worker.parent.postMessage({ from: 'middle', inner });
  };
  leaf.postMessage({ depth: 2 });
};
