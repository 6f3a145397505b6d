#!/usr/bin/env bash
# The library as others use it: install it (static only, then static and
# shared) into a prefix, build the C and C++ examples against each install
# with find_package and with pkg-config, and run them on a fixture; check
# that the shared library exports only dsreg_ symbols and has its SONAME;
# as a subproject, the parent's choices hold; and the C example and a
# shared DLL cross-built with mingw-w64 (the dllexport path), whose exports
# are only dsreg_ symbols too.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc g++ libcsv-dev pkgconf binutils gcc-mingw-w64-x86-64

work=$(mktemp -d /tmp/dsreg-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
fixture=$root/fixtures/synthetic/hybrid_cert_expired.txt
fail=0
bad() {
  echo "install: FAIL: $*"
  fail=1
}
# expect_run NAME EXE: the example prints the join type and an error.
expect_run() {
  local out
  out=$("$2" <"$fixture" 2>&1) || { bad "$1: exit $?: $out"; return; }
  if grep -q '^capture 1: hybrid-joined$' <<<"$out" && grep -q '^  error ' <<<"$out"; then
    echo "install: $1: ok"
  else
    bad "$1: unexpected output: $out"
  fi
}

for kind in static shared; do
  prefix=$work/prefix-$kind
  shared=OFF
  [ $kind = shared ] && shared=ON
  cmake -S . -B "$work/build-$kind" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF -DDSREG_EXAMPLES=OFF -DDSREG_SHARED=$shared \
    -DDSREG_WERROR=ON -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
  cmake --build "$work/build-$kind" -j"$(nproc)" >/dev/null
  cmake --install "$work/build-$kind" >/dev/null
  echo "install: $kind install tree:"
  (cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')

  # find_package(dsreg CONFIG)
  cmake -S examples -B "$work/ex-$kind" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$work/ex-$kind" -j"$(nproc)" >/dev/null
  for ex in parse_stdin parse_stdin_cpp; do
    LD_LIBRARY_PATH=$prefix/lib expect_run "$kind find_package $ex" "$work/ex-$kind/$ex"
  done

  # pkg-config, by hand, as a Makefile would.
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  # shellcheck disable=SC2046 # word splitting of pkg-config's flags is meant
  cc -std=c11 -Wall -Werror examples/parse_stdin.c \
    $(pkg-config --cflags --libs --static dsreg) -o "$work/pc-c-$kind"
  # shellcheck disable=SC2046
  c++ -std=c++11 -Wall -Werror examples/parse_stdin.cpp \
    $(pkg-config --cflags --libs --static dsreg) -o "$work/pc-cpp-$kind"
  LD_LIBRARY_PATH=$prefix/lib expect_run "$kind pkg-config C" "$work/pc-c-$kind"
  LD_LIBRARY_PATH=$prefix/lib expect_run "$kind pkg-config C++" "$work/pc-cpp-$kind"
  if [ $kind = shared ]; then
    # The archive too, through dsreg-static.pc.
    # shellcheck disable=SC2046
    cc -std=c11 examples/parse_stdin.c $(pkg-config --cflags --libs dsreg-static) \
      -o "$work/pc-static-from-shared"
    expect_run "shared install, static pkg-config" "$work/pc-static-from-shared"
    if ldd "$work/pc-static-from-shared" | grep -q libdsreg; then
      bad "dsreg-static.pc linked the shared library"
    fi
    lib=$(find "$prefix/lib" -name 'libdsreg.so.*.*' | head -n 1)
    soname=$(objdump -p "$lib" | sed -n 's/^ *SONAME *//p')
    if [ "$soname" = libdsreg.so.0 ]; then
      echo "install: SONAME $soname"
    else
      bad "SONAME is '$soname', not libdsreg.so.0"
    fi
    exports=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort)
    others=$(grep -v '^dsreg_' <<<"$exports" || true)
    echo "install: libdsreg.so exports $(wc -l <<<"$exports") symbols"
    nm -D --defined-only "$lib" | awk '{print "  " $3}' | sort | head -n 200
    [ -z "$others" ] || bad "symbols without the dsreg_ prefix exported: $others"
    ldd "$work/ex-$kind/parse_stdin" | grep -q 'libdsreg.so.0' ||
      bad "find_package gave a program that does not use libdsreg.so.0"
  fi
done

# As a subproject: the parent's build type and flags, none of our tests, no
# cmocka needed.
parent=$work/parent
mkdir -p "$parent"
cat >"$parent/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.18)
project(parent C)
set(CMAKE_BUILD_TYPE MinSizeRel)
add_subdirectory("$root" dsreg)
add_executable(app "$root/examples/parse_stdin.c")
target_link_libraries(app PRIVATE dsreg::dsreg)
CM
cmake -S "$parent" -B "$parent/build" >"$parent/configure.log"
grep -q "cmocka" "$parent/build/CMakeCache.txt" && bad "a subproject looked for cmocka"
grep -q '^CMAKE_BUILD_TYPE:STRING=RelWithDebInfo' "$parent/build/CMakeCache.txt" &&
  bad "the subproject forced its build type"
cmake --build "$parent/build" -j"$(nproc)" --target app >/dev/null
expect_run "subproject" "$parent/build/app"
if [ -e "$parent/build/dsreg/tests" ]; then bad "a subproject built our tests"; fi

# mingw-w64: the C example, and the shared DLL's export table.
bash scripts/windows-deps.sh >/dev/null
cmake --preset windows -B "$work/win" -DBUILD_TESTING=OFF -DDSREG_SHARED=ON \
  -DDSREG_WERROR=ON >/dev/null
cmake --build "$work/win" -j"$(nproc)" --target parse_stdin dsreg_shared >/dev/null
if [ -f "$work/win/examples/parse_stdin.exe" ]; then
  echo "install: mingw example built"
else
  bad "mingw: no parse_stdin.exe"
fi
dll=$(find "$work/win" -name 'libdsreg*.dll' | head -n 1)
if [ -z "$dll" ]; then
  bad "mingw: no DLL"
else
  dll_exports=$(x86_64-w64-mingw32-objdump -p "$dll" |
    sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
    grep -E '^[[:space:]]*\[ *[0-9]+\]' | awk '{print $NF}')
  echo "install: $(basename "$dll") exports $(wc -l <<<"$dll_exports") names"
  others=$(grep -v '^dsreg_' <<<"$dll_exports" || true)
  [ -n "$dll_exports" ] || bad "mingw: the DLL exports nothing"
  [ -z "$others" ] || bad "mingw: exports without the dsreg_ prefix: $others"
fi

if [ $fail -ne 0 ]; then
  echo "install: FAILED"
  exit 1
fi
echo "install: clean"
