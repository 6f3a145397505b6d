/*
 * sha256.h - SHA-256 (FIPS 180-4) and base64, for the hashes the HTML
 * page's Content-Security-Policy names.
 *
 * Private to the library.  The page's script and style are constants, so
 * their hashes are computed once; nothing here is for security beyond that.
 */
#ifndef DSREG_SHA256_H
#define DSREG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct dsreg_sha256_ctx {
  uint32_t h[8];
  uint64_t bytes; /* fed so far */
  unsigned char block[64];
  size_t used; /* bytes of block filled */
} dsreg_sha256_ctx;

void dsreg_sha256_init(dsreg_sha256_ctx *c);
void dsreg_sha256_feed(dsreg_sha256_ctx *c, const void *data, size_t n);
/* Writes the 32-byte digest; `c` must be initialised again before reuse. */
void dsreg_sha256_finish(dsreg_sha256_ctx *c, unsigned char out[32]);

/* The digest of s[0..n) in one call. */
void dsreg_sha256(const void *s, size_t n, unsigned char out[32]);

/* Base64 (RFC 4648 §4, with padding) of s[0..n) into out, which holds
 * 4 * ((n + 2) / 3) + 1 bytes; NUL-terminated.  Returns out. */
char *dsreg_base64(const unsigned char *s, size_t n, char *out);

#endif
