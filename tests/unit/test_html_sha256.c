/*
 * test_html_sha256.c - SHA-256 and base64 behind the page's CSP hashes.
 *
 * Digests from FIPS 180-4's examples (and the NIST one-million-'a'
 * vector); base64 from RFC 4648 §10.  Fed in pieces of every size across
 * the block boundary, the digest must not change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void hex(const unsigned char d[32], char out[65]) {
  for (int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void expect_digest(const char *s, size_t n, const char *want) {
  unsigned char d[32];
  char h[65];
  dsreg_sha256(s, n, d);
  hex(d, h);
  assert_string_equal(h, want);
}

static void test_known_vectors(void **state) {
  (void)state;
  expect_digest("", 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852"
                "b855");
  expect_digest("abc", 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f200"
                "15ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  expect_digest(two, strlen(two),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db"
                "06c1");
  const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  expect_digest(four, strlen(four),
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afe"
                "e9d1");
}

static void test_million_a(void **state) {
  (void)state;
  char chunk[1000];
  memset(chunk, 'a', sizeof chunk);
  dsreg_sha256_ctx c;
  unsigned char d[32];
  char h[65];
  dsreg_sha256_init(&c);
  for (int i = 0; i < 1000; i++)
    dsreg_sha256_feed(&c, chunk, sizeof chunk);
  dsreg_sha256_finish(&c, d);
  hex(d, h);
  assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d"
                         "39ccc7112cd0");
}

/* Lengths around the 55/56/64-byte padding cases, fed one byte at a time,
 * in pieces of 7 and at once: one digest. */
static void test_pieces(void **state) {
  (void)state;
  char text[200];
  for (size_t i = 0; i < sizeof text; i++)
    text[i] = (char)('!' + i % 90);
  for (size_t n = 0; n < sizeof text; n++) {
    unsigned char whole[32], one[32], seven[32];
    dsreg_sha256(text, n, whole);
    dsreg_sha256_ctx c;
    dsreg_sha256_init(&c);
    for (size_t i = 0; i < n; i++)
      dsreg_sha256_feed(&c, text + i, 1);
    dsreg_sha256_finish(&c, one);
    dsreg_sha256_init(&c);
    for (size_t i = 0; i < n; i += 7)
      dsreg_sha256_feed(&c, text + i, n - i < 7 ? n - i : 7);
    dsreg_sha256_finish(&c, seven);
    assert_memory_equal(whole, one, 32);
    assert_memory_equal(whole, seven, 32);
  }
}

static void test_base64(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
  } v[] = {{"", ""},
           {"f", "Zg=="},
           {"fo", "Zm8="},
           {"foo", "Zm9v"},
           {"foob", "Zm9vYg=="},
           {"fooba", "Zm9vYmE="},
           {"foobar", "Zm9vYmFy"}};
  char out[16];
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    assert_string_equal(
        dsreg_base64((const unsigned char *)v[i].in, strlen(v[i].in), out),
        v[i].out);
  /* A digest as the CSP carries it: 44 characters, one = of padding. */
  unsigned char d[32];
  char b[45];
  dsreg_sha256("abc", 3, d);
  assert_string_equal(dsreg_base64(d, 32, b),
                      "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known_vectors),
      cmocka_unit_test(test_million_a),
      cmocka_unit_test(test_pieces),
      cmocka_unit_test(test_base64),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
