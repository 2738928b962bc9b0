#!/bin/sh
# check-exports.sh LIB.so - fail if the shared library exports a symbol
# outside the public prefixes (JS_, js_, weft_, __JS_).  Run by CI.
set -eu
lib=${1:?usage: check-exports.sh path/to/libweft.so}
[ -f "$lib" ] || { echo "check-exports: $lib not found" >&2; exit 2; }
# Symbols the toolchain always puts in a shared object's dynamic table.
syms=$(nm -D --defined-only "$lib" | awk '{print $NF}' |
       grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$' || true)
total=$(printf '%s\n' "$syms" | grep -c . || true)
bad=$(printf '%s\n' "$syms" | grep . | grep -v -E '^(JS_|js_|weft_|__JS_)' || true)
if [ -n "$bad" ]; then
  echo "check-exports: $lib exports symbols outside JS_/js_/weft_/__JS_:" >&2
  printf '  %s\n' $bad >&2
  exit 1
fi
echo "check-exports: OK ($total exported symbols, all public prefixes)"
