/*
 * atomics.c - the Atomics object (ECMA-262 25.4): add, and,
 * compareExchange, exchange, isLockFree, load, or, store, sub, xor, wait,
 * waitAsync, notify, pause.
 *
 * Every read-modify-write is one lock-free C11/GCC __atomic operation on
 * the element's address (sequentially consistent), for sizes 1, 2, 4 and
 * 8: the bytes of a SharedArrayBuffer never move (engine/sab.c), and those
 * of a non-shared buffer belong to this thread.  Elements are aligned
 * because views start at a multiple of their element size and stores at a
 * 64-byte boundary.  Waiting and notifying go through the process-wide
 * waiter table of engine/atomics_wait.c; this file only validates the
 * arguments in the order the spec observes them.
 */
#include "builtins/typedarray_int.h"
#include "engine/atomics_wait.h"
#include "engine/sab.h"

enum {
    OP_ADD, OP_AND, OP_EXCHANGE, OP_OR, OP_SUB, OP_XOR,
    OP_LOAD, OP_STORE, OP_COMPARE_EXCHANGE,
};

static const char *const op_names[] = {
    "add", "and", "exchange", "or", "sub", "xor", "load", "store", "compareExchange",
};

/* One sequentially consistent read-modify-write of the element at p;
   returns the previous raw value.  raw2 is the replacement of
   compareExchange (raw is then the expected value). */
static uint64_t atomic_op(uint8_t *p, int size_log2, int op, uint64_t raw, uint64_t raw2)
{
#define RMW(T)                                                                 \
    do {                                                                       \
        T *q = (T *)(void *)p, v = (T)raw;                                     \
        switch (op) {                                                          \
        case OP_ADD: return __atomic_fetch_add(q, v, __ATOMIC_SEQ_CST);        \
        case OP_AND: return __atomic_fetch_and(q, v, __ATOMIC_SEQ_CST);        \
        case OP_EXCHANGE: return __atomic_exchange_n(q, v, __ATOMIC_SEQ_CST);  \
        case OP_OR: return __atomic_fetch_or(q, v, __ATOMIC_SEQ_CST);          \
        case OP_SUB: return __atomic_fetch_sub(q, v, __ATOMIC_SEQ_CST);        \
        case OP_XOR: return __atomic_fetch_xor(q, v, __ATOMIC_SEQ_CST);        \
        case OP_LOAD: return __atomic_load_n(q, __ATOMIC_SEQ_CST);             \
        case OP_STORE: __atomic_store_n(q, v, __ATOMIC_SEQ_CST); return raw;   \
        default: {                                                             \
            T expected = v;                                                    \
            __atomic_compare_exchange_n(q, &expected, (T)raw2, false,          \
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);   \
            return expected;                                                   \
        }                                                                      \
        }                                                                      \
    } while (0)

    switch (size_log2) {
    case 0:
        RMW(uint8_t);
    case 1:
        RMW(uint16_t);
    case 2:
        RMW(uint32_t);
    default:
        RMW(uint64_t);
    }
#undef RMW
}

/* ValidateIntegerTypedArray(ta, waitable) (25.4.3.1): the typed array, or
   NULL with a TypeError.  *plen = TypedArrayLength. */
static JSObject *validate_integer_ta(JSContext *ctx, JSValueConst ta, bool waitable,
                                     size_t *plen, const char *what)
{
    JSObject *p = wf_ta_validate(ctx, ta, plen, what);
    JSTypedArrayEnum t;
    if (!p)
        return NULL;
    t = wf_ta_type(p->class_id);
    if (waitable) {
        if (t != JS_TYPED_ARRAY_INT32 && t != JS_TYPED_ARRAY_BIG_INT64) {
            JS_ThrowTypeError(ctx, "Atomics.%s: the typed array must be an Int32Array or a BigInt64Array",
                              what);
            return NULL;
        }
    } else if (t == JS_TYPED_ARRAY_UINT8C || t == JS_TYPED_ARRAY_FLOAT16 ||
               t == JS_TYPED_ARRAY_FLOAT32 || t == JS_TYPED_ARRAY_FLOAT64) {
        JS_ThrowTypeError(ctx, "Atomics.%s: the typed array must have integer elements", what);
        return NULL;
    }
    return p;
}

/* ValidateAtomicAccess(taRecord, index) (25.4.3.2): the byte index in the
   buffer, or -1 with a RangeError. */
static int64_t validate_atomic_access(JSContext *ctx, JSObject *p, size_t len, JSValueConst index,
                                      const char *what)
{
    WFArrayBufferView *v = wf_view(p);
    uint64_t i;
    if (wf_to_index(ctx, &i, index))
        return -1;
    if (i >= len) {
        JS_ThrowRangeError(ctx, "Atomics.%s: index %llu is out of range", what,
                           (unsigned long long)i);
        return -1;
    }
    return (int64_t)((i << v->size_log2) + v->byte_offset);
}

/* RevalidateAtomicAccess(ta, byteIndexInBuffer) (25.4.3.4), after the
   value conversions (which may have run JavaScript): the element's
   address, or NULL with a TypeError (detached, out of bounds) or a
   RangeError (the buffer shrank below the index). */
static uint8_t *revalidate_atomic_access(JSContext *ctx, JSObject *p, int64_t byte_index,
                                         const char *what)
{
    WFArrayBufferView *v = wf_view(p);
    WFArrayBuffer *ab = wf_abuf(v->buffer);
    size_t bl;
    if (wf_view_out_of_bounds(v, &bl)) {
        JS_ThrowTypeError(ctx, "Atomics.%s: the typed array is detached or out of bounds", what);
        return NULL;
    }
    if ((uint64_t)byte_index >= wf_abuf_byte_length(ab)) {
        JS_ThrowRangeError(ctx, "Atomics.%s: index out of range", what);
        return NULL;
    }
    return ab->data + byte_index;
}

/* The value operand: ToBigInt or ToIntegerOrInfinity (25.4.3.17 step 2),
   as raw element bytes; *pnum gets the integer (Number types) for store's
   result.  -1 on exception. */
static int atomic_value(JSContext *ctx, JSTypedArrayEnum t, JSValueConst v, uint64_t *praw,
                        double *pnum)
{
    if (wf_ta_type_is_bigint(t)) {
        int64_t x;
        if (JS_ToBigInt64(ctx, &x, v))
            return -1;
        *praw = (uint64_t)x;
        return 0;
    }
    if (wf_to_integer_or_infinity(ctx, pnum, v))
        return -1;
    *praw = wf_ta_double_to_raw(t, *pnum);
    return 0;
}

/* add, and, exchange, or, sub, xor, load, store, compareExchange */
static JSValue js_atomics_op(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int op)
{
    const char *what = op_names[op];
    JSObject *p;
    JSTypedArrayEnum t;
    size_t len;
    int64_t bi;
    uint64_t raw = 0, raw2 = 0, old;
    double num = 0;
    JSValue bigval = JS_UNDEFINED;
    uint8_t *addr;
    (void)this_val;

    p = validate_integer_ta(ctx, WF_TA_ARG(0), false, &len, what);
    if (!p)
        return JS_EXCEPTION;
    bi = validate_atomic_access(ctx, p, len, WF_TA_ARG(1), what);
    if (bi < 0)
        return JS_EXCEPTION;
    t = wf_ta_type(p->class_id);
    if (op == OP_STORE && wf_ta_type_is_bigint(t)) {
        /* store returns ToBigInt(v) itself */
        bigval = wf_to_bigint(ctx, WF_TA_ARG(2));
        if (JS_IsException(bigval))
            return bigval;
        raw = wf_bigint_to_uint64_mod(bigval);
    } else if (op != OP_LOAD) {
        if (atomic_value(ctx, t, WF_TA_ARG(2), &raw, &num))
            return JS_EXCEPTION;
        if (op == OP_COMPARE_EXCHANGE && atomic_value(ctx, t, WF_TA_ARG(3), &raw2, &num))
            return JS_EXCEPTION;
    }
    addr = revalidate_atomic_access(ctx, p, bi, what);
    if (!addr) {
        JS_FreeValue(ctx, bigval);
        return JS_EXCEPTION;
    }
    if (op == OP_COMPARE_EXCHANGE && wf_ta_size_log2(t) < 3) {
        /* compare the element's bytes only */
        uint64_t mask = ((uint64_t)1 << (8 << wf_ta_size_log2(t))) - 1;
        raw &= mask;
        raw2 &= mask;
    }
    old = atomic_op(addr, wf_ta_size_log2(t), op, raw, raw2);
    if (op == OP_STORE)
        return wf_ta_type_is_bigint(t) ? bigval : wf_number(num == 0 ? 0 : num);
    return wf_ta_raw_to_value(ctx, t, old);
}

/* 25.4.9 Atomics.isLockFree(size) */
static JSValue js_atomics_isLockFree(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    double n;
    (void)this_val;
    if (wf_to_integer_or_infinity(ctx, &n, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    return JS_NewBool(ctx, n == 1 || n == 2 || n == 4 || n == 8);
}

/* The timeout operand of wait / waitAsync in milliseconds (DoWait steps
   6-7): +Inf for NaN or +Inf, 0 for negatives.  -1 on exception. */
static int wait_timeout(JSContext *ctx, JSValueConst v, double *pt)
{
    double q;
    if (wf_to_number(ctx, &q, v))
        return -1;
    if (isnan(q))
        q = INFINITY;
    else if (q < 0)
        q = 0;
    *pt = q;
    return 0;
}

static JSValue wait_result_string(JSContext *ctx, int r)
{
    switch (r) {
    case WF_WAIT_OK:
        return JS_NewString(ctx, "ok");
    case WF_WAIT_NOT_EQUAL:
        return JS_NewString(ctx, "not-equal");
    default:
        return JS_NewString(ctx, "timed-out");
    }
}

/* { async, value } for waitAsync. */
static JSValue wait_async_result(JSContext *ctx, bool is_async, JSValue value)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, value);
        return obj;
    }
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_async, JS_NewBool(ctx, is_async),
                               JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_value, value, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* 25.4.3.14 DoWait(mode, typedArray, index, value, timeout): magic 0 for
   Atomics.wait, 1 for Atomics.waitAsync. */
static JSValue js_atomics_wait(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int is_async)
{
    const char *what = is_async ? "waitAsync" : "wait";
    JSObject *p;
    WFArrayBufferView *v;
    WFArrayBuffer *ab;
    size_t len;
    int64_t bi;
    uint64_t expected;
    double timeout;
    int size_log2, r;
    void *addr;
    (void)this_val;

    p = validate_integer_ta(ctx, WF_TA_ARG(0), true, &len, what);
    if (!p)
        return JS_EXCEPTION;
    v = wf_view(p);
    ab = wf_abuf(v->buffer);
    if (!ab->shared)
        return JS_ThrowTypeError(ctx, "Atomics.%s: the typed array is not over a SharedArrayBuffer", what);
    bi = validate_atomic_access(ctx, p, len, WF_TA_ARG(1), what);
    if (bi < 0)
        return JS_EXCEPTION;
    size_log2 = v->size_log2;
    if (size_log2 == 3) {
        int64_t x;
        if (JS_ToBigInt64(ctx, &x, WF_TA_ARG(2)))
            return JS_EXCEPTION;
        expected = (uint64_t)x;
    } else {
        int32_t x;
        if (JS_ToInt32(ctx, &x, WF_TA_ARG(2)))
            return JS_EXCEPTION;
        expected = (uint32_t)x;
    }
    if (wait_timeout(ctx, WF_TA_ARG(3), &timeout))
        return JS_EXCEPTION;
    if (!is_async && !ctx->rt->can_block)
        return JS_ThrowTypeError(ctx, "Atomics.wait: this thread cannot block (use Atomics.waitAsync)");
    /* a SharedArrayBuffer's length never shrinks and its bytes never move */
    addr = ab->data + bi;

    if (!is_async) {
        r = wf_atomics_wait(ctx->rt, addr, size_log2, expected, timeout);
        if (r == WF_WAIT_INTERRUPTED)
            return wf_throw_interrupted(ctx);
        return wait_result_string(ctx, r);
    } else {
        JSValue funcs[2], promise, res;
        promise = wf_promise_new_capability(ctx, JS_UNDEFINED, funcs);
        if (JS_IsException(promise))
            return promise;
        r = wf_atomics_wait_async(ctx, addr, size_log2, expected, timeout, funcs[0],
                                  JS_MKPTR(JS_TAG_OBJECT, v->buffer));
        JS_FreeValue(ctx, funcs[0]);
        JS_FreeValue(ctx, funcs[1]);
        if (r < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        if (r != WF_WAIT_OK) {
            JS_FreeValue(ctx, promise);
            return wait_async_result(ctx, false, wait_result_string(ctx, r));
        }
        res = wait_async_result(ctx, true, promise);
        return res;
    }
}

/* 25.4.15 Atomics.notify(typedArray, index, count) */
static JSValue js_atomics_notify(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSObject *p;
    WFArrayBuffer *ab;
    size_t len;
    int64_t bi, count;
    double c;
    (void)this_val;

    p = validate_integer_ta(ctx, WF_TA_ARG(0), true, &len, "notify");
    if (!p)
        return JS_EXCEPTION;
    bi = validate_atomic_access(ctx, p, len, WF_TA_ARG(1), "notify");
    if (bi < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(WF_TA_ARG(2))) {
        count = INT64_MAX;
    } else {
        if (wf_to_integer_or_infinity(ctx, &c, WF_TA_ARG(2)))
            return JS_EXCEPTION;
        if (c <= 0)
            count = 0;
        else if (c >= 9.0e18)
            count = INT64_MAX;
        else
            count = (int64_t)c;
    }
    ab = wf_abuf(wf_view(p)->buffer);
    if (!ab->shared)
        return JS_MKVAL(JS_TAG_INT, 0);
    return JS_NewInt64(ctx, wf_atomics_notify(ab->data + bi, count));
}

/* Atomics.pause([N]): a spin-wait hint. */
static JSValue js_atomics_pause(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    JSValueConst n = WF_TA_ARG(0);
    (void)this_val;
    if (!JS_IsUndefined(n)) {
        double d;
        if (JS_VALUE_GET_TAG(n) == JS_TAG_INT) {
            d = 0;
        } else if (JS_VALUE_GET_TAG(n) == JS_TAG_FLOAT64) {
            d = JS_VALUE_GET_FLOAT64(n);
            if (!isfinite(d) || d != trunc(d))
                return JS_ThrowTypeError(ctx, "Atomics.pause: the argument must be an integral Number");
        } else {
            return JS_ThrowTypeError(ctx, "Atomics.pause: the argument must be an integral Number");
        }
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_atomics_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 3, js_atomics_op, OP_ADD),
    JS_CFUNC_MAGIC_DEF("and", 3, js_atomics_op, OP_AND),
    JS_CFUNC_MAGIC_DEF("compareExchange", 4, js_atomics_op, OP_COMPARE_EXCHANGE),
    JS_CFUNC_MAGIC_DEF("exchange", 3, js_atomics_op, OP_EXCHANGE),
    JS_CFUNC_DEF("isLockFree", 1, js_atomics_isLockFree),
    JS_CFUNC_MAGIC_DEF("load", 2, js_atomics_op, OP_LOAD),
    JS_CFUNC_MAGIC_DEF("or", 3, js_atomics_op, OP_OR),
    JS_CFUNC_MAGIC_DEF("store", 3, js_atomics_op, OP_STORE),
    JS_CFUNC_MAGIC_DEF("sub", 3, js_atomics_op, OP_SUB),
    JS_CFUNC_MAGIC_DEF("wait", 4, js_atomics_wait, 0),
    JS_CFUNC_MAGIC_DEF("waitAsync", 4, js_atomics_wait, 1),
    JS_CFUNC_DEF("notify", 3, js_atomics_notify),
    JS_CFUNC_MAGIC_DEF("xor", 3, js_atomics_op, OP_XOR),
    JS_CFUNC_DEF("pause", 0, js_atomics_pause),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Atomics", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_atomics_obj[] = {
    JS_OBJECT_DEF("Atomics", js_atomics_funcs, countof(js_atomics_funcs),
                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE),
};

int wf_init_atomics(JSContext *ctx)
{
    return JS_SetPropertyFunctionList(ctx, ctx->global_obj, js_atomics_obj, countof(js_atomics_obj));
}
