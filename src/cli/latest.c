/*
 * latest.c - the newest capture of each device (see latest.h).
 */
#include "latest.h"

#include <stdlib.h>
#include <string.h>

typedef struct best {
  char *key;  /* "id:...", "name:..." or "file:..." */
  char *path; /* the source of the newest capture */
  unsigned long index;
  uint64_t seq;
  int64_t time_ms;
} best;

struct cli_latest {
  best *slots; /* open addressing; key NULL = empty */
  size_t cap, count;
  unsigned long offered;
};

cli_latest *cli_latest_new(void) {
  cli_latest *l = calloc(1, sizeof *l);
  if (l && !(l->slots = calloc(l->cap = 256, sizeof *l->slots))) {
    free(l);
    return NULL;
  }
  return l;
}

void cli_latest_free(cli_latest *l) {
  if (!l)
    return;
  for (size_t i = 0; i < l->cap; i++) {
    free(l->slots[i].key);
    free(l->slots[i].path);
  }
  free(l->slots);
  free(l);
}

/* The device's key, lower-cased, braces of a GUID dropped, in a new
 * string; NULL when out of memory. */
static char *device_key(const dsreg_capture *cap, const char *source) {
  const dsreg_typed *t = &cap->typed;
  const char *kind = "file:", *v = source;
  if (dsreg_value_present(&t->device_details.device_id)) {
    kind = "id:";
    v = dsreg_value_text(&t->device_details.device_id);
  } else if (dsreg_value_present(&t->device_state.device_name)) {
    kind = "name:";
    v = dsreg_value_text(&t->device_state.device_name);
  }
  size_t k = strlen(kind), n = strlen(v);
  char *key = malloc(k + n + 1);
  if (!key)
    return NULL;
  memcpy(key, kind, k);
  size_t o = k;
  bool fold = kind[0] != 'f'; /* file names keep their case */
  for (size_t i = 0; i < n; i++) {
    char c = v[i];
    if (kind[0] == 'i' && (c == '{' || c == '}'))
      continue;
    key[o++] = fold && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  key[o] = '\0';
  return key;
}

static size_t hash(const char *s, size_t cap) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return (size_t)h & (cap - 1);
}

static best *find(const cli_latest *l, const char *key) {
  size_t i = hash(key, l->cap);
  while (l->slots[i].key && strcmp(l->slots[i].key, key) != 0)
    i = (i + 1) & (l->cap - 1);
  return &l->slots[i];
}

static int grow(cli_latest *l) {
  size_t cap = l->cap * 2;
  best *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return -1;
  best *old = l->slots;
  size_t old_cap = l->cap;
  l->slots = slots;
  l->cap = cap;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].key)
      *find(l, old[i].key) = old[i];
  free(old);
  return 0;
}

static int64_t capture_time(const dsreg_capture *cap, int64_t mtime_ms) {
  const dsreg_value *ct = &cap->typed.diagnostic_data.client_time;
  return ct->state == DSREG_VALUE_OK ? ct->time_ms : mtime_ms;
}

int cli_latest_offer(cli_latest *l, const dsreg_capture *cap,
                     const char *source, uint64_t seq, int64_t mtime_ms) {
  if ((l->count + 1) * 2 > l->cap && grow(l))
    return -1;
  char *key = device_key(cap, source);
  if (!key)
    return -1;
  l->offered++;
  int64_t t = capture_time(cap, mtime_ms);
  best *b = find(l, key);
  if (b->key) {
    free(key);
    bool newer = t > b->time_ms ||
                 (t == b->time_ms &&
                  (seq > b->seq || (seq == b->seq && cap->index > b->index)));
    if (!newer)
      return 0;
    if (strcmp(b->path, source) != 0) {
      size_t n = strlen(source) + 1;
      char *path = malloc(n);
      if (!path)
        return -1;
      memcpy(path, source, n);
      free(b->path);
      b->path = path;
    }
  } else {
    size_t n = strlen(source) + 1;
    if (!(b->path = malloc(n))) {
      free(key);
      return -1;
    }
    memcpy(b->path, source, n);
    b->key = key;
    l->count++;
  }
  b->index = cap->index;
  b->seq = seq;
  b->time_ms = t;
  return 0;
}

int cli_latest_is_newest(const cli_latest *l, const dsreg_capture *cap,
                         const char *source) {
  char *key = device_key(cap, source);
  if (!key)
    return -1;
  const best *b = find(l, key);
  free(key);
  return b->key && b->index == cap->index && strcmp(b->path, source) == 0;
}

size_t cli_latest_devices(const cli_latest *l) { return l->count; }
unsigned long cli_latest_offered(const cli_latest *l) { return l->offered; }
