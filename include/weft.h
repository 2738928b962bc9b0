/*
 * weft.h - Weft's embedding API.  The engine API is QuickJS's (quickjs.h);
 * Weft's own additions are named weft_* / WEFT_*.
 */
#ifndef WEFT_H
#define WEFT_H

#include "quickjs.h"

#define WEFT_VERSION_MAJOR 0
#define WEFT_VERSION_MINOR 1

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- Atomics
 * (engine/atomics_wait.c)  Atomics.waitAsync settles its promises on the
 * waiting thread.  A notify from another thread (or a timeout) only marks
 * the waiter done; the host then calls weft_atomics_run_async(rt) on the
 * runtime's thread, which resolves the promises of the done waiters
 * (promise jobs follow: run them as usual).
 *
 * - wake function: called from the NOTIFYING thread, with the process-wide
 *   waiter-table mutex held, whenever a waitAsync waiter of rt is notified:
 *   it must only signal the runtime's loop (uv_async_send, a write to a
 *   pipe) and must not call into Weft.
 * - weft_atomics_async_timeout(rt): -1 when rt has no pending waitAsync
 *   waiter; else the milliseconds until one is due (0: now; INT64_MAX:
 *   none has a timeout).  A loop arms a timer with it after each turn and
 *   keeps running while it is not -1.
 * - weft_atomics_async_sleep(rt, max_ms): for hosts without a loop: blocks
 *   until a waiter of rt is done, a timeout is due or max_ms (< 0: no
 *   limit) passes.
 * - weft_atomics_interrupt(rt): from any thread, makes rt's current (or
 *   next) Atomics.wait return at once, throwing the uncatchable
 *   "interrupted" error (Worker.terminate()).
 */
typedef void WeftAtomicsWakeFunc(JSRuntime *rt, void *opaque);
JS_EXTERN void weft_atomics_set_wake_func(JSRuntime *rt, WeftAtomicsWakeFunc *func,
                                          void *opaque);
/* Settles the promises of rt's done waiters: the number settled, or -1
   when calling a resolve function threw (exception pending in its
   context; the other waiters are still settled). */
JS_EXTERN int weft_atomics_run_async(JSRuntime *rt);
JS_EXTERN int64_t weft_atomics_async_timeout(JSRuntime *rt);
JS_EXTERN void weft_atomics_async_sleep(JSRuntime *rt, int64_t max_ms);
JS_EXTERN void weft_atomics_interrupt(JSRuntime *rt);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_H */
