/*
 * csv_writer.c - the CSV columns and rows (docs/csv.md).
 *
 * Quoting is libcsv's (csv_write: every field quoted, quotes doubled); the
 * separators, CRLF row ends and the formula guard are ours, since libcsv
 * does neither (OWASP "CSV injection": prefix a single quote).
 */
#include "dsreg/csv.h"
#include "dsreg/fields.h"

#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "dsreg/rules.h"
#include "fmt.h"
#include "swar.h"

typedef struct cell_ctx {
  const char *source;
  const dsreg_capture *cap;
  const dsreg_analysis *an;
  char tmp[64];
  dsreg_buf *scratch;
} cell_ctx;

typedef const char *(*cell_fn)(cell_ctx *c);

static const char *val(const dsreg_value *v) { return dsreg_value_text(v); }

static const char *time_of(cell_ctx *c, const dsreg_value *v, int end) {
  if (v->state != DSREG_VALUE_OK)
    return val(v);
  return dsreg_format_time(end ? v->end_ms : v->time_ms, c->tmp, sizeof c->tmp);
}

/* A count in decimal into c->tmp: what "%zu" prints, without the cost of
 * snprintf on every row. */
static const char *decimal(cell_ctx *c, unsigned long long n) {
  char *end = c->tmp + sizeof c->tmp - 1;
  *end = '\0';
  return dsreg_fmt_decimal(end, n);
}

static const char *c_source(cell_ctx *c) { return c->source; }
static const char *c_capture(cell_ctx *c) { return decimal(c, c->cap->index); }
static const char *c_line(cell_ctx *c) { return decimal(c, c->cap->line); }
static const char *c_encoding(cell_ctx *c) {
  return dsreg_encoding_name(c->cap->encoding);
}
static const char *c_join_type(cell_ctx *c) {
  return dsreg_join_type_id(c->an ? c->an->join_type
                                  : dsreg_join_type_of(c->cap));
}
static const char *c_verdict(cell_ctx *c) {
  return dsreg_verdict_id(c->an ? c->an->verdict : DSREG_VERDICT_OK);
}
static const char *c_root_cause(cell_ctx *c) {
  return c->an && c->an->root_cause ? c->an->root_cause : "";
}
static const char *c_wa_tenants(cell_ctx *c) {
  const dsreg_typed *t = &c->cap->typed;
  for (size_t i = 0; i < t->work_account_count; i++) {
    const dsreg_value *v = &t->work_accounts[i].workplace_tenant_name;
    if (!dsreg_value_present(v))
      v = &t->work_accounts[i].workplace_tenant_id;
    if (i)
      dsreg_buf_putc(c->scratch, ';');
    dsreg_buf_puts(c->scratch, val(v));
  }
  dsreg_buf_putc(c->scratch, '\0');
  return c->scratch->oom ? "" : c->scratch->data;
}
static const char *c_reference(cell_ctx *c) {
  if (!c->an || c->an->reference_source == DSREG_TIME_NONE)
    return "";
  return dsreg_format_time(c->an->reference_ms, c->tmp, sizeof c->tmp);
}
static const char *count_of(cell_ctx *c, dsreg_severity s) {
  size_t n = 0;
  for (size_t i = 0; c->an && i < c->an->finding_count; i++)
    n += c->an->findings[i].severity == s;
  return decimal(c, n);
}
static const char *c_errors(cell_ctx *c) {
  return count_of(c, DSREG_SEVERITY_ERROR);
}
static const char *c_warnings(cell_ctx *c) {
  return count_of(c, DSREG_SEVERITY_WARNING);
}
static const char *c_infos(cell_ctx *c) {
  return count_of(c, DSREG_SEVERITY_INFO);
}
static const char *c_findings(cell_ctx *c) {
  for (size_t i = 0; c->an && i < c->an->finding_count; i++) {
    if (i)
      dsreg_buf_putc(c->scratch, ';');
    dsreg_buf_puts(c->scratch, c->an->findings[i].rule);
  }
  dsreg_buf_putc(c->scratch, '\0');
  return c->scratch->oom ? "" : c->scratch->data;
}
static const char *c_error(cell_ctx *c) {
  (void)c;
  return "";
}

/* What a column shows: a typed value as printed, a time of one (ISO 8601),
 * or what a function computes. */
typedef enum cell_kind {
  CELL_TEXT,
  CELL_TIME,
  CELL_TIME_END,
  CELL_FN
} cell_kind;

/* A column that shows a field names its member; the key, type and meaning
 * are the field's row (dsreg_csv_column_field), and `doc` only adds what
 * the column makes of it. */
static const struct column {
  const char *name;
  cell_kind kind;
  size_t offset; /* of the dsreg_value in dsreg_typed, for TEXT and TIME */
  cell_fn fn;    /* for FN */
  int is_default;
  const char *doc;
} COLUMNS[] = {
#define TEXT(name, member, def, doc)                                           \
  { name, CELL_TEXT, offsetof(dsreg_typed, member), NULL, def, doc }
#define TIME(name, member, def, doc)                                           \
  { name, CELL_TIME, offsetof(dsreg_typed, member), NULL, def, doc }
#define TIME_END(name, member, def, doc)                                       \
  { name, CELL_TIME_END, offsetof(dsreg_typed, member), NULL, def, doc }
#define FN(name, fn, def, doc)                                                 \
  { name, CELL_FN, 0, fn, def, doc }
    FN("source", c_source, 1, "file the capture came from, or <stdin>"),
    FN("capture", c_capture, 1, "1-based number of the capture in its source"),
    FN("line", c_line, 0, "line where the capture starts"),
    FN("encoding", c_encoding, 0, "encoding detected (utf-8, utf-16le-bom...)"),
    TEXT("device_name", device_state.device_name, 1, ""),
    FN("join_type", c_join_type, 1,
       "entra-joined, hybrid-joined, drs-joined, domain-joined, "
       "entra-registered, not-joined or unknown"),
    FN("verdict", c_verdict, 1,
       "ok, attention (warnings) or broken (errors), from every finding "
       "after --disable"),
    FN("root_cause", c_root_cause, 1,
       "rule id of the finding the others follow from; empty when the "
       "verdict is ok"),
    TEXT("azure_ad_joined", device_state.azure_ad_joined, 0, "as printed"),
    TEXT("enterprise_joined", device_state.enterprise_joined, 0, ""),
    TEXT("domain_joined", device_state.domain_joined, 0, ""),
    TEXT("domain_name", device_state.domain_name, 1, ""),
    TEXT("tenant_name", tenant_details.tenant_name, 1, ""),
    TEXT("tenant_id", tenant_details.tenant_id, 1, ""),
    TEXT("device_id", device_details.device_id, 1, ""),
    TEXT("thumbprint", device_details.thumbprint, 1, ""),
    TIME("cert_valid_from", device_details.device_certificate_validity, 1,
         "its start, ISO 8601 UTC"),
    TIME_END("cert_valid_to", device_details.device_certificate_validity, 1,
             "its end, ISO 8601 UTC"),
    TEXT("key_provider", device_details.key_provider, 0, ""),
    TEXT("tpm_protected", device_details.tpm_protected, 1, ""),
    TEXT("device_auth_status", device_details.device_auth_status, 1, ""),
    TEXT("mdm_url", tenant_details.mdm_url, 1, "empty: MDM not configured"),
    TEXT("mdm_compliance_url", tenant_details.mdm_compliance_url, 0, ""),
    TEXT("azure_ad_prt", sso_state.azure_ad_prt, 1, ""),
    TIME("prt_update_time", sso_state.azure_ad_prt_update_time, 1,
         "ISO 8601 UTC"),
    TIME("prt_expiry_time", sso_state.azure_ad_prt_expiry_time, 0,
         "ISO 8601 UTC"),
    TEXT("enterprise_prt", sso_state.enterprise_prt, 0, ""),
    TEXT("workplace_joined", user_state.workplace_joined, 1, ""),
    FN("work_account_tenants", c_wa_tenants, 0,
       "tenants of the Work Account sections, joined by ;"),
    TEXT("wam_default_set", user_state.wam_default_set, 0, ""),
    TEXT("executing_account", diagnostic_data.executing_account_name, 0, ""),
    TEXT("user_context", diagnostic_data.user_context, 0,
         "pre-join diagnostics"),
    TIME("client_time", diagnostic_data.client_time, 0, "ISO 8601 UTC"),
    TEXT("error_phase", diagnostic_data.error_phase, 0,
         "of a failed hybrid join"),
    TEXT("client_error_code", diagnostic_data.client_error_code, 0,
         "of a failed hybrid join"),
    FN("reference_time", c_reference, 1,
       "the time dates were judged against, ISO 8601 UTC"),
    FN("errors", c_errors, 1, "number of error findings"),
    FN("warnings", c_warnings, 1, "number of warning findings"),
    FN("infos", c_infos, 0, "number of info findings"),
    FN("findings", c_findings, 1, "rule ids of the findings, joined by ;"),
    FN("error", c_error, 1,
       "why the source could not be read or held no capture; empty on a good "
       "row"),
#undef TEXT
#undef TIME
#undef TIME_END
#undef FN
};

static const char *cell(cell_ctx *c, const struct column *col) {
  const dsreg_value *v =
      (const dsreg_value *)(const void *)((const char *)&c->cap->typed +
                                          col->offset);
  switch (col->kind) {
  case CELL_TEXT:
    return val(v);
  case CELL_TIME:
    return time_of(c, v, 0);
  case CELL_TIME_END:
    return time_of(c, v, 1);
  case CELL_FN:
    break;
  }
  return col->fn(c);
}

#define COLUMN_COUNT (sizeof COLUMNS / sizeof COLUMNS[0])
_Static_assert(COLUMN_COUNT <= DSREG_CSV_MAX_COLUMNS, "too many columns");

size_t dsreg_csv_column_count(void) { return COLUMN_COUNT; }

const char *dsreg_csv_column_name(size_t id) {
  return id < COLUMN_COUNT ? COLUMNS[id].name : NULL;
}

const char *dsreg_csv_column_doc(size_t id) {
  return id < COLUMN_COUNT ? COLUMNS[id].doc : NULL;
}

const dsreg_field_def *dsreg_csv_column_field(size_t id) {
  if (id >= COLUMN_COUNT || COLUMNS[id].kind == CELL_FN)
    return NULL;
  /* Only for documentation and tests: a scan of the table is fine. */
  for (size_t r = 0; r < dsreg_field_def_count(); r++) {
    const dsreg_field_def *d = dsreg_field_def_at(r);
    if (!d->is_alias && d->section != DSREG_SECTION_WORK_ACCOUNT &&
        d->offset == COLUMNS[id].offset)
      return d;
  }
  return NULL;
}

const char *dsreg_csv_column_type(size_t id) {
  if (id >= COLUMN_COUNT)
    return NULL;
  const struct column *col = &COLUMNS[id];
  if (col->kind == CELL_TIME || col->kind == CELL_TIME_END ||
      col->fn == c_reference)
    return "datetime";
  if (col->fn == c_capture || col->fn == c_line || col->fn == c_errors ||
      col->fn == c_warnings || col->fn == c_infos)
    return "int";
  return "string";
}

dsreg_status dsreg_render_csv_cell_text(dsreg_outbuf *b, size_t id,
                                        const char *source,
                                        const dsreg_capture *cap,
                                        const dsreg_analysis *an) {
  if (!b || id >= COLUMN_COUNT || !source || !cap)
    return DSREG_EINVAL;
  dsreg_buf scratch = {0};
  cell_ctx c = {source, cap, an, {0}, &scratch};
  dsreg_buf_puts(b, cell(&c, &COLUMNS[id]));
  b->oom |= scratch.oom;
  dsreg_buf_free(&scratch);
  return dsreg_buf_status(b);
}

bool dsreg_csv_column_is_default(size_t id) {
  return id < COLUMN_COUNT && COLUMNS[id].is_default;
}

void dsreg_csv_columns_default(dsreg_csv_columns *cols) {
  if (!cols)
    return;
  cols->count = 0;
  for (size_t i = 0; i < COLUMN_COUNT; i++)
    if (COLUMNS[i].is_default)
      cols->id[cols->count++] = (unsigned char)i;
}

dsreg_status dsreg_csv_columns_parse(dsreg_csv_columns *cols, const char *spec,
                                     const char **bad, size_t *bad_len) {
  if (!cols || !spec || !bad || !bad_len)
    return DSREG_EINVAL;
  const char *s = spec;
  cols->count = 0;
  *bad = spec;
  *bad_len = 0;
  for (;;) {
    size_t n = strcspn(s, ",");
    size_t id = 0;
    while (id < COLUMN_COUNT && (strlen(COLUMNS[id].name) != n ||
                                 memcmp(COLUMNS[id].name, s, n) != 0))
      id++;
    int repeated = 0;
    for (size_t k = 0; id < COLUMN_COUNT && k < cols->count; k++)
      repeated |= cols->id[k] == id;
    if (id == COLUMN_COUNT || repeated ||
        cols->count == DSREG_CSV_MAX_COLUMNS) {
      *bad = s;
      *bad_len = n;
      return DSREG_EINVAL;
    }
    cols->id[cols->count++] = (unsigned char)id;
    if (!s[n])
      return DSREG_OK;
    s += n + 1;
  }
}

size_t dsreg_csv_guard(const char *cell, size_t len) {
  if (len == 0)
    return 0;
  switch (cell[0]) {
  case '=':
  case '+':
  case '-':
  case '@':
  case '\t':
  case '\r':
    return 1;
  default:
    return 0;
  }
}

/* One quoted field through libcsv, the guard quote inside the quotes. */
static void field(dsreg_buf *b, const char *s, int first) {
  size_t n = strlen(s);
  if (!first)
    dsreg_buf_putc(b, ',');
  /* ASCII is valid UTF-8: most cells need no further check. */
  int valid = dsreg_swar_no_high(s, n) ||
              dsreg_utf8_valid(s, n); /* file names need not be */
  if (!valid || dsreg_csv_guard(s, n)) {
    dsreg_buf scratch = {0};
    if (dsreg_csv_guard(s, n))
      dsreg_buf_putc(&scratch, '\'');
    for (size_t i = 0; i < n;) {
      size_t k = dsreg_utf8_valid_len((const unsigned char *)s + i, n - i);
      if (k) {
        dsreg_buf_put(&scratch, s + i, k);
        i += k;
      } else {
        dsreg_buf_put(&scratch, "\xEF\xBF\xBD", 3);
        i++;
      }
    }
    size_t need = csv_write(NULL, 0, scratch.data, scratch.len);
    char *dst = scratch.oom ? NULL : dsreg_buf_append(b, need);
    if (dst)
      csv_write(dst, need, scratch.data, scratch.len);
    b->oom |= scratch.oom;
    dsreg_buf_free(&scratch);
    return;
  }
  if (!memchr(s, '"', n)) {
    /* Without a quote inside, libcsv's quoting is the bytes between two
     * quotes: skip its two byte-by-byte passes. */
    dsreg_buf_putc(b, '"');
    dsreg_buf_put(b, s, n);
    dsreg_buf_putc(b, '"');
    return;
  }
  size_t need = csv_write(NULL, 0, s, n);
  char *dst = dsreg_buf_append(b, need);
  if (dst)
    csv_write(dst, need, s, n);
}

/* A column list not made by dsreg_csv_columns_default() or _parse(). */
static bool bad_columns(const dsreg_csv_columns *cols) {
  if (!cols || cols->count > DSREG_CSV_MAX_COLUMNS)
    return true;
  for (size_t i = 0; i < cols->count; i++)
    if (cols->id[i] >= COLUMN_COUNT)
      return true;
  return false;
}

dsreg_status dsreg_render_csv_header(dsreg_outbuf *b,
                                     const dsreg_csv_columns *cols) {
  if (!b || bad_columns(cols))
    return DSREG_EINVAL;
  for (size_t i = 0; i < cols->count; i++)
    field(b, COLUMNS[cols->id[i]].name, i == 0);
  dsreg_buf_put(b, "\r\n", 2);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_render_csv_row(dsreg_outbuf *b,
                                  const dsreg_csv_columns *cols,
                                  const char *source, const dsreg_capture *cap,
                                  const dsreg_analysis *an) {
  if (!b || bad_columns(cols) || !source || !cap)
    return DSREG_EINVAL;
  dsreg_buf scratch = {0};
  cell_ctx c = {source, cap, an, {0}, &scratch};
  for (size_t i = 0; i < cols->count; i++) {
    scratch.len = 0;
    const char *s = cell(&c, &COLUMNS[cols->id[i]]);
    /* Values are UTF-8 from the decoder; control characters stay, quoted. */
    field(b, s, i == 0);
  }
  dsreg_buf_put(b, "\r\n", 2);
  b->oom |= scratch.oom;
  dsreg_buf_free(&scratch);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_render_csv_error(dsreg_outbuf *b,
                                    const dsreg_csv_columns *cols,
                                    const char *source, const char *message) {
  if (!b || bad_columns(cols) || !source || !message)
    return DSREG_EINVAL;
  for (size_t i = 0; i < cols->count; i++) {
    const char *name = COLUMNS[cols->id[i]].name;
    const char *s = "";
    if (strcmp(name, "source") == 0)
      s = source;
    else if (strcmp(name, "error") == 0)
      s = message;
    field(b, s, i == 0);
  }
  dsreg_buf_put(b, "\r\n", 2);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_write_csv_header(FILE *out, const dsreg_csv_columns *cols) {
  dsreg_buf b = {0};
  if (!out)
    return DSREG_EINVAL;
  return dsreg_buf_write_out(&b, dsreg_render_csv_header(&b, cols), out);
}

dsreg_status dsreg_write_csv_row(FILE *out, const dsreg_csv_columns *cols,
                                 const char *source, const dsreg_capture *cap,
                                 const dsreg_analysis *an) {
  dsreg_buf b = {0};
  if (!out)
    return DSREG_EINVAL;
  return dsreg_buf_write_out(
      &b, dsreg_render_csv_row(&b, cols, source, cap, an), out);
}

dsreg_status dsreg_write_csv_error(FILE *out, const dsreg_csv_columns *cols,
                                   const char *source, const char *message) {
  dsreg_buf b = {0};
  if (!out)
    return DSREG_EINVAL;
  return dsreg_buf_write_out(
      &b, dsreg_render_csv_error(&b, cols, source, message), out);
}
