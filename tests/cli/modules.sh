# Script or module detection, module resolution, import.meta, JSON modules,
# missing modules, top-level await.
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmpd/app/lib" "$tmpd/other"
cat > "$tmpd/app/lib/util.js" <<'JS'
export const twice = (x) => x * 2;
export { default as data } from "../data.json" with { type: "json" };
JS
printf '{ "name": "weft", "list": [1, 2] }\n' > "$tmpd/app/data.json"
cat > "$tmpd/app/main.js" <<'JS'
import { twice, data } from "./lib/util.js";
import cfg from "./data.json" with { type: "json" };
console.log(twice(21), data.name, cfg === data, cfg.list.length);
console.log(import.meta.main, import.meta.url.startsWith("file:///"),
            import.meta.filename.endsWith("/app/main.js"),
            import.meta.dirname.endsWith("/app"));
console.log(import.meta.resolve("./lib/x.js").endsWith("/app/lib/x.js"), import.meta.resolve("os"));
const m = await import("./lib/util.js");
console.log(m.twice(5));
JS
# relative imports resolve from the importing file, whatever the cwd
WEFT=$(cd "$(dirname "$WEFT")" && pwd)/$(basename "$WEFT")
cd "$tmpd/other" || exit 1
run "$tmpd/app/main.js"
cd - > /dev/null || exit 1
expect_rc 0 "module with relative imports"
expect_out "42 weft true 2
true true true true
true os
10" "module with relative imports"

# import.meta.main is false in an imported module
printf 'export const main = import.meta.main;\n' > "$tmpd/app/meta.js"
printf 'import { main } from "./meta.js"; console.log(main, import.meta.main);\n' > "$tmpd/app/m2.mjs"
run "$tmpd/app/m2.mjs"
expect_out "false true" "import.meta.main"

# a missing module: message naming both files, exit status 1
printf 'import "./nope.js";\n' > "$tmpd/app/bad.js"
run "$tmpd/app/bad.js"
expect_rc 1 "missing module"
expect_err_has "cannot find module './nope.js' imported from $tmpd/app/bad.js" "missing module"
printf 'await import("./nope2.js");\n' > "$tmpd/app/bad2.mjs"
run "$tmpd/app/bad2.mjs"
expect_rc 1 "missing module (dynamic import)"
expect_err_has "cannot find module './nope2.js'" "missing module (dynamic import)"

# detection: .mjs, import/export, top-level await; --script / --module force it
printf 'console.log(typeof this);\n' > "$tmpd/plain.js"
run "$tmpd/plain.js"
expect_out object "a plain script"
printf 'console.log(typeof this);\n' > "$tmpd/plain.mjs"
run "$tmpd/plain.mjs"
expect_out undefined ".mjs is a module"
run --module "$tmpd/plain.js"
expect_out undefined "--module"
printf 'const x = await Promise.resolve(5);\nconsole.log(x, typeof this);\n' > "$tmpd/tla.js"
run "$tmpd/tla.js"
expect_rc 0 "top-level await"
expect_out "5 undefined" "top-level await makes a module"
printf 'import * as os from "os";\nconsole.log(typeof os.open);\n' > "$tmpd/imp.js"
run "$tmpd/imp.js"
expect_out function "import makes a module"
run --script "$tmpd/imp.js"
expect_rc 1 "--script with import"
expect_err_has "SyntaxError" "--script with import"
run -e 'import * as std from "qjs:std"; std.printf("%s\n", "from -e")'
expect_out "from -e" "-e module"

# module errors
printf 'throw new RangeError("in module");\n' > "$tmpd/throw.mjs"
run "$tmpd/throw.mjs"
expect_rc 1 "module throws"
expect_err_has "RangeError: in module" "module throws"
printf 'await null;\nthrow new TypeError("after await");\n' > "$tmpd/throw2.mjs"
run "$tmpd/throw2.mjs"
expect_rc 1 "module throws after await"
expect_err_has "TypeError: after await" "module throws after await"
printf 'import "./syntax-err.mjs";\n' > "$tmpd/imp-syntax.mjs"
printf 'let x = ;\n' > "$tmpd/syntax-err.mjs"
run "$tmpd/imp-syntax.mjs"
expect_rc 1 "syntax error in an imported module"
expect_err_has "syntax-err.mjs:1" "syntax error in an imported module names the file"
expect_err_has "let x = ;" "syntax error in an imported module quotes the line"
printf 'import x from "./data.json";\n' > "$tmpd/app/nojson.mjs"
run "$tmpd/app/nojson.mjs"
expect_rc 1 "JSON without the type attribute"
printf 'import x from "./data.json" with { type: "css" };\n' > "$tmpd/app/css.mjs"
run "$tmpd/app/css.mjs"
expect_rc 1 "unsupported module type"
expect_err_has "unsupported" "unsupported module type"

# a top-level await that can never settle
printf 'await new Promise(() => {});\n' > "$tmpd/hang.mjs"
run "$tmpd/hang.mjs"
expect_rc 13 "unsettled top-level await"
expect_err_has "unsettled top-level await" "unsettled top-level await"
finish
