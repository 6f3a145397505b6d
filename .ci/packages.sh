# shellcheck shell=bash
# packages.sh - sourced by .ci/run and the steps.
# need_packages PKG...: installs those of Debian's packages that are missing.
need_packages() {
  if ! dpkg -s "$@" >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
  fi
}
# The browser the HTML tests drive (.ci/steps/55-browser.sh).
# shellcheck disable=SC2034 # used by the steps that source this file
BROWSER_PACKAGES=(chromium)
# node and npm for puppeteer-core: Debian's, unless a node with its own npm
# (NodeSource's, which conflicts with Debian's npm) is there already.
need_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  need_packages nodejs npm
}
