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
int wf_init_regexp(JSContext *ctx);     /* regexp.c: RegExp, RegExp.prototype, RegExp String Iterator */
int wf_init_global(JSContext *ctx);     /* global.c: globalThis, eval, URI functions */

/* Helpers shared by the families (builtins/function.c). */
/* Define a constructor `name` on the global object with the given prototype
   and install it; returns the constructor (new reference) or JS_EXCEPTION. */
JSValue wf_define_ctor(JSContext *ctx, JSCFunction *func, const char *name, int length,
                       JSCFunctionEnum cproto, int magic, JSValueConst proto);
/* The `this` object of a built-in method that requires a given class, or a
   TypeError naming the method. Borrowed pointer. */
JSObject *wf_this_class(JSContext *ctx, JSValueConst this_val, JSClassID id, const char *method);

/* string.c: GetSubstitution (ECMA-262 22.1.3.19.1), shared with RegExp's
   Symbol.replace.  captures: n_captures strings or undefined for $1..$n. */
JSValue wf_get_substitution(JSContext *ctx, JSValueConst matched, JSValueConst str, uint32_t position,
                            int n_captures, const JSValue *captures, JSValueConst named_captures,
                            JSValueConst replacement);

/* math.c: exponentiation with ECMAScript's rules (used by ** too). */
double wf_math_pow(double x, double y);

/* array_iter.c: CreateArrayIterator(obj, kind), kind 0 keys, 1 values,
   2 entries (TypedArray.prototype.keys/values/entries use it too). */
JSValue wf_array_iterator_new(JSContext *ctx, JSValueConst obj, int kind);

#endif /* WF_BUILTINS_H */
