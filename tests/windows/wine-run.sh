#!/usr/bin/env bash
# Runs a Windows program under Wine (64-bit), quietly, in a Wine prefix made
# on first use without a window or a question.
#
#   wine-run.sh [--prefix=DIR] PROGRAM.exe [ARGS...]
#
# The toolchain file makes it ctest's CMAKE_CROSSCOMPILING_EMULATOR, with
# --prefix=BUILD_DIR/wine-prefix, so that each build tree has its own.
# The prefix is $WINEPREFIX when set, else DIR, else $DSREG_WINE_PREFIX,
# else build-windows/wine-prefix in this source tree.  WINE names the Wine
# program (default: wine64, or Debian's /usr/lib/wine/wine64).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${DSREG_WINE_PREFIX:-$root/build-windows/wine-prefix}
case ${1:-} in
--prefix=*)
  prefix=${1#--prefix=}
  shift
  ;;
esac
export WINEPREFIX=${WINEPREFIX:-$prefix}
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono or Gecko installer dialogs.
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
if [ -z "${WINE:-}" ]; then
  if command -v wine64 >/dev/null 2>&1; then
    WINE=wine64
  elif [ -x /usr/lib/wine/wine64 ]; then
    WINE=/usr/lib/wine/wine64
  else
    WINE=wine
  fi
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  # One wineboot, however many tests start at once.
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
      mkdir -p "$WINEPREFIX"
      "$WINE" wineboot --init >/dev/null 2>&1 </dev/null
      wineserver -w 2>/dev/null || true
    fi
  ) 9>"$WINEPREFIX.lock"
fi
# Wine's own services (winedevice...) start with the first program after
# the wineserver does and live as long as it, holding that program's
# standard output open: ctest, or a $(...), would wait for them until the
# server goes, or for ever when it is kept up (wineserver -p).  So they are
# started here, by a program with none of our output (a tenth of a second
# when they run already; skipped when DSREG_WINE_KEPT=1 says that a kept-up
# server has them running).
if [ "${DSREG_WINE_KEPT:-}" != 1 ]; then
  "$WINE" cmd.exe /c exit </dev/null >/dev/null 2>&1 || true
fi
exec "$WINE" "$@"
