/*
 * worker.h - os.Worker: one worker = one OS thread running its own
 * runtime, context and libuv loop, joined to its parent by a channel of
 * the message-passing core (channel.h).  Internal header of the runtime
 * layer; the public factory API is js_std_set_worker_new_runtime_func /
 * js_std_set_worker_new_context_func (quickjs-libc.h) and the weft_std_*
 * variants (weft-libc.h).
 */
#ifndef WEFT_RUNTIME_WORKER_H
#define WEFT_RUNTIME_WORKER_H

#include "quickjs.h"

/* The os.Worker constructor for one face of the 'os' module: qjs_face 0
   for 'os' (handlers receive the message value itself), 1 for 'qjs:os'
   (handlers receive an event whose `data` is the value).  A new function
   (owned), or JS_EXCEPTION. */
JSValue wf_worker_ctor(JSContext *ctx, int qjs_face);

/* Ends everything worker.c keeps for rt's thread: terminates and joins the
   thread's child workers, closes its endpoints and frees the JavaScript
   values it holds.  Called by js_std_free_handlers before the handles are
   closed; idempotent. */
void wf_worker_thread_free(JSRuntime *rt);

/* Number of worker threads of the process that have started and not yet
   been joined (statistics, tests). */
int wf_worker_live_count(void);

#endif /* WEFT_RUNTIME_WORKER_H */
