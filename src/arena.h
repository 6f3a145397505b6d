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

typedef struct dsreg_arena_block dsreg_arena_block;

typedef struct dsreg_arena {
  dsreg_arena_block *head; /* the block being filled */
  dsreg_arena_block *free; /* emptied blocks, for reuse */
} dsreg_arena;

/* Copies s[0..n) and a NUL; NULL when out of memory. */
char *dsreg_arena_strdup(dsreg_arena *a, const char *s, size_t n);

/* Concatenates two strings into a new NUL-terminated one. */
char *dsreg_arena_concat(dsreg_arena *a, const char *s, size_t n, const char *t,
                         size_t m);

/* Forgets every string, keeping the blocks. */
void dsreg_arena_reset(dsreg_arena *a);

void dsreg_arena_free(dsreg_arena *a);

#endif
