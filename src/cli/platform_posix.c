/*
 * platform_posix.c - the CLI's platform layer for POSIX systems.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"

bool dsreg_cli_isatty(FILE *f) { return isatty(fileno(f)) == 1; }

void dsreg_cli_binary_stdin(void) {}

char *dsreg_cli_temp_name(const char *path) {
  size_t n = strlen(path) + 32;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s.%ld.tmp", path, (long)getpid());
  return s;
}

int dsreg_cli_replace(const char *from, const char *to) {
  return rename(from, to);
}
