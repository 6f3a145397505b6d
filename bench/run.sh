#!/usr/bin/env bash
# bench/run.sh - parser throughput against `wc -l`, and peak memory.
#
#   bench/run.sh                      # 256 MiB, under a minute on 2 cores
#   BENCH_SIZE=64M bench/run.sh       # smaller log
#   BENCH_LARGE=1 bench/run.sh        # also peak memory on a 1 GiB log
#   BENCH_DIR=/var/tmp/b bench/run.sh # keep (and reuse) the generated logs
#
# Environment:
#   BENCH_SIZE   size of the main log (default 256M; K, M, G suffixes)
#   BENCH_LARGE  1: also measure peak memory on a 1 GiB log
#   BENCH_DIR    where the logs go; kept afterwards.  Default: a temporary
#                directory, removed at the end.
#   BENCH_BUILD  build directory (default build-bench: a Release build, so the
#                figures do not depend on the build type of build/)
#   BENCH_RUNS   timed runs per command (default 5, after 1 warm-up)
#   BENCH_FLEET  1: run bench/fleet.sh instead (the CLI on a folder of
#                100,000 capture files and on a 1 GiB log)
#
# Measures, in the same run and on the same page-cached files:
#   wc -l FILE (the baseline), cat FILE > /dev/null, bench_parse FILE,
#   bench_parse --rules FILE, bench_parse --json FILE,
#   dsregdiag --format json FILE > /dev/null,
#   bench_parse on the CRLF and the UTF-16LE (BOM) variants of the log, and
#   on a log that begins with two captures at the parser's per-capture
#   limits (gen_log.py --limits; a quarter of the size, at least 16 MiB),
# with hyperfine when it is installed, else best of BENCH_RUNS with bash's
# `time`.  Then the peak resident set of bench_parse and of the CLI with
# /usr/bin/time -f %M (and bench_parse's own VmHWM, --rss) on the main log,
# on the 1 GiB log (BENCH_LARGE=1), on an 8 MiB line with no newline and on
# the log with the limit captures.
#
# Goals reported against: the parser at least 1/4 of `wc -l` speed; peak
# memory under 16 MiB whatever the input, the 8 MiB line included.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BENCH_FLEET=1: the fleet benchmark instead (a share of 100,000 capture
# files and a 1 GiB log against cat and wc -l; bench/fleet.sh says more).
if [[ ${BENCH_FLEET:-0} == 1 ]]; then
  exec bash "$ROOT/bench/fleet.sh"
fi
SIZE=${BENCH_SIZE:-256M}
LARGE=${BENCH_LARGE:-0}
RUNS=${BENCH_RUNS:-5}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
GEN="python3 $ROOT/bench/gen_log.py"
RSS_GOAL_MIB=16
SPEED_GOAL=0.25

say() { printf '%s\n' "$*" >&2; }

if [[ -n ${BENCH_DIR:-} ]]; then
  DIR=$BENCH_DIR
  mkdir -p "$DIR"
else
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/dsreg-bench.XXXXXX")
  trap 'rm -rf "$DIR"' EXIT
fi

# ---- build --------------------------------------------------------------
# bench_parse is required; the CLI is measured when it builds (the rows are
# left out otherwise, so a CLI under construction does not stop the run).
say "== building bench_parse and dsregdiag (Release) in $BUILD"
JOBS=$(nproc 2>/dev/null || echo 2)
if ! cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF >"$DIR/build.log" 2>&1 ||
  ! cmake --build "$BUILD" --target bench_parse -j "$JOBS" >>"$DIR/build.log" 2>&1; then
  cat "$DIR/build.log" >&2
  say "building bench_parse failed"
  exit 1
fi
BP=$BUILD/bench/bench_parse
CLI=$BUILD/src/cli/dsregdiag
if ! cmake --build "$BUILD" --target dsregdiag -j "$JOBS" >>"$DIR/build.log" 2>&1; then
  grep -E "error|Error" "$DIR/build.log" | head -5 >&2
  say "   dsregdiag did not build: its rows are left out"
  CLI=
fi
grep -E "warning:" "$DIR/build.log" >&2 || true

bytes_of() {
  python3 -B -c 'import sys; sys.path.insert(0, sys.argv[1]); import gen_log
print(gen_log.parse_size(sys.argv[2]))' "$ROOT/bench" "$1"
}

# gen FILE SIZE_BYTES ARGS...: (re)generate unless it is there at that size.
gen() {
  local file=$1 want=$2
  shift 2
  if [[ -f $file && $(stat -c %s "$file") == "$want" ]]; then
    say "   reusing $file"
  else
    $GEN "$@" -o "$file"
  fi
}

SIZE_BYTES=$(bytes_of "$SIZE")
LOG=$DIR/log-utf8.log
CRLF=$DIR/log-crlf.log
U16=$DIR/log-utf16.log
LINE=$DIR/line-8m.log
HUGE=$DIR/log-1g.log
LIM=$DIR/log-limits.log
# The log with the two hostile captures first: a quarter of the main size
# (at least 16 MiB), as the parser runs far slower on it.
LIM_BYTES=$((SIZE_BYTES / 4 > (16 << 20) ? SIZE_BYTES / 4 : (16 << 20)))
say "== generating logs in $DIR"
gen "$LOG" "$SIZE_BYTES" --size "$SIZE_BYTES"
gen "$CRLF" "$SIZE_BYTES" --size "$SIZE_BYTES" --crlf
gen "$U16" "$SIZE_BYTES" --size "$SIZE_BYTES" --utf16
gen "$LINE" $((8 << 20)) --long-line $((8 << 20))
gen "$LIM" "$LIM_BYTES" --size "$LIM_BYTES" --limits
FILES=("$LOG" "$CRLF" "$U16" "$LINE" "$LIM")
if [[ $LARGE == 1 ]]; then
  gen "$HUGE" $((1 << 30)) --size $((1 << 30))
  FILES+=("$HUGE")
fi

say "== warming the page cache"
for f in "${FILES[@]}"; do cat "$f" >/dev/null; cat "$f" >/dev/null; done

# ---- timing -------------------------------------------------------------
# name | command | input file (for MiB/s).  dsregdiag exits 1 when a capture
# has an error-severity finding, which the generated log has: not a failure.
NAMES=() CMDS=() INPUTS=()
add() { NAMES+=("$1"); CMDS+=("$2"); INPUTS+=("$3"); }
add "wc -l" "wc -l '$LOG'" "$LOG"
add "cat > /dev/null" "cat '$LOG' > /dev/null" "$LOG"
add "bench_parse" "'$BP' '$LOG'" "$LOG"
add "bench_parse --rules" "'$BP' --rules '$LOG'" "$LOG"
add "bench_parse --json" "'$BP' --json '$LOG'" "$LOG"
[[ -n $CLI ]] && add "dsregdiag --format json" \
  "'$CLI' --format json '$LOG' > /dev/null || test \$? -eq 1" "$LOG"
add "bench_parse (CRLF)" "'$BP' '$CRLF'" "$CRLF"
add "bench_parse (UTF-16LE)" "'$BP' '$U16'" "$U16"
add "bench_parse (limits first)" "'$BP' '$LIM'" "$LIM"

# Sanity: every command runs and the parser finds captures.
for i in "${!CMDS[@]}"; do
  bash -c "${CMDS[$i]}" >/dev/null || { say "failed: ${CMDS[$i]}"; exit 1; }
done

TIMES=$DIR/times.tsv # name \t mean \t stddev \t input bytes
: >"$TIMES"
if command -v hyperfine >/dev/null; then
  TOOL="hyperfine $(hyperfine --version | awk '{print $2}'), mean of $RUNS runs after 1 warm-up"
  say "== timing with hyperfine ($RUNS runs each)"
  args=()
  for i in "${!CMDS[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
  hyperfine --style basic --warmup 1 --runs "$RUNS" \
    --export-json "$DIR/hyperfine.json" "${args[@]}" >&2
  python3 - "$DIR/hyperfine.json" "${INPUTS[@]}" >"$TIMES" <<'EOF'
import json, os, sys
res = json.load(open(sys.argv[1]))["results"]
for r, f in zip(res, sys.argv[2:]):
    print("%s\t%.6f\t%.6f\t%d" % (r["command"], r["mean"], r["stddev"] or 0.0,
                                  os.path.getsize(f)))
EOF
else
  TOOL="bash time, best of $RUNS runs after 1 warm-up (hyperfine not found)"
  say "== timing with bash time, best of $RUNS (hyperfine not found)"
  TIMEFORMAT=%R
  for i in "${!CMDS[@]}"; do
    best=
    bash -c "${CMDS[$i]}" >/dev/null # warm-up
    for ((r = 0; r < RUNS; r++)); do
      t=$({ time bash -c "${CMDS[$i]}" >/dev/null 2>&1; } 2>&1)
      if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
        best=$t
      fi
    done
    say "   ${NAMES[$i]}: $best s"
    printf '%s\t%s\t%s\t%s\n' "${NAMES[$i]}" "$best" 0 \
      "$(stat -c %s "${INPUTS[$i]}")" >>"$TIMES"
  done
fi

# ---- peak memory --------------------------------------------------------
MEM=$DIR/mem.tsv # input \t program \t seconds \t maxrss KiB \t vmhwm KiB
: >"$MEM"
have_time=0
[[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 && have_time=1
say "== peak memory"
mem_inputs=("$LOG")
mem_labels=("$(basename "$LOG") ($SIZE)")
if [[ $LARGE == 1 ]]; then
  mem_inputs+=("$HUGE")
  mem_labels+=("$(basename "$HUGE") (1G)")
fi
mem_inputs+=("$LINE" "$LIM")
mem_labels+=("$(basename "$LINE") (8 MiB, no newline)"
  "$(basename "$LIM") ($((LIM_BYTES >> 20))M, limits first)")
for k in "${!mem_inputs[@]}"; do
  f=${mem_inputs[$k]}
  progs=("bench_parse" "bench_parse --json")
  [[ -n $CLI ]] && progs+=("dsregdiag --format json")
  for prog in "${progs[@]}"; do
    case $prog in
    "bench_parse") cmd=("$BP" --rss "$f") ;;
    "bench_parse --json") cmd=("$BP" --rss --json "$f") ;;
    *) cmd=("$CLI" --format json "$f") ;;
    esac
    # bench_parse prints one line of figures; the CLI's JSON is thrown away
    # as in the timing above.
    out=$DIR/mem.out
    [[ $prog == dsregdiag* ]] && out=/dev/null
    start=$(date +%s.%N)
    status=0
    if ((have_time)); then
      /usr/bin/time -f %M -o "$DIR/rss.txt" "${cmd[@]}" >"$out" 2>"$DIR/mem.err" || status=$?
      rss=$(tail -n 1 "$DIR/rss.txt")
    else
      "${cmd[@]}" >"$out" 2>"$DIR/mem.err" || status=$?
      rss=-
    fi
    end=$(date +%s.%N)
    # The CLI exits 1 for error-severity findings, and 2 when the input
    # holds no capture, as the long line does on purpose; anything else is
    # a failure.
    if ((status != 0)) && ! { [[ $prog == dsregdiag* ]] && ((status == 1)); } &&
      ! grep -q "no dsregcmd /status output" "$DIR/mem.err"; then
      say "failed ($status): ${cmd[*]}"
      cat "$DIR/mem.err" >&2
      exit 1
    fi
    hwm=
    [[ $out != /dev/null ]] && hwm=$(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' "$out")
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')
    printf '%s\t%s\t%s\t%s\t%s\n' "${mem_labels[$k]}" "$prog" "$secs" "$rss" \
      "${hwm:--}" >>"$MEM"
  done
done

# ---- report -------------------------------------------------------------
python3 - "$TIMES" "$MEM" "$SPEED_GOAL" "$RSS_GOAL_MIB" "$TOOL" "$have_time" <<'EOF'
import sys
times_f, mem_f, speed_goal, rss_goal, tool, have_time = sys.argv[1:]
speed_goal = float(speed_goal); rss_goal = float(rss_goal)
rows = [l.rstrip("\n").split("\t") for l in open(times_f) if l.strip()]
wc = float(rows[0][1])
print()
print("Throughput (%s)" % tool)
print("%-26s %18s %10s %10s %s" % ("command", "time (s)", "MiB/s", "x wc -l", ""))
for name, mean, sd, size in rows:
    mean, sd, size = float(mean), float(sd), int(size)
    mib = size / 1048576 / mean
    ratio = wc / mean
    mark = ""
    if name.startswith("bench_parse") and "--json" not in name:
        mark = "goal >= %.2f: %s" % (speed_goal, "PASS" if ratio >= speed_goal else "FAIL")
    print("%-26s %10.4f ± %.4f %10.1f %10.3f %s" % (name, mean, sd, mib, ratio, mark))
print()
print("Peak memory (max RSS from /usr/bin/time -f %%M%s; VmHWM from bench_parse --rss)"
      % ("" if have_time == "1" else ": not available"))
print("%-36s %-24s %8s %12s %10s %s" % ("input", "program", "time (s)", "maxRSS MiB", "VmHWM MiB", ""))
for line in open(mem_f):
    inp, prog, secs, rss, hwm = line.rstrip("\n").split("\t")
    vals = [int(v) / 1024 for v in (rss, hwm) if v not in ("-", "")]
    peak = max(vals) if vals else None
    mark = "" if peak is None else "goal < %d MiB: %s" % (rss_goal, "PASS" if peak < rss_goal else "FAIL")
    fmt = lambda v: "-" if v in ("-", "") else "%.1f" % (int(v) / 1024)
    print("%-36s %-24s %8s %12s %10s %s" % (inp, prog, secs, fmt(rss), fmt(hwm), mark))
EOF
