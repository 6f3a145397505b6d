# Cross build for 64-bit Windows with mingw-w64 (Debian: gcc-mingw-w64-x86-64).
#
#   cmake --preset windows          (CMakePresets.json), or
#   cmake -B build-windows -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw64.cmake
#
# libcsv and cmocka come from scripts/windows-deps.sh, installed in
# build-windows-deps/prefix (another place: -DDSREG_WINDOWS_DEPS=DIR or the
# environment variable of that name).  Tests run under Wine through
# tests/windows/wine-run.sh, which ctest puts in front of every test program;
# each build tree gets its own Wine prefix, BUILD_DIR/wine-prefix.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(DSREG_MINGW_TRIPLET x86_64-w64-mingw32)

# The win32 thread model: no winpthread DLL or library to carry along.
find_program(CMAKE_C_COMPILER NAMES ${DSREG_MINGW_TRIPLET}-gcc-win32
                                    ${DSREG_MINGW_TRIPLET}-gcc REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${DSREG_MINGW_TRIPLET}-windres)
find_program(CMAKE_AR NAMES ${DSREG_MINGW_TRIPLET}-gcc-ar-win32
                            ${DSREG_MINGW_TRIPLET}-gcc-ar ${DSREG_MINGW_TRIPLET}-ar)
find_program(CMAKE_RANLIB NAMES ${DSREG_MINGW_TRIPLET}-gcc-ranlib-win32
                                ${DSREG_MINGW_TRIPLET}-gcc-ranlib
                                ${DSREG_MINGW_TRIPLET}-ranlib)

if(NOT DSREG_WINDOWS_DEPS)
  if(DEFINED ENV{DSREG_WINDOWS_DEPS})
    set(DSREG_WINDOWS_DEPS "$ENV{DSREG_WINDOWS_DEPS}")
  else()
    get_filename_component(DSREG_WINDOWS_DEPS
                           "${CMAKE_CURRENT_LIST_DIR}/../build-windows-deps/prefix"
                           ABSOLUTE)
  endif()
endif()
set(DSREG_WINDOWS_DEPS "${DSREG_WINDOWS_DEPS}" CACHE PATH
    "prefix holding libcsv and cmocka built for Windows")

set(CMAKE_FIND_ROOT_PATH /usr/${DSREG_MINGW_TRIPLET} ${DSREG_WINDOWS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Only static archives: the programs must need no DLL beyond Windows' own.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)

# C99/C11 printf formats (%zu, %lld) whatever the Windows C runtime knows,
# and one self-contained executable.
# The libraries' headers are system headers, as /usr/include is for the
# native build: their macros do not trip -Wpedantic -Werror.
set(CMAKE_C_FLAGS_INIT
    "-D__USE_MINGW_ANSI_STDIO=1 -isystem \"${DSREG_WINDOWS_DEPS}/include\"")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# ctest runs the test programs (add_test(COMMAND target)) under Wine.
get_filename_component(DSREG_WINE_RUN
                       "${CMAKE_CURRENT_LIST_DIR}/../tests/windows/wine-run.sh"
                       ABSOLUTE)
# Each build tree has a Wine prefix of its own.
set(CMAKE_CROSSCOMPILING_EMULATOR
    "${DSREG_WINE_RUN};--prefix=${CMAKE_BINARY_DIR}/wine-prefix")
