/*
 * fake_dsregcmd.c - a stand-in dsregcmd.exe for the live-mode tests under
 * Wine (Wine has no dsregcmd).  Built as dsregcmd.exe and put first on
 * PATH, it behaves as the real one does for dsregdiag's purpose:
 *
 *   dsregcmd /status     prints the file named by DSREG_FAKE_STATUS, as
 *                        bytes; exit status 0
 *
 * DSREG_FAKE_EXIT=N makes it print "access denied" on stderr and exit with
 * status N instead; DSREG_FAKE_MARK=TEXT prints TEXT on stderr first (to
 * tell which copy ran).  Any other argument: exit status 9.
 */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 2 || strcmp(argv[1], "/status") != 0)
    return 9;
  const char *mark = getenv("DSREG_FAKE_MARK");
  if (mark && *mark)
    fprintf(stderr, "%s\n", mark);
  const char *fail = getenv("DSREG_FAKE_EXIT");
  if (fail && *fail) {
    fprintf(stderr, "access denied\n");
    return atoi(fail);
  }
  const char *path = getenv("DSREG_FAKE_STATUS");
  if (!path || !*path) {
    fprintf(stderr, "fake dsregcmd: DSREG_FAKE_STATUS is not set\n");
    return 8;
  }
  FILE *in = fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "fake dsregcmd: cannot open %s\n", path);
    return 8;
  }
  _setmode(_fileno(stdout), _O_BINARY);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, stdout) != n)
      return 7;
  fclose(in);
  return fflush(stdout) == 0 ? 0 : 7;
}
