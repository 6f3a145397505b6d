#!/usr/bin/env bash
# Golden test of one fixture through the real executable.
#
#   run_golden.sh DSREGDIAG TRANSCODE SOURCE_DIR FIXTURE [--regen]
#
# FIXTURE is a path relative to SOURCE_DIR (it is also the "source" in the
# output, so the expected files do not depend on where the tree lives).
# Checks, in order:
#   1. `--format json` output equals tests/golden/expected/NAME.json, and jq
#      accepts it; the exit status equals NAME.exit;
#   2. the text report (--color=never) equals NAME.txt, the CSV NAME.csv;
#   3. the fixture re-encoded as UTF-16LE+BOM+CRLF, UTF-16BE+BOM, BOM-less
#      UTF-16LE, UTF-8+BOM, CR-only and CRLF, and with a prompt line in
#      front, yields exactly the same sections and typed values.
# With --regen (or DSREG_REGEN=1) the expected files are rewritten instead.
set -u
exe=$1 transcode=$2 src=$3 fixture=$4
regen=${5:-${DSREG_REGEN:-}}
[ "$regen" = "--regen" ] && regen=1
name=$(basename "$fixture")
name=${name%.*}
exp="$src/tests/golden/expected/$name"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C NO_COLOR=
fail=0

cd "$src" || exit 2
# The fixture's own capture time (fixtures/capture-times.tsv), so that date
# rules judge it as of the day it was taken, not the day the tests run.
rel=${fixture#fixtures/}
now=$(awk -F'\t' -v f="$rel" '$1 == f { print $2 }' fixtures/capture-times.tsv)
if [ -z "$now" ]; then
  echo "FAIL: $rel has no line in fixtures/capture-times.tsv"
  exit 1
fi
opts=(--now "$now")
"$exe" "${opts[@]}" --format json "$fixture" >"$tmp/out.json" 2>"$tmp/err"
echo $? >"$tmp/out.exit"
"$exe" "${opts[@]}" --color=never "$fixture" >"$tmp/out.txt" 2>/dev/null
"$exe" "${opts[@]}" --format csv "$fixture" >"$tmp/out.csv" 2>/dev/null

if [ -n "$regen" ]; then
  cp "$tmp/out.json" "$exp.json"
  cp "$tmp/out.txt" "$exp.txt"
  cp "$tmp/out.csv" "$exp.csv"
  cp "$tmp/out.exit" "$exp.exit"
  echo "regenerated $exp.{json,txt,csv,exit}"
else
  for ext in json txt csv exit; do
    if ! diff -u "$exp.$ext" "$tmp/out.$ext" >"$tmp/diff" 2>&1; then
      echo "FAIL: $name.$ext differs from the expected output:"
      head -n 40 "$tmp/diff"
      fail=1
    fi
  done
fi
if ! jq -e . "$tmp/out.json" >/dev/null; then
  echo "FAIL: jq rejects the JSON output"
  fail=1
fi

# The parts that must not depend on encoding, line endings or a prompt line
# in front (which moves line numbers, so those are left out).
same() {
  jq -c '{sections, typed, join_type,
          findings: [.findings[] | del(.evidence[].line)]}' "$1"
}
same "$tmp/out.json" >"$tmp/ref"
variants=(
  "utf16le-bom-crlf:--utf16le --crlf"
  "utf16be-bom:--utf16be"
  "utf16le-nobom:--utf16le --nobom"
  "utf8-bom:--utf8bom"
  "cr-only:--cr"
  "crlf:--crlf"
  "prompt:--crlf --prompt PS_C:\\Users\\admin>_dsregcmd_/status"
)
for v in "${variants[@]}"; do
  label=${v%%:*}
  read -r -a args <<<"${v#*:}"
  for k in "${!args[@]}"; do args[$k]=${args[$k]//_/ }; done
  "$transcode" "${args[@]}" "$fixture" "$tmp/variant" || { fail=1; continue; }
  "$exe" "${opts[@]}" --format json "$tmp/variant" >"$tmp/variant.json" 2>/dev/null
  same "$tmp/variant.json" >"$tmp/got"
  if ! cmp -s "$tmp/ref" "$tmp/got"; then
    echo "FAIL: $name as $label parses differently from the UTF-8/LF original"
    diff <(jq . "$tmp/ref") <(jq . "$tmp/got") | head -n 20
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "ok: $name"
exit $fail
