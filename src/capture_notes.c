/*
 * capture_notes.c - the notes a capture gets when it ends: how its bytes
 * were decoded (docs/format.md §1) and which pasted-text repairs its lines
 * needed (§2a), one note per kind.
 */
#include <string.h>

#include "codepages.h"
#include "parser_state.h"
#include "utf8.h"

void dsreg_capture_notes_encoding(dsreg_parser *p) {
  if (p->dec.fallback)
    dsreg_build_note(
        p, p->cap_line,
        "decoded as %s: the input is not UTF-8 (%s); use --encoding to "
        "choose",
        dsreg_encoding_name(p->dec.enc),
        p->dec.enc == DSREG_ENCODING_CP1252 ? "the Windows ANSI code page?"
                                            : "the console's OEM code page?");
  if (p->dec.multibyte == p->cap_mb0)
    return; /* an ASCII capture: nothing to look at */
  for (size_t i = 0; i < p->nfields; i++) {
    const dsreg_field *f = &p->fields[i];
    char fixed[DSREG_MAX_LINE];
    const char *page =
        dsreg_mojibake(f->value, f->value_len, fixed, sizeof fixed);
    if (!page)
      continue;
    size_t n = f->value_len < 40 ? f->value_len : dsreg_utf8_cut(f->value, 40);
    size_t m = strlen(fixed);
    m = m < 40 ? m : dsreg_utf8_cut(fixed, 40);
    dsreg_build_note(p, f->line,
                     "%s: looks like UTF-8 read as %s: '%.*s%s' is probably "
                     "'%.*s%s'",
                     f->key, page, (int)n, f->value,
                     n < f->value_len ? "..." : "", (int)m, fixed,
                     m < strlen(fixed) ? "..." : "");
  }
}

static const char *plural(unsigned long n) { return n == 1 ? "" : "s"; }

/* One note per kind of repair made to the lines of the capture. */
void dsreg_capture_notes_repairs(dsreg_parser *p) {
  const unsigned long *c = p->repaired;
  if (c[DSREG_REPAIR_PREFIX])
    dsreg_build_note(p, 0, "%lu line%s had a %s prefix removed",
                     c[DSREG_REPAIR_PREFIX], plural(c[DSREG_REPAIR_PREFIX]),
                     p->prefix_name);
  if (c[DSREG_REPAIR_BR])
    dsreg_build_note(p, 0,
                     "%lu line%s joined with <br> tags split back into lines",
                     c[DSREG_REPAIR_BR], plural(c[DSREG_REPAIR_BR]));
  if (c[DSREG_REPAIR_ENTITY])
    dsreg_build_note(p, 0, "HTML entities decoded on %lu line%s",
                     c[DSREG_REPAIR_ENTITY], plural(c[DSREG_REPAIR_ENTITY]));
  if (c[DSREG_REPAIR_TAG])
    dsreg_build_note(p, 0,
                     "HTML tags (<p>, <pre>, <code>) removed from %lu line%s",
                     c[DSREG_REPAIR_TAG], plural(c[DSREG_REPAIR_TAG]));
  if (c[DSREG_REPAIR_SPACE])
    dsreg_build_note(p, 0,
                     "tabs or no-break spaces read as spaces on %lu line%s",
                     c[DSREG_REPAIR_SPACE], plural(c[DSREG_REPAIR_SPACE]));
  if (c[DSREG_REPAIR_FENCE])
    dsreg_build_note(p, 0, "code fences removed from %lu line%s",
                     c[DSREG_REPAIR_FENCE], plural(c[DSREG_REPAIR_FENCE]));
  if (c[DSREG_REPAIR_EMPHASIS])
    dsreg_build_note(
        p, 0, "Markdown emphasis (** or `) removed from %lu line%s",
        c[DSREG_REPAIR_EMPHASIS], plural(c[DSREG_REPAIR_EMPHASIS]));
  if (c[DSREG_REPAIR_GAP])
    dsreg_build_note(p, 0,
                     "%lu line%s had spaces instead of ' : ' after a known key",
                     c[DSREG_REPAIR_GAP], plural(c[DSREG_REPAIR_GAP]));
  if (p->cap_double_spaced)
    dsreg_build_note(
        p, 0,
        "double-spaced paste: console-wrapped values joined across the "
        "blank lines");
}
