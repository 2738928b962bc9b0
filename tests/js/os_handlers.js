// os.setReadHandler / os.setWriteHandler on pipes: readiness callbacks,
// removal with null, the loop staying alive while a handler is set and
// ending once every handler is gone.
import * as os from "os";

const [r, w] = os.pipe();
const got = [];
const chunks = ["one", "two", "three"];
let sent = 0;

function bytes(s) { return new Uint8Array([...s].map((c) => c.charCodeAt(0))).buffer; }

// the write end is writable at once: write one chunk per callback
os.setWriteHandler(w, () => {
  const s = chunks[sent++];
  assertEq(os.write(w, bytes(s + "\n"), 0, s.length + 1), s.length + 1);
  if (sent === chunks.length) {
    os.setWriteHandler(w, null);
    os.close(w);             // the reader then sees end of file
  }
});

let text = "";
const buf = new ArrayBuffer(64);
os.setReadHandler(r, () => {
  const n = os.read(r, buf, 0, 64);
  if (n > 0) {
    text += String.fromCharCode(...new Uint8Array(buf, 0, n));
    got.push(n);
    return;
  }
  assertEq(n, 0, "end of file");
  os.setReadHandler(r, null);
  os.close(r);
  assertEq(text, "one\ntwo\nthree\n");
  // removing an absent handler is harmless
  os.setReadHandler(r, null);
  os.setWriteHandler(12345, undefined);
  // a handler on a regular file is always ready
  const f = os.open("/dev/null", os.O_RDONLY);
  let calls = 0;
  os.setReadHandler(f, () => {
    if (++calls === 3) {
      os.setReadHandler(f, null);
      os.close(f);
      console.log("os_handlers ok");
    }
  });
});

assertThrows(TypeError, () => os.setReadHandler(r, 42));

// a handler that throws is an uncaught error (checked in tests/cli)
