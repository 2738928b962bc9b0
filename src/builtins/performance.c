/*
 * performance.c - the global `performance` object of the High Resolution
 * Time specification (W3C hr-time): performance.now(), performance.timeOrigin
 * and performance.toJSON().
 *
 * timeOrigin is the wall-clock time (ms since the epoch, sub-millisecond)
 * at which the context was created; now() counts from that moment on the
 * monotonic clock (CLOCK_MONOTONIC), so it never goes back when the system
 * clock is changed.  Each context has its own origin, kept as function data
 * of its now() and toJSON(): no state lives outside the context.
 */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime */
#include <time.h>
#include "builtins/builtins.h"

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* data[0]: the monotonic clock at the origin, data[1]: timeOrigin */
static JSValue js_performance_now(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    return JS_NewFloat64(ctx, clock_ms(CLOCK_MONOTONIC) - JS_VALUE_GET_FLOAT64(data[0]));
}

static JSValue js_performance_to_json(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (JS_DefinePropertyValueStr(ctx, obj, "timeOrigin", JS_DupValue(ctx, data[1]),
                                  JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* A method of `performance`: enumerable, like node's. */
static int def_method(JSContext *ctx, JSValueConst obj, const char *name, JSCFunctionData *fn,
                      JSValueConst *data)
{
    JSValue f = JS_NewCFunctionData(ctx, fn, 0, 0, 2, data);
    if (JS_IsException(f))
        return -1;
    if (JS_DefinePropertyValueStr(ctx, f, "name", JS_NewString(ctx, name),
                                  JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, f);
        return -1;
    }
    return JS_DefinePropertyValueStr(ctx, obj, name, f, JS_PROP_C_W_E);
}

int wf_init_performance(JSContext *ctx)
{
    /* both clocks read together: timeOrigin + now() tracks the wall clock */
    double mono = clock_ms(CLOCK_MONOTONIC);
    double origin = clock_ms(CLOCK_REALTIME);
    JSValue data[2] = { JS_NewFloat64(ctx, mono), JS_NewFloat64(ctx, origin) };

    JSValue perf = JS_NewObject(ctx);
    if (JS_IsException(perf))
        return -1;
    if (def_method(ctx, perf, "now", js_performance_now, data) < 0 ||
        def_method(ctx, perf, "toJSON", js_performance_to_json, data) < 0 ||
        JS_DefinePropertyValueStr(ctx, perf, "timeOrigin", data[1], JS_PROP_ENUMERABLE) < 0 ||
        JS_DefinePropertyValue(ctx, perf, JS_ATOM_Symbol_toStringTag,
                               JS_NewString(ctx, "Performance"), JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, perf);
        return -1;
    }
    return JS_DefinePropertyValueStr(ctx, ctx->global_obj, "performance", perf,
                                     JS_PROP_C_W_E);
}
