/*
 * sources.c - FILE arguments to sources; folder walking.
 */
#include "sources.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

/* The folders from the argument down to the one being walked: a link back
 * to any of them would loop. */
typedef struct chain {
  const struct chain *up;
  uint64_t dev, ino;
} chain;

typedef struct names {
  char **v;
  size_t count, cap;
  int oom;
} names;

static int add(cli_sources *s, const char *path, const char *error) {
  if (s->count == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    cli_source *v = realloc(s->items, cap * sizeof *v);
    if (!v)
      return -1;
    s->items = v;
    s->cap = cap;
  }
  cli_source *src = &s->items[s->count];
  src->path = malloc(strlen(path) + 1);
  src->error = error ? malloc(strlen(error) + 1) : NULL;
  if (!src->path || (error && !src->error)) {
    free(src->path);
    free(src->error);
    return -1;
  }
  strcpy(src->path, path);
  if (error)
    strcpy(src->error, error);
  s->count++;
  return 0;
}

static int collect_name(void *ctx, const char *name) {
  names *n = ctx;
  if (n->count == n->cap) {
    size_t cap = n->cap ? n->cap * 2 : 32;
    char **v = realloc(n->v, cap * sizeof *v);
    if (!v) {
      n->oom = 1;
      return 1;
    }
    n->v = v;
    n->cap = cap;
  }
  n->v[n->count] = malloc(strlen(name) + 1);
  if (!n->v[n->count]) {
    n->oom = 1;
    return 1;
  }
  strcpy(n->v[n->count++], name);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name) {
  size_t d = strlen(dir), n = strlen(name);
  char *p = malloc(d + n + 2);
  if (!p)
    return NULL;
  memcpy(p, dir, d);
  if (d && dir[d - 1] != '/' && dir[d - 1] != dsreg_cli_path_sep)
    p[d++] = dsreg_cli_path_sep;
  memcpy(p + d, name, n + 1);
  return p;
}

static int walk(cli_sources *s, const char *dir, const chain *up, FILE *notes) {
  names n = {0};
  char err[256];
  int rc = 0;
  if (dsreg_cli_list_dir(dir, collect_name, &n, err, sizeof err) != 0 &&
      !n.oom) {
    char msg[300];
    snprintf(msg, sizeof msg, "cannot read folder: %s", err);
    rc = add(s, dir, msg);
    goto out;
  }
  if (n.oom) {
    rc = -1;
    goto out;
  }
  if (n.count > 1) /* qsort(NULL, 0, ...) is undefined behaviour */
    qsort(n.v, n.count, sizeof *n.v, by_name);
  for (size_t i = 0; i < n.count && rc == 0; i++) {
    char *path = join(dir, n.v[i]);
    cli_path_info info;
    if (!path) {
      rc = -1;
      break;
    }
    if (dsreg_cli_stat(path, &info, err, sizeof err) != 0) {
      rc = add(s, path, NULL); /* a dangling link: reading it will say */
    } else if (info.kind == CLI_PATH_FILE) {
      rc = add(s, path, NULL);
    } else if (info.kind == CLI_PATH_DIR) {
      const chain *c = up;
      while (c && !(c->dev == info.dev && c->ino == info.ino))
        c = c->up;
      if (c) {
        fprintf(notes, "dsregdiag: %s: skipped: link loop\n", path);
        s->skipped++;
      } else {
        chain here = {up, info.dev, info.ino};
        rc = walk(s, path, &here, notes);
      }
    } else {
      fprintf(notes, "dsregdiag: %s: skipped: not a regular file\n", path);
      s->skipped++;
    }
    free(path);
  }
out:
  for (size_t i = 0; i < n.count; i++)
    free(n.v[i]);
  free(n.v);
  return rc;
}

int cli_sources_collect(cli_sources *s, const char *const *args, size_t n,
                        bool live, FILE *notes) {
  memset(s, 0, sizeof *s);
  if (live)
    return add(s, "", NULL);
  if (n == 0)
    return add(s, "-", NULL);
  for (size_t i = 0; i < n; i++) {
    cli_path_info info;
    char err[256];
    if (strcmp(args[i], "-") != 0 &&
        dsreg_cli_stat(args[i], &info, err, sizeof err) == 0 &&
        info.kind == CLI_PATH_DIR) {
      chain top = {NULL, info.dev, info.ino};
      size_t before = s->count;
      if (walk(s, args[i], &top, notes))
        return -1;
      /* Nothing to read is worth saying: a wrong share, an empty export. */
      if (s->count == before && add(s, args[i], "no files in folder"))
        return -1;
    } else if (add(s, args[i], NULL)) {
      return -1;
    }
  }
  return 0;
}

void cli_sources_free(cli_sources *s) {
  for (size_t i = 0; i < s->count; i++) {
    free(s->items[i].path);
    free(s->items[i].error);
  }
  free(s->items);
  memset(s, 0, sizeof *s);
}
