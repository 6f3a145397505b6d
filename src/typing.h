/*
 * typing.h - a capture's typed model (dsreg_typed) from its fields.
 *
 * Each known field is parsed as its row's type into the member its row
 * names, in input order, so that a key printed twice ends with its later
 * value.  What did not fit its type, and each repeat, becomes a note.
 */
#ifndef DSREG_TYPING_H
#define DSREG_TYPING_H

#include <stddef.h>

#include "dsreg/capture.h"

/* Where the typing puts what is not a member of dsreg_typed. */
typedef struct dsreg_typing_out {
  /* The Work Account record of `section`: the one handed out last when it
   * is for the same section, else a new zeroed one; NULL when out of
   * memory. */
  dsreg_work_account *(*account)(void *ctx, size_t section);
  /* A note on `line`; `message` is borrowed for the call. */
  void (*note)(void *ctx, unsigned long line, const char *message);
  void *ctx;
} dsreg_typing_out;

/* Clears `typed` and fills it from fields[0 .. n).  The work_accounts array
 * is the caller's to set.  Returns 0, or -1 when account() ran out of
 * memory (then `typed` holds what was typed before). */
int dsreg_type_fields(const dsreg_field *fields, size_t n, dsreg_typed *typed,
                      const dsreg_typing_out *out);

#endif
