/*
 * hostile_measure.c - runs a command and reports what it cost.
 *
 *   hostile_measure STATFILE COMMAND [ARGS...]
 *
 * Runs COMMAND with the same standard input, output and error, waits for it
 * and writes "cpu_seconds peak_rss_kib" to STATFILE: the user + system CPU
 * time and the peak resident set size of that process alone (from wait4's
 * rusage), so the program that feeds a pipe into it is not counted.  Exits
 * with the command's exit status, or 128 + the signal that ended it.
 *
 * The same numbers as `/usr/bin/time -f "%U %S %M"`, without needing the
 * `time` package on every machine that runs the tests.  Linux and the BSDs;
 * the hostile tests are not registered on Windows.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: hostile_measure STATFILE COMMAND [ARGS...]\n", stderr);
    return 125;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("hostile_measure: fork");
    return 125;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    fprintf(stderr, "hostile_measure: %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  int status;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      perror("hostile_measure: wait4");
      return 125;
    }
  }
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  FILE *f = fopen(argv[1], "w");
  if (!f || fprintf(f, "%.3f %ld\n", cpu, (long)ru.ru_maxrss) < 0 ||
      fclose(f) != 0) {
    perror(argv[1]);
    return 125;
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 125;
}
