/*
 * fuzz_parser.c - the push parser on any bytes, fed in any chunks.
 *
 * Every capture handed over is checked against what capture.h promises
 * (strings, indexes, line order, typed values), and a digest of it is kept.
 * The same bytes are then parsed again, once with a callback that asks to
 * stop, once in one piece: parser.h promises that the cut points do not
 * matter, so the digests must match capture by capture.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/capture.h"
#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "fuzz_util.h"

/* dsreg_typed and dsreg_work_account are runs of dsreg_value (plus a
 * header or a trailer), which lets every slot be checked, including the
 * Enterprise PRT diagnostics that no row of the field table names. */
#define TYPED_SLOTS (offsetof(dsreg_typed, work_accounts) / sizeof(dsreg_value))
#define ACCOUNT_FIRST offsetof(dsreg_work_account, workplace_device_id)
#define ACCOUNT_SLOTS                                                          \
  ((sizeof(dsreg_work_account) - ACCOUNT_FIRST) / sizeof(dsreg_value))
_Static_assert(offsetof(dsreg_typed, work_accounts) % sizeof(dsreg_value) == 0,
               "dsreg_typed is no longer a run of values");
_Static_assert((sizeof(dsreg_work_account) - ACCOUNT_FIRST) %
                       sizeof(dsreg_value) ==
                   0,
               "dsreg_work_account is no longer a run of values");

typedef struct run {
  unsigned long captures;
  unsigned long last_end_line;
  unsigned long stop_at; /* the callback asks to stop at this capture */
  uint64_t *digests;     /* one per capture */
  size_t cap;
} run;

/* ---- digest ------------------------------------------------------------ */

static void mix(uint64_t *h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    *h = (*h ^ s[i]) * 1099511628211u;
}

static void mix_u(uint64_t *h, uint64_t v) { mix(h, &v, sizeof v); }

static void mix_s(uint64_t *h, const char *s, size_t n) {
  mix_u(h, n);
  mix(h, s, n);
}

static void mix_value(uint64_t *h, const dsreg_capture *cap,
                      const dsreg_value *v) {
  mix_u(h, v->field ? (uint64_t)(v->field - cap->fields) : UINT64_MAX);
  mix_u(h, (uint64_t)v->state);
  mix_u(h, (uint64_t)v->flag);
  mix_u(h, (uint64_t)v->test);
  mix_u(h, (uint64_t)v->has_code << 1 | (uint64_t)v->has_sub_code);
  mix_u(h, v->code);
  mix_u(h, v->sub_code);
  mix_u(h, (uint64_t)v->number);
  mix_u(h, (uint64_t)v->time_ms);
  mix_u(h, (uint64_t)v->end_ms);
}

static const dsreg_value *slot(const void *base, size_t off, size_t i) {
  return (const dsreg_value *)(const void *)((const char *)base + off +
                                             i * sizeof(dsreg_value));
}

/* Everything the capture says; pointers only as indexes. */
static uint64_t digest(const dsreg_capture *cap) {
  uint64_t h = 1469598103934665603u;
  mix_u(&h, cap->index);
  mix_u(&h, cap->line);
  mix_u(&h, cap->end_line);
  mix_u(&h, (uint64_t)cap->encoding);
  mix_u(&h, cap->has_footer);
  mix_u(&h, cap->replacements);
  mix_u(&h, cap->dropped_lines);
  for (size_t i = 0; i < cap->section_count; i++) {
    const dsreg_section *s = &cap->sections[i];
    mix_s(&h, s->title, s->title_len);
    mix_u(&h, (uint64_t)s->kind);
    mix_u(&h, s->ordinal);
    mix_u(&h, s->occurrence);
    mix_u(&h, s->line);
    mix_u(&h, s->first_field);
    mix_u(&h, s->field_count);
  }
  for (size_t i = 0; i < cap->field_count; i++) {
    const dsreg_field *f = &cap->fields[i];
    mix_s(&h, f->key, f->key_len);
    mix_s(&h, f->value, f->value_len);
    mix_u(&h, f->line);
    mix_u(&h, f->section);
    mix_u(&h, (uint64_t)f->known);
    mix_u(&h, (uint64_t)f->prt);
    mix_u(&h, f->flags);
    mix_u(&h, f->occurrence);
  }
  for (size_t i = 0; i < cap->unparsed_count; i++) {
    const dsreg_line *l = &cap->unparsed[i];
    mix_s(&h, l->text, l->len);
    mix_u(&h, l->line);
    mix_u(&h, l->section);
  }
  for (size_t i = 0; i < cap->note_count; i++) {
    mix_u(&h, cap->notes[i].line);
    mix_s(&h, cap->notes[i].message, strlen(cap->notes[i].message));
  }
  for (size_t i = 0; i < TYPED_SLOTS; i++)
    mix_value(&h, cap, slot(&cap->typed, 0, i));
  for (size_t a = 0; a < cap->typed.work_account_count; a++) {
    const dsreg_work_account *wa = &cap->typed.work_accounts[a];
    mix_u(&h, wa->section);
    for (size_t i = 0; i < ACCOUNT_SLOTS; i++)
      mix_value(&h, cap, slot(wa, ACCOUNT_FIRST, i));
  }
  return h;
}

/* ---- invariants -------------------------------------------------------- */

/* A string of the capture: NUL at its length, none before, UTF-8. */
static void check_str(const char *what, size_t i, const char *s, size_t n) {
  FUZZ_CHECK(s != NULL, "%s %zu: NULL", what, i);
  FUZZ_CHECK(s[n] == '\0', "%s %zu: no NUL at length %zu", what, i, n);
  FUZZ_CHECK(memchr(s, '\0', n) == NULL, "%s %zu: NUL inside", what, i);
  FUZZ_CHECK(fuzz_utf8_ok(s, n), "%s %zu: invalid UTF-8", what, i);
}

/* Index of the field `f` points at, checking that it is one of `cap`. */
static size_t field_index(const dsreg_capture *cap, const dsreg_field *f,
                          const char *what, size_t i) {
  uintptr_t lo = (uintptr_t)cap->fields, p = (uintptr_t)f;
  FUZZ_CHECK(cap->field_count > 0 && p >= lo &&
                 p < lo + cap->field_count * sizeof *f &&
                 (p - lo) % sizeof *f == 0,
             "%s slot %zu: field pointer outside this capture", what, i);
  return (size_t)(f - cap->fields);
}

static void check_value(const dsreg_capture *cap, const dsreg_value *v,
                        const char *what, size_t i) {
  FUZZ_CHECK(v->state <= DSREG_VALUE_INVALID, "%s slot %zu: state %d", what, i,
             (int)v->state);
  if (v->state == DSREG_VALUE_ABSENT) {
    FUZZ_CHECK(v->field == NULL, "%s slot %zu: absent with a field", what, i);
    return;
  }
  FUZZ_CHECK(v->field != NULL, "%s slot %zu: present without field", what, i);
  size_t fi = field_index(cap, v->field, what, i);
  FUZZ_CHECK(cap->fields[fi].known >= 0, "%s slot %zu: field %zu is unknown",
             what, i, fi);
  FUZZ_CHECK((v->state == DSREG_VALUE_EMPTY) == (v->field->value_len == 0),
             "%s slot %zu: EMPTY disagrees with the value length", what, i);
  const char *text = dsreg_value_text(v);
  FUZZ_CHECK(text == v->field->value, "%s slot %zu: text is not the value",
             what, i);
}

static void check_typed(const dsreg_capture *cap) {
  const dsreg_typed *t = &cap->typed;
  for (size_t i = 0; i < TYPED_SLOTS; i++) {
    const dsreg_value *v = slot(t, 0, i);
    check_value(cap, v, "typed", i);
    if (!v->field)
      continue;
    /* The slot must be the one the field's row names, and a PRT
     * diagnostics field's row that of the block of the PRT it follows. */
    const dsreg_field_def *def = dsreg_field_def_at((size_t)v->field->known);
    FUZZ_CHECK(def != NULL && def->section != DSREG_SECTION_WORK_ACCOUNT,
               "typed slot %zu: row %d is no typed row", i, v->field->known);
    FUZZ_CHECK(def->prt == v->field->prt,
               "typed slot %zu: row of PRT %d for a field of PRT %d", i,
               (int)def->prt, (int)v->field->prt);
    size_t want = def->offset;
    FUZZ_CHECK(want == i * sizeof(dsreg_value),
               "typed slot %zu holds '%s', whose slot is at offset %zu", i,
               def->key, want);
  }
  FUZZ_CHECK(t->work_account_count == 0 || t->work_accounts != NULL,
             "work accounts: NULL array");
  for (size_t a = 0; a < t->work_account_count; a++) {
    const dsreg_work_account *wa = &t->work_accounts[a];
    FUZZ_CHECK(wa->section < cap->section_count,
               "work account %zu: section %zu of %zu", a, wa->section,
               cap->section_count);
    FUZZ_CHECK(a == 0 || wa->section > t->work_accounts[a - 1].section,
               "work account %zu: sections out of order", a);
    for (size_t i = 0; i < ACCOUNT_SLOTS; i++) {
      const dsreg_value *v = slot(wa, ACCOUNT_FIRST, i);
      check_value(cap, v, "work account", i);
      if (!v->field)
        continue;
      const dsreg_field_def *def = dsreg_field_def_at((size_t)v->field->known);
      FUZZ_CHECK(def != NULL && def->section == DSREG_SECTION_WORK_ACCOUNT &&
                     def->offset == ACCOUNT_FIRST + i * sizeof(dsreg_value),
                 "work account %zu slot %zu: wrong row %d", a, i,
                 v->field->known);
      FUZZ_CHECK(v->field->section == wa->section,
                 "work account %zu slot %zu: field of section %zu", a, i,
                 v->field->section);
    }
  }
  /* Each row's slot holds the row's last field: the later value wins. */
  for (size_t i = 0; i < cap->field_count; i++) {
    const dsreg_field *f = &cap->fields[i];
    if (f->known < 0)
      continue;
    const dsreg_field_def *def = dsreg_field_def_at((size_t)f->known);
    const dsreg_value *v = NULL;
    if (def->section == DSREG_SECTION_WORK_ACCOUNT) {
      /* Sorted by section (checked above): a hostile capture has
       * thousands of accounts. */
      size_t lo = 0, hi = t->work_account_count;
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->work_accounts[mid].section < f->section)
          lo = mid + 1;
        else
          hi = mid;
      }
      if (lo < t->work_account_count &&
          t->work_accounts[lo].section == f->section)
        v = dsreg_field_def_value(def, t, &t->work_accounts[lo]);
      FUZZ_CHECK(v != NULL, "field %zu: no work account for section %zu", i,
                 f->section);
    } else {
      v = slot(t, def->offset, 0);
    }
    FUZZ_CHECK(v->field != NULL && v->field >= f,
               "field %zu ('%s', line %lu) is not in its typed slot", i, f->key,
               f->line);
  }
}

/* ---- open library bugs -------------------------------------------------
 * A bug found here that cannot be fixed at once may be tolerated in this
 * place, as narrowly as it shows and under #ifndef FUZZ_STRICT, so that
 * fuzzing goes on past it; its input is saved under
 * tests/fuzz-crashes/parser/.  None is open now. */

static void check_capture(const dsreg_capture *cap, run *r) {
  unsigned long end = cap->end_line;
  FUZZ_CHECK(cap->index == r->captures + 1, "capture index %lu after %lu",
             cap->index, r->captures);
  FUZZ_CHECK(cap->line >= 1 && cap->line <= end, "capture %lu: lines %lu-%lu",
             cap->index, cap->line, end);
  /* Lines split from one physical line (<br>) may put the end of one
   * capture and the start of the next on the same line; never earlier. */
  FUZZ_CHECK(cap->index == 1 || cap->line >= r->last_end_line,
             "capture %lu starts on line %lu, inside the one before (to %lu)",
             cap->index, cap->line, r->last_end_line);
  FUZZ_CHECK(cap->encoding > DSREG_ENCODING_UNKNOWN &&
                 cap->encoding <= DSREG_ENCODING_CP1252,
             "capture %lu: encoding %d", cap->index, (int)cap->encoding);
  FUZZ_CHECK(cap->section_count >= 1, "capture %lu: no section", cap->index);
  FUZZ_CHECK(cap->section_count <= DSREG_MAX_ITEMS &&
                 cap->field_count <= DSREG_MAX_ITEMS &&
                 cap->unparsed_count <= DSREG_MAX_ITEMS &&
                 cap->note_count <= DSREG_MAX_ITEMS,
             "capture %lu: more items than DSREG_MAX_ITEMS", cap->index);

  size_t next_field = 0;
  unsigned long prev = cap->line;
  for (size_t i = 0; i < cap->section_count; i++) {
    const dsreg_section *s = &cap->sections[i];
    check_str("section title", i, s->title, s->title_len);
    FUZZ_CHECK(s->kind < DSREG_SECTION_KIND_COUNT, "section %zu: kind %d", i,
               (int)s->kind);
    FUZZ_CHECK(s->occurrence >= 1, "section %zu: occurrence 0", i);
    FUZZ_CHECK(s->line >= prev && s->line <= end,
               "section %zu: line %lu after %lu (capture to %lu)", i, s->line,
               prev, end);
    prev = s->line;
    /* Every field belongs to the section above it: the ranges tile. */
    FUZZ_CHECK(s->first_field == next_field &&
                   s->field_count <= cap->field_count - s->first_field,
               "section %zu: fields %zu+%zu, expected from %zu of %zu", i,
               s->first_field, s->field_count, next_field, cap->field_count);
    next_field += s->field_count;
  }
  FUZZ_CHECK(next_field == cap->field_count, "sections hold %zu fields of %zu",
             next_field, cap->field_count);

  prev = cap->line;
  for (size_t i = 0; i < cap->field_count; i++) {
    const dsreg_field *f = &cap->fields[i];
    check_str("field key", i, f->key, f->key_len);
    check_str("field value", i, f->value, f->value_len);
    FUZZ_CHECK(f->section < cap->section_count, "field %zu: section %zu of %zu",
               i, f->section, cap->section_count);
    const dsreg_section *s = &cap->sections[f->section];
    FUZZ_CHECK(i >= s->first_field && i - s->first_field < s->field_count,
               "field %zu: not in the range of its section %zu", i, f->section);
    FUZZ_CHECK(f->line >= prev && f->line >= s->line && f->line <= end,
               "field %zu: line %lu after %lu (section line %lu, end %lu)", i,
               f->line, prev, s->line, end);
    prev = f->line;
    FUZZ_CHECK(f->known == -1 || (f->known >= 0 &&
                                  (size_t)f->known < dsreg_field_def_count()),
               "field %zu: known %d", i, f->known);
    FUZZ_CHECK(f->prt <= DSREG_PRT_ENTERPRISE, "field %zu: prt %d", i,
               (int)f->prt);
    FUZZ_CHECK(f->occurrence >= 1, "field %zu: occurrence 0", i);
  }

  prev = cap->line;
  for (size_t i = 0; i < cap->unparsed_count; i++) {
    const dsreg_line *l = &cap->unparsed[i];
    check_str("unparsed line", i, l->text, l->len);
    FUZZ_CHECK(l->section < cap->section_count,
               "unparsed %zu: section %zu of %zu", i, l->section,
               cap->section_count);
    FUZZ_CHECK(l->line >= prev && l->line >= cap->sections[l->section].line &&
                   l->line <= end,
               "unparsed %zu: line %lu after %lu (end %lu)", i, l->line, prev,
               end);
    prev = l->line;
  }

  for (size_t i = 0; i < cap->note_count; i++) {
    const dsreg_note *n = &cap->notes[i];
    FUZZ_CHECK(n->message != NULL, "note %zu: NULL", i);
    check_str("note", i, n->message, strlen(n->message));
    FUZZ_CHECK(n->line == 0 || (n->line >= cap->line && n->line <= end),
               "note %zu: line %lu outside %lu-%lu", i, n->line, cap->line,
               end);
  }

  check_typed(cap);
  FUZZ_CHECK(dsreg_capture_section(cap, cap->sections[0].kind) != NULL,
             "dsreg_capture_section misses the first section");
}

static int on_capture(const dsreg_capture *cap, void *user) {
  run *r = *(run **)user;
  FUZZ_CHECK(r->stop_at == 0 || r->captures < r->stop_at,
             "capture %lu handed over after the callback said stop at %lu",
             cap->index, r->stop_at);
  check_capture(cap, r);
  if (r->captures == r->cap) {
    size_t n = r->cap ? r->cap * 2 : 16;
    uint64_t *d = realloc(r->digests, n * sizeof *d);
    if (!d)
      abort(); /* the harness's own memory; libFuzzer reports it */
    r->digests = d;
    r->cap = n;
  }
  r->digests[r->captures++] = digest(cap);
  r->last_end_line = cap->end_line;
  return r->captures == r->stop_at;
}

/* A callback that says stop: the call that handed over that capture
 * returns ESTOPPED, and so does every call after it, with no capture. */
static void stop_run(dsreg_parser *p, const uint8_t *data, size_t size,
                     size_t chunk, const run *ref, run *r) {
  dsreg_status st = DSREG_OK;
  size_t step = chunk ? chunk : size;
  for (size_t off = 0; off < size; off += step) {
    size_t n = size - off < step ? size - off : step;
    dsreg_status s = dsreg_parser_feed(p, data + off, n);
    FUZZ_CHECK(s == DSREG_OK || s == DSREG_ESTOPPED,
               "feed in a stopping run: %s", dsreg_strerror(s));
    FUZZ_CHECK(st != DSREG_ESTOPPED || s == DSREG_ESTOPPED,
               "feed after a stop: %s", dsreg_strerror(s));
    st = s;
  }
  dsreg_status fin = dsreg_parser_finish(p);
  FUZZ_CHECK(fin == DSREG_ESTOPPED, "finish after a stop at capture %lu: %s",
             r->stop_at, dsreg_strerror(fin));
  FUZZ_CHECK(r->captures == r->stop_at, "stopped at %lu, wanted %lu",
             r->captures, r->stop_at);
  for (unsigned long i = 0; i < r->captures; i++)
    FUZZ_CHECK(r->digests[i] == ref->digests[i],
               "capture %lu differs in a run that stops later", i + 1);
}

/* The encoding mode (docs/format.md §1): detection most of the time, else
 * one of the encodings --encoding names.  Taken from the last byte and the
 * length, as the chunk size is from the first, so that a seed stays a
 * capture as printed; the reset below keeps the choice. */
static dsreg_encoding fuzz_encoding(const uint8_t *data, size_t size) {
  static const dsreg_encoding modes[8] = {
      DSREG_ENCODING_UNKNOWN, DSREG_ENCODING_UNKNOWN, DSREG_ENCODING_UNKNOWN,
      DSREG_ENCODING_UTF8,    DSREG_ENCODING_UTF16LE, DSREG_ENCODING_CP437,
      DSREG_ENCODING_CP850,   DSREG_ENCODING_CP1252};
  unsigned sel = (unsigned)(size >> 3);
  if (size)
    sel ^= data[size - 1];
  return modes[(sel ^ (sel >> 3)) & 7u];
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t input_size) {
  run chunked = {0}, stopped = {0}, whole = {0};
  run *cur = &chunked;
  size_t chunk = fuzz_chunk_size(input, input_size), size;
  uint8_t *owned;
  const uint8_t *data = fuzz_stream(input, input_size, &size, &owned);
  data = fuzz_paste(data, size, &size, &owned);

  dsreg_parser *p = dsreg_parser_new(on_capture, &cur);
  if (!p) {
    free(owned);
    return 0;
  }
  FUZZ_CHECK(dsreg_parser_set_encoding(p, fuzz_encoding(input, input_size)) ==
                 DSREG_OK,
             "set_encoding refused before the first byte");
  dsreg_status st1 = fuzz_feed(p, data, size, chunk);
  unsigned long lines1 = dsreg_parser_lines(p);
  dsreg_encoding enc1 = dsreg_parser_encoding(p);
  FUZZ_CHECK(dsreg_parser_captures(p) == chunked.captures,
             "dsreg_parser_captures %lu, callbacks %lu",
             dsreg_parser_captures(p), chunked.captures);
  FUZZ_CHECK((st1 == DSREG_ENOCAPTURE) == (chunked.captures == 0),
             "finish said %s after %lu captures", dsreg_strerror(st1),
             chunked.captures);

  if (chunked.captures > 0) {
    cur = &stopped;
    stopped.stop_at = 1 + (unsigned long)(input_size % chunked.captures);
    dsreg_parser_reset(p);
    stop_run(p, data, size, chunk, &chunked, &stopped);
  }

  /* Again in one piece on the same parser: a reset must forget the stream
   * before, stopped or not, and the cut points must not matter. */
  cur = &whole;
  dsreg_parser_reset(p);
  dsreg_status st2 = fuzz_feed(p, data, size, 0);
  FUZZ_CHECK(whole.captures == chunked.captures,
             "%lu captures in chunks of %zu, %lu whole after reset",
             chunked.captures, chunk, whole.captures);
  FUZZ_CHECK(st1 == st2, "finish: %s in chunks of %zu, %s whole",
             dsreg_strerror(st1), chunk, dsreg_strerror(st2));
  FUZZ_CHECK(dsreg_parser_lines(p) == lines1,
             "%lu lines in chunks of %zu, %lu whole", lines1, chunk,
             dsreg_parser_lines(p));
  FUZZ_CHECK(dsreg_parser_encoding(p) == enc1,
             "encoding differs between chunks of %zu and whole", chunk);
  for (unsigned long i = 0; i < whole.captures; i++)
    FUZZ_CHECK(whole.digests[i] == chunked.digests[i],
               "capture %lu differs between chunks of %zu and whole", i + 1,
               chunk);
  dsreg_parser_free(p);
  free(chunked.digests);
  free(stopped.digests);
  free(whole.digests);
  free(owned);
  return 0;
}
