# lib.sh - helpers for tests/cli/*.sh (sourced; WEFT is the weft binary).
# Each check prints what differed and sets status=1; a script ends with
# `finish`, which exits with that status.
status=0
tmpd=$(mktemp -d "${TMPDIR:-/tmp}/weft-cli.XXXXXX")
trap 'rm -rf "$tmpd"' EXIT

# run ARGS...: runs weft, leaving $out, $err and $rc
run() {
  "$WEFT" "$@" > "$tmpd/out" 2> "$tmpd/err" < /dev/null
  rc=$?
  out=$(cat "$tmpd/out")
  err=$(cat "$tmpd/err")
}

fail() {
  echo "$*"
  echo "  stdout: $out"
  echo "  stderr: $err"
  status=1
}

expect_rc() { [ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1"; }
expect_out() { [ "$out" = "$1" ] || fail "$2: stdout differs, expected: $1"; }
expect_err() { [ "$err" = "$1" ] || fail "$2: stderr differs, expected: $1"; }
expect_err_has() {
  case "$err" in *"$1"*) ;; *) fail "$2: stderr lacks: $1" ;; esac
}
finish() { exit "$status"; }
