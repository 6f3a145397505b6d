#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets (fuzz/) with clang-14, ASan and
# UBSan in build-fuzz/, then runs parser and pipeline at once, one per core,
# for about a minute each on the seed corpus, and then time (the --now and
# field time parsers and the code lookup: small, fast inputs) and split (a
# big log in parallel parts) side by side for half a minute.  Any crash, leak, timeout, out-of-memory or sanitizer report fails
# the run; the input is printed in hex, to be saved under
# tests/fuzz-crashes/<target>/ once understood (fuzz/README.md).
#
# DSREG_FUZZ_SECONDS changes the time of parser and pipeline (default 60),
# DSREG_FUZZ_TIME_SECONDS that of time (default 30).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages clang-14 libfuzzer-14-dev libclang-rt-14-dev

seconds=${DSREG_FUZZ_SECONDS:-60}
time_seconds=${DSREG_FUZZ_TIME_SECONDS:-30}
targets=(parser pipeline redact split time)

echo "fuzz: building with clang-14, -fsanitize=fuzzer,address,undefined"
CC=clang-14 cmake -B build-fuzz -DDSREG_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}" >/dev/null

work=$(mktemp -d /tmp/dsreg-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The fixtures are UTF-8 with LF; real captures are just as often UTF-16 with
# a BOM and CRLF, so the seeds get those variants too (iconv is in libc-bin).
seed() {
  local dir=$1
  mkdir -p "$dir"
  for f in fixtures/corpus/* fixtures/synthetic/* fuzz/seeds/*; do
    [ -f "$f" ] || continue # fuzz/seeds/time/ is fuzz_time's
    cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  for f in fixtures/corpus/*.txt; do
    local b
    b=$(basename "$f" .txt)
    { printf '\xff\xfe'; sed 's/$/\r/' "$f" | iconv -f UTF-8 -t UTF-16LE; } \
      >"$dir/u16le-bom-crlf-$b" 2>/dev/null || rm -f "$dir/u16le-bom-crlf-$b"
    { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$f"; } \
      >"$dir/u16be-bom-$b" 2>/dev/null || rm -f "$dir/u16be-bom-$b"
    iconv -f UTF-8 -t UTF-16LE "$f" >"$dir/u16le-$b" 2>/dev/null ||
      rm -f "$dir/u16le-$b"
    { printf '\xef\xbb\xbf'; cat "$f"; } >"$dir/u8bom-$b"
  done
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pids=()
launch() {
  local t=$1 secs=$2
  if [ "$t" = time ]; then
    mkdir -p "$work/$t/corpus"
    cp fuzz/seeds/time/* "$work/$t/corpus/"
  else
    seed "$work/$t/corpus"
  fi
  # Known regressions go in as seeds too: mutations of a past bug find its
  # siblings first.
  find "tests/fuzz-crashes/$t" -maxdepth 1 -type f ! -name '.*' \
    -exec cp {} "$work/$t/corpus/" \;
  echo "fuzz: $t for ${secs}s on $(find "$work/$t/corpus" -type f | wc -l) seeds"
  # Repeated inputs (fuzz/seeds/limit-*) run a hundred times slower than the
  # rest; the exec-time scaling keeps them from taking the whole minute.
  (cd "$work/$t" &&
    exec "$root/build-fuzz/fuzz/fuzz_$t" corpus \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -dict="$root/fuzz/dsregcmd.dict" -artifact_prefix="$work/$t/" \
      -entropic_scale_per_exec_time=1 -print_final_stats=1) \
    >"$work/$t.log" 2>&1 &
  pids+=($!)
}

failed=0
report() {
  local t=$1 pid=$2 rc=0
  wait "$pid" || rc=$?
  log=$work/$t.log
  stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "fuzz: $t: ${execs:-?} executions; last stats: ${stats:-none}"
  artifacts=$(find "$work/$t" -maxdepth 1 -type f \
    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
  if [ "$rc" -ne 0 ] || [ -n "$artifacts" ] ||
    grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|fuzz invariant violated' "$log"; then
    failed=1
    echo "fuzz: $t FAILED (exit $rc); the end of its log:"
    tail -n 60 "$log" | sed 's/^/  | /'
    for a in $artifacts; do
      echo "fuzz: $t: input $(basename "$a") ($(wc -c <"$a") bytes):"
      od -A x -t x1z -v "$a" | head -n 40 | sed 's/^/  | /'
      echo "  replay: build-fuzz/fuzz/fuzz_$t FILE; minimise: add" \
        "-minimize_crash=1 -runs=100000; keep as tests/fuzz-crashes/$t/NAME"
    done
  fi
}

# Two cores: the two big targets side by side, then the two small ones, so
# the step takes about $seconds + $time_seconds.
launch parser "$seconds"
launch pipeline "$seconds"
report parser "${pids[0]}"
report pipeline "${pids[1]}"
launch time "$time_seconds"
launch split "$time_seconds"
report time "${pids[2]}"
report split "${pids[3]}"
if [ "$failed" -ne 0 ]; then
  echo "fuzz: FAILED"
  exit 1
fi
echo "fuzz: no crash, leak, timeout or sanitizer report"
