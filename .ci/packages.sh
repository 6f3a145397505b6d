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
