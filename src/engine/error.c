/*
 * error.c - throwing from C and the pending exception (ECMA-262 20.5 as
 * far as engine-made errors go; the Error constructors are
 * builtins/error.c).
 *
 * The pending exception lives in rt->current_exception (JS_UNINITIALIZED
 * when there is none).  An error object whose is_uncatchable_error bit is
 * set (interrupts, out of memory) makes rt->current_exception_is_uncatchable
 * true when thrown; the interpreter does not run catch/finally handlers for
 * it.
 *
 * Out of memory never allocates: each full context preallocates its
 * InternalError("out of memory") (ctx->oom_error, made by context.c) and
 * throws that same object again; a context without one throws the constant
 * atom string "out of memory".  Both are uncatchable.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/error.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"

#define MSG_SIZE 256

static JSValueConst error_proto(JSContext *ctx, JSErrorEnum kind)
{
    JSValueConst proto;
    if (kind == JS_PLAIN_ERROR || (unsigned)kind > JS_PLAIN_ERROR)
        proto = ctx->class_proto[JS_CLASS_ERROR];
    else
        proto = ctx->native_error_proto[kind];
    if (!JS_IsObject(proto))
        proto = ctx->class_proto[JS_CLASS_ERROR];
    if (!JS_IsObject(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    return proto;
}

/* Error object with an own non-enumerable `message` (no stack). */
static JSValue make_error(JSContext *ctx, JSErrorEnum kind, const char *msg)
{
    JSValue obj = wf_obj_new(ctx, error_proto(ctx, kind), JS_CLASS_ERROR), m;
    if (JS_IsException(obj))
        return obj;
    m = JS_NewString(ctx, msg);
    if (JS_IsException(m) ||
        wf_obj_define_value(ctx, obj, JS_ATOM_message, m, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue wf_error_newv(JSContext *ctx, JSErrorEnum kind, const char *fmt, va_list ap)
{
    char buf[MSG_SIZE];
    JSValue obj;
    vsnprintf(buf, sizeof(buf), fmt, ap);
    obj = make_error(ctx, kind, buf);
    if (!JS_IsException(obj))
        wf_error_capture_stack(ctx, obj, 0);
    return obj;
}

JSValue wf_error_new(JSContext *ctx, JSErrorEnum kind, const char *fmt, ...)
{
    va_list ap;
    JSValue r;
    va_start(ap, fmt);
    r = wf_error_newv(ctx, kind, fmt, ap);
    va_end(ap);
    return r;
}

static JSValue throw_errorv(JSContext *ctx, JSErrorEnum kind, const char *fmt, va_list ap)
{
    JSValue obj = wf_error_newv(ctx, kind, fmt, ap);
    if (JS_IsException(obj))
        return JS_EXCEPTION;    /* the out-of-memory error is pending */
    return JS_Throw(ctx, obj);
}

JSValue wf_throw_error(JSContext *ctx, JSErrorEnum kind, const char *fmt, ...)
{
    va_list ap;
    JSValue r;
    va_start(ap, fmt);
    r = throw_errorv(ctx, kind, fmt, ap);
    va_end(ap);
    return r;
}

static JSValue throw_atom(JSContext *ctx, JSErrorEnum kind, const char *fmt, JSAtom atom)
{
    char name[64];
    char msg[MSG_SIZE];
    JSValue obj;
    wf_atom_get_cstr(ctx->rt, name, sizeof(name), atom);
    /* fmt comes from the engine and holds exactly one %s */
    snprintf(msg, sizeof(msg), fmt, name);
    obj = make_error(ctx, kind, msg);
    if (JS_IsException(obj))
        return JS_EXCEPTION;
    wf_error_capture_stack(ctx, obj, 0);
    return JS_Throw(ctx, obj);
}

JSValue wf_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom)
{
    return throw_atom(ctx, JS_TYPE_ERROR, fmt, atom);
}

JSValue wf_throw_reference_error_atom(JSContext *ctx, const char *fmt, JSAtom atom)
{
    return throw_atom(ctx, JS_REFERENCE_ERROR, fmt, atom);
}

JSValue wf_throw_stack_overflow(JSContext *ctx)
{
    return wf_throw_error(ctx, JS_RANGE_ERROR, "Maximum call stack size exceeded");
}

/* Short description of a value for messages ("undefined", "number 3",
   "string \"abc\"", "object"...). */
static void describe(JSContext *ctx, JSValueConst v, char *buf, size_t size)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_UNDEFINED:
        snprintf(buf, size, "undefined");
        break;
    case JS_TAG_NULL:
        snprintf(buf, size, "null");
        break;
    case JS_TAG_BOOL:
        snprintf(buf, size, "%s", JS_VALUE_GET_BOOL(v) ? "true" : "false");
        break;
    case JS_TAG_INT:
        snprintf(buf, size, "number %d", JS_VALUE_GET_INT(v));
        break;
    case JS_TAG_FLOAT64:
        snprintf(buf, size, "number %.17g", JS_VALUE_GET_FLOAT64(v));
        break;
    case JS_TAG_STRING: {
        const JSString *p = wf_str(v);
        size_t pos = 0;
        uint32_t i;
        pos += (size_t)snprintf(buf, size, "string \"");
        for (i = 0; i < p->len && pos + 8 < size && i < 40; i++) {
            uint32_t c = wf_str_get(p, i);
            buf[pos++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
        }
        if (i < p->len && pos + 4 < size) {
            memcpy(buf + pos, "...", 3);
            pos += 3;
        }
        if (pos + 1 < size)
            buf[pos++] = '"';
        buf[pos] = '\0';
        break;
    }
    case JS_TAG_SYMBOL: {
        char d[48];
        wf_atom_get_cstr(ctx->rt, d, sizeof(d), wf_symbol_to_atom(ctx->rt, v));
        snprintf(buf, size, "Symbol(%s)", d);
        break;
    }
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        snprintf(buf, size, "bigint");
        break;
    case JS_TAG_OBJECT:
        snprintf(buf, size, "%s", wf_is_callable(v) ? "function" : "object");
        break;
    default:
        snprintf(buf, size, "value");
        break;
    }
}

JSValue wf_throw_not_object(JSContext *ctx, JSValueConst v)
{
    char d[96];
    describe(ctx, v, d, sizeof(d));
    return wf_throw_error(ctx, JS_TYPE_ERROR, "%s is not an object", d);
}

JSValue wf_throw_not_function(JSContext *ctx, JSValueConst v)
{
    char d[96];
    describe(ctx, v, d, sizeof(d));
    return wf_throw_error(ctx, JS_TYPE_ERROR, "%s is not a function", d);
}

JSValue wf_throw_syntax_error_at(JSContext *ctx, const char *filename, int line, int col,
                                 const char *msg)
{
    JSValue obj = make_error(ctx, JS_SYNTAX_ERROR, msg), v;
    char *stack;
    size_t n;
    const int hidden = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE;

    if (JS_IsException(obj))
        return JS_EXCEPTION;
    if (!filename)
        filename = "<input>";
    if (wf_obj_define_value(ctx, obj, JS_ATOM_fileName, JS_NewString(ctx, filename), hidden) < 0 ||
        wf_obj_define_value(ctx, obj, JS_ATOM_lineNumber, JS_NewInt32(ctx, line), hidden) < 0 ||
        wf_obj_define_value(ctx, obj, JS_ATOM_columnNumber, JS_NewInt32(ctx, col), hidden) < 0)
        goto fail;
    n = strlen(filename) + strlen(msg) + 64;
    stack = js_malloc(ctx, n);
    if (!stack)
        goto fail;
    snprintf(stack, n, "SyntaxError: %s\n    at %s:%d:%d\n", msg, filename, line, col);
    v = JS_NewString(ctx, stack);
    js_free(ctx, stack);
    if (wf_obj_define_value(ctx, obj, JS_ATOM_stack, v, hidden) < 0)
        goto fail;
    return JS_Throw(ctx, obj);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

JSValue wf_throw_interrupted(JSContext *ctx)
{
    JSValue obj = wf_error_new(ctx, JS_INTERNAL_ERROR, "interrupted");
    if (JS_IsException(obj))
        return JS_EXCEPTION;
    wf_obj(obj)->is_uncatchable_error = 1;
    return JS_Throw(ctx, obj);
}

/* ------------------------------------------------------------------ */
/* The pending exception */

JSValue JS_Throw(JSContext *ctx, JSValue obj)
{
    JSRuntime *rt = ctx->rt;
    JSValue old = rt->current_exception;
    rt->current_exception = obj;
    rt->current_exception_is_uncatchable = JS_IsObject(obj) && wf_obj(obj)->is_uncatchable_error;
    JS_FreeValue(ctx, old);
    return JS_EXCEPTION;
}

JSValue JS_GetException(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    JSValue v = rt->current_exception;
    rt->current_exception = JS_UNINITIALIZED;
    rt->current_exception_is_uncatchable = false;
    return v;
}

bool JS_HasException(JSContext *ctx)
{
    return !JS_IsUninitialized(ctx->rt->current_exception);
}

bool JS_IsError(JSContext *ctx, JSValueConst val)
{
    (void)ctx;
    return JS_IsObject(val) && wf_obj(val)->class_id == JS_CLASS_ERROR;
}

bool JS_IsUncatchableError(JSContext *ctx, JSValueConst val)
{
    (void)ctx;
    return JS_IsObject(val) && wf_obj(val)->is_uncatchable_error;
}

void JS_SetUncatchableError(JSContext *ctx, JSValueConst val)
{
    if (JS_IsObject(val)) {
        wf_obj(val)->is_uncatchable_error = 1;
        if (JS_IsObject(ctx->rt->current_exception) &&
            wf_obj(ctx->rt->current_exception) == wf_obj(val))
            ctx->rt->current_exception_is_uncatchable = true;
    }
}

void JS_ClearUncatchableError(JSContext *ctx, JSValueConst val)
{
    if (JS_IsObject(val)) {
        wf_obj(val)->is_uncatchable_error = 0;
        if (JS_IsObject(ctx->rt->current_exception) &&
            wf_obj(ctx->rt->current_exception) == wf_obj(val))
            ctx->rt->current_exception_is_uncatchable = false;
    }
}

void JS_ResetUncatchableError(JSContext *ctx)
{
    JSValueConst e = ctx->rt->current_exception;
    ctx->rt->current_exception_is_uncatchable = false;
    if (JS_IsObject(e))
        wf_obj(e)->is_uncatchable_error = 0;
}

JSValue JS_NewError(JSContext *ctx)
{
    return wf_obj_new(ctx, error_proto(ctx, JS_PLAIN_ERROR), JS_CLASS_ERROR);
}

#define DEF_THROW(name, kind)                                       \
    JSValue name(JSContext *ctx, const char *fmt, ...)              \
    {                                                               \
        va_list ap;                                                 \
        JSValue r;                                                  \
        va_start(ap, fmt);                                          \
        r = throw_errorv(ctx, kind, fmt, ap);                       \
        va_end(ap);                                                 \
        return r;                                                   \
    }

DEF_THROW(JS_ThrowPlainError, JS_PLAIN_ERROR)
DEF_THROW(JS_ThrowSyntaxError, JS_SYNTAX_ERROR)
DEF_THROW(JS_ThrowTypeError, JS_TYPE_ERROR)
DEF_THROW(JS_ThrowReferenceError, JS_REFERENCE_ERROR)
DEF_THROW(JS_ThrowRangeError, JS_RANGE_ERROR)
DEF_THROW(JS_ThrowInternalError, JS_INTERNAL_ERROR)

JSValue JS_ThrowOutOfMemory(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    if (rt->in_out_of_memory)
        return JS_EXCEPTION;
    rt->in_out_of_memory = true;
    if (JS_IsObject(ctx->oom_error)) {
        JS_Throw(ctx, JS_DupValue(ctx, ctx->oom_error));
    } else {
        /* no preallocated error: the constant atom string, no allocation */
        JS_Throw(ctx, JS_AtomToString(ctx, JS_ATOM_out_of_memory));
    }
    rt->current_exception_is_uncatchable = true;
    rt->in_out_of_memory = false;
    return JS_EXCEPTION;
}

/* context.c: make ctx->oom_error once the error prototypes exist. */
int wf_error_init_oom(JSContext *ctx)
{
    JSValue e;
    if (JS_IsObject(ctx->oom_error))
        return 0;
    e = make_error(ctx, JS_INTERNAL_ERROR, "out of memory");
    if (JS_IsException(e))
        return -1;
    wf_obj(e)->is_uncatchable_error = 1;
    ctx->oom_error = e;
    return 0;
}
