/*
 * compare.c - --diff: two captures read, compared by the library, written.
 */
#include "compare.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/diff.h"
#include "platform.h"
#include "say.h"

#define READ_CHUNK (64 * 1024)
/* A third capture is enough to say that a source holds too many. */
#define KEEP 3

typedef struct collected {
  const cli_run_config *cfg;
  dsreg_snapshot *snap[KEEP];
  size_t count; /* captures seen (kept: at most KEEP) */
  bool oom;
} collected;

static int on_capture(const dsreg_capture *cap, void *user) {
  collected *c = user;
  dsreg_analysis an;
  if (dsreg_analyze(cap, &c->cfg->rules, &an) != DSREG_OK) {
    dsreg_analysis_free(&an);
    c->oom = true;
    return 1;
  }
  /* --min-severity hides findings; errors, the highest, always stay, so
   * the exit status does not change. */
  dsreg_analysis_filter(&an, (dsreg_severity)c->cfg->min_severity);
  if (c->count < KEEP && !(c->snap[c->count] = dsreg_snapshot_new(cap, &an)))
    c->oom = true;
  dsreg_analysis_free(&an);
  c->count++;
  return c->oom ? 1 : 0;
}

/* Reads `path` ("-": standard input) into `c`; 0, or -1 after saying why
 * on stderr. */
static int collect(const cli_run_config *cfg, const char *path, collected *c) {
  char err[512];
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  memset(c, 0, sizeof *c);
  c->cfg = cfg;
  int fd = strcmp(path, "-") == 0
               ? 0
               : dsreg_cli_open_read(path, false, NULL, err, sizeof err);
  if (fd < 0) {
    cli_say(stderr, "dsregdiag: %s: %s\n", name, err);
    return -1;
  }
  unsigned char *buf = malloc(READ_CHUNK);
  dsreg_parser *p = dsreg_parser_new(on_capture, c);
  dsreg_status st =
      !buf || !p ? DSREG_ENOMEM : dsreg_parser_set_encoding(p, cfg->encoding);
  long n = 0;
  while (st == DSREG_OK && (n = dsreg_cli_read(fd, buf, READ_CHUNK)) > 0)
    st = dsreg_parser_feed(p, buf, (size_t)n);
  int read_error = st == DSREG_OK && n < 0 ? errno : 0;
  if (st == DSREG_OK)
    st = dsreg_parser_finish(p);
  if (fd != 0)
    dsreg_cli_close(fd);
  unsigned long lines = p ? dsreg_parser_lines(p) : 0;
  dsreg_parser_free(p);
  free(buf);
  if (c->oom || st == DSREG_ENOMEM) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    return -1;
  }
  if (read_error) {
    cli_say(stderr, "dsregdiag: %s: read error after line %lu: %s\n", name,
            lines, strerror(read_error));
    return -1;
  }
  if (st == DSREG_ENOCAPTURE) {
    cli_say(stderr, "dsregdiag: %s: no dsregcmd /status output found\n", name);
    return -1;
  }
  if (st != DSREG_OK && st != DSREG_ESTOPPED) {
    cli_say(stderr, "dsregdiag: %s: %s\n", name, dsreg_strerror(st));
    return -1;
  }
  return 0;
}

static void release(collected *c) {
  for (size_t i = 0; i < KEEP; i++)
    dsreg_snapshot_free(c->snap[i]);
  memset(c, 0, sizeof *c);
}

int cli_compare(const cli_run_config *cfg, const cli_options *o,
                cli_output *out) {
  collected a, b;
  char names[2][600];
  const dsreg_snapshot *before, *after;
  int status = EXIT_TROUBLE;
  memset(&b, 0, sizeof b);
  if (collect(cfg, o->files[0], &a))
    goto done;
  const char *name0 = strcmp(o->files[0], "-") == 0 ? "<stdin>" : o->files[0];
  if (o->file_count == 1) {
    if (a.count != 2) {
      cli_say(stderr,
              "dsregdiag: %s: holds %zu capture%s; '--diff' with one FILE "
              "compares a log of exactly two\n",
              name0, a.count, a.count == 1 ? "" : "s");
      goto done;
    }
    snprintf(names[0], sizeof names[0], "%s#1", name0);
    snprintf(names[1], sizeof names[1], "%s#2", name0);
    before = a.snap[0];
    after = a.snap[1];
  } else {
    const char *name1 = strcmp(o->files[1], "-") == 0 ? "<stdin>" : o->files[1];
    if (collect(cfg, o->files[1], &b))
      goto done;
    for (int i = 0; i < 2; i++) {
      const collected *c = i ? &b : &a;
      if (c->count != 1) {
        cli_say(stderr,
                "dsregdiag: %s: holds %zu capture%s; '--diff' with two "
                "FILEs compares one capture of each\n",
                i ? name1 : name0, c->count, c->count == 1 ? "" : "s");
        goto done;
      }
    }
    snprintf(names[0], sizeof names[0], "%s", name0);
    snprintf(names[1], sizeof names[1], "%s", name1);
    before = a.snap[0];
    after = b.snap[0];
  }
  dsreg_diff d;
  dsreg_outbuf rep = {0};
  dsreg_status st = dsreg_diff_compute(before, after, &d);
  if (st == DSREG_OK)
    st = o->format == FORMAT_JSON
             ? dsreg_diff_render_json(&d, names[0], names[1], &rep)
             : dsreg_diff_render_text(&d, names[0], names[1], &rep);
  if (st != DSREG_OK)
    rep.oom = 1; /* the one failure they have: memory */
  if (rep.oom) {
    cli_say(stderr, "dsregdiag: out of memory\n");
  } else {
    cli_output_write(out, rep.data, rep.len);
    status = d.after_has_error ? EXIT_FINDINGS : EXIT_CLEAN;
  }
  dsreg_outbuf_free(&rep);
  dsreg_diff_free(&d);
done:
  release(&a);
  release(&b);
  return status;
}
