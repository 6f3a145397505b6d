/*
 * platform.h - what the CLI needs from the operating system beyond ISO C:
 * terminals, folders, threads.
 *
 * One implementation per platform (platform_posix.c, platform_win32.c); the
 * rest of the CLI and the whole library stay portable.  Paths are UTF-8.
 */
#ifndef DSREG_CLI_PLATFORM_H
#define DSREG_CLI_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a path is, following links. */
typedef enum cli_path_kind {
  CLI_PATH_FILE,   /* a regular file */
  CLI_PATH_DIR,    /* a folder */
  CLI_PATH_OTHER,  /* socket, FIFO, device... */
  CLI_PATH_MISSING /* nothing there, or a dangling link */
} cli_path_kind;

typedef struct cli_path_info {
  cli_path_kind kind;
  uint64_t dev, ino; /* identity: to notice link loops, the report itself */
} cli_path_info;

/* True when `f` is a terminal (for colour and progress). */
bool dsreg_cli_isatty(FILE *f);

/* The width in columns of the terminal `f` writes to, or 0 when `f` is no
 * terminal or does not say. */
unsigned dsreg_cli_terminal_width(FILE *f);

/* Readies `f` for ANSI escape sequences (colour, erasing the progress
 * line).  False when `f` is a terminal that would print them as they are
 * (a Windows console without virtual-terminal mode); true otherwise. */
bool dsreg_cli_enable_ansi(FILE *f);

/* Puts stdin and stdout in binary mode, so UTF-16 and CR bytes arrive
 * untouched and CSV rows keep their CRLF. */
void dsreg_cli_binary_stdio(void);

/* True when a write to `fd` failed with errno `err` because its reader went
 * away (dsregdiag ... | head): EPIPE, or on Windows the EINVAL that a
 * closed pipe gives.  Call it before closing `fd`. */
bool dsreg_cli_reader_gone(int fd, int err);

/* --- raw file descriptors ------------------------------------------------
 * Sources and the report go through descriptors, not stdio: a read returns
 * what a pipe has now (tail -f | dsregdiag), every failure keeps its errno,
 * and the fault-injection tests (tests/fault) can reach each call. */

/* Opens a source for reading (UTF-8 path).  With `regular_only` (a file met
 * while walking a folder) the open never waits (a FIFO swapped in after the
 * folder was listed) and anything but a regular file is refused with
 * "not a regular file".  `info`, when not NULL, gets the file's kind and
 * identity.  Returns a descriptor, or -1 with `err` set. */
int dsreg_cli_open_read(const char *path, bool regular_only,
                        cli_path_info *info, char *err, size_t errsize);

/* Reads what is there, up to n bytes, waiting only when nothing is:
 * returns the count, 0 at the end, or -1 with errno set. */
long dsreg_cli_read(int fd, void *buf, size_t n);

/* Writes all n bytes (retrying short writes); 0, or -1 with errno set. */
int dsreg_cli_write(int fd, const void *buf, size_t n);

/* Opens (creating or truncating) a file to write in place: for devices,
 * FIFOs and links named with -o.  A descriptor, or -1 with errno set. */
int dsreg_cli_open_write(const char *path);

/* Pushes the file's data to the disk; 0, or -1 with errno set. */
int dsreg_cli_sync(int fd);

/* Closes a descriptor; 0, or -1 with errno set. */
int dsreg_cli_close(int fd);

/* The kind and identity of an open descriptor; 0, or -1 with errno set. */
int dsreg_cli_fd_info(int fd, cli_path_info *info);

/* Creates the new, empty file `path` exclusively: never an existing file,
 * never through a link; readable and writable by the owner only (on
 * Windows: as the folder's permissions give).  A descriptor for writing,
 * or -1 with errno set (EEXIST when something is there). */
int dsreg_cli_create_new(const char *path);

/* 32 bits from the system's random source (for names no one can guess). */
uint32_t dsreg_cli_random(void);

/* Gives the file open as `fd` what a report written in place of `target`
 * would have: the mode (and owner, where permitted) of `target` when it is
 * a file already, else the mode a new file gets (0666 less the umask).
 * Failures are ignored: the report matters more than its mode. */
void dsreg_cli_adopt_mode(int fd, const char *target);

/* While set, the file `path` is removed if SIGINT, SIGTERM or SIGHUP (on
 * Windows: Ctrl+C, Ctrl+Break, closing the console) ends the program, which
 * then ends with the usual status for that signal.  NULL clears it.  The
 * string must live until cleared. */
void dsreg_cli_guard_temp(const char *path);

/* Removes a file (UTF-8 path); 0 on success, else -1 with errno set. */
int dsreg_cli_remove(const char *path);

/* Moves `from` over `to`, replacing it; 0 on success. */
int dsreg_cli_replace(const char *from, const char *to);

/* Number of processors, at least 1. */
int dsreg_cli_cpu_count(void);

/* Looks at `path`.  Returns 0, or -1 with `err` set (kind is then
 * CLI_PATH_MISSING when the path does not exist). */
int dsreg_cli_stat(const char *path, cli_path_info *info, char *err,
                   size_t errsize);

/* True when `path` itself is a symbolic link (or a reparse point). */
bool dsreg_cli_is_link(const char *path);

/* Calls fn(ctx, name, kind) for each entry of folder `path` except . and
 * .., in no particular order.  `kind` is what the listing itself tells
 * without a further look: CLI_PATH_FILE or CLI_PATH_DIR when it knows (a
 * link is never either), CLI_PATH_OTHER for a FIFO, socket or device,
 * CLI_PATH_MISSING when it cannot tell.  Returns 0, the first non-zero
 * value of fn, or -1 with `err` and errno set when the folder cannot be
 * read (ENOMEM: memory ran out, which is no fault of the folder). */
int dsreg_cli_list_dir(const char *path,
                       int (*fn)(void *ctx, const char *name,
                                 cli_path_kind kind),
                       void *ctx, char *err, size_t errsize);

/* The separator to put between a folder and a name. */
extern const char dsreg_cli_path_sep;

/* Command-line arguments as UTF-8: on Windows they are re-read as UTF-16
 * and converted, so that non-ASCII file names work; elsewhere a no-op.
 * The converted strings live until the program ends. */
void dsreg_cli_utf8_args(int *argc, char ***argv);

/* Live mode: runs `dsregcmd /status` and returns a stream of its output,
 * or NULL with `err` set.  Close with dsreg_cli_live_close(), which returns
 * dsregcmd's exit status (-1 when it could not be had). */
FILE *dsreg_cli_live_open(char *err, size_t errsize);
/* The descriptor to read the stream of dsreg_cli_live_open() with. */
int dsreg_cli_live_fd(FILE *f);
int dsreg_cli_live_close(FILE *f);

/* True when, with no FILE given, dsregcmd should be run rather than stdin
 * read: on Windows when stdin is a console (nothing piped in). */
bool dsreg_cli_live_by_default(void);

/* Threads: just what the parallel runner needs. */
typedef struct cli_thread cli_thread;
typedef struct cli_lock cli_lock;

/* Starts fn(arg) on a new thread; NULL on failure. */
cli_thread *dsreg_cli_thread_start(void (*fn)(void *), void *arg);
/* Waits for the thread to end and frees it. */
void dsreg_cli_thread_join(cli_thread *t);

/* A mutex with one condition variable. */
cli_lock *dsreg_cli_lock_new(void);
void dsreg_cli_lock_free(cli_lock *l);
void dsreg_cli_lock(cli_lock *l);
void dsreg_cli_unlock(cli_lock *l);
void dsreg_cli_wait(cli_lock *l);      /* releases, waits, re-acquires */
void dsreg_cli_broadcast(cli_lock *l); /* wakes every waiter */

#endif
