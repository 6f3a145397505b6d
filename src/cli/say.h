/*
 * say.h - every message the CLI prints about its own work.
 *
 * File names, option arguments and whatever else a message echoes come
 * from outside (a share that every device can write to): an escape
 * sequence in a file name could retitle the window, clear the screen or
 * forge lines.  So a message is formatted whole, without a length limit,
 * and then made safe for a terminal as the text report is (control
 * characters as \xNN, invalid UTF-8 as U+FFFD, bidirectional overrides
 * escaped); only its line ends stay as they are.
 */
#ifndef DSREG_CLI_SAY_H
#define DSREG_CLI_SAY_H

#include <stdarg.h>
#include <stdio.h>

#include "dsreg/report.h"

/* Formats and writes one message to `f`, made safe for a terminal. */
DSREG_PRINTF(2, 3) void cli_say(FILE *f, const char *fmt, ...);
void cli_vsay(FILE *f, const char *fmt, va_list ap);

/* Appends the formatted message to `b`, made safe the same way. */
DSREG_PRINTF(2, 3) void cli_say_buf(dsreg_outbuf *b, const char *fmt, ...);

#endif
