/*
 * typing.c - typed values from fields (see typing.h).
 */
#include "typing.h"

#include <string.h>

#include "buf.h"
#include "dsreg/fields.h"
#include "internal.h"

int dsreg_type_fields(const dsreg_field *fields, size_t n, dsreg_typed *typed,
                      const dsreg_typing_out *out) {
  char msg[256];
  memset(typed, 0, sizeof *typed);
  for (size_t i = 0; i < n; i++) {
    const dsreg_field *f = &fields[i];
    if (f->known < 0)
      continue;
    const dsreg_field_def *def = dsreg_field_def_at((size_t)f->known);
    char *base = (char *)typed;
    if (def->section == DSREG_SECTION_WORK_ACCOUNT) {
      dsreg_work_account *a = out->account(out->ctx, f->section);
      if (!a)
        return -1;
      base = (char *)a;
    }
    dsreg_value *v = (dsreg_value *)(void *)(base + def->offset);
    if (v->field) {
      dsreg_fit(msg, sizeof msg,
                "%s printed again (first on line %lu); this value is used",
                f->key, v->field->line);
      out->note(out->ctx, f->line, msg);
    }
    const char *why;
    dsreg_value_parse(v, f, def->type, &why);
    if (why) {
      char shown[48];
      size_t len =
          f->value_len < 40 ? f->value_len : dsreg_utf8_cut(f->value, 40);
      memcpy(shown, f->value, len);
      strcpy(shown + len, len < f->value_len ? "..." : "");
      dsreg_fit(msg, sizeof msg, "%s: '%s' is %s; kept as text", f->key, shown,
                why);
      out->note(out->ctx, f->line, msg);
    }
  }
  return 0;
}
