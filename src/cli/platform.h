/*
 * platform.h - what the CLI needs from the operating system, beyond ISO C.
 *
 * One implementation per platform (platform_posix.c, platform_win32.c); the
 * rest of the CLI and the whole library stay portable.
 */
#ifndef DSREG_CLI_PLATFORM_H
#define DSREG_CLI_PLATFORM_H

#include <stdbool.h>
#include <stdio.h>

/* True when `f` is a terminal (for colour and progress). */
bool dsreg_cli_isatty(FILE *f);

/* Puts stdin in binary mode, so UTF-16 and CR bytes arrive untouched. */
void dsreg_cli_binary_stdin(void);

/* A name for a temporary file beside `path` that no one else uses; the
 * result is malloc'ed (NULL when out of memory). */
char *dsreg_cli_temp_name(const char *path);

/* Moves `from` over `to`, replacing it; 0 on success. */
int dsreg_cli_replace(const char *from, const char *to);

#endif
