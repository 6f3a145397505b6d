/*
 * dsreg/export.h - symbol visibility.
 *
 * The library is built with hidden visibility; only declarations marked
 * DSREG_EXPORT are part of the ABI.  A static build (the default, and the
 * only kind the Windows executable uses) defines DSREG_STATIC.
 */
#ifndef DSREG_EXPORT_H
#define DSREG_EXPORT_H

#if defined(DSREG_STATIC)
#define DSREG_EXPORT
#elif defined(_WIN32)
#if defined(DSREG_BUILDING)
#define DSREG_EXPORT __declspec(dllexport)
#else
#define DSREG_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define DSREG_EXPORT __attribute__((visibility("default")))
#else
#define DSREG_EXPORT
#endif

/* Status results must be looked at: a dropped error is a lost capture. */
#if defined(__GNUC__)
#define DSREG_NODISCARD __attribute__((warn_unused_result))
#else
#define DSREG_NODISCARD
#endif

/* printf-style checking of a function's format argument.  mingw-w64 checks
 * `printf` against the old Microsoft runtime, which knows no %zu or %lld;
 * its own name for the C99 formats is used there. */
#if defined(__MINGW_PRINTF_FORMAT)
#define DSREG_PRINTF(fmt, args)                                                \
  __attribute__((format(__MINGW_PRINTF_FORMAT, fmt, args)))
#elif defined(__GNUC__)
#define DSREG_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define DSREG_PRINTF(fmt, args)
#endif

#endif
