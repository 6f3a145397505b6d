/*
 * status.c - status messages and the names of the public enums.
 */
#include "dsreg/status.h"
#include "dsreg/capture.h"

#include "ascii.h"

const char *dsreg_strerror(dsreg_status status) {
  switch (status) {
  case DSREG_OK:
    return "success";
  case DSREG_ENOMEM:
    return "out of memory";
  case DSREG_EINVAL:
    return "invalid argument";
  case DSREG_ENOCAPTURE:
    return "no dsregcmd /status output found";
  case DSREG_ESTOPPED:
    return "stopped by the caller";
  case DSREG_EFINISHED:
    return "input already finished";
  case DSREG_EIO:
    return "input/output error";
  }
  return "unknown error";
}

const char *dsreg_encoding_name(dsreg_encoding enc) {
  switch (enc) {
  case DSREG_ENCODING_UNKNOWN:
    break;
  case DSREG_ENCODING_UTF8:
    return "utf-8";
  case DSREG_ENCODING_UTF8_BOM:
    return "utf-8-bom";
  case DSREG_ENCODING_UTF16LE_BOM:
    return "utf-16le-bom";
  case DSREG_ENCODING_UTF16BE_BOM:
    return "utf-16be-bom";
  case DSREG_ENCODING_UTF16LE:
    return "utf-16le";
  case DSREG_ENCODING_UTF16BE:
    return "utf-16be";
  case DSREG_ENCODING_CP437:
    return "cp437";
  case DSREG_ENCODING_CP850:
    return "cp850";
  case DSREG_ENCODING_CP1252:
    return "cp1252";
  }
  return "unknown";
}

bool dsreg_encoding_from_name(const char *name, dsreg_encoding *out) {
  static const dsreg_encoding named[] = {
      DSREG_ENCODING_UTF8,  DSREG_ENCODING_UTF16LE, DSREG_ENCODING_UTF16BE,
      DSREG_ENCODING_CP437, DSREG_ENCODING_CP850,   DSREG_ENCODING_CP1252,
  };
  if (!name)
    return false;
  if (dsreg_streq_nocase(name, "auto")) {
    *out = DSREG_ENCODING_UNKNOWN;
    return true;
  }
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
    if (dsreg_streq_nocase(name, dsreg_encoding_name(named[i]))) {
      *out = named[i];
      return true;
    }
  }
  return false;
}

const dsreg_section *dsreg_capture_section(const dsreg_capture *cap,
                                           dsreg_section_kind kind) {
  if (!cap)
    return 0;
  for (size_t i = 0; i < cap->section_count; i++)
    if (cap->sections[i].kind == kind)
      return &cap->sections[i];
  return 0;
}
