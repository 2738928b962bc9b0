#!/usr/bin/env bash
# tools/test262/run-ci.sh [BUILD_DIR] [run262 options/filters...]
#
# Extracts the pinned test262 copy (shared/test262.tar.gz beside the
# repository) into BUILD_DIR/test262 once per version, then runs the
# ratchet: BUILD_DIR/run262 against tests/test262/known-failures.txt.
# Exit status 1 on any failure that is not in the known-failures list.
#
#   WEFT_SHARED_DIR   where test262.tar.gz and test262.VERSION are (../shared)
#   WEFT_SKIP_TEST262=1  skip (prints why)
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD=${1:-build}
shift || true
SHARED=${WEFT_SHARED_DIR:-../shared}
TARBALL="$SHARED/test262.tar.gz"
VERSION_FILE="$SHARED/test262.VERSION"
DEST="$BUILD/test262"

if [ "${WEFT_SKIP_TEST262:-0}" = 1 ]; then
  echo "test262: skipped (WEFT_SKIP_TEST262=1)"
  exit 0
fi
if [ ! -f "$TARBALL" ]; then
  echo "test262: $TARBALL not found (set WEFT_SHARED_DIR, or WEFT_SKIP_TEST262=1)" >&2
  exit 1
fi
if [ ! -x "$BUILD/run262" ]; then
  echo "test262: $BUILD/run262 is missing: build first (cmake --build $BUILD)" >&2
  exit 1
fi

if [ -f "$VERSION_FILE" ]; then
  want=$(cat "$VERSION_FILE")
else
  want=$(sha256sum "$TARBALL" | cut -d' ' -f1)
fi
if [ -d "$DEST/test" ] && [ -f "$DEST/.version" ] && [ "$(cat "$DEST/.version")" = "$want" ]; then
  echo "test262: using $DEST ($want)"
else
  echo "test262: extracting $TARBALL into $DEST"
  rm -rf "$DEST"
  mkdir -p "$DEST"
  tar xzf "$TARBALL" -C "$DEST"
  printf '%s\n' "$want" > "$DEST/.version"
fi

exec "$BUILD/run262" --test262 "$DEST" \
  --known tests/test262/known-failures.txt \
  --features tests/test262/features.txt \
  -j "$(nproc)" "$@"
