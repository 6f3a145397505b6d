/*
 * dsreg/csv.h - one CSV row per capture, for spreadsheets (docs/csv.md).
 *
 * RFC 4180: every field quoted by libcsv, rows end in CRLF, UTF-8.  A cell
 * that would begin with = + - @ TAB or CR gets a leading single quote, so a
 * device or tenant name set by an attacker cannot become a formula.
 *
 * The writers follow the contract of dsreg/report.h: DSREG_OK,
 * DSREG_EINVAL (NULL arguments, a column list with an unknown id),
 * DSREG_ENOMEM, and DSREG_EIO for a FILE with its error flag set.  The
 * column table is static: the column functions are thread safe; a
 * dsreg_csv_columns is a plain value of its caller.
 */
#ifndef DSREG_CSV_H
#define DSREG_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/fields.h"
#include "dsreg/report.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DSREG_CSV_MAX_COLUMNS 64

/** A choice of columns, by column id (0 .. dsreg_csv_column_count()-1). */
typedef struct dsreg_csv_columns {
  size_t count;
  unsigned char id[DSREG_CSV_MAX_COLUMNS];
} dsreg_csv_columns;

/** Number of columns known.  Thread safe. */
DSREG_EXPORT size_t dsreg_csv_column_count(void);

/** Name of column `id` ("device_name"), NULL past the end.  Static;
 * thread safe. */
DSREG_EXPORT const char *dsreg_csv_column_name(size_t id);

/** One-line description of column `id`: for a column that shows a field,
 * only what the column makes of it (may be ""); the field's key and meaning
 * are in its row, dsreg_csv_column_field().  Static; thread safe. */
DSREG_EXPORT const char *dsreg_csv_column_doc(size_t id);

/** The row of the field table that column `id` shows, or NULL for a
 * column the writer computes (source, join_type, counts...).  Static;
 * thread safe. */
DSREG_EXPORT const dsreg_field_def *dsreg_csv_column_field(size_t id);

/** True when column `id` is in the default set (false past the end).
 * Thread safe. */
DSREG_EXPORT bool dsreg_csv_column_is_default(size_t id);

/** The kind of value column `id` holds, for a typed table (Log
 * Analytics): "int" (a count or number; the cell is digits or empty),
 * "datetime" (ISO 8601 UTC when the field parsed) or "string".  NULL past
 * the end.  Static; thread safe. */
DSREG_EXPORT const char *dsreg_csv_column_type(size_t id);

/** Appends the text of column `id` for one capture as the CSV cell holds
 * it, before quoting and the formula guard (the flat JSON view).  `an`
 * may be NULL.  Returns DSREG_OK, DSREG_EINVAL (NULL `b`, `source` or
 * `cap`, or an unknown `id`) or DSREG_ENOMEM.  Nothing is kept. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_csv_cell_text(dsreg_outbuf *b, size_t id, const char *source,
                           const dsreg_capture *cap, const dsreg_analysis *an);

/** Fills `cols` (the caller's) with the default column set; NULL is a
 * no-op. */
DSREG_EXPORT void dsreg_csv_columns_default(dsreg_csv_columns *cols);

/**
 * Parses a comma-separated list of column names into `cols`.  Returns
 * DSREG_OK, or DSREG_EINVAL with *bad and *bad_len naming the first unknown
 * (or repeated) name; an empty list or more than DSREG_CSV_MAX_COLUMNS
 * names also give DSREG_EINVAL, and so does a NULL argument (then nothing
 * is written).  *bad points into `spec`, which is not kept.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_csv_columns_parse(dsreg_csv_columns *cols, const char *spec,
                        const char **bad, size_t *bad_len);

/** Appends the header row.  Returns DSREG_OK, DSREG_EINVAL or
 * DSREG_ENOMEM. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_csv_header(dsreg_outbuf *b, const dsreg_csv_columns *cols);

/** Appends the row of one capture.  `an` may be NULL.  Returns as
 * dsreg_render_csv_header(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_render_csv_row(
    dsreg_outbuf *b, const dsreg_csv_columns *cols, const char *source,
    const dsreg_capture *cap, const dsreg_analysis *an);

/** Appends the row of a source that could not be read: only `source` and
 * `error` are filled in.  Returns as dsreg_render_csv_header(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_csv_error(dsreg_outbuf *b, const dsreg_csv_columns *cols,
                       const char *source, const char *message);

/** The header row written to `out` like dsreg_write_json(): rendered
 * whole, then written with one fwrite.  Returns DSREG_OK, DSREG_EINVAL,
 * DSREG_ENOMEM (nothing written) or DSREG_EIO (ferror(out); errno as the C
 * library left it).  The caller owns `out`; nothing is kept after the
 * call; safe from several threads on different streams. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_csv_header(FILE *out, const dsreg_csv_columns *cols);
/** The row of one capture written to `out`; as dsreg_write_csv_header(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_write_csv_row(
    FILE *out, const dsreg_csv_columns *cols, const char *source,
    const dsreg_capture *cap, const dsreg_analysis *an);
/** The row of an unreadable source written to `out`; as
 * dsreg_write_csv_header(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_csv_error(FILE *out, const dsreg_csv_columns *cols,
                      const char *source, const char *message);

/** Writes the prefix rule to `cell`: the number of bytes to put before it
 * (0 or 1, the quote) so that a spreadsheet reads it as text.  `cell` is
 * only read (it may be NULL when `len` is 0).  Thread safe. */
DSREG_EXPORT size_t dsreg_csv_guard(const char *cell, size_t len);

#ifdef __cplusplus
}
#endif

#endif
