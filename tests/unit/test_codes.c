/*
 * test_codes.c - the error-code knowledge base (dsreg/codes.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dsreg/codes.h"

#define LAST_CONTEXT DSREG_CODE_WIN32

static const dsreg_code_info *lookup(const char *text,
                                     dsreg_code_context prefer) {
  return dsreg_code_lookup(text, strlen(text), prefer);
}

static int is_numeric_code(const char *code) {
  return code[0] >= '0' && code[0] <= '9';
}

static int same_text_ci(const char *a, const char *b) {
  for (; *a != '\0' && *b != '\0'; a++, b++) {
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
  }
  return *a == *b;
}

static void assert_row(const dsreg_code_info *row, const char *code,
                       const char *name, dsreg_code_context ctx) {
  assert_non_null(row);
  assert_string_equal(row->code, code);
  assert_string_equal(row->name, name);
  assert_int_equal(row->context, ctx);
}

static void test_lookup_known_codes(void **state) {
  (void)state;
  assert_row(lookup("0x801c001d", DSREG_CODE_ANY), "0x801c001d",
             "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("0x801c0021", DSREG_CODE_ANY), "0x801c0021",
             "DSREG_AUTOJOIN_DISC_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("0x8007000d", DSREG_CODE_ANY), "0x8007000d",
             "E_INVALIDDATA", DSREG_CODE_DISCOVERY_SUB);
  assert_row(lookup("0xcaa90017", DSREG_CODE_ANY), "0xcaa90017",
             "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED", DSREG_CODE_AUTH);
  assert_row(lookup("0x80090016", DSREG_CODE_ANY), "0x80090016",
             "NTE_BAD_KEYSET", DSREG_CODE_TPM);
  assert_row(lookup("0xc000006d", DSREG_CODE_ANY), "0xc000006d",
             "STATUS_LOGON_FAILURE", DSREG_CODE_PRT);
  assert_row(lookup("0x801c0095", DSREG_CODE_ANY), "0x801c0095",
             "DSREG_TOKEN_MISSING_ON_PREM_ID", DSREG_CODE_KERBEROS_JOIN);
  assert_row(lookup("0x801c004d", DSREG_CODE_ANY), "0x801c004d",
             "DSREG_NO_DEFAULT_ACCOUNT", DSREG_CODE_WHFB);
  assert_row(lookup("0x80070002", DSREG_CODE_ANY), "0x80070002",
             "ERROR_FILE_NOT_FOUND", DSREG_CODE_WIN32);
  assert_row(lookup("0x80072f94", DSREG_CODE_ANY), "0x80072f94",
             "ERROR_WINHTTP_AUTODETECTION_FAILED", DSREG_CODE_NETWORK);
  assert_row(lookup("AADSTS50126", DSREG_CODE_ANY), "AADSTS50126", "",
             DSREG_CODE_SERVER);
  assert_row(lookup("MSIS9682", DSREG_CODE_ANY), "MSIS9682", "",
             DSREG_CODE_SERVER);

  assert_int_equal(lookup("0x801c03f2", DSREG_CODE_ANY)->value, 0x801c03f2u);
  assert_int_equal(lookup("AADSTS50155", DSREG_CODE_ANY)->value, 0);
  assert_non_null(strstr(lookup("AADSTS50155", DSREG_CODE_ANY)->reference,
                         "/entra/identity/devices/faq"));
}

static void test_prefer_picks_context_row(void **state) {
  const dsreg_code_info *join, *whfb;

  (void)state;
  join = lookup("0x801c03f2", DSREG_CODE_JOIN);
  whfb = lookup("0x801c03f2", DSREG_CODE_WHFB);
  assert_row(join, "0x801c03f2", "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_JOIN);
  assert_row(whfb, "0x801c03f2", "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_WHFB);
  assert_ptr_not_equal(join, whfb);
  assert_non_null(strstr(join->meaning, "DirectoryError"));
  assert_non_null(strstr(whfb->meaning, "proxyAddresses"));

  /* No preference, or one with no row: the registration meaning, first. */
  assert_ptr_equal(lookup("0x801c03f2", DSREG_CODE_ANY), join);
  assert_ptr_equal(lookup("0x801c03f2", DSREG_CODE_PRT), join);
  assert_ptr_equal(dsreg_code_lookup_value(0x801c03f2u, DSREG_CODE_WHFB), whfb);
  assert_ptr_equal(dsreg_code_lookup_value(0x801c03f2u, DSREG_CODE_ANY), join);

  assert_int_equal(lookup("0x80090031", DSREG_CODE_ANY)->context,
                   DSREG_CODE_TPM);
  assert_int_equal(lookup("0x80090031", DSREG_CODE_WHFB)->context,
                   DSREG_CODE_WHFB);
  assert_int_equal(lookup("0x801c001d", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVER);
  assert_int_equal(lookup("0x801c001d", DSREG_CODE_JOIN)->context,
                   DSREG_CODE_JOIN);
  assert_int_equal(lookup("0x801c000c", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVERY_SUB);
  assert_int_equal(lookup("0x801c000c", DSREG_CODE_WHFB)->context,
                   DSREG_CODE_WHFB);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVERY_SUB);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_JOIN)->context,
                   DSREG_CODE_JOIN);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_NETWORK)->context,
                   DSREG_CODE_NETWORK);
}

static void test_hex_case_and_leading_zeros(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("0x801c03f2", DSREG_CODE_ANY);
  assert_non_null(row);
  assert_ptr_equal(lookup("0X801C03F2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x801C03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x00801c03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x0000000000801c03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x2EFD", DSREG_CODE_ANY),
                   lookup("12029", DSREG_CODE_ANY));

  /* Zero is a value like any other, and no row has it. */
  assert_null(lookup("0x0", DSREG_CODE_ANY));
  assert_null(lookup("0x00000000", DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0, DSREG_CODE_SERVER));
}

static void test_negative_decimal(void **state) {
  (void)state;
  assert_row(lookup("-2145648611", DSREG_CODE_ANY), "0x801c001d",
             "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("-2145647630", DSREG_CODE_WHFB), "0x801c03f2",
             "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_WHFB);
  assert_row(lookup("-2147012894", DSREG_CODE_ANY), "0x80072ee2",
             "WININET_E_TIMEOUT", DSREG_CODE_DISCOVERY_SUB);
  assert_row(lookup("-1073741715", DSREG_CODE_ANY), "0xc000006d",
             "STATUS_LOGON_FAILURE", DSREG_CODE_PRT);
  assert_row(lookup("-894894057", DSREG_CODE_ANY), "0xcaa90017",
             "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED", DSREG_CODE_AUTH);

  assert_null(lookup("-", DSREG_CODE_ANY));
  assert_null(lookup("-0", DSREG_CODE_ANY));
  assert_null(lookup("-2147483649", DSREG_CODE_ANY));
  assert_null(lookup("-4294967296", DSREG_CODE_ANY));
  assert_null(lookup("-0x801c001d", DSREG_CODE_ANY));
  assert_null(lookup("--2145648611", DSREG_CODE_ANY));
}

static void test_decimal_winhttp(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("12029", DSREG_CODE_ANY);
  assert_row(row, "12029", "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK);
  assert_int_equal(row->value, 12029);
  assert_ptr_equal(dsreg_code_lookup_value(12029, DSREG_CODE_PRT), row);
  assert_ptr_equal(lookup("012029", DSREG_CODE_ANY), row);
  assert_row(lookup("12002", DSREG_CODE_ANY), "12002", "ERROR_WINHTTP_TIMEOUT",
             DSREG_CODE_NETWORK);
  assert_row(lookup("12007", DSREG_CODE_ANY), "12007",
             "ERROR_WINHTTP_NAME_NOT_RESOLVED", DSREG_CODE_NETWORK);
  assert_row(lookup("12030", DSREG_CODE_ANY), "12030",
             "ERROR_WINHTTP_CONNECTION_ERROR", DSREG_CODE_NETWORK);

  /* The HRESULT form is a different number with its own rows. */
  assert_int_equal(lookup("0x80072efd", DSREG_CODE_NETWORK)->value,
                   0x80072efdu);
  assert_null(lookup("12031", DSREG_CODE_ANY));
  assert_null(lookup("4294967296", DSREG_CODE_ANY));
  assert_null(lookup("99999999999999999999999", DSREG_CODE_ANY));
}

static void test_server_code_prefix(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("AADSTS50126: Error validating credentials due to invalid "
               "username or password.",
               DSREG_CODE_ANY);
  assert_row(row, "AADSTS50126", "", DSREG_CODE_SERVER);
  assert_ptr_equal(lookup("aadsts50126", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("AaDsTs50126 (trace)", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("  AADSTS50126\r\n", DSREG_CODE_PRT), row);
  assert_row(
      lookup("AADSTS90002: Tenant 'corp.local' not found.", DSREG_CODE_ANY),
      "AADSTS90002", "", DSREG_CODE_SERVER);
  assert_row(lookup("MSIS9682: Received invalid OAuth JWT Bearer request.",
                    DSREG_CODE_ANY),
             "MSIS9682", "", DSREG_CODE_SERVER);
  assert_row(lookup("msis9682", DSREG_CODE_ANY), "MSIS9682", "",
             DSREG_CODE_SERVER);
}

static void test_server_code_needs_whole_token(void **state) {
  (void)state;
  assert_null(lookup("AADSTS501260", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS501260: something", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS5012", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS50126x", DSREG_CODE_ANY));
  assert_null(lookup("XAADSTS50126", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS", DSREG_CODE_ANY));
  assert_null(lookup("MSIS96820", DSREG_CODE_ANY));
  assert_null(lookup("Error: AADSTS50126", DSREG_CODE_ANY));
}

static void test_unknown_codes(void **state) {
  (void)state;
  assert_null(lookup("0xdeadbeef", DSREG_CODE_ANY));
  assert_null(lookup("0xd0020017", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS12345", DSREG_CODE_ANY));
  assert_null(lookup("hello", DSREG_CODE_ANY));
  assert_null(lookup("0x", DSREG_CODE_ANY));
  assert_null(lookup("0xg", DSREG_CODE_ANY));
  assert_null(lookup("0x801c03f2z", DSREG_CODE_ANY));
  assert_null(lookup("0x1801c03f2", DSREG_CODE_ANY));
  assert_null(lookup("", DSREG_CODE_ANY));
  assert_null(lookup(" \t\r\n", DSREG_CODE_ANY));
  assert_null(lookup(": AADSTS50126", DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(NULL, 0, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(NULL, 10, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0xdeadbeefu, DSREG_CODE_ANY));
}

static void test_whitespace_and_length(void **state) {
  static const char buf[] = "0x801c03f2ff AADSTS50126";
  const dsreg_code_info *row;

  (void)state;
  row = lookup("0x801c03f2", DSREG_CODE_ANY);
  assert_ptr_equal(lookup("  0x801c03f2\r\n", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("\t0x801c03f2 ", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x801c0021/0x801c000c", DSREG_CODE_ANY),
                   lookup("0x801c0021", DSREG_CODE_ANY));
  assert_row(lookup(" \t12029 \n", DSREG_CODE_ANY), "12029",
             "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK);

  /* `len` bounds the text; no NUL is needed after it. */
  assert_ptr_equal(dsreg_code_lookup(buf, 10, DSREG_CODE_ANY), row);
  assert_null(dsreg_code_lookup(buf, 12, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(buf, 0, DSREG_CODE_ANY));
  assert_row(dsreg_code_lookup(buf + 13, 11, DSREG_CODE_ANY), "AADSTS50126", "",
             DSREG_CODE_SERVER);
  assert_null(dsreg_code_lookup(buf + 13, 10, DSREG_CODE_ANY));
}

/* Every code of format.md section 8 (and the extra ones the format names),
 * with the context its row must have. */
static const struct {
  const char *code;
  dsreg_code_context ctx;
} required[] = {
    /* 8.1 */
    {"0x801c001d", DSREG_CODE_DISCOVER},
    {"0x801c0021", DSREG_CODE_DISCOVER},
    {"0x801c001f", DSREG_CODE_DISCOVER},
    {"0x801c003d", DSREG_CODE_DISCOVER},
    {"0x80070002", DSREG_CODE_WIN32},
    {"0x801c000c", DSREG_CODE_DISCOVERY_SUB},
    /* 8.2 */
    {"0x80072efd", DSREG_CODE_DISCOVERY_SUB},
    {"0x80072ee2", DSREG_CODE_DISCOVERY_SUB},
    {"0x80072f8f", DSREG_CODE_DISCOVERY_SUB},
    {"0x801c003a", DSREG_CODE_DISCOVERY_SUB},
    {"0x801c0025", DSREG_CODE_DISCOVERY_SUB},
    {"0x8007000d", DSREG_CODE_DISCOVERY_SUB},
    /* 8.3 */
    {"0xcaa90017", DSREG_CODE_AUTH},
    {"0xcaa9002c", DSREG_CODE_AUTH},
    {"0xcaa90023", DSREG_CODE_AUTH},
    {"0xcaa82ee2", DSREG_CODE_AUTH},
    {"0xcaa82efe", DSREG_CODE_AUTH},
    {"0xcaa82f8f", DSREG_CODE_AUTH},
    {"0xcaa82efd", DSREG_CODE_AUTH},
    {"0xcaa20003", DSREG_CODE_AUTH},
    {"0xcaa90014", DSREG_CODE_AUTH},
    {"0xcaa90006", DSREG_CODE_AUTH},
    {"0xcaa1002d", DSREG_CODE_AUTH},
    /* 8.4 */
    {"0x801c03f2", DSREG_CODE_JOIN},
    {"0x801c0002", DSREG_CODE_JOIN},
    {"0x801c0006", DSREG_CODE_JOIN},
    {"0x801c001d", DSREG_CODE_JOIN},
    {"0x80090016", DSREG_CODE_TPM},
    {"0x80290407", DSREG_CODE_TPM},
    {"0x80280036", DSREG_CODE_TPM},
    {"0x80090031", DSREG_CODE_TPM},
    {"0x80072ee2", DSREG_CODE_JOIN},
    {"0x80072ee7", DSREG_CODE_JOIN},
    {"0x80072efe", DSREG_CODE_JOIN},
    {"0x801c0095", DSREG_CODE_KERBEROS_JOIN},
    {"0x80090311", DSREG_CODE_KERBEROS_JOIN},
    {"0x80090303", DSREG_CODE_KERBEROS_JOIN},
    {"0x8009030c", DSREG_CODE_KERBEROS_JOIN},
    /* 8.5 */
    {"0xc000006d", DSREG_CODE_PRT},
    {"0xc000006a", DSREG_CODE_PRT},
    {"0xc00000d0", DSREG_CODE_PRT},
    {"0xc000023c", DSREG_CODE_PRT},
    {"0xc00000be", DSREG_CODE_PRT},
    {"0xc00000c4", DSREG_CODE_PRT},
    {"0xc000005f", DSREG_CODE_PRT},
    {"0xc004844c", DSREG_CODE_PRT},
    {"0xc0048442", DSREG_CODE_PRT},
    {"0xc00484c1", DSREG_CODE_PRT},
    {"0x800484c1", DSREG_CODE_PRT},
    {"0xc004848b", DSREG_CODE_PRT},
    {"0xc004848c", DSREG_CODE_PRT},
    {"0xc00cee4f", DSREG_CODE_PRT},
    {"AADSTS50155", DSREG_CODE_SERVER},
    {"AADSTS50034", DSREG_CODE_SERVER},
    {"AADSTS50126", DSREG_CODE_SERVER},
    {"AADSTS90002", DSREG_CODE_SERVER},
    {"MSIS9682", DSREG_CODE_SERVER},
    {"12002", DSREG_CODE_NETWORK},
    {"12007", DSREG_CODE_NETWORK},
    {"12029", DSREG_CODE_NETWORK},
    {"12030", DSREG_CODE_NETWORK},
    {"0x80072f94", DSREG_CODE_NETWORK},
    /* 8.6 */
    {"0x80090029", DSREG_CODE_WHFB},
    {"0x80090031", DSREG_CODE_WHFB},
    {"0x80090035", DSREG_CODE_WHFB},
    {"0x801C0003", DSREG_CODE_WHFB},
    {"0x801C000E", DSREG_CODE_WHFB},
    {"0x801C000F", DSREG_CODE_WHFB},
    {"0x801C0015", DSREG_CODE_WHFB},
    {"0x801C03ED", DSREG_CODE_WHFB},
    {"0x801C03F2", DSREG_CODE_WHFB},
    {"0x801C044D", DSREG_CODE_WHFB},
    {"0x801c004D", DSREG_CODE_WHFB},
    {"0x801C0001", DSREG_CODE_WHFB},
    {"0x801C0002", DSREG_CODE_WHFB},
    {"0x801C0006", DSREG_CODE_WHFB},
    {"0x801C000C", DSREG_CODE_WHFB},
    {"0x801C0013", DSREG_CODE_WHFB},
    {"0x801C0014", DSREG_CODE_WHFB},
    {"0x801C001B", DSREG_CODE_WHFB},
};

static void test_every_reference_code_present(void **state) {
  size_t i;

  (void)state;
  for (i = 0; i < sizeof required / sizeof required[0]; i++) {
    const dsreg_code_info *row = lookup(required[i].code, required[i].ctx);

    if (row == NULL || row->context != required[i].ctx)
      fail_msg("%s has no %s row", required[i].code,
               dsreg_code_context_name(required[i].ctx));
  }
}

static void test_table_rows_are_well_formed(void **state) {
  size_t i, j, n = dsreg_code_count();

  (void)state;
  assert_true(n >= sizeof required / sizeof required[0]);
  for (i = 0; i < n; i++) {
    const dsreg_code_info *row = dsreg_code_at(i);
    char upper[32];

    assert_non_null(row);
    assert_non_null(row->code);
    assert_true(row->code[0] != '\0');
    assert_non_null(row->name);
    assert_non_null(row->meaning);
    assert_true(row->meaning[0] != '\0');
    assert_non_null(row->remedy);
    assert_non_null(row->reference);
    assert_int_equal(strncmp(row->reference, "https://", 8), 0);
    assert_in_range(row->context, DSREG_CODE_DISCOVER, LAST_CONTEXT);

    /* Each row is what a lookup of its own code in its own context finds. */
    assert_ptr_equal(lookup(row->code, row->context), row);
    if (is_numeric_code(row->code)) {
      assert_ptr_equal(dsreg_code_lookup_value(row->value, row->context), row);
      if (row->code[1] == 'x') {
        snprintf(upper, sizeof upper, "0X%08lX", (unsigned long)row->value);
        assert_ptr_equal(lookup(upper, row->context), row);
      }
    } else {
      assert_int_equal(row->value, 0);
    }

    for (j = i + 1; j < n; j++) {
      const dsreg_code_info *other = dsreg_code_at(j);
      int same_code;

      if (is_numeric_code(row->code) != is_numeric_code(other->code))
        continue;
      same_code = is_numeric_code(row->code)
                      ? row->value == other->value
                      : same_text_ci(row->code, other->code);
      if (same_code && row->context == other->context)
        fail_msg("rows %zu and %zu are both %s in %s", i, j, row->code,
                 dsreg_code_context_name(row->context));
    }
  }
}

/* The first-row fallback relies on this order. */
static void test_table_is_sorted(void **state) {
  size_t i, n = dsreg_code_count();

  (void)state;
  for (i = 1; i < n; i++) {
    const dsreg_code_info *a = dsreg_code_at(i - 1), *b = dsreg_code_at(i);

    assert_true(a->context <= b->context);
    if (a->context != b->context)
      continue;
    if (is_numeric_code(a->code) && is_numeric_code(b->code)) {
      if (a->value >= b->value)
        fail_msg("%s before %s", a->code, b->code);
    } else if (strcmp(a->code, b->code) >= 0) {
      fail_msg("%s before %s", a->code, b->code);
    }
  }
}

static void test_code_at_bounds(void **state) {
  size_t n = dsreg_code_count();

  (void)state;
  assert_true(n > 0);
  assert_non_null(dsreg_code_at(0));
  assert_non_null(dsreg_code_at(n - 1));
  assert_null(dsreg_code_at(n));
  assert_null(dsreg_code_at(n + 1));
  assert_null(dsreg_code_at(SIZE_MAX));
}

static void test_context_names(void **state) {
  int i, j;

  (void)state;
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_DISCOVER), "discover");
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_PRT), "prt");
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_WHFB), "whfb");
  for (i = DSREG_CODE_ANY; i <= (int)LAST_CONTEXT; i++) {
    const char *name = dsreg_code_context_name((dsreg_code_context)i);
    const char *p;

    assert_non_null(name);
    assert_true(name[0] != '\0');
    for (p = name; *p != '\0'; p++)
      assert_false(*p >= 'A' && *p <= 'Z');
    for (j = DSREG_CODE_ANY; j < i; j++)
      assert_string_not_equal(name,
                              dsreg_code_context_name((dsreg_code_context)j));
  }
  assert_non_null(
      dsreg_code_context_name((dsreg_code_context)(LAST_CONTEXT + 1)));
  assert_non_null(dsreg_code_context_name((dsreg_code_context)-1));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lookup_known_codes),
      cmocka_unit_test(test_prefer_picks_context_row),
      cmocka_unit_test(test_hex_case_and_leading_zeros),
      cmocka_unit_test(test_negative_decimal),
      cmocka_unit_test(test_decimal_winhttp),
      cmocka_unit_test(test_server_code_prefix),
      cmocka_unit_test(test_server_code_needs_whole_token),
      cmocka_unit_test(test_unknown_codes),
      cmocka_unit_test(test_whitespace_and_length),
      cmocka_unit_test(test_every_reference_code_present),
      cmocka_unit_test(test_table_rows_are_well_formed),
      cmocka_unit_test(test_table_is_sorted),
      cmocka_unit_test(test_code_at_bounds),
      cmocka_unit_test(test_context_names),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
