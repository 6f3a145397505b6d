#!/usr/bin/env bash
# Faults injected with fault_shim.so (LD_PRELOAD): a full disk, a failing
# final flush, sync, close or rename, every single allocation failing in
# turn, a file turned into a FIFO between listing and opening.  Whatever
# fails, -o FILE keeps its old content, no temporary file is left, and the
# message names FILE (issue 9).  Also the memory of a walk over many files.
#
#   run_fault_tests.sh DSREGDIAG FAULT_SHIM HOSTILE_MEASURE SOURCE_DIR
set -u
exe=$1 shim=$2 measure=$3 src=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
now=(--now 2025-03-04T08:00:01Z)
temps() { find "$1" -maxdepth 1 -name '*.tmp' | wc -l; }

# A small share of good captures: every run should succeed, so any exit 2
# below is the injected fault.
share=$tmp/share
mkdir -p "$share/a" "$share/b"
cp fixtures/synthetic/entra_joined_healthy.txt "$share/a/PC1.txt"
cp fixtures/synthetic/hybrid_joined_healthy.txt "$share/a/PC2.txt"
cp fixtures/synthetic/multi_capture.log "$share/b/daily.log"
"$exe" "${now[@]}" -f json "$share" >"$tmp/full.json"
check "reference run: exit 0" test $? -eq 0
out=$tmp/o/report.json
mkdir "$tmp/o"

# fault NAME EXPECTED_MESSAGE VAR=VALUE...: one run with -o, an old report
# in place; it must fail with exit 2, that message, the old report intact
# and no temporary file.
fault() {
  local name=$1 want=$2
  shift 2
  echo "old report" >"$out"
  env LD_PRELOAD="$shim" "$@" "$exe" "${now[@]}" -f json -o "$out" "$share" 2>"$tmp/err"
  local st=$?
  check "$name: exit 2 (got $st)" test $st -eq 2
  check "$name: the old report is intact" test "$(cat "$out")" = "old report"
  check "$name: no temporary file left" test "$(temps "$tmp/o")" -eq 0
  if [ "$(cat "$tmp/err")" = "$want" ]; then ok; else
    bad "$name: stderr was '$(cat "$tmp/err")', expected '$want'"
  fi
}
fault "disk full at the final flush" \
  "dsregdiag: $out: cannot write: No space left on device; the file was left as it was" \
  DSREG_FAULT_WRITE=0
fault "disk full after 10,000 bytes" \
  "dsregdiag: $out: cannot write: No space left on device; the file was left as it was" \
  DSREG_FAULT_WRITE=10000
fault "fsync fails" \
  "dsregdiag: $out: cannot sync: Input/output error; the file was left as it was" \
  DSREG_FAULT_FSYNC=1
fault "close fails" \
  "dsregdiag: $out: cannot close: Input/output error; the file was left as it was" \
  DSREG_FAULT_CLOSE=1
fault "rename fails" \
  "dsregdiag: $out: cannot replace: Invalid cross-device link; the file was left as it was" \
  DSREG_FAULT_RENAME=1

# Every allocation of a run fails in turn (one per run).  A run either
# succeeds with the whole report, or exits 2 with the old report intact;
# never a crash, never a cut or empty report, never a temporary file left.
env LD_PRELOAD="$shim" DSREG_FAULT_COUNT="$tmp/count" \
  "$exe" "${now[@]}" -f json -o "$out" "$share" 2>/dev/null
total=$(cat "$tmp/count")
check "allocation count is known ($total)" test "$total" -gt 50
crashes=0 cut=0 left=0 failed=0
for n in $(seq 1 "$total"); do
  echo "old report" >"$out"
  env LD_PRELOAD="$shim" DSREG_FAULT_MALLOC="$n" \
    "$exe" "${now[@]}" -f json -o "$out" "$share" >/dev/null 2>"$tmp/err"
  st=$?
  if [ $st -gt 2 ]; then
    crashes=$((crashes + 1))
    echo "  allocation $n: exit $st: $(head -c 200 "$tmp/err")"
  elif [ $st -eq 2 ]; then
    failed=$((failed + 1))
    if [ "$(cat "$out")" != "old report" ]; then
      cut=$((cut + 1))
      echo "  allocation $n: exit 2 but the report was replaced"
    fi
  elif ! cmp -s "$out" "$tmp/full.json"; then
    cut=$((cut + 1))
    echo "  allocation $n: exit $st with a report that differs from the full one"
  fi
  [ "$(temps "$tmp/o")" -eq 0 ] || {
    left=$((left + 1))
    rm -f "$tmp"/o/*.tmp
  }
done
echo "  $total allocations failed in turn: $failed runs ended in exit 2"
check "allocation failures: no crash" test $crashes -eq 0
check "allocation failures: no cut or replaced report" test $cut -eq 0
check "allocation failures: no temporary file left" test $left -eq 0

# A file of the share becomes a FIFO after the listing: refused at once.
swap=$tmp/swap
mkdir "$swap"
cp fixtures/synthetic/not_joined.txt "$swap/a.txt"
cp fixtures/synthetic/not_joined.txt "$swap/b.txt"
env LD_PRELOAD="$shim" DSREG_FAULT_SWAP="$swap/a.txt" timeout 10 \
  "$exe" -f csv --columns source,error "$swap" >"$tmp/swap.csv" 2>"$tmp/err"
st=$?
check "a FIFO swapped in: no hang, exit 2 (got $st)" test $st -eq 2
check "a FIFO swapped in: error row" grep -qF "\"$swap/a.txt\",\"not a regular file\"" "$tmp/swap.csv"
check "a FIFO swapped in: the rest of the folder still read" grep -qF "\"$swap/b.txt\"," "$tmp/swap.csv"
check "a FIFO swapped in: message" grep -qxF "dsregdiag: $swap/a.txt: not a regular file" "$tmp/err"

# Memory of a walk does not grow with the number of files: 40 folders of
# 1,000 empty files against 4 of 1,000 (before the streaming walk, about
# 88 bytes a path: +3 MiB).
mk() {
  local dir=$1 folders=$2
  for d in $(seq "$folders"); do
    mkdir -p "$dir/f$d"
    (cd "$dir/f$d" && seq -f 'c%04g.txt' 1000 | xargs touch)
  done
}
mk "$tmp/small" 4
mk "$tmp/large" 40
"$measure" "$tmp/small.stat" "$exe" -q -j 1 -f csv "$tmp/small" >/dev/null 2>&1
"$measure" "$tmp/large.stat" "$exe" -q -j 1 -f csv "$tmp/large" >/dev/null 2>&1
small=$(cut -d' ' -f2 "$tmp/small.stat") large=$(cut -d' ' -f2 "$tmp/large.stat")
echo "  peak RSS: 4,000 files $small KiB, 40,000 files $large KiB"
check "walk memory: 40,000 files within 512 KiB of 4,000" test $((large - small)) -lt 512

checks_done
