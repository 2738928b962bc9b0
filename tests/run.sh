#!/usr/bin/env bash
# tests/run.sh [BUILD_DIR] [FILTER...] - Weft's test runner.
#
# Runs, from the repository root:
#   - every tests/js/*.js, tests/regress/*.js and tests/workers/*/test_*.js
#     (worker scenarios; the other .js files there are their workers) with
#       BUILD_DIR/weft --include tests/js/assert.js FILE
#     (passes on exit status 0 within 30 s; when FILE's .js is replaced by
#     .expected and that file exists, stdout must also equal it);
#   - every tests/cli/*.sh (checks of the weft command: exit statuses,
#     error reports), run with WEFT set; a script passes on exit status 0;
#   - tests/js/pending/*.js the same way as tests/js, but they only
#     report: they wait for engine features, are not counted, and are
#     named when they pass (then move them up to tests/js/);
#   - every C test executable built in BUILD_DIR/tests/{api,workers}
#     (each runs its own tests in child processes; their counts add up).
# Prints the details of each failure and ends with `N passed, N failed`.
# Exit status 1 if anything failed.  FILTERs keep only the tests whose
# path contains one of them.  BUILD_DIR defaults to build.
set -u
cd "$(dirname "$0")/.."

BUILD=${1:-build}
shift || true
FILTERS=("$@")
WEFT="$BUILD/weft"
JS_TIMEOUT=${WEFT_JS_TIMEOUT:-30}
API_TIMEOUT=${WEFT_API_TIMEOUT:-900}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

passed=0
failed=0
skipped=0
failed_names=()
now_passing=()
tmp=$(mktemp -d "${TMPDIR:-/tmp}/weft-tests.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

selected() {
  local f
  [ ${#FILTERS[@]} -eq 0 ] && return 0
  for f in "${FILTERS[@]}"; do
    case "$1" in *"$f"*) return 0 ;; esac
  done
  return 1
}

# Prints at most 60 lines of a file, indented.
show() {
  local n
  n=$(wc -l < "$1")
  sed -n '1,60p' "$1" | sed 's/^/    | /'
  if [ "$n" -gt 60 ]; then echo "    | ... ($((n - 60)) more lines)"; fi
}

why_status() {
  local rc=$1 limit=$2
  if [ "$rc" -eq 124 ]; then
    echo "timed out after ${limit} s"
  elif [ "$rc" -gt 128 ]; then
    echo "crashed (SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128))))"
  else
    echo "exit status $rc"
  fi
}

record_fail() {
  failed=$((failed + 1))
  failed_names+=("$1")
}

run_js_test() {
  local f=$1 pending=${2:-} rc expected
  expected="${f%.js}.expected"
  timeout -k 5 "$JS_TIMEOUT" "$WEFT" --include tests/js/assert.js "$f" \
    > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
  if [ -n "$pending" ]; then
    skipped=$((skipped + 1))
    if [ "$rc" -eq 0 ] && { [ ! -f "$expected" ] || cmp -s "$expected" "$tmp/out"; }; then
      echo "PASS  $f (pending): it passes now, move it to tests/js/"
      now_passing+=("$f")
    else
      echo "skip  $f (pending: $(why_status "$rc" "$JS_TIMEOUT"))"
    fi
    return
  fi
  if [ "$rc" -ne 0 ]; then
    echo "FAIL  $f: $(why_status "$rc" "$JS_TIMEOUT")"
    [ -s "$tmp/err" ] && show "$tmp/err"
    [ -s "$tmp/out" ] && { echo "    stdout:"; show "$tmp/out"; }
    record_fail "$f"
  elif [ -f "$expected" ] && ! cmp -s "$expected" "$tmp/out"; then
    echo "FAIL  $f: stdout differs from $expected (- expected, + actual)"
    diff -u "$expected" "$tmp/out" | tail -n +3 > "$tmp/diff"
    show "$tmp/diff"
    record_fail "$f"
  else
    echo "ok    $f"
    passed=$((passed + 1))
  fi
}

run_api_test() {
  local exe=$1 rc line p f
  timeout -k 5 "$API_TIMEOUT" "$exe" > "$tmp/out" 2>&1 < /dev/null
  rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/out" | tail -n 1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  else
    p=0
    f=0
  fi
  passed=$((passed + p))
  if [ "$f" -gt 0 ]; then
    failed=$((failed + f))
    failed_names+=("$exe ($f)")
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    # died before reporting (or reported success but failed): one failure
    record_fail "$exe"
    f=1
  fi
  if [ "$f" -gt 0 ]; then
    echo "FAIL  $exe: $(why_status "$rc" "$API_TIMEOUT")"
    grep -v -E '^ok ' "$tmp/out" > "$tmp/details" || true
    show "$tmp/details"
  else
    echo "ok    $exe: ${line:-no tests}"
  fi
}

# ---------------------------------------------------------------- JS tests
js_tests=()
for f in tests/js/*.js tests/regress/*.js tests/workers/*/test_*.js; do
  [ -f "$f" ] || continue
  [ "$f" = tests/js/assert.js ] && continue
  selected "$f" && js_tests+=("$f")
done
if [ ${#js_tests[@]} -gt 0 ]; then
  if [ ! -x "$WEFT" ]; then
    echo "FAIL  $WEFT is missing: build it first (cmake --build $BUILD)"
    record_fail "$WEFT"
  else
    for f in "${js_tests[@]}"; do run_js_test "$f"; done
  fi
fi

# ---------------------------------------------------------------- CLI tests
for f in tests/cli/*.sh; do
  [ -f "$f" ] || continue
  [ "$(basename "$f")" = lib.sh ] && continue
  selected "$f" || continue
  if [ ! -x "$WEFT" ]; then
    echo "FAIL  $f: $WEFT is missing"
    record_fail "$f"
    continue
  fi
  WEFT="$WEFT" timeout -k 5 120 bash "$f" > "$tmp/out" 2>&1 < /dev/null
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "ok    $f"
    passed=$((passed + 1))
  else
    echo "FAIL  $f: $(why_status "$rc" 120)"
    show "$tmp/out"
    record_fail "$f"
  fi
done

pending_tests=()
for f in tests/js/pending/*.js; do
  [ -f "$f" ] || continue
  selected "$f" && pending_tests+=("$f")
done
if [ ${#pending_tests[@]} -gt 0 ] && [ -x "$WEFT" ]; then
  for f in "${pending_tests[@]}"; do run_js_test "$f" pending; done
fi

# ---------------------------------------------------------------- C tests
for dir in "$BUILD/tests/api" "$BUILD/tests/workers"; do
  [ -d "$dir" ] || continue
  for exe in "$dir"/test_*; do
    [ -f "$exe" ] && [ -x "$exe" ] || continue
    selected "$exe" && run_api_test "$exe"
  done
done

echo
if [ "$failed" -gt 0 ]; then
  echo "failed:"
  printf '  %s\n' "${failed_names[@]}"
fi
if [ ${#now_passing[@]} -gt 0 ]; then
  echo "pending tests that pass now (move them to tests/js/):"
  printf '  %s\n' "${now_passing[@]}"
fi
if [ "$skipped" -gt 0 ]; then
  echo "($skipped pending tests not counted)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
