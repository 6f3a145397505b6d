#!/usr/bin/env bash
# bench/run.sh - parser and CLI throughput against `wc -l`, and peak memory.
#
#   bench/run.sh                      # the whole comparison, on 256 MiB
#   BENCH_SIZE=100M bench/run.sh      # issue 17's sizes: 100M and 1G
#   BENCH_CLI_ONLY=1 bench/run.sh     # only the dsregdiag rows (issue 17)
#   BENCH_LARGE=1 bench/run.sh        # also peak memory on a 1 GiB log
#   BENCH_DIR=/var/tmp/b bench/run.sh # keep (and reuse) the generated logs
#
# Environment:
#   BENCH_SIZE      size of the main log (default 256M; K, M, G suffixes)
#   BENCH_LARGE     1: also measure peak memory on a 1 GiB log
#   BENCH_CLI_ONLY  1: leave out the bench_parse rows (and the CRLF and
#                   same-size UTF-16LE logs only they read)
#   BENCH_DIR       where the logs go; kept afterwards.  Default: a temporary
#                   directory, removed at the end.
#   BENCH_BUILD     build directory (default build-bench: a Release build, so
#                   the figures do not depend on the build type of build/)
#   BENCH_RUNS      timed runs per command (default 5, after 1 warm-up)
#   BENCH_HYPERFINE 0: time with bash's `time` even when hyperfine is there
#   BENCH_FLEET     1: run bench/fleet.sh instead (the CLI on a folder of
#                   100,000 capture files and on a 1 GiB log)
#
# Measures, in the same run and on the same page-cached files:
#   wc -l FILE (the baseline), cat FILE > /dev/null, bench_parse FILE,
#   bench_parse --rules FILE, bench_parse --json FILE,
#   dsregdiag --format csv|json|text -o /dev/null --jobs 1|N FILE
#   (N = nproc, at least 2),
#   dsregdiag --format csv -o /dev/null --jobs 1|N on the main log re-encoded
#   as UTF-16LE (the same text, twice the bytes),
#   bench_parse on the CRLF and the UTF-16LE (BOM) variants of the log (the
#   same size in bytes), and on a log that begins with two captures at the
#   parser's per-capture limits (gen_log.py --limits; a quarter of the size,
#   at least 16 MiB),
# with hyperfine when it is installed, else best of BENCH_RUNS with bash's
# `time`.  Then the peak resident set of bench_parse and of
# `dsregdiag --format csv|json --jobs N` with /usr/bin/time -f %M (and
# bench_parse's own VmHWM, --rss) on the main log, on the 1 GiB log
# (BENCH_LARGE=1), on an 8 MiB line with no newline and on the log with the
# limit captures.
#
# Goals reported against:
#   - bench_parse at least 1/4 of `wc -l` speed;
#   - issue 17, as time / `wc -l` time (lower is better): CSV <= 4x, JSON
#     <= 8x, text <= 8x; the UTF-16LE log <= 1.5x the time of the same text
#     in UTF-8 (same format, same --jobs);
#   - peak memory: bench_parse under 16 MiB whatever the input, the 8 MiB
#     line included; dsregdiag --jobs N under 16 MiB + 8 MiB per job.
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
CLI_ONLY=${BENCH_CLI_ONLY:-0}
RUNS=${BENCH_RUNS:-5}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
GEN="python3 $ROOT/bench/gen_log.py"
RSS_GOAL_MIB=16
# Issue 17: "under 16 MiB plus a bounded amount per worker", with no amount
# named; the budget reported against is 8 MiB per --jobs worker.
RSS_PER_JOB_MIB=8
SPEED_GOAL=0.25
CSV_GOAL=4 JSON_GOAL=8 TEXT_GOAL=8 UTF16_GOAL=1.5

say() { printf '%s\n' "$*" >&2; }

if [[ -n ${BENCH_DIR:-} ]]; then
  DIR=$BENCH_DIR
  mkdir -p "$DIR"
else
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/dsreg-bench.XXXXXX")
  trap 'rm -rf "$DIR"' EXIT
fi

# ---- build --------------------------------------------------------------
# bench_parse is required (unless BENCH_CLI_ONLY=1); the CLI is measured
# when it builds (the rows are left out otherwise, so a CLI under
# construction does not stop the run), and required with BENCH_CLI_ONLY=1.
JOBS=$(nproc 2>/dev/null || echo 2)
# --jobs N of the CLI rows: every core, and at least 2 so that the parallel
# path is measured on a one-core machine too.
NJOBS=$((JOBS < 2 ? 2 : JOBS))
BP=$BUILD/bench/bench_parse
CLI=$BUILD/src/cli/dsregdiag
targets=dsregdiag
[[ $CLI_ONLY == 1 ]] || targets="bench_parse dsregdiag"
say "== building $targets (Release) in $BUILD"
if ! cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF >"$DIR/build.log" 2>&1; then
  cat "$DIR/build.log" >&2
  say "configuring $BUILD failed"
  exit 1
fi
if [[ $CLI_ONLY != 1 ]] &&
  ! cmake --build "$BUILD" --target bench_parse -j "$JOBS" >>"$DIR/build.log" 2>&1; then
  cat "$DIR/build.log" >&2
  say "building bench_parse failed"
  exit 1
fi
if ! cmake --build "$BUILD" --target dsregdiag -j "$JOBS" >>"$DIR/build.log" 2>&1; then
  grep -E "error|Error" "$DIR/build.log" | head -5 >&2
  if [[ $CLI_ONLY == 1 ]]; then
    say "dsregdiag did not build, and BENCH_CLI_ONLY=1 measures nothing else"
    exit 1
  fi
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

# reencode_utf16 SRC DST: DST is SRC's text as UTF-16LE with a BOM, what
# PowerShell 5.1 writes.  gen_log.py --utf16 cuts at a byte size, so its
# file holds half the text of the UTF-8 log; issue 17 compares "the same
# text".  Kept while it is newer than SRC.
reencode_utf16() {
  local src=$1 dst=$2
  if [[ -f $dst && $dst -nt $src ]]; then
    say "   reusing $dst"
    return
  fi
  python3 - "$src" "$dst" <<'EOF'
import codecs, os, sys
src, dst = sys.argv[1:]
# gen_log.py cuts at a byte count, so the last character may be cut too:
# "replace" turns those last bytes into one U+FFFD, as a reader would.
dec = codecs.getincrementaldecoder("utf-8")("replace")
first = True
with open(src, "rb") as f, open(dst + ".tmp", "wb") as out:
    out.write(b"\xff\xfe")
    while True:
        chunk = f.read(1 << 20)
        text = dec.decode(chunk, final=not chunk)
        if first and text:
            text, first = text.removeprefix("\ufeff"), False
        out.write(text.encode("utf-16-le"))
        if not chunk:
            break
os.replace(dst + ".tmp", dst)
print("reencode: %s: %d bytes (UTF-16LE of %s)" % (
    dst, os.path.getsize(dst), os.path.basename(src)), file=sys.stderr)
EOF
}

SIZE_BYTES=$(bytes_of "$SIZE")
LOG=$DIR/log-utf8.log
CRLF=$DIR/log-crlf.log
U16=$DIR/log-utf16.log
U16T=$DIR/log-utf16-same-text.log
LINE=$DIR/line-8m.log
HUGE=$DIR/log-1g.log
LIM=$DIR/log-limits.log
# BENCH_SIZE=1G BENCH_LARGE=1: the main log is the 1 GiB log.
((SIZE_BYTES == 1 << 30)) && HUGE=$LOG
# The log with the two hostile captures first: a quarter of the main size
# (at least 16 MiB), as the parser runs far slower on it.
LIM_BYTES=$((SIZE_BYTES / 4 > (16 << 20) ? SIZE_BYTES / 4 : (16 << 20)))
say "== generating logs in $DIR"
gen "$LOG" "$SIZE_BYTES" --size "$SIZE_BYTES"
FILES=("$LOG")
if [[ $CLI_ONLY != 1 ]]; then
  gen "$CRLF" "$SIZE_BYTES" --size "$SIZE_BYTES" --crlf
  gen "$U16" "$SIZE_BYTES" --size "$SIZE_BYTES" --utf16
  FILES+=("$CRLF" "$U16")
fi
if [[ -n $CLI ]]; then
  reencode_utf16 "$LOG" "$U16T"
  FILES+=("$U16T")
fi
gen "$LINE" $((8 << 20)) --long-line $((8 << 20))
gen "$LIM" "$LIM_BYTES" --size "$LIM_BYTES" --limits
FILES+=("$LINE" "$LIM")
if [[ $LARGE == 1 && $HUGE != "$LOG" ]]; then
  gen "$HUGE" $((1 << 30)) --size $((1 << 30))
  FILES+=("$HUGE")
fi

say "== warming the page cache"
for f in "${FILES[@]}"; do cat "$f" >/dev/null; cat "$f" >/dev/null; done

# The UTF-16LE comparison is fair only if both files give the same report:
# the same CSV but for the source column (a fixed --now: a run of the big
# logs takes longer than a second).
if [[ -n $CLI ]]; then
  for f in "$LOG" "$U16T"; do
    "$CLI" --now 2025-06-01T00:00:00Z --format csv -o "$f.csv" --jobs "$NJOBS" "$f" ||
      test $? -eq 1
    cut -d , -f 2- "$f.csv" >"$f.rest"
    rm -f "$f.csv"
  done
  if ! cmp -s "$LOG.rest" "$U16T.rest"; then
    say "$(basename "$U16T") does not give the CSV of $(basename "$LOG"):"
    diff "$LOG.rest" "$U16T.rest" | head -5 >&2
    exit 1
  fi
  say "   $(basename "$U16T"): the same $(($(wc -l <"$LOG.rest") - 1)) CSV rows as $(basename "$LOG")"
  rm -f "$LOG.rest" "$U16T.rest"
fi

# ---- timing -------------------------------------------------------------
# name | command | input file (for MiB/s) | goal.  A goal is "x>=R" (R times
# the speed of wc -l), "wc<=R" (at most R times the wc -l time) or
# "row<=R:NAME" (at most R times the time of the row NAME).  dsregdiag
# exits 1 when a capture has an error-severity finding, which the generated
# log has: not a failure.
NAMES=() CMDS=() INPUTS=() GOALS=()
add() { NAMES+=("$1"); CMDS+=("$2"); INPUTS+=("$3"); GOALS+=("$4"); }
# cli FORMAT JOBS FILE: the command of a dsregdiag row.
cli() { printf "'%s' --format %s -o /dev/null --jobs %s '%s' || test \$? -eq 1" \
  "$CLI" "$1" "$2" "$3"; }
add "wc -l" "wc -l '$LOG'" "$LOG" ""
add "cat > /dev/null" "cat '$LOG' > /dev/null" "$LOG" ""
if [[ $CLI_ONLY != 1 ]]; then
  add "bench_parse" "'$BP' '$LOG'" "$LOG" "x>=$SPEED_GOAL"
  add "bench_parse --rules" "'$BP' --rules '$LOG'" "$LOG" "x>=$SPEED_GOAL"
  add "bench_parse --json" "'$BP' --json '$LOG'" "$LOG" ""
fi
if [[ -n $CLI ]]; then
  for fmt in csv json text; do
    case $fmt in
    csv) goal=$CSV_GOAL ;;
    json) goal=$JSON_GOAL ;;
    *) goal=$TEXT_GOAL ;;
    esac
    for j in 1 "$NJOBS"; do
      add "dsregdiag $fmt --jobs $j" "$(cli "$fmt" "$j" "$LOG")" "$LOG" "wc<=$goal"
    done
  done
  for j in 1 "$NJOBS"; do
    add "dsregdiag csv --jobs $j (UTF-16LE)" "$(cli csv "$j" "$U16T")" "$U16T" \
      "row<=$UTF16_GOAL:dsregdiag csv --jobs $j"
  done
fi
if [[ $CLI_ONLY != 1 ]]; then
  add "bench_parse (CRLF)" "'$BP' '$CRLF'" "$CRLF" "x>=$SPEED_GOAL"
  add "bench_parse (UTF-16LE)" "'$BP' '$U16'" "$U16" "x>=$SPEED_GOAL"
  add "bench_parse (limits first)" "'$BP' '$LIM'" "$LIM" "x>=$SPEED_GOAL"
fi

# Sanity: every command runs.  The --jobs N rows also say how the CLI read
# the file (DSREG_SPLIT_TRACE=1: in parallel parts or in one piece).
SPLITS=$DIR/splits.txt
: >"$SPLITS"
for i in "${!CMDS[@]}"; do
  if ! DSREG_SPLIT_TRACE=1 bash -c "${CMDS[$i]}" >/dev/null 2>"$DIR/check.err"; then
    say "failed: ${CMDS[$i]}"
    cat "$DIR/check.err" >&2
    exit 1
  fi
  if [[ ${NAMES[$i]} == dsregdiag*"--jobs $NJOBS"* ]]; then
    line=$(sed -n 's/^dsregdiag: split: //p' "$DIR/check.err")
    printf '%-36s %s\n' "${NAMES[$i]}" \
      "${line:-no split line: read in one piece}" >>"$SPLITS"
  fi
done

ROWS=$DIR/rows.tsv   # name \t input bytes \t goal
TIMES=$DIR/times.tsv # mean \t stddev, one line per row
: >"$ROWS"
for i in "${!CMDS[@]}"; do
  printf '%s\t%s\t%s\n' "${NAMES[$i]}" "$(stat -c %s "${INPUTS[$i]}")" \
    "${GOALS[$i]}" >>"$ROWS"
done
: >"$TIMES"
if [[ ${BENCH_HYPERFINE:-1} != 0 ]] && command -v hyperfine >/dev/null; then
  TOOL="hyperfine $(hyperfine --version | awk '{print $2}'), mean of $RUNS runs after 1 warm-up"
  say "== timing with hyperfine ($RUNS runs each)"
  args=()
  for i in "${!CMDS[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
  hyperfine --style basic --warmup 1 --runs "$RUNS" \
    --export-json "$DIR/hyperfine.json" "${args[@]}" >&2
  python3 - "$DIR/hyperfine.json" >"$TIMES" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.6f\t%.6f" % (r["mean"], r["stddev"] or 0.0))
EOF
else
  why="hyperfine not found"
  [[ ${BENCH_HYPERFINE:-1} == 0 ]] && why="BENCH_HYPERFINE=0"
  TOOL="bash time, best of $RUNS runs after 1 warm-up ($why)"
  say "== timing with bash time, best of $RUNS ($why)"
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
    printf '%s\t0\n' "$best" >>"$TIMES"
  done
fi

# ---- peak memory --------------------------------------------------------
MEM=$DIR/mem.tsv # input \t program \t seconds \t maxrss KiB \t vmhwm KiB \t goal MiB
: >"$MEM"
CLI_RSS_GOAL_MIB=$((RSS_GOAL_MIB + RSS_PER_JOB_MIB * NJOBS))
have_time=0
[[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 && have_time=1
say "== peak memory"
mem_inputs=("$LOG")
mem_labels=("$(basename "$LOG") ($SIZE)")
if [[ $LARGE == 1 && $HUGE != "$LOG" ]]; then
  mem_inputs+=("$HUGE")
  mem_labels+=("$(basename "$HUGE") (1G)")
fi
mem_inputs+=("$LINE" "$LIM")
mem_labels+=("$(basename "$LINE") (8 MiB, no newline)"
  "$(basename "$LIM") ($((LIM_BYTES >> 20))M, limits first)")
progs=()
[[ $CLI_ONLY == 1 ]] || progs+=("bench_parse" "bench_parse --json")
[[ -n $CLI ]] && progs+=("dsregdiag csv --jobs $NJOBS" "dsregdiag json --jobs $NJOBS")
for k in "${!mem_inputs[@]}"; do
  f=${mem_inputs[$k]}
  for prog in "${progs[@]}"; do
    case $prog in
    "bench_parse") cmd=("$BP" --rss "$f") ;;
    "bench_parse --json") cmd=("$BP" --rss --json "$f") ;;
    "dsregdiag csv"*) cmd=("$CLI" --format csv -o /dev/null --jobs "$NJOBS" "$f") ;;
    *) cmd=("$CLI" --format json -o /dev/null --jobs "$NJOBS" "$f") ;;
    esac
    goal=$RSS_GOAL_MIB
    [[ $prog == dsregdiag* ]] && goal=$CLI_RSS_GOAL_MIB
    # bench_parse prints one line of figures; the CLI writes to /dev/null
    # as in the timing above.
    out=$DIR/mem.out
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
    [[ $prog == bench_parse* ]] && hwm=$(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' "$out")
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${mem_labels[$k]}" "$prog" "$secs" "$rss" \
      "${hwm:--}" "$goal" >>"$MEM"
  done
done

# ---- report -------------------------------------------------------------
python3 - "$ROWS" "$TIMES" "$MEM" "$TOOL" "$have_time" "$SPLITS" \
  "$RSS_GOAL_MIB" "$RSS_PER_JOB_MIB" "$NJOBS" <<'EOF'
import sys
(rows_f, times_f, mem_f, tool, have_time, splits_f,
 rss_goal, per_job, njobs) = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(rows_f) if l.strip()]
times = [l.split("\t") for l in open(times_f) if l.strip()]
rows = [(n, int(b), g, float(t[0]), float(t[1])) for (n, b, g), t in zip(rows, times)]
mean_of = {n: m for n, _, _, m, _ in rows}
wc = mean_of["wc -l"]


def out(line=""):
    print(line.rstrip())


def verdict(ok):
    return "PASS" if ok else "FAIL"


def mark(goal, mean):
    if goal.startswith("x>="):
        r = float(goal[3:])
        return "goal >= %.2f: %s" % (r, verdict(wc / mean >= r))
    if goal.startswith("wc<="):
        r = float(goal[4:])
        return "goal <= %gx wc -l: %s" % (r, verdict(mean / wc <= r))
    if goal.startswith("row<="):
        r, ref = goal[5:].split(":", 1)
        r = float(r)
        q = mean / mean_of[ref]
        return "%.2fx UTF-8, goal <= %gx: %s" % (q, r, verdict(q <= r))
    return ""


out()
out("Throughput (%s)" % tool)
out("%-36s %18s %10s %9s %9s" % ("command", "time (s)", "MiB/s", "x wc -l",
                                 "÷ wc -l"))
for name, size, goal, mean, sd in rows:
    out("%-36s %10.4f ± %.4f %10.1f %9.3f %9.2f %s" % (
        name, mean, sd, size / 1048576 / mean, wc / mean, mean / wc,
        mark(goal, mean)))
splits = open(splits_f).read()
if splits:
    out()
    out("How --jobs %s read each file (DSREG_SPLIT_TRACE=1, in the check run)" % njobs)
    sys.stdout.write(splits)
out()
out("Peak memory (max RSS from /usr/bin/time -f %%M%s; VmHWM from bench_parse --rss;"
    % ("" if have_time == "1" else ": not available"))
out("goals: bench_parse %s MiB, dsregdiag %s MiB + %s MiB per job)"
    % (rss_goal, rss_goal, per_job))
out("%-36s %-24s %8s %12s %10s" % ("input", "program", "time (s)", "maxRSS MiB",
                                   "VmHWM MiB"))
for line in open(mem_f):
    inp, prog, secs, rss, hwm, goal = line.rstrip("\n").split("\t")
    vals = [int(v) / 1024 for v in (rss, hwm) if v not in ("-", "")]
    peak = max(vals) if vals else None
    m = "" if peak is None else "goal < %s MiB: %s" % (goal, verdict(peak < int(goal)))
    fmt = lambda v: "-" if v in ("-", "") else "%.1f" % (int(v) / 1024)
    out("%-36s %-24s %8s %12s %10s %s" % (inp, prog, secs, fmt(rss), fmt(hwm), m))
EOF
