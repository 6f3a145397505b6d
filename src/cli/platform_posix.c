/*
 * platform_posix.c - the CLI's platform layer for POSIX systems.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform.h"

const char dsreg_cli_path_sep = '/';

bool dsreg_cli_isatty(FILE *f) { return isatty(fileno(f)) == 1; }

bool dsreg_cli_enable_ansi(FILE *f) {
  (void)f; /* terminals here take escape sequences as they are */
  return true;
}

void dsreg_cli_binary_stdio(void) {}

bool dsreg_cli_reader_gone(FILE *f, int err) {
  (void)f;
  return err == EPIPE;
}

FILE *dsreg_cli_fopen(const char *path, const char *mode) {
  return fopen(path, mode);
}

int dsreg_cli_remove(const char *path) { return remove(path); }

char *dsreg_cli_temp_name(const char *path) {
  size_t n = strlen(path) + 32;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s.%ld.tmp", path, (long)getpid());
  return s;
}

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
  info->dev = (uint64_t)st.st_dev;
  info->ino = (uint64_t)st.st_ino;
  if (S_ISREG(st.st_mode))
    info->kind = CLI_PATH_FILE;
  else if (S_ISDIR(st.st_mode))
    info->kind = CLI_PATH_DIR;
  else
    info->kind = CLI_PATH_OTHER;
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

int dsreg_cli_live_close(FILE *f) {
  int st = pclose(f);
  if (st == -1)
    return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool dsreg_cli_live_by_default(void) { return false; }

int dsreg_cli_list_dir(const char *path, int (*fn)(void *ctx, const char *name),
                       void *ctx, char *err, size_t errsize) {
  DIR *d = opendir(path);
  if (!d) {
    snprintf(err, errsize, "%s", strerror(errno));
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  errno = 0;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    rc = fn(ctx, e->d_name);
    errno = 0;
  }
  if (rc == 0 && errno != 0) {
    snprintf(err, errsize, "%s", strerror(errno));
    rc = -1;
  }
  closedir(d);
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
