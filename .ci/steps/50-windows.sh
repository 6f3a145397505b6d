#!/usr/bin/env bash
# Windows: the mingw-w64 cross build (CMakePresets.json "windows": one
# static dsregdiag.exe, warnings as errors) and its tests under Wine: the
# cmocka unit tests, the fuzz replays, every golden fixture byte for byte,
# and tests/windows (live mode with a stand-in dsregcmd.exe, non-ASCII
# names, folders, UTF-16LE input, wildcards, -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
stamp() { echo "--- $1 ($(($(date +%s) - start)) s)"; }

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages gcc-mingw-w64-x86-64 wine64 cmake make gcc dpkg-dev jq
stamp "packages"

# libcsv and cmocka for mingw-w64, from Debian's source packages.
bash scripts/windows-deps.sh
stamp "libcsv and cmocka built for Windows"

cmake --preset windows -DDSREG_WERROR=ON >/dev/null
cmake --build --preset windows -j"$(nproc)"
stamp "cross build"

# One self-contained executable: no DLL but Windows' own.
exe=build-windows/src/cli/dsregdiag.exe
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p')
echo "dsregdiag.exe imports: ${dlls//$'\n'/ }"
for dll in $dlls; do
  case ${dll,,} in
  kernel32.dll | msvcrt.dll | shell32.dll | user32.dll | advapi32.dll | \
    ucrtbase.dll | api-ms-win-*.dll) ;;
  *)
    echo "FAIL: dsregdiag.exe needs $dll, which Windows does not have"
    exit 1
    ;;
  esac
done

# The build's own Wine prefix (build-windows/wine-prefix), made on first
# use by tests/windows/wine-run.sh without a window or a question; then one
# wineserver kept up for the whole run, so that each program starts in a
# tenth of a second instead of seconds.
export WINEPREFIX=$PWD/build-windows/wine-prefix WINEDEBUG=-all
tests/windows/wine-run.sh "$exe" --version
# The server that run started lingers a few seconds: -p would not make it
# stay (it exits 2 while a server runs), so let it go first.
timeout 30 wineserver -w 2>/dev/null || wineserver -k 2>/dev/null || true
wineserver -p </dev/null >/dev/null 2>&1 || true
trap 'wineserver -k 2>/dev/null || true' EXIT
# Its services start with this run, away from the tests' output; the tests
# need not start them again.
tests/windows/wine-run.sh "$exe" --version >/dev/null
export DSREG_WINE_KEPT=1
stamp "Wine prefix"

ctest --preset windows
stamp "tests under Wine"
