#!/usr/bin/env bash
# tools/unicode/check.sh - regenerates the Unicode tables into a temporary
# folder and compares them with the committed ones in src/engine/unicode.
# Needs node and npm (gen_unicode.js installs its npm packages on first
# use); not part of CI.  Exit status 0 when the tables are up to date.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "unicode check: skipped (node not found)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node "$here/gen_unicode.js" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! diff -q "$f" "$root/src/engine/unicode/$name" >/dev/null; then
    echo "unicode check: $name differs from the generator's output"
    diff -u "$root/src/engine/unicode/$name" "$f" | head -20 || true
    status=1
  fi
done
[ $status = 0 ] && echo "unicode check: generated tables are up to date"
exit $status
