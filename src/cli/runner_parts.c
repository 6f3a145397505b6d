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
  bool ok = j < pt->end &&
            cli_split_capture_ok(cap, j, pt->lines[j - pt->first], w->enc);
  if (ok && j == pt->first && cli_split_opens_device_state(cap))
    w->part->first_ok = true; /* the part before may be written */
  return ok;
}

/* Writes a part's records as they are (the file is the only source, and
 * so the head): no copy into the source's buffer first.  -1 when the run
 * must stop. */
static int write_part(worker *w, const dsreg_outbuf *recs) {
  runner *r = w->r;
  lock(r);
  if (recs->oom)
    r->res->out_of_memory = r->stop = true;
  if (!r->stop && recs->len) {
    cli_runner_write(r, recs->data, recs->len);
    cli_progress_resume(&r->progress);
  }
  int rc = r->stop ? -1 : 0;
  unlock(r);
  return rc;
}

/* The parts of one file.  The coordinator (the thread that called
 * cli_read_split) scans the file a piece at a time, hands out each part as
 * soon as the scan has found where it ends, and writes the parsed parts in
 * order; the part threads parse them.  Part k lives in slots[k % nslots]
 * from when it is handed out until it is written, so memory is bounded by
 * the number of slots, whatever the size of the file. */
typedef struct splitter {
  runner *r;
  int fd;
  uint64_t size;
  dsreg_encoding enc;
  const char *bom; /* given to every part's parser before its bytes */
  part *slots;
  size_t nslots;
  size_t published; /* parts handed out */
  size_t next;      /* the next part a thread takes */
  size_t written;   /* parts written */
  size_t ahead;     /* parts parsed before they can be written */
  uint64_t part_bytes;
  bool scanned; /* no more parts will be handed out */
  bool stop;
  cli_lock *lock;
} splitter;

/* DSREG_SPLIT_TEST=N (bytes, at least 1): every file is split, in parts of
 * about N bytes, so that the tests can cut small files at every capture.
 * 0 when it is not set. */
static uint64_t split_test_bytes(void) {
  const char *v = getenv("DSREG_SPLIT_TEST");
  if (!v || !*v)
    return 0;
  char *end;
  unsigned long long n = strtoull(v, &end, 10);
  return *end == '\0' && n > 0 ? (uint64_t)n : 0;
}

static part *slot(const splitter *sp, size_t k) {
  return &sp->slots[k % sp->nslots];
}

/* Where a part's parse starts. */
static cli_split_start start_of(const part *pt) {
  return (cli_split_start){pt->from, pt->first ? pt->lines[0] : 1, pt->first,
                           pt->committed};
}

static void parse_part(splitter *sp, worker *w, part *pt) {
  dsreg_parser_reset(w->parser);
  cli_split_start start = start_of(pt);
  dsreg_status st =
      cli_split_begin(w->parser, sp->r->cfg->encoding, sp->bom, &start);
  w->part = pt;
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
  /* The next part's parser starts as fresh as the plan assumes only if
   * this one holds nothing back at its end; if it does, the parse in one
   * piece takes over from this part, which started right. */
  if (st == DSREG_OK && pt->to < sp->size &&
      !dsreg_parser_at_boundary(w->parser))
    pt->bad = true;
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
    while (!sp->stop &&
           (sp->next >= sp->published ? !sp->scanned
                                      : sp->next >= sp->written + sp->ahead))
      dsreg_cli_wait(sp->lock);
    if (sp->stop || sp->next >= sp->published) {
      dsreg_cli_unlock(sp->lock);
      return;
    }
    part *pt = slot(sp, sp->next++);
    dsreg_cli_unlock(sp->lock);
    parse_part(sp, &pw->w, pt);
    dsreg_cli_lock(sp->lock);
    pt->done = true;
    dsreg_cli_broadcast(sp->lock);
    dsreg_cli_unlock(sp->lock);
  }
}

/* Where the part being planned starts: at byte `from`, at opener `first`
 * (0-based in the file), which is on line `line`. */
typedef struct cut {
  uint64_t from;
  size_t first;
  unsigned long line;
  bool committed;
  bool last; /* the part that runs to the end of the file is handed out */
} cut;

/* Hands out the part from the cut to opener `end` (at byte `to`), its
 * openers taken from the plan.  False when out of memory. */
static bool hand_out(splitter *sp, cli_split_plan *plan, cut *c, size_t end,
                     uint64_t to) {
  size_t n = end - c->first;
  unsigned long *lines = malloc((n ? n : 1) * sizeof *lines);
  if (!lines)
    return false;
  for (size_t i = 0; i < n; i++)
    lines[i] = plan->openers[c->first - plan->base + i].line;
  part *pt = slot(sp, sp->published);
  /* the slot's buffer is kept from its last part: no page faults and no
   * regrowth for each part's records */
  dsreg_outbuf out = pt->out;
  out.len = 0;
  out.oom = 0;
  *pt = (part){.out = out,
               .from = c->from,
               .to = to,
               .first = c->first,
               .end = end,
               .lines = lines,
               .committed = c->committed};
  cli_split_take(plan, c->first - plan->base + n);
  dsreg_cli_lock(sp->lock);
  sp->published++;
  dsreg_cli_broadcast(sp->lock);
  dsreg_cli_unlock(sp->lock);
  return true;
}

/* Hands out every part of about part_bytes that the plan has found the end
 * of, each ending at a place to cut, while slots are free; and, once the
 * scan is done, the last part.  False when out of memory. */
static bool hand_out_parts(splitter *sp, cli_split_plan *plan, cut *c,
                           bool scan_done, uint64_t size, uint64_t settled) {
  for (size_t i = 0; i < plan->count; i++) {
    const cli_opener *o = &plan->openers[i];
    if (sp->published >= sp->written + sp->nslots)
      return true;
    if (!scan_done && o->offset >= settled)
      return true; /* what follows it may still make it no place to cut */
    if (plan->base + i <= c->first || !o->split ||
        o->offset - c->from < sp->part_bytes)
      continue;
    cut next = {o->offset, plan->base + i, o->line, o->committed != 0, false};
    if (!hand_out(sp, plan, c, plan->base + i, o->offset))
      return false;
    *c = next;
    i = 0; /* the opener cut at is now the plan's first */
  }
  if (scan_done && !c->last && sp->published < sp->written + sp->nslots) {
    if (!hand_out(sp, plan, c, plan->base + plan->count, size))
      return false;
    c->last = true;
  }
  return true;
}

static void set_scanned(splitter *sp) {
  dsreg_cli_lock(sp->lock);
  sp->scanned = true;
  dsreg_cli_broadcast(sp->lock);
  dsreg_cli_unlock(sp->lock);
}

/* Parses the file in parts on --jobs threads and writes them in order.
 * Returns true when the whole file is done; false with *at set where the
 * parse in one piece must take over (a part that did not match the plan,
 * a scan that failed part-way, or no plan at all: from byte 0). */
bool cli_read_split(worker *w, int fd, uint64_t size, resume_at *at) {
  runner *r = w->r;
  int jobs = r->cfg->jobs;
  cli_split_reader rd;
  splitter sp;
  *at = (resume_at){{0, 1, 0, false}, ""};
  memset(&sp, 0, sizeof sp);
  sp.ahead = (size_t)jobs + 1;
  sp.part_bytes = split_test_bytes();
  if (!sp.part_bytes)
    sp.part_bytes = PART_BYTES;
  /* a slot for every part a thread may hold, and as many found ahead */
  sp.nslots = 2 * sp.ahead;
  if (cli_split_open(&rd, fd, size) != 0 ||
      !(sp.slots = calloc(sp.nslots, sizeof *sp.slots)) ||
      !(sp.lock = dsreg_cli_lock_new())) {
    cli_split_close(&rd);
    free(sp.slots);
    dsreg_cli_lock_free(sp.lock);
    return false;
  }
  sp.r = r;
  sp.fd = fd;
  sp.size = size;
  /* the first piece the scan has read is what the whole file's parse
   * decides its encoding on */
  sp.enc = cli_split_encoding(rd.buf, rd.have, r->cfg->encoding);
  sp.bom = cli_split_bom(&rd.plan);
  part_worker *pw = calloc((size_t)jobs, sizeof *pw);
  cli_thread **threads = calloc((size_t)jobs, sizeof *threads);
  int started = 0;
  for (int i = 0; pw && threads && i < jobs; i++) {
    pw[i].sp = &sp;
    pw[i].w = *w;
    pw[i].w.parser = dsreg_parser_new(cli_runner_on_capture, &pw[i].w);
    pw[i].w.buf = malloc(READ_CHUNK);
    if (!pw[i].w.parser || !pw[i].w.buf ||
        !(threads[i] = dsreg_cli_thread_start(part_thread, &pw[i])))
      break;
    started++;
  }
  cut c = {0, 0, 1, false, false};
  int scan = started > 0 ? 1 : -1; /* more to scan, done, failed */
  bool whole = false, bad = false;
  size_t k = 0; /* the next part to write */
  while (started > 0) {
    /* scan on while the parts it finds have slots to go to */
    if (scan == 1 && sp.published < k + sp.nslots) {
      scan = cli_split_step(&rd);
      if (!hand_out_parts(&sp, &rd.plan, &c, scan == 0, size,
                          cli_split_settled(&rd)))
        scan = -1;
      if (scan != 1 && (scan == -1 || c.last))
        set_scanned(&sp);
      continue;
    }
    if (scan == 0 && !c.last) {
      /* the last part waits for a slot */
      if (!hand_out_parts(&sp, &rd.plan, &c, true, size, size))
        scan = -1;
      if (scan == -1 || c.last)
        set_scanned(&sp);
    }
    if (k == sp.published) {
      if (sp.scanned)
        break;
      continue;
    }
    /* A part is written once the next one has begun where the plan says:
     * until then its last capture may go on past its end (a line the scan
     * took for a box rule that the parser does not). */
    part *pt = slot(&sp, k);
    bool last = c.last && k + 1 == sp.published;
    if (!last && k + 1 == sp.published && scan == -1) {
      bad = true; /* the scan failed right after it: from its start */
      break;
    }
    part *nx = !last && k + 1 < sp.published ? slot(&sp, k + 1) : NULL;
    bool can_scan = scan == 1 && sp.published < k + sp.nslots;
    dsreg_cli_lock(sp.lock);
    bool ready = pt->done && (last || (nx && nx->done));
    while (!ready && !can_scan) {
      dsreg_cli_wait(sp.lock);
      ready = pt->done && (last || (nx && nx->done));
    }
    dsreg_cli_unlock(sp.lock);
    if (!ready)
      continue; /* scan on meanwhile */
    if (pt->bad || (nx && !nx->first_ok)) {
      bad = true;
      break;
    }
    lock(r);
    r->captures += pt->captures;
    r->res->error_finding |= pt->error;
    unlock(r);
    if (write_part(w, &pt->out)) {
      whole = true; /* the run is stopping: nothing more to write */
      break;
    }
    if (pt->out.cap > KEEP_OUT_BYTES)
      dsreg_outbuf_free(&pt->out); /* an odd part: do not keep its memory */
    free(pt->lines);
    pt->lines = NULL;
    k++;
    dsreg_cli_lock(sp.lock);
    sp.written = k;
    dsreg_cli_broadcast(sp.lock);
    dsreg_cli_unlock(sp.lock);
  }
  if (started > 0 && !whole) {
    if (bad) {
      const part *pt = slot(&sp, k);
      *at = (resume_at){start_of(pt), sp.bom};
    } else if (scan == -1) {
      /* the scan failed part-way: the rest from where the plan ends */
      *at = (resume_at){{c.from, c.line, c.first, c.committed}, sp.bom};
    } else {
      whole = true;
    }
  }
  /* DSREG_SPLIT_TRACE=1: how the file was read, for the tests and the
   * benchmark (bench/README.md) */
  const char *trace = getenv("DSREG_SPLIT_TRACE");
  if (trace && trace[0] == '1')
    cli_say(stderr, "dsregdiag: split: %s: %zu parts, %zu in parallel%s\n",
            w->name, sp.published, k, whole ? "" : ", the rest in one piece");
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
  for (size_t i = k; i < sp.published; i++)
    free(slot(&sp, i)->lines);
  for (size_t i = 0; sp.slots && i < sp.nslots; i++)
    dsreg_outbuf_free(&sp.slots[i].out);
  free(pw);
  free(threads);
  free(sp.slots);
  dsreg_cli_lock_free(sp.lock);
  cli_split_close(&rd);
  return whole;
}

/* A big regular file read alone, with threads to spare, and nothing that
 * needs its captures in one stream (--summary counts them; --latest and
 * --redact number them in order; a report with an end, the HTML page,
 * adds each capture to its fleet as it is analysed, which a part that is
 * parsed again would add twice). */
bool cli_split_wanted(const worker *w, int fd, uint64_t *size) {
  const cli_run_config *cfg = w->r->cfg;
  return cfg->jobs > 1 && !cfg->summary && !cfg->latest && !cfg->redact &&
         !cfg->reporter->end && w->r->split && !w->live &&
         dsreg_cli_fd_size(fd, size) &&
         (*size >= SPLIT_MIN || split_test_bytes());
}
