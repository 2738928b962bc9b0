/*
 * error.h - throwing errors and the pending exception (ECMA-262 20.5).
 *
 * Exceptions are values: a failing function stores the thrown value in
 * rt->current_exception and returns JS_EXCEPTION / -1 / NULL.  Error objects
 * get their `stack` from the interpreter's frame chain when created.
 */
#ifndef WF_ERROR_H
#define WF_ERROR_H

#include <stdarg.h>
#include "quickjs.h"
#include "engine/state.h"

#if defined(__GNUC__)
#define WF_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define WF_WARN_UNUSED
#endif

/* New error object of the given kind with a message (not thrown). */
JSValue wf_error_new(JSContext *ctx, JSErrorEnum kind, const char *fmt, ...) __js_printf_like(3, 4);
JSValue wf_error_newv(JSContext *ctx, JSErrorEnum kind, const char *fmt, va_list ap);
/* Create and throw; always returns JS_EXCEPTION. */
JSValue wf_throw_error(JSContext *ctx, JSErrorEnum kind, const char *fmt, ...) __js_printf_like(3, 4);
/* TypeError whose message names an atom: fmt contains one %s. */
JSValue wf_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom);
JSValue wf_throw_reference_error_atom(JSContext *ctx, const char *fmt, JSAtom atom);
/* RangeError "Maximum call stack size exceeded". */
JSValue wf_throw_stack_overflow(JSContext *ctx);
/* "x is not a function" style messages describe the value's type. */
JSValue wf_throw_not_object(JSContext *ctx, JSValueConst v);
JSValue wf_throw_not_function(JSContext *ctx, JSValueConst v);
/* SyntaxError from the compiler: message plus own properties fileName,
   lineNumber, columnNumber, and a stack "SyntaxError: msg\n    at file:line:col". */
JSValue wf_throw_syntax_error_at(JSContext *ctx, const char *filename, int line, int col,
                                 const char *msg);
/* Uncatchable InternalError("interrupted") used by the interrupt handler. */
JSValue wf_throw_interrupted(JSContext *ctx);

/* context.c calls it once the error prototypes exist: preallocates the
   context's uncatchable InternalError("out of memory").  -1 on OOM. */
int wf_error_init_oom(JSContext *ctx);

/* Implemented by the interpreter (backtrace.c): set obj.stack to
   "Name: message\n    at fn (file:line:col)\n..." from the current frames,
   skipping 'skip' innermost frames. */
void wf_error_capture_stack(JSContext *ctx, JSValueConst obj, int skip);
/* The same, also leaving out every frame up to and including the innermost
   call of the function hide_until (Error.captureStackTrace's
   constructorOpt; no frame at all if it is not on the stack). */
void wf_error_capture_stack_until(JSContext *ctx, JSValueConst obj, int skip, JSValueConst hide_until);

#endif /* WF_ERROR_H */
