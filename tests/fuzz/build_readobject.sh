#!/usr/bin/env bash
# tests/fuzz/build_readobject.sh [OUT_DIR] - builds the libFuzzer target
# fuzz_readobject (tests/fuzz/fuzz_readobject.c) with clang, ASan and
# UBSan over the engine and built-in sources (objects in OUT_DIR/obj, so a
# rebuild after a change only recompiles what is newer), and the
# standalone seed writer OUT_DIR/seedgen.  Then, for example:
#   OUT/seedgen OUT/corpus && OUT/fuzz_readobject -jobs=1 -max_total_time=600 OUT/corpus
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/fuzz_readobject}
mkdir -p "$OUT/obj" "$OUT/corpus"
CFLAGS="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -Iinclude -Isrc"
for f in src/engine/*.c src/engine/*/*.c src/builtins/*.c; do
  o="$OUT/obj/$(echo "$f" | tr / _).o"
  if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find src/engine src/builtins -name '*.h' -newer "$o" -print -quit)" ]; then
    echo "$f $o"
  fi
done | xargs -r -P "${JOBS:-2}" -n 2 sh -c "clang $CFLAGS -fsanitize=fuzzer-no-link -c \"\$0\" -o \"\$1\""
clang $CFLAGS -fsanitize=fuzzer tests/fuzz/fuzz_readobject.c "$OUT"/obj/*.o -lgmp -lm -lpthread \
  -o "$OUT/fuzz_readobject"
clang $CFLAGS -DFUZZ_MAIN tests/fuzz/fuzz_readobject.c "$OUT"/obj/*.o -lgmp -lm -lpthread \
  -o "$OUT/seedgen"
