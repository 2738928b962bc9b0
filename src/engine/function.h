/*
 * function.h - function objects and calls: the contract between the
 * object model, the built-ins and the interpreter.
 *
 * Calls dispatch on the callee's class `call` hook (JSClass.call): bytecode
 * functions (interp.c), C functions and bound functions (builtins/function.c),
 * proxies.  For a construct call the hook receives new_target as this_val and
 * JS_CALL_FLAG_CONSTRUCTOR in flags.
 *
 * The bytecode representation (JSFunctionBytecode, JSVarRef, JSStackFrame)
 * is owned by the compiler/interpreter and described in engine/bytecode.h.
 */
#ifndef WF_FUNCTION_H
#define WF_FUNCTION_H

#include <stdbool.h>
#include "quickjs.h"
#include "engine/state.h"

/* call.c: Call(F, V, args) and Construct(F, args, newTarget).  Check the
   stack depth and callability; argv may have fewer entries than the callee
   expects (C functions get their declared length padded with undefined). */
JSValue wf_call(JSContext *ctx, JSValueConst func, JSValueConst this_obj,
                int argc, JSValueConst *argv);
JSValue wf_call_free(JSContext *ctx, JSValue func, JSValueConst this_obj,
                     int argc, JSValueConst *argv);   /* consumes func */
JSValue wf_construct(JSContext *ctx, JSValueConst func, JSValueConst new_target,
                     int argc, JSValueConst *argv);
/* Invoke(V, P, args). */
JSValue wf_invoke(JSContext *ctx, JSValueConst this_obj, JSAtom method,
                  int argc, JSValueConst *argv);

/* builtins/function.c: C function objects. */
JSValue wf_cfunc_new(JSContext *ctx, JSCFunction *func, JSAtom name, int length,
                     JSCFunctionEnum cproto, int magic, JSValueConst proto);
/* SetFunctionName(F, name, prefix): name is a string or symbol atom;
   prefix NULL, "get" or "set". */
int wf_func_set_name(JSContext *ctx, JSValueConst func, JSAtom name, const char *prefix);
/* SetFunctionLength. */
int wf_func_set_length(JSContext *ctx, JSValueConst func, double length);
/* Make a C function usable with `new`, linking ctor.prototype = proto and
   proto.constructor = ctor (JS_SetConstructor). */
void wf_func_set_constructor(JSContext *ctx, JSValueConst ctor, JSValueConst proto);
/* Install the call hooks of C_FUNCTION, C_FUNCTION_DATA, BOUND_FUNCTION
   (idempotent; also done lazily by the constructors above). */
void wf_cfunc_init_classes(JSRuntime *rt);
/* [[BoundTargetFunction]] of a BOUND_FUNCTION object (borrowed). */
JSValueConst wf_bound_function_target(JSObject *p);
/* builtins/proxy.c: [[ProxyTarget]] of a PROXY object (borrowed), or
   JS_NULL once the proxy is revoked. */
JSValueConst wf_proxy_target(JSObject *p);

/* interp.c / compile driver: implemented by the compiler/interpreter. */
/* Source text of a function for Function.prototype.toString (new string),
   or JS_UNDEFINED if the function has none (C functions). */
JSValue wf_function_source(JSContext *ctx, JSValueConst func);
/* CreateDynamicFunction (new Function / GeneratorFunction / ...): kind is
   0 normal, 1 generator, 2 async, 3 async generator. */
JSValue wf_function_constructor(JSContext *ctx, JSValueConst new_target,
                                int argc, JSValueConst *argv, int kind);
/* PerformEval for indirect eval: 'src' is the argument (non-strings are
   returned unchanged). */
JSValue wf_eval_indirect(JSContext *ctx, JSValueConst src);
/* Realm of a function object (GetFunctionRealm). */
JSContext *wf_function_realm(JSContext *ctx, JSValueConst func);

#endif /* WF_FUNCTION_H */
