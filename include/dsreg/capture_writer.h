/*
 * dsreg/capture_writer.h - a capture written back as `dsregcmd /status`
 * text (--format capture): the section boxes, the titles, the keys
 * right-aligned before " : ", fields and other lines in their original
 * order, and the footer when the capture had one.  With dsreg/redact.h
 * this gives a capture that is safe to attach to a ticket.
 *
 * The text parses back to the same sections, fields and typed values
 * (tests/unit/test_redact.c checks it on every fixture).  What is not kept:
 * the original line numbers, indentation, prompt and banner lines, and the
 * damage the parser repaired (wrapped values come out on one line).
 * Control characters, and the bidi controls that reorder a line, are
 * written escaped (\x1b, \u202e) as in the text report, so the output is
 * safe on a terminal; a capture that held them parses back to those
 * escapes.
 */
#ifndef DSREG_CAPTURE_WRITER_H
#define DSREG_CAPTURE_WRITER_H

#include <stdio.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Appends the capture as dsregcmd /status text to `b` (the caller's).
 * `cap` is only read and not kept.  Returns DSREG_OK, DSREG_EINVAL (a NULL
 * argument) or DSREG_ENOMEM (b->oom is set as well).  Thread safe with a
 * buffer per thread. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_capture(dsreg_outbuf *b, const dsreg_capture *cap);

/** Writes the same to `out` with one fwrite.  Returns DSREG_OK,
 * DSREG_EINVAL, DSREG_ENOMEM (nothing written) or DSREG_EIO (ferror(out);
 * errno as the C library left it).  Thread safe with a stream per
 * thread. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_capture(FILE *out, const dsreg_capture *cap);

#ifdef __cplusplus
}
#endif

#endif
