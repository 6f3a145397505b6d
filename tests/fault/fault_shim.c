/*
 * fault_shim.c - an LD_PRELOAD library that makes system calls fail on
 * demand, for the tests of what dsregdiag does when the disk fills, the
 * sync or close fails, memory runs out, or a file turns into a FIFO
 * between the listing of a folder and its opening.
 *
 *   LD_PRELOAD=fault_shim.so DSREG_FAULT_WRITE=1000 dsregdiag -o FILE ...
 *
 * Every variable is optional; none set, nothing changes.
 *   DSREG_FAULT_WRITE=N      writes to descriptors >= 3 fail with ENOSPC
 *                            once N bytes have gone to them
 *   DSREG_FAULT_FSYNC=1      fsync fails with EIO
 *   DSREG_FAULT_CLOSE=1      closing a descriptor written to fails with EIO
 *                            (the descriptor is closed all the same, as on
 *                            Linux)
 *   DSREG_FAULT_RENAME=1     rename fails with EXDEV
 *   DSREG_FAULT_MALLOC=N     the Nth allocation (malloc, calloc, realloc)
 *                            fails with ENOMEM; the others succeed
 *   DSREG_FAULT_COUNT=FILE   at exit, the number of allocations is written
 *                            to FILE (to know how far to sweep N)
 *   DSREG_FAULT_SWAP=PATH    just before PATH is opened, it is replaced by
 *                            a FIFO
 *
 * glibc only: the allocator is reached through __libc_malloc and friends,
 * which glibc exports for exactly this.  Not for sanitizer builds, whose
 * runtimes must come first.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long env_long(const char *name) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : -1;
}

/* --- allocation ----------------------------------------------------------- */

static long alloc_calls, alloc_fail_at = -2; /* -2: not read yet */

static int alloc_fails(void) {
  if (alloc_fail_at == -2)
    alloc_fail_at = -1; /* getenv may allocate: no recursion into it */
  return ++alloc_calls == alloc_fail_at;
}

__attribute__((constructor)) static void read_alloc_env(void) {
  alloc_fail_at = env_long("DSREG_FAULT_MALLOC");
  alloc_calls = 0;
}

__attribute__((destructor)) static void write_count(void) {
  const char *f = getenv("DSREG_FAULT_COUNT");
  if (!f)
    return;
  FILE *out = fopen(f, "w");
  if (out) {
    fprintf(out, "%ld\n", alloc_calls);
    fclose(out);
  }
}

void *malloc(size_t n) {
  if (alloc_fails()) {
    errno = ENOMEM;
    return NULL;
  }
  return __libc_malloc(n);
}

void *calloc(size_t n, size_t size) {
  if (alloc_fails()) {
    errno = ENOMEM;
    return NULL;
  }
  return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n) {
  if (alloc_fails()) {
    errno = ENOMEM;
    return NULL;
  }
  return __libc_realloc(p, n);
}

/* --- writing, syncing, closing, renaming -----------------------------------
 */

#define MAX_FD 1024
static unsigned char written[MAX_FD];
static long long write_budget = -2;

ssize_t write(int fd, const void *buf, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  if (write_budget == -2)
    write_budget = env_long("DSREG_FAULT_WRITE");
  if (fd >= 3) {
    if (fd < MAX_FD)
      written[fd] = 1;
    if (write_budget >= 0) {
      if ((long long)n > write_budget) {
        if (write_budget == 0) {
          errno = ENOSPC;
          return -1;
        }
        n = (size_t)write_budget; /* a short write first, as a full disk */
      }
      write_budget -= (long long)n;
    }
  }
  return real(fd, buf, n);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real)
    real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  if (env_long("DSREG_FAULT_FSYNC") > 0) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

int close(int fd) {
  static int (*real)(int);
  if (!real)
    real = (int (*)(int))dlsym(RTLD_NEXT, "close");
  int rc = real(fd);
  if (rc == 0 && fd >= 3 && fd < MAX_FD && written[fd] &&
      env_long("DSREG_FAULT_CLOSE") > 0) {
    written[fd] = 0;
    errno = EIO;
    return -1;
  }
  if (fd >= 3 && fd < MAX_FD)
    written[fd] = 0;
  return rc;
}

int rename(const char *from, const char *to) {
  static int (*real)(const char *, const char *);
  if (!real)
    real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
  if (env_long("DSREG_FAULT_RENAME") > 0) {
    errno = EXDEV;
    return -1;
  }
  return real(from, to);
}

/* --- a file that becomes a FIFO ------------------------------------------- */

static void maybe_swap(const char *path) {
  const char *swap = getenv("DSREG_FAULT_SWAP");
  if (swap && strcmp(path, swap) == 0) {
    unlink(path);
    mkfifo(path, 0600);
  }
}

/* open and open64 (what a 32-bit off_t build calls) share one body. */
typedef int (*open_fn)(const char *, int, ...);

static int open_with(const char *name, open_fn *real, const char *path,
                     int flags, va_list ap) {
  if (!*real)
    *real = (open_fn)dlsym(RTLD_NEXT, name);
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE))
    mode = (mode_t)va_arg(ap, int);
  maybe_swap(path);
  return (*real)(path, flags, mode);
}

int open(const char *path, int flags, ...) {
  static open_fn real;
  va_list ap;
  va_start(ap, flags);
  int fd = open_with("open", &real, path, flags, ap);
  va_end(ap);
  return fd;
}

int open64(const char *path, int flags, ...) {
  static open_fn real;
  va_list ap;
  va_start(ap, flags);
  int fd = open_with("open64", &real, path, flags, ap);
  va_end(ap);
  return fd;
}
