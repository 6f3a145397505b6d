#!/usr/bin/env bash
# Sanitizers: the whole ctest suite (unit, golden, CLI, fleet, fuzz replay
# and hostile-input tests) built with AddressSanitizer and UBSan
# (-DDSREG_SANITIZE=ON: -fsanitize=address,undefined
# -fno-sanitize-recover=all), Debug, warnings as errors, in build-asan.
# Fails on any failed test and on any sanitizer report, including one from
# a run whose exit status a test script does not look at: the reports go to
# log files (log_path), and any such file fails the step.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc libcmocka-dev libcsv-dev jq cmark cmark-gfm

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
if ! { cmake -B build-asan -DDSREG_SANITIZE=ON -DDSREG_WERROR=ON \
  -DCMAKE_BUILD_TYPE=Debug && cmake --build build-asan -j"$(nproc)"; } >"$logs/build.txt" 2>&1; then
  tail -n 60 "$logs/build.txt"
  echo "sanitize: FAILED to build"
  exit 1
fi
rm "$logs/build.txt"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan"
echo "sanitize: ctest in build-asan with ASAN_OPTIONS=$ASAN_OPTIONS"
status=0
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" || status=1
reports=("$logs"/*)
if [ -e "${reports[0]}" ]; then
  echo "sanitize: ${#reports[@]} sanitizer report(s); the first ones:"
  for f in "${reports[@]:0:3}"; do
    echo "--- $f"
    head -n 60 "$f"
  done
  status=1
fi
if [ $status -ne 0 ]; then
  echo "sanitize: FAILED"
  exit 1
fi
echo "sanitize: clean"
