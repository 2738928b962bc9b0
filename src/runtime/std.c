/*
 * std.c - the module 'std' (also 'qjs:std'): QuickJS's C library binding.
 * exit, evalScript, loadScript, loadFile, writeFile, strerror,
 * parseExtJSON, getenv/setenv/unsetenv/getenviron, gc, open, popen,
 * fdopen, tmpfile, puts, printf, sprintf, in/out/err, the FILE objects
 * and the constants (SEEK_*, Error.E*).
 *
 * Conventions (QuickJS's): functions that open something return null on
 * failure and store the error number in `errorObj.errno` when an object
 * is given; FILE methods return a negative errno or throw for bad
 * arguments.  FILE output goes through the C library's stdio, so std.out
 * and console.log interleave in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quickjs-libc.h"
#include "runtime/runtime.h"

extern char **environ;

/* Process-wide class id, published once with a compare-and-swap by
   JS_NewClassID (engine/object.c); every runtime registers the class. */
static JSClassID std_file_class_id;

typedef struct StdFile {
    FILE *f;
    bool is_popen;
    bool is_std;            /* stdin/stdout/stderr: never closed by the GC */
} StdFile;

/* ---------------------------------------------------------------- helpers */

static JSValue errno_result(JSContext *ctx, int r)
{
    return JS_NewInt32(ctx, r < 0 ? -errno : r);
}

/* Stores err in errorObj.errno when errorObj is an object. */
static int set_error_obj(JSContext *ctx, JSValueConst obj, int err)
{
    if (!JS_IsObject(obj))
        return 0;
    return JS_SetPropertyStr(ctx, obj, "errno", JS_NewInt32(ctx, err));
}


/* ---------------------------------------------------------------- printf */

typedef struct OutBuf {
    JSContext *ctx;
    char *s;
    size_t len, cap;
    bool oom;
} OutBuf;

static void ob_put(OutBuf *b, const char *s, size_t n)
{
    if (b->oom || n == 0)
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

static void ob_fmt(OutBuf *b, const char *fmt, ...) __js_printf_like(2, 3);
static void ob_fmt(OutBuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        ob_put(b, tmp, (size_t)n);
    } else {
        char *big = js_malloc(b->ctx, (size_t)n + 1);
        if (!big) {
            b->oom = true;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        ob_put(b, big, (size_t)n);
        js_free(b->ctx, big);
    }
}

static void put_utf8(OutBuf *b, uint32_t c)
{
    char t[4];
    size_t n;
    if (c < 0x80) {
        t[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        t[0] = (char)(0xc0 | (c >> 6));
        t[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        t[0] = (char)(0xe0 | (c >> 12));
        t[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        t[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        t[0] = (char)(0xf0 | (c >> 18));
        t[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        t[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    ob_put(b, t, n);
}

#define MAX_WIDTH (1 << 20)   /* widths / precisions above this are refused */

/* C printf over JavaScript values: %[flags][width][.prec][len]conv with
   conv in d i o u x X c s e E f F g G a A %, `*` widths from the
   arguments.  Integer conversions are 32-bit unless an `l` modifier asks
   for 64 bits (BigInt accepted).  0 or -1 with an exception. */
static int format_values(JSContext *ctx, OutBuf *b, int argc, JSValueConst *argv)
{
    const char *fmt, *p, *start;
    size_t flen;
    int ai = 1;
    if (argc < 1) {
        return 0;
    }
    fmt = JS_ToCStringLen(ctx, &flen, argv[0]);
    if (!fmt)
        return -1;
    p = fmt;
    while (*p) {
        char spec[32];
        int sl = 0, lmod = 0;
        start = p;
        while (*p && *p != '%')
            p++;
        ob_put(b, start, (size_t)(p - start));
        if (!*p)
            break;
        start = p++;
        if (*p == '%') {
            ob_put(b, "%", 1);
            p++;
            continue;
        }
        spec[sl++] = '%';
        while (*p && strchr("-+ #0'", *p) && sl < 10)
            spec[sl++] = *p++;
        /* width */
        if (*p == '*') {
            int32_t w = 0;
            if (ai < argc && JS_ToInt32(ctx, &w, argv[ai]) < 0)
                goto fail;
            ai++;
            if (w > MAX_WIDTH || w < -MAX_WIDTH)
                goto too_wide;
            sl += snprintf(spec + sl, sizeof spec - (size_t)sl, "%d", w);
            p++;
        } else {
            while (*p >= '0' && *p <= '9' && sl < 20)
                spec[sl++] = *p++;
            if (*p >= '0' && *p <= '9')
                goto too_wide;
        }
        if (*p == '.') {
            spec[sl++] = *p++;
            if (*p == '*') {
                int32_t pr = 0;
                if (ai < argc && JS_ToInt32(ctx, &pr, argv[ai]) < 0)
                    goto fail;
                ai++;
                if (pr < 0)
                    pr = 0;
                if (pr > MAX_WIDTH)
                    goto too_wide;
                sl += snprintf(spec + sl, sizeof spec - (size_t)sl, "%d", pr);
                p++;
            } else {
                while (*p >= '0' && *p <= '9' && sl < 28)
                    spec[sl++] = *p++;
                if (*p >= '0' && *p <= '9')
                    goto too_wide;
            }
        }
        {
            /* a literal width or precision above MAX_WIDTH */
            const char *q = spec + 1;
            spec[sl] = '\0';
            while (*q && q < spec + sl) {
                if (*q >= '1' && *q <= '9') {
                    long v = strtol(q, (char **)&q, 10);
                    if (v > MAX_WIDTH)
                        goto too_wide;
                } else {
                    q++;
                }
            }
        }
        /* length modifiers: only l / ll / j / z / t change anything */
        while (*p && strchr("hlLqjzt", *p)) {
            if (*p != 'h')
                lmod = 1;
            p++;
        }
        if (!*p) {
            ob_put(b, start, (size_t)(p - start));
            break;
        }
        {
            char conv = *p++;
            JSValueConst arg = ai < argc ? argv[ai] : JS_UNDEFINED;
            switch (conv) {
            case 'd':
            case 'i': {
                int64_t v;
                ai++;
                if (JS_ToInt64Ext(ctx, &v, arg) < 0)
                    goto fail;
                if (!lmod)
                    v = (int32_t)v;
                memcpy(spec + sl, PRId64, sizeof PRId64);
                ob_fmt(b, spec, v);
                break;
            }
            case 'o':
            case 'u':
            case 'x':
            case 'X': {
                int64_t v;
                uint64_t u;
                const char *m = conv == 'o' ? PRIo64 : conv == 'u' ? PRIu64
                               : conv == 'x' ? PRIx64 : PRIX64;
                ai++;
                if (JS_ToInt64Ext(ctx, &v, arg) < 0)
                    goto fail;
                u = lmod ? (uint64_t)v : (uint64_t)(uint32_t)v;
                memcpy(spec + sl, m, strlen(m) + 1);
                ob_fmt(b, spec, u);
                break;
            }
            case 'c': {
                uint32_t c = 0;
                ai++;
                if (JS_IsString(arg)) {
                    const char *s = JS_ToCString(ctx, arg);
                    if (!s)
                        goto fail;
                    /* the first code point, as UTF-8 */
                    if (*s) {
                        const unsigned char *q = (const unsigned char *)s;
                        size_t n = *q < 0x80 ? 1 : *q < 0xe0 ? 2 : *q < 0xf0 ? 3 : 4;
                        size_t k = 0;
                        while (k < n && q[k])
                            k++;
                        ob_put(b, s, k);
                    }
                    JS_FreeCString(ctx, s);
                } else {
                    int32_t v;
                    if (JS_ToInt32(ctx, &v, arg) < 0)
                        goto fail;
                    c = (uint32_t)v;
                    if (c > 0x10ffff)
                        c = 0xfffd;
                    put_utf8(b, c);
                }
                break;
            }
            case 's': {
                const char *s = JS_ToCString(ctx, arg);
                ai++;
                if (!s)
                    goto fail;
                spec[sl++] = 's';
                spec[sl] = '\0';
                ob_fmt(b, spec, s);
                JS_FreeCString(ctx, s);
                break;
            }
            case 'e': case 'E': case 'f': case 'F':
            case 'g': case 'G': case 'a': case 'A': {
                double d;
                ai++;
                if (JS_ToFloat64(ctx, &d, arg) < 0)
                    goto fail;
                spec[sl++] = conv;
                spec[sl] = '\0';
                ob_fmt(b, spec, d);
                break;
            }
            default:
                /* unknown conversion: copied as it is */
                ob_put(b, start, (size_t)(p - start));
                break;
            }
        }
    }
    JS_FreeCString(ctx, fmt);
    if (b->oom) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
too_wide:
    JS_ThrowRangeError(ctx, "printf: field width or precision above %d", MAX_WIDTH);
fail:
    JS_FreeCString(ctx, fmt);
    return -1;
}

static JSValue do_printf(JSContext *ctx, FILE *f, int argc, JSValueConst *argv)
{
    OutBuf b = { ctx, NULL, 0, 0, false };
    size_t n;
    if (format_values(ctx, &b, argc, argv) < 0) {
        js_free(ctx, b.s);
        return JS_EXCEPTION;
    }
    n = b.len ? fwrite(b.s, 1, b.len, f) : 0;
    js_free(ctx, b.s);
    return JS_NewInt64(ctx, (int64_t)n);
}

static JSValue js_std_printf(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    (void)this_val;
    return do_printf(ctx, stdout, argc, argv);
}

static JSValue js_std_sprintf(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    OutBuf b = { ctx, NULL, 0, 0, false };
    JSValue r;
    (void)this_val;
    if (format_values(ctx, &b, argc, argv) < 0) {
        js_free(ctx, b.s);
        return JS_EXCEPTION;
    }
    r = JS_NewStringLen(ctx, b.s ? b.s : "", b.len);
    js_free(ctx, b.s);
    return r;
}

static JSValue js_std_puts(JSContext *ctx, JSValueConst this_val, int argc,
                           JSValueConst *argv)
{
    int i;
    (void)this_val;
    for (i = 0; i < argc; i++) {
        size_t len;
        const char *s = JS_ToCStringLen(ctx, &len, argv[i]);
        if (!s)
            return JS_EXCEPTION;
        fwrite(s, 1, len, stdout);
        JS_FreeCString(ctx, s);
    }
    return JS_UNDEFINED;
}

/* ---------------------------------------------------------------- FILE */

static void std_file_finalizer(JSRuntime *rt, JSValueConst val)
{
    StdFile *s = JS_GetOpaque(val, std_file_class_id);
    if (!s)
        return;
    if (s->f && !s->is_std) {
        if (s->is_popen)
            pclose(s->f);
        else
            fclose(s->f);
    }
    js_free_rt(rt, s);
}

static JSValue new_file(JSContext *ctx, FILE *f, bool is_popen, bool is_std)
{
    JSValue obj = JS_NewObjectClass(ctx, std_file_class_id);
    StdFile *s;
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->f = f;
    s->is_popen = is_popen;
    s->is_std = is_std;
    JS_SetOpaque(obj, s);
    return obj;
}

/* The FILE* of a FILE object, NULL with a TypeError when it is not one or
   is closed. */
static FILE *get_file(JSContext *ctx, JSValueConst obj)
{
    StdFile *s = JS_GetOpaque2(ctx, obj, std_file_class_id);
    if (!s)
        return NULL;
    if (!s->f) {
        JS_ThrowTypeError(ctx, "the file is closed");
        return NULL;
    }
    return s->f;
}

static bool valid_mode(const char *mode)
{
    return mode[strspn(mode, "rwa+bx")] == '\0' && strchr("rwa", mode[0]) && mode[0];
}

static JSValue js_std_open(JSContext *ctx, JSValueConst this_val, int argc,
                           JSValueConst *argv, int magic)
{
    /* magic 0 open(name, mode, err), 1 popen(cmd, mode, err) */
    const char *name, *mode;
    FILE *f;
    int err = 0;
    (void)this_val;
    name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    mode = JS_ToCString(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    if (!mode) {
        JS_FreeCString(ctx, name);
        return JS_EXCEPTION;
    }
    if (magic == 1 ? (strcmp(mode, "r") && strcmp(mode, "w")) : !valid_mode(mode)) {
        JS_FreeCString(ctx, name);
        JS_FreeCString(ctx, mode);
        return JS_ThrowTypeError(ctx, "invalid file mode");
    }
    fflush(NULL);
    f = magic == 1 ? popen(name, mode) : fopen(name, mode);
    if (!f)
        err = errno;
    JS_FreeCString(ctx, name);
    JS_FreeCString(ctx, mode);
    if (set_error_obj(ctx, argc > 2 ? argv[2] : JS_UNDEFINED, err) < 0) {
        if (f)
            magic == 1 ? pclose(f) : fclose(f);
        return JS_EXCEPTION;
    }
    if (!f)
        return JS_NULL;
    return new_file(ctx, f, magic == 1, false);
}

static JSValue js_std_fdopen(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    int32_t fd;
    const char *mode;
    FILE *f;
    int err = 0;
    (void)this_val;
    if (JS_ToInt32(ctx, &fd, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    mode = JS_ToCString(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    if (!mode)
        return JS_EXCEPTION;
    if (!valid_mode(mode)) {
        JS_FreeCString(ctx, mode);
        return JS_ThrowTypeError(ctx, "invalid file mode");
    }
    f = fdopen(fd, mode);
    if (!f)
        err = errno;
    JS_FreeCString(ctx, mode);
    if (set_error_obj(ctx, argc > 2 ? argv[2] : JS_UNDEFINED, err) < 0) {
        if (f)
            fclose(f);
        return JS_EXCEPTION;
    }
    if (!f)
        return JS_NULL;
    return new_file(ctx, f, false, false);
}

static JSValue js_std_tmpfile(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    FILE *f = tmpfile();
    int err = f ? 0 : errno;
    (void)this_val;
    if (set_error_obj(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, err) < 0) {
        if (f)
            fclose(f);
        return JS_EXCEPTION;
    }
    if (!f)
        return JS_NULL;
    return new_file(ctx, f, false, false);
}

static JSValue js_file_close(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    StdFile *s = JS_GetOpaque2(ctx, this_val, std_file_class_id);
    int r;
    (void)argc;
    (void)argv;
    if (!s)
        return JS_EXCEPTION;
    if (!s->f)
        return JS_ThrowTypeError(ctx, "the file is already closed");
    if (s->is_popen)
        r = pclose(s->f);
    else
        r = fclose(s->f);
    s->f = NULL;
    return errno_result(ctx, r);
}

static JSValue js_file_puts(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    int i;
    if (!f)
        return JS_EXCEPTION;
    for (i = 0; i < argc; i++) {
        size_t len;
        const char *s = JS_ToCStringLen(ctx, &len, argv[i]);
        if (!s)
            return JS_EXCEPTION;
        fwrite(s, 1, len, f);
        JS_FreeCString(ctx, s);
    }
    return JS_UNDEFINED;
}

static JSValue js_file_printf(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    if (!f)
        return JS_EXCEPTION;
    return do_printf(ctx, f, argc, argv);
}

static JSValue js_file_simple(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv, int magic)
{
    FILE *f = get_file(ctx, this_val);
    (void)argc;
    (void)argv;
    if (!f)
        return JS_EXCEPTION;
    switch (magic) {
    case 0: /* flush */
        return errno_result(ctx, fflush(f));
    case 1: /* tell */
        return JS_NewInt64(ctx, (int64_t)ftello(f));
    case 2: /* tell64 */
        return JS_NewBigInt64(ctx, (int64_t)ftello(f));
    case 3: /* eof */
        return JS_NewBool(ctx, feof(f) != 0);
    case 4: /* fileno */
        return JS_NewInt32(ctx, fileno(f));
    case 5: /* error */
        return JS_NewBool(ctx, ferror(f) != 0);
    case 6: /* clearerr */
        clearerr(f);
        return JS_UNDEFINED;
    case 7: /* getByte */
        return JS_NewInt32(ctx, fgetc(f));
    default:
        return JS_UNDEFINED;
    }
}

static JSValue js_file_seek(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    int64_t off;
    int32_t whence = SEEK_SET;
    if (!f)
        return JS_EXCEPTION;
    if (JS_ToInt64Ext(ctx, &off, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    if (argc > 1 && JS_ToInt32(ctx, &whence, argv[1]) < 0)
        return JS_EXCEPTION;
    return errno_result(ctx, fseeko(f, (off_t)off, whence));
}

static JSValue js_file_putbyte(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    int32_t c;
    if (!f)
        return JS_EXCEPTION;
    if (JS_ToInt32(ctx, &c, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, fputc(c & 0xff, f));
}

/* read/write(buffer, position, length): magic 0 read, 1 write */
static JSValue js_file_rw(JSContext *ctx, JSValueConst this_val, int argc,
                          JSValueConst *argv, int magic)
{
    FILE *f = get_file(ctx, this_val);
    uint8_t *buf;
    size_t len, n;
    int64_t pos = 0, cnt;
    if (!f)
        return JS_EXCEPTION;
    if (wf_rt_get_bytes(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, &buf, &len) < 0)
        return JS_EXCEPTION;
    if (argc > 1 && JS_ToInt64Ext(ctx, &pos, argv[1]) < 0)
        return JS_EXCEPTION;
    cnt = (int64_t)len - pos;
    if (argc > 2 && !JS_IsUndefined(argv[2]) && JS_ToInt64Ext(ctx, &cnt, argv[2]) < 0)
        return JS_EXCEPTION;
    /* the buffer may have been detached or shrunk by the conversions */
    if (wf_rt_get_bytes(ctx, argv[0], &buf, &len) < 0)
        return JS_EXCEPTION;
    if (pos < 0 || cnt < 0 || (uint64_t)pos + (uint64_t)cnt > len)
        return JS_ThrowRangeError(ctx, "read/write array buffer overflow");
    if (magic)
        n = fwrite(buf + pos, 1, (size_t)cnt, f);
    else
        n = fread(buf + pos, 1, (size_t)cnt, f);
    return JS_NewInt64(ctx, (int64_t)n);
}

static JSValue js_file_getline(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    OutBuf b = { ctx, NULL, 0, 0, false };
    JSValue r;
    int c;
    bool any = false;
    (void)argc;
    (void)argv;
    if (!f)
        return JS_EXCEPTION;
    while ((c = fgetc(f)) != EOF) {
        char ch = (char)c;
        any = true;
        if (c == '\n')
            break;
        ob_put(&b, &ch, 1);
    }
    if (b.oom) {
        js_free(ctx, b.s);
        return JS_ThrowOutOfMemory(ctx);
    }
    if (!any)
        return JS_NULL;
    r = JS_NewStringLen(ctx, b.s ? b.s : "", b.len);
    js_free(ctx, b.s);
    return r;
}

static JSValue js_file_read_as_string(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    FILE *f = get_file(ctx, this_val);
    OutBuf b = { ctx, NULL, 0, 0, false };
    int64_t max = INT64_MAX;
    JSValue r;
    char tmp[4096];
    if (!f)
        return JS_EXCEPTION;
    if (argc > 0 && !JS_IsUndefined(argv[0]) && JS_ToInt64Ext(ctx, &max, argv[0]) < 0)
        return JS_EXCEPTION;
    while (max > 0) {
        size_t want = max < (int64_t)sizeof tmp ? (size_t)max : sizeof tmp;
        size_t n = fread(tmp, 1, want, f);
        if (n == 0)
            break;
        ob_put(&b, tmp, n);
        max -= (int64_t)n;
        if (b.oom)
            break;
    }
    if (b.oom) {
        js_free(ctx, b.s);
        return JS_ThrowOutOfMemory(ctx);
    }
    r = JS_NewStringLen(ctx, b.s ? b.s : "", b.len);
    js_free(ctx, b.s);
    return r;
}

static const JSCFunctionListEntry file_proto_funcs[] = {
    JS_CFUNC_DEF("close", 0, js_file_close),
    JS_CFUNC_DEF("puts", 1, js_file_puts),
    JS_CFUNC_DEF("printf", 1, js_file_printf),
    JS_CFUNC_MAGIC_DEF("flush", 0, js_file_simple, 0),
    JS_CFUNC_MAGIC_DEF("tell", 0, js_file_simple, 1),
    JS_CFUNC_MAGIC_DEF("tell64", 0, js_file_simple, 2),
    JS_CFUNC_MAGIC_DEF("eof", 0, js_file_simple, 3),
    JS_CFUNC_MAGIC_DEF("fileno", 0, js_file_simple, 4),
    JS_CFUNC_MAGIC_DEF("error", 0, js_file_simple, 5),
    JS_CFUNC_MAGIC_DEF("clearerr", 0, js_file_simple, 6),
    JS_CFUNC_MAGIC_DEF("getByte", 0, js_file_simple, 7),
    JS_CFUNC_DEF("putByte", 1, js_file_putbyte),
    JS_CFUNC_DEF("seek", 2, js_file_seek),
    JS_CFUNC_MAGIC_DEF("read", 3, js_file_rw, 0),
    JS_CFUNC_MAGIC_DEF("write", 3, js_file_rw, 1),
    JS_CFUNC_DEF("getline", 0, js_file_getline),
    JS_CFUNC_DEF("readAsString", 1, js_file_read_as_string),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "FILE", JS_PROP_CONFIGURABLE),
};

/* ---------------------------------------------------------------- files, env */

static JSValue js_std_load_file(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    const char *name;
    uint8_t *buf;
    size_t len;
    bool binary = false;
    JSValue r;
    (void)this_val;
    name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    if (argc > 1 && JS_IsObject(argv[1])) {
        JSValue b = JS_GetPropertyStr(ctx, argv[1], "binary");
        int t;
        if (JS_IsException(b)) {
            JS_FreeCString(ctx, name);
            return JS_EXCEPTION;
        }
        t = JS_ToBool(ctx, b);
        JS_FreeValue(ctx, b);
        binary = t > 0;
    }
    buf = js_load_file(ctx, &len, name);
    JS_FreeCString(ctx, name);
    if (!buf)
        return JS_NULL;
    if (binary)
        r = JS_NewUint8ArrayCopy(ctx, buf, len);
    else
        r = JS_NewStringLen(ctx, (const char *)buf, len);
    js_free(ctx, buf);
    return r;
}

static JSValue js_std_write_file(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    const char *name, *str = NULL;
    uint8_t *data;
    size_t len;
    FILE *f;
    int err = 0;
    JSValueConst v = argc > 1 ? argv[1] : JS_UNDEFINED;
    (void)this_val;
    name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    if (JS_IsObject(v) && (JS_IsArrayBuffer(v) || JS_GetTypedArrayType(v) >= 0)) {
        if (wf_rt_get_bytes(ctx, v, &data, &len) < 0) {
            JS_FreeCString(ctx, name);
            return JS_EXCEPTION;
        }
    } else {
        str = JS_ToCStringLen(ctx, &len, v);
        if (!str) {
            JS_FreeCString(ctx, name);
            return JS_EXCEPTION;
        }
        data = (uint8_t *)str;
    }
    f = fopen(name, "wb");
    if (!f) {
        err = errno;
    } else {
        if (len && fwrite(data, 1, len, f) != len)
            err = errno ? errno : EIO;
        if (fclose(f) != 0 && !err)
            err = errno;
    }
    JS_FreeCString(ctx, str);
    if (err) {
        JSValue e = wf_rt_throw_errno(ctx, -err, name);
        JS_FreeCString(ctx, name);
        return e;
    }
    JS_FreeCString(ctx, name);
    return JS_UNDEFINED;
}

static JSValue js_std_getenv(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    const char *name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED), *v;
    (void)this_val;
    if (!name)
        return JS_EXCEPTION;
    v = getenv(name);
    JS_FreeCString(ctx, name);
    return v ? JS_NewString(ctx, v) : JS_UNDEFINED;
}

static JSValue js_std_setenv(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    const char *name, *value;
    int r;
    (void)this_val;
    name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    value = JS_ToCString(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    if (!value) {
        JS_FreeCString(ctx, name);
        return JS_EXCEPTION;
    }
    r = setenv(name, value, 1);
    JS_FreeCString(ctx, name);
    JS_FreeCString(ctx, value);
    if (r < 0)
        return wf_rt_throw_errno(ctx, -errno, "setenv");
    return JS_UNDEFINED;
}

static JSValue js_std_unsetenv(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    const char *name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    (void)this_val;
    if (!name)
        return JS_EXCEPTION;
    unsetenv(name);
    JS_FreeCString(ctx, name);
    return JS_UNDEFINED;
}

static JSValue js_std_getenviron(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue obj = JS_NewObject(ctx);
    char **e;
    (void)this_val;
    (void)argc;
    (void)argv;
    if (JS_IsException(obj))
        return obj;
    for (e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        JSAtom a;
        int r;
        if (!eq)
            continue;
        a = JS_NewAtomLen(ctx, *e, (size_t)(eq - *e));
        if (a == JS_ATOM_NULL)
            goto fail;
        r = JS_DefinePropertyValue(ctx, obj, a, JS_NewString(ctx, eq + 1), JS_PROP_C_W_E);
        JS_FreeAtom(ctx, a);
        if (r < 0)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_std_strerror(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    int32_t e;
    (void)this_val;
    if (JS_ToInt32(ctx, &e, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    return JS_NewString(ctx, strerror(e < 0 ? -e : e));
}

static JSValue js_std_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

static JSValue js_std_exit(JSContext *ctx, JSValueConst this_val, int argc,
                           JSValueConst *argv)
{
    int32_t code = 0;
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    (void)this_val;
    if (argc > 0 && JS_ToInt32(ctx, &code, argv[0]) < 0)
        return JS_EXCEPTION;
    if (ts && ts->on_exit) {
        JSValue err;
        ts->on_exit(ctx, code, ts->on_exit_opaque);
        JS_ThrowInternalError(ctx, "exit");
        err = JS_GetException(ctx);
        JS_SetUncatchableError(ctx, err);
        return JS_Throw(ctx, err);
    }
    fflush(NULL);
    exit(code);
}

/* evalScript(str, { backtrace_barrier, async }) */
static JSValue js_std_eval_script(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    const char *src;
    size_t len;
    int flags = JS_EVAL_TYPE_GLOBAL;
    JSValue r;
    (void)this_val;
    if (argc > 1 && JS_IsObject(argv[1])) {
        JSValue v = JS_GetPropertyStr(ctx, argv[1], "backtrace_barrier");
        int t = JS_ToBool(ctx, v);
        JS_FreeValue(ctx, v);
        if (t > 0)
            flags |= JS_EVAL_FLAG_BACKTRACE_BARRIER;
        v = JS_GetPropertyStr(ctx, argv[1], "async");
        t = JS_ToBool(ctx, v);
        JS_FreeValue(ctx, v);
        if (t > 0)
            flags |= JS_EVAL_FLAG_ASYNC;
    }
    src = JS_ToCStringLen(ctx, &len, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!src)
        return JS_EXCEPTION;
    r = JS_Eval(ctx, src, len, "<evalScript>", flags);
    JS_FreeCString(ctx, src);
    return r;
}

static JSValue js_std_load_script(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    const char *name;
    uint8_t *buf;
    size_t len;
    JSValue r;
    (void)this_val;
    name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    buf = js_load_file(ctx, &len, name);
    if (!buf) {
        r = JS_ThrowReferenceError(ctx, "could not load '%s': %s", name, strerror(errno));
        JS_FreeCString(ctx, name);
        return r;
    }
    r = JS_Eval(ctx, (const char *)buf, len, name, JS_EVAL_TYPE_GLOBAL);
    js_free(ctx, buf);
    JS_FreeCString(ctx, name);
    return r;
}

/* ---------------------------------------------------------------- parseExtJSON */

/* JSON with JavaScript's extensions: comments, unquoted (identifier)
   keys, single-quoted strings with JavaScript escapes, trailing commas,
   hexadecimal / octal / binary numbers, a leading + or -, Infinity, NaN. */
typedef struct XJ {
    JSContext *ctx;
    const char *p, *end;
    int depth;
} XJ;

static JSValue xj_error(XJ *x, const char *what)
{
    if (x->p >= x->end)
        return JS_ThrowSyntaxError(x->ctx, "parseExtJSON: %s at the end of the input", what);
    return JS_ThrowSyntaxError(x->ctx, "parseExtJSON: %s at '%.10s'", what, x->p);
}

static void xj_skip(XJ *x)
{
    while (x->p < x->end) {
        unsigned char c = (unsigned char)*x->p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            x->p++;
        } else if (c == 0xc2 && x->p + 1 < x->end && (unsigned char)x->p[1] == 0xa0) {
            x->p += 2;
        } else if (c == '/' && x->p + 1 < x->end && x->p[1] == '/') {
            while (x->p < x->end && *x->p != '\n')
                x->p++;
        } else if (c == '/' && x->p + 1 < x->end && x->p[1] == '*') {
            const char *e = x->p + 2;
            while (e + 1 < x->end && !(e[0] == '*' && e[1] == '/'))
                e++;
            x->p = e + 1 < x->end ? e + 2 : x->end;
        } else {
            break;
        }
    }
}

static int hexdig(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_id_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}

static bool is_id_char(unsigned char c)
{
    return is_id_start(c) || (c >= '0' && c <= '9');
}

static int xj_hex(XJ *x, int n, uint32_t *out)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < n; i++) {
        int h;
        if (x->p >= x->end)
            return -1;
        h = hexdig((unsigned char)*x->p);
        if (h < 0)
            return -1;
        v = v * 16 + (uint32_t)h;
        x->p++;
    }
    *out = v;
    return 0;
}

static JSValue xj_string(XJ *x)
{
    char q = *x->p++;
    OutBuf b = { x->ctx, NULL, 0, 0, false };
    JSValue r;
    while (x->p < x->end && *x->p != q) {
        char c = *x->p++;
        if (c == '\n' || c == '\r') {
            js_free(x->ctx, b.s);
            x->p--;
            return xj_error(x, "unterminated string");
        }
        if (c != '\\') {
            ob_put(&b, &c, 1);
            continue;
        }
        if (x->p >= x->end)
            break;
        c = *x->p++;
        switch (c) {
        case 'n': ob_put(&b, "\n", 1); break;
        case 't': ob_put(&b, "\t", 1); break;
        case 'r': ob_put(&b, "\r", 1); break;
        case 'b': ob_put(&b, "\b", 1); break;
        case 'f': ob_put(&b, "\f", 1); break;
        case 'v': ob_put(&b, "\v", 1); break;
        case '0': ob_put(&b, "\0", 1); break;
        case '\r':
            if (x->p < x->end && *x->p == '\n')
                x->p++;
            break;
        case '\n':
            break;      /* line continuation */
        case 'x':
        case 'u': {
            uint32_t cp;
            int ok;
            if (c == 'x') {
                ok = xj_hex(x, 2, &cp);
            } else if (x->p < x->end && *x->p == '{') {
                const char *s = ++x->p;
                cp = 0;
                ok = 0;
                while (x->p < x->end && *x->p != '}') {
                    int h = hexdig((unsigned char)*x->p);
                    if (h < 0 || cp > 0x10ffff) {
                        ok = -1;
                        break;
                    }
                    cp = cp * 16 + (uint32_t)h;
                    x->p++;
                }
                if (ok == 0 && (x->p >= x->end || x->p == s || cp > 0x10ffff))
                    ok = -1;
                if (ok == 0)
                    x->p++;
            } else {
                ok = xj_hex(x, 4, &cp);
                /* a surrogate pair written as two escapes */
                if (ok == 0 && cp >= 0xd800 && cp < 0xdc00 && x->end - x->p >= 6 &&
                    x->p[0] == '\\' && x->p[1] == 'u') {
                    const char *save = x->p;
                    uint32_t lo;
                    x->p += 2;
                    if (xj_hex(x, 4, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000)
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    else
                        x->p = save;
                }
            }
            if (ok < 0) {
                js_free(x->ctx, b.s);
                return xj_error(x, "bad escape sequence");
            }
            put_utf8(&b, cp);
            break;
        }
        default:
            ob_put(&b, &c, 1);
            break;
        }
    }
    if (x->p >= x->end) {
        js_free(x->ctx, b.s);
        return xj_error(x, "unterminated string");
    }
    x->p++;
    if (b.oom) {
        js_free(x->ctx, b.s);
        return JS_ThrowOutOfMemory(x->ctx);
    }
    r = JS_NewStringLen(x->ctx, b.s ? b.s : "", b.len);
    js_free(x->ctx, b.s);
    return r;
}

static JSValue xj_number(XJ *x)
{
    const char *s = x->p;
    bool neg = false;
    char buf[128];
    size_t n = 0;
    if (*x->p == '+' || *x->p == '-') {
        neg = *x->p == '-';
        x->p++;
    }
    if (x->end - x->p >= 8 && !memcmp(x->p, "Infinity", 8)) {
        x->p += 8;
        return JS_NewFloat64(x->ctx, neg ? -INFINITY : INFINITY);
    }
    if (x->end - x->p >= 3 && !memcmp(x->p, "NaN", 3)) {
        x->p += 3;
        return JS_NewFloat64(x->ctx, NAN);
    }
    if (x->p + 1 < x->end && x->p[0] == '0' && strchr("xXoObB", x->p[1])) {
        int base = (x->p[1] | 0x20) == 'x' ? 16 : (x->p[1] | 0x20) == 'o' ? 8 : 2;
        double v = 0;
        bool any = false;
        x->p += 2;
        while (x->p < x->end) {
            int d = hexdig((unsigned char)*x->p);
            if (*x->p == '_') {
                x->p++;
                continue;
            }
            if (d < 0 || d >= base)
                break;
            v = v * base + d;
            any = true;
            x->p++;
        }
        if (!any) {
            x->p = s;
            return xj_error(x, "bad number");
        }
        return JS_NewFloat64(x->ctx, neg ? -v : v);
    }
    while (x->p < x->end && n < sizeof buf - 1 &&
           ((*x->p >= '0' && *x->p <= '9') || strchr(".eE+-_", *x->p))) {
        if ((*x->p == '+' || *x->p == '-') && n > 0 && (buf[n - 1] | 0x20) != 'e')
            break;
        if (*x->p != '_')
            buf[n++] = *x->p;
        x->p++;
    }
    buf[n] = '\0';
    {
        char *e;
        double v;
        if (n == 0 || !((buf[0] >= '0' && buf[0] <= '9') || (buf[0] == '.' && n > 1))) {
            x->p = s;
            return xj_error(x, "unexpected character");
        }
        v = strtod(buf, &e);
        if (*e) {
            x->p = s;
            return xj_error(x, "bad number");
        }
        return JS_NewFloat64(x->ctx, neg ? -v : v);
    }
}

static JSValue xj_value(XJ *x);

static JSValue xj_object(XJ *x)
{
    JSValue obj = JS_NewObject(x->ctx);
    if (JS_IsException(obj))
        return obj;
    x->p++;
    for (;;) {
        JSAtom key;
        JSValue v;
        int r;
        xj_skip(x);
        if (x->p < x->end && *x->p == '}') {
            x->p++;
            return obj;
        }
        if (x->p >= x->end)
            goto bad;
        if (*x->p == '"' || *x->p == '\'') {
            JSValue k = xj_string(x);
            if (JS_IsException(k))
                goto fail;
            key = JS_ValueToAtom(x->ctx, k);
            JS_FreeValue(x->ctx, k);
        } else if (is_id_start((unsigned char)*x->p)) {
            const char *s = x->p;
            while (x->p < x->end && is_id_char((unsigned char)*x->p))
                x->p++;
            key = JS_NewAtomLen(x->ctx, s, (size_t)(x->p - s));
        } else if ((*x->p >= '0' && *x->p <= '9')) {
            JSValue k = xj_number(x);
            if (JS_IsException(k))
                goto fail;
            key = JS_ValueToAtom(x->ctx, k);
            JS_FreeValue(x->ctx, k);
        } else {
            goto bad;
        }
        if (key == JS_ATOM_NULL)
            goto fail;
        xj_skip(x);
        if (x->p >= x->end || *x->p != ':') {
            JS_FreeAtom(x->ctx, key);
            xj_error(x, "expected ':'");
            goto fail;
        }
        x->p++;
        v = xj_value(x);
        if (JS_IsException(v)) {
            JS_FreeAtom(x->ctx, key);
            goto fail;
        }
        r = JS_DefinePropertyValue(x->ctx, obj, key, v, JS_PROP_C_W_E);
        JS_FreeAtom(x->ctx, key);
        if (r < 0)
            goto fail;
        xj_skip(x);
        if (x->p < x->end && *x->p == ',') {
            x->p++;
            continue;
        }
        if (x->p < x->end && *x->p == '}') {
            x->p++;
            return obj;
        }
        goto bad;
    }
bad:
    xj_error(x, "expected a property or '}'");
fail:
    JS_FreeValue(x->ctx, obj);
    return JS_EXCEPTION;
}

static JSValue xj_array(XJ *x)
{
    JSValue arr = JS_NewArray(x->ctx);
    uint32_t i = 0;
    if (JS_IsException(arr))
        return arr;
    x->p++;
    for (;;) {
        JSValue v;
        xj_skip(x);
        if (x->p < x->end && *x->p == ']') {
            x->p++;
            return arr;
        }
        v = xj_value(x);
        if (JS_IsException(v))
            goto fail;
        if (JS_DefinePropertyValueUint32(x->ctx, arr, i++, v, JS_PROP_C_W_E) < 0)
            goto fail;
        xj_skip(x);
        if (x->p < x->end && *x->p == ',') {
            x->p++;
            continue;
        }
        if (x->p < x->end && *x->p == ']') {
            x->p++;
            return arr;
        }
        xj_error(x, "expected ',' or ']'");
        goto fail;
    }
fail:
    JS_FreeValue(x->ctx, arr);
    return JS_EXCEPTION;
}

static JSValue xj_value(XJ *x)
{
    JSValue r;
    xj_skip(x);
    if (x->p >= x->end)
        return xj_error(x, "unexpected end");
    if (++x->depth > 1000) {
        x->depth--;
        return JS_ThrowRangeError(x->ctx, "parseExtJSON: nesting too deep");
    }
    switch (*x->p) {
    case '{':
        r = xj_object(x);
        break;
    case '[':
        r = xj_array(x);
        break;
    case '"':
    case '\'':
        r = xj_string(x);
        break;
    default:
        if (x->end - x->p >= 4 && !memcmp(x->p, "true", 4) &&
            (x->p + 4 == x->end || !is_id_char((unsigned char)x->p[4]))) {
            x->p += 4;
            r = JS_TRUE;
        } else if (x->end - x->p >= 5 && !memcmp(x->p, "false", 5) &&
                   (x->p + 5 == x->end || !is_id_char((unsigned char)x->p[5]))) {
            x->p += 5;
            r = JS_FALSE;
        } else if (x->end - x->p >= 4 && !memcmp(x->p, "null", 4) &&
                   (x->p + 4 == x->end || !is_id_char((unsigned char)x->p[4]))) {
            x->p += 4;
            r = JS_NULL;
        } else {
            r = xj_number(x);
        }
        break;
    }
    x->depth--;
    return r;
}

static JSValue js_std_parse_ext_json(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, argc > 0 ? argv[0] : JS_UNDEFINED);
    XJ x;
    JSValue r;
    (void)this_val;
    if (!s)
        return JS_EXCEPTION;
    x.ctx = ctx;
    x.p = s;
    x.end = s + len;
    x.depth = 0;
    r = xj_value(&x);
    if (!JS_IsException(r)) {
        xj_skip(&x);
        if (x.p < x.end) {
            JS_FreeValue(ctx, r);
            r = xj_error(&x, "unexpected text after the value");
        }
    }
    JS_FreeCString(ctx, s);
    return r;
}

/* ---------------------------------------------------------------- module */

static const JSCFunctionListEntry std_error_props[] = {
    JS_PROP_INT32_DEF("EINVAL", EINVAL, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EIO", EIO, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EACCES", EACCES, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EEXIST", EEXIST, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ENOSPC", ENOSPC, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ENOSYS", ENOSYS, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EBUSY", EBUSY, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ENOENT", ENOENT, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EPERM", EPERM, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EPIPE", EPIPE, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EBADF", EBADF, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EAGAIN", EAGAIN, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EINTR", EINTR, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ENOTDIR", ENOTDIR, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("EISDIR", EISDIR, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ENOTEMPTY", ENOTEMPTY, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("ECHILD", ECHILD, JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry std_funcs[] = {
    JS_CFUNC_DEF("exit", 1, js_std_exit),
    JS_CFUNC_DEF("gc", 0, js_std_gc),
    JS_CFUNC_DEF("evalScript", 1, js_std_eval_script),
    JS_CFUNC_DEF("loadScript", 1, js_std_load_script),
    JS_CFUNC_DEF("getenv", 1, js_std_getenv),
    JS_CFUNC_DEF("setenv", 2, js_std_setenv),
    JS_CFUNC_DEF("unsetenv", 1, js_std_unsetenv),
    JS_CFUNC_DEF("getenviron", 0, js_std_getenviron),
    JS_CFUNC_DEF("loadFile", 1, js_std_load_file),
    JS_CFUNC_DEF("writeFile", 2, js_std_write_file),
    JS_CFUNC_DEF("strerror", 1, js_std_strerror),
    JS_CFUNC_DEF("parseExtJSON", 1, js_std_parse_ext_json),
    JS_CFUNC_MAGIC_DEF("open", 3, js_std_open, 0),
    JS_CFUNC_MAGIC_DEF("popen", 3, js_std_open, 1),
    JS_CFUNC_DEF("fdopen", 3, js_std_fdopen),
    JS_CFUNC_DEF("tmpfile", 1, js_std_tmpfile),
    JS_CFUNC_DEF("puts", 1, js_std_puts),
    JS_CFUNC_DEF("printf", 1, js_std_printf),
    JS_CFUNC_DEF("sprintf", 1, js_std_sprintf),
    JS_PROP_INT32_DEF("SEEK_SET", SEEK_SET, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("SEEK_CUR", SEEK_CUR, JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("SEEK_END", SEEK_END, JS_PROP_CONFIGURABLE),
    JS_OBJECT_DEF("Error", std_error_props,
                  (int)(sizeof std_error_props / sizeof std_error_props[0]),
                  JS_PROP_CONFIGURABLE),
};

#define STD_FUNCS_LEN ((int)(sizeof std_funcs / sizeof std_funcs[0]))

int wf_std_module_init(JSContext *ctx, JSModuleDef *m)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSValue proto;
    static const char *const stdnames[3] = { "in", "out", "err" };
    int i;

    JS_NewClassID(rt, &std_file_class_id);
    if (!JS_IsRegisteredClass(rt, std_file_class_id)) {
        JSClassDef def = { "FILE", std_file_finalizer, NULL, NULL, NULL };
        if (JS_NewClass(rt, std_file_class_id, &def) < 0)
            return -1;
    }
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, proto, file_proto_funcs,
                                   (int)(sizeof file_proto_funcs / sizeof file_proto_funcs[0])) < 0) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_SetClassProto(ctx, std_file_class_id, proto);

    if (JS_SetModuleExportList(ctx, m, std_funcs, STD_FUNCS_LEN) < 0)
        return -1;
    for (i = 0; i < 3; i++) {
        FILE *f = i == 0 ? stdin : i == 1 ? stdout : stderr;
        JSValue v = new_file(ctx, f, false, true);
        if (JS_IsException(v) || JS_SetModuleExport(ctx, m, stdnames[i], v) < 0)
            return -1;
    }
    return 0;
}

int wf_std_module_exports(JSContext *ctx, JSModuleDef *m)
{
    if (JS_AddModuleExportList(ctx, m, std_funcs, STD_FUNCS_LEN) < 0)
        return -1;
    if (JS_AddModuleExport(ctx, m, "in") < 0 || JS_AddModuleExport(ctx, m, "out") < 0 ||
        JS_AddModuleExport(ctx, m, "err") < 0)
        return -1;
    return 0;
}
