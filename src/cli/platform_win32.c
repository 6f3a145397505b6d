/*
 * platform_win32.c - the CLI's platform layer for Windows.
 */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "platform.h"

bool dsreg_cli_isatty(FILE *f) { return _isatty(_fileno(f)) != 0; }

void dsreg_cli_binary_stdin(void) { _setmode(_fileno(stdin), _O_BINARY); }

char *dsreg_cli_temp_name(const char *path) {
  size_t n = strlen(path) + 32;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s.%lu.tmp", path, (unsigned long)GetCurrentProcessId());
  return s;
}

int dsreg_cli_replace(const char *from, const char *to) {
  return MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING) ? 0 : -1;
}
