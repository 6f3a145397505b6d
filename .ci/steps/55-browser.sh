#!/usr/bin/env bash
# The HTML dashboard in a real browser: Debian's chromium, headless, driven
# by puppeteer-core (tests/browser/package-lock.json, installed with npm
# ci), on the fixtures and on a generated 5,000-capture share: no console
# error or CSP violation, the rows the CSV has, rule and severity filters,
# sorting by certificate end, the XSS device name inert, scripting off.
# Screenshots stay in build/browser/ as artefacts.  Skipped, saying so, only
# when no browser can be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
stamp() { echo "--- $1 ($(($(date +%s) - start)) s)"; }

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc libcmocka-dev libcsv-dev python3
if ! need_packages "${BROWSER_PACKAGES[@]}"; then
  echo "SKIP: ${BROWSER_PACKAGES[*]} could not be installed: the browser tests did not run"
  exit 0
fi
need_node
stamp "packages"

(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
stamp "puppeteer-core (npm ci)"

cmake -B build -DDSREG_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" --target dsregdiag >/dev/null
bash tests/browser/run_browser_tests.sh build/src/cli/dsregdiag build/browser
stamp "browser tests; screenshots in build/browser/"
