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

/* True when s[0..n) equals the NUL-terminated `lit`, ignoring ASCII case. */
int dsreg_eq_nocase(const char *s, size_t n, const char *lit);

/* Parses "YYYY-MM-DD hh:mm:ss[.f...] UTC" (any number of fraction digits,
 * at least one).  0 on success; -1 when it is not such a time or a field is
 * out of its range; -2 when it is one but outside the years 0001-9999.
 * *ms is written only on success. */
int dsreg_parse_time(const char *s, size_t n, int64_t *ms);

/* ms since 1970 of a calendar time: year 0-9999, month 1-12, a day of that
 * month, hour 0-23, minute and second 0-59, ms 0-999.  -1 (and *ms
 * untouched) when a field is out of its range. */
int dsreg_civil_ms(int y, int mo, int d, int h, int mi, int sec, int frac,
                   int64_t *ms);

/* True when ms lies in DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS. */
bool dsreg_time_in_range(int64_t ms);

#endif
