#!/usr/bin/env bash
# run_browser_tests.sh - dsregdiag --format html in a real browser.
#
#   tests/browser/run_browser_tests.sh DSREGDIAG OUTDIR
#
# Builds two fleets, writes each as a page and as CSV, and has headless
# Chromium (driven by puppeteer-core, tests/browser/package.json) check the
# page against the CSV (dashboard.test.js):
#   1. the fixtures (synthetic and corpus), plus a capture whose device name
#      is <img src=x onerror=alert(1)> and a file that is no capture;
#   2. a generated share of BROWSER_FLEET_FILES captures (default 5000;
#      0 leaves it out).
# Screenshots go to OUTDIR (dashboard.png, dashboard-share.png): artefacts,
# not compared.  Exits 77 (ctest: skipped), saying why, when there is no
# browser, no node or no puppeteer-core (`npm ci` in tests/browser).
# CHROMIUM names the browser when it is not on PATH as chromium.
set -euo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLI=$1
OUT=$2
FILES=${BROWSER_FLEET_FILES:-5000}
NOW=2025-01-15T09:00:00Z

skip() {
  echo "SKIP: browser tests not run: $*"
  exit 77
}
browser=${CHROMIUM:-}
if [[ -z $browser ]]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null; then
      browser=$(command -v "$b")
      break
    fi
  done
fi
[[ -n $browser && -x $browser ]] || skip "no Chromium (apt-get install chromium, or set CHROMIUM)"
command -v node >/dev/null || skip "no node (apt-get install nodejs)"
[[ -d $HERE/node_modules/puppeteer-core ]] ||
  skip "no puppeteer-core (run 'npm ci' in tests/browser)"

rm -rf "$OUT"
mkdir -p "$OUT"

# page_and_csv NAME DIR: NAME.html and NAME.csv of DIR.  Exit status 1
# (error findings) and 2 (a source that is no capture) are expected here.
page_and_csv() {
  local name=$1 dir=$2 st=0
  SOURCE_DATE_EPOCH=1736931600 "$CLI" --format html --now "$NOW" \
    -o "$OUT/$name.html" "$dir" 2>"$OUT/$name.err" || st=$?
  if ((st > 2)) || [[ ! -s $OUT/$name.html ]]; then
    cat "$OUT/$name.err"
    echo "FAIL: dsregdiag --format html $dir exited $st"
    exit 1
  fi
  "$CLI" --format csv --now "$NOW" -o "$OUT/$name.csv" \
    --columns source,capture,device_name,verdict,root_cause,findings,errors,warnings,infos,cert_valid_to,error \
    "$dir" 2>/dev/null || true
  echo "$name: $(grep -c '<tbody' "$OUT/$name.html") entries, $(wc -c <"$OUT/$name.html") bytes"
}

fleet=$OUT/fixtures
mkdir -p "$fleet"
cp "$ROOT"/fixtures/synthetic/*.txt "$ROOT"/fixtures/synthetic/*.log "$fleet/"
cp "$ROOT"/fixtures/corpus/*.txt "$fleet/" 2>/dev/null || true
sed 's/^\( *Device Name : \).*/\1<img src=x onerror=alert(1)>/' \
  "$ROOT/fixtures/synthetic/hybrid_joined_healthy.txt" >"$fleet/zz-xss.txt"
grep -q 'onerror' "$fleet/zz-xss.txt"
echo "notes, not a capture" >"$fleet/zz-notes.txt"
page_and_csv fixtures "$fleet"
status=0
node "$HERE/dashboard.test.js" "$browser" "$OUT/fixtures.html" \
  "$OUT/fixtures.csv" "$OUT/dashboard.png" || status=1

if ((FILES > 0)); then
  python3 "$ROOT/bench/gen_fleet.py" --files "$FILES" --per-dir 500 \
    -o "$OUT/share" >/dev/null
  page_and_csv share "$OUT/share"
  node "$HERE/dashboard.test.js" "$browser" "$OUT/share.html" \
    "$OUT/share.csv" "$OUT/dashboard-share.png" || status=1
fi
exit $status
