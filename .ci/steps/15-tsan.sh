#!/usr/bin/env bash
# ThreadSanitizer on the parallel runner: dsregdiag built with
# -fsanitize=thread (build-tsan), then the fleet and safety scripts and a
# stress run of 600 sources with --jobs 8 in every format, each compared
# byte for byte with --jobs 1.  Any data race or other report fails the
# step (halt_on_error, and the log files are checked too, for runs whose
# exit status a script does not look at).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc libcmocka-dev libcsv-dev jq

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
if ! { cmake -B build-tsan -DDSREG_WERROR=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="-fsanitize=thread" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" &&
  cmake --build build-tsan -j"$(nproc)" --target dsregdiag; } >"$logs/build.txt" 2>&1; then
  tail -n 60 "$logs/build.txt"
  echo "tsan: FAILED to build"
  exit 1
fi
exe=$root/build-tsan/src/cli/dsregdiag
# Kernels with many bits of mmap randomness break TSan's memory layout;
# setarch -R runs without it.
run=()
if ! "$exe" --version >/dev/null 2>&1; then
  run=(setarch "$(uname -m)" -R)
fi
wrapper=$logs/dsregdiag
cat >"$wrapper" <<WRAP
#!/bin/sh
exec ${run[*]} "$exe" "\$@"
WRAP
chmod +x "$wrapper"
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:log_path=$logs/tsan"

status=0
bash tests/cli/run_fleet_tests.sh "$wrapper" "$root" >"$logs/fleet.log" 2>&1 || status=1
bash tests/cli/run_safety_tests.sh "$wrapper" "$root" >"$logs/safety.log" 2>&1 || status=1
# One big file in parallel parts: the part threads, the in-order writes and
# the hand-over to one piece after a part that does not match its plan.
bash tests/cli/run_split_tests.sh "$wrapper" "$root" >"$logs/split.log" 2>&1 || status=1
tail -n 1 "$logs/fleet.log" "$logs/safety.log" "$logs/split.log" | sed 's/^/tsan: /'

# Many small sources, eight workers: the ring, the hand-over of the head and
# the pending buffers all get exercised.
many=$logs/many
mkdir -p "$many"
i=0
for f in fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log; do
  for k in $(seq 20); do
    mkdir -p "$many/d$k"
    cp "$f" "$many/d$k/$(printf '%04d' $i)-$(basename "$f")"
    i=$((i + 1))
  done
done
echo "tsan: $i sources, --jobs 8 against --jobs 1"
# The HTML page's generated-at time, fixed so that the two runs compare.
export SOURCE_DATE_EPOCH=1736931600
for fmt in json csv text html; do
  "$wrapper" --now 2025-03-04T08:00:01Z -f $fmt --summary -j 1 "$many" >"$logs/j1.$fmt" 2>/dev/null || true
  "$wrapper" --now 2025-03-04T08:00:01Z -f $fmt --summary -j 8 "$many" >"$logs/j8.$fmt" 2>/dev/null || true
  if cmp -s "$logs/j1.$fmt" "$logs/j8.$fmt" && [ -s "$logs/j1.$fmt" ]; then
    echo "tsan: $fmt: --jobs 8 equals --jobs 1"
  else
    echo "tsan: $fmt: --jobs 8 differs from --jobs 1"
    status=1
  fi
done

reports=("$logs"/tsan*)
if [ -e "${reports[0]}" ]; then
  echo "tsan: ${#reports[@]} ThreadSanitizer report(s); the first:"
  head -n 60 "${reports[0]}"
  status=1
fi
if [ $status -ne 0 ]; then
  grep -h 'FAIL' "$logs"/*.log | head -n 20
  echo "tsan: FAILED"
  exit 1
fi
echo "tsan: clean"
