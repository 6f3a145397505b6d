/*
 * platform_posix.c - the CLI's platform layer for POSIX systems.
 */
#define _POSIX_C_SOURCE 200809L
/* O_NOFOLLOW, O_CLOEXEC and d_type are POSIX 2008 or common extensions
 * that glibc shows only with _DEFAULT_SOURCE. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "platform.h"

const char dsreg_cli_path_sep = '/';

bool dsreg_cli_isatty(FILE *f) { return isatty(fileno(f)) == 1; }

unsigned dsreg_cli_terminal_width(FILE *f) {
  struct winsize ws;
  if (!dsreg_cli_isatty(f) || ioctl(fileno(f), TIOCGWINSZ, &ws) != 0)
    return 0;
  return ws.ws_col;
}

bool dsreg_cli_enable_ansi(FILE *f) {
  (void)f; /* terminals here take escape sequences as they are */
  return true;
}

void dsreg_cli_binary_stdio(void) {}

bool dsreg_cli_reader_gone(int fd, int err) {
  (void)fd;
  return err == EPIPE;
}

static void info_of(const struct stat *st, cli_path_info *info) {
  info->dev = (uint64_t)st->st_dev;
  info->ino = (uint64_t)st->st_ino;
  if (S_ISREG(st->st_mode))
    info->kind = CLI_PATH_FILE;
  else if (S_ISDIR(st->st_mode))
    info->kind = CLI_PATH_DIR;
  else
    info->kind = CLI_PATH_OTHER;
}

int dsreg_cli_open_read(const char *path, bool regular_only,
                        cli_path_info *info, char *err, size_t errsize) {
  /* O_NONBLOCK: opening a FIFO waits for a writer, and a device may wait
   * for its line; a regular file ignores the flag. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
  if (fd < 0) {
    snprintf(err, errsize, "cannot open: %s", strerror(errno));
    return -1;
  }
  cli_path_info mine;
  if (!info)
    info = &mine;
  memset(info, 0, sizeof *info);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    snprintf(err, errsize, "cannot open: %s", strerror(errno));
    close(fd);
    return -1;
  }
  info_of(&st, info);
  if (regular_only && info->kind != CLI_PATH_FILE) {
    snprintf(err, errsize, "not a regular file");
    close(fd);
    return -1;
  }
  return fd;
}

long dsreg_cli_read(int fd, void *buf, size_t n) {
  for (;;) {
    ssize_t got = read(fd, buf, n);
    if (got >= 0)
      return (long)got;
    if (errno != EINTR)
      return -1;
  }
}

int dsreg_cli_write(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n) {
    ssize_t put = write(fd, p, n);
    if (put < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (put == 0) { /* not an error by POSIX, but no progress either */
      errno = EIO;
      return -1;
    }
    p += put;
    n -= (size_t)put;
  }
  return 0;
}

int dsreg_cli_open_write(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

int dsreg_cli_sync(int fd) {
  if (fsync(fd) == 0)
    return 0;
  /* Some file systems (and pipes) cannot sync: nothing was lost. */
  return errno == EINVAL || errno == EROFS ? 0 : -1;
}

int dsreg_cli_close(int fd) {
  /* After EINTR the descriptor is gone on Linux: never close it twice. */
  return close(fd) == 0 || errno == EINTR ? 0 : -1;
}

int dsreg_cli_fd_info(int fd, cli_path_info *info) {
  struct stat st;
  memset(info, 0, sizeof *info);
  if (fstat(fd, &st) != 0)
    return -1;
  info_of(&st, info);
  return 0;
}

uint32_t dsreg_cli_random(void) {
  static uint32_t state;
  uint32_t r = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, &r, sizeof r) != (ssize_t)sizeof r)
      r = 0;
    close(fd);
  }
  /* Without /dev/urandom (a chroot): still different on every call. */
  state = state * 1664525u + 1013904223u + (uint32_t)getpid() +
          (uint32_t)time(NULL) + (uint32_t)(uintptr_t)&r;
  return r ^ state;
}

int dsreg_cli_create_new(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

void dsreg_cli_adopt_mode(int fd, const char *target) {
  struct stat st;
  if (stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
    /* Owner first: fchown may clear set-id bits that fchmod then sets. */
    if (fchown(fd, st.st_uid, st.st_gid) != 0) {
      /* not permitted for others' files: the mode still carries over */
    }
    (void)fchmod(fd, st.st_mode & 07777);
    return;
  }
  mode_t mask = umask(0);
  umask(mask);
  (void)fchmod(fd, 0666 & ~mask);
}

/* The temporary file to remove on a signal.  A handler may only make
 * async-signal-safe calls: unlink, signal, raise. */
static const char *volatile guarded;
static const int GUARDED_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig) {
  const char *p = guarded;
  if (p)
    unlink(p);
  signal(sig, SIG_DFL);
  raise(sig); /* ends the program with the status the signal gives */
}

void dsreg_cli_guard_temp(const char *path) {
  static bool installed;
  guarded = path;
  if (path && !installed) {
    for (size_t i = 0; i < sizeof GUARDED_SIGNALS / sizeof *GUARDED_SIGNALS;
         i++) {
      struct sigaction sa, old;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = on_signal;
      sigemptyset(&sa.sa_mask);
      /* A signal the caller chose to ignore (nohup) stays ignored. */
      if (sigaction(GUARDED_SIGNALS[i], NULL, &old) == 0 &&
          old.sa_handler != SIG_IGN)
        sigaction(GUARDED_SIGNALS[i], &sa, NULL);
    }
    installed = true;
  }
}

int dsreg_cli_remove(const char *path) { return remove(path); }

int dsreg_cli_replace(const char *from, const char *to) {
  return rename(from, to);
}

int dsreg_cli_cpu_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

int dsreg_cli_stat(const char *path, cli_path_info *info, char *err,
                   size_t errsize) {
  struct stat st;
  memset(info, 0, sizeof *info);
  if (stat(path, &st) != 0) {
    info->kind = CLI_PATH_MISSING;
    snprintf(err, errsize, "%s", strerror(errno));
    return -1;
  }
  info_of(&st, info);
  return 0;
}

bool dsreg_cli_is_link(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

void dsreg_cli_utf8_args(int *argc, char ***argv) {
  (void)argc;
  (void)argv; /* POSIX arguments are bytes, passed on as they are */
}

FILE *dsreg_cli_live_open(char *err, size_t errsize) {
  /* dsregcmd exists only on Windows; a stand-in on PATH (tests, or a
   * capture replayed by a script) is run the same way. */
  FILE *f = popen("dsregcmd /status", "r");
  if (!f)
    snprintf(err, errsize, "cannot run dsregcmd: %s", strerror(errno));
  return f;
}

int dsreg_cli_live_fd(FILE *f) { return fileno(f); }

int dsreg_cli_live_close(FILE *f) {
  int st = pclose(f);
  if (st == -1)
    return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool dsreg_cli_live_by_default(void) { return false; }

static cli_path_kind kind_of_entry(const struct dirent *e) {
#ifdef DT_UNKNOWN
  switch (e->d_type) {
  case DT_REG:
    return CLI_PATH_FILE;
  case DT_DIR:
    return CLI_PATH_DIR;
  case DT_FIFO:
  case DT_SOCK:
  case DT_CHR:
  case DT_BLK:
    return CLI_PATH_OTHER;
  default: /* a link, or a file system that does not say */
    return CLI_PATH_MISSING;
  }
#else
  (void)e;
  return CLI_PATH_MISSING;
#endif
}

int dsreg_cli_list_dir(const char *path,
                       int (*fn)(void *ctx, const char *name,
                                 cli_path_kind kind),
                       void *ctx, char *err, size_t errsize) {
  DIR *d = opendir(path);
  if (!d) {
    int e = errno;
    snprintf(err, errsize, "%s", strerror(e));
    errno = e; /* ENOMEM is the run's failure, not the folder's */
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  errno = 0;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    rc = fn(ctx, e->d_name, kind_of_entry(e));
    errno = 0;
  }
  int read_errno = errno;
  if (rc == 0 && read_errno != 0) {
    snprintf(err, errsize, "%s", strerror(read_errno));
    rc = -1;
  }
  closedir(d);
  errno = read_errno;
  return rc;
}

struct cli_thread {
  pthread_t id;
  void (*fn)(void *);
  void *arg;
};

static void *trampoline(void *p) {
  cli_thread *t = p;
  t->fn(t->arg);
  return NULL;
}

cli_thread *dsreg_cli_thread_start(void (*fn)(void *), void *arg) {
  cli_thread *t = malloc(sizeof *t);
  if (!t)
    return NULL;
  t->fn = fn;
  t->arg = arg;
  if (pthread_create(&t->id, NULL, trampoline, t) != 0) {
    free(t);
    return NULL;
  }
  return t;
}

void dsreg_cli_thread_join(cli_thread *t) {
  pthread_join(t->id, NULL);
  free(t);
}

struct cli_lock {
  pthread_mutex_t mu;
  pthread_cond_t cv;
};

cli_lock *dsreg_cli_lock_new(void) {
  cli_lock *l = malloc(sizeof *l);
  if (!l)
    return NULL;
  pthread_mutex_init(&l->mu, NULL);
  pthread_cond_init(&l->cv, NULL);
  return l;
}

void dsreg_cli_lock_free(cli_lock *l) {
  if (!l)
    return;
  pthread_mutex_destroy(&l->mu);
  pthread_cond_destroy(&l->cv);
  free(l);
}

void dsreg_cli_lock(cli_lock *l) { pthread_mutex_lock(&l->mu); }
void dsreg_cli_unlock(cli_lock *l) { pthread_mutex_unlock(&l->mu); }
void dsreg_cli_wait(cli_lock *l) { pthread_cond_wait(&l->cv, &l->mu); }
void dsreg_cli_broadcast(cli_lock *l) { pthread_cond_broadcast(&l->cv); }
