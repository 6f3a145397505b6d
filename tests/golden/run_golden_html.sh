#!/usr/bin/env bash
# run_golden_html.sh - the HTML page of a few fixtures, byte for byte.
#
#   tests/golden/run_golden_html.sh DSREGDIAG SRCDIR [--regen]
#
# tests/golden/html/fleet.html is a small fleet (an expired certificate, a
# healthy device, hostile values, a log of three captures, a file that is
# no capture); single.html is one capture, as `dsregdiag --format html
# device.txt` writes it.  The page's own time comes from SOURCE_DATE_EPOCH
# and the reference time from --now, so the bytes do not depend on the
# day.  --regen rewrites the expected files and names those that changed
# (tests/golden/regen.sh runs it); review the diff.  Without --regen it also
# checks the command line around the page: --summary on stderr, a failed
# write (exit 2), a hostile file name shown as text.
set -u
exe=$1
src=$2
regen=${3:-}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
cd "$src" || exit 2
export SOURCE_DATE_EPOCH=1736931600 # 2025-01-15T09:00:00Z
now=2025-01-15T09:00:00Z
work=$(mktemp -d "${TMPDIR:-/tmp}/dsreg-golden-html.XXXXXX")
trap 'rm -rf "$work"' EXIT

status=0
# check NAME EXPECTED_EXIT ARGS...
check() {
  local name=$1 want=$2 st=0
  shift 2
  "$exe" --format html --now "$now" --jobs 1 -o "$work/$name.html" "$@" \
    2>"$work/$name.err" || st=$?
  local expected=tests/golden/html/$name.html
  if [ "$regen" = --regen ]; then
    if [ ! -f "$expected" ]; then
      echo "new: $expected"
    elif ! cmp -s "$work/$name.html" "$expected"; then
      echo "updated: $expected"
    fi
    cp "$work/$name.html" "$expected"
    return
  fi
  if [ "$st" != "$want" ]; then
    echo "FAIL: $name: exit $st, expected $want"
    cat "$work/$name.err"
    status=1
  fi
  if ! diff -u "$expected" "$work/$name.html" >"$work/$name.diff"; then
    echo "FAIL: $name: the page differs from $expected:"
    head -n 40 "$work/$name.diff"
    status=1
  fi
}
mkdir -p tests/golden/html
check fleet 2 fixtures/synthetic/hybrid_cert_expired.txt \
  fixtures/synthetic/entra_joined_healthy.txt \
  fixtures/synthetic/hostile_values.txt \
  fixtures/synthetic/multi_capture.log fixtures/synthetic/README.md
check single 1 fixtures/synthetic/hybrid_cert_expired.txt

# The command line around the page (not with --regen).
fail() {
  echo "FAIL: $*"
  status=1
}
if [ "$regen" != --regen ]; then
  one=fixtures/synthetic/hybrid_cert_expired.txt
  # --summary goes to stderr, the page stays one page.
  "$exe" --format html --now "$now" --summary "$one" >"$work/s.html" \
    2>"$work/s.err"
  if [ "$(head -c 15 "$work/s.html")" != "<!DOCTYPE html>" ] ||
    [ "$(tail -n 1 "$work/s.html")" != "</html>" ]; then
    fail "--summary: stdout is not one page"
  fi
  grep -q '^Summary: 1 capture' "$work/s.err" || fail "--summary: not on stderr"
  # A write that fails is exit 2 with the usual message.
  if [ -w /dev/full ]; then
    st=0
    "$exe" --format html "$one" >/dev/full 2>"$work/full.err" || st=$?
    if [ "$st" != 2 ] || ! grep -q 'writing output failed' "$work/full.err"; then
      fail "/dev/full: exit $st"
    fi
  fi
  # A hostile file name is text in the table and the detail.  Not under
  # Wine (DSREG_GOLDEN_WINE=1): Windows names cannot hold < > ".
fi
if [ "$regen" != --regen ] && [ -z "${DSREG_GOLDEN_WINE:-}" ]; then
  mkdir -p "$work/share"
  cp "$one" "$work/share/<b>x'\"<i>.txt"
  "$exe" --format html --now "$now" "$work/share" >"$work/n.html" 2>/dev/null
  if [ "$(grep -o '&lt;b&gt;x&#39;&quot;&lt;i&gt;.txt' "$work/n.html" | wc -l)" -lt 3 ] ||
    grep -q '<b>x\|<i>\.txt' "$work/n.html"; then
    fail "file name not escaped"
  fi
fi
[ "$status" = 0 ] && [ "$regen" != --regen ] && echo "golden html: ok"
exit $status
