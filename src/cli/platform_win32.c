/*
 * platform_win32.c - the CLI's platform layer for Windows (Windows 7 and
 * later; dsregcmd itself comes with Windows 10).
 *
 * Paths are UTF-8 everywhere else in the program; here they become UTF-16
 * and go to the wide ("W") functions, so that any file name works whatever
 * the ANSI code page.  Paths too long for the classic limit are turned into
 * \\?\ form.  Errors are reported with the C library's words where it has
 * them ("No such file or directory"), so messages read the same on every
 * platform.
 */
/* rand_s, the C runtime's door to the system's random source. */
#define _CRT_RAND_S
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <windows.h>

#include <shellapi.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>
#include <wctype.h>

#include "platform.h"

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif
#ifndef PROC_THREAD_ATTRIBUTE_HANDLE_LIST
#define PROC_THREAD_ATTRIBUTE_HANDLE_LIST 0x20002
#endif

const char dsreg_cli_path_sep = '\\';

/* --- strings and errors --------------------------------------------------- */

/* UTF-8 to UTF-16, malloc'ed; NULL (errno ENOMEM) when out of memory.
 * Invalid UTF-8 becomes U+FFFD. */
static wchar_t *to_wide(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
  if (n <= 0) {
    errno = EINVAL;
    return NULL;
  }
  wchar_t *w = malloc((size_t)n * sizeof *w);
  if (!w) {
    errno = ENOMEM;
    return NULL;
  }
  MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
  return w;
}

/* UTF-16 to UTF-8, malloc'ed; NULL when out of memory. */
static char *to_utf8(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  if (n <= 0)
    return NULL;
  char *s = malloc((size_t)n);
  if (s)
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
  return s;
}

static bool is_sep(wchar_t c) { return c == L'\\' || c == L'/'; }

/* A UTF-8 path as Windows takes it: UTF-16, and in \\?\ form when it is too
 * long for the functions that stop at MAX_PATH (folders stop at 248). */
static wchar_t *win_path(const char *path) {
  wchar_t *w = to_wide(path);
  if (!w || wcslen(w) < MAX_PATH - 12 || wcsncmp(w, L"\\\\?\\", 4) == 0 ||
      wcsncmp(w, L"\\\\.\\", 4) == 0)
    return w;
  DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
  wchar_t *full = n ? malloc((size_t)n * sizeof *full) : NULL;
  DWORD got = full ? GetFullPathNameW(w, n, full, NULL) : 0;
  if (got == 0 || got >= n) {
    free(full);
    return w;
  }
  /* C:\x -> \\?\C:\x;  \\server\share\x -> \\?\UNC\server\share\x */
  bool unc = full[0] == L'\\' && full[1] == L'\\';
  wchar_t *ext = malloc(((size_t)got + 8) * sizeof *ext);
  if (!ext) {
    free(full);
    return w;
  }
  wcscpy(ext, unc ? L"\\\\?\\UNC" : L"\\\\?\\");
  wcscat(ext, unc ? full + 1 : full);
  free(full);
  free(w);
  return ext;
}

/* The C library's errno for a Windows error, for the common ones. */
static int errno_of(DWORD e) {
  switch (e) {
  case ERROR_FILE_NOT_FOUND:
  case ERROR_PATH_NOT_FOUND:
  case ERROR_INVALID_DRIVE:
  case ERROR_BAD_NETPATH:
  case ERROR_BAD_NET_NAME:
  case ERROR_CANT_RESOLVE_FILENAME:
    return ENOENT;
  case ERROR_ACCESS_DENIED:
  case ERROR_SHARING_VIOLATION:
  case ERROR_LOCK_VIOLATION:
  case ERROR_WRITE_PROTECT:
  case ERROR_PRIVILEGE_NOT_HELD:
    return EACCES;
  case ERROR_NOT_ENOUGH_MEMORY:
  case ERROR_OUTOFMEMORY:
    return ENOMEM;
  case ERROR_ALREADY_EXISTS:
  case ERROR_FILE_EXISTS:
    return EEXIST;
  case ERROR_DIRECTORY:
    return ENOTDIR;
  case ERROR_DISK_FULL:
  case ERROR_HANDLE_DISK_FULL:
    return ENOSPC;
  case ERROR_INVALID_NAME:
  case ERROR_INVALID_PARAMETER:
  case ERROR_BAD_PATHNAME:
    return EINVAL;
  case ERROR_NOT_SAME_DEVICE:
    return EXDEV;
  case ERROR_FILENAME_EXCED_RANGE:
    return ENAMETOOLONG;
  default:
    return 0;
  }
}

/* A message for Windows error `e`: the C library's words when it has them
 * (so messages match other platforms), else Windows' own, in UTF-8. */
static void error_text(DWORD e, char *err, size_t errsize) {
  if (!err || !errsize)
    return;
  int en = errno_of(e);
  if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION)
    en = 0; /* "Permission denied" would mislead: another program has it */
  if (en) {
    snprintf(err, errsize, "%s", strerror(en));
    return;
  }
  wchar_t *w = NULL;
  DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER |
                               FORMAT_MESSAGE_FROM_SYSTEM |
                               FORMAT_MESSAGE_IGNORE_INSERTS,
                           NULL, e, 0, (LPWSTR)&w, 0, NULL);
  char *s = n && w ? to_utf8(w) : NULL;
  if (w)
    LocalFree(w);
  if (!s) {
    snprintf(err, errsize, "Windows error %lu", (unsigned long)e);
    return;
  }
  size_t len = strlen(s);
  while (len && (s[len - 1] == '\r' || s[len - 1] == '\n' ||
                 s[len - 1] == ' ' || s[len - 1] == '.'))
    s[--len] = '\0';
  snprintf(err, errsize, "%s", s);
  free(s);
}

static void set_errno_from(DWORD e) {
  int en = errno_of(e);
  errno = en ? en : EIO;
}

/* --- terminals ------------------------------------------------------------ */

static HANDLE handle_of(FILE *f) {
  int fd = f ? _fileno(f) : -1;
  if (fd < 0)
    return INVALID_HANDLE_VALUE;
  return (HANDLE)_get_osfhandle(fd);
}

static bool is_console(HANDLE h) {
  DWORD mode;
  return h != NULL && h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

/* A console, not just any character device: _isatty() says yes to NUL. */
bool dsreg_cli_isatty(FILE *f) { return is_console(handle_of(f)); }

unsigned dsreg_cli_terminal_width(FILE *f) {
  CONSOLE_SCREEN_BUFFER_INFO info;
  HANDLE h = handle_of(f);
  if (!is_console(h) || !GetConsoleScreenBufferInfo(h, &info))
    return 0;
  /* The window, not the buffer: the buffer is often 9999 columns wide. */
  return (unsigned)(info.srWindow.Right - info.srWindow.Left + 1);
}

bool dsreg_cli_enable_ansi(FILE *f) {
  HANDLE h = handle_of(f);
  DWORD mode;
  if (h == NULL || h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode))
    return true; /* a file or a pipe: escape sequences are just bytes */
  if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING)
    return true;
  /* Windows 10 1511 and later; older consoles refuse and would print the
   * sequences as they are. */
  return SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

static UINT saved_output_cp;

static void restore_output_cp(void) {
  if (saved_output_cp)
    SetConsoleOutputCP(saved_output_cp);
}

/* Ctrl+C and Ctrl+Break may end the program without its atexit handlers. */
static BOOL WINAPI on_console_ctrl(DWORD event) {
  (void)event;
  restore_output_cp();
  return FALSE; /* and on to the default handler, which ends the program */
}

void dsreg_cli_binary_stdio(void) {
  if (_fileno(stdin) >= 0)
    _setmode(_fileno(stdin), _O_BINARY);
  if (_fileno(stdout) >= 0)
    _setmode(_fileno(stdout), _O_BINARY);
  /* The report is UTF-8: a console shows it as such only in code page
   * 65001.  The console is shared with the shell, so its code page is put
   * back on the way out.  (The C runtime may hand a short record to an
   * unbuffered console in pieces, splitting a UTF-8 sequence; the console
   * host of Windows 10 joins such pieces.  Wine's console does not: there
   * non-ASCII text on the console shows as U+FFFD, files and pipes are
   * right.) */
  if (dsreg_cli_isatty(stdout) || dsreg_cli_isatty(stderr)) {
    UINT cp = GetConsoleOutputCP();
    if (cp && cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8)) {
      saved_output_cp = cp;
      atexit(restore_output_cp);
      SetConsoleCtrlHandler(on_console_ctrl, TRUE);
    }
  }
}

bool dsreg_cli_reader_gone(int fd, int err) {
  if (err == EPIPE)
    return true;
  /* Writing to a pipe whose reader closed it fails with ERROR_NO_DATA,
   * which the C runtime turns into EINVAL. */
  HANDLE h = (HANDLE)_get_osfhandle(fd);
  return err == EINVAL && h != NULL && h != INVALID_HANDLE_VALUE &&
         GetFileType(h) == FILE_TYPE_PIPE;
}

/* --- files ---------------------------------------------------------------- */

static void identity_or_unique(HANDLE h, cli_path_info *info);

/* What an open handle is, with its identity. */
static void info_of_handle(HANDLE h, cli_path_info *info) {
  BY_HANDLE_FILE_INFORMATION bh;
  memset(info, 0, sizeof *info);
  if (GetFileType(h) != FILE_TYPE_DISK) {
    info->kind = CLI_PATH_OTHER; /* NUL, CON, COM1, a pipe */
    return;
  }
  bool dir = GetFileInformationByHandle(h, &bh) &&
             (bh.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY);
  info->kind = dir ? CLI_PATH_DIR : CLI_PATH_FILE;
  identity_or_unique(h, info);
}

int dsreg_cli_open_read(const char *path, bool regular_only,
                        cli_path_info *info, char *err, size_t errsize) {
  wchar_t *w = win_path(path);
  if (!w) {
    snprintf(err, errsize, "cannot open: %s", strerror(ENOMEM));
    return -1;
  }
  /* Others may go on writing or even delete the file (a collector on the
   * share): share everything. */
  HANDLE h = CreateFileW(w, GENERIC_READ,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  DWORD e = GetLastError();
  free(w);
  if (h == INVALID_HANDLE_VALUE) {
    char text[256];
    /* A wildcard that matched nothing (see expand()) names no file, rather
     * than an invalid one. */
    if (e == ERROR_INVALID_NAME && strpbrk(path, "*?"))
      e = ERROR_FILE_NOT_FOUND;
    error_text(e, text, sizeof text);
    snprintf(err, errsize, "cannot open: %s", text);
    return -1;
  }
  cli_path_info mine;
  if (!info)
    info = &mine;
  info_of_handle(h, info);
  if (regular_only && info->kind != CLI_PATH_FILE) {
    snprintf(err, errsize, "not a regular file");
    CloseHandle(h);
    return -1;
  }
  int fd = _open_osfhandle((intptr_t)h, _O_RDONLY | _O_BINARY);
  if (fd < 0) {
    snprintf(err, errsize, "cannot open: %s", strerror(EMFILE));
    CloseHandle(h);
  }
  return fd;
}

long dsreg_cli_read(int fd, void *buf, size_t n) {
  if (n > INT_MAX)
    n = INT_MAX;
  return (long)_read(fd, buf, (unsigned)n);
}

int dsreg_cli_write(int fd, const void *buf, size_t n) {
  HANDLE h = (HANDLE)_get_osfhandle(fd);
  const char *p = buf;
  if (h == INVALID_HANDLE_VALUE) {
    errno = EBADF;
    return -1;
  }
  while (n) {
    DWORD chunk = n > (1u << 30) ? (1u << 30) : (DWORD)n, put = 0;
    if (!WriteFile(h, p, chunk, &put, NULL)) {
      DWORD e = GetLastError();
      /* The reader of a pipe went away: EPIPE, as POSIX says it. */
      if (e == ERROR_NO_DATA || e == ERROR_BROKEN_PIPE ||
          e == ERROR_PIPE_NOT_CONNECTED)
        errno = EPIPE;
      else
        set_errno_from(e);
      return -1;
    }
    if (put == 0) {
      errno = EIO;
      return -1;
    }
    p += put;
    n -= put;
  }
  return 0;
}

int dsreg_cli_open_write(const char *path) {
  wchar_t *w = win_path(path);
  if (!w)
    return -1;
  int fd = _wopen(w, _O_WRONLY | _O_CREAT | _O_TRUNC | _O_BINARY,
                  _S_IREAD | _S_IWRITE);
  int e = errno;
  free(w);
  errno = e;
  return fd;
}

int dsreg_cli_sync(int fd) {
  HANDLE h = (HANDLE)_get_osfhandle(fd);
  if (h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_DISK)
    return 0; /* pipes and devices have nothing to sync */
  if (h != INVALID_HANDLE_VALUE && FlushFileBuffers(h))
    return 0;
  set_errno_from(GetLastError());
  return -1;
}

int dsreg_cli_close(int fd) { return _close(fd); }

int dsreg_cli_fd_info(int fd, cli_path_info *info) {
  HANDLE h = (HANDLE)_get_osfhandle(fd);
  if (h == INVALID_HANDLE_VALUE) {
    errno = EBADF;
    return -1;
  }
  info_of_handle(h, info);
  return 0;
}

uint32_t dsreg_cli_random(void) {
  unsigned int r = 0;
  if (rand_s(&r) != 0) /* RtlGenRandom; fails only without advapi32 */
    r = (unsigned)GetTickCount() ^ (unsigned)GetCurrentProcessId() << 16;
  return (uint32_t)r;
}

int dsreg_cli_create_new(const char *path) {
  wchar_t *w = win_path(path);
  if (!w)
    return -1;
  /* CREATE_NEW fails on anything there, a link included.  Deleting is
   * shared so that an interrupted run can remove the file it holds open. */
  HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE,
                         NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
  DWORD e = GetLastError();
  free(w);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno_from(e);
    return -1;
  }
  int fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
  if (fd < 0) {
    CloseHandle(h);
    errno = EMFILE;
  }
  return fd;
}

void dsreg_cli_adopt_mode(int fd, const char *target) {
  /* Windows has no mode bits to carry over: a file made in the folder gets
   * the folder's inherited permissions, as the one it replaces did. */
  (void)fd;
  (void)target;
}

/* The temporary file to remove when the console ends the program; the
 * handler runs on a thread of its own, so the path is kept ready as
 * UTF-16. */
static wchar_t *volatile guarded;

static BOOL WINAPI on_console_end(DWORD event) {
  (void)event;
  wchar_t *w = guarded;
  if (w)
    DeleteFileW(w); /* shared for deleting: gone when the process ends */
  return FALSE;     /* and on to the next handler, which ends the program */
}

void dsreg_cli_guard_temp(const char *path) {
  static bool installed;
  wchar_t *old = guarded;
  guarded = path ? win_path(path) : NULL;
  free(old);
  if (path && !installed) {
    SetConsoleCtrlHandler(on_console_end, TRUE);
    installed = true;
  }
}

int dsreg_cli_remove(const char *path) {
  wchar_t *w = win_path(path);
  if (!w)
    return -1;
  BOOL ok = DeleteFileW(w);
  DWORD e = GetLastError();
  free(w);
  if (!ok) {
    set_errno_from(e);
    return -1;
  }
  return 0;
}

int dsreg_cli_replace(const char *from, const char *to) {
  wchar_t *wf = win_path(from), *wt = win_path(to);
  BOOL ok = FALSE;
  DWORD e = ERROR_NOT_ENOUGH_MEMORY;
  if (wf && wt) {
    ok = MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING);
    e = GetLastError();
  }
  free(wf);
  free(wt);
  if (!ok) {
    set_errno_from(e);
    return -1;
  }
  return 0;
}

int dsreg_cli_cpu_count(void) {
  DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
  if (n == 0) {
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    n = si.dwNumberOfProcessors;
  }
  if (n > 256)
    n = 256;
  return n > 0 ? (int)n : 1;
}

/* FILE_ID_INFO and its class, FileIdInfo (Windows 8 and later), spelled
 * out so that the program still builds for, and runs on, Windows 7. */
typedef struct file_id_info {
  ULONGLONG VolumeSerialNumber;
  BYTE Identifier[16];
} file_id_info;
#define FILE_ID_INFO_CLASS ((FILE_INFO_BY_HANDLE_CLASS)18)

/* A folder's identity: volume serial and file id.  ReFS ids are 128 bits
 * (FileIdInfo); the classic call gives 64. */
static bool identity_of(HANDLE h, uint64_t *dev, uint64_t *ino) {
  file_id_info id;
  if (GetFileInformationByHandleEx(h, FILE_ID_INFO_CLASS, &id, sizeof id)) {
    uint64_t lo, hi;
    memcpy(&lo, id.Identifier, 8);
    memcpy(&hi, id.Identifier + 8, 8);
    *dev = id.VolumeSerialNumber;
    *ino = lo ^ (hi * 0x9E3779B97F4A7C15u); /* NTFS: hi is 0, lo the index */
    if (lo || hi)
      return true;
  }
  BY_HANDLE_FILE_INFORMATION bh;
  if (GetFileInformationByHandle(h, &bh) &&
      (bh.nFileIndexHigh || bh.nFileIndexLow)) {
    *dev = bh.dwVolumeSerialNumber;
    *ino = ((uint64_t)bh.nFileIndexHigh << 32) | bh.nFileIndexLow;
    return true;
  }
  /* Some file servers give every file the id 0: no identity then, or every
   * sub-folder would look like a loop back to its parent. */
  return false;
}

/* An identity no real folder has, for one that cannot be opened: it then
 * never looks like a loop. */
static void unique_identity(cli_path_info *info) {
  static volatile LONG64 counter;
  info->dev = UINT64_MAX;
  info->ino = (uint64_t)InterlockedIncrement64(&counter);
}

/* Opens `w` (following links) just to look at it. */
static HANDLE open_to_look(const wchar_t *w) {
  return CreateFileW(w, FILE_READ_ATTRIBUTES,
                     FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                     NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

static void identity_or_unique(HANDLE h, cli_path_info *info) {
  if (!identity_of(h, &info->dev, &info->ino))
    unique_identity(info);
}

/* True for the names Windows keeps for devices (NUL, CON, COM1...), which
 * are not files wherever they appear; ntdll knows the rules of the running
 * version of Windows. */
static bool is_dos_device(const wchar_t *w) {
  typedef ULONG(NTAPI * dos_device_fn)(PCWSTR);
  HMODULE nt = GetModuleHandleW(L"ntdll.dll");
  dos_device_fn fn = nt ? (dos_device_fn)(void (*)(void))GetProcAddress(
                              nt, "RtlIsDosDeviceName_U")
                        : NULL;
  return fn && fn(w) != 0;
}

int dsreg_cli_stat(const char *path, cli_path_info *info, char *err,
                   size_t errsize) {
  memset(info, 0, sizeof *info);
  info->kind = CLI_PATH_MISSING;
  wchar_t *w = win_path(path);
  if (!w) {
    snprintf(err, errsize, "%s", strerror(ENOMEM));
    return -1;
  }
  /* -o NUL: written in place, never renamed over.  Not opened to look
   * either (opening COM1 can wait for the line). */
  if (is_dos_device(w)) {
    info->kind = CLI_PATH_OTHER;
    free(w);
    return 0;
  }
  /* One query answers for the common case, a plain file: no open, which
   * counts on a share of ten thousand captures. */
  WIN32_FILE_ATTRIBUTE_DATA ad;
  bool plain = GetFileAttributesExW(w, GetFileExInfoStandard, &ad) &&
               !(ad.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT);
  if (plain && !(ad.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
    info->kind = CLI_PATH_FILE;
    free(w);
    return 0;
  }
  /* Folders (for their identity), links and junctions (followed to what
   * they point at), and whatever the query refused. */
  HANDLE h = open_to_look(w);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    if (plain) {
      /* A folder that cannot be opened to look (a share's root on some
       * servers): a folder all the same, without an identity. */
      info->kind = CLI_PATH_DIR;
      unique_identity(info);
      free(w);
      return 0;
    }
    if (e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION) {
      /* It is there, but cannot be opened even to look: say what the
       * listing says, without an identity. */
      WIN32_FIND_DATAW fd;
      HANDLE fh = FindFirstFileW(w, &fd);
      if (fh != INVALID_HANDLE_VALUE) {
        FindClose(fh);
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
          info->kind = CLI_PATH_DIR;
          unique_identity(info);
        } else {
          info->kind = CLI_PATH_FILE;
        }
        free(w);
        return 0;
      }
    }
    /* A link whose target is gone is "missing", as on POSIX. */
    error_text(e, err, errsize);
    free(w);
    return -1;
  }
  info_of_handle(h, info);
  CloseHandle(h);
  free(w);
  return 0;
}

bool dsreg_cli_is_link(const char *path) {
  wchar_t *w = win_path(path);
  if (!w)
    return false;
  bool link = false;
  DWORD attr = GetFileAttributesW(w);
  if (attr != INVALID_FILE_ATTRIBUTES &&
      (attr & FILE_ATTRIBUTE_REPARSE_POINT)) {
    /* Symbolic links, junctions, mount points and the like ("name
     * surrogates"), not every reparse point: OneDrive and deduplicated
     * files are reparse points too, and are plain files to the user. */
    WIN32_FIND_DATAW fd;
    HANDLE fh = FindFirstFileW(w, &fd);
    if (fh != INVALID_HANDLE_VALUE) {
      FindClose(fh);
      link = IsReparseTagNameSurrogate(fd.dwReserved0) != 0;
    } else {
      link = true;
    }
  }
  free(w);
  return link;
}

int dsreg_cli_list_dir(const char *path,
                       int (*fn)(void *ctx, const char *name,
                                 cli_path_kind kind),
                       void *ctx, char *err, size_t errsize) {
  wchar_t *w = win_path(path);
  if (!w) {
    snprintf(err, errsize, "%s", strerror(ENOMEM));
    return -1;
  }
  size_t n = wcslen(w);
  wchar_t *pattern = malloc((n + 3) * sizeof *pattern);
  if (!pattern) {
    free(w);
    snprintf(err, errsize, "%s", strerror(ENOMEM));
    return -1;
  }
  memcpy(pattern, w, n * sizeof *w);
  /* "dir\*", "dir\" + "*", and "C:" + "*" (the current folder of C:). */
  if (n && !is_sep(w[n - 1]) && w[n - 1] != L':')
    pattern[n++] = L'\\';
  pattern[n++] = L'*';
  pattern[n] = L'\0';
  free(w);

  WIN32_FIND_DATAW fd;
  HANDLE fh = FindFirstFileExW(pattern, FindExInfoBasic, &fd,
                               FindExSearchNameMatch, NULL, 0);
  free(pattern);
  if (fh == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND)
      return 0; /* an empty drive root has not even . and .. */
    error_text(e, err, errsize);
    return -1;
  }
  int rc = 0;
  do {
    const wchar_t *name = fd.cFileName;
    if (wcscmp(name, L".") == 0 || wcscmp(name, L"..") == 0)
      continue;
    /* Explorer's Thumbs.db and desktop.ini on a share are hidden system
     * files: not captures, and not worth an error row each. */
    const DWORD hs = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM;
    if ((fd.dwFileAttributes & hs) == hs &&
        !(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
      continue;
    char *u = to_utf8(name);
    if (!u) {
      snprintf(err, errsize, "%s", strerror(ENOMEM));
      rc = -1;
      break;
    }
    /* A link or junction is looked at again, followed; the rest is what
     * the listing says. */
    DWORD a = fd.dwFileAttributes;
    cli_path_kind kind = (a & FILE_ATTRIBUTE_REPARSE_POINT) ? CLI_PATH_MISSING
                         : (a & FILE_ATTRIBUTE_DIRECTORY)   ? CLI_PATH_DIR
                                                            : CLI_PATH_FILE;
    rc = fn(ctx, u, kind);
    free(u);
  } while (rc == 0 && FindNextFileW(fh, &fd));
  if (rc == 0) {
    DWORD e = GetLastError();
    if (e != ERROR_NO_MORE_FILES) {
      error_text(e, err, errsize);
      rc = -1;
    }
  }
  FindClose(fh);
  return rc;
}

/* --- the command line ----------------------------------------------------- */

typedef struct args {
  char **v;
  int count, cap;
} args;

static int push(args *a, char *s) {
  if (!s)
    return -1;
  if (a->count + 1 >= a->cap) {
    int cap = a->cap ? a->cap * 2 : 16;
    char **v = realloc(a->v, (size_t)cap * sizeof *v);
    if (!v)
      return -1;
    a->v = v;
    a->cap = cap;
  }
  a->v[a->count++] = s;
  a->v[a->count] = NULL;
  return 0;
}

/* Case-insensitive * and ? matching, as Windows names compare. */
static bool wild_match(const wchar_t *p, const wchar_t *s) {
  const wchar_t *star = NULL, *retry = s;
  while (*s) {
    if (*p == L'*') {
      star = p++;
      retry = s;
    } else if (*p == L'?' || (*p && towupper(*p) == towupper(*s))) {
      p++;
      s++;
    } else if (star) {
      p = star + 1;
      s = ++retry;
    } else {
      return false;
    }
  }
  while (*p == L'*')
    p++;
  return *p == L'\0';
}

static int by_bytes(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Neither cmd nor PowerShell expands wildcards for a native program, so
 * `dsregdiag captures\*.txt` is expanded here, in name order, as a POSIX
 * shell would; a pattern that matches nothing stays as it is (and is then
 * reported as a file that cannot be opened).  Only the last part of a path
 * may hold wildcards.  Returns the number of names added, -1 when out of
 * memory. */
static int expand(args *a, const wchar_t *arg) {
  const wchar_t *name = arg;
  for (const wchar_t *c = arg; *c; c++)
    if (is_sep(*c) || *c == L':')
      name = c + 1;
  if (!wcspbrk(name, L"*?"))
    return 0;
  for (const wchar_t *c = arg; c < name; c++)
    if (*c == L'*' || *c == L'?')
      return 0;
  WIN32_FIND_DATAW fd;
  HANDLE fh = FindFirstFileExW(arg, FindExInfoBasic, &fd, FindExSearchNameMatch,
                               NULL, 0);
  if (fh == INVALID_HANDLE_VALUE)
    return 0;
  size_t dir_len = (size_t)(name - arg);
  wchar_t *dir = malloc((dir_len + 1) * sizeof *dir);
  if (!dir) {
    FindClose(fh);
    return -1;
  }
  memcpy(dir, arg, dir_len * sizeof *dir);
  dir[dir_len] = L'\0';
  char *prefix = to_utf8(dir);
  free(dir);
  int first = a->count, rc = 0;
  do {
    /* FindFirstFile also matches 8.3 short names ("*.txt" finds
     * "a.txtx"): the long name must match. */
    if (wcscmp(fd.cFileName, L".") == 0 || wcscmp(fd.cFileName, L"..") == 0 ||
        !wild_match(name, fd.cFileName))
      continue;
    char *u = to_utf8(fd.cFileName);
    char *full = prefix && u ? malloc(strlen(prefix) + strlen(u) + 1) : NULL;
    if (full) {
      strcpy(full, prefix);
      strcat(full, u);
    }
    free(u);
    if (push(a, full)) {
      free(full);
      rc = -1;
    }
  } while (rc == 0 && FindNextFileW(fh, &fd));
  FindClose(fh);
  free(prefix);
  if (rc)
    return -1;
  qsort(a->v + first, (size_t)(a->count - first), sizeof *a->v, by_bytes);
  return a->count - first;
}

void dsreg_cli_utf8_args(int *argc, char ***argv) {
  int n = 0;
  wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
  if (!w)
    return; /* keep what the C runtime made of it */
  args a = {0};
  bool options = true, ok = true;
  for (int i = 0; ok && i < n; i++) {
    if (i > 0 && options && wcscmp(w[i], L"--") == 0) {
      options = false;
      ok = push(&a, to_utf8(w[i])) == 0;
      continue;
    }
    int added = 0;
    if (i > 0 && (!options || w[i][0] != L'-'))
      added = expand(&a, w[i]);
    if (added < 0)
      ok = false;
    else if (added == 0)
      ok = push(&a, to_utf8(w[i])) == 0;
  }
  LocalFree(w);
  if (!ok) {
    /* Out of memory this early: carry on with the C runtime's arguments. */
    for (int i = 0; i < a.count; i++)
      free(a.v[i]);
    free(a.v);
    return;
  }
  if (!a.v && push(&a, to_utf8(L"dsregdiag")))
    return;
  *argc = a.count;
  *argv = a.v; /* kept until the program ends */
}

/* --- live mode ------------------------------------------------------------ */

/* dsregcmd.exe in a folder of PATH.  Only absolute folders are searched,
 * never the current one: CreateProcess and cmd.exe would look in the
 * current folder (and the program's) first, and dsregdiag is run inside
 * shares that every device writes to.  System32 when PATH has none. */
static wchar_t *find_dsregcmd(void) {
  static const wchar_t exe[] = L"dsregcmd.exe";
  DWORD n = GetEnvironmentVariableW(L"PATH", NULL, 0);
  wchar_t *path = n ? malloc((size_t)n * sizeof *path) : NULL;
  if (path && GetEnvironmentVariableW(L"PATH", path, n) >= n) {
    free(path);
    path = NULL;
  }
  for (wchar_t *p = path; p && *p;) {
    wchar_t *end = wcschr(p, L';');
    if (end)
      *end = L'\0';
    wchar_t *dir = p;
    p = end ? end + 1 : p + wcslen(p);
    size_t len = wcslen(dir);
    if (len >= 2 && dir[0] == L'"' && dir[len - 1] == L'"') {
      dir[len - 1] = L'\0';
      dir++;
      len -= 2;
    }
    bool absolute = (len >= 3 && dir[1] == L':' && is_sep(dir[2])) ||
                    (len >= 2 && is_sep(dir[0]) && is_sep(dir[1]));
    if (!absolute)
      continue;
    wchar_t *cand = malloc((len + 2 + sizeof exe / sizeof *exe) * sizeof *cand);
    if (!cand)
      break;
    memcpy(cand, dir, len * sizeof *dir);
    if (!is_sep(dir[len - 1]))
      cand[len++] = L'\\';
    memcpy(cand + len, exe, sizeof exe);
    DWORD attr = GetFileAttributesW(cand);
    if (attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY)) {
      free(path);
      return cand;
    }
    free(cand);
  }
  free(path);
  wchar_t sys[MAX_PATH];
  UINT m = GetSystemDirectoryW(sys, MAX_PATH);
  if (m == 0 || m >= MAX_PATH - 14)
    return NULL;
  wchar_t *cand =
      malloc(((size_t)m + 2 + sizeof exe / sizeof *exe) * sizeof *cand);
  if (!cand)
    return NULL;
  memcpy(cand, sys, (size_t)m * sizeof *sys);
  cand[m] = L'\\';
  memcpy(cand + m + 1, exe, sizeof exe);
  DWORD attr = GetFileAttributesW(cand);
  if (attr == INVALID_FILE_ATTRIBUTES || (attr & FILE_ATTRIBUTE_DIRECTORY)) {
    free(cand);
    return NULL;
  }
  return cand;
}

/* The running dsregcmd behind each live stream (there is one at a time). */
#define LIVE_SLOTS 4
static struct {
  FILE *f;
  HANDLE process;
} live[LIVE_SLOTS];
static SRWLOCK live_lock = SRWLOCK_INIT;

/* Starts `app` with `cmdline`, its standard output into `out`, standard
 * input from NUL and standard error ours; only those handles are passed
 * on.  Returns the process handle, or NULL with the error in GetLastError. */
static HANDLE spawn(const wchar_t *app, wchar_t *cmdline, HANDLE out) {
  SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
  HANDLE nul = CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                           OPEN_EXISTING, 0, NULL);
  HANDLE err = NULL, self = GetCurrentProcess();
  HANDLE our_err = GetStdHandle(STD_ERROR_HANDLE);
  if (our_err == NULL || our_err == INVALID_HANDLE_VALUE ||
      !DuplicateHandle(self, our_err, self, &err, 0, TRUE,
                       DUPLICATE_SAME_ACCESS))
    err = nul != INVALID_HANDLE_VALUE ? nul : NULL;

  STARTUPINFOEXW si;
  memset(&si, 0, sizeof si);
  si.StartupInfo.cb = sizeof si;
  si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  si.StartupInfo.hStdInput = nul != INVALID_HANDLE_VALUE ? nul : NULL;
  si.StartupInfo.hStdOutput = out;
  si.StartupInfo.hStdError = err;

  /* Pass on these three handles only, not every inheritable one this
   * process holds (the report being written, say). */
  HANDLE list[3];
  DWORD count = 0;
  list[count++] = out;
  if (si.StartupInfo.hStdInput)
    list[count++] = si.StartupInfo.hStdInput;
  if (err && err != si.StartupInfo.hStdInput)
    list[count++] = err;
  SIZE_T size = 0;
  LPPROC_THREAD_ATTRIBUTE_LIST attrs = NULL;
  DWORD flags = 0;
  InitializeProcThreadAttributeList(NULL, 1, 0, &size);
  if (size && (attrs = malloc(size)) != NULL) {
    if (InitializeProcThreadAttributeList(attrs, 1, 0, &size) &&
        UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
                                  list, count * sizeof *list, NULL, NULL)) {
      si.lpAttributeList = attrs;
      flags |= EXTENDED_STARTUPINFO_PRESENT;
    } else {
      free(attrs);
      attrs = NULL;
    }
  }
  if (!GetConsoleWindow())
    flags |= CREATE_NO_WINDOW; /* no console window flashing up */

  PROCESS_INFORMATION pi;
  BOOL ok = CreateProcessW(app, cmdline, NULL, NULL, TRUE, flags, NULL, NULL,
                           &si.StartupInfo, &pi);
  if (!ok && attrs) {
    /* Some systems refuse the handle list: inherit the usual way. */
    DeleteProcThreadAttributeList(attrs);
    free(attrs);
    attrs = NULL;
    si.lpAttributeList = NULL;
    flags &= ~(DWORD)EXTENDED_STARTUPINFO_PRESENT;
    ok = CreateProcessW(app, cmdline, NULL, NULL, TRUE, flags, NULL, NULL,
                        &si.StartupInfo, &pi);
  }
  DWORD e = GetLastError();
  if (attrs) {
    DeleteProcThreadAttributeList(attrs);
    free(attrs);
  }
  if (err && err != nul)
    CloseHandle(err);
  if (nul != INVALID_HANDLE_VALUE)
    CloseHandle(nul);
  if (!ok) {
    SetLastError(e);
    return NULL;
  }
  CloseHandle(pi.hThread);
  return pi.hProcess;
}

FILE *dsreg_cli_live_open(char *err, size_t errsize) {
  wchar_t *app = find_dsregcmd();
  if (!app) {
    snprintf(err, errsize,
             "cannot run dsregcmd: dsregcmd.exe not found (it comes with "
             "Windows 10 and later)");
    return NULL;
  }
  SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
  HANDLE rd, wr;
  if (!CreatePipe(&rd, &wr, &sa, 0)) {
    char why[200];
    error_text(GetLastError(), why, sizeof why);
    snprintf(err, errsize, "cannot run dsregcmd: %s", why);
    free(app);
    return NULL;
  }
  SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
  wchar_t cmdline[] = L"dsregcmd /status";
  HANDLE process = spawn(app, cmdline, wr);
  DWORD e = GetLastError();
  free(app);
  CloseHandle(wr); /* the child holds the only writing end now */
  if (!process) {
    CloseHandle(rd);
    char why[200];
    error_text(e, why, sizeof why);
    snprintf(err, errsize, "cannot run dsregcmd: %s", why);
    return NULL;
  }
  int fd = _open_osfhandle((intptr_t)rd, _O_RDONLY | _O_BINARY);
  FILE *f = fd >= 0 ? _fdopen(fd, "rb") : NULL;
  if (!f) {
    if (fd >= 0)
      _close(fd);
    else
      CloseHandle(rd);
    TerminateProcess(process, 1);
    CloseHandle(process);
    snprintf(err, errsize, "cannot run dsregcmd: %s", strerror(ENOMEM));
    return NULL;
  }
  AcquireSRWLockExclusive(&live_lock);
  int slot = 0;
  while (slot < LIVE_SLOTS && live[slot].f)
    slot++;
  if (slot < LIVE_SLOTS) {
    live[slot].f = f;
    live[slot].process = process;
  }
  ReleaseSRWLockExclusive(&live_lock);
  if (slot == LIVE_SLOTS)
    CloseHandle(process); /* cannot happen: one live source at a time */
  return f;
}

int dsreg_cli_live_fd(FILE *f) { return _fileno(f); }

int dsreg_cli_live_close(FILE *f) {
  HANDLE process = NULL;
  AcquireSRWLockExclusive(&live_lock);
  for (int i = 0; i < LIVE_SLOTS; i++)
    if (live[i].f == f) {
      process = live[i].process;
      live[i].f = NULL;
      live[i].process = NULL;
    }
  ReleaseSRWLockExclusive(&live_lock);
  fclose(f); /* a dsregcmd still writing then stops, as with pclose */
  if (!process)
    return -1;
  DWORD code = 0;
  int rc = -1;
  if (WaitForSingleObject(process, INFINITE) == WAIT_OBJECT_0 &&
      GetExitCodeProcess(process, &code))
    rc = (int)code;
  CloseHandle(process);
  return rc;
}

bool dsreg_cli_live_by_default(void) {
  /* Nothing piped in: standard input is the console, or there is none. */
  HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
  return in == NULL || in == INVALID_HANDLE_VALUE || is_console(in);
}

/* --- threads -------------------------------------------------------------- */

struct cli_thread {
  HANDLE handle;
  void (*fn)(void *);
  void *arg;
};

/* _beginthreadex rather than CreateThread: the thread uses the C runtime
 * (stdio, malloc), which then sets up and frees its per-thread data. */
static unsigned __stdcall trampoline(void *p) {
  cli_thread *t = p;
  t->fn(t->arg);
  return 0;
}

cli_thread *dsreg_cli_thread_start(void (*fn)(void *), void *arg) {
  cli_thread *t = malloc(sizeof *t);
  if (!t)
    return NULL;
  t->fn = fn;
  t->arg = arg;
  uintptr_t h = _beginthreadex(NULL, 0, trampoline, t, 0, NULL);
  if (h == 0) {
    free(t);
    return NULL;
  }
  t->handle = (HANDLE)h;
  return t;
}

void dsreg_cli_thread_join(cli_thread *t) {
  WaitForSingleObject(t->handle, INFINITE);
  CloseHandle(t->handle);
  free(t);
}

struct cli_lock {
  SRWLOCK mu;
  CONDITION_VARIABLE cv;
};

cli_lock *dsreg_cli_lock_new(void) {
  cli_lock *l = malloc(sizeof *l);
  if (!l)
    return NULL;
  InitializeSRWLock(&l->mu);
  InitializeConditionVariable(&l->cv);
  return l;
}

void dsreg_cli_lock_free(cli_lock *l) { free(l); }
void dsreg_cli_lock(cli_lock *l) { AcquireSRWLockExclusive(&l->mu); }
void dsreg_cli_unlock(cli_lock *l) { ReleaseSRWLockExclusive(&l->mu); }
void dsreg_cli_wait(cli_lock *l) {
  SleepConditionVariableSRW(&l->cv, &l->mu, INFINITE, 0);
}
void dsreg_cli_broadcast(cli_lock *l) { WakeAllConditionVariable(&l->cv); }
