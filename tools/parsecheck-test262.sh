#!/bin/sh
# parsecheck-test262.sh - parse-conformance of the front end against test262.
#
#   tools/parsecheck-test262.sh [TEST262_DIR] [--list-failures]
#
# Builds tools/parsecheck standalone (in $BUILD, default /tmp/parsecheck-build)
# and checks test/language, test/annexB and test/built-ins: negative parse
# tests must fail to parse, every other test must parse (module goal for
# flags: [module], strict for onlyStrict, both modes otherwise).  Proposals
# that are not part of ECMAScript 2025 are skipped.  RegExp literal
# *pattern* errors are reported as failures until the regexp compiler's
# validator is plugged in (WFParseOptions.validate_regexp).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T262=${1:-/tmp/t262}
[ $# -gt 0 ] && shift
BUILD=${BUILD:-/tmp/parsecheck-build}
if [ ! -d "$T262/test" ]; then
    mkdir -p "$T262"
    tar xzf /work/shared/test262.tar.gz -C "$T262"
fi
mkdir -p "$BUILD"
${CC:-cc} -std=c11 -O2 -I"$ROOT/include" -I"$ROOT/src" -o "$BUILD/parsecheck" \
    "$ROOT/tools/parsecheck.c" "$ROOT/src/engine/lexer.c" "$ROOT/src/engine/ast.c" \
    "$ROOT/src/engine/arena.c" "$ROOT/src/engine/parse_scope.c" \
    "$ROOT/src/engine/parse_expr.c" "$ROOT/src/engine/parse_stmt.c" \
    "$ROOT/src/engine/parse_func.c" "$ROOT/src/engine/unicode/idchar.c" \
    "$ROOT"/src/engine/num/*.c -lm
SKIP=import-defer,explicit-resource-management,source-phase-imports,source-phase-imports-module-source,decorators
for d in language annexB built-ins; do
    "$BUILD/parsecheck" --test262 "$T262/test/$d" --skip-features "$SKIP" "$@" || true
done
