/*
 * html_assets.h - the HTML page's inline style and script.
 *
 * Private to the library.  dsreg_html_csp() (dsreg/html.h) gives the
 * policy that allows exactly these two.
 */
#ifndef DSREG_HTML_ASSETS_H
#define DSREG_HTML_ASSETS_H

#include "buf.h"
#include "dsreg/html.h"

/* The text of the <style> element, as the CSP hash covers it. */
void dsreg_html_put_style(dsreg_buf *b);

/* The text of the <script> element, as the CSP hash covers it. */
void dsreg_html_put_script(dsreg_buf *b);

#endif
