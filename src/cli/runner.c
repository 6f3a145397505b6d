/*
 * runner.c - sources through the parser, rules and writers, in order.
 *
 * One lock guards the order state and every write.  A worker renders a
 * record outside the lock, then delivers it: the worker of the head source
 * writes it at once; another keeps it in its source's buffer, waiting while
 * that buffer is full.  When the head source ends, the next sources that are
 * done are written out and the first one still running becomes the head, its
 * buffer written first so that order holds.
 */
#include "runner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "progress.h"
#include "runner_parts.h"
#include "say.h"

/* A source is given up as binary after this much non-text in a row:
 * stretches of the stream in which more than a third of the bytes did not
 * decode (NUL bytes, invalid UTF-8; random bytes come out near half).  A
 * capture never holds that much; a disk image or a gigabyte of zeros on the
 * share then costs a millisecond, not a minute. */
#define BINARY_LIMIT (1024 * 1024)
/* Records a source that is not the head may keep before its worker waits. */
#define PENDING_LIMIT (1u << 20)
/* How far ahead of the head source a worker may start one. */
#define WINDOW_PER_JOB 4
/* The state of source i.  Only sources in [head, head + window) are ever in
 * flight, so a ring of `window` slots holds them: memory does not grow with
 * the number of sources. */
static job *slot(runner *r, size_t i) { return &r->jobs[i % r->window]; }

static void wait_turn(runner *r) {
  if (r->lock)
    dsreg_cli_wait(r->lock);
}
static void wake(runner *r) {
  if (r->lock)
    dsreg_cli_broadcast(r->lock);
}

/* Writes records (under the lock), with the progress line out of their
 * way: a record written now may reach the same terminal. */
void cli_runner_write(runner *r, const char *data, size_t len) {
  cli_output *out = r->cfg->out;
  if (!r->stop) {
    if (out->flush_each)
      cli_progress_hide(&r->progress);
    cli_output_write(out, data, len);
    cli_output_record_done(out);
  }
  if (out->failed)
    r->res->write_failed = r->stop = true;
}

/* Writes (under the lock) what a source has waiting. */
static void write_pending(runner *r, job *j) {
  if (j->err.len) {
    cli_progress_hide(&r->progress);
    fwrite(j->err.data, 1, j->err.len, stderr);
    j->err.len = 0;
  }
  if (j->out.len) {
    cli_runner_write(r, j->out.data, j->out.len);
    j->out.len = 0;
  }
  cli_progress_resume(&r->progress);
}

/* Hands one rendered record (and/or a stderr message) of `w`'s source over
 * to the output.  Returns -1 when the run must stop. */
static int deliver(worker *w, const dsreg_outbuf *rec,
                   const dsreg_outbuf *errmsg) {
  runner *r = w->r;
  job *j = slot(r, w->job);
  lock(r);
  while (!r->stop && w->job != r->head &&
         j->out.len + (rec ? rec->len : 0) > PENDING_LIMIT)
    wait_turn(r);
  if (rec && rec->oom)
    r->res->out_of_memory = r->stop = true;
  /* The head's record with nothing waiting before it goes out from where
   * it was rendered: no copy into the source's buffer. */
  if (rec && rec->len && w->job == r->head && !j->out.len && !j->err.len &&
      !(errmsg && errmsg->len)) {
    cli_runner_write(r, rec->data, rec->len);
    cli_progress_resume(&r->progress);
    int rc = r->stop ? -1 : 0;
    unlock(r);
    return rc;
  }
  if (errmsg && errmsg->len)
    dsreg_outbuf_put(&j->err, errmsg->data, errmsg->len);
  if (rec && rec->len)
    dsreg_outbuf_put(&j->out, rec->data, rec->len);
  if (j->out.oom || j->err.oom)
    r->res->out_of_memory = r->stop = true;
  if (w->job == r->head)
    write_pending(r, j);
  int rc = r->stop ? -1 : 0;
  unlock(r);
  return rc;
}

static void show_progress(runner *r) {
  if (r->finished % 64 == 0)
    cli_progress_update(&r->progress, r->finished, r->captures);
}

static void job_done(worker *w) {
  runner *r = w->r;
  lock(r);
  slot(r, w->job)->done = true;
  r->finished++;
  show_progress(r);
  while (r->head < r->next && slot(r, r->head)->done) {
    job *j = slot(r, r->head);
    write_pending(r, j);
    dsreg_outbuf_free(&j->out);
    dsreg_outbuf_free(&j->err);
    cli_source_free(&j->src);
    j->done = false; /* the slot now belongs to source head + window */
    r->head++;
  }
  if (r->head < r->next)
    write_pending(r, slot(r, r->head)); /* the new head goes on directly */
  wake(r);
  unlock(r);
}

/* --latest: 1 when the capture goes on to the report, 0 when it is left
 * out (or was only counted, in the first pass), -1 when out of memory. */
static int latest_filter(worker *w, const dsreg_capture *cap) {
  runner *r = w->r;
  const cli_run_config *cfg = r->cfg;
  int rc;
  if (cfg->latest_scan) {
    lock(r);
    rc = cli_latest_offer(cfg->latest, cap, w->name, w->job, w->mtime_ms);
    unlock(r);
    return rc ? -1 : 0;
  }
  if ((rc = cli_latest_is_newest(cfg->latest, cap, w->name)) == 0) {
    lock(r);
    r->res->older_skipped++;
    unlock(r);
  }
  return rc;
}

int cli_runner_on_capture(const dsreg_capture *cap, void *user) {
  worker *w = user;
  runner *r = w->r;
  const cli_run_config *cfg = r->cfg;
  dsreg_analysis an;
  dsreg_outbuf rec = {0};

  if (w->part) {
    if (!cli_part_matches(w, cap)) {
      w->part->bad = true;
      return 1;
    }
    w->plan_next++;
  }
  if (cfg->latest) {
    int keep = latest_filter(w, cap);
    if (keep < 0) {
      rec.oom = 1;
      deliver(w, &rec, NULL);
      return 1;
    }
    if (!keep)
      return 0;
  }
  /* Redacted before the rules run, so that their messages quote only
   * pseudonyms too. */
  if (r->redactor && dsreg_redact_capture(r->redactor, cap, &cap) != DSREG_OK) {
    rec.oom = 1;
    deliver(w, &rec, NULL);
    return 1;
  }
  if (dsreg_analyze(cap, &cfg->rules, &an) != DSREG_OK) {
    dsreg_analysis_free(&an);
    if (w->part) {
      w->part->bad = true; /* the parse in one piece will say */
      return 1;
    }
    rec.oom = 1;
    deliver(w, &rec, NULL);
    return 1;
  }
  bool error = false;
  for (size_t i = 0; i < an.finding_count; i++)
    error |= an.findings[i].severity == DSREG_SEVERITY_ERROR;
  if (w->part) {
    /* counted when the part is written (no --summary in this mode) */
    w->part->captures++;
    w->part->error |= error;
  } else {
    lock(r);
    r->captures++;
    r->res->error_finding |= error;
    if (cfg->summary)
      summary_add(cfg->summary, w->name, cap, &an);
    unlock(r);
  }
  an.live = w->live;
  /* --min-severity hides findings; it does not change the exit status. */
  dsreg_analysis_filter(&an, (dsreg_severity)cfg->min_severity);
  /* A part's records go straight into the part's buffer: it is written
   * whole, or not at all. */
  if (cfg->records)
    cfg->reporter->capture(&cfg->style, w->part ? &w->part->out : &rec, w->name,
                           cap, &an);
  dsreg_analysis_free(&an);
  int rc;
  if (w->part) {
    rc = w->part->out.oom ? -1 : 0;
    if (rc)
      w->part->bad = true; /* parsed again in one piece, as one might */
  } else {
    rc = deliver(w, &rec, NULL);
  }
  dsreg_outbuf_free(&rec);
  return rc ? 1 : 0;
}

/* Reports a source that failed: on stderr and as a record. */
static void source_failed(worker *w, const char *message) {
  runner *r = w->r;
  const cli_run_config *cfg = r->cfg;
  dsreg_outbuf rec = {0}, line = {0};
  if (cfg->latest_scan)
    return; /* the second pass reports it */
  cli_say_buf(&line, "dsregdiag: %s: %s\n", w->name, message);
  cfg->reporter->source_error(&cfg->style, &rec, w->name, message);
  lock(r);
  r->res->source_failed = true;
  if (cfg->summary)
    cfg->summary->failed_sources++;
  unlock(r);
  if (line.oom)
    rec.oom = 1;
  deliver(w, &rec, &line);
  dsreg_outbuf_free(&rec);
  dsreg_outbuf_free(&line);
}

/* An entry that is not read: its note, in order, and nothing else. */
static void source_note(worker *w, const char *path, const char *note) {
  dsreg_outbuf line = {0}, rec = {0};
  if (w->r->cfg->latest_scan)
    return;
  if (note)
    cli_say_buf(&line, "dsregdiag: %s: %s\n", path, note);
  rec.oom = line.oom;
  deliver(w, &rec, &line);
  dsreg_outbuf_free(&line);
}

/* Tells binary data from text in windows of BINARY_WINDOW bytes of the
 * stream, whatever sizes the reads come in, so that where a source is given
 * up does not depend on how a pipe delivered it. */
#define BINARY_WINDOW (64 * 1024)
typedef struct binary_watch {
  unsigned long long offset; /* bytes fed */
  unsigned long long run;    /* bytes of binary windows in a row */
  size_t in_window;          /* bytes of the current window fed */
  unsigned long window_repl; /* replacements when the window began */
} binary_watch;

static dsreg_status feed_watched(dsreg_parser *p, binary_watch *bw,
                                 const unsigned char *buf, size_t n) {
  dsreg_status st = DSREG_OK;
  while (n && st == DSREG_OK && bw->run < BINARY_LIMIT) {
    size_t piece = BINARY_WINDOW - bw->in_window;
    if (piece > n)
      piece = n;
    st = dsreg_parser_feed(p, buf, piece);
    buf += piece;
    n -= piece;
    bw->offset += piece;
    bw->in_window += piece;
    if (bw->in_window == BINARY_WINDOW) {
      unsigned long repl = dsreg_parser_replacements(p);
      bool binary = (repl - bw->window_repl) * 3 > BINARY_WINDOW;
      bw->run = binary ? bw->run + BINARY_WINDOW : 0;
      bw->in_window = 0;
      bw->window_repl = repl;
    }
  }
  return st;
}

/* Opens source `s` for `w`: a descriptor (a FILE* for live mode in
 * *live_in), -1 after reporting the failure, or -2 when it is skipped. */
static int open_source(worker *w, const cli_source *s, FILE **live_in) {
  char msg[512];
  cli_path_info info;
  if (strcmp(s->path, "-") == 0)
    return 0;
  if (w->live && w->r->cfg->live_stdin)
    return 0;
  if (w->live) {
    if (!(*live_in = dsreg_cli_live_open(msg, sizeof msg))) {
      source_failed(w, msg);
      return -1;
    }
    return dsreg_cli_live_fd(*live_in);
  }
  int fd = dsreg_cli_open_read(s->path, s->walked, &info, msg, sizeof msg);
  if (fd < 0) {
    source_failed(w, msg);
    return -1;
  }
  /* -o share/fleet.csv share: neither the report being written nor the
   * one it replaces is a capture, nor what a killed run left. */
  bool self = s->walked && cli_output_is_self(w->r->cfg->out, &info);
  if (self || s->temp) {
    dsreg_cli_close(fd);
    if (!s->temp)
      source_note(w, s->path, "skipped: the report this run writes");
    else if (!self)
      source_note(w, s->path, "skipped: a temporary file of dsregdiag");
    else
      source_note(w, s->path, NULL); /* this run's own: no news */
    return -2;
  }
  return fd;
}

static void read_source(worker *w) {
  runner *r = w->r;
  const cli_source *s = &slot(r, w->job)->src;
  bool from_stdin = strcmp(s->path, "-") == 0;
  dsreg_parser *p = w->parser;
  char msg[512];
  FILE *live_in = NULL;

  w->live = s->path[0] == '\0';
  w->name = from_stdin ? "<stdin>" : w->live ? "dsregcmd /status" : s->path;
  if (r->redactor && !(w->name = dsreg_redact_source(r->redactor, w->name))) {
    lock(r);
    r->res->out_of_memory = r->stop = true;
    unlock(r);
    return;
  }
  if (s->note) {
    source_note(w, s->path, s->note);
    return;
  }
  int fd = s->error ? -1 : open_source(w, s, &live_in);
  if (fd == -2)
    return; /* not a source after all */
  if (fd < 0 || !r->cfg->latest_scan || dsreg_cli_fd_mtime(fd, &w->mtime_ms))
    w->mtime_ms = INT64_MIN;
  lock(r);
  r->sources++;
  unlock(r);
  if (s->error)
    source_failed(w, s->error);
  if (fd < 0)
    return;
  uint64_t size;
  resume_at at = {{0, 1, 0, false}, ""};
  if (!live_in && cli_split_wanted(w, fd, &size) &&
      cli_read_split(w, fd, size, &at)) {
    if (!from_stdin)
      dsreg_cli_close(fd);
    return;
  }
  /* The whole file, or the rest of a file cut in parts from the part that
   * did not match: decoded and numbered as in one parse from the start. */
  dsreg_parser_reset(p);
  const uint64_t from = at.start.from;
  dsreg_status st = cli_split_begin(p, r->cfg->encoding, at.bom, &at.start);
  long n = 0;
  binary_watch bw = {from, 0, (size_t)(from % BINARY_WINDOW), 0};
  /* A read returns what is there: a capture piped in from a collector
   * that stays open is analysed as soon as it ends. */
  while (st == DSREG_OK && bw.run < BINARY_LIMIT &&
         (n = from ? dsreg_cli_pread(fd, w->buf, READ_CHUNK, bw.offset)
                   : dsreg_cli_read(fd, w->buf, READ_CHUNK)) > 0)
    st = feed_watched(p, &bw, w->buf, (size_t)n);
  int read_error = st == DSREG_OK && n < 0 ? errno : 0;
  int live_status = 0;
  if (live_in)
    live_status = dsreg_cli_live_close(live_in);
  else if (!from_stdin && !(w->live && r->cfg->live_stdin))
    dsreg_cli_close(fd);
  if (st == DSREG_OK)
    st = dsreg_parser_finish(p); /* hand over what was read, even so */
  if (st == DSREG_ENOCAPTURE && at.start.before)
    st = DSREG_OK; /* the parts before had the file's captures */
  if (st == DSREG_ESTOPPED)
    return; /* the run is stopping; the reason is already recorded */
  if (st == DSREG_ENOMEM) {
    /* Not the source's fault: the report would lack it, so the run ends
     * and -o FILE stays as it was. */
    lock(r);
    r->res->out_of_memory = r->stop = true;
    wake(r);
    unlock(r);
    return;
  }
  if (bw.run >= BINARY_LIMIT) {
    snprintf(msg, sizeof msg,
             "not text: %llu bytes in a row did not decode (given up at "
             "byte %llu)",
             bw.run, bw.offset);
  } else if (read_error) {
    snprintf(msg, sizeof msg, "read error after line %lu: %s",
             dsreg_parser_lines(p), strerror(read_error));
  } else if (st == DSREG_ENOCAPTURE && w->live && live_status != 0) {
    snprintf(msg, sizeof msg, "exited with status %d and printed no status",
             live_status);
  } else if (st == DSREG_ENOCAPTURE) {
    unsigned long lines = dsreg_parser_lines(p);
    if (lines == 0)
      snprintf(msg, sizeof msg,
               "empty input: no dsregcmd /status output found");
    else
      snprintf(msg, sizeof msg,
               "no dsregcmd /status output found in %lu line%s (%s)", lines,
               lines == 1 ? "" : "s",
               dsreg_encoding_name(dsreg_parser_encoding(p)));
  } else if (st != DSREG_OK) {
    snprintf(msg, sizeof msg, "%s", dsreg_strerror(st));
  } else {
    return;
  }
  source_failed(w, msg);
}

static void work(void *arg) {
  worker *w = arg;
  runner *r = w->r;
  for (;;) {
    lock(r);
    while (!r->stop && !r->exhausted && r->next >= r->head + r->window)
      wait_turn(r);
    if (r->stop || r->exhausted) {
      unlock(r);
      return;
    }
    /* The walk is a stream: the next source is found here, in order, by
     * whichever worker is free. */
    int got = cli_sources_next(r->src, &slot(r, r->next)->src);
    if (got <= 0) {
      r->exhausted = true;
      if (got < 0)
        r->res->out_of_memory = r->stop = true;
      wake(r);
      unlock(r);
      return;
    }
    w->job = r->next++;
    unlock(r);
    read_source(w);
    job_done(w);
  }
}

int cli_run(const cli_run_config *cfg, cli_sources *src, cli_run_result *res) {
  runner r;
  int jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
  bool many = cli_sources_many(src);
  if (!many || cfg->redact)
    jobs = 1;
  memset(&r, 0, sizeof r);
  r.split = !many;
  memset(res, 0, sizeof *res);
  r.cfg = cfg;
  r.src = src;
  r.res = res;
  cli_progress_init(&r.progress, cfg->progress ? stderr : NULL);
  r.window = (size_t)jobs * WINDOW_PER_JOB;
  r.jobs = calloc(r.window, sizeof *r.jobs);
  worker *w = calloc((size_t)jobs, sizeof *w);
  cli_thread **threads = calloc((size_t)jobs, sizeof *threads);
  if (jobs > 1)
    r.lock = dsreg_cli_lock_new();
  if (cfg->redact)
    r.redactor = dsreg_redactor_new();
  bool ok = r.jobs && w && threads && (jobs == 1 || r.lock) &&
            (!cfg->redact || r.redactor);
  for (int i = 0; ok && i < jobs; i++) {
    w[i].r = &r;
    w[i].parser = dsreg_parser_new(cli_runner_on_capture, &w[i]);
    w[i].buf = malloc(READ_CHUNK);
    ok = w[i].parser && w[i].buf &&
         dsreg_parser_set_encoding(w[i].parser, cfg->encoding) == DSREG_OK;
  }
  if (!ok) {
    res->out_of_memory = true;
  } else if (jobs == 1) {
    work(&w[0]);
  } else {
    int started = 0;
    for (int i = 0; i < jobs; i++)
      if ((threads[i] = dsreg_cli_thread_start(work, &w[i])) != NULL)
        started++;
    if (started == 0)
      work(&w[0]); /* no threads to be had: do it here */
    for (int i = 0; i < jobs; i++)
      if (threads[i])
        dsreg_cli_thread_join(threads[i]);
  }
  cli_progress_end(&r.progress);
  if (cfg->summary)
    cfg->summary->sources = r.sources;
  for (int i = 0; w && i < jobs; i++) {
    dsreg_parser_free(w[i].parser);
    free(w[i].buf);
  }
  for (size_t i = 0; r.jobs && i < r.window; i++) {
    dsreg_outbuf_free(&r.jobs[i].out);
    dsreg_outbuf_free(&r.jobs[i].err);
    cli_source_free(&r.jobs[i].src);
  }
  free(r.jobs);
  free(w);
  free(threads);
  dsreg_cli_lock_free(r.lock);
  dsreg_redactor_free(r.redactor);
  return res->write_failed || res->out_of_memory ? -1 : 0;
}
