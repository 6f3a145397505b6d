/*
 * completion.h - shell completion scripts, generated from the option table
 * (options.c), so that a new option is completed as soon as it exists.
 */
#ifndef DSREG_CLI_COMPLETION_H
#define DSREG_CLI_COMPLETION_H

#include <stdio.h>

/* Writes the completion script for `shell` ("bash", "zsh", "fish" or
 * "powershell") to `out`.  Returns 0, or -1 for any other shell. */
int cli_completion(FILE *out, const char *shell);

#endif
