/*
 * runner_parts.c - one big log in parallel parts (split.h): the plan, the
 * part threads, the check of every capture against the plan, and the
 * in-order writes.  The runner (runner.c) calls it for a big regular file
 * read alone, and parses in one piece from wherever it gives up.
 */
#include "runner_parts.h"

#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "say.h"

/* A capture of a part (read_split) is kept only where the plan says the
 * whole file's parse would have it: the next opener's line and number, the
 * file's encoding, nothing replaced.  Anything else, and the rest of the
 * file is parsed in one piece from this part on. */
bool cli_part_matches(worker *w, const dsreg_capture *cap) {
  const part *pt = w->part;
  size_t j = w->plan_next;
  return j < pt->end && cap->line == w->plan->openers[j].line &&
         cap->index == j + 1 && cap->encoding == w->enc &&
         cap->replacements == 0;
}

/* Writes a part's records as they are (the file is the only source, and
 * so the head): no copy into the source's buffer first.  -1 when the run
 * must stop. */
static int write_part(worker *w, const dsreg_outbuf *recs) {
  runner *r = w->r;
  cli_output *out = r->cfg->out;
  lock(r);
  if (recs->oom)
    r->res->out_of_memory = r->stop = true;
  if (!r->stop && recs->len) {
    if (out->flush_each)
      cli_progress_hide(&r->progress);
    cli_output_write(out, recs->data, recs->len);
    cli_output_record_done(out);
    if (out->failed)
      r->res->write_failed = r->stop = true;
    cli_progress_resume(&r->progress);
  }
  int rc = r->stop ? -1 : 0;
  unlock(r);
  return rc;
}

typedef struct splitter {
  runner *r;
  const worker *source; /* the worker of the file: name, parser options */
  const cli_split_plan *plan;
  int fd;
  dsreg_encoding enc;
  part *parts;
  size_t nparts, next, written;
  bool stop;
  cli_lock *lock;
  size_t ahead; /* parts parsed before they can be written */
} splitter;

/* The bytes a part's parser is given before its own, so that it decodes as
 * the whole file does: the file's byte order mark. */
static const char *bom_of(const cli_split_plan *plan) {
  if (plan->unit == 2)
    return plan->big_endian ? "\xFE\xFF" : "\xFF\xFE";
  return plan->bom ? "\xEF\xBB\xBF" : "";
}

static void parse_part(splitter *sp, worker *w, part *pt) {
  const cli_split_plan *plan = sp->plan;
  dsreg_status st = DSREG_OK;
  dsreg_parser_reset(w->parser);
  if (pt->first > 0) {
    st = dsreg_parser_start_at(w->parser, plan->openers[pt->first].line,
                               pt->first);
    const char *bom = bom_of(plan);
    if (st == DSREG_OK && bom[0])
      st = dsreg_parser_feed(w->parser, bom, strlen(bom));
  }
  w->part = pt;
  w->plan = plan;
  w->plan_next = pt->first;
  w->enc = sp->enc;
  for (uint64_t at = pt->from; st == DSREG_OK && at < pt->to && !pt->bad;) {
    size_t want = pt->to - at < READ_CHUNK ? (size_t)(pt->to - at) : READ_CHUNK;
    long n = dsreg_cli_pread(sp->fd, w->buf, want, at);
    if (n <= 0)
      break; /* an error or a file that shrank: the parse in one piece says */
    st = dsreg_parser_feed(w->parser, w->buf, (size_t)n);
    at += (uint64_t)n;
  }
  if (st == DSREG_OK)
    st = dsreg_parser_finish(w->parser);
  if ((st != DSREG_OK && st != DSREG_ENOCAPTURE) || w->plan_next != pt->end ||
      dsreg_parser_replacements(w->parser) != 0)
    pt->bad = true;
  w->part = NULL;
}

typedef struct part_worker {
  splitter *sp;
  worker w;
} part_worker;

static void part_thread(void *arg) {
  part_worker *pw = arg;
  splitter *sp = pw->sp;
  for (;;) {
    dsreg_cli_lock(sp->lock);
    while (!sp->stop && sp->next < sp->nparts &&
           sp->next >= sp->written + sp->ahead)
      dsreg_cli_wait(sp->lock);
    if (sp->stop || sp->next >= sp->nparts) {
      dsreg_cli_unlock(sp->lock);
      return;
    }
    part *pt = &sp->parts[sp->next++];
    dsreg_cli_unlock(sp->lock);
    parse_part(sp, &pw->w, pt);
    dsreg_cli_lock(sp->lock);
    pt->done = true;
    dsreg_cli_broadcast(sp->lock);
    dsreg_cli_unlock(sp->lock);
  }
}

/* Parts of about PART_BYTES, each starting at an opener (the first at byte
 * 0): fewer than two, and there is nothing to gain. */
static size_t plan_parts(const cli_split_plan *plan, uint64_t size, part *parts,
                         size_t max) {
  size_t n = 0;
  uint64_t from = 0;
  size_t first = 0;
  for (size_t j = 1; j < plan->count && n + 1 < max; j++) {
    if (!plan->openers[j].split || plan->openers[j].offset - from < PART_BYTES)
      continue;
    parts[n] = (part){
        .from = from, .to = plan->openers[j].offset, .first = first, .end = j};
    n++;
    from = plan->openers[j].offset;
    first = j;
  }
  parts[n] =
      (part){.from = from, .to = size, .first = first, .end = plan->count};
  return n + 1;
}

static int ignore_capture(const dsreg_capture *cap, void *user) {
  (void)cap;
  (void)user;
  return 0;
}

/* The encoding the file's parse shows, from its first bytes (a parser of
 * its own: the captures in them are not the report's). */
static dsreg_encoding file_encoding(const worker *w, int fd) {
  dsreg_encoding enc = DSREG_ENCODING_UNKNOWN;
  dsreg_parser *p = dsreg_parser_new(ignore_capture, NULL);
  long n = p ? dsreg_cli_pread(fd, w->buf, READ_CHUNK, 0) : -1;
  if (n > 0 && dsreg_parser_set_encoding(p, w->r->cfg->encoding) == DSREG_OK &&
      dsreg_parser_feed(p, w->buf, (size_t)n) == DSREG_OK)
    enc = dsreg_parser_encoding(p);
  dsreg_parser_free(p);
  return enc;
}

/* Parses the file in parts on --jobs threads and writes them in order.
 * Returns true when the whole file is done; false with *at set where the
 * parse in one piece must take over (a part that did not match the plan,
 * or no plan at all: from byte 0). */
bool cli_read_split(worker *w, int fd, uint64_t size, resume_at *at) {
  runner *r = w->r;
  int jobs = r->cfg->jobs;
  cli_split_plan plan;
  splitter sp;
  bool whole = false;
  *at = (resume_at){0, 1, 0, ""};
  memset(&sp, 0, sizeof sp);
  size_t max_parts = (size_t)(size / PART_BYTES) + 2;
  if (cli_split_scan(fd, size, &plan) != 0 || plan.count < 2 ||
      !(sp.parts = calloc(max_parts, sizeof *sp.parts)) ||
      !(sp.lock = dsreg_cli_lock_new())) {
    cli_split_free(&plan);
    free(sp.parts);
    dsreg_cli_lock_free(sp.lock);
    return false;
  }
  sp.r = r;
  sp.source = w;
  sp.plan = &plan;
  sp.fd = fd;
  sp.enc = file_encoding(w, fd);
  sp.nparts = plan_parts(&plan, size, sp.parts, max_parts);
  sp.ahead = (size_t)jobs + 1;
  part_worker *pw = calloc((size_t)jobs, sizeof *pw);
  cli_thread **threads = calloc((size_t)jobs, sizeof *threads);
  int started = 0;
  for (int i = 0; pw && threads && sp.nparts > 1 && i < jobs; i++) {
    pw[i].sp = &sp;
    pw[i].w = *w;
    pw[i].w.parser = dsreg_parser_new(cli_runner_on_capture, &pw[i].w);
    pw[i].w.buf = malloc(READ_CHUNK);
    if (!pw[i].w.parser || !pw[i].w.buf ||
        dsreg_parser_set_encoding(pw[i].w.parser, r->cfg->encoding) !=
            DSREG_OK ||
        !(threads[i] = dsreg_cli_thread_start(part_thread, &pw[i])))
      break;
    started++;
  }
  size_t k = 0;
  if (started > 0) {
    for (; k < sp.nparts; k++) {
      part *pt = &sp.parts[k];
      dsreg_cli_lock(sp.lock);
      while (!pt->done)
        dsreg_cli_wait(sp.lock);
      dsreg_cli_unlock(sp.lock);
      if (pt->bad)
        break;
      lock(r);
      r->captures += pt->captures;
      r->res->error_finding |= pt->error;
      unlock(r);
      if (write_part(w, &pt->out))
        break; /* the run is stopping */
      dsreg_outbuf_free(&pt->out);
      dsreg_cli_lock(sp.lock);
      sp.written++;
      dsreg_cli_broadcast(sp.lock);
      dsreg_cli_unlock(sp.lock);
    }
    whole = k == sp.nparts;
    if (!whole && k < sp.nparts && sp.parts[k].bad)
      *at = (resume_at){sp.parts[k].from,
                        k ? plan.openers[sp.parts[k].first].line : 1,
                        sp.parts[k].first, k ? bom_of(&plan) : ""};
    else if (!whole)
      whole = true; /* stopping: nothing more to write */
  }
  /* DSREG_SPLIT_TRACE=1: how the file was read, for the tests and the
   * benchmark (bench/README.md) */
  const char *trace = getenv("DSREG_SPLIT_TRACE");
  if (trace && trace[0] == '1')
    cli_say(stderr, "dsregdiag: split: %s: %zu parts, %zu in parallel%s\n",
            w->name, sp.nparts, k, whole ? "" : ", the rest in one piece");
  dsreg_cli_lock(sp.lock);
  sp.stop = true;
  dsreg_cli_broadcast(sp.lock);
  dsreg_cli_unlock(sp.lock);
  for (int i = 0; pw && threads && i < jobs; i++) {
    if (threads[i])
      dsreg_cli_thread_join(threads[i]);
    dsreg_parser_free(pw[i].w.parser);
    free(pw[i].w.buf);
  }
  for (size_t i = 0; i < sp.nparts; i++)
    dsreg_outbuf_free(&sp.parts[i].out);
  free(pw);
  free(threads);
  free(sp.parts);
  dsreg_cli_lock_free(sp.lock);
  cli_split_free(&plan);
  return whole;
}

/* A big regular file read alone, with threads to spare, and nothing that
 * needs its captures in one stream (--summary counts them; --latest and
 * --redact number them in order). */
bool cli_split_wanted(const worker *w, int fd, uint64_t *size) {
  const cli_run_config *cfg = w->r->cfg;
  return cfg->jobs > 1 && !cfg->summary && !cfg->latest && !cfg->redact &&
         w->r->split && !w->live && dsreg_cli_fd_size(fd, size) &&
         *size >= SPLIT_MIN;
}
