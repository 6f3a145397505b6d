/*
 * line_writer.c - one capture as one short line, for the detection scripts
 * of Intune Remediations and RMM tools (README.md, "Detection scripts").
 *
 * The Intune portal shows the first 2,048 characters of what a detection
 * script printed, and RMM consoles a single status column: so the line is
 * the verdict, the join type, the rule ids with the root cause first and
 * the device, and it never holds a control character (capture text goes
 * through dsreg_render_terminal_text) nor more than DSREG_LINE_MAX bytes.
 */
#include <string.h>

#include "buf.h"
#include "dsreg/report.h"

#define ELLIPSIS "..."

/* Cuts b's bytes from `start` so that, with the "\n" that follows, they
 * fit DSREG_LINE_MAX: at the start of a UTF-8 character, ending in an ASCII
 * ellipsis that every console code page shows as it is. */
static void fit(dsreg_buf *b, size_t start) {
  const size_t room = DSREG_LINE_MAX - 1; /* the "\n" */
  if (b->oom || b->len - start <= room)
    return;
  /* never inside a character */
  b->len =
      start + dsreg_utf8_cut(b->data + start, room - (sizeof ELLIPSIS - 1));
  dsreg_buf_puts(b, ELLIPSIS);
}

/* The shown findings of severity `sev`, after `*sep`, leaving out the root
 * cause (already first). */
static void rules_of(dsreg_buf *b, const dsreg_analysis *an, dsreg_severity sev,
                     const char **sep) {
  for (size_t i = 0; i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    if (f->severity != sev ||
        (an->root_cause && strcmp(f->rule, an->root_cause) == 0))
      continue;
    dsreg_buf_puts(b, *sep);
    dsreg_buf_puts(b, f->rule);
    *sep = ",";
  }
}

dsreg_status dsreg_render_line(dsreg_outbuf *b, const char *source,
                               const dsreg_capture *cap,
                               const dsreg_analysis *an) {
  if (!b || !source || !cap)
    return DSREG_EINVAL;
  const size_t start = b->len;
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  dsreg_verdict v = an ? an->verdict : DSREG_VERDICT_OK;
  dsreg_buf_puts(b, dsreg_verdict_title(v));
  dsreg_buf_putc(b, ' ');
  dsreg_buf_puts(b, dsreg_join_type_id(jt));
  /* The root cause even when --min-severity hid it: it is what a reader
   * of one line needs first. */
  const char *sep = " ";
  if (an && an->root_cause) {
    dsreg_buf_puts(b, sep);
    dsreg_buf_puts(b, an->root_cause);
    sep = ",";
  }
  if (an) {
    rules_of(b, an, DSREG_SEVERITY_ERROR, &sep);
    rules_of(b, an, DSREG_SEVERITY_WARNING, &sep);
    rules_of(b, an, DSREG_SEVERITY_INFO, &sep);
  }
  /* The device as the capture names it, else where the capture came from:
   * a line in a console of many devices must say whose it is. */
  const char *name = dsreg_value_text(&cap->typed.device_state.device_name);
  if (!name[0])
    name = source;
  dsreg_buf_puts(b, " | ");
  dsreg_buf_safe_text(b, name, strlen(name));
  fit(b, start);
  dsreg_buf_putc(b, '\n');
  return dsreg_buf_status(b);
}

dsreg_status dsreg_render_line_error(dsreg_outbuf *b, const char *source,
                                     const char *message) {
  if (!b || !source || !message)
    return DSREG_EINVAL;
  const size_t start = b->len;
  dsreg_buf_puts(b, "ERROR | ");
  dsreg_buf_safe_text(b, source, strlen(source));
  dsreg_buf_puts(b, ": ");
  dsreg_buf_safe_text(b, message, strlen(message));
  fit(b, start);
  dsreg_buf_putc(b, '\n');
  return dsreg_buf_status(b);
}

dsreg_status dsreg_write_line(FILE *out, const char *source,
                              const dsreg_capture *cap,
                              const dsreg_analysis *an) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_line(&b, source, cap, an), out);
}
