#!/usr/bin/env bash
# scripts/test.sh [BUILD_DIR] - from a fresh machine: install what is
# needed, build (Release), and run every test: the JS and C API tests
# (tests/run.sh) and the test262 ratchet.  Exit status 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-build}
jobs=$(nproc)

scripts/setup.sh
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE="${WEFT_BUILD_TYPE:-Release}"
cmake --build "$BUILD" -j "$jobs"

status=0
echo
echo "=== test262 ==="
tools/test262/run-ci.sh "$BUILD" || status=1
echo
echo "=== tests/run.sh $BUILD ==="
tests/run.sh "$BUILD" || status=1
exit $status
