/*
 * atomics_wait.h - the process-wide Atomics waiter table (ECMA-262 25.4.3
 * WaiterList records, 25.4.3.14 DoWait, 25.4.15 Atomics.notify) shared by
 * every runtime of the process.
 *
 * PROCESS-WIDE STATE.  This is the one piece of mutable state of the engine
 * that is not inside a runtime: waiters of different runtimes (threads)
 * must find each other by the address they wait on.  It is a fixed array of
 * buckets of doubly-linked waiter lists, all behind one mutex (the
 * spec's critical section); an address is the byte address inside a
 * SharedArrayBuffer store, which never moves while a waiter can reach it.
 * Within a bucket waiters stay in arrival order, so notify wakes the waiters
 * of one address first come, first woken, and returns exactly how many it
 * woke.  Nothing here allocates: a synchronous waiter lives on the waiting
 * thread's stack, an asynchronous one in its runtime's memory, and only the
 * waiting thread frees it.
 *
 * Each runtime has one WFAtomicsAgent (made with the runtime), holding its
 * condition variable, its pending waitAsync waiters and the interrupt flag.
 *
 * waitAsync.  A notify (from any thread) or a timeout only marks an async
 * waiter done; its promise is settled on the waiting thread when the host
 * calls weft_atomics_run_async(rt) (declared in quickjs.h's Weft section),
 * which the host does after its wake function runs (called from the
 * notifying thread, under the table mutex: it must only signal, e.g.
 * uv_async_send) or when weft_atomics_async_timeout(rt) says a timeout is
 * due.  Hosts without a loop (the test262 runner) may call
 * weft_atomics_async_sleep to block until one of these happens.
 */
#ifndef WF_ATOMICS_WAIT_H
#define WF_ATOMICS_WAIT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

typedef struct WFAtomicsAgent WFAtomicsAgent;

enum {
    WF_WAIT_OK,                 /* "ok": notified */
    WF_WAIT_NOT_EQUAL,          /* "not-equal" */
    WF_WAIT_TIMED_OUT,          /* "timed-out" */
    WF_WAIT_INTERRUPTED,        /* the host interrupted the runtime (terminate()) */
};

/* The agent record of a new runtime: 0, or -1 (out of memory). */
int wf_atomics_init_rt(JSRuntime *rt);
/* Takes the runtime's pending async waiters out of the table (their
   promises are dropped unsettled) and frees the agent.  Called first thing
   by JS_FreeRuntime. */
void wf_atomics_free_rt(JSRuntime *rt);

/* DoWait, sync mode, from the critical section on: if the size_log2 (2 or
   3) element at addr equals expected (compared under the table mutex),
   block until notified, timed out (timeout_ms: +Inf = never; 0 allowed) or
   interrupted.  Returns WF_WAIT_*.  Polls rt's interrupt handler while
   blocked, a few times a second. */
int wf_atomics_wait(JSRuntime *rt, void *addr, int size_log2, uint64_t expected,
                    double timeout_ms);

/* DoWait, async mode, from the critical section on.  If the value is not
   `expected`, returns WF_WAIT_NOT_EQUAL; if timeout_ms is 0, returns
   WF_WAIT_TIMED_OUT; else queues a waiter that will call resolve (a
   function of ctx's realm) with "ok" or "timed-out" from
   weft_atomics_run_async, keeps `keep` (the buffer) alive until then, and
   returns WF_WAIT_OK.  -1 on out of memory (exception pending). */
int wf_atomics_wait_async(JSContext *ctx, void *addr, int size_log2, uint64_t expected,
                          double timeout_ms, JSValueConst resolve, JSValueConst keep);

/* Atomics.notify from the critical section on: wakes up to count waiters
   (sync and async, any runtime) of addr in FIFO order; returns how many. */
int64_t wf_atomics_notify(void *addr, int64_t count);

/* Make rt's current (or next) Atomics.wait return at once with
   WF_WAIT_INTERRUPTED; callable from any thread while rt exists.  The flag
   stays set until a wait consumes it.  Used by Worker.terminate(). */
void wf_atomics_interrupt(JSRuntime *rt);

#endif /* WF_ATOMICS_WAIT_H */
