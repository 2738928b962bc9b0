/*
 * quickjs-libc.h - Weft's QuickJS-compatible C library API: the event loop,
 * the 'std' and 'os' modules, the file module loader and the helpers an
 * embedder calls around them (names and signatures of quickjs-ng).
 *
 * Typical embedding, all in the thread that runs the runtime:
 *
 *   JSRuntime *rt = JS_NewRuntime();
 *   js_std_init_handlers(rt);                 the thread's event loop
 *   JS_SetModuleLoaderFunc2(rt, NULL, js_module_loader,
 *                           js_module_check_attributes, NULL);
 *   JSContext *ctx = JS_NewContext(rt);
 *   js_std_add_helpers(ctx, argc, argv);      console, print, scriptArgs,
 *                                             setTimeout & co.
 *   ... JS_Eval(...) ...
 *   js_std_loop(ctx);                         until nothing is left to do
 *   js_std_free_handlers(rt);
 *   JS_FreeContext(ctx);
 *   JS_FreeRuntime(rt);
 *
 * The modules 'std', 'os', 'qjs:std' and 'qjs:os' are created on demand by
 * js_module_loader; js_init_module_std/os create them under another name.
 */
#ifndef QUICKJS_LIBC_H
#define QUICKJS_LIBC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "quickjs.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef JS_LIBC_EXTERN
#define JS_LIBC_EXTERN JS_EXTERN
#endif

/* Native modules: create the module `module_name` with the exports of
   QuickJS's std / os.  NULL with an exception pending on failure. */
JS_LIBC_EXTERN JSModuleDef *js_init_module_std(JSContext *ctx, const char *module_name);
JS_LIBC_EXTERN JSModuleDef *js_init_module_os(JSContext *ctx, const char *module_name);

/* Globals: console, print, scriptArgs (argv[0..argc-1]; argc < 0: none),
   setTimeout/setInterval/clearTimeout/clearInterval, queueMicrotask. */
JS_LIBC_EXTERN void js_std_add_helpers(JSContext *ctx, int argc, char **argv);

/* Runs the event loop until nothing ref'd is left (timers, handlers,
   worker ports, child processes...).  Jobs run after every callback.
   Returns 0, or -1 with the uncaught exception (or unhandled rejection's
   reason) pending in ctx. */
JS_LIBC_EXTERN int js_std_loop(JSContext *ctx);
/* One non-blocking turn: runs the jobs and whatever is ready.  Returns
   > 0: call again in that many milliseconds; 0: more work is ready now;
   -1: nothing left to do; -2: an exception is pending in ctx. */
JS_LIBC_EXTERN int js_std_loop_once(JSContext *ctx);
/* Runs the loop until the promise `obj` settles (consumed): its value, or
   JS_EXCEPTION with the rejection reason pending.  A non-promise is
   returned as it is. */
JS_LIBC_EXTERN JSValue js_std_await(JSContext *ctx, JSValue obj);

/* The thread's event loop state, attached to rt.  init is idempotent;
   free closes every handle and must come before JS_FreeRuntime. */
JS_LIBC_EXTERN void js_std_init_handlers(JSRuntime *rt);
JS_LIBC_EXTERN void js_std_free_handlers(JSRuntime *rt);

/* Prints the pending exception (taken) with its stack on stderr. */
JS_LIBC_EXTERN void js_std_dump_error(JSContext *ctx);
JS_LIBC_EXTERN void js_std_dump_error1(JSContext *ctx, JSValueConst exception_val);

/* Reads a whole file: a js_malloc'ed buffer with a NUL after the last
   byte (free with js_free), its length in *pbuf_len; NULL on error (errno
   set, no exception). */
JS_LIBC_EXTERN uint8_t *js_load_file(JSContext *ctx, size_t *pbuf_len, const char *filename);

/* import.meta of a module compiled with JS_EVAL_FLAG_COMPILE_ONLY
   (func_val, a module value): url (file://), filename, dirname, main,
   resolve().  use_realpath: resolve symlinks for url/filename.
   0, or -1 with an exception pending. */
JS_LIBC_EXTERN int js_module_set_import_meta(JSContext *ctx, JSValueConst func_val,
                                             bool use_realpath, bool is_main);
/* Module loader for JS_SetModuleLoaderFunc2: files (JavaScript, or JSON
   with `with { type: 'json' }`) and the built-in std/os modules. */
JS_LIBC_EXTERN JSModuleDef *js_module_loader(JSContext *ctx, const char *module_name,
                                             void *opaque, JSValueConst attributes);
/* Import attributes check for JS_SetModuleLoaderFunc2: only `type`, and
   only 'json'.  0, or -1 with a TypeError pending. */
JS_LIBC_EXTERN int js_module_check_attributes(JSContext *ctx, void *opaque,
                                              JSValueConst attributes);
/* 1 if the attributes say `type: 'json'`, 0 otherwise. */
JS_LIBC_EXTERN int js_module_test_json(JSContext *ctx, JSValueConst attributes);

/* Runs precompiled bytecode (JS_WriteObject with JS_WRITE_OBJ_BYTECODE):
   a script, or a module when flags has JS_EVAL_TYPE_MODULE... as QuickJS,
   any error is printed and ends the process with status 1. */
JS_LIBC_EXTERN void js_std_eval_binary(JSContext *ctx, const uint8_t *buf, size_t buf_len,
                                       int flags);

/* Promise rejection tracker for JS_SetHostPromiseRejectionTracker: an
   unhandled rejection still unhandled after the jobs ran is an uncaught
   error (Node's behaviour): js_std_loop returns -1 with it. */
JS_LIBC_EXTERN void js_std_promise_rejection_tracker(JSContext *ctx, JSValueConst promise,
                                                     JSValueConst reason, bool is_handled,
                                                     void *opaque);

/* Worker runtime / context factories (default JS_NewRuntime and
   JS_NewContext).  Set them before the first worker is created; a factory
   returning NULL makes `new os.Worker` throw in the parent. */
JS_LIBC_EXTERN void js_std_set_worker_new_runtime_func(JSRuntime *(*func)(void));
JS_LIBC_EXTERN void js_std_set_worker_new_context_func(JSContext *(*func)(JSRuntime *rt));

#ifdef __cplusplus
}
#endif

#endif /* QUICKJS_LIBC_H */
