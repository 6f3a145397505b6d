#!/usr/bin/env bash
# One big log in parallel parts (issue 17): with --jobs 2 or more a regular
# file of 8 MiB or more, read alone, is cut at the box rules above Device
# State titles and its parts parsed on several threads.  The output must be
# byte for byte that of --jobs 1, whatever the log holds: every format,
# CRLF, UTF-8 with a BOM, UTF-16LE and BE with a BOM, captures that do not
# start at a Device State box (fragments, an SSO State alone), a double-
# spaced paste, a quoted one, a cp850 capture (the decoder switches code
# page part-way) and NUL bytes.  DSREG_SPLIT_TRACE=1 says how the file was
# read, so that a test that passed only because nothing was split shows.
#
#   run_split_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
now=(--now 2025-03-10T00:00:00Z)

gen() { python3 bench/gen_log.py "$@" 2>/dev/null; }
gen --size 9M -o "$tmp/plain.log" >/dev/null
gen --size 9M --crlf -o "$tmp/crlf.log" >/dev/null
gen --size 9M --utf16 -o "$tmp/utf16.log" >/dev/null
# UTF-16BE and UTF-8 with a BOM, from the plain log
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
text = open(d + "/plain.log", "rb").read().decode("utf-8")
open(d + "/utf16be.log", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
open(d + "/bom.log", "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))
PY
# A log with the damage that makes parts disagree with the plan somewhere in
# the middle: the same log with, after 4 MiB, a quoted and a double-spaced
# capture, a capture in cp850, and a line with NUL bytes.
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
data = open(d + "/plain.log", "rb").read()
cut = data.index(b"\n====", 4 << 20) + 1
cap = open("fixtures/synthetic/hybrid_joined_healthy.txt", "rb").read()
quoted = b"".join(b"> " + l for l in cap.splitlines(True))
double = b"".join(l + b"\n" for l in cap.splitlines(True))
cp850 = cap.replace(b"Contoso", "Contoso M\u00fcller".encode("cp850"))
nul = b"noise \x00\x00\x00 here\n"
open(d + "/damaged.log", "wb").write(data[:cut] + quoted + double + cp850 +
                                     nul + data[cut:])
PY

# same LOG JOBS FORMAT...: --jobs JOBS gives the output and exit status of
# --jobs 1, and the trace names parts
same() {
  local log=$1 jobs=$2
  shift 2
  for fmt in "$@"; do
    "$exe" "${now[@]}" --jobs 1 --format "$fmt" "$log" >"$tmp/one" 2>"$tmp/one.err"
    local rc1=$?
    DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs "$jobs" --format "$fmt" "$log" \
      >"$tmp/many" 2>"$tmp/many.err"
    local rc2=$?
    check "$(basename "$log") --jobs $jobs --format $fmt: same output" \
      cmp -s "$tmp/one" "$tmp/many"
    check "$(basename "$log") --jobs $jobs --format $fmt: same exit status" \
      test "$rc1" = "$rc2"
    check "$(basename "$log") --jobs $jobs --format $fmt: split" \
      grep -q "^dsregdiag: split: .*: [0-9]* parts" "$tmp/many.err"
    check "$(basename "$log") --jobs $jobs --format $fmt: stderr as --jobs 1" \
      cmp -s "$tmp/one.err" <(grep -v '^dsregdiag: split: ' "$tmp/many.err")
  done
}

same "$tmp/plain.log" 2 json csv text md
same "$tmp/plain.log" 3 json
same "$tmp/crlf.log" 2 json csv
same "$tmp/utf16.log" 2 json csv
same "$tmp/utf16be.log" 2 json
same "$tmp/bom.log" 2 json
same "$tmp/damaged.log" 2 json csv text

# Every part in parallel for a clean log, in UTF-8 and UTF-16 alike.
for log in plain utf16; do
  DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format csv "$tmp/$log.log" \
    >/dev/null 2>"$tmp/err"
  check "$log: every part in parallel" \
    grep -Eq '^dsregdiag: split: .*: ([0-9]+) parts, \1 in parallel$' "$tmp/err"
done
# The damaged one: the parts after the damage in one piece.
DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format csv "$tmp/damaged.log" \
  >/dev/null 2>"$tmp/err"
check "damaged: the rest in one piece" \
  grep -q 'in parallel, the rest in one piece$' "$tmp/err"

# Not split: below 8 MiB, with --summary, read from a pipe.
head -c 4000000 "$tmp/plain.log" >"$tmp/small.log"
DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format csv "$tmp/small.log" \
  >/dev/null 2>"$tmp/err"
check "small file: not split" test ! -s "$tmp/err"
DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --summary --format json \
  "$tmp/plain.log" >/dev/null 2>"$tmp/err"
check "--summary: not split" test -z "$(grep 'split:' "$tmp/err")"
DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format csv - \
  <"$tmp/plain.log" >"$tmp/stdin.csv" 2>"$tmp/err"
"$exe" "${now[@]}" --jobs 1 --format csv - <"$tmp/plain.log" >"$tmp/stdin1.csv" 2>/dev/null
check "stdin redirected from the file: same output" cmp -s "$tmp/stdin.csv" "$tmp/stdin1.csv"
# shellcheck disable=SC2002 # the point is a pipe, not a redirected file
cat "$tmp/plain.log" | "$exe" "${now[@]}" --jobs 2 --format csv - >"$tmp/pipe.csv" 2>/dev/null
check "a pipe: same output" cmp -s "$tmp/pipe.csv" "$tmp/stdin1.csv"

checks_done
