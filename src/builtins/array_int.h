/*
 * array_int.h - private header shared by the files of the Array family
 * (array.c, array_iter.c, array_sort.c); nothing outside them includes it.
 *
 * It holds the small helpers every Array.prototype method needs (length,
 * element access with a fast-array shortcut, ArraySpeciesCreate with a
 * buffered result) and the method tables each file contributes to
 * Array.prototype.
 *
 * Fast paths.  A "fast array" (object.h) keeps its elements 0..count-1 in
 * u.array.values.  Reading values[k] for k < count is exactly [[Get]] of an
 * own data property, so read-only loops may use it whenever they re-check
 * after any call that can run JavaScript.  Writing, growing or shrinking in
 * place is only allowed on a "plain" fast array (wf_arr_is_plain), where
 * no [[Set]], [[HasProperty]] or [[Delete]] on an index can reach user code.
 */
#ifndef WF_ARRAY_INT_H
#define WF_ARRAY_INT_H

#include "builtins/builtins.h"

#define WF_MAX_SAFE_INTEGER 9007199254740991LL   /* 2^53 - 1 */

#ifndef countof
#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))
#endif

/* Argument i of a built-in, undefined past argc (C functions only get
   their declared length padded). */
#define WF_ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

/* LengthOfArrayLike(obj) for an object; -1 on exception. */
int wf_arr_len(JSContext *ctx, JSValueConst obj, int64_t *plen);

/* Element k of a fast array if it is one and k < count: a new reference
   in *pv and true.  Never runs JavaScript.  Array objects are tested
   inline (object.h: a fast array's u.array holds elements 0..count-1);
   anything else asks wf_array_get_fast. */
static inline bool wf_arr_fast_elem(JSValueConst obj, int64_t k, JSValue *pv)
{
    JSValue *vals;
    uint32_t count;
    JSObject *p;
    if (JS_VALUE_GET_TAG(obj) != JS_TAG_OBJECT)
        return false;
    p = wf_obj(obj);
    if (p->class_id == JS_CLASS_ARRAY) {
        if (!p->fast_array || k >= (int64_t)p->u.array.count)
            return false;
        *pv = JS_DupValue(NULL, p->u.array.values[k]);
        return true;
    }
    if (wf_array_get_fast(obj, &vals, &count) && k < (int64_t)count) {
        *pv = JS_DupValue(NULL, vals[k]);
        return true;
    }
    return false;
}

/* wf_array_get_fast for writing: only Array objects qualify, whose fast
   elements are plain writable data properties (an arguments object's may
   alias the function's variables). */
static inline bool wf_arr_fast_rw(JSValueConst obj, JSValue **pvals, uint32_t *pcount)
{
    return JS_VALUE_GET_TAG(obj) == JS_TAG_OBJECT &&
           wf_obj(obj)->class_id == JS_CLASS_ARRAY &&
           wf_array_get_fast(obj, pvals, pcount);
}

/* HasProperty(obj, k) then Get(obj, k): 1 with *pv set, 0 absent (*pv
   undefined), -1 exception.  Fast-array shortcut included. */
int wf_arr_try_get(JSContext *ctx, JSValueConst obj, int64_t k, JSValue *pv);
/* Get(obj, k) with the fast-array shortcut. */
JSValue wf_arr_get(JSContext *ctx, JSValueConst obj, int64_t k);

/* True when obj is a fast array whose length equals its element count, is
   extensible, has a writable length and whose prototype chain holds none
   of the indices count .. count+n_new-1: then [[Set]]/[[HasProperty]]/
   [[Delete]] on any index below the new length and setting length cannot
   run user code, and the array may be edited in place through u.array
   (growing by n_new elements at most). */
bool wf_arr_is_plain(JSContext *ctx, JSValueConst obj, uint32_t n_new);

/* A result array being built.  When ArraySpeciesCreate ends in ArrayCreate
   or in Construct(%Array%) of this realm (the usual case), nothing can
   observe the new array before the method returns, so its dense prefix is
   gathered in a C buffer and the array is created once at the end.
   Otherwise `obj` is the species object and every element goes through
   CreateDataPropertyOrThrow.

   Names: wf_arr_* are this family's private helpers; wf_array_* belong to
   the object model (object.h). */
typedef struct WFArrayOut {
    JSValue obj;            /* the result; JS_UNDEFINED while buffering */
    JSValue *buf;           /* buffered elements 0..count-1 */
    uint32_t count;
    uint32_t size;          /* capacity of buf */
    bool owned;             /* our own ArrayCreate result (buffered or not) */
} WFArrayOut;

/* ArraySpeciesCreate(orig, len) into *out; -1 on exception. */
int wf_arr_out_species(JSContext *ctx, WFArrayOut *out, JSValueConst orig, int64_t len);
/* ArrayCreate-like plain result (no species), buffered. */
void wf_arr_out_plain(WFArrayOut *out);
/* CreateDataPropertyOrThrow(out, idx, v); v consumed; -1 on exception. */
int wf_arr_out_put_slow(JSContext *ctx, WFArrayOut *out, int64_t idx, JSValue v);
static inline int wf_arr_out_put(JSContext *ctx, WFArrayOut *out, int64_t idx, JSValue v)
{
    if (JS_IsUndefined(out->obj) && idx == (int64_t)out->count && out->count < out->size) {
        out->buf[out->count++] = v;     /* the common case: appending */
        return 0;
    }
    return wf_arr_out_put_slow(ctx, out, idx, v);
}
/* The finished array.  Our own result gets length `len`; a species
   object gets Set(obj, "length", len, true) only when set_len.  Frees *out
   either way. */
JSValue wf_arr_out_finish(JSContext *ctx, WFArrayOut *out, int64_t len, bool set_len);
void wf_arr_out_free(JSContext *ctx, WFArrayOut *out);

/* Set(obj, "length", len, true). */
int wf_arr_set_len(JSContext *ctx, JSValueConst obj, int64_t len);

/* Method tables of the other files, added to Array.prototype by
   wf_init_array. */
extern const JSCFunctionListEntry wf_arr_iter_proto_funcs[];
extern const int wf_arr_iter_proto_funcs_count;
extern const JSCFunctionListEntry wf_arr_sort_proto_funcs[];
extern const int wf_arr_sort_proto_funcs_count;

/* array_iter.c: %ArrayIteratorPrototype%, Array.prototype.keys/values/
   entries and [Symbol.iterator] (the same function object as values). */
int wf_arr_iter_init(JSContext *ctx, JSValueConst array_proto);
/* Iterating a fast array through its own %ArrayIteratorPrototype%.next
   cannot be observed: true when `method` is %Array.prototype.values% and
   that next is unchanged (Array.from and friends then walk the array). */
bool wf_arr_iter_is_pristine(JSContext *ctx, JSValueConst obj, JSValueConst method);

/* array_async.c: Array.fromAsync. */
JSValue wf_array_from_async(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);

#endif /* WF_ARRAY_INT_H */
