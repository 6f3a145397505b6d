#!/usr/bin/env bash
# Every fixture through dsregdiag and through dsregdiag_shuffled (built from
# a dsreg/fields.def with every list reversed): the JSON must be the same
# value (jq -S: same objects, keys and values, whatever their order; a key
# given twice would lose one of them and differ), the text report and the
# CSV the same bytes, and the exit status the same.
#
#   run_shuffled.sh DSREGDIAG DSREGDIAG_SHUFFLED SOURCE_DIR
set -u
exe=$1 shuffled=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C NO_COLOR=1
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
now=(--now 2025-03-09T11:00:00Z)
for f in fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log; do
  name=$(basename "$f")
  "$exe" "${now[@]}" -f json "$f" >"$tmp/a.json" 2>/dev/null
  a=$?
  "$shuffled" "${now[@]}" -f json "$f" >"$tmp/b.json" 2>/dev/null
  b=$?
  check "$name: same exit status ($a, $b)" test $a -eq $b
  if [ "$(jq -S . "$tmp/a.json")" = "$(jq -S . "$tmp/b.json")" ]; then ok; else
    bad "$name: the JSON differs with the lists reversed"
    diff <(jq -S . "$tmp/a.json") <(jq -S . "$tmp/b.json") | head -10
  fi
  for fmt in text csv; do
    "$exe" "${now[@]}" -f $fmt "$f" >"$tmp/a.$fmt" 2>/dev/null
    "$shuffled" "${now[@]}" -f $fmt "$f" >"$tmp/b.$fmt" 2>/dev/null
    check "$name: the same $fmt" cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt"
  done
done
checks_done
