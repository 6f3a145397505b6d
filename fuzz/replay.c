/*
 * replay.c - runs a fuzz target over saved inputs, without libFuzzer.
 *
 *   fuzz_parser_replay DIR|FILE...
 *
 * Every regular file of each directory (not recursing; names starting with
 * '.' are skipped, so a .gitkeep keeps an empty folder) and every file
 * named is passed to LLVMFuzzerTestOneInput once.  A violated invariant
 * aborts, which fails the ctest test; so does a path that cannot be read.
 * This is how the seed corpus and every crash ever found are re-run by any
 * compiler, sanitizers or not.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return -1;
  }
  size_t len = 0, cap = 4096;
  unsigned char *data = malloc(cap);
  size_t n;
  while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      unsigned char *d = realloc(data, cap * 2);
      if (!d) {
        free(data);
        data = NULL;
        break;
      }
      data = d;
      cap *= 2;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!data || bad) {
    fprintf(stderr, "%s: cannot read\n", path);
    free(data);
    return -1;
  }
  /* An exact-size copy, so that ASan sees a read past the end. */
  unsigned char *exact = malloc(len ? len : 1);
  if (!exact) {
    free(data);
    return -1;
  }
  if (len)
    memcpy(exact, data, len);
  free(data);
  fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files in name order, so that a failing run is the same on every host. */
static int replay_dir(const char *dir, unsigned long *count) {
  DIR *d = opendir(dir);
  if (!d) {
    perror(dir);
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      size_t c = cap ? cap * 2 : 64;
      char **t = realloc(names, c * sizeof *t);
      if (!t) {
        rc = -1;
        break;
      }
      names = t;
      cap = c;
    }
    size_t len = strlen(dir) + strlen(e->d_name) + 2;
    if ((names[n] = malloc(len)) == NULL) {
      rc = -1;
      break;
    }
    snprintf(names[n], len, "%s/%s", dir, e->d_name);
    n++;
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
      if (replay_file(names[i]) != 0)
        rc = -1;
      else
        (*count)++;
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  unsigned long count = 0;
  int rc = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      perror(argv[i]);
      rc = 1;
    } else if (S_ISDIR(st.st_mode)) {
      if (replay_dir(argv[i], &count) != 0)
        rc = 1;
    } else if (replay_file(argv[i]) != 0) {
      rc = 1;
    } else {
      count++;
    }
  }
  printf("%s: %lu inputs replayed%s\n", argv[0], count,
         rc ? ", some paths could not be read" : "");
  return rc;
}
