#!/usr/bin/env bash
# bench/fleet.sh - the CLI in fleet use: a share of capture files, and a big
# log, against cat and wc -l; and its peak memory.
#
#   bench/fleet.sh                          # 100,000 files + 1 GiB log: ~75 s
#   BENCH_FILES=20000 bench/fleet.sh        # a smaller share
#   BENCH_DIR=/var/tmp/fleet bench/fleet.sh # keep (and reuse) the inputs
#   BENCH_FLEET=1 bench/run.sh              # the same, started from run.sh
#   BENCH_PERF=1 bench/fleet.sh             # also perf profiles of the CLI
#
# Environment:
#   BENCH_FILES      capture files in the share (default 100000)
#   BENCH_PER_DIR    files per sub-folder (default 1000)
#   BENCH_ENCODING   mix (default), utf8, crlf or utf16 (see gen_fleet.py)
#   BENCH_LOG_SIZE   size of the big log (default 1G; K, M, G suffixes);
#                    0 leaves the log rows out
#   BENCH_DIR        where the inputs go; kept afterwards.  Default: a
#                    temporary directory, removed at the end, in $TMPDIR when
#                    it is set, else in /dev/shm when it has room, else /tmp
#   BENCH_BUILD      build directory (default build-bench, Release,
#                    BUILD_TESTING=OFF)
#   BENCH_RUNS       timed runs of the baselines (cat, tar, wc; default 5)
#   BENCH_SLOW_RUNS  timed runs of the dsregdiag rows (default 3)
#   BENCH_HYPERFINE  0: time with bash's `time` even when hyperfine is there
#   BENCH_PERF       1: also profile the CLI (perf record -e cpu-clock) on
#                    the share (--jobs 1) and on the log, and print the top
#                    symbols and system calls
#
# All on one warm page cache, in one run:
#  1. share: find DIR -type f -print0 | xargs -0 cat > /dev/null (the base),
#     the same with xargs -P 2, tar cf - DIR | cat > /dev/null, and
#     tar cf - DIR > /dev/null (GNU tar reads no file data then: it is the
#     walk-and-stat floor), against dsregdiag --format csv -o /dev/null
#     --jobs 1 DIR, --jobs 2, --format json --jobs 2 and --format html
#     --jobs 2 (the dashboard page).  Goals: CSV within 2x of the cat time;
#     HTML within 3x of the CSV time.
#  2. log: wc -l FILE (the base) and cat FILE > /dev/null, against dsregdiag
#     --format csv -o /dev/null FILE and --format json.  Goal: CSV within 4x
#     of the wc -l time.
#  3. peak memory (max RSS, /usr/bin/time -f %M) of dsregdiag --format csv
#     --jobs 2 on 1 sub-folder, 10 sub-folders and the whole share, and on
#     the log; and of --format json --jobs 2.  Goal: under 32 MiB, and flat
#     (no growth with the number of files).  And of --format html --jobs 2
#     on the whole share: under 64 MiB; with the size of the page.
# With hyperfine when it is installed (1 warm-up, then the runs: the table
# shows mean ± sd and min), else the best of the runs with bash's `time`.
# Rates and ratios use the fastest run, which other work on the machine
# disturbs least.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NFILES=${BENCH_FILES:-100000}
PER_DIR=${BENCH_PER_DIR:-1000}
ENCODING=${BENCH_ENCODING:-mix}
LOG_SIZE=${BENCH_LOG_SIZE:-1G}
RUNS=${BENCH_RUNS:-5}
SLOW_RUNS=${BENCH_SLOW_RUNS:-3}
PERF=${BENCH_PERF:-0}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
RSS_GOAL_MIB=32
HTML_RSS_GOAL_MIB=64
HTML_GOAL=3 # dsregdiag html time / dsregdiag csv time, --jobs 2
FOLDER_GOAL=2 # dsregdiag csv time / cat time
LOG_GOAL=4    # dsregdiag csv time / wc -l time

say() { printf '%s\n' "$*" >&2; }
q() { printf '%q' "$1"; }

# The inputs must sit in the page cache for the timing anyway, so without
# BENCH_DIR or TMPDIR they go to /dev/shm (tmpfs) when it has room: the same
# figures as on disk (measured), no write-back during the timing, and a quick
# removal.  On this VM's ext4, mounted with `discard`, removing 100,000
# written files takes from 15 s to 3 min.
if [[ -n ${BENCH_DIR:-} ]]; then
  DIR=$BENCH_DIR
  mkdir -p "$DIR"
else
  base=${TMPDIR:-/tmp}
  if [[ -z ${TMPDIR:-} && -d /dev/shm && -w /dev/shm ]]; then
    need_kib=$((NFILES * 8 + 1100 * 1024 + 65536)) # files, 1 GiB log, margin
    free_kib=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
    ((${free_kib:-0} > need_kib)) && base=/dev/shm
  fi
  DIR=$(mktemp -d "$base/dsreg-fleet.XXXXXX")
  trap 'rm -rf "$DIR"' EXIT
fi
DIR=$(cd "$DIR" && pwd)
WORK=$DIR/fleet-work # results of this run
rm -rf "$WORK"
mkdir -p "$WORK"
T0=$(date +%s)
# Busy CPUs (other people's builds, fuzzers) make the figures noisy: say so.
idle_pct() { # percentage of idle CPU time over one second
  local a b c d e f g h t1 i1
  read -r _ a b c d e f g h _ </proc/stat || return 0
  t1=$((a + b + c + d + e + f + g + h)) i1=$((d + e))
  sleep 1
  read -r _ a b c d e f g h _ </proc/stat || return 0
  echo $((100 * (d + e - i1) / (a + b + c + d + e + f + g + h - t1 + 1)))
}
IDLE0=$(idle_pct 2>/dev/null || echo "?")
if [[ $IDLE0 != "?" ]] && ((IDLE0 < 90)); then
  say "warning: the CPUs are only $IDLE0 % idle: other work is running, figures will be noisy"
fi

# ---- build --------------------------------------------------------------
say "== building dsregdiag (Release) in $BUILD"
if ! cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF >"$WORK/build.log" 2>&1 ||
  ! cmake --build "$BUILD" --target dsregdiag -j "$(nproc 2>/dev/null || echo 2)" \
    >>"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  say "building dsregdiag failed"
  exit 1
fi
grep -E "warning:" "$WORK/build.log" >&2 || true
CLI=$BUILD/src/cli/dsregdiag

# ---- inputs -------------------------------------------------------------
SHARE=$DIR/fleet      # the share: $SHARE/site-NNN/*.txt
STAMP=$DIR/fleet.stamp # gen_fleet.py writes it last, beside the share
want_stamp="v1 files=$NFILES per_dir=$PER_DIR encoding=$ENCODING"
if [[ -d $SHARE && -f $STAMP && $(head -n 1 "$STAMP") == "$want_stamp" ]]; then
  say "== reusing $SHARE ($want_stamp)"
else
  say "== generating $NFILES capture files in $SHARE"
  rm -rf "$SHARE" "$STAMP"
  t=$(date +%s.%N)
  python3 "$ROOT/bench/gen_fleet.py" --files "$NFILES" --per-dir "$PER_DIR" \
    --encoding "$ENCODING" -o "$SHARE" >"$WORK/gen.out"
  say "   $(cat "$WORK/gen.out") in $(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
fi
SHARE_BYTES=$(sed -n 's/^bytes=\([0-9]*\).*/\1/p' "$STAMP")
NDIRS=$(sed -n 's/.* dirs=\([0-9]*\).*/\1/p' "$STAMP")
mapfile -t SITES < <(find "$SHARE" -mindepth 1 -maxdepth 1 -type d | sort)

LOG=
LOG_BYTES=0
if [[ $LOG_SIZE != 0 ]]; then
  LOG_BYTES=$(python3 -B -c 'import sys; sys.path.insert(0, sys.argv[1]); import gen_log
print(gen_log.parse_size(sys.argv[2]))' "$ROOT/bench" "$LOG_SIZE")
  # The name run.sh gives its 1 GiB log, so that a shared BENCH_DIR keeps one.
  if ((LOG_BYTES == 1 << 30)); then LOG=$DIR/log-1g.log; else LOG=$DIR/log-$LOG_SIZE.log; fi
  if [[ -f $LOG && $(stat -c %s "$LOG") == "$LOG_BYTES" ]]; then
    say "== reusing $LOG"
  else
    say "== generating $LOG"
    python3 "$ROOT/bench/gen_log.py" --size "$LOG_BYTES" -o "$LOG"
  fi
fi

# On disk, written back now rather than during the timing (nothing to do on
# tmpfs).
say "== flushing the new files to disk (sync)"
sync -f "$DIR" 2>/dev/null || sync
say "== warming the page cache"
for _ in 1 2; do
  find "$SHARE" -type f -print0 | xargs -0 cat >/dev/null
  [[ -n $LOG ]] && cat "$LOG" >/dev/null
done

# ---- sanity: every source gives one capture -----------------------------
# dsregdiag exits 1 when a capture has an error-severity finding, which the
# fixtures have: that is success here.  2 (a source failed) is not.
say "== checking the output"
check_run() { # OUT_FILE ARGS...: runs the CLI, exit status 0 or 1
  local out=$1 st=0
  shift
  "$CLI" "$@" -o "$out" 2>"$WORK/check.err" || st=$?
  if ((st > 1)); then
    head -n 5 "$WORK/check.err" >&2
    say "failed ($st): dsregdiag $*"
    exit 1
  fi
}
count_csv() { # rows of a CSV file, header left out; rows with an error
  python3 - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    head = next(r)
    err = head.index("error") if "error" in head else None
    n = bad = 0
    for row in r:
        n += 1
        bad += err is not None and row[err] != ""
print(n, bad)
EOF
}
check_run "$WORK/share.csv" --format csv --jobs 2 "$SHARE"
read -r SHARE_CAPS bad < <(count_csv "$WORK/share.csv")
if ((SHARE_CAPS != NFILES || bad != 0)); then
  say "the share gave $SHARE_CAPS rows ($bad failed) for $NFILES files"
  exit 1
fi
check_run "$WORK/share.json" --format json --jobs 2 "$SHARE"
json_lines=$(wc -l <"$WORK/share.json")
if ((json_lines != NFILES)); then
  say "the share gave $json_lines JSON lines for $NFILES files"
  exit 1
fi
check_run "$WORK/share.html" --format html --jobs 2 "$SHARE"
html_entries=$(grep -c '^<tbody class=d ' "$WORK/share.html" || true)
HTML_BYTES=$(stat -c %s "$WORK/share.html")
if ((html_entries != NFILES)); then
  say "the share gave $html_entries HTML entries for $NFILES files"
  exit 1
fi
LOG_CAPS=0
if [[ -n $LOG ]]; then
  check_run "$WORK/log.csv" --format csv "$LOG"
  read -r LOG_CAPS bad < <(count_csv "$WORK/log.csv")
  if ((LOG_CAPS == 0 || bad != 0)); then
    say "the log gave $LOG_CAPS rows ($bad failed)"
    exit 1
  fi
fi
rm -f "$WORK"/share.csv "$WORK"/share.json "$WORK"/share.html "$WORK"/log.csv

# ---- timing -------------------------------------------------------------
# TIMES: group \t name \t mean \t sd \t min \t user \t sys \t runs \t
#        captures \t bytes \t command
TIMES=$WORK/times.tsv
: >"$TIMES"
HAVE_HF=0
[[ ${BENCH_HYPERFINE:-1} != 0 ]] && command -v hyperfine >/dev/null && HAVE_HF=1
if ((HAVE_HF)); then
  TOOL="hyperfine $(hyperfine --version | awk '{print $2}'), 1 warm-up, then $RUNS runs (baselines) or $SLOW_RUNS (dsregdiag)"
else
  TOOL="bash time (hyperfine not found or BENCH_HYPERFINE=0), best of the runs; 1 warm-up, then $RUNS runs (baselines) or $SLOW_RUNS (dsregdiag)"
fi
say "== timing ($TOOL)"
K=0
measure() { # GROUP NAME RUNS CAPTURES BYTES COMMAND
  local group=$1 name=$2 runs=$3 caps=$4 bytes=$5 cmd=$6
  K=$((K + 1))
  if ((HAVE_HF)); then
    hyperfine --style basic --warmup 1 --runs "$runs" -n "$name" \
      --export-json "$WORK/hf-$K.json" "$cmd" >&2
    python3 - "$WORK/hf-$K.json" >"$WORK/hf-$K.tsv" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.6f\t%.6f\t%.6f\t%.6f\t%.6f" % (r["mean"], r["stddev"] or 0.0,
      r["min"], r["user"], r["system"]))
EOF
    IFS=$'\t' read -r mean sd min user sys <"$WORK/hf-$K.tsv"
  else
    local best='' t r
    TIMEFORMAT=%R
    bash -c "$cmd" >/dev/null 2>&1 # warm-up
    for ((r = 0; r < runs; r++)); do
      t=$({ time bash -c "$cmd" >/dev/null 2>&1; } 2>&1)
      if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
        best=$t
      fi
    done
    mean=$best sd=0 min=$best user=- sys=-
    say "   $name: $best s"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$name" \
    "$mean" "$sd" "$min" "$user" "$sys" "$runs" "$caps" "$bytes" "$cmd" >>"$TIMES"
}
OK1='|| test $? -eq 1' # exit status 1: findings, not a failure
S=$(q "$SHARE")
C=$(q "$CLI")
measure share "cat" "$RUNS" "$NFILES" "$SHARE_BYTES" \
  "find $S -type f -print0 | xargs -0 cat > /dev/null"
measure share "cat, xargs -P 2" "$RUNS" "$NFILES" "$SHARE_BYTES" \
  "find $S -type f -print0 | xargs -0 -P 2 -n $(((NFILES + 1) / 2 < 1000 ? (NFILES + 1) / 2 : 1000)) cat > /dev/null"
measure share "tar cf - | cat" "$RUNS" "$NFILES" "$SHARE_BYTES" \
  "tar cf - $S 2>/dev/null | cat > /dev/null"
measure share "tar cf - > /dev/null (no read)" "$RUNS" "$NFILES" "$SHARE_BYTES" \
  "tar cf - $S 2>/dev/null > /dev/null"
measure share "dsregdiag csv --jobs 1" "$SLOW_RUNS" "$SHARE_CAPS" "$SHARE_BYTES" \
  "$C --format csv -o /dev/null --jobs 1 $S $OK1"
measure share "dsregdiag csv --jobs 2" "$SLOW_RUNS" "$SHARE_CAPS" "$SHARE_BYTES" \
  "$C --format csv -o /dev/null --jobs 2 $S $OK1"
measure share "dsregdiag json --jobs 2" "$SLOW_RUNS" "$SHARE_CAPS" "$SHARE_BYTES" \
  "$C --format json -o /dev/null --jobs 2 $S $OK1"
measure share "dsregdiag html --jobs 2" "$SLOW_RUNS" "$SHARE_CAPS" "$SHARE_BYTES" \
  "$C --format html -o /dev/null --jobs 2 $S $OK1"
if [[ -n $LOG ]]; then
  L=$(q "$LOG")
  measure log "wc -l" "$RUNS" "$LOG_CAPS" "$LOG_BYTES" "wc -l $L > /dev/null"
  measure log "cat" "$RUNS" "$LOG_CAPS" "$LOG_BYTES" "cat $L > /dev/null"
  measure log "dsregdiag csv" "$SLOW_RUNS" "$LOG_CAPS" "$LOG_BYTES" \
    "$C --format csv -o /dev/null $L $OK1"
  measure log "dsregdiag json" "$SLOW_RUNS" "$LOG_CAPS" "$LOG_BYTES" \
    "$C --format json -o /dev/null $L $OK1"
fi

# ---- peak memory --------------------------------------------------------
# MEM: input \t files \t bytes \t program \t seconds \t maxrss KiB
MEM=$WORK/mem.tsv
: >"$MEM"
HAVE_TIME=0
[[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 && HAVE_TIME=1
say "== peak memory"
peak() { # LABEL FILES BYTES FORMAT INPUT...
  local label=$1 files=$2 bytes=$3 fmt=$4 st=0 rss=- start end
  shift 4
  start=$(date +%s.%N)
  if ((HAVE_TIME)); then
    /usr/bin/time -f %M -o "$WORK/rss.txt" "$CLI" --format "$fmt" -o /dev/null \
      --jobs 2 "$@" 2>"$WORK/mem.err" || st=$?
    rss=$(tail -n 1 "$WORK/rss.txt")
  else
    "$CLI" --format "$fmt" -o /dev/null --jobs 2 "$@" 2>"$WORK/mem.err" || st=$?
  fi
  end=$(date +%s.%N)
  if ((st > 1)); then
    head -n 5 "$WORK/mem.err" >&2
    say "failed ($st): dsregdiag --format $fmt --jobs 2 $label"
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$files" "$bytes" \
    "dsregdiag --format $fmt --jobs 2" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')" "$rss" >>"$MEM"
}
sub_bytes() { find "$@" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
sub_files() { find "$@" -type f | wc -l; }
if ((NDIRS > 1)); then
  peak "share: 1 sub-folder" "$(sub_files "${SITES[0]}")" \
    "$(sub_bytes "${SITES[0]}")" csv "${SITES[0]}"
fi
if ((NDIRS > 10)); then
  peak "share: 10 sub-folders" "$(sub_files "${SITES[@]:0:10}")" \
    "$(sub_bytes "${SITES[@]:0:10}")" csv "${SITES[@]:0:10}"
fi
peak "share: all" "$NFILES" "$SHARE_BYTES" csv "$SHARE"
peak "share: all" "$NFILES" "$SHARE_BYTES" json "$SHARE"
peak "share: all" "$NFILES" "$SHARE_BYTES" html "$SHARE"
if [[ -n $LOG ]]; then
  peak "log ($LOG_SIZE)" "1" "$LOG_BYTES" csv "$LOG"
  peak "log ($LOG_SIZE)" "1" "$LOG_BYTES" json "$LOG"
fi

# ---- report -------------------------------------------------------------
{
  python3 - "$TIMES" "$MEM" "$TOOL" "$HAVE_TIME" "$FOLDER_GOAL" "$LOG_GOAL" \
    "$RSS_GOAL_MIB" "$NFILES" "$NDIRS" "$SHARE_BYTES" "$ENCODING" \
    "$LOG_SIZE" "$LOG_CAPS" "$DIR ($(stat -f -c %T "$DIR" 2>/dev/null || echo ?))" \
    "$HTML_GOAL" "$HTML_RSS_GOAL_MIB" "$HTML_BYTES" <<'EOF'
import sys
(times_f, mem_f, tool, have_time, folder_goal, log_goal, rss_goal, nfiles,
 ndirs, share_bytes, encoding, log_size, log_caps, where, html_goal,
 html_rss_goal, html_bytes) = sys.argv[1:]
folder_goal, log_goal, rss_goal = float(folder_goal), float(log_goal), float(rss_goal)
html_goal, html_rss_goal = float(html_goal), float(html_rss_goal)
rows = [l.rstrip("\n").split("\t") for l in open(times_f) if l.strip()]
min_of = {(r[0], r[1]): float(r[4]) for r in rows}

def cpu(user, sys_):
    return "-" if user == "-" else "%.2f" % (float(user) + float(sys_))

def table(group, title, bases, goal_row, goal):
    print(title)
    hdr = "%-31s %17s %7s %6s %11s %8s" % ("command", "time (s)", "min", "cpu s",
                                          "captures/s", "MiB/s")
    for b in bases:
        hdr += " %9s" % ("÷ " + b)
    print(hdr)
    for g, name, mean, sd, mn, user, sys_, runs, caps, size, cmd in rows:
        if g != group:
            continue
        mean, sd, mn = float(mean), float(sd), float(mn)
        line = "%-31s %8.3f ± %6.3f %7.3f %6s %11.0f %8.1f" % (
            name, mean, sd, mn, cpu(user, sys_), int(caps) / mn,
            int(size) / 1048576 / mn)
        for b in bases:
            line += " %9.2f" % (mn / min_of[(group, b)])
        if name.startswith(goal_row):
            r = mn / min_of[(group, bases[0])]
            line += "  goal <= %gx %s: %s" % (goal, bases[0],
                                           "PASS" if r <= goal else "FAIL")
        print(line)
    print()

print()
print("Inputs in %s, warm in the page cache." % where)
print("Timing: %s." % tool)
print("captures/s, MiB/s and the ratios (÷ base: this time / the base's time) use the")
print("fastest run (min), which other work on the machine disturbs least.")
print()
if any(r[0] == "share" for r in rows):
    table("share", "1. Share: %s capture files in %s sub-folders, %.1f MiB, encoding %s"
          % (nfiles, ndirs, int(share_bytes) / 1048576, encoding),
          ["cat", "cat, xargs -P 2"], "dsregdiag csv", folder_goal)
if any(r[0] == "log" for r in rows):
    table("log", "2. One log of %s, %s captures" % (log_size, log_caps),
          ["wc -l"], "dsregdiag csv", log_goal)

print("3. Peak memory (max RSS, /usr/bin/time -f %%M%s)"
      % ("" if have_time == "1" else ": not available"))
print("%-24s %8s %9s %-28s %8s %11s" % ("input", "files", "MiB", "program",
                                         "time (s)", "maxRSS MiB"))
mem = [l.rstrip("\n").split("\t") for l in open(mem_f) if l.strip()]
csv_share = []
for label, files, size, prog, secs, rss in mem:
    mark = ""
    if rss != "-":
        mib = int(rss) / 1024
        goal = html_rss_goal if "html" in prog else rss_goal
        mark = "goal < %d MiB: %s" % (goal, "PASS" if mib < goal else "FAIL")
        if label.startswith("share") and "csv" in prog:
            csv_share.append((int(files), int(rss)))
    print("%-24s %8s %9.1f %-28s %8s %11s %s" % (
        label, files, int(size) / 1048576, prog, secs,
        "-" if rss == "-" else "%.1f" % (int(rss) / 1024), mark))
share_min = {name: float(mn) for g, name, mean, sd, mn, *rest in rows if g == "share"}
if "dsregdiag html --jobs 2" in share_min and "dsregdiag csv --jobs 2" in share_min:
    h, c = share_min["dsregdiag html --jobs 2"], share_min["dsregdiag csv --jobs 2"]
    print("html vs csv, --jobs 2, same share and run: %.3f s vs %.3f s = %.2fx "
          "(goal <= %gx: %s); page %.1f MiB (%.0f bytes per capture)"
          % (h, c, h / c, html_goal, "PASS" if h / c <= html_goal else "FAIL",
             int(html_bytes) / 1048576, int(html_bytes) / max(1, int(nfiles))))
if len(csv_share) >= 2:
    (f0, r0), (f1, r1) = csv_share[0], csv_share[-1]
    growth = (r1 - r0) / 1024
    per = (r1 - r0) * 1024 / (f1 - f0) if f1 != f0 else 0
    print("csv --jobs 2 on the share: %+.1f MiB from %d to %d files "
          "(%.0f bytes per file); flat (< 1 MiB growth): %s"
          % (growth, f0, f1, per, "PASS" if growth < 1 else "FAIL"))
EOF
  printf '\nWall time of the whole run: %d s.  CPUs idle before the run: %s %%, after it: %s %%\n' \
    $(($(date +%s) - T0)) "$IDLE0" "$(idle_pct 2>/dev/null || echo "?")"
} | tee "$WORK/report.txt"

# ---- profiles (BENCH_PERF=1) --------------------------------------------
if [[ $PERF == 1 ]]; then
  if ! command -v perf >/dev/null; then
    say "BENCH_PERF=1: perf not found"
    exit 0
  fi
  profile() { # TITLE ARGS...
    local title=$1 rep=$WORK/perf.txt
    shift
    echo
    echo "perf: $title"
    echo "(self time, top 25 symbols; by object; system calls, with children)"
    perf record -q -e cpu-clock -g -o "$WORK/perf.data" "$CLI" "$@" \
      >/dev/null 2>"$WORK/perf.err" || true
    perf report -i "$WORK/perf.data" --stdio --no-children --sort dso,sym -g none \
      >"$rep" 2>/dev/null || true
    grep -E '^ +[0-9]' "$rep" | sed -n 1,25p || true
    perf report -i "$WORK/perf.data" --stdio --no-children --sort dso -g none \
      >"$rep" 2>/dev/null || true
    grep -E '^ +[0-9]' "$rep" || true
    perf report -i "$WORK/perf.data" --stdio --children --sort sym -g none \
      >"$rep" 2>/dev/null || true
    grep -E '^ +[0-9].*\[k\] (__x64_sys_|__do_sys_|ksys_)' "$rep" | sed -n 1,8p || true
  }
  {
    profile "dsregdiag --format csv -o /dev/null --jobs 1 SHARE" \
      --format csv -o /dev/null --jobs 1 "$SHARE"
    if [[ -n $LOG ]]; then
      profile "dsregdiag --format csv -o /dev/null LOG" --format csv -o /dev/null "$LOG"
    fi
  } | tee -a "$WORK/report.txt"
fi
