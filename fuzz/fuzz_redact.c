/*
 * fuzz_redact.c - --redact and --format capture on any bytes.
 *
 * For each capture the parser hands over: dsreg_redact_capture() must give
 * a capture of the same shape (the same keys, lines, sections and counts),
 * every string well-formed UTF-8 and NUL-terminated at its length, typed
 * values of the same state pointing at the same field of the copy, and no
 * GUID or thumbprint of a declared id left as it was; redacting the same
 * capture again must give the same pseudonyms to its ids and names (one
 * value, one pseudonym); and the capture writer must give UTF-8 with no
 * control byte but newline and tab.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/capture_writer.h"
#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "dsreg/redact.h"
#include "fuzz_util.h"

typedef struct state {
  dsreg_redactor *r;
} state;

static void check_string(const char *what, const char *s, size_t n) {
  FUZZ_CHECK(s != NULL, "%s is NULL", what);
  FUZZ_CHECK(s[n] == '\0', "%s is not NUL-terminated at its length", what);
  FUZZ_CHECK(memchr(s, '\0', n) == NULL, "%s holds a NUL", what);
  FUZZ_CHECK(fuzz_utf8_ok(s, n), "%s is not UTF-8", what);
}

static const dsreg_value *value_at(const dsreg_capture *c, size_t row,
                                   size_t account) {
  const dsreg_field_def *def = dsreg_field_def_at(row);
  const dsreg_work_account *a = NULL;
  if (def->section == DSREG_SECTION_WORK_ACCOUNT)
    a = &c->typed.work_accounts[account];
  return dsreg_field_def_value(def, &c->typed, a);
}

static void check_value(const dsreg_capture *in, const dsreg_capture *out,
                        size_t row, size_t account) {
  const dsreg_value *a = value_at(in, row, account);
  const dsreg_value *b = value_at(out, row, account);
  const dsreg_field_def *def = dsreg_field_def_at(row);
  FUZZ_CHECK(a->state == b->state, "%s: state changed", def->member);
  FUZZ_CHECK((a->field == NULL) == (b->field == NULL), "%s: field lost",
             def->member);
  if (!a->field)
    return;
  FUZZ_CHECK(b->field >= out->fields &&
                 b->field < out->fields + out->field_count &&
                 b->field - out->fields == a->field - in->fields,
             "%s: not the same field of the copy", def->member);
  /* A declared GUID or thumbprint never stays as it was, unless all
   * zeros (which names nothing) or already of a pseudonym's shape (zeros,
   * then a counter of at most 12 digits: the input may hold the very
   * pseudonym it is given). */
  if (def->ident == DSREG_IDENT_ID && a->state == DSREG_VALUE_OK &&
      (def->type == DSREG_TYPE_GUID || def->type == DSREG_TYPE_THUMBPRINT)) {
    const char *s = a->field->value;
    size_t zeros = strspn(s, "0-{");
    FUZZ_CHECK(zeros + 13 >= a->field->value_len ||
                   strcmp(s, b->field->value) != 0,
               "%s: the id survived: %s", def->member, s);
  }
}

static void check_copy(const dsreg_capture *in, const dsreg_capture *out) {
  FUZZ_CHECK(out->field_count == in->field_count &&
                 out->section_count == in->section_count &&
                 out->unparsed_count == in->unparsed_count &&
                 out->note_count == in->note_count &&
                 out->typed.work_account_count == in->typed.work_account_count,
             "the copy has another shape");
  for (size_t i = 0; i < out->field_count; i++) {
    const dsreg_field *a = &in->fields[i], *b = &out->fields[i];
    FUZZ_CHECK(a->key_len == b->key_len &&
                   memcmp(a->key, b->key, a->key_len) == 0,
               "field %zu: key changed", i);
    FUZZ_CHECK(a->line == b->line && a->section == b->section &&
                   a->known == b->known && a->flags == b->flags,
               "field %zu: place changed", i);
    check_string("a value", b->value, b->value_len);
  }
  for (size_t i = 0; i < out->section_count; i++) {
    FUZZ_CHECK(out->sections[i].kind == in->sections[i].kind &&
                   out->sections[i].first_field ==
                       in->sections[i].first_field &&
                   out->sections[i].field_count == in->sections[i].field_count,
               "section %zu changed", i);
    check_string("a title", out->sections[i].title, out->sections[i].title_len);
  }
  for (size_t i = 0; i < out->unparsed_count; i++)
    check_string("a line", out->unparsed[i].text, out->unparsed[i].len);
  for (size_t i = 0; i < out->note_count; i++)
    check_string("a note", out->notes[i].message,
                 strlen(out->notes[i].message));
  for (size_t row = 0; row < dsreg_field_def_count(); row++) {
    if (dsreg_field_def_at(row)->section != DSREG_SECTION_WORK_ACCOUNT)
      check_value(in, out, row, 0);
    else
      for (size_t a = 0; a < in->typed.work_account_count; a++)
        check_value(in, out, row, a);
  }
}

/* The ident of field f, NONE for a field not in the table. */
static dsreg_ident ident_of(const dsreg_field *f) {
  return f->known >= 0 ? dsreg_field_def_at((size_t)f->known)->ident
                       : DSREG_IDENT_NONE;
}

/* Values whose pseudonym depends on the value alone (a whole id, device,
 * domain or tenant name): the same whenever the capture is redacted. */
static bool whole_value(dsreg_ident id) {
  return id == DSREG_IDENT_ID || id == DSREG_IDENT_DEVICE ||
         id == DSREG_IDENT_DOMAIN || id == DSREG_IDENT_TENANT;
}

static int on_capture(const dsreg_capture *cap, void *user) {
  state *st = user;
  const dsreg_capture *out;
  dsreg_status s = dsreg_redact_capture(st->r, cap, &out);
  if (s == DSREG_ENOMEM)
    return 0;
  FUZZ_CHECK(s == DSREG_OK, "dsreg_redact_capture: %d", (int)s);
  check_copy(cap, out);

  dsreg_outbuf text = {0}, kept = {0};
  if (dsreg_render_capture(&text, out) == 0) {
    for (size_t i = 0; i < text.len; i++) {
      unsigned char c = (unsigned char)text.data[i];
      FUZZ_CHECK(c >= 0x20 ? c != 0x7f : c == '\n' || c == '\t',
                 "the capture writer wrote control byte 0x%02x", c);
    }
    FUZZ_CHECK(fuzz_utf8_ok(text.data, text.len),
               "the capture writer wrote bad UTF-8");
  }
  /* Redacted again, the whole-value identifiers read the same. */
  for (size_t i = 0; i < out->field_count; i++)
    if (whole_value(ident_of(&out->fields[i])))
      if (dsreg_outbuf_put(&kept, out->fields[i].value,
                           out->fields[i].value_len + 1) != DSREG_OK)
        break; /* kept.oom is set: the comparison below is skipped */
  if (!kept.oom && dsreg_redact_capture(st->r, cap, &out) == DSREG_OK) {
    size_t at = 0;
    for (size_t i = 0; i < out->field_count; i++) {
      if (!whole_value(ident_of(&out->fields[i])))
        continue;
      size_t n = out->fields[i].value_len + 1;
      FUZZ_CHECK(at + n <= kept.len &&
                     memcmp(kept.data + at, out->fields[i].value, n) == 0,
                 "%s: another pseudonym the second time", out->fields[i].key);
      at += n;
    }
  }
  dsreg_outbuf_free(&text);
  dsreg_outbuf_free(&kept);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  state st;
  st.r = dsreg_redactor_new();
  if (!st.r)
    return 0;
  size_t len;
  uint8_t *owned;
  const uint8_t *stream = fuzz_stream(data, size, &len, &owned);
  stream = fuzz_paste(stream, len, &len, &owned);
  dsreg_parser *p = dsreg_parser_new(on_capture, &st);
  if (p)
    (void)fuzz_feed(p, stream, len, fuzz_chunk_size(data, size));
  dsreg_parser_free(p);
  /* The free-text scan alone, on the raw bytes as one text. */
  dsreg_outbuf b = {0};
  if (dsreg_redact_text(st.r, (const char *)data, size, &b) == 0 &&
      fuzz_utf8_ok((const char *)data, size))
    FUZZ_CHECK(fuzz_utf8_ok(b.data ? b.data : "", b.len),
               "redacted text is not UTF-8");
  dsreg_outbuf_free(&b);
  dsreg_redactor_free(st.r);
  free(owned);
  return 0;
}
