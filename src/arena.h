/*
 * arena.h - bump allocation for the strings of one capture.
 *
 * Private to the library.  Blocks are kept across captures, so memory stays
 * at what the largest capture needed; pointers never move while a capture
 * is built (the capture hands them out as borrowed).
 */
#ifndef DSREG_ARENA_H
#define DSREG_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct dsreg_arena_block dsreg_arena_block;

typedef struct dsreg_arena {
  dsreg_arena_block *head; /* the block being filled */
  dsreg_arena_block *free; /* emptied blocks, for reuse */
  char *next;              /* the free bytes of head: `left` of them */
  size_t left;
} dsreg_arena;

/* dsreg_arena_strdup when the string does not fit in the block at hand. */
char *dsreg_arena_strdup_slow(dsreg_arena *a, const char *s, size_t n);

/* Copies s[0..n) and a NUL; NULL when out of memory.  Inline: the parser
 * copies every key and value, and almost every copy fits. */
static inline char *dsreg_arena_strdup(dsreg_arena *a, const char *s,
                                       size_t n) {
  if (n >= a->left)
    return dsreg_arena_strdup_slow(a, s, n);
  char *p = a->next;
  a->next += n + 1;
  a->left -= n + 1;
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Concatenates two strings into a new NUL-terminated one. */
char *dsreg_arena_concat(dsreg_arena *a, const char *s, size_t n, const char *t,
                         size_t m);

/* Forgets every string, keeping the blocks. */
void dsreg_arena_reset(dsreg_arena *a);

void dsreg_arena_free(dsreg_arena *a);

#endif
