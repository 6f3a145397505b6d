#!/usr/bin/env bash
# Builds the two libraries dsregdiag needs, libcsv and cmocka, for Windows
# (x86_64, mingw-w64, static), from Debian's own source packages: Debian
# packages neither for mingw.  Nothing is vendored into the repository.
#
#   scripts/windows-deps.sh [DIR]      (default: build-windows-deps)
#
# Result: DIR/prefix/{include,lib} with csv.h, libcsv.a, cmocka.h,
# libcmocka.a and cmocka's CMake package, which cmake/toolchain-mingw64.cmake
# finds there.  Needs root for apt-get (it adds a deb-src entry for the
# archive the machine already uses).  Runs again in a second when the
# libraries are built already.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build-windows-deps}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
prefix=$dir/prefix
stamp=$prefix/.dsregdiag-deps-v1
toolchain=$root/cmake/toolchain-mingw64.cmake

if [ -f "$stamp" ] && [ -f "$prefix/lib/libcsv.a" ] &&
  [ -f "$prefix/lib/libcmocka.a" ]; then
  echo "windows-deps: already built in $prefix"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
need=(gcc-mingw-w64-x86-64 cmake make dpkg-dev)
if ! dpkg -s "${need[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- source packages -------------------------------------------------------
# A deb-src twin of every deb822 stanza of the archive this machine uses
# (same URIs, Suites, Components, Signed-By), in a file of its own.
src_list=/etc/apt/sources.list.d/dsregdiag-deb-src.sources
have_src() { # ours, or deb-src entries in a file apt reads
  [ -f "$src_list" ] || [ -f "${src_list%.sources}.list" ] ||
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -qE '^[[:space:]]*(Types:.*deb-src|deb-src[[:space:]])'
}
if ! have_src; then
  debian=/etc/apt/sources.list.d/debian.sources
  if [ -f "$debian" ]; then
    awk '/^Types:/ { print "Types: deb-src"; next } { print }' "$debian" \
      >"$src_list"
  elif [ -f /etc/apt/sources.list ]; then
    # One-line format: the same lines, deb -> deb-src.
    sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list \
      >"${src_list%.sources}.list"
  else
    echo "windows-deps: no Debian archive configured in /etc/apt" >&2
    exit 1
  fi
  echo "windows-deps: added deb-src entries ($src_list)"
  apt-get update -qq
fi

fetch() { # PACKAGE: Debian's source, unpacked as $dir/src/PACKAGE-VERSION
  local pkg=$1 d
  d=$(compgen -G "$dir/src/$pkg-[0-9]*/" | head -n 1 || true)
  if [ -z "$d" ]; then
    mkdir -p "$dir/src"
    # Once more after an update when the source index is missing or old.
    if ! (cd "$dir/src" && apt-get source -q "$pkg") >"$dir/src/$pkg.log" 2>&1 &&
      ! { apt-get update -qq &&
        (cd "$dir/src" && apt-get source -q "$pkg"); } >"$dir/src/$pkg.log" 2>&1; then
      cat "$dir/src/$pkg.log" >&2
      echo "windows-deps: apt-get source $pkg failed" >&2
      exit 1
    fi
    d=$(compgen -G "$dir/src/$pkg-[0-9]*/" | head -n 1 || true)
    [ -n "$d" ] || {
      echo "windows-deps: apt-get source $pkg unpacked nothing" >&2
      exit 1
    }
  fi
  echo "${d%/}"
}

csv_src=$(fetch libcsv)
cmocka_src=$(fetch cmocka)
echo "windows-deps: libcsv from $csv_src, cmocka from $cmocka_src"

cc=x86_64-w64-mingw32-gcc
ar=x86_64-w64-mingw32-ar
mkdir -p "$prefix/include" "$prefix/lib"

# --- libcsv: one C file, compiled by hand -----------------------------------
# (its autotools build wants a libtool cross setup for nothing more)
obj=$dir/obj-libcsv
mkdir -p "$obj"
$cc -std=c99 -O2 -g -I"$csv_src" -c "$csv_src/libcsv.c" -o "$obj/libcsv.o"
rm -f "$prefix/lib/libcsv.a"
$ar rcs "$prefix/lib/libcsv.a" "$obj/libcsv.o"
cp "$csv_src/csv.h" "$prefix/include/csv.h"

# --- cmocka: its own CMake build, static ------------------------------------
bld=$dir/obj-cmocka
rm -rf "$bld"
cmake -S "$cmocka_src" -B "$bld" \
  -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DBUILD_SHARED_LIBS=OFF \
  -DWITH_STATIC_LIB=ON \
  -DWITH_EXAMPLES=OFF \
  -DUNIT_TESTING=OFF \
  -DPICKY_DEVELOPER=OFF >"$dir/cmocka-configure.log" 2>&1 ||
  {
    cat "$dir/cmocka-configure.log" >&2
    exit 1
  }
cmake --build "$bld" -j"$(nproc)" >"$dir/cmocka-build.log" 2>&1 ||
  {
    cat "$dir/cmocka-build.log" >&2
    exit 1
  }
cmake --install "$bld" >/dev/null
# cmocka 1.1 always builds a DLL as well and its CMake package names that:
# keep only the static library, under the plain name, and point the package
# at it.
mv -f "$prefix/lib/libcmocka-static.a" "$prefix/lib/libcmocka.a"
rm -f "$prefix/lib/libcmocka.dll.a" "$prefix/bin/cmocka.dll"
rmdir "$prefix/bin" 2>/dev/null || true
config=$prefix/lib/cmake/cmocka/cmocka-config.cmake
sed -i 's|/lib/[A-Za-z.]*cmocka[A-Za-z.]*\.a|/lib/libcmocka.a|' "$config"
grep -q '/lib/libcmocka.a)' "$config" || {
  echo "windows-deps: cannot point $config at libcmocka.a" >&2
  exit 1
}

# cmocka.h declares its printf-like functions with the "printf" format
# archetype, which mingw's GCC takes for the old Microsoft runtime's
# (no %zu); the library was built with __USE_MINGW_ANSI_STDIO=1 (the
# toolchain file), so the C99 formats are the right ones to check against.
header=$prefix/include/cmocka.h
sed -i 's/__attribute__ ((__format__ (__printf__, a, b)))/__attribute__ ((__format__ (__gnu_printf__, a, b)))/' \
  "$header"
grep -q '__gnu_printf__, a, b' "$header" || {
  echo "windows-deps: cannot fix the printf attribute in $header" >&2
  exit 1
}

touch "$stamp"
echo "windows-deps: built into $prefix"
ls -l "$prefix/lib"
