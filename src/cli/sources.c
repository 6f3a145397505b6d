/*
 * sources.c - FILE arguments to sources; the streaming folder walk.
 */
#include "sources.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "output.h"
#include "platform.h"

/* Names of one folder held at once.  A bigger folder is listed again for
 * each further batch (the names after the last one handed out), so memory
 * stays bounded whatever a share holds; 8192 names keep that to one pass
 * for all but the largest folders. */
#ifndef CLI_WALK_BATCH
#define CLI_WALK_BATCH 8192
#endif

/* A name as listed: its kind in the first byte, then the name. */
typedef char *entry;
#define ENTRY_NAME(e) ((e) + 1)
#define ENTRY_KIND(e) ((cli_path_kind)(unsigned char)(e)[0])

typedef struct frame {
  struct frame *up;
  char *path;
  uint64_t dev, ino;
  entry *batch; /* sorted */
  size_t count, pos;
  char *after;   /* every name up to this one was handed out (NULL: none) */
  bool listed;   /* a batch was listed */
  bool complete; /* the batch held every name still to come */
} frame;

/* The folders read for the current argument, by identity. */
typedef struct seen_set {
  uint64_t (*v)[2];
  size_t count, cap; /* cap is 0 or a power of two */
} seen_set;

struct cli_sources {
  const char *const *args;
  size_t nargs, arg;
  bool live, stdin_only, started;
  frame *top;
  size_t found; /* sources found under the current folder argument */
  seen_set seen;
  const char *const *include, *const *exclude;
  size_t include_count, exclude_count;
  bool fold_case;
  unsigned long skipped, unpicked;
  unsigned long root_left_out; /* of both, under the current argument */
};

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
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

static size_t seen_hash(uint64_t dev, uint64_t ino, size_t cap) {
  uint64_t h = (ino ^ (dev * 0x9E3779B97F4A7C15u)) * 0xBF58476D1CE4E5B9u;
  return (size_t)(h >> 17) & (cap - 1);
}

/* Adds a folder; 1 when it was there already, 0 when added, -1 on OOM. */
static int seen_add(seen_set *s, uint64_t dev, uint64_t ino) {
  if ((s->count + 1) * 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    uint64_t(*v)[2] = calloc(cap, sizeof *v);
    if (!v)
      return -1;
    /* 0/0 marks an empty slot; a real folder is never device 0 inode 0
     * (inode 0 is not used), and Windows' stand-in identities are not 0. */
    for (size_t i = 0; i < s->cap; i++) {
      if (!s->v[i][0] && !s->v[i][1])
        continue;
      size_t k = seen_hash(s->v[i][0], s->v[i][1], cap);
      while (v[k][0] || v[k][1])
        k = (k + 1) & (cap - 1);
      v[k][0] = s->v[i][0];
      v[k][1] = s->v[i][1];
    }
    free(s->v);
    s->v = v;
    s->cap = cap;
  }
  size_t k = seen_hash(dev, ino, s->cap);
  while (s->v[k][0] || s->v[k][1]) {
    if (s->v[k][0] == dev && s->v[k][1] == ino)
      return 1;
    k = (k + 1) & (s->cap - 1);
  }
  s->v[k][0] = dev;
  s->v[k][1] = ino;
  s->count++;
  return 0;
}

static void seen_clear(seen_set *s) {
  free(s->v);
  memset(s, 0, sizeof *s);
}

/* --- one folder's names, a bounded batch at a time ---------------------- */

typedef struct lister {
  frame *f;
  entry *heap; /* a max-heap of the smallest names after f->after */
  size_t count;
  bool overflow, oom;
} lister;

static int name_cmp(const entry a, const entry b) {
  return strcmp(ENTRY_NAME(a), ENTRY_NAME(b));
}

static void sift_down(entry *h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && name_cmp(h[l], h[m]) > 0)
      m = l;
    if (r < n && name_cmp(h[r], h[m]) > 0)
      m = r;
    if (m == i)
      return;
    entry t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}

static void sift_up(entry *h, size_t i) {
  while (i && name_cmp(h[(i - 1) / 2], h[i]) < 0) {
    entry t = h[i];
    h[i] = h[(i - 1) / 2];
    h[(i - 1) / 2] = t;
    i = (i - 1) / 2;
  }
}

static int take_name(void *ctx, const char *name, cli_path_kind kind) {
  lister *l = ctx;
  if (l->f->after && strcmp(name, l->f->after) <= 0)
    return 0; /* handed out in an earlier batch */
  if (l->count == CLI_WALK_BATCH) {
    l->overflow = true;
    if (strcmp(name, ENTRY_NAME(l->heap[0])) >= 0)
      return 0; /* for a later batch */
  }
  size_t n = strlen(name);
  entry e = malloc(n + 2);
  if (!e) {
    l->oom = true;
    return 1;
  }
  e[0] = (char)kind;
  memcpy(e + 1, name, n + 1);
  if (l->count == CLI_WALK_BATCH) {
    free(l->heap[0]);
    l->heap[0] = e;
    sift_down(l->heap, l->count, 0);
  } else {
    l->heap[l->count] = e;
    sift_up(l->heap, l->count++);
  }
  return 0;
}

static int by_name(const void *a, const void *b) {
  return name_cmp(*(const entry *)a, *(const entry *)b);
}

static void free_batch(frame *f) {
  for (size_t i = 0; i < f->count; i++)
    free(f->batch[i]);
  free(f->batch);
  f->batch = NULL;
  f->count = f->pos = 0;
}

/* Lists the next batch of `f`.  0; -1 when out of memory; 1 when the
 * folder cannot be read (`err` says why). */
static int list_batch(frame *f, char *err, size_t errsize) {
  lister l = {f, NULL, 0, false, false};
  if (f->count) { /* the batch is done: go on after its last name */
    char *after = dup_str(ENTRY_NAME(f->batch[f->count - 1]));
    if (!after)
      return -1;
    free(f->after);
    f->after = after;
  }
  free_batch(f);
  if (!(l.heap = malloc(CLI_WALK_BATCH * sizeof *l.heap)))
    return -1;
  int rc = dsreg_cli_list_dir(f->path, take_name, &l, err, errsize);
  if (rc != 0 && errno == ENOMEM)
    l.oom = true;
  if (l.oom || rc != 0) {
    for (size_t i = 0; i < l.count; i++)
      free(l.heap[i]);
    free(l.heap);
    return l.oom ? -1 : 1;
  }
  if (l.count > 1) /* qsort(NULL, 0, ...) is undefined behaviour */
    qsort(l.heap, l.count, sizeof *l.heap, by_name);
  f->batch = l.heap;
  f->count = l.count;
  f->listed = true;
  f->complete = !l.overflow;
  return 0;
}

static frame *push(cli_sources *s, char *path, const cli_path_info *info) {
  frame *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->path = path;
  f->dev = info->dev;
  f->ino = info->ino;
  f->up = s->top;
  s->top = f;
  return f;
}

static void pop(cli_sources *s) {
  frame *f = s->top;
  s->top = f->up;
  free_batch(f);
  free(f->after);
  free(f->path);
  free(f);
}

/* --- handing out sources ------------------------------------------------ */

static int give(cli_source *out, char *path, const char *error,
                const char *note, bool walked) {
  memset(out, 0, sizeof *out);
  out->path = path;
  out->walked = walked;
  if (!path || (error && !(out->error = dup_str(error))) ||
      (note && !(out->note = dup_str(note)))) {
    cli_source_free(out);
    return -1;
  }
  return 1;
}

static bool ascii_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
    char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
    if (x != y)
      return false;
  }
  return *a == *b;
}

const char *cli_sources_skip_reason(const char *name) {
  /* What Explorer and Finder leave in every folder they show: on a share
   * mounted elsewhere they lose the attributes that hide them. */
  static const char *const SYSTEM[] = {"Thumbs.db", "desktop.ini", ".DS_Store"};
  for (size_t i = 0; i < sizeof SYSTEM / sizeof SYSTEM[0]; i++)
    if (ascii_ieq(name, SYSTEM[i]))
      return "system file";
  return name[0] == '.' ? "dot file" : NULL;
}

void cli_sources_pick(cli_sources *s, const char *const *include,
                      size_t include_count, const char *const *exclude,
                      size_t exclude_count, bool fold_case) {
  s->include = include;
  s->include_count = include_count;
  s->exclude = exclude;
  s->exclude_count = exclude_count;
  s->fold_case = fold_case;
}

unsigned long cli_sources_skipped(const cli_sources *s) { return s->skipped; }
unsigned long cli_sources_unpicked(const cli_sources *s) { return s->unpicked; }

/* The name after the last separator. */
static const char *base_name(const char *path) {
  const char *base = path;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == dsreg_cli_path_sep)
      base = p + 1;
  return base;
}

static bool picked(const cli_sources *s, const char *path) {
  const char *name = base_name(path);
  bool in = s->include_count == 0;
  for (size_t i = 0; !in && i < s->include_count; i++)
    in = cli_glob_match(s->include[i], name, s->fold_case);
  for (size_t i = 0; in && i < s->exclude_count; i++)
    in = !cli_glob_match(s->exclude[i], name, s->fold_case);
  return in;
}

/* A file met in a folder: a source, unless --include/--exclude leave it
 * out (then 0, as for a folder entered: the walk goes on). */
static int file_found(cli_sources *s, char *path, cli_source *out) {
  if (!picked(s, path)) {
    s->unpicked++;
    s->root_left_out++;
    free(path);
    return 0;
  }
  s->found++;
  return give(out, path, NULL, NULL, true);
}

/* What to do with folder entry `path` seen as `kind`: 1 with *out set, 0
 * when it became the folder being walked or was left out, -1 when out of
 * memory. */
static int visit(cli_sources *s, char *path, cli_path_kind kind,
                 cli_source *out) {
  cli_path_info info;
  char err[256];
  if (kind == CLI_PATH_FILE)
    return file_found(s, path, out);
  if (kind != CLI_PATH_OTHER) { /* a folder, a link, or not said */
    if (dsreg_cli_stat(path, &info, err, sizeof err) != 0)
      return file_found(s, path, out); /* dangling: reading it will say */
    kind = info.kind;
  }
  if (kind == CLI_PATH_FILE)
    return file_found(s, path, out);
  if (kind == CLI_PATH_OTHER)
    return give(out, path, NULL, "skipped: not a regular file", false);
  for (const frame *f = s->top; f; f = f->up)
    if (f->dev == info.dev && f->ino == info.ino)
      return give(out, path, NULL, "skipped: link loop", false);
  int seen = seen_add(&s->seen, info.dev, info.ino);
  if (seen < 0) {
    free(path);
    return -1;
  }
  if (seen)
    return give(out, path, NULL,
                "skipped: folder already read through another link", false);
  if (!push(s, path, &info)) {
    free(path);
    return -1;
  }
  return 0;
}

cli_sources *cli_sources_open(const char *const *args, size_t n, bool live) {
  cli_sources *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->args = args;
  s->nargs = n;
  s->live = live;
  s->stdin_only = !live && n == 0;
  return s;
}

bool cli_sources_many(const cli_sources *s) {
  if (s->nargs > 1)
    return true;
  cli_path_info info;
  char err[256];
  return s->nargs == 1 && strcmp(s->args[0], "-") != 0 &&
         dsreg_cli_stat(s->args[0], &info, err, sizeof err) == 0 &&
         info.kind == CLI_PATH_DIR;
}

/* Steps the walk of the folder argument on top; 1 with *out set, 0 when the
 * argument is done, -1 when out of memory. */
static int walk_step(cli_sources *s, cli_source *out) {
  char err[256], msg[300];
  while (s->top) {
    frame *f = s->top;
    if (f->pos < f->count) {
      entry e = f->batch[f->pos++];
      if (cli_output_is_temp_name(ENTRY_NAME(e))) {
        /* A report being written, or left by a run that was killed: the
         * reader tells which. */
        int rc = give(out, join(f->path, ENTRY_NAME(e)), NULL, NULL, true);
        out->temp = true;
        return rc;
      }
      if (cli_sources_skip_reason(ENTRY_NAME(e))) {
        s->skipped++;
        s->root_left_out++;
        continue;
      }
      char *path = join(f->path, ENTRY_NAME(e));
      if (!path)
        return -1;
      int rc = visit(s, path, ENTRY_KIND(e), out);
      if (rc != 0)
        return rc;
      continue; /* into the folder just pushed */
    }
    if (f->listed && f->complete) {
      bool root = f->up == NULL;
      char *path = root ? dup_str(f->path) : NULL;
      pop(s);
      if (root && s->found == 0 && s->root_left_out) {
        snprintf(msg, sizeof msg,
                 "no files in folder but %lu left out (system or dot files, "
                 "--include, --exclude)",
                 s->root_left_out);
        return give(out, path, msg, NULL, false);
      }
      if (root && s->found == 0)
        return give(out, path, "no files in folder", NULL, false);
      free(path);
      continue;
    }
    int rc = list_batch(f, err, sizeof err);
    if (rc < 0)
      return -1;
    if (rc > 0) {
      snprintf(msg, sizeof msg, "cannot read folder: %s", err);
      char *path = dup_str(f->path);
      bool root = f->up == NULL;
      pop(s);
      if (root)
        s->found++; /* the error row stands for the folder */
      return give(out, path, msg, NULL, false);
    }
  }
  return 0;
}

int cli_sources_next(cli_sources *s, cli_source *out) {
  memset(out, 0, sizeof *out);
  if (s->live || s->stdin_only) {
    if (s->started)
      return 0;
    s->started = true;
    return give(out, dup_str(s->live ? "" : "-"), NULL, NULL, false);
  }
  for (;;) {
    if (s->top) {
      int rc = walk_step(s, out);
      if (rc != 0)
        return rc;
      seen_clear(&s->seen);
    }
    if (s->arg == s->nargs)
      return 0;
    const char *a = s->args[s->arg++];
    cli_path_info info;
    char err[256];
    if (strcmp(a, "-") == 0 || dsreg_cli_stat(a, &info, err, sizeof err) ||
        info.kind != CLI_PATH_DIR)
      return give(out, dup_str(a), NULL, NULL, false);
    char *path = dup_str(a);
    if (!path || seen_add(&s->seen, info.dev, info.ino) < 0 ||
        !push(s, path, &info)) {
      free(path);
      return -1;
    }
    s->found = 0;
    s->root_left_out = 0;
  }
}

void cli_source_free(cli_source *src) {
  free(src->path);
  free(src->error);
  free(src->note);
  memset(src, 0, sizeof *src);
}

void cli_sources_close(cli_sources *s) {
  if (!s)
    return;
  while (s->top)
    pop(s);
  seen_clear(&s->seen);
  free(s);
}
