/*
 * console.h - the `console` object, the global `print`, and value
 * formatting in the style of Node's util.inspect.
 *
 * Uses only the public API (quickjs.h).  Output goes to the process's
 * stdout (log, info, debug, dir, print) and stderr (error, warn, trace,
 * assert).  First version: the lead may move these declarations to
 * include/weft-libc.h.
 */
#ifndef WEFT_CONSOLE_H
#define WEFT_CONSOLE_H

#include <stddef.h>
#include "quickjs.h"

/* Defines globalThis.console and globalThis.print in ctx.
   Returns 0, or -1 with an exception pending. */
int weft_console_init(JSContext *ctx);

/* util.inspect(val) with Node's defaults (depth 2, breakLength 80,
   compact 3).  Top-level strings are quoted like everything else.
   Returns a NUL-terminated UTF-8 string allocated with js_malloc (free it
   with js_free), its length in *plen when plen is not NULL; NULL with an
   exception pending on failure. */
char *weft_console_inspect(JSContext *ctx, JSValueConst val, size_t *plen);

/* What console.log(...argv) prints, without the final newline: format
   specifiers (%s %d %i %f %j %o %O %c %%) in a first string argument,
   strings printed as they are, other values inspected, all joined with
   spaces.  Same allocation and failure rules as weft_console_inspect. */
char *weft_console_format(JSContext *ctx, int argc, JSValueConst *argv,
                          size_t *plen);

#endif /* WEFT_CONSOLE_H */
