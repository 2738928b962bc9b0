#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] [OUTDIR] - build the regexp libFuzzer target
# (tests/fuzz/fuzz_regexp.c: compiler + matcher, with ASan + UBSan) with
# clang and run it for SECONDS (default 300) on one job.
#
#   tests/fuzz/run.sh 300 /tmp/fuzz-regexp
#
# The corpus is kept in OUTDIR/corpus (default /tmp/weft-fuzz-regexp), so a
# later run continues from it; a finding is written to OUTDIR as crash-*,
# leak-*, timeout-* or oom-* and the script exits non-zero.  The target only
# needs the regexp and Unicode sources, not the whole engine.
set -eu
cd "$(dirname "$0")/../.."
SECS=${1:-300}
OUT=${2:-/tmp/weft-fuzz-regexp}
CC=${CC:-clang}
mkdir -p "$OUT/corpus"
"$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Iinclude -Isrc tests/fuzz/fuzz_regexp.c \
    src/engine/regexp/re_charset.c src/engine/regexp/re_parse.c \
    src/engine/regexp/re_compile.c src/engine/regexp/re_exec.c \
    src/engine/unicode/uprops.c src/engine/unicode/ucase.c \
    src/engine/unicode/unorm.c src/engine/unicode/idchar.c \
    -o "$OUT/fuzz_regexp"
cd "$OUT"
exec ./fuzz_regexp -jobs=1 -max_total_time="$SECS" -max_len=512 -rss_limit_mb=1024 \
    -artifact_prefix="$OUT/" corpus
