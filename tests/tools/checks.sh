# shellcheck shell=bash
# checks.sh - the counters and verdicts the shell test scripts share.
# Source it; finish with `checks_done`, which prints the tally in the
# "N passed, N failed" form CI reads and returns non-zero on a failure.
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() {
  echo "FAIL: $1"
  fail=$((fail + 1))
}
check() { # NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then ok; else bad "$name"; fi
}
# no_tmp_files DIR: DIR holds no *.tmp file, hidden ones included (what -o
# writes before it renames).
no_tmp_files() {
  [ -z "$(find "$1" -mindepth 1 -maxdepth 1 -name '*.tmp')" ]
}
checks_done() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
