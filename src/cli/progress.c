/*
 * progress.c - the progress line (progress.h).
 */
#include "progress.h"

#include <string.h>

/* Back to column 0 and erase to the end of the line (ECMA-48 EL). */
#define ERASE "\r\x1b[K"

void cli_progress_init(cli_progress *p, FILE *tty) {
  memset(p, 0, sizeof *p);
  p->tty = tty;
}

void cli_progress_update(cli_progress *p, size_t sources,
                         unsigned long captures) {
  if (!p->tty)
    return;
  snprintf(p->line, sizeof p->line, "dsregdiag: %zu sources, %lu captures",
           sources, captures);
  /* A shorter line than the last must not leave its tail behind. */
  fputs(ERASE, p->tty);
  fputs(p->line, p->tty);
  fflush(p->tty);
  p->shown = true;
  p->hidden = false;
}

void cli_progress_hide(cli_progress *p) {
  if (!p->tty || !p->shown)
    return;
  fputs(ERASE, p->tty);
  fflush(p->tty);
  p->shown = false;
  p->hidden = true;
}

void cli_progress_resume(cli_progress *p) {
  if (!p->tty || !p->hidden)
    return;
  fputs(p->line, p->tty);
  fflush(p->tty);
  p->shown = true;
  p->hidden = false;
}

void cli_progress_end(cli_progress *p) {
  cli_progress_hide(p);
  p->hidden = false;
}
