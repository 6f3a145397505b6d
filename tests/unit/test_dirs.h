/*
 * test_dirs.h - making and removing folders in the CLI unit tests, on POSIX
 * and Windows alike.
 */
#ifndef DSREG_TEST_DIRS_H
#define DSREG_TEST_DIRS_H

#include <sys/stat.h>
#ifdef _WIN32
#include <direct.h>
#define make_dir(p) _mkdir(p)
#define remove_dir(p) _rmdir(p)
#else
#include <unistd.h>
#define make_dir(p) mkdir(p, 0700)
#define remove_dir(p) rmdir(p)
#endif

#endif
