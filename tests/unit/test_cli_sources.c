/*
 * test_cli_sources.c - FILE arguments to sources (src/cli/sources.c): the
 * order of the walk, the notes for entries that are not read, and the
 * bounded listing.  Built with CLI_WALK_BATCH=3, so a folder of ten files
 * is listed in four passes and must still come out whole, in name order.
 */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L /* symlink, mkfifo */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_dirs.h"

#include "platform.h"
#include "sources.h"

#if !defined(CLI_WALK_BATCH) || CLI_WALK_BATCH != 3
#error "build with -DCLI_WALK_BATCH=3 (tests/CMakeLists.txt)"
#endif

#define ROOT "test_cli_sources.d"
/* What the walk puts between a folder and a name. */
#ifdef _WIN32
#define SEP "\\"
#else
#define SEP "/"
#endif

static int remove_entry(void *ctx, const char *name, cli_path_kind kind);

static void remove_tree(const char *path) {
  char err[256];
  (void)dsreg_cli_list_dir(path, remove_entry, (void *)path, err, sizeof err);
  (void)remove_dir(path);
}

static int remove_entry(void *ctx, const char *name, cli_path_kind kind) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", (const char *)ctx, name);
  if (kind == CLI_PATH_DIR)
    remove_tree(path);
  else
    (void)dsreg_cli_remove(path);
  return 0;
}

static int fresh_root(void **state) {
  (void)state;
  remove_tree(ROOT);
  return make_dir(ROOT) == 0 ? 0 : -1;
}

static int gone_root(void **state) {
  (void)state;
  remove_tree(ROOT);
  return 0;
}

static void touch(const char *path) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fclose(f), 0);
}

static void mkdir_ok(const char *path) { assert_int_equal(make_dir(path), 0); }

/* What one source is, as one line: "path", "path !error", "path #note",
 * with " walked" and " temp" flags. */
static void describe(const cli_source *s, char *buf, size_t size) {
  snprintf(buf, size, "%s%s%s%s%s%s%s", s->path, s->error ? " !" : "",
           s->error ? s->error : "", s->note ? " #" : "",
           s->note ? s->note : "", s->walked ? " walked" : "",
           s->temp ? " temp" : "");
}

/* Every source of the walk of `args`, one per line. */
static void walk(const char *const *args, size_t n, bool live, char *out,
                 size_t size) {
  cli_sources *s = cli_sources_open(args, n, live);
  cli_source src;
  int rc;
  assert_non_null(s);
  out[0] = '\0';
  while ((rc = cli_sources_next(s, &src)) == 1) {
    char line[512];
    describe(&src, line, sizeof line);
    strncat(out, line, size - strlen(out) - 2);
    strcat(out, "\n");
    cli_source_free(&src);
  }
  assert_int_equal(rc, 0);
  assert_int_equal(cli_sources_next(s, &src), 0); /* and it stays ended */
  cli_sources_close(s);
}

static void test_stdin_and_live(void **state) {
  (void)state;
  char got[256];
  walk(NULL, 0, false, got, sizeof got);
  assert_string_equal(got, "-\n");
  walk(NULL, 0, true, got, sizeof got);
  assert_string_equal(got, "\n");
}

/* Names that are not folders are handed out as given, in order: reading
 * them says what is wrong. */
static void test_arguments_as_given(void **state) {
  (void)state;
  char got[512];
  touch(ROOT SEP "a.txt");
  const char *args[] = {ROOT SEP "a.txt", "-", ROOT SEP "missing.txt",
                        ROOT SEP "a.txt"};
  walk(args, 4, false, got, sizeof got);
  assert_string_equal(got, ROOT SEP "a.txt\n-\n" ROOT SEP
                                    "missing.txt\n" ROOT SEP "a.txt\n");
}

/* Ten files and a folder among them, batches of three: byte order, the
 * folder's files at its place, nothing lost or repeated. */
static void test_walk_order_across_batches(void **state) {
  (void)state;
  char path[256], got[2048];
  for (int i = 1; i <= 10; i++) {
    snprintf(path, sizeof path, ROOT SEP "%02d", i);
    touch(path);
  }
  touch(ROOT SEP "B"); /* upper case sorts first */
  touch(ROOT SEP "a");
  mkdir_ok(ROOT SEP "05d");
  touch(ROOT SEP "05d" SEP "y");
  touch(ROOT SEP "05d" SEP "x");
  mkdir_ok(ROOT SEP "05d" SEP "empty");
  const char *args[] = {ROOT};
  walk(args, 1, false, got, sizeof got);
  assert_string_equal(got, ROOT SEP
                      "01 walked\n" ROOT SEP "02 walked\n" ROOT SEP
                      "03 walked\n" ROOT SEP "04 walked\n" ROOT SEP
                      "05 walked\n" ROOT SEP "05d" SEP "x walked\n" ROOT SEP
                      "05d" SEP "y walked\n" ROOT SEP "06 walked\n" ROOT SEP
                      "07 walked\n" ROOT SEP "08 walked\n" ROOT SEP
                      "09 walked\n" ROOT SEP "10 walked\n" ROOT SEP
                      "B walked\n" ROOT SEP "a walked\n");
}

/* A name that sorts before the ones handed out, made between two batches,
 * is not handed out late; nothing comes twice or out of order. */
static void test_names_added_between_batches(void **state) {
  (void)state;
  char path[256], prev[256] = "";
  for (int i = 1; i <= 10; i++) {
    snprintf(path, sizeof path, ROOT SEP "%02d", i);
    touch(path);
  }
  const char *args[] = {ROOT};
  cli_sources *s = cli_sources_open(args, 1, false);
  cli_source src;
  size_t count = 0;
  assert_non_null(s);
  while (cli_sources_next(s, &src) == 1) {
    assert_true(strcmp(prev, src.path) < 0);
    assert_string_not_equal(src.path, ROOT SEP "03a");
    snprintf(prev, sizeof prev, "%s", src.path);
    cli_source_free(&src);
    if (++count == 4)
      touch(ROOT SEP "03a");
  }
  assert_true(count >= 10);
  cli_sources_close(s);
}

static void test_empty_folders(void **state) {
  (void)state;
  char got[512];
  mkdir_ok(ROOT SEP "empty");
  mkdir_ok(ROOT SEP "nested");
  mkdir_ok(ROOT SEP "nested" SEP "inner");
  const char *args[] = {ROOT SEP "empty", ROOT SEP "nested"};
  walk(args, 2, false, got, sizeof got);
  assert_string_equal(got, ROOT SEP "empty !no files in folder\n" ROOT SEP
                                    "nested !no files in folder\n");
}

/* Temporary files of -o are handed out marked, for the reader to judge. */
static void test_temp_files_marked(void **state) {
  (void)state;
  char got[512];
  touch(ROOT SEP ".dsregdiag-0123abcd.tmp");
  touch(ROOT SEP ".dsregdiag-notatemp.tmp");
  const char *args[] = {ROOT};
  walk(args, 1, false, got, sizeof got);
  /* The other is a dot file like any, left out; a temporary file is no
   * capture, so the folder has none. */
  assert_string_equal(got, ROOT SEP
                      ".dsregdiag-0123abcd.tmp walked temp\n" ROOT
                      " !no files in folder but 1 left out (system or dot "
                      "files, --include, --exclude)\n");
}

/* Explorer's and Finder's files and dot names are left out and counted,
 * folders included; named as an argument, a dot file is read. */
static void test_system_and_dot_files_skipped(void **state) {
  (void)state;
  char got[1024];
  /* Names in other cases in a folder of their own: on Windows they would
   * be the same files. */
  mkdir_ok(ROOT SEP "site");
  static const char *const skipped[] = {"Thumbs.db",   "site" SEP "THUMBS.DB",
                                        "desktop.ini", "site" SEP "Desktop.ini",
                                        ".DS_Store",   "._PC1.txt",
                                        ".hidden.txt"};
  for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++) {
    char path[256];
    snprintf(path, sizeof path, "%s%s%s", ROOT, SEP, skipped[i]);
    touch(path);
    const char *base = strrchr(skipped[i], SEP[0]);
    assert_non_null(cli_sources_skip_reason(base ? base + 1 : skipped[i]));
  }
  mkdir_ok(ROOT SEP ".git");
  touch(ROOT SEP ".git" SEP "HEAD");
  touch(ROOT SEP "PC1.txt");
  touch(ROOT SEP "Thumbs.db.txt"); /* a capture named oddly is still read */
  const char *args[] = {ROOT};
  cli_sources *s = cli_sources_open(args, 1, false);
  cli_source src;
  got[0] = '\0';
  while (cli_sources_next(s, &src) == 1) {
    strcat(got, src.path);
    strcat(got, "\n");
    cli_source_free(&src);
  }
  assert_string_equal(got, ROOT SEP "PC1.txt\n" ROOT SEP "Thumbs.db.txt\n");
  assert_int_equal(cli_sources_skipped(s), 8);
  assert_int_equal(cli_sources_unpicked(s), 0);
  cli_sources_close(s);
  assert_string_equal(cli_sources_skip_reason("desktop.INI"), "system file");
  assert_string_equal(cli_sources_skip_reason(".x"), "dot file");
  assert_null(cli_sources_skip_reason("PC1.txt"));
  assert_null(cli_sources_skip_reason("x.DS_Store"));
  const char *named[] = {ROOT SEP ".hidden.txt"};
  walk(named, 1, false, got, sizeof got);
  assert_string_equal(got, ROOT SEP ".hidden.txt\n");
}

/* --include and --exclude pick files by name, in every folder, never
 * folders themselves; a folder left empty says how many were left out. */
static void test_include_exclude(void **state) {
  (void)state;
  char got[1024];
  mkdir_ok(ROOT SEP "site");
  mkdir_ok(ROOT SEP "only-logs");
  touch(ROOT SEP "PC1.txt");
  touch(ROOT SEP "PC2.log");
  touch(ROOT SEP "old-PC3.txt");
  touch(ROOT SEP "notes.md");
  touch(ROOT SEP "site" SEP "PC4.txt");
  touch(ROOT SEP "only-logs" SEP "a.md");
  const char *const inc[] = {"*.txt", "*.log"};
  const char *const exc[] = {"old-*"};
  const char *args[] = {ROOT, ROOT SEP "notes.md", ROOT SEP "only-logs"};
  cli_sources *s = cli_sources_open(args, 3, false);
  cli_sources_pick(s, inc, 2, exc, 1, false);
  cli_source src;
  got[0] = '\0';
  while (cli_sources_next(s, &src) == 1) {
    char line[512];
    describe(&src, line, sizeof line);
    strcat(got, line);
    strcat(got, "\n");
    cli_source_free(&src);
  }
  assert_string_equal(
      got,
      ROOT SEP "PC1.txt walked\n" ROOT SEP "PC2.log walked\n" ROOT SEP
               "site" SEP "PC4.txt walked\n" ROOT SEP "notes.md\n" ROOT SEP
               "only-logs !no files in folder but 1 left out (system or dot "
               "files, --include, --exclude)\n");
  /* old-PC3.txt, notes.md, and only-logs/a.md twice (in the walk of ROOT
   * and of only-logs); notes.md named is read. */
  assert_int_equal(cli_sources_unpicked(s), 4);
  cli_sources_close(s);
  /* Case folding where names fold. */
  const char *const upper[] = {"*.TXT"};
  const char *site[] = {ROOT SEP "site"};
  s = cli_sources_open(site, 1, false);
  cli_sources_pick(s, upper, 1, NULL, 0, true);
  assert_int_equal(cli_sources_next(s, &src), 1);
  assert_string_equal(src.path, ROOT SEP "site" SEP "PC4.txt");
  cli_source_free(&src);
  cli_sources_close(s);
}

static void test_many(void **state) {
  (void)state;
  touch(ROOT SEP "a.txt");
  const char *file[] = {ROOT SEP "a.txt"}, *dir[] = {ROOT},
             *two[] = {ROOT SEP "a.txt", ROOT SEP "a.txt"}, *dash[] = {"-"};
  cli_sources *s = cli_sources_open(file, 1, false);
  assert_false(cli_sources_many(s));
  cli_sources_close(s);
  s = cli_sources_open(dash, 1, false);
  assert_false(cli_sources_many(s));
  cli_sources_close(s);
  s = cli_sources_open(NULL, 0, false);
  assert_false(cli_sources_many(s));
  cli_sources_close(s);
  s = cli_sources_open(dir, 1, false);
  assert_true(cli_sources_many(s));
  cli_sources_close(s);
  s = cli_sources_open(two, 2, false);
  assert_true(cli_sources_many(s));
  cli_sources_close(s);
  cli_sources_close(NULL);
}

#ifndef _WIN32
/* What a share may hold besides files: each skipped with its note, in its
 * place in the order. */
static void test_notes(void **state) {
  (void)state;
  char got[2048];
  mkdir_ok(ROOT SEP "a");
  touch(ROOT SEP "a" SEP "f");
  assert_int_equal(symlink("a", ROOT SEP "b"), 0);           /* a again */
  assert_int_equal(symlink("..", ROOT SEP "a" SEP "up"), 0); /* a loop */
  assert_int_equal(mkfifo(ROOT SEP "fifo", 0600), 0);
  assert_int_equal(symlink("nowhere", ROOT SEP "dangling"), 0);
  touch(ROOT SEP "z");
  const char *args[] = {ROOT};
  walk(args, 1, false, got, sizeof got);
  assert_string_equal(
      got, ROOT SEP
      "a" SEP "f walked\n" ROOT SEP "a" SEP "up #skipped: link loop\n" ROOT SEP
      "b #skipped: folder already read through another link\n" ROOT SEP
      "dangling walked\n" ROOT SEP
      "fifo #skipped: not a regular file\n" ROOT SEP "z walked\n");
  /* Each argument is a walk of its own: what one read, the next reads
   * again.  Here a/up is the root, and through it a is met once more. */
  const char *twice[] = {ROOT SEP "a", ROOT SEP "b"};
  const char *const per_arg[] = {"a", "b"};
  char want[2048] = "";
  for (size_t k = 0; k < 2; k++) {
    char part[1024];
    snprintf(part, sizeof part,
             ROOT SEP "%s" SEP "f walked\n" ROOT SEP "%s" SEP "up" SEP
                      "a #skipped: link loop\n" ROOT SEP "%s" SEP "up" SEP
                      "b #skipped: link loop\n" ROOT SEP "%s" SEP "up" SEP
                      "dangling walked\n" ROOT SEP "%s" SEP "up" SEP
                      "fifo #skipped: not a regular file\n" ROOT SEP "%s" SEP
                      "up" SEP "z walked\n",
             per_arg[k], per_arg[k], per_arg[k], per_arg[k], per_arg[k],
             per_arg[k]);
    strcat(want, part);
  }
  walk(twice, 2, false, got, sizeof got);
  assert_string_equal(got, want);
}
#endif

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stdin_and_live),
      cmocka_unit_test_setup(test_arguments_as_given, fresh_root),
      cmocka_unit_test_setup(test_walk_order_across_batches, fresh_root),
      cmocka_unit_test_setup(test_names_added_between_batches, fresh_root),
      cmocka_unit_test_setup(test_empty_folders, fresh_root),
      cmocka_unit_test_setup(test_temp_files_marked, fresh_root),
      cmocka_unit_test_setup(test_system_and_dot_files_skipped, fresh_root),
      cmocka_unit_test_setup(test_include_exclude, fresh_root),
      cmocka_unit_test_setup(test_many, fresh_root),
#ifndef _WIN32
      cmocka_unit_test_setup(test_notes, fresh_root),
#endif
  };
  return cmocka_run_group_tests(tests, NULL, gone_root);
}
