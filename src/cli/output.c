/*
 * output.c - the report's destination, replaced only by a complete run
 * (see output.h).
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "say.h"

#define OUT_BUFFER (64 * 1024)

static void fail(cli_output *o, int err) {
  if (!o->failed) {
    o->failed = true;
    o->err = err ? err : EIO;
  }
}

static void flush(cli_output *o) {
  if (o->len && !o->failed && dsreg_cli_write(o->fd, o->buf, o->len) != 0)
    fail(o, errno);
  o->len = 0;
}

static const char TEMP_PREFIX[] = ".dsregdiag-";
static const char TEMP_SUFFIX[] = ".tmp";

/* A new temporary file beside `target`, under a short name (so that a
 * target name near the system's limit still has room) that no one can
 * guess; -1 with errno set when none can be made. */
static int temp_create(const char *target, char **path) {
  const char *base = target;
  for (const char *p = target; *p; p++)
    if (*p == '/' || *p == dsreg_cli_path_sep || *p == ':')
      base = p + 1;
  size_t dir = (size_t)(base - target);
  size_t n = dir + sizeof TEMP_PREFIX + 8 + sizeof TEMP_SUFFIX;
  char *p = malloc(n);
  if (!p)
    return -1;
  memcpy(p, target, dir);
  for (int tries = 0; tries < 100; tries++) {
    snprintf(p + dir, n - dir, "%s%08lx%s", TEMP_PREFIX,
             (unsigned long)dsreg_cli_random(), TEMP_SUFFIX);
    int fd = dsreg_cli_create_new(p);
    if (fd >= 0) {
      *path = p;
      return fd;
    }
    if (errno != EEXIST)
      break;
  }
  int e = errno;
  free(p);
  errno = e;
  return -1;
}

bool cli_output_is_temp_name(const char *name) {
  size_t pre = sizeof TEMP_PREFIX - 1, suf = sizeof TEMP_SUFFIX - 1;
  if (strlen(name) != pre + 8 + suf || strncmp(name, TEMP_PREFIX, pre) != 0 ||
      strcmp(name + pre + 8, TEMP_SUFFIX) != 0)
    return false;
  for (size_t i = pre; i < pre + 8; i++)
    if (!strchr("0123456789abcdef", name[i]))
      return false;
  return true;
}

int cli_output_open(cli_output *o, const char *name, FILE *msgs) {
  memset(o, 0, sizeof *o);
  o->name = name;
  o->fd = 1;
  if (!(o->buf = malloc(OUT_BUFFER))) {
    cli_say(msgs, "dsregdiag: out of memory\n");
    return -1;
  }
  if (name) {
    cli_path_info info;
    char err[256];
    bool exists = dsreg_cli_stat(name, &info, err, sizeof err) == 0;
    bool in_place =
        (exists && info.kind != CLI_PATH_FILE) || dsreg_cli_is_link(name);
    if (exists && info.kind == CLI_PATH_FILE) {
      /* Its identity, to skip it in a walk: a look at the path may not
       * give one (Windows answers a plain file from its attributes). */
      cli_path_info id;
      int fd = dsreg_cli_open_read(name, true, &id, err, sizeof err);
      if (fd >= 0) {
        o->self[o->self_count++] = id;
        dsreg_cli_close(fd);
      }
    }
    if (in_place)
      o->fd = dsreg_cli_open_write(name);
    else
      o->fd = temp_create(name, &o->tmp);
    if (o->fd < 0) {
      cli_say(msgs, "dsregdiag: %s: cannot create: %s\n", name,
              strerror(errno));
      free(o->buf);
      o->buf = NULL;
      return -1;
    }
    if (o->tmp)
      dsreg_cli_guard_temp(o->tmp);
  }
  cli_path_info mine;
  if (dsreg_cli_fd_info(o->fd, &mine) == 0) {
    o->flush_each = mine.kind != CLI_PATH_FILE;
    if (mine.kind == CLI_PATH_FILE && o->self_count < 2)
      o->self[o->self_count++] = mine;
  }
  return 0;
}

void cli_output_write(cli_output *o, const void *data, size_t n) {
  if (o->failed)
    return;
  if (o->len + n > OUT_BUFFER) {
    flush(o);
    if (n >= OUT_BUFFER) { /* a big record: no copy */
      if (!o->failed && dsreg_cli_write(o->fd, data, n) != 0)
        fail(o, errno);
      return;
    }
  }
  memcpy(o->buf + o->len, data, n);
  o->len += n;
}

void cli_output_record_done(cli_output *o) {
  if (o->flush_each)
    flush(o);
}

bool cli_output_is_self(const cli_output *o, const cli_path_info *info) {
  for (size_t i = 0; i < o->self_count; i++)
    if (o->self[i].dev == info->dev && o->self[i].ino == info->ino)
      return true;
  return false;
}

/* Says why the report could not be written, naming it. */
static void report_failure(const cli_output *o, const char *what, int err,
                           FILE *msgs) {
  if (!o->name)
    cli_say(msgs, "dsregdiag: error: writing output failed: %s\n",
            strerror(err));
  else if (o->tmp)
    cli_say(msgs, "dsregdiag: %s: %s: %s; the file was left as it was\n",
            o->name, what, strerror(err));
  else
    cli_say(msgs, "dsregdiag: %s: %s: %s\n", o->name, what, strerror(err));
}

int cli_output_close(cli_output *o, bool keep, FILE *msgs) {
  int rc = 0;
  if (keep)
    flush(o);
  const char *what = "cannot write";
  if (keep && !o->failed && o->tmp) {
    dsreg_cli_adopt_mode(o->fd, o->name);
    if (dsreg_cli_sync(o->fd) != 0) {
      fail(o, errno);
      what = "cannot sync";
    }
  }
  bool gone = o->failed && dsreg_cli_reader_gone(o->fd, o->err);
  if (o->fd != 1 && dsreg_cli_close(o->fd) != 0 && keep && !o->failed) {
    fail(o, errno);
    what = "cannot close";
  }
  if (o->failed) {
    rc = -1;
    if (!gone) /* dsregdiag ... | head: not worth a word */
      report_failure(o, what, o->err, msgs);
  }
  if (o->tmp) {
    if (keep && !o->failed && dsreg_cli_replace(o->tmp, o->name) != 0) {
      report_failure(o, "cannot replace", errno, msgs);
      rc = -1;
      keep = false;
    }
    if (!keep || o->failed)
      dsreg_cli_remove(o->tmp);
    dsreg_cli_guard_temp(NULL);
    free(o->tmp);
    o->tmp = NULL;
  }
  free(o->buf);
  o->buf = NULL;
  return rc;
}
