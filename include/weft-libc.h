/*
 * weft-libc.h - Weft's runtime library API: everything of quickjs-libc.h
 * (event loop, std/os modules, module loader, worker factories) plus
 * Weft's additions, named weft_*.
 */
#ifndef WEFT_LIBC_H
#define WEFT_LIBC_H

#include "weft.h"
#include "quickjs-libc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets up a runtime the way `weft` does: js_std_init_handlers, the file
   module loader (relative imports resolved from the importing file,
   "cannot find module 'x' imported from y" errors, JSON modules) and the
   unhandled-rejection tracker.  0, or -1 (out of memory). */
JS_EXTERN int weft_runtime_setup(JSRuntime *rt);

/* Worker factories with a user pointer and a per-worker destructor: fn
   makes each worker's runtime / context (in the parent thread, inside
   `new os.Worker`; NULL makes the constructor throw), free_fn (may be
   NULL) runs in the worker thread just before Weft frees that runtime /
   context.  They replace the js_std_set_worker_new_*_func factories. */
typedef JSRuntime *WeftWorkerNewRuntimeFunc(void *opaque);
typedef JSContext *WeftWorkerNewContextFunc(JSRuntime *rt, void *opaque);
typedef void WeftWorkerFreeRuntimeFunc(JSRuntime *rt, void *opaque);
typedef void WeftWorkerFreeContextFunc(JSContext *ctx, void *opaque);
JS_EXTERN void weft_std_set_worker_runtime_factory(WeftWorkerNewRuntimeFunc *fn,
                                                   WeftWorkerFreeRuntimeFunc *free_fn,
                                                   void *opaque);
JS_EXTERN void weft_std_set_worker_context_factory(WeftWorkerNewContextFunc *fn,
                                                   WeftWorkerFreeContextFunc *free_fn,
                                                   void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_LIBC_H */
