/*
 * builtins.h - set-up of the built-in objects of a realm.
 *
 * Each family (one file in src/builtins/) exports one wf_init_<family>
 * function, called in the order below by context.c when a context is
 * created.  Each returns 0, or -1 with an exception pending (allocation
 * failure).  Object.prototype (class_proto[JS_CLASS_OBJECT]) and
 * Function.prototype (ctx->function_proto) exist before the first call;
 * wf_init_object and wf_init_function fill them in.
 *
 * A family registers its methods with JS_SetPropertyFunctionList tables and
 * installs its prototype in ctx->class_proto[JS_CLASS_<id>].
 */
#ifndef WF_BUILTINS_H
#define WF_BUILTINS_H

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/iter.h"

int wf_init_object(JSContext *ctx);     /* object.c: Object, Object.prototype */
int wf_init_function(JSContext *ctx);   /* function.c: Function, call/apply/bind/toString, %ThrowTypeError% */
int wf_init_error(JSContext *ctx);      /* error.c: Error and the native errors, AggregateError */
int wf_init_symbol(JSContext *ctx);     /* symbol.c */
int wf_init_iterator(JSContext *ctx);   /* iterator.c: %IteratorPrototype% and iterator helpers */
int wf_init_generator(JSContext *ctx);  /* generator.c: %GeneratorFunction%, %GeneratorPrototype% */
int wf_init_array(JSContext *ctx);      /* array.c: Array, Array.prototype, Array Iterator */
int wf_init_string(JSContext *ctx);     /* string.c: String, String.prototype, String Iterator */
int wf_init_number(JSContext *ctx);     /* number.c: Number, parseInt, parseFloat, isNaN, isFinite, NaN, Infinity, undefined */
int wf_init_boolean(JSContext *ctx);    /* boolean.c */
int wf_init_math(JSContext *ctx);       /* math.c */
int wf_init_json(JSContext *ctx);       /* json.c */
int wf_init_date(JSContext *ctx);       /* date.c: Date (date_tz.c, date_parse.c) */
int wf_init_performance(JSContext *ctx); /* performance.c: the global performance object */
int wf_init_mapset(JSContext *ctx);     /* mapset.c: Map, Set, their iterators */
int wf_init_weak(JSContext *ctx);       /* weak.c: WeakMap, WeakSet */
int wf_init_weakref(JSContext *ctx);    /* weakref.c: WeakRef, FinalizationRegistry */
int wf_init_regexp(JSContext *ctx);     /* regexp.c: RegExp, RegExp.prototype, RegExp String Iterator */
int wf_init_proxy(JSContext *ctx);      /* proxy.c: Proxy, Proxy.revocable, the Proxy class hooks */
int wf_init_reflect(JSContext *ctx);    /* reflect.c: the Reflect object */
int wf_init_bigint(JSContext *ctx);     /* bigint.c: BigInt, BigInt.prototype */
int wf_init_arraybuffer(JSContext *ctx); /* arraybuffer.c: ArrayBuffer */
int wf_init_typedarray(JSContext *ctx);  /* typedarray*.c: %TypedArray%, the typed array constructors */
int wf_init_dataview(JSContext *ctx);    /* dataview.c: DataView */
int wf_init_atomics(JSContext *ctx);     /* atomics.c: Atomics */
int wf_init_global(JSContext *ctx);     /* global.c: globalThis, eval, URI functions */
int wf_init_structuredclone(JSContext *ctx); /* structuredclone.c: globalThis.structuredClone */

/* Helpers shared by the families (builtins/function.c). */
/* Define a constructor `name` on the global object with the given prototype
   and install it; returns the constructor (new reference) or JS_EXCEPTION. */
JSValue wf_define_ctor(JSContext *ctx, JSCFunction *func, const char *name, int length,
                       JSCFunctionEnum cproto, int magic, JSValueConst proto);
/* The `this` object of a built-in method that requires a given class, or a
   TypeError naming the method. Borrowed pointer. */
JSObject *wf_this_class(JSContext *ctx, JSValueConst this_val, JSClassID id, const char *method);

/* mapset.c: the Map/Set/WeakMap/WeakSet constructors' loop over an iterable,
   calling obj.set(k, v) (is_set false) or obj.add(v).  0, or -1 with an
   exception (the iterator closed). */
int wf_add_entries_from_iterable(JSContext *ctx, JSValueConst obj, JSValueConst iterable, bool is_set);

/* string.c: GetSubstitution (ECMA-262 22.1.3.19.1), shared with RegExp's
   Symbol.replace.  captures: n_captures strings or undefined for $1..$n. */
JSValue wf_get_substitution(JSContext *ctx, JSValueConst matched, JSValueConst str, uint32_t position,
                            int n_captures, const JSValue *captures, JSValueConst named_captures,
                            JSValueConst replacement);

/* function.c: the captured values of a JS_NewCFunctionData function
   (mutable: engine closures use slots as cells), NULL for other values. */
JSValue *wf_cfunc_data(JSValueConst func);

/* promise.c: promises for the engine (async functions, modules, import()). */
int wf_init_promise(JSContext *ctx);
void wf_promise_init_classes(JSRuntime *rt);
bool wf_is_promise(JSValueConst v);
/* A new pending promise of the realm's %Promise%. */
JSValue wf_promise_new(JSContext *ctx);
/* Resolve (thenables followed, as a resolve function does) or reject a
   pending promise; -1 only for uncatchable errors. */
int wf_promise_settle(JSContext *ctx, JSValueConst promise, JSValueConst value, bool is_reject);
/* PromiseResolve(C, x). */
JSValue wf_promise_resolve(JSContext *ctx, JSValueConst ctor, JSValueConst x);
/* NewPromiseCapability(C) (C undefined: %Promise%): the promise; funcs[0]
   resolve, funcs[1] reject. */
JSValue wf_promise_new_capability(JSContext *ctx, JSValueConst ctor, JSValue *funcs);
/* PerformPromiseThen(promise, h, h) with no result capability, where h is
   an engine object of class ASYNC_FUNCTION_RESOLVE: the reaction job calls
   wf_async_reaction(h, value, is_reject). */
int wf_promise_then_internal(JSContext *ctx, JSValueConst promise, JSValueConst handler);
/* PerformPromiseThen(promise, onFulfilled, onRejected, cap): cap is
   {promise, resolve, reject} of a PromiseCapability, or NULL.  Used by the
   async-from-sync iterator (iterator.c). */
int wf_promise_then(JSContext *ctx, JSValueConst promise, JSValueConst on_fulfilled,
                    JSValueConst on_rejected, const JSValue *cap);

/* math.c: exponentiation with ECMAScript's rules (used by ** too). */
double wf_math_pow(double x, double y);

/* array_iter.c: CreateArrayIterator(obj, kind), kind 0 keys, 1 values,
   2 entries (TypedArray.prototype.keys/values/entries use it too). */
JSValue wf_array_iterator_new(JSContext *ctx, JSValueConst obj, int kind);

/* typedarray.c: TypedArrayLength of a typed array, with the TypeError of
   an out-of-bounds (or detached) one (what the Array Iterator's next
   needs); -1 on exception. */
int wf_typed_array_get_length(JSContext *ctx, JSValueConst obj, int64_t *plen);
/* array_iter.c (also in array_int.h): iterating the Array obj with
   `method` (its @@iterator) through the original %ArrayIteratorPrototype%
   cannot be observed beyond its Gets of "length" and the indices. */
bool wf_arr_iter_is_pristine(JSContext *ctx, JSValueConst obj, JSValueConst method);

#endif /* WF_BUILTINS_H */
