/*
 * iter.h - the iteration protocol (ECMA-262 7.4) for C callers: for-of in
 * the interpreter, spread, Array.from, the Map/Set constructors, ...
 */
#ifndef WF_ITER_H
#define WF_ITER_H

#include <stdbool.h>
#include "quickjs.h"

/* GetIterator(obj, sync|async): returns the iterator and stores its `next`
   method in *pnext (both new references), or JS_EXCEPTION. */
JSValue wf_get_iterator(JSContext *ctx, JSValueConst obj, bool is_async, JSValue *pnext);
/* GetIteratorFromMethod with an already-fetched method. */
JSValue wf_get_iterator_from_method(JSContext *ctx, JSValueConst obj, JSValueConst method,
                                    JSValue *pnext);
/* IteratorStepValue: returns the next value with *pdone = false, or
   JS_UNDEFINED with *pdone = true, or JS_EXCEPTION (then *pdone = true: the
   iterator must not be closed). */
JSValue wf_iterator_step_value(JSContext *ctx, JSValueConst iter, JSValueConst next, bool *pdone);
/* IteratorClose.  With is_throw, the pending exception is kept and any error
   from `return` is ignored; returns -1 in that case too. */
int wf_iterator_close(JSContext *ctx, JSValueConst iter, bool is_throw);
/* CreateAsyncFromSyncIterator (27.1.6.1), implemented with the promise
   machinery in builtins/iterator.c: sync_iter and sync_next consumed;
   returns the async iterator and stores its next method in *pnext. */
JSValue wf_async_from_sync_iterator(JSContext *ctx, JSValue sync_iter, JSValue sync_next,
                                    JSValue *pnext);
/* Fast paths of IteratorStepValue for built-in iterators, tried first by
   wf_iterator_step_value: 0 when not applicable (nothing done), 1 with
   the value in *pv and *pdone set, -1 with an exception pending.
   Array iterators: builtins/array_iter.c; generators: interp_async.c. */
int wf_array_iterator_step_fast(JSContext *ctx, JSValueConst iter, JSValueConst next,
                                JSValue *pv, bool *pdone);
int wf_generator_step_fast(JSContext *ctx, JSValueConst iter, JSValueConst next,
                           JSValue *pv, bool *pdone);
/* builtins/generator.c: f is the original %GeneratorPrototype%.next. */
bool wf_is_generator_next(JSValueConst f);
/* CreateIterResultObject(value, done); value consumed. */
JSValue wf_iter_result(JSContext *ctx, JSValue value, bool done);

#endif /* WF_ITER_H */
