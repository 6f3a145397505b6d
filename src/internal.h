/*
 * internal.h - declarations shared inside the library, not exported.
 */
#ifndef DSREG_INTERNAL_H
#define DSREG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"
#include "dsreg/fields.h"

/* The helper modules, for the files that need them with the rest. */
#include "ascii.h"
#include "timeconv.h"

/* ---- field lookup (fields.c) ------------------------------------------ */

/* Slots of the key index; a power of two well above the row count. */
#define DSREG_FIELD_SLOTS 512

/* A per-parser index from key to rows.  `exact` finds a key as dsregcmd
 * prints it with one hash of its bytes; `slot` finds it by normalised key
 * (lower-case letters and digits), for spellings that differ.  Rows sharing
 * a normalised key are chained through `next`. */
typedef struct dsreg_field_index {
  short slot[DSREG_FIELD_SLOTS];         /* first row + 1, 0 = empty */
  short next[DSREG_FIELD_SLOTS];         /* next row with the same key + 1 */
  short first[DSREG_FIELD_SLOTS];        /* per row: first row of its key + 1 */
  short exact[DSREG_FIELD_SLOTS];        /* row + 1 by exact key, 0 = empty */
  unsigned char klen[DSREG_FIELD_SLOTS]; /* per row: strlen(key) */
  char norm[DSREG_FIELD_SLOTS][40];
} dsreg_field_index;

void dsreg_field_index_build(dsreg_field_index *ix);

/* Row for `key` met in a section of `kind`: the row of that section if there
 * is one, else the key's first row; -1 when the key is unknown. */
int dsreg_field_index_find(const dsreg_field_index *ix, const char *key,
                           size_t len, dsreg_section_kind kind);

/* True when `def` (may be NULL) is one of the PRT diagnostics fields. */
int dsreg_field_is_prt_diag(const dsreg_field_def *def);

/* How far the enterprise PRT's diagnostics lie from the Entra PRT's in
 * dsreg_typed: the field table declares the block once, for the latter. */
#define DSREG_ENTERPRISE_DIAG_SHIFT                                            \
  (offsetof(dsreg_typed, sso_state.enterprise_prt_diag) -                      \
   offsetof(dsreg_typed, sso_state.azure_prt_diag))

/* Row number of the AzureAdPrt / EnterprisePrt keys, to track the block. */
int dsreg_field_row_of(const char *key);

/* ---- typed values (values.c) ------------------------------------------ */

/* Parses `f->value` as `type` into `v`.  On failure sets DSREG_VALUE_INVALID
 * and writes a short reason ("not a GUID") to `why`. */
void dsreg_value_parse(dsreg_value *v, const dsreg_field *f,
                       dsreg_value_type type, const char **why);

#endif
