/*
 * fmt.c - a small vsnprintf for the library's own texts (fmt.h).
 */
#include "fmt.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One conversion of the format, as parsed. */
typedef struct conv {
  char type;  /* 's', 'c', 'd', 'u', 'x', 'X' or '%' */
  char len;   /* 0, 'l', 'L' (ll) or 'z' */
  bool zero;  /* the 0 flag */
  int width;  /* 0 when none */
  size_t end; /* bytes of the format the conversion takes, after its % */
} conv;

/* Parses the conversion after a %; false for one fmt.c does not handle. */
static bool parse(const char *p, conv *c) {
  size_t i = 0;
  memset(c, 0, sizeof *c);
  if (p[i] == '0') {
    c->zero = true;
    i++;
  }
  while (p[i] >= '0' && p[i] <= '9') {
    c->width = c->width * 10 + (p[i++] - '0');
    if (c->width > 64) /* number()'s room */
      return false;
  }
  if (p[i] == 'l' && p[i + 1] == 'l') {
    c->len = 'L';
    i += 2;
  } else if (p[i] == 'l' || p[i] == 'z') {
    c->len = p[i++];
  }
  c->type = p[i];
  c->end = i + 1;
  switch (c->type) {
  case 'u':
  case 'x':
  case 'X':
    return true;
  case 'd':
    /* A sign with a width or 0 flag, and %zd's type, are printf's. */
    return !c->zero && !c->width && c->len != 'z';
  case 's':
  case 'c':
  case '%':
    return !c->zero && !c->width && !c->len;
  default:
    return false;
  }
}

/* The output so far: `n` counts every byte, `size` bounds what is stored. */
typedef struct out {
  char *buf;
  size_t size;
  size_t n;
} out;

static void put(out *o, const char *s, size_t len) {
  if (o->n < o->size) {
    size_t room = o->size - 1 - o->n;
    memcpy(o->buf + o->n, s, len < room ? len : room);
  }
  o->n += len;
}

static void number(out *o, const conv *c, unsigned long long v, bool minus) {
  char tmp[72];
  size_t i = sizeof tmp;
  const char *digits = c->type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  unsigned base = c->type == 'x' || c->type == 'X' ? 16 : 10;
  do
    tmp[--i] = digits[v % base];
  while (v /= base);
  while (sizeof tmp - i < (size_t)c->width && i > 1)
    tmp[--i] = c->zero ? '0' : ' ';
  if (minus)
    tmp[--i] = '-';
  put(o, tmp + i, sizeof tmp - i);
}

/* Formats into `o`; false, at the first conversion parse() refuses, with
 * whatever was written so far to be overwritten. */
static bool format(out *o, const char *fmt, va_list ap) {
  for (;;) {
    const char *p = strchr(fmt, '%');
    if (!p) {
      put(o, fmt, strlen(fmt));
      return true;
    }
    put(o, fmt, (size_t)(p - fmt));
    conv c;
    if (p[1] == 's') { /* most conversions: no parse */
      c.type = 's';
      c.end = 1;
    } else if (!parse(p + 1, &c)) {
      return false;
    }
    fmt = p + 1 + c.end;
    if (c.type == '%') {
      put(o, "%", 1);
    } else if (c.type == 's') {
      const char *s = va_arg(ap, const char *);
      if (!s) /* undefined for printf; glibc and msvcrt print this */
        s = "(null)";
      put(o, s, strlen(s));
    } else if (c.type == 'c') {
      char ch = (char)va_arg(ap, int);
      put(o, &ch, 1);
    } else if (c.type == 'd') {
      long long v = c.len == 'L'   ? va_arg(ap, long long)
                    : c.len == 'l' ? va_arg(ap, long)
                                   : va_arg(ap, int);
      /* 0 - (unsigned)v is |v| for LLONG_MIN too. */
      number(o, &c,
             v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
             v < 0);
    } else {
      unsigned long long v = c.len == 'L'   ? va_arg(ap, unsigned long long)
                             : c.len == 'l' ? va_arg(ap, unsigned long)
                             : c.len == 'z' ? va_arg(ap, size_t)
                                            : va_arg(ap, unsigned);
      number(o, &c, v, false);
    }
  }
}

int dsreg_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  out o = {buf, size, 0};
  va_list mine;
  /* On a copy: a refused conversion leaves `ap` whole for vsnprintf. */
  va_copy(mine, ap);
  bool done = format(&o, fmt, mine);
  va_end(mine);
  if (!done)
    return vsnprintf(buf, size, fmt, ap);
  if (size)
    buf[o.n < size ? o.n : size - 1] = '\0';
  return o.n > INT_MAX ? -1 : (int)o.n;
}
