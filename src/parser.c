/*
 * parser.c - lines to captures.
 *
 * Bytes go through the decoder (decode.c) into the line splitter (lines.c),
 * each line through the tokenizer (tokenize.c), and the tokens build the
 * capture: sections, fields, unparsed lines, notes.  When a capture ends it
 * is typed (typing.c) and handed to the callback, then its memory is reused
 * for the next one.
 *
 * Where captures begin and end (docs/format.md §4, Captures and sections): a
 * capture begins at the first section box seen outside one, and also at
 * every Device State box once a capture has sections, since dsregcmd prints
 * Device State first; it ends at the footer line, at that next Device State
 * box, or at the end of the input.  Lines outside captures (banners, prompts,
 * log stamps) are skipped; lines inside one are never dropped silently.
 * Runs of field lines with no box are fragment.c's, the notes a capture
 * gets when it ends capture_notes.c's; parser_state.h is what they share.
 */
#include "dsreg/parser.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "decode.h"
#include "internal.h"
#include "lines.h"
#include "parser_state.h"
#include "repair.h"
#include "tokenize.h"
#include "typing.h"

/* The line loop: the clean path wants it in one function. */
#if defined(__GNUC__) || defined(__clang__)
#define DSREG_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define DSREG_ALWAYS_INLINE inline
#endif

/* Arrays that grew past this many items for an odd capture are given back
 * when it ends, so that one hostile capture does not pin their memory. */
#define KEEP_ITEMS 4096
/* A console window wraps long values; a field line at least this long
 * followed by an unindented line that is nothing else was wrapped. */
#define WRAP_MIN_COLUMNS 80
/* ---- growable arrays -------------------------------------------------- */

static int grow(void **arr, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return 0;
  size_t n = *cap ? *cap * 2 : 64;
  while (n < need)
    n *= 2;
  void *p = realloc(*arr, n * size);
  if (!p)
    return -1;
  *arr = p;
  *cap = n;
  return 0;
}

#define GROW(p, arr, n, cap)                                                   \
  grow((void **)&(p)->arr, &(p)->cap, (p)->n + 1, sizeof *(p)->arr)

int dsreg_build_fail(dsreg_parser *p, dsreg_status st) {
  if (p->status == DSREG_OK)
    p->status = st;
  return (int)st;
}

/* ---- repeated keys and titles ----------------------------------------- */

static size_t seen_hash(const char *k, size_t n, size_t section) {
  size_t h = 1469598103934665603u ^ section;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)k[i]) * 1099511628211u;
  return h;
}

/* How many times (key, section) has now been seen, this one included; 0
 * when out of memory (the parser's status is then DSREG_ENOMEM). */
static unsigned seen_count(dsreg_parser *p, const char *k, size_t n,
                           size_t section) {
  if ((p->nseen + 1) * 2 > p->capseen) {
    size_t cap = p->capseen ? p->capseen * 2 : 256;
    seen_slot *t = calloc(cap, sizeof *t);
    if (!t) {
      dsreg_build_fail(p, DSREG_ENOMEM);
      return 0;
    }
    for (size_t i = 0; i < p->capseen; i++) {
      seen_slot *s = &p->seen[i];
      if (!s->key)
        continue;
      size_t h = seen_hash(s->key, s->len, s->section) & (cap - 1);
      while (t[h].key)
        h = (h + 1) & (cap - 1);
      t[h] = *s;
    }
    free(p->seen);
    p->seen = t;
    p->capseen = cap;
  }
  size_t h = seen_hash(k, n, section) & (p->capseen - 1);
  for (;;) {
    seen_slot *s = &p->seen[h];
    if (!s->key) {
      s->key = k;
      s->len = n;
      s->section = section;
      s->count = 1;
      p->nseen++;
      return 1;
    }
    if (s->section == section && s->len == n && memcmp(s->key, k, n) == 0)
      return ++s->count;
    h = (h + 1) & (p->capseen - 1);
  }
}

/* ---- capture assembly ------------------------------------------------- */

static char *keep(dsreg_parser *p, const char *s, size_t n) {
  char *c = dsreg_arena_strdup(&p->arena, s, n);
  if (!c)
    dsreg_build_fail(p, DSREG_ENOMEM);
  p->bytes += n + 1;
  return c;
}

/* Room for one more item of a capture; counts the line as dropped if not. */
static int room(dsreg_parser *p, size_t count, size_t bytes) {
  if (count >= DSREG_MAX_ITEMS || p->bytes + bytes > DSREG_MAX_CAPTURE_BYTES) {
    p->dropped++;
    return 0;
  }
  return 1;
}

DSREG_PRINTF(3, 4)
void dsreg_build_note(dsreg_parser *p, unsigned long line, const char *fmt,
                      ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  dsreg_vfit(msg, sizeof msg, fmt, ap);
  va_end(ap);
  /* Notes share the capture's budget; past it, the dropped counter (and
   * its own note, added without this check, in the last slot kept for
   * it) tells that lines were lost. */
  if (line != 0 && (p->nnotes + 1 >= DSREG_MAX_ITEMS ||
                    p->bytes + strlen(msg) + 1 > DSREG_MAX_CAPTURE_BYTES))
    return;
  if (GROW(p, notes, nnotes, capnotes)) {
    dsreg_build_fail(p, DSREG_ENOMEM);
    return;
  }
  char *m = keep(p, msg, strlen(msg));
  if (!m)
    return;
  p->notes[p->nnotes].line = line;
  p->notes[p->nnotes].message = m;
  p->nnotes++;
}

#define SHRINK(p, arr, cap)                                                    \
  do {                                                                         \
    if ((p)->cap > KEEP_ITEMS) {                                               \
      free((p)->arr);                                                          \
      (p)->arr = NULL;                                                         \
      (p)->cap = 0;                                                            \
    }                                                                          \
  } while (0)

static void shrink(dsreg_parser *p) {
  SHRINK(p, fields, capfields);
  SHRINK(p, sections, capsections);
  SHRINK(p, unparsed, capunparsed);
  SHRINK(p, notes, capnotes);
  SHRINK(p, accounts, capaccounts);
  if (p->capseen > 2 * KEEP_ITEMS) {
    free(p->seen);
    p->seen = NULL;
    p->capseen = p->nseen = 0;
  }
}

void dsreg_build_begin(dsreg_parser *p, unsigned long line) {
  p->in_capture = 1;
  p->cap_line = line;
  p->cap_last_line = line;
  p->cap_repl0 = p->dec.replacements;
  p->cap_mb0 = p->dec.multibyte;
  p->dropped = 0;
  p->bytes = 0;
  p->has_footer = 0;
  p->section_dropped = 0;
  p->nfields = p->nsections = p->nunparsed = p->nnotes = p->naccounts = 0;
  p->prt_ctx = DSREG_PRT_NONE;
  p->wrap_field = -1;
  memset(p->kind_count, 0, sizeof p->kind_count);
  memset(p->repaired, 0, sizeof p->repaired);
  p->prefix_name = NULL;
  p->cap_double_spaced = 0;
  p->held = 0;
  if (p->nseen) {
    memset(p->seen, 0, p->capseen * sizeof *p->seen);
    p->nseen = 0;
  }
}

static dsreg_work_account *account_for(dsreg_parser *p, size_t section) {
  if (p->naccounts && p->accounts[p->naccounts - 1].section == section)
    return &p->accounts[p->naccounts - 1];
  if (GROW(p, accounts, naccounts, capaccounts)) {
    dsreg_build_fail(p, DSREG_ENOMEM);
    return NULL;
  }
  dsreg_work_account *a = &p->accounts[p->naccounts++];
  memset(a, 0, sizeof *a);
  a->section = section;
  return a;
}

static dsreg_work_account *typing_account(void *ctx, size_t section) {
  return account_for(ctx, section);
}

static void typing_note(void *ctx, unsigned long line, const char *message) {
  dsreg_build_note(ctx, line, "%s", message);
}

/* Fills capture.typed from the fields (typing.c). */
static void type_fields(dsreg_parser *p, dsreg_typed *typed) {
  const dsreg_typing_out out = {typing_account, typing_note, p};
  if (dsreg_type_fields(p->fields, p->nfields, typed, &out) != 0)
    return; /* out of memory: account_for() recorded it */
  typed->work_accounts = p->accounts;
  typed->work_account_count = p->naccounts;
}

/* Notes on the encoding (docs/format.md §1): the switch to a code page,
 * and values that look like UTF-8 read in one and written out again. */
static int end_capture(dsreg_parser *p) {
  dsreg_capture cap;
  if (!p->in_capture)
    return 0;
  int fragment = p->in_capture == FRAGMENT;
  p->in_capture = 0;
  p->captures++;
  /* typed, the bulk of it, is cleared by dsreg_type_fields() */
  memset(&cap, 0, offsetof(dsreg_capture, typed));
  if (fragment)
    p->cap_last_line = p->frag_last; /* not the blank lines after it */
  type_fields(p, &cap.typed);
  dsreg_capture_notes_encoding(p);

  dsreg_capture_notes_repairs(p);
  if (p->dropped)
    dsreg_build_note(p, 0, "%lu lines past the per-capture limit were not kept",
                     p->dropped);
  if (p->status != DSREG_OK)
    return (int)p->status;
  cap.index = p->captures;
  cap.line = p->cap_line;
  cap.end_line = p->cap_last_line;
  cap.encoding = p->dec.enc;
  cap.has_footer = p->has_footer != 0;
  cap.fragment = fragment != 0;
  cap.replacements = p->dec.replacements - p->cap_repl0;
  cap.dropped_lines = p->dropped;
  cap.sections = p->sections;
  cap.section_count = p->nsections;
  cap.fields = p->fields;
  cap.field_count = p->nfields;
  cap.unparsed = p->unparsed;
  cap.unparsed_count = p->nunparsed;
  cap.notes = p->notes;
  cap.note_count = p->nnotes;
  int rc = p->fn(&cap, p->user);
  dsreg_arena_reset(&p->arena);
  shrink(p);
  if (rc != 0)
    return dsreg_build_fail(p, DSREG_ESTOPPED);
  return 0;
}

/* The line of the last item the capture holds so far. */
static unsigned long last_item_line(const dsreg_parser *p) {
  unsigned long last = 0;
  if (p->nsections && p->sections[p->nsections - 1].line > last)
    last = p->sections[p->nsections - 1].line;
  if (p->nfields && p->fields[p->nfields - 1].line > last)
    last = p->fields[p->nfields - 1].line;
  if (p->nunparsed && p->unparsed[p->nunparsed - 1].line > last)
    last = p->unparsed[p->nunparsed - 1].line;
  if (p->nnotes && p->notes[p->nnotes - 1].line > last)
    last = p->notes[p->nnotes - 1].line;
  return last;
}

/* `kind` and `ordinal`: the title's, from dsreg_section_kind_of(). */
static int add_section(dsreg_parser *p, const dsreg_token *t,
                       dsreg_section_kind kind, unsigned ordinal) {
  if (p->in_capture && kind == DSREG_SECTION_DEVICE_STATE && p->nsections) {
    /* The box of the next capture is not part of this one; but lines split
     * from one physical line (<br>) can put this capture's last items on
     * the line that box starts on. */
    unsigned long end =
        (p->pending_rule ? p->pending_rule_line : p->lineno) - 1;
    unsigned long last = last_item_line(p);
    p->cap_last_line = end > last ? end : last;
    int rc = end_capture(p);
    if (rc)
      return rc;
  }
  if (!p->in_capture) {
    dsreg_build_begin(p, p->pending_rule ? p->pending_rule_line : p->lineno);
    p->cap_last_line = p->lineno; /* the title that opened it */
  }
  return dsreg_build_section(p, t->text, t->text_len, kind, ordinal);
}

int dsreg_build_section(dsreg_parser *p, const char *text, size_t len,
                        dsreg_section_kind kind, unsigned ordinal) {
  p->prt_ctx = DSREG_PRT_NONE;
  p->section_dropped = !room(p, p->nsections, len + 1);
  if (p->section_dropped)
    return 0;
  if (GROW(p, sections, nsections, capsections))
    return dsreg_build_fail(p, DSREG_ENOMEM);
  dsreg_section *s = &p->sections[p->nsections];
  memset(s, 0, sizeof *s);
  char *title = keep(p, text, len);
  if (!title)
    return (int)p->status;
  s->title = title;
  s->title_len = len;
  s->kind = kind;
  s->ordinal = ordinal;
  s->line = p->lineno;
  s->first_field = p->nfields;
  /* Known titles are counted per kind; only odd ones need the hash. */
  if (kind != DSREG_SECTION_UNKNOWN && kind != DSREG_SECTION_WORK_ACCOUNT)
    s->occurrence = ++p->kind_count[kind];
  else
    s->occurrence = seen_count(p, title, len, (size_t)-1);
  if (s->occurrence == 0)
    return (int)p->status;
  p->nsections++;
  p->section_serial++;
  return 0;
}

/* Inline: most lines are fields, and take_line has two callers. */
DSREG_ALWAYS_INLINE static int add_field(dsreg_parser *p, const dsreg_token *t,
                                         int truncated) {
  if (!room(p, p->nfields, t->text_len + t->value_len + 2))
    return 0;
  if (GROW(p, fields, nfields, capfields))
    return dsreg_build_fail(p, DSREG_ENOMEM);
  dsreg_section *s = &p->sections[p->nsections - 1];
  dsreg_field *f = &p->fields[p->nfields];
  /* Key and value are one copy of the line, cut in two by a NUL. */
  size_t span = (size_t)(t->value + t->value_len - t->text);
  char *key = keep(p, t->text, span);
  if (!key)
    return (int)p->status;
  char *value = key + (t->value - t->text);
  key[t->text_len] = '\0';
  f->key = key;
  f->key_len = t->text_len;
  f->value = value;
  f->value_len = t->value_len;
  f->line = p->lineno;
  f->section = p->nsections - 1;
  f->known = dsreg_field_index_find(&p->ix, key, t->text_len, s->kind);
  f->flags = (t->old_layout ? DSREG_FIELD_OLD_LAYOUT : 0u) |
             (truncated ? DSREG_FIELD_TRUNCATED : 0u);
  if (f->known >= 0) {
    int r = f->known;
    if (p->row_section[r] != p->section_serial) {
      p->row_section[r] = p->section_serial;
      p->row_count[r] = 0;
    }
    f->occurrence = ++p->row_count[r];
  } else {
    f->occurrence = seen_count(p, key, t->text_len, f->section);
    if (f->occurrence == 0)
      return (int)p->status;
  }
  /* A PRT diagnostics block belongs to the *Prt line before it
   * (docs/format.md, section 5).  The key finds the row of one block, which
   * counted the occurrence above; the value is typed into the twin row of
   * the block it follows. */
  f->prt = DSREG_PRT_NONE;
  if (f->known >= 0) {
    if (p->opens_prt[f->known])
      p->prt_ctx = (dsreg_prt_kind)p->opens_prt[f->known];
    dsreg_prt_kind row_prt = (dsreg_prt_kind)p->row_prt[f->known];
    if (row_prt != DSREG_PRT_NONE) {
      f->prt = p->prt_ctx != DSREG_PRT_NONE ? p->prt_ctx : DSREG_PRT_AZURE;
      if (f->prt != row_prt)
        f->known = p->prt_twin[f->prt][f->known];
    }
  }
  s->field_count++;
  p->nfields++;
  return 0;
}

int dsreg_build_field(dsreg_parser *p, const dsreg_token *t, int truncated) {
  return add_field(p, t, truncated);
}

static int add_unparsed(dsreg_parser *p, const dsreg_token *t) {
  if (!room(p, p->nunparsed, t->text_len + 1))
    return 0;
  if (GROW(p, unparsed, nunparsed, capunparsed))
    return dsreg_build_fail(p, DSREG_ENOMEM);
  char *text = keep(p, t->text, t->text_len);
  if (!text)
    return (int)p->status;
  dsreg_line *l = &p->unparsed[p->nunparsed++];
  l->text = text;
  l->len = t->text_len;
  l->line = p->lineno;
  l->section = p->nsections - 1;
  return 0;
}

/* Joins a console-wrapped line to the value it continues (docs/format.md
 * §6, Console-wrapped values). */
static int continue_value(dsreg_parser *p, const dsreg_token *t) {
  dsreg_field *f = &p->fields[p->wrap_field];
  if (!room(p, 0, f->value_len + t->text_len + 1))
    return 0;
  char *v = dsreg_arena_concat(&p->arena, f->value, f->value_len, t->text,
                               t->text_len);
  if (!v)
    return dsreg_build_fail(p, DSREG_ENOMEM);
  p->bytes += f->value_len + t->text_len + 1;
  f->value = v;
  f->value_len += t->text_len;
  f->flags |= DSREG_FIELD_WRAPPED;
  dsreg_build_note(p, p->lineno, "%s continues on this line (console wrap)",
                   f->key);
  return (int)p->status;
}

void dsreg_build_count_repairs(dsreg_parser *p, unsigned repairs,
                               const char *prefix) {
  for (unsigned k = 0; k < DSREG_REPAIR_KIND_COUNT; k++)
    if (repairs & DSREG_REPAIRED(k))
      p->repaired[k]++;
  if (prefix && !p->prefix_name)
    p->prefix_name = prefix;
}

/* A line at column 1 that starts with a letter or digit after a field line
 * long enough to wrap continues its value. */
static int continues_value(const dsreg_parser *p, const dsreg_token *t) {
  /* A wrap cuts a value mid-text: the rest starts with a letter or
   * digit at column 1 ("sing WPAD. code: ..."), unlike log stamps. */
  return p->wrap_field >= 0 && t->indent == 0 && t->text_len &&
         ((t->text[0] >= 'a' && t->text[0] <= 'z') ||
          (t->text[0] >= 'A' && t->text[0] <= 'Z') ||
          (t->text[0] >= '0' && t->text[0] <= '9'));
}

/* One line of text, `n` bytes long before tokenizing, as the token `t`;
 * `line` is the physical line it came from.  For a title, `title_kind` is
 * its dsreg_section_kind_of() (with `ordinal`) when the caller knows it, or
 * -1. */
DSREG_ALWAYS_INLINE static int take_line(dsreg_parser *p, unsigned long line,
                                         const dsreg_token *tp, size_t n,
                                         size_t over, unsigned repairs,
                                         const char *prefix, int title_kind,
                                         unsigned ordinal) {
  const dsreg_token *t = tp; /* not copied: the clean path counts */
  int rc = 0;
  long wrap = -1;

  p->lineno = line;
  if (p->in_capture)
    p->cap_last_line = p->lineno;
  if (t->kind == DSREG_LINE_BLANK) {
    if (repairs && p->in_capture)
      dsreg_build_count_repairs(p, repairs, prefix);
    /* A console wrap has no blank line in it, unless every line has one
     * after it. */
    if (++p->blank_run > 1 || !p->double_spaced)
      p->wrap_field = -1;
    else if (p->wrap_field >= 0)
      p->wrap_over_blank = 1;
    return 0; /* never ends a section (docs/format.md §3), nor a box */
  }
  /* A line after blank lines: is the paste double-spaced?  (Only there is
   * wrap_over_blank ever set, and double_spaced only with alternate.) */
  int crossed = 0;
  if (p->blank_run) {
    if (p->blank_run == 1 && ++p->alternate >= 3)
      p->double_spaced = 1;
    p->blank_run = 0;
    crossed = p->wrap_over_blank;
    p->wrap_over_blank = 0;
  } else if (p->alternate) {
    p->alternate = 0;
    p->double_spaced = 0;
  }
  /* Repairs are counted for the capture the line is in: the footer's
   * before it ends the capture, a title's after it may open one. */
  if (repairs && p->in_capture && t->kind != DSREG_LINE_TITLE)
    dsreg_build_count_repairs(p, repairs, prefix);

  switch (t->kind) {
  case DSREG_LINE_RULE:
    if (p->header_open) {
      p->header_open = 0;
    } else {
      p->pending_rule = 1;
      p->pending_rule_line = p->lineno;
    }
    p->wrap_field = -1;
    return 0;
  case DSREG_LINE_TITLE: {
    if (p->in_capture == FRAGMENT && (rc = end_capture(p)) != 0)
      return rc;
    dsreg_section_kind kind =
        title_kind >= 0 ? (dsreg_section_kind)title_kind
                        : dsreg_section_kind_of(t->text, t->text_len, &ordinal);
    /* Outside a capture, only a title dsregcmd prints, or one in a box,
     * opens one: random text has lines that start with '|' too. */
    if (!p->in_capture && !p->pending_rule && kind == DSREG_SECTION_UNKNOWN) {
      p->wrap_field = -1;
      return 0;
    }
    rc = add_section(p, t, kind, ordinal);
    if (repairs && p->in_capture)
      dsreg_build_count_repairs(p, repairs, prefix);
    p->header_open = 1;
    p->pending_rule = 0;
    p->wrap_field = -1;
    return rc;
  }
  default:
    break;
  }
  p->header_open = 0;
  p->pending_rule = 0;
  if (p->in_capture != 1) {
    if (!p->in_capture) {
      /* between captures: banners, prompts, log stamps; field lines may
       * start a fragment */
      if (t->kind != DSREG_LINE_FIELD) {
        if (t->kind != DSREG_LINE_FENCE)
          p->held = 0;
        return 0;
      }
      rc = dsreg_fragment_open(p, t, over, repairs, prefix);
      if (rc <= 0)
        return -rc;
    }
    if (t->kind == DSREG_LINE_FIELD) {
      if (dsreg_fragment_section(p, t, &rc)) {
        p->wrap_field = -1;
        return end_capture(p);
      }
      if (rc)
        return rc;
      p->frag_last = p->lineno;
    } else if (t->kind == DSREG_LINE_OTHER) {
      /* Prose after the fragment ends it, and is not part of it. */
      if (!continues_value(p, t)) {
        p->wrap_field = -1;
        return end_capture(p);
      }
      p->frag_last = p->lineno;
    }
  }
  if (p->section_dropped &&
      (t->kind == DSREG_LINE_FIELD || t->kind == DSREG_LINE_OTHER)) {
    p->dropped++; /* a line of a section that was not kept */
    p->wrap_field = -1;
    return 0;
  }

  switch (t->kind) {
  case DSREG_LINE_FIELD:
    rc = add_field(p, t, over > 0);
    if (rc == 0 && over == 0 && n >= WRAP_MIN_COLUMNS && t->value_len > 0 &&
        p->nfields && p->fields[p->nfields - 1].line == p->lineno)
      wrap = (long)p->nfields - 1;
    break;
  case DSREG_LINE_FOOTER:
    p->has_footer = 1;
    rc = end_capture(p);
    break;
  case DSREG_LINE_OTHER:
    if (continues_value(p, t)) {
      rc = continue_value(p, t);
      if (crossed)
        p->cap_double_spaced = 1;
      if (n >= WRAP_MIN_COLUMNS)
        wrap = p->wrap_field;
    } else {
      rc = add_unparsed(p, t);
    }
    break;
  default:
    break; /* prompt, progress line, code fence: tolerated */
  }
  if (rc == 0 && over > 0 && p->in_capture)
    dsreg_build_note(p, p->lineno,
                     "line is longer than %lu bytes; the rest was cut",
                     (unsigned long)DSREG_MAX_LINE);
  p->wrap_field = wrap;
  return rc ? rc : (int)p->status;
}

static int on_line(void *ctx, const char *s, size_t n, size_t over) {
  dsreg_parser *p = ctx;
  p->nlines++;
  if (!dsreg_repair_busy(&p->repair)) {
    dsreg_token t;
    dsreg_tokenize(s, n, &t);
    if (t.kind == DSREG_LINE_TITLE) {
      /* A title dsregcmd prints has nothing to repair, and its kind is
       * needed anyway. */
      unsigned ordinal;
      dsreg_section_kind kind =
          dsreg_section_kind_of(t.text, t.text_len, &ordinal);
      if (kind != DSREG_SECTION_UNKNOWN ||
          !dsreg_repair_damaged(&t, s, n, p->seen_markup))
        return take_line(p, p->nlines, &t, n, over, 0, NULL, (int)kind,
                         ordinal);
    } else if (!dsreg_repair_damaged(&t, s, n, p->seen_markup)) {
      return take_line(p, p->nlines, &t, n, over, 0, NULL, -1, 0);
    }
  }
  return dsreg_repair_line(&p->repair, p->nlines, s, n, over);
}

static int on_text(void *ctx, const char *s, size_t n) {
  dsreg_parser *p = ctx;
  if (!p->seen_markup && dsreg_repair_text_markup(s, n))
    p->seen_markup = 1;
  return dsreg_lines_feed(&p->lines, s, n);
}

static int on_repaired(void *ctx, unsigned long line, const char *s, size_t n,
                       size_t over, unsigned repairs, const char *prefix) {
  dsreg_token t;
  dsreg_tokenize(s, n, &t);
  return take_line(ctx, line, &t, n, over, repairs, prefix, -1, 0);
}

/* ---- public API ------------------------------------------------------- */

dsreg_parser *dsreg_parser_new(dsreg_capture_fn fn, void *user) {
  if (!fn)
    return NULL;
  dsreg_parser *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->fn = fn;
  p->user = user;
  dsreg_field_index_build(&p->ix);
  dsreg_lines_init(&p->lines, on_line, p);
  dsreg_repair_init(&p->repair, &p->ix, on_repaired, p);
  for (size_t r = 0; r < dsreg_field_def_count(); r++) {
    p->opens_prt[r] = (unsigned char)dsreg_field_opens_prt(r);
    p->row_prt[r] = (unsigned char)dsreg_field_def_at(r)->prt;
    p->prt_twin[DSREG_PRT_AZURE][r] =
        (short)dsreg_field_prt_twin(r, DSREG_PRT_AZURE);
    p->prt_twin[DSREG_PRT_ENTERPRISE][r] =
        (short)dsreg_field_prt_twin(r, DSREG_PRT_ENTERPRISE);
  }
  dsreg_parser_reset(p);
  return p;
}

void dsreg_parser_reset(dsreg_parser *p) {
  if (!p)
    return;
  dsreg_decoder_init(&p->dec);
  dsreg_decoder_force(&p->dec, p->forced);
  dsreg_arena_reset(&p->arena);
  p->status = DSREG_OK;
  p->finished = 0;
  dsreg_lines_reset(&p->lines);
  dsreg_repair_reset(&p->repair);
  p->lineno = p->nlines = 0;
  p->seen_markup = 0;
  p->alternate = p->blank_run = 0;
  p->double_spaced = 0;
  p->in_capture = 0;
  p->captures = p->captures_before = 0;
  p->held = 0;
  p->header_open = p->pending_rule = 0;
  p->wrap_field = -1;
}

void dsreg_parser_free(dsreg_parser *p) {
  if (!p)
    return;
  dsreg_arena_free(&p->arena);
  free(p->fields);
  free(p->sections);
  free(p->unparsed);
  free(p->notes);
  free(p->accounts);
  free(p->seen);
  free(p);
}

dsreg_status dsreg_parser_feed(dsreg_parser *p, const void *buf, size_t len) {
  if (!p || (!buf && len))
    return DSREG_EINVAL;
  if (p->finished)
    return DSREG_EFINISHED;
  if (p->status != DSREG_OK)
    return p->status;
  int rc = dsreg_decoder_feed(&p->dec, buf, len, on_text, p);
  return rc ? (dsreg_status)rc : DSREG_OK;
}

dsreg_status dsreg_parser_finish(dsreg_parser *p) {
  if (!p)
    return DSREG_EINVAL;
  if (p->finished)
    return DSREG_EFINISHED;
  p->finished = 1;
  if (p->status != DSREG_OK)
    return p->status;
  int rc = dsreg_decoder_finish(&p->dec, on_text, p);
  if (!rc)
    rc = dsreg_lines_finish(&p->lines); /* a last line without an end */
  if (!rc)
    rc = dsreg_repair_finish(&p->repair);
  if (!rc)
    rc = end_capture(p);
  if (rc)
    return (dsreg_status)rc;
  return p->captures > p->captures_before ? DSREG_OK : DSREG_ENOCAPTURE;
}

unsigned long dsreg_parser_lines(const dsreg_parser *p) {
  return p ? p->nlines : 0;
}

unsigned long dsreg_parser_captures(const dsreg_parser *p) {
  return p ? p->captures : 0;
}

dsreg_status dsreg_parser_set_encoding(dsreg_parser *p, dsreg_encoding enc) {
  if (!p || !dsreg_decoder_untouched(&p->dec) ||
      (unsigned)enc > (unsigned)DSREG_ENCODING_CP1252)
    return DSREG_EINVAL;
  p->forced = enc;
  dsreg_decoder_force(&p->dec, enc);
  return DSREG_OK;
}

dsreg_status dsreg_parser_start_at(dsreg_parser *p, unsigned long first_line,
                                   unsigned long captures_before) {
  if (!p || first_line == 0 || p->nlines || !dsreg_decoder_untouched(&p->dec) ||
      p->finished)
    return DSREG_EINVAL;
  p->nlines = p->lineno = first_line - 1;
  p->captures = p->captures_before = captures_before;
  return DSREG_OK;
}

bool dsreg_parser_at_boundary(const dsreg_parser *p) {
  return p && !p->finished && p->status == DSREG_OK &&
         dsreg_lines_idle(&p->lines) && !dsreg_repair_busy(&p->repair) &&
         !p->held && dsreg_decoder_settled(&p->dec);
}

dsreg_encoding dsreg_parser_encoding(const dsreg_parser *p) {
  return p ? p->dec.enc : DSREG_ENCODING_UNKNOWN;
}

unsigned long dsreg_parser_replacements(const dsreg_parser *p) {
  return p ? p->dec.replacements : 0;
}
