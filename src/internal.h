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

/* The PRT whose diagnostics block the line of `row` opens (AzureAdPrt,
 * EnterprisePrt), else DSREG_PRT_NONE. */
dsreg_prt_kind dsreg_field_opens_prt(size_t row);

/* For a row of one PRT's diagnostics block, the same key's row in the block
 * of `prt`; -1 when there is none. */
int dsreg_field_prt_twin(size_t row, dsreg_prt_kind prt);

/* ---- typed values (values.c) ------------------------------------------ */

/* Parses `f->value` as `type` into `v`.  On failure sets DSREG_VALUE_INVALID
 * and writes a short reason ("not a GUID") to `why`. */
void dsreg_value_parse(dsreg_value *v, const dsreg_field *f,
                       dsreg_value_type type, const char **why);

#endif
