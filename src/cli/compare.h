/*
 * compare.h - --diff BEFORE AFTER: the CLI side of dsreg/diff.h.
 *
 * BEFORE and AFTER are two files of one capture each, or one file (a log)
 * of exactly two captures, the earlier being BEFORE.  The comparison is the
 * library's; this reads the sources, writes the text or JSON, and gives
 * the exit status.
 */
#ifndef DSREG_CLI_COMPARE_H
#define DSREG_CLI_COMPARE_H

#include "options.h"
#include "output.h"
#include "runner.h"

/* Compares the captures `o->files` names, with the rules of `cfg`, into
 * `out`.  Returns the exit status: 0, 1 when AFTER has an error-severity
 * finding, 2 when a source cannot be read or does not hold the captures
 * asked for (said on stderr) or memory ran out. */
int cli_compare(const cli_run_config *cfg, const cli_options *o,
                cli_output *out);

#endif
