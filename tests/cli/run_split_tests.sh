#!/usr/bin/env bash
# One big log in parallel parts (issue 17): with --jobs 2 or more a regular
# file of 8 MiB or more, read alone, is cut at the box rules above Device
# State titles and its parts parsed on several threads.  The output must be
# byte for byte that of --jobs 1, whatever the log holds: every format,
# CRLF, UTF-8 with a BOM, UTF-16LE and BE with a BOM, captures that do not
# start at a Device State box (fragments, an SSO State alone), a double-
# spaced paste, a quoted one, a cp850 capture (the decoder switches code
# page part-way) and NUL bytes.  DSREG_SPLIT_TRACE=1 says how the file was
# read, so that a test that passed only because nothing was split shows;
# DSREG_SPLIT_TEST=N makes parts of N bytes at least, in files of any size.
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

same "$tmp/plain.log" 2 json csv text md line capture
same "$tmp/plain.log" 3 json
same "$tmp/crlf.log" 2 json csv
same "$tmp/utf16.log" 2 json csv
same "$tmp/utf16be.log" 2 json
same "$tmp/bom.log" 2 json
same "$tmp/damaged.log" 2 json csv text

# Cut at every capture (DSREG_SPLIT_TEST=1: parts of at least 1 byte, any
# file size): every fixture on its own, and all of them in one log in each
# encoding and line ending, at --jobs 2 and 3, give the output of --jobs 1.
cat fixtures/synthetic/*.txt fixtures/synthetic/*.log fixtures/corpus/*.txt \
  >"$tmp/fixtures.log"
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
text = open(d + "/fixtures.log", "rb").read().decode("utf-8")
crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
open(d + "/fixtures-crlf.log", "wb").write(crlf.encode("utf-8"))
open(d + "/fixtures-16le.log", "wb").write(b"\xff\xfe" + crlf.encode("utf-16-le"))
open(d + "/fixtures-16be.log", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
PY
# every_cut FILE JOBS FORMAT...: as same, with a part for every capture
every_cut() {
  local log=$1 jobs=$2 name
  name=$(basename "$log")
  shift 2
  for fmt in "$@"; do
    "$exe" "${now[@]}" --jobs 1 --format "$fmt" "$log" >"$tmp/one" 2>"$tmp/one.err"
    local rc1=$?
    DSREG_SPLIT_TEST=1 DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs "$jobs" \
      --format "$fmt" "$log" >"$tmp/many" 2>"$tmp/many.err"
    local rc2=$?
    check "$name cut at every capture, --jobs $jobs --format $fmt: same output and status" \
      test "$(cmp -s "$tmp/one" "$tmp/many" && echo "$rc1" = "$rc2")" = "$rc1 = $rc1"
    check "$name cut at every capture, --jobs $jobs --format $fmt: stderr as --jobs 1" \
      cmp -s "$tmp/one.err" <(grep -v '^dsregdiag: split: ' "$tmp/many.err")
  done
}
for f in fixtures/synthetic/*.txt fixtures/synthetic/*.log fixtures/corpus/*.txt; do
  every_cut "$f" 2 json csv
done
for log in fixtures fixtures-crlf fixtures-16le fixtures-16be; do
  every_cut "$tmp/$log.log" 2 json csv text md
  every_cut "$tmp/$log.log" 3 json
done
DSREG_SPLIT_TEST=1 DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format csv \
  "$tmp/fixtures-16le.log" >/dev/null 2>"$tmp/err"
check "fixtures in UTF-16LE: cut into many parts" \
  grep -Eq ': ([1-9][0-9]+) parts' "$tmp/err"
# The file's first non-ASCII byte is not UTF-8 (cp850), or is a NUL, or is
# UTF-8 right before NULs: the decoder of the whole file may change its
# mind there, and the parts must decode as it does.
python3 - "$tmp" <<'PY'
import glob, sys
d = sys.argv[1]
caps = [open(f, "rb").read() for f in sorted(glob.glob("fixtures/synthetic/*.txt"))]
cap = open("fixtures/synthetic/hybrid_joined_healthy.txt", "rb").read()
mid = len(caps) // 2
for name, odd in (("first-cp850", cap.replace(b"Contoso", b"Contoso M\x81ller")),
                  ("first-nul", cap.replace(b"Contoso", b"Contoso\x00\x00")),
                  ("utf8-then-nul", cap.replace(b"Contoso", b"M\xc3\xbcller" + b"\x00" * 300))):
    open(d + "/" + name + ".log", "wb").write(b"".join(caps[:mid]) + odd + b"".join(caps[mid:]) * 3)
PY
for log in first-cp850 first-nul utf8-then-nul; do
  every_cut "$tmp/$log.log" 2 json csv
done
every_cut "$tmp/plain.log" 2 json csv
every_cut "$tmp/utf16.log" 2 csv
every_cut "$tmp/damaged.log" 2 json

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

# The HTML page, whose fleet counts each capture once, is read in one piece:
# a part parsed again would count its captures twice.
for log in plain damaged; do
  "$exe" "${now[@]}" --jobs 1 --format html "$tmp/$log.log" >"$tmp/one.html" 2>/dev/null
  DSREG_SPLIT_TRACE=1 "$exe" "${now[@]}" --jobs 2 --format html "$tmp/$log.log" \
    >"$tmp/many.html" 2>"$tmp/err"
  check "$log --format html --jobs 2: the page of --jobs 1" \
    cmp -s "$tmp/one.html" "$tmp/many.html"
  check "$log --format html: not split" test -z "$(grep 'split:' "$tmp/err")"
done

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
