/*
 * gen_man.c - prints docs/dsregdiag.1, the manual page, from the CLI's own
 * option table and help prose (src/cli/options.c), so that `man dsregdiag`
 * and `dsregdiag --help` cannot drift apart (a ctest compares the file with
 * this program's output).
 *
 *   gen_man > docs/dsregdiag.1
 */
#include <stdio.h>

#include "options.h"

int main(void) {
  cli_manpage(stdout);
  return ferror(stdout) || fflush(stdout) ? 2 : 0;
}
