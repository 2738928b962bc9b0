/*
 * libc.c - the quickjs-libc C API that is not the loop or the loader:
 * js_std_add_helpers (console, print, scriptArgs, timers globals,
 * queueMicrotask), js_std_dump_error, js_load_file, js_std_eval_binary,
 * js_init_module_std/os, and the error reporting every part of the
 * runtime shares (wf_rt_print_error: "Name: message" + stack, or the
 * file:line:col + source line + caret of a syntax error).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs-libc.h"
#include "weft-libc.h"
#include "runtime/runtime.h"
#include "runtime/console.h"

/* ---------------------------------------------------------------- text buffer */

typedef struct TBuf {
    JSContext *ctx;
    char *s;
    size_t len, cap;
    bool oom;
} TBuf;

static void tb_put(TBuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        p = js_realloc(b->ctx, b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void tb_puts(TBuf *b, const char *s)
{
    tb_put(b, s, strlen(s));
}

static void __js_printf_like(2, 3) tb_printf(TBuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        tb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static char *tb_finish(TBuf *b)
{
    if (b->oom) {
        js_free(b->ctx, b->s);
        return NULL;
    }
    if (!b->s)
        tb_put(b, "", 0);
    return b->s;
}

/* ---------------------------------------------------------------- errors */

/* C string of obj[prop] when it is a string (JS_FreeCString it), else NULL;
   never leaves an exception. */
static const char *str_prop(JSContext *ctx, JSValueConst obj, const char *prop)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    const char *s = NULL;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return NULL;
    }
    if (JS_IsString(v))
        s = JS_ToCString(ctx, v);
    if (!s && JS_HasException(ctx))
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, v);
    return s;
}

static bool int_prop(JSContext *ctx, JSValueConst obj, const char *prop, int64_t *out)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    bool ok = false;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    if (JS_IsNumber(v))
        ok = JS_ToInt64(ctx, out, v) == 0;
    JS_FreeValue(ctx, v);
    return ok;
}

typedef struct WfSource {
    struct WfSource *next;
    char *name;
    char *text;
    size_t len;
} WfSource;

/* The source text registered for `name` by wf_rt_add_source, or the file
   itself; *pfree says whether the caller frees it (js_free). */
static const char *find_source(JSContext *ctx, const char *name, size_t *plen, bool *pfree)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    *pfree = false;
    if (ts) {
        WfSource *s;
        for (s = ts->sources; s; s = s->next) {
            if (!strcmp(s->name, name)) {
                *plen = s->len;
                return s->text;
            }
        }
    }
    if (name[0] == '<')
        return NULL;
    {
        uint8_t *buf = js_load_file(ctx, plen, name);
        if (buf)
            *pfree = true;
        return (const char *)buf;
    }
}

int wf_rt_add_source(JSContext *ctx, const char *name, const char *text, size_t len)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    WfSource *s;
    if (!ts)
        return 0;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s)
        return -1;
    s->name = js_strdup(ctx, name);
    s->text = js_malloc(ctx, len + 1);
    if (!s->name || !s->text) {
        js_free(ctx, s->name);
        js_free(ctx, s->text);
        js_free(ctx, s);
        return -1;
    }
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    s->next = ts->sources;
    ts->sources = s;
    return 0;
}

void wf_rt_free_sources(JSRuntime *rt, WfThreadState *ts)
{
    while (ts->sources) {
        WfSource *s = ts->sources;
        ts->sources = s->next;
        js_free_rt(rt, s->name);
        js_free_rt(rt, s->text);
        js_free_rt(rt, s);
    }
}

/* file:line:col, the source line and a caret under the column. */
static bool syntax_location(JSContext *ctx, TBuf *b, JSValueConst err)
{
    const char *file = str_prop(ctx, err, "fileName");
    int64_t line = 0, col = 0;
    const char *text;
    size_t len = 0;
    bool tofree;
    if (!file)
        return false;
    if (!int_prop(ctx, err, "lineNumber", &line) || line < 1) {
        JS_FreeCString(ctx, file);
        return false;
    }
    if (!int_prop(ctx, err, "columnNumber", &col) || col < 1)
        col = 0;
    if (col)
        tb_printf(b, "%s:%lld:%lld\n", file, (long long)line, (long long)col);
    else
        tb_printf(b, "%s:%lld\n", file, (long long)line);
    text = find_source(ctx, file, &len, &tofree);
    if (text) {
        const char *p = text, *end = text + len, *eol;
        int64_t l = 1;
        while (l < line && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                p = end;
                break;
            }
            p = nl + 1;
            l++;
        }
        if (l == line && p <= end) {
            eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            if (eol > p && eol[-1] == '\r')
                eol--;
            tb_put(b, p, (size_t)(eol - p));
            tb_puts(b, "\n");
            if (col) {
                /* one blank per code point before the column; tabs kept */
                int64_t c = 1;
                const char *q = p;
                while (c < col && q < eol) {
                    tb_puts(b, *q == '\t' ? "\t" : " ");
                    q++;
                    while (q < eol && ((unsigned char)*q & 0xc0) == 0x80)
                        q++;
                    c++;
                }
                tb_puts(b, "^\n");
            }
        }
        if (tofree)
            js_free(ctx, (void *)text);
    }
    JS_FreeCString(ctx, file);
    return true;
}

static void error_text(JSContext *ctx, TBuf *b, JSValueConst exc, const char *prefix)
{
    if (JS_IsObject(exc) && JS_IsError(ctx, exc)) {
        const char *name = str_prop(ctx, exc, "name");
        const char *msg = str_prop(ctx, exc, "message");
        const char *stack = str_prop(ctx, exc, "stack");
        const char *n = name ? name : "Error", *m = msg ? msg : "";
        TBuf h = { ctx, NULL, 0, 0, false };
        if (!*n)
            tb_puts(&h, m);
        else if (!*m)
            tb_puts(&h, n);
        else
            tb_printf(&h, "%s: %s", n, m);
        if (!h.s)
            tb_puts(&h, "");
        if (name && !strcmp(name, "SyntaxError") && syntax_location(ctx, b, exc)) {
            tb_puts(b, h.s ? h.s : "SyntaxError");
        } else if (stack && h.s && !strncmp(stack, h.s, strlen(h.s))) {
            size_t sl = strlen(stack);
            while (sl && stack[sl - 1] == '\n')
                sl--;
            tb_put(b, stack, sl);
        } else {
            tb_puts(b, h.s ? h.s : n);
            if (stack) {
                /* an engine stack that lists only the frames */
                const char *p = stack;
                size_t sl;
                while (*p == ' ' || *p == '\t')
                    p++;
                if (!strncmp(p, "at ", 3)) {
                    sl = strlen(stack);
                    while (sl && stack[sl - 1] == '\n')
                        sl--;
                    tb_puts(b, "\n");
                    tb_put(b, stack, sl);
                }
            }
        }
        js_free(ctx, h.s);
        JS_FreeCString(ctx, name);
        JS_FreeCString(ctx, msg);
        JS_FreeCString(ctx, stack);
    } else {
        size_t len = 0;
        char *s = weft_console_inspect(ctx, exc, &len);
        if (prefix)
            tb_puts(b, prefix);
        if (s) {
            tb_put(b, s, len);
            js_free(ctx, s);
        } else {
            if (JS_HasException(ctx))
                JS_FreeValue(ctx, JS_GetException(ctx));
            tb_puts(b, "exception (unprintable)");
        }
    }
}

char *wf_rt_error_text(JSContext *ctx, JSValueConst exc)
{
    TBuf b = { ctx, NULL, 0, 0, false };
    error_text(ctx, &b, exc, NULL);
    return tb_finish(&b);
}

void wf_rt_print_error(JSContext *ctx, JSValueConst exc, const char *prefix)
{
    TBuf b = { ctx, NULL, 0, 0, false };
    char *s;
    fflush(stdout);
    error_text(ctx, &b, exc, prefix);
    s = tb_finish(&b);
    if (s) {
        fputs(s, stderr);
        fputc('\n', stderr);
        js_free(ctx, s);
    } else {
        fputs("exception (out of memory while printing it)\n", stderr);
    }
    fflush(stderr);
}

void js_std_dump_error1(JSContext *ctx, JSValueConst exception_val)
{
    wf_rt_print_error(ctx, exception_val, "Uncaught ");
}

void js_std_dump_error(JSContext *ctx)
{
    JSValue exc = JS_GetException(ctx);
    js_std_dump_error1(ctx, exc);
    JS_FreeValue(ctx, exc);
}

/* Bytes of an ArrayBuffer, SharedArrayBuffer or typed array (runtime.h). */
int wf_rt_get_bytes(JSContext *ctx, JSValueConst v, uint8_t **pp, size_t *plen)
{
    size_t len = 0, off = 0, blen = 0;
    uint8_t *p;
    if (JS_GetTypedArrayType(v) >= 0) {
        JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &off, &blen, NULL);
        if (JS_IsException(ab))
            return -1;
        p = JS_GetArrayBuffer(ctx, &len, ab);
        JS_FreeValue(ctx, ab);
        if (!p)
            return -1;
        if (off + blen > len) {
            JS_ThrowRangeError(ctx, "out-of-bounds typed array");
            return -1;
        }
        *pp = p + off;
        *plen = blen;
        return 0;
    }
    p = JS_GetArrayBuffer(ctx, &len, v);
    if (!p)
        return -1;
    *pp = p;
    *plen = len;
    return 0;
}

JSValue wf_rt_throw_errno(JSContext *ctx, int neg_err, const char *what)
{
    int e = neg_err < 0 ? -neg_err : neg_err;
    const char *code = uv_err_name(-e);
    JSValue err;
    if (what)
        JS_ThrowPlainError(ctx, "%s: %s (%s)", what, strerror(e), code);
    else
        JS_ThrowPlainError(ctx, "%s (%s)", strerror(e), code);
    err = JS_GetException(ctx);
    if (JS_IsObject(err)) {
        JS_DefinePropertyValueStr(ctx, err, "code", JS_NewString(ctx, code),
                                  JS_PROP_C_W_E);
        JS_DefinePropertyValueStr(ctx, err, "errno", JS_NewInt32(ctx, e), JS_PROP_C_W_E);
    }
    return JS_Throw(ctx, err);
}

/* ---------------------------------------------------------------- files */

uint8_t *js_load_file(JSContext *ctx, size_t *pbuf_len, const char *filename)
{
    FILE *f = fopen(filename, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t n;
        if (cap - len < 4096) {
            size_t ncap = cap ? cap * 2 : 16384;
            uint8_t *nb = ctx ? js_realloc(ctx, buf, ncap + 1) : realloc(buf, ncap + 1);
            if (!nb) {
                if (ctx)
                    js_free(ctx, buf);
                else
                    free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                int e = errno;
                if (ctx)
                    js_free(ctx, buf);
                else
                    free(buf);
                fclose(f);
                errno = e ? e : EIO;
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    if (pbuf_len)
        *pbuf_len = len;
    return buf;
}

void js_std_eval_binary(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags)
{
    JSValue obj, val;
    obj = JS_ReadObject(ctx, buf, buf_len, JS_READ_OBJ_BYTECODE);
    if (JS_IsException(obj))
        goto fail;
    if (flags & 1) {
        /* load only (flags == 1 in QuickJS): a module is registered,
           linked later by an importer */
        if (JS_VALUE_GET_TAG(obj) == JS_TAG_MODULE)
            js_module_set_import_meta(ctx, obj, false, false);
        JS_FreeValue(ctx, obj);
        return;
    }
    if (JS_VALUE_GET_TAG(obj) == JS_TAG_MODULE &&
        js_module_set_import_meta(ctx, obj, false, true) < 0) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    val = JS_EvalFunction(ctx, obj);
    val = js_std_await(ctx, val);
    if (JS_IsException(val))
        goto fail;
    JS_FreeValue(ctx, val);
    return;
fail:
    js_std_dump_error(ctx);
    exit(1);
}

/* ---------------------------------------------------------------- modules */

JSModuleDef *js_init_module_std(JSContext *ctx, const char *module_name)
{
    JSModuleDef *m = JS_NewCModule(ctx, module_name, wf_std_module_init);
    if (!m)
        return NULL;
    if (wf_std_module_exports(ctx, m) < 0)
        return NULL;
    return m;
}

JSModuleDef *js_init_module_os(JSContext *ctx, const char *module_name)
{
    JSModuleDef *m = JS_NewCModule(ctx, module_name, wf_os_module_init);
    if (!m)
        return NULL;
    if (wf_os_module_exports(ctx, m) < 0)
        return NULL;
    return m;
}

/* ---------------------------------------------------------------- globals */

static JSValue js_global_set_timer(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic)
{
    int64_t delay = 0, id;
    (void)this_val;
    if (argc > 1 && !JS_IsUndefined(argv[1])) {
        double d;
        if (JS_ToFloat64(ctx, &d, argv[1]) < 0)
            return JS_EXCEPTION;
        delay = d != d ? 0 : d > 1e12 ? (int64_t)1e12 : d < 0 ? 0 : (int64_t)d;
    }
    id = wf_timer_start(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, delay, magic != 0,
                        argc > 2 ? argc - 2 : 0, argv + 2);
    if (id < 0)
        return JS_EXCEPTION;
    return JS_NewInt64(ctx, id);
}

static JSValue js_global_clear_timer(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    int64_t id;
    (void)this_val;
    if (argc < 1 || !JS_IsNumber(argv[0]))
        return JS_UNDEFINED;   /* like Node: anything else is ignored */
    if (JS_ToInt64(ctx, &id, argv[0]) < 0)
        return JS_EXCEPTION;
    wf_timer_clear(ctx, id);
    return JS_UNDEFINED;
}

static JSValue microtask_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    (void)argc;
    return JS_Call(ctx, argv[0], JS_UNDEFINED, 0, NULL);
}

static JSValue js_global_queue_microtask(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    (void)this_val;
    if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "queueMicrotask: the callback must be a function");
    if (JS_EnqueueJob(ctx, microtask_job, 1, argv) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry global_funcs[] = {
    JS_CFUNC_MAGIC_DEF("setTimeout", 2, js_global_set_timer, 0),
    JS_CFUNC_MAGIC_DEF("setInterval", 2, js_global_set_timer, 1),
    JS_CFUNC_DEF("clearTimeout", 1, js_global_clear_timer),
    JS_CFUNC_DEF("clearInterval", 1, js_global_clear_timer),
    JS_CFUNC_DEF("queueMicrotask", 1, js_global_queue_microtask),
};

int wf_rt_init_context(JSContext *ctx, int argc, char **argv)
{
    JSValue global = JS_GetGlobalObject(ctx);
    int ret = -1, i;
    if (weft_console_init(ctx) < 0)
        goto done;
    if (JS_SetPropertyFunctionList(ctx, global, global_funcs,
                                   (int)(sizeof global_funcs / sizeof global_funcs[0])) < 0)
        goto done;
    if (argc >= 0) {
        JSValue arr = JS_NewArray(ctx);
        if (JS_IsException(arr))
            goto done;
        for (i = 0; i < argc; i++) {
            JSValue s = JS_NewString(ctx, argv[i]);
            if (JS_IsException(s) || JS_SetPropertyUint32(ctx, arr, (uint32_t)i, s) < 0) {
                JS_FreeValue(ctx, arr);
                goto done;
            }
        }
        if (JS_DefinePropertyValueStr(ctx, global, "scriptArgs", arr,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto done;
    }
    ret = 0;
done:
    JS_FreeValue(ctx, global);
    return ret;
}

void js_std_add_helpers(JSContext *ctx, int argc, char **argv)
{
    if (wf_rt_init_context(ctx, argc, argv) < 0)
        js_std_dump_error(ctx);
}

int weft_runtime_setup(JSRuntime *rt)
{
    return wf_rt_init_runtime(rt);
}
