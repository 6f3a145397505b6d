#!/usr/bin/env bash
# Golden test of one fixture through the real executable.
#
#   run_golden.sh DSREGDIAG TRANSCODE SOURCE_DIR FIXTURE [--regen]
#
# FIXTURE is a path relative to SOURCE_DIR (it is also the "source" in the
# output, so the expected files do not depend on where the tree lives).
# Checks, in order:
#   1. the `--format json` output, pretty-printed by `jq --indent 2 .` (one
#      key a line; a multi-capture fixture gives one object after another),
#      equals tests/golden/expected/NAME.json, and the SHA-256 of the output
#      itself equals NAME.json.sha256; the exit status equals NAME.exit;
#   2. the text report (--color=never, wrapped at 100 columns as on a pipe)
#      equals NAME.txt, the Markdown report NAME.md, the CSV NAME.csv;
#   3. the fixture re-encoded as UTF-16LE+BOM+CRLF, UTF-16BE+BOM, BOM-less
#      UTF-16LE, UTF-8+BOM, CR-only and CRLF, and with a prompt line in
#      front, yields exactly the same sections and typed values.
# With --regen (or DSREG_REGEN=1) the expected files are written instead,
# only those that change, each named on stdout ("updated: PATH"); step 3 is
# skipped and TRANSCODE is not used.  tests/golden/regen.sh does every
# fixture (tests/golden/README.md).
#
# Why a hash as well: jq compares values, not bytes.  It prints `\u00e9` and
# `é`, `\/` and `/`, `1.0` and `1` alike, keeps only the last of two equal
# keys and turns invalid UTF-8 into U+FFFD, so a change of the writer's
# bytes could leave the pretty form as it was.  Nor can the bytes be
# rebuilt from the pretty form with `jq -c .`: the writer escapes the C1
# controls (U+0080-U+009F, docs/json.md) and jq 1.6 prints them raw.  The
# pretty file is for review, the hash pins every byte.
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
"$exe" "${opts[@]}" --format md "$fixture" >"$tmp/out.md" 2>/dev/null

# The JSON pretty-printed for review, and the hash of its exact bytes.
sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum <"$1" | cut -d' ' -f1
  else
    shasum -a 256 <"$1" | cut -d' ' -f1
  fi
}
sha256 "$tmp/out.json" >"$tmp/out.json.sha256"
if ! jq -M --indent 2 . "$tmp/out.json" >"$tmp/out.pretty" 2>"$tmp/jq.err"; then
  echo "FAIL: jq rejects the JSON output of $name: $(head -n 3 "$tmp/jq.err")"
  exit 1
fi

if [ -n "$regen" ]; then
  for ext in json json.sha256 txt md csv exit; do
    got=$tmp/out.$ext
    [ "$ext" = json ] && got=$tmp/out.pretty
    cmp -s "$got" "$exp.$ext" && continue
    if [ -e "$exp.$ext" ]; then
      echo "updated: tests/golden/expected/$name.$ext"
    else
      echo "new: tests/golden/expected/$name.$ext"
    fi
    cp "$got" "$exp.$ext" || exit 2
  done
  exit 0
fi

for ext in json txt md csv exit; do
  got=$tmp/out.$ext
  [ "$ext" = json ] && got=$tmp/out.pretty
  if ! diff -u "$exp.$ext" "$got" >"$tmp/diff" 2>&1; then
    echo "FAIL: $name.$ext differs from the expected output:"
    head -n 40 "$tmp/diff"
    fail=1
  elif [ "$ext" = json ] && ! cmp -s "$exp.json.sha256" "$tmp/out.json.sha256"; then
    # Same values, other bytes (the pretty diff says it all otherwise).
    echo "FAIL: $name: the JSON has the expected values but not the expected" \
      "bytes (SHA-256 $(cat "$tmp/out.json.sha256"), expected" \
      "$(cat "$exp.json.sha256" 2>/dev/null || echo "none: no $name.json.sha256"));" \
      "an escape, a number's spelling, spacing or a repeated key changed"
    # Where the output is not what jq would print: the change is likely there.
    jq -M -c . "$exp.json" >"$tmp/compact"
    at=$(cmp "$tmp/compact" "$tmp/out.json" 2>&1 | sed -n 's/.* \(byte\|char\) \([0-9]*\).*/\2/p')
    if [ -n "$at" ]; then
      at=$((at > 30 ? at - 30 : 1))
      echo "  the first bytes that differ from \`jq -c . $name.json\`, from byte $at:"
      # (JSON text has no raw control character to print.)
      echo "  jq:     |$(tail -c +"$at" "$tmp/compact" | head -c 60)|"
      echo "  output: |$(tail -c +"$at" "$tmp/out.json" | head -c 60)|"
    fi
    fail=1
  fi
done

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
  for k in "${!args[@]}"; do args[k]=${args[$k]//_/ }; done
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
