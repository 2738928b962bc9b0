/*
 * runtime.h - the runtime layer's per-thread state: one libuv loop per
 * JSRuntime (one per thread), its timers, fd handlers, signal handlers and
 * the unhandled-rejection list, plus the calls the rest of src/runtime/
 * (std.c, os.c, libc.c, loader.c and the worker core in channel.c/worker.c)
 * builds on.  Internal header: nothing here is exported.
 *
 * Lifecycle of a thread (the main thread in weft's main.c, a worker thread
 * in worker.c, an embedder's thread through quickjs-libc.h), all in the
 * thread that will run the runtime:
 *
 *   rt  = JS_NewRuntime() (or the worker runtime factory);
 *   wf_rt_init_runtime(rt);          js_std_init_handlers(rt) + module
 *                                    loader + rejection tracker
 *   ctx = JS_NewContext(rt) (or the worker context factory);
 *   wf_rt_init_context(ctx, argc, argv);   js_std_add_helpers(): console,
 *                                    print, scriptArgs, timers globals,
 *                                    queueMicrotask
 *   ... evaluate the script / JS_LoadModule() the worker module ...
 *   js_std_loop(ctx);                runs until nothing ref'd is left, an
 *                                    uncaught error, or wf_rt_stop()
 *   (close the caller's own handles: uv_close + one more js_std_loop or
 *    wf_rt_close_handles)
 *   JS_FreeContext(ctx); js_std_free_handlers(rt); JS_FreeRuntime(rt);
 *
 * The modules 'std', 'os', 'qjs:std', 'qjs:os' need no registration: the
 * module loader (loader.c) creates them on demand in any context, so a
 * context made by an embedder's factory (plain JS_NewContext) can import
 * them.
 *
 * Event-loop rules.  A macrotask is one libuv callback that calls into
 * JavaScript (a timer, an fd handler, a signal, a message).  After each
 * one the job queue is drained (wf_rt_run_jobs), then unhandled
 * rejections are checked.  The loop ends when libuv has no ref'd handle
 * or request left (uv_run returns 0).  An uncaught exception (from a
 * macrotask, a job, or an unhandled rejection) goes to the thread's
 * on_uncaught hook if one is set; with no hook (or when the hook returns
 * -1) the loop stops and js_std_loop() returns -1 with the exception
 * pending in its context.
 */
#ifndef WF_RUNTIME_H
#define WF_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

#include "quickjs.h"
#include "engine/list.h"

typedef struct WfThreadState WfThreadState;

/* Called with an uncaught exception (exc borrowed) in ctx's thread.
   Return 0: handled, the loop goes on; -1: the loop stops and the
   exception becomes js_std_loop's error. */
typedef int WfUncaughtFunc(JSContext *ctx, JSValueConst exc, void *opaque);

/* std.exit(code) / process.exit in a thread that has this hook: the hook
   must arrange for the thread to end (e.g. wf_rt_stop + its own flag);
   the running JavaScript is then unwound with an uncatchable error.
   Without the hook, std.exit ends the process (QuickJS behaviour). */
typedef void WfExitFunc(JSContext *ctx, int code, void *opaque);

struct WfThreadState {
    JSRuntime *rt;
    uv_loop_t loop;                 /* this thread's loop (never the default loop) */
    uv_async_t wake;                /* cross-thread wake-up; ref'd iff keepalive > 0 */
    int keepalive;                  /* wf_rt_ref() count */
    bool closing;                   /* js_std_free_handlers running */
    bool stop_requested;            /* wf_rt_stop(): js_std_loop returns */

    /* loop.c: the JavaScript-facing handles, each a uv handle + callback */
    struct list_head timers;        /* WfTimer, by id order of creation */
    struct list_head fd_handlers;   /* WfFdHandler (os.setReadHandler/WriteHandler) */
    struct list_head sig_handlers;  /* WfSigHandler (os.signal) */
    int32_t next_timer_id;          /* ids of setTimeout/setInterval, from 1 */
    struct WfTimer **timer_tab;     /* id -> timer, open addressing (loop.c) */
    uint32_t timer_tab_size;        /* power of two, 0: none yet */
    uint32_t timer_tab_used;        /* live entries + tombstones */
    uv_timer_t atomics_timer;       /* next Atomics.waitAsync deadline; runs only while some wait */
    bool atomics_armed;             /* atomics_timer started */
    bool atomics_wake_set;          /* weft_atomics_set_wake_func done for this runtime */

    /* unhandled rejections: promise/reason pairs not (yet) handled */
    JSValue *rejections;            /* 2 values per entry */
    int nrejections, rejections_cap;

    /* uncaught errors */
    JSContext *error_ctx;           /* context holding `error`, or NULL */
    JSValue error;                  /* the exception that stopped the loop */
    bool has_error;
    bool error_is_rejection;        /* the error is an unhandled rejection's reason */

    /* hooks for the worker core (NULL on the main thread) */
    WfUncaughtFunc *on_uncaught;
    void *on_uncaught_opaque;
    WfExitFunc *on_exit;
    void *on_exit_opaque;
    void *worker;                   /* worker.c's record of this thread, or NULL */

    /* loader.c */
    char *main_module;              /* name of the main module (import.meta.main), js_malloc_rt */
    /* libc.c: source texts that are not files (weft -e), to quote syntax errors */
    struct WfSource *sources;
};

/* ---- per-thread state (loop.c) ---- */

/* The state js_std_init_handlers() attached to rt, or NULL if none. */
WfThreadState *wf_rt_state(JSRuntime *rt);
/* The state of ctx's runtime; throws an InternalError (returns NULL) if
   js_std_init_handlers was never called for it. */
WfThreadState *wf_rt_state_ctx(JSContext *ctx);
/* The thread's libuv loop (NULL, no exception, without handlers). */
uv_loop_t *wf_rt_loop(JSContext *ctx);

/* js_std_init_handlers(rt) + the module loader (js_module_loader with the
   normalizer of loader.c) + js_std_promise_rejection_tracker.
   Returns 0, or -1 (out of memory / libuv failure; nothing to free). */
int wf_rt_init_runtime(JSRuntime *rt);
/* js_std_add_helpers(ctx, argc, argv), reporting failure: 0 or -1 with an
   exception pending.  argc < 0: no scriptArgs. */
int wf_rt_init_context(JSContext *ctx, int argc, char **argv);

/* Keep-alive: while the count is > 0 the loop does not end even with no
   ref'd handle.  Same thread only.  (A uv handle of your own that should
   keep the loop alive can simply stay uv_ref'd instead.) */
void wf_rt_ref(JSRuntime *rt);
void wf_rt_unref(JSRuntime *rt);
/* Makes js_std_loop return after the current callback (same thread). */
void wf_rt_stop(JSRuntime *rt);

/* ---- macrotasks (loop.c) ---- */

/* Calls func(this, ...argv) as a macrotask: an exception goes to
   wf_rt_report_uncaught, then the job queue is drained.  Returns 0, or -1
   if the loop is stopping because of an uncaught error. */
int wf_rt_call(JSContext *ctx, JSValueConst func, JSValueConst this_val,
               int argc, JSValueConst *argv);
/* Drains the job queue, then reports unhandled rejections.  Returns 0 or
   -1 as wf_rt_call. */
int wf_rt_run_jobs(JSContext *ctx);
/* Takes ctx's pending exception and reports it (hook, or stop the loop
   keeping it as the error).  Returns 0 if a hook handled it, else -1. */
int wf_rt_report_uncaught(JSContext *ctx);

/* ---- errors ---- */

/* The text of an exception as `weft` prints it: "Name: message" and the
   stack for errors, an inspected value otherwise.  js_malloc'ed (js_free),
   NULL on out of memory. */
char *wf_rt_error_text(JSContext *ctx, JSValueConst exc);
/* Prints it on stderr (stdout flushed first), `prefix` (may be NULL)
   before a non-error value ("Uncaught " for example). */
void wf_rt_print_error(JSContext *ctx, JSValueConst exc, const char *prefix);
/* Registers source text under `name` (copied) so that a syntax error in
   it can be quoted; files are read back from disk instead.  0 or -1. */
int wf_rt_add_source(JSContext *ctx, const char *name, const char *text, size_t len);
void wf_rt_free_sources(JSRuntime *rt, WfThreadState *ts);
/* JS error from a negative libuv / errno code (-ENOENT...):
   Error with .code = "ENOENT", .errno = 2 and `what` in the message. */
JSValue wf_rt_throw_errno(JSContext *ctx, int neg_err, const char *what);
/* The bytes of an ArrayBuffer, SharedArrayBuffer or typed array (the
   view's window): 0, or -1 with an exception. */
int wf_rt_get_bytes(JSContext *ctx, JSValueConst v, uint8_t **pp, size_t *plen);

/* ---- modules (loader.c) ---- */

/* The normalizer installed by wf_rt_init_runtime: builtin names ('std',
   'os', 'qjs:*', 'node:*') unchanged, "./x" "../x" "/x" and file:// URLs
   resolved against the importing module's directory; a file that does
   not exist throws "cannot find module 'x' imported from y".  js_malloc'ed. */
char *wf_rt_module_normalize(JSContext *ctx, const char *base, const char *name,
                             void *opaque);
/* Creates the 'std' / 'os' (any of the qjs: names) module in ctx if
   `name` is one of them: the module, or NULL when name is not builtin
   (no exception) or on failure (exception pending; check JS_HasException). */
JSModuleDef *wf_rt_builtin_module(JSContext *ctx, const char *name);

/* ---- the modules (std.c, os.c) ---- */

/* Module init functions for JS_NewCModule (also used by the public
   js_init_module_std/os). */
int wf_std_module_init(JSContext *ctx, JSModuleDef *m);
int wf_os_module_init(JSContext *ctx, JSModuleDef *m);
/* Adds the exports to a module being created. */
int wf_std_module_exports(JSContext *ctx, JSModuleDef *m);
int wf_os_module_exports(JSContext *ctx, JSModuleDef *m);

/* ---- timers (loop.c), shared by os.setTimeout and the globals ---- */

/* Returns the timer id (> 0), or -1 with an exception pending. */
int64_t wf_timer_start(JSContext *ctx, JSValueConst func, int64_t delay_ms,
                       bool repeat, int argc, JSValueConst *argv);
void wf_timer_clear(JSContext *ctx, int64_t id);

/* ---- fd handlers and signals (loop.c) ---- */

/* func undefined/null removes the handler.  0 or -1 with exception. */
int wf_fd_handler_set(JSContext *ctx, int fd, bool write, JSValueConst func);
/* mode 0: call func, 1: default action, 2: ignore.  0 or -1. */
int wf_signal_set(JSContext *ctx, int sig, int mode, JSValueConst func);

#endif /* WF_RUNTIME_H */
