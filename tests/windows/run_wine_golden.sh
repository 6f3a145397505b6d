#!/usr/bin/env bash
# Every golden fixture through dsregdiag.exe under Wine, compared byte for
# byte with the same expected files as the native build
# (tests/golden/run_golden.sh, with tests/windows/wine-exe.sh as the
# executable).
#
#   run_wine_golden.sh DSREGDIAG_EXE SOURCE_DIR TRANSCODE
#
# TRANSCODE is tests/tools/transcode.c built for this machine.
set -u
exe=$1 src=$2 transcode=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DSREGDIAG_EXE=$exe
cd "$src" || exit 2
pass=0 fail=0
for fixture in fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log; do
  if bash tests/golden/run_golden.sh "$here/wine-exe.sh" "$transcode" "$src" "$fixture"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
  fi
done
# The HTML pages, byte for byte too.
if DSREG_GOLDEN_WINE=1 bash tests/golden/run_golden_html.sh "$here/wine-exe.sh" "$src"; then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
fi
echo "golden under Wine: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
