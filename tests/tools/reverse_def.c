/*
 * reverse_def.c - writes dsreg/fields.def with the rows of every list in
 * reverse order (the groups of dsreg_typed and the PRT blocks too), to show
 * that the model, the field table and the writers depend on what the rows
 * say, not on where they stand (tests/shuffled).
 *
 *   reverse_def IN OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 256
#define MAX_LINE 1024

/* Removes the line end and a trailing " \" continuation; 1 when there was
 * one. */
static int strip(char *s) {
  size_t n = strcspn(s, "\r\n");
  s[n] = '\0';
  if (n && s[n - 1] == '\\') {
    s[--n] = '\0';
    while (n && s[n - 1] == ' ')
      s[--n] = '\0';
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: reverse_def IN OUT\n", stderr);
    return 2;
  }
  FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "w");
  if (!in || !out) {
    perror("reverse_def");
    return 2;
  }
  static char rows[MAX_ROWS][MAX_LINE];
  char line[MAX_LINE];
  size_t n = 0;
  int in_list = 0;
  while (fgets(line, sizeof line, in)) {
    if (!in_list) {
      fputs(line, out);
      in_list = strncmp(line, "#define DSREG_FIELDS_", 21) == 0;
      n = 0;
      continue;
    }
    if (n == MAX_ROWS) {
      fputs("reverse_def: too many rows in a list\n", stderr);
      return 1;
    }
    int more = strip(line);
    strcpy(rows[n++], line);
    if (!more) {
      for (size_t i = n; i-- > 0;)
        fprintf(out, "%s%s\n", rows[i], i ? " \\" : "");
      in_list = 0;
    }
  }
  return fclose(out) == 0 && !ferror(in) ? 0 : 1;
}
