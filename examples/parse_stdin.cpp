// parse_stdin.cpp - the same as parse_stdin.c, from C++: the headers are
// extern "C", and the parser is owned by a unique_ptr.
//
//   c++ parse_stdin.cpp $(pkg-config --cflags --libs dsreg) -o parse_stdin_cpp
#include <cstdio>
#include <iostream>
#include <memory>

#include "dsreg/dsreg.h"

namespace {

struct parser_free {
  void operator()(dsreg_parser *p) const { dsreg_parser_free(p); }
};

int on_capture(const dsreg_capture *cap, void *) {
  dsreg_analysis an;
  if (dsreg_analyze(cap, nullptr, &an) != DSREG_OK) {
    dsreg_analysis_free(&an);
    return 1;
  }
  std::cout << "capture " << cap->index << ": "
            << dsreg_join_type_id(an.join_type) << '\n';
  for (size_t i = 0; i < an.finding_count; i++)
    std::cout << "  " << dsreg_severity_name(an.findings[i].severity) << ' '
              << an.findings[i].rule << ": " << an.findings[i].message << '\n';
  dsreg_analysis_free(&an);
  return 0;
}

} // namespace

int main() {
  std::unique_ptr<dsreg_parser, parser_free> p(
      dsreg_parser_new(on_capture, nullptr));
  if (!p)
    return 2;
  std::cout << "libdsreg " << dsreg_version_string() << '\n';
  unsigned char buf[65536];
  size_t n;
  dsreg_status st = DSREG_OK;
  while (st == DSREG_OK && (n = std::fread(buf, 1, sizeof buf, stdin)) > 0)
    st = dsreg_parser_feed(p.get(), buf, n);
  if (st == DSREG_OK)
    st = dsreg_parser_finish(p.get());
  if (st != DSREG_OK) {
    std::cerr << "parse_stdin_cpp: " << dsreg_strerror(st) << '\n';
    return 2;
  }
  return 0;
}
