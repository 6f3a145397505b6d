/*
 * fragment.c - field lines with no box (docs/format.md §4): Microsoft's pages
 * and pasted tickets show sections as bare `Key : Value` lines.  Two field
 * lines with known keys in a row open a capture marked as a fragment, whose
 * sections are implied by the keys (the field table knows each key's
 * section); prose around them is not part of it.
 */
#include <stdio.h>
#include <string.h>

#include "parser_state.h"

static int implied_section(dsreg_parser *p, dsreg_section_kind kind) {
  char title[40];
  unsigned ordinal = 0;
  if (kind == DSREG_SECTION_WORK_ACCOUNT) {
    ordinal = 1;
    for (size_t i = 0; i < p->nsections; i++)
      ordinal += p->sections[i].kind == DSREG_SECTION_WORK_ACCOUNT;
    snprintf(title, sizeof title, "Work Account %u", ordinal);
  } else {
    snprintf(title, sizeof title, "%s", dsreg_section_kind_title(kind));
  }
  return dsreg_build_section(p, title, strlen(title), kind, ordinal);
}

/* A fragment's field line goes in the current section when its key is
 * known there (a Work Account's key seen again starts the next account),
 * else in a new section of its key's.  A key not known at all stays in the
 * fragment only if laid out as its first line was: prose after it ("Thanks
 * for any help: ...") is not dsregcmd's `Key : Value`.  Returns 1 when the
 * line ends the fragment; *rc is the status. */
int dsreg_fragment_section(dsreg_parser *p, const dsreg_token *t, int *rc) {
  dsreg_section_kind cur =
      p->nsections ? p->sections[p->nsections - 1].kind : DSREG_SECTION_UNKNOWN;
  int row = dsreg_field_index_find(&p->ix, t->text, t->text_len, cur);
  *rc = 0;
  if (row < 0)
    return (t->old_layout != 0) != p->frag_layout;
  dsreg_section_kind home = dsreg_field_def_at((size_t)row)->section;
  if (home != cur ||
      (cur == DSREG_SECTION_WORK_ACCOUNT &&
       p->row_section[row] == p->section_serial && p->row_count[row] > 0))
    *rc = implied_section(p, home);
  return 0;
}

/* A field line outside a capture.  One with a known key is held; a second
 * one right after it (blank lines, fences and rules aside) opens a fragment
 * with the held line in it, and 1 is returned: the caller takes this line. */
int dsreg_fragment_open(dsreg_parser *p, const dsreg_token *t, size_t over,
                        unsigned repairs, const char *prefix) {
  int row = dsreg_field_index_find(&p->ix, t->text, t->text_len,
                                   DSREG_SECTION_UNKNOWN);
  size_t span = (size_t)(t->value + t->value_len - t->text);
  /* A ':' that a repair put in (two spaces after a known key) opens
   * nothing: a table of prose ("Thumbprint       6EAA...") has those. */
  if (row < 0 || span > sizeof p->held_text ||
      (repairs & DSREG_REPAIRED(DSREG_REPAIR_GAP))) {
    p->held = 0;
    return 0;
  }
  if (!p->held) {
    memcpy(p->held_text, t->text, span);
    p->held_tok = *t;
    p->held_tok.text = p->held_text;
    p->held_tok.value = p->held_text + (t->value - t->text);
    p->held_lineno = p->lineno;
    p->held_over = over;
    p->held_repairs = repairs;
    p->held_prefix = prefix;
    p->held = 1;
    return 0;
  }
  p->held = 0;
  /* A key of several sections goes with the one after it when it can. */
  dsreg_section_kind next = dsreg_field_def_at((size_t)row)->section;
  const dsreg_token *h = &p->held_tok;
  int first = dsreg_field_index_find(&p->ix, h->text, h->text_len, next);
  unsigned long line = p->lineno;
  dsreg_build_begin(p, p->held_lineno);
  p->in_capture = FRAGMENT;
  p->frag_layout = h->old_layout != 0;
  dsreg_build_note(p, 0,
                   "a fragment: no section boxes; sections inferred from the "
                   "keys");
  p->lineno = p->held_lineno;
  dsreg_build_count_repairs(p, p->held_repairs, p->held_prefix);
  int rc = implied_section(p, dsreg_field_def_at((size_t)first)->section);
  if (rc == 0 && !p->section_dropped)
    rc = dsreg_build_field(p, h, p->held_over > 0);
  if (rc == 0 && p->held_over > 0)
    dsreg_build_note(p, p->lineno,
                     "line is longer than %lu bytes; the rest was cut",
                     (unsigned long)DSREG_MAX_LINE);
  p->lineno = line;
  p->cap_last_line = line;
  if (repairs)
    dsreg_build_count_repairs(p, repairs, prefix);
  if (rc == 0)
    rc = (int)p->status;
  return rc ? -rc : 1;
}
