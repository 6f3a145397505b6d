/*
 * arena.c - bump allocation for the strings of one capture.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 65536

struct dsreg_arena_block {
  dsreg_arena_block *next;
  size_t cap, used;
  char data[];
};

static char *alloc(dsreg_arena *a, size_t n) {
  dsreg_arena_block *b = a->head;
  if (b)
    b->used = b->cap - a->left; /* the inline path takes from `next` */
  if (!b || b->cap - b->used < n) {
    if (n <= BLOCK_SIZE && a->free) {
      b = a->free;
      a->free = b->next;
    } else {
      size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
      b = malloc(sizeof *b + cap);
      if (!b)
        return NULL;
      b->cap = cap;
    }
    b->used = 0;
    b->next = a->head;
    a->head = b;
  }
  char *p = b->data + b->used;
  b->used += n;
  a->next = b->data + b->used;
  a->left = b->cap - b->used;
  return p;
}

char *dsreg_arena_strdup_slow(dsreg_arena *a, const char *s, size_t n) {
  char *p = alloc(a, n + 1);
  if (p) {
    if (n)
      memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

char *dsreg_arena_concat(dsreg_arena *a, const char *s, size_t n, const char *t,
                         size_t m) {
  char *p = alloc(a, n + m + 1);
  if (p) {
    if (n)
      memcpy(p, s, n);
    if (m)
      memcpy(p + n, t, m);
    p[n + m] = '\0';
  }
  return p;
}

void dsreg_arena_reset(dsreg_arena *a) {
  /* Oversized blocks (one huge value) are returned to the system so that a
   * single odd capture does not pin its memory for the rest of the run. */
  dsreg_arena_block *b = a->head;
  while (b) {
    dsreg_arena_block *next = b->next;
    if (b->cap > BLOCK_SIZE) {
      free(b);
    } else {
      b->next = a->free;
      a->free = b;
    }
    b = next;
  }
  a->head = NULL;
  a->next = NULL;
  a->left = 0;
}

void dsreg_arena_free(dsreg_arena *a) {
  dsreg_arena_reset(a);
  dsreg_arena_block *b = a->free;
  while (b) {
    dsreg_arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->free = NULL;
}
