/*
 * console.c - `console` (log, info, debug, error, warn, trace, dir, assert),
 * the global `print`, and the value formatter behind them.
 *
 * The formatter follows what Node's util.inspect prints with its defaults
 * (depth 2, breakLength 80, compact 3), so that a script prints the same
 * thing under weft and under node: strings quoted inside containers,
 * nested objects cut at depth 2 as [Object] / [Array], circular references
 * as <ref *1> ... [Circular *1], class instances as `Foo { x: 1 }`,
 * functions as [Function: f] / [class X], errors as their stack, and long
 * entries broken over several lines (arrays of short items in columns).
 *
 * Uses only the public API (quickjs.h): it is a client of the engine like
 * any embedder's code.  Every allocation goes through js_malloc.  Getters
 * are never called (shown as [Getter]); Symbol.toStringTag is read.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "runtime/console.h"

#define BREAK_LENGTH    80   /* Node's default breakLength */
#define COMPACT         3    /* Node's default compact */
#define MAX_ARRAY_ITEMS 100  /* Node's default maxArrayLength */
#define MAX_AB_BYTES    50   /* bytes shown for an ArrayBuffer */

/* ------------------------------------------------------------ buffers */

typedef struct Buf {
    JSContext *ctx;
    char *s;
    size_t len, cap;
    bool oom;           /* an allocation failed: the result is unusable */
} Buf;

static void buf_init(Buf *b, JSContext *ctx)
{
    b->ctx = ctx;
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

static bool buf_reserve(Buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (b->oom)
        return false;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    cap = b->cap ? b->cap * 2 : 64;
    while (cap < need)
        cap *= 2;
    p = js_realloc(b->ctx, b->s, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->s = p;
    b->cap = cap;
    return true;
}

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }
static void buf_putc(Buf *b, char c) { buf_put(b, &c, 1); }

static void buf_spaces(Buf *b, int n)
{
    while (n-- > 0)
        buf_putc(b, ' ');
}

static void __js_printf_like(2, 3) buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        buf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Hands the string over (NUL-terminated, never NULL unless out of memory). */
static char *buf_finish(Buf *b, size_t *plen)
{
    if (!b->oom && !b->s)
        buf_reserve(b, 0);
    if (b->oom) {
        js_free(b->ctx, b->s);
        b->s = NULL;
        return NULL;
    }
    if (!b->s)
        return NULL;
    b->s[b->len] = '\0';
    if (plen)
        *plen = b->len;
    return b->s;
}

static void buf_free(Buf *b)
{
    js_free(b->ctx, b->s);
    b->s = NULL;
}

static char *dup_n(JSContext *ctx, const char *s, size_t n)
{
    char *p = js_malloc(ctx, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Printed width: code points, which is what Node's length-based line
   breaking counts for everything outside the astral planes. */
static size_t disp_width(const char *s, size_t n)
{
    size_t w = 0, i;
    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            w++;
    return w;
}

/* A list of formatted entries. */
typedef struct List {
    JSContext *ctx;
    char **v;
    size_t *len;
    int n, cap;
    bool oom;
} List;

static void list_init(List *l, JSContext *ctx)
{
    memset(l, 0, sizeof *l);
    l->ctx = ctx;
}

static void list_free(List *l)
{
    int i;
    for (i = 0; i < l->n; i++)
        js_free(l->ctx, l->v[i]);
    js_free(l->ctx, l->v);
    js_free(l->ctx, l->len);
    l->v = NULL;
    l->len = NULL;
    l->n = l->cap = 0;
}

/* Takes ownership of s (may be NULL after an allocation failure). */
static bool list_push(List *l, char *s, size_t n)
{
    if (!s) {
        l->oom = true;
        return false;
    }
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        char **v = js_realloc(l->ctx, l->v, sizeof(char *) * cap);
        size_t *len;
        if (!v)
            goto fail;
        l->v = v;
        len = js_realloc(l->ctx, l->len, sizeof(size_t) * cap);
        if (!len)
            goto fail;
        l->len = len;
        l->cap = cap;
    }
    l->v[l->n] = s;
    l->len[l->n] = n;
    l->n++;
    return true;
fail:
    js_free(l->ctx, s);
    l->oom = true;
    return false;
}

static bool list_push_buf(List *l, Buf *b)
{
    size_t n = 0;
    char *s = buf_finish(b, &n);
    return list_push(l, s, n);
}

/* ------------------------------------------------------------ inspector */

enum {
    INTR_OBJ_TOSTRING,
    INTR_FUNC_TOSTRING,
    INTR_NUMBER_VALUEOF,
    INTR_STRING_VALUEOF,
    INTR_BOOLEAN_VALUEOF,
    INTR_SYMBOL_VALUEOF,
    INTR_BIGINT_VALUEOF,
    INTR_DATE_TOISO,
    INTR_MAP_ENTRIES,
    INTR_SET_VALUES,
    INTR_SET_SIZE,        /* getter: brand check for Set */
    INTR_MAP_SIZE,        /* getter: brand check for Map */
    INTR_DATE_GETTIME,    /* brand check for Date */
    INTR_REGEXP_SOURCE,   /* getter: brand check for RegExp */
    INTR_TA_TAG,          /* %TypedArray%.prototype[@@toStringTag] getter */
    INTR_AB_BYTELENGTH,   /* ArrayBuffer.prototype.byteLength getter */
    INTR_SAB_BYTELENGTH,
    INTR_UINT8ARRAY,
    INTR_ERROR_TOSTRING,
    INTR_PARSEINT,
    INTR_PARSEFLOAT,
    INTR_JSON,
    INTR_COUNT
};

typedef struct Circ {
    JSValue obj;        /* owned reference: keeps the identity valid */
    int id;             /* the N of <ref *N> */
} Circ;

typedef struct Insp {
    JSContext *ctx;
    int max_depth;      /* objects deeper than this print as [Object] */
    int indent;         /* indentation of the value being formatted */
    int current_depth;  /* depth of the object entered most recently */
    bool show_hidden;   /* %o: non-enumerable properties too, as [key] */
    JSValueConst *seen; /* objects being formatted (borrowed: the parents own them) */
    int nseen, seen_cap;
    Circ *circ;
    int ncirc, circ_cap, next_id;
    JSAtom a_constructor, a_tostringtag;
    JSValue intr[INTR_COUNT];
    bool intr_done[INTR_COUNT];
} Insp;

static void insp_init(Insp *in, JSContext *ctx, int depth)
{
    memset(in, 0, sizeof *in);
    in->ctx = ctx;
    in->max_depth = depth;
    in->a_constructor = JS_ATOM_NULL;
    in->a_tostringtag = JS_ATOM_NULL;
    for (int i = 0; i < INTR_COUNT; i++)
        in->intr[i] = JS_UNDEFINED;
}

static void insp_free(Insp *in)
{
    JSContext *ctx = in->ctx;
    int i;
    for (i = 0; i < in->ncirc; i++)
        JS_FreeValue(ctx, in->circ[i].obj);
    js_free(ctx, in->circ);
    js_free(ctx, in->seen);
    for (i = 0; i < INTR_COUNT; i++)
        JS_FreeValue(ctx, in->intr[i]);
    if (in->a_constructor != JS_ATOM_NULL)
        JS_FreeAtom(ctx, in->a_constructor);
    if (in->a_tostringtag != JS_ATOM_NULL)
        JS_FreeAtom(ctx, in->a_tostringtag);
}

/* Takes the pending exception and drops it, unless it is uncatchable
   (interrupt, out of memory), which stays pending.  Returns -1 when the
   caller must propagate, 0 when it was dropped. */
static int drop_exception(JSContext *ctx)
{
    JSValue e = JS_GetException(ctx);
    if (JS_IsUncatchableError(ctx, e)) {
        JS_Throw(ctx, e);
        return -1;
    }
    JS_FreeValue(ctx, e);
    return 0;
}

/* Value at a dotted path from the global object ("Map.prototype.entries"),
   or JS_UNDEFINED when some part is missing or throws. */
static JSValue get_path(JSContext *ctx, const char *path)
{
    JSValue cur = JS_GetGlobalObject(ctx);
    char part[64];
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, ".");
        JSValue next;
        if (n >= sizeof part || !JS_IsObject(cur)) {
            JS_FreeValue(ctx, cur);
            return JS_UNDEFINED;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        next = JS_GetPropertyStr(ctx, cur, part);
        JS_FreeValue(ctx, cur);
        if (JS_IsException(next)) {
            drop_exception(ctx);
            return JS_UNDEFINED;
        }
        cur = next;
        p += n;
        if (*p == '.')
            p++;
    }
    return cur;
}

/* The getter of obj[prop] (own property), or JS_UNDEFINED. */
static JSValue get_own_getter(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSPropertyDescriptor desc;
    JSValue g = JS_UNDEFINED;
    int r;
    if (!JS_IsObject(obj) || prop == JS_ATOM_NULL)
        return JS_UNDEFINED;
    r = JS_GetOwnProperty(ctx, &desc, obj, prop);
    if (r < 0) {
        drop_exception(ctx);
        return JS_UNDEFINED;
    }
    if (r == 0)
        return JS_UNDEFINED;
    if (desc.flags & JS_PROP_GETSET)
        g = JS_DupValue(ctx, desc.getter);
    JS_FreeValue(ctx, desc.value);
    JS_FreeValue(ctx, desc.getter);
    JS_FreeValue(ctx, desc.setter);
    return g;
}

static JSAtom tostringtag_atom(Insp *in)
{
    if (in->a_tostringtag == JS_ATOM_NULL) {
        JSValue sym = get_path(in->ctx, "Symbol.toStringTag");
        if (JS_IsSymbol(sym))
            in->a_tostringtag = JS_ValueToAtom(in->ctx, sym);
        JS_FreeValue(in->ctx, sym);
    }
    return in->a_tostringtag;
}

static JSValueConst intrinsic(Insp *in, int which)
{
    JSContext *ctx = in->ctx;
    JSValue v = JS_UNDEFINED;
    if (in->intr_done[which])
        return in->intr[which];
    in->intr_done[which] = true;
    switch (which) {
    case INTR_OBJ_TOSTRING:    v = get_path(ctx, "Object.prototype.toString"); break;
    case INTR_FUNC_TOSTRING:   v = get_path(ctx, "Function.prototype.toString"); break;
    case INTR_NUMBER_VALUEOF:  v = get_path(ctx, "Number.prototype.valueOf"); break;
    case INTR_STRING_VALUEOF:  v = get_path(ctx, "String.prototype.valueOf"); break;
    case INTR_BOOLEAN_VALUEOF: v = get_path(ctx, "Boolean.prototype.valueOf"); break;
    case INTR_SYMBOL_VALUEOF:  v = get_path(ctx, "Symbol.prototype.valueOf"); break;
    case INTR_BIGINT_VALUEOF:  v = get_path(ctx, "BigInt.prototype.valueOf"); break;
    case INTR_DATE_TOISO:      v = get_path(ctx, "Date.prototype.toISOString"); break;
    case INTR_MAP_ENTRIES:     v = get_path(ctx, "Map.prototype.entries"); break;
    case INTR_SET_VALUES:      v = get_path(ctx, "Set.prototype.values"); break;
    case INTR_UINT8ARRAY:      v = get_path(ctx, "Uint8Array"); break;
    case INTR_ERROR_TOSTRING:  v = get_path(ctx, "Error.prototype.toString"); break;
    case INTR_PARSEINT:        v = get_path(ctx, "parseInt"); break;
    case INTR_PARSEFLOAT:      v = get_path(ctx, "parseFloat"); break;
    case INTR_JSON:            v = get_path(ctx, "JSON"); break;
    case INTR_DATE_GETTIME:    v = get_path(ctx, "Date.prototype.getTime"); break;
    case INTR_SET_SIZE:
    case INTR_MAP_SIZE:
    case INTR_REGEXP_SOURCE:
    case INTR_AB_BYTELENGTH:
    case INTR_SAB_BYTELENGTH: {
        const char *path = which == INTR_SET_SIZE ? "Set.prototype"
            : which == INTR_MAP_SIZE ? "Map.prototype"
            : which == INTR_REGEXP_SOURCE ? "RegExp.prototype"
            : which == INTR_AB_BYTELENGTH ? "ArrayBuffer.prototype"
            : "SharedArrayBuffer.prototype";
        JSValue proto = get_path(ctx, path);
        JSAtom a = JS_NewAtom(ctx, which == INTR_SET_SIZE || which == INTR_MAP_SIZE ? "size"
                              : which == INTR_REGEXP_SOURCE ? "source" : "byteLength");
        v = get_own_getter(ctx, proto, a);
        JS_FreeAtom(ctx, a);
        JS_FreeValue(ctx, proto);
        break;
    }
    case INTR_TA_TAG: {
        JSValue u8p = get_path(ctx, "Uint8Array.prototype");
        if (JS_IsObject(u8p)) {
            JSValue tap = JS_GetPrototype(ctx, u8p);
            if (JS_IsException(tap))
                drop_exception(ctx);
            else
                v = get_own_getter(ctx, tap, tostringtag_atom(in));
            JS_FreeValue(ctx, tap);
        }
        JS_FreeValue(ctx, u8p);
        break;
    }
    }
    in->intr[which] = v;
    return v;
}

/* Calls an intrinsic with `this` = v and no argument, as a brand check.
   Returns 1 with the result in *res, 0 if it threw (or is missing),
   -1 on an uncatchable exception. */
static int call_brand(Insp *in, int which, JSValueConst v, JSValue *res)
{
    JSValueConst f = intrinsic(in, which);
    JSValue r;
    *res = JS_UNDEFINED;
    if (!JS_IsFunction(in->ctx, f))
        return 0;
    r = JS_Call(in->ctx, f, v, 0, NULL);
    if (JS_IsException(r))
        return drop_exception(in->ctx);
    *res = r;
    return 1;
}

/* ------------------------------------------------------------ primitives */

static bool is_ident_key(const char *s, size_t n)
{
    size_t i;
    if (n == 0)
        return false;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!(alpha || (i > 0 && c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

/* Appends s quoted: ' by default, " if s has a ' and no ", ` if it has
   both but no ` and no "${"; escapes control characters, backslashes,
   lone surrogates and the quote itself. */
static void put_quoted(Buf *b, const char *s, size_t n)
{
    bool has_sq = memchr(s, '\'', n) != NULL;
    char q = '\'';
    size_t i;
    if (has_sq) {
        bool has_dq = memchr(s, '"', n) != NULL;
        bool has_bt = memchr(s, '`', n) != NULL;
        bool has_tpl = false;
        for (i = 0; i + 1 < n; i++)
            if (s[i] == '$' && s[i + 1] == '{')
                has_tpl = true;
        if (!has_dq)
            q = '"';
        else if (!has_bt && !has_tpl)
            q = '`';
    }
    buf_putc(b, q);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            switch (c) {
            case '\b': buf_puts(b, "\\b"); break;
            case '\t': buf_puts(b, "\\t"); break;
            case '\n': buf_puts(b, "\\n"); break;
            case '\f': buf_puts(b, "\\f"); break;
            case '\r': buf_puts(b, "\\r"); break;
            default:   buf_printf(b, "\\x%02X", c); break;
            }
        } else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9f) {
            /* C1 control characters U+0080..U+009F */
            buf_printf(b, "\\x%02X", (unsigned char)s[i + 1]);
            i++;
        } else if (c == 0xed && i + 2 < n && (unsigned char)s[i + 1] >= 0xa0) {
            /* a lone surrogate, encoded as a 3-byte sequence */
            unsigned cu = 0xd000 | (((unsigned char)s[i + 1] & 0x3f) << 6) |
                          ((unsigned char)s[i + 2] & 0x3f);
            buf_printf(b, "\\u%04x", cu);
            i += 2;
        } else {
            buf_putc(b, (char)c);
        }
    }
    buf_putc(b, q);
}

static void put_number(Insp *in, Buf *b, JSValueConst v)
{
    const char *s;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        buf_printf(b, "%d", JS_VALUE_GET_INT(v));
        return;
    }
    if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64) {
        double d = JS_VALUE_GET_FLOAT64(v);
        if (d == 0 && signbit(d)) {
            buf_puts(b, "-0");
            return;
        }
    }
    s = JS_ToCString(in->ctx, v);
    if (!s) {
        b->oom = true;
        return;
    }
    buf_puts(b, s);
    JS_FreeCString(in->ctx, s);
}

/* Symbol(description) */
static int put_symbol(Insp *in, Buf *b, JSValueConst sym)
{
    JSContext *ctx = in->ctx;
    JSValue d = JS_GetPropertyStr(ctx, sym, "description");
    if (JS_IsException(d))
        return -1;
    buf_puts(b, "Symbol(");
    if (JS_IsString(d)) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, d);
        if (s) {
            buf_put(b, s, n);
            JS_FreeCString(ctx, s);
        }
    }
    buf_putc(b, ')');
    JS_FreeValue(ctx, d);
    return 0;
}

/* Appends a C string conversion of v (ToString). Returns -1 on exception. */
static int put_tostring(JSContext *ctx, Buf *b, JSValueConst v)
{
    size_t n;
    const char *s = JS_ToCStringLen(ctx, &n, v);
    if (!s)
        return -1;
    buf_put(b, s, n);
    JS_FreeCString(ctx, s);
    return 0;
}

/* Formats a primitive value (quoted strings).  Returns -1 on exception. */
static int put_primitive(Insp *in, Buf *b, JSValueConst v)
{
    JSContext *ctx = in->ctx;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        put_number(in, b, v);
        return 0;
    case JS_TAG_BOOL:
        buf_puts(b, JS_VALUE_GET_BOOL(v) ? "true" : "false");
        return 0;
    case JS_TAG_NULL:
        buf_puts(b, "null");
        return 0;
    case JS_TAG_UNDEFINED:
        buf_puts(b, "undefined");
        return 0;
    case JS_TAG_SYMBOL:
        return put_symbol(in, b, v);
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        if (put_tostring(ctx, b, v) < 0)
            return -1;
        buf_putc(b, 'n');
        return 0;
    case JS_TAG_STRING:
    case JS_TAG_STRING_ROPE: {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, v);
        if (!s)
            return -1;
        put_quoted(b, s, n);
        JS_FreeCString(ctx, s);
        return 0;
    }
    default:
        buf_printf(b, "<tag %d>", (int)JS_VALUE_GET_TAG(v));
        return 0;
    }
}

/* ------------------------------------------------------------ objects */

static char *fmt_value(Insp *in, JSValueConst v, int level, size_t *plen);

/* Name of the nearest constructor on the prototype chain (Node's rule:
   the first object with an own `constructor` data property holding a
   function with a name).  *pname is NULL for a null-prototype chain.
   Returns -1 on exception. */
static int get_ctor_name(Insp *in, JSValueConst obj, char **pname)
{
    JSContext *ctx = in->ctx;
    JSValue cur = JS_DupValue(ctx, obj);
    int guard = 0;
    *pname = NULL;
    if (in->a_constructor == JS_ATOM_NULL)
        in->a_constructor = JS_NewAtom(ctx, "constructor");
    while (JS_IsObject(cur) && guard++ < 1000) {
        JSPropertyDescriptor desc;
        JSValue next;
        int r = JS_GetOwnProperty(ctx, &desc, cur, in->a_constructor);
        if (r < 0)
            goto fail;
        if (r > 0) {
            bool found = false;
            if (!(desc.flags & JS_PROP_GETSET) && JS_IsFunction(ctx, desc.value)) {
                JSValue name = JS_GetPropertyStr(ctx, desc.value, "name");
                if (JS_IsException(name)) {
                    JS_FreeValue(ctx, desc.value);
                    JS_FreeValue(ctx, desc.getter);
                    JS_FreeValue(ctx, desc.setter);
                    goto fail;
                }
                if (JS_IsString(name)) {
                    size_t n;
                    const char *s = JS_ToCStringLen(ctx, &n, name);
                    if (s && n > 0) {
                        *pname = dup_n(ctx, s, n);
                        found = true;
                    }
                    if (s)
                        JS_FreeCString(ctx, s);
                }
                JS_FreeValue(ctx, name);
            }
            JS_FreeValue(ctx, desc.value);
            JS_FreeValue(ctx, desc.getter);
            JS_FreeValue(ctx, desc.setter);
            if (found)
                break;
        }
        next = JS_GetPrototype(ctx, cur);
        JS_FreeValue(ctx, cur);
        cur = next;
        if (JS_IsException(cur))
            return -1;
    }
    JS_FreeValue(ctx, cur);
    return 0;
fail:
    JS_FreeValue(ctx, cur);
    return -1;
}

/* obj[Symbol.toStringTag] if it is a non-empty string, else NULL. */
static int get_tag(Insp *in, JSValueConst obj, char **ptag)
{
    JSContext *ctx = in->ctx;
    JSAtom a = tostringtag_atom(in);
    JSValue t;
    *ptag = NULL;
    if (a == JS_ATOM_NULL)
        return 0;
    {
        /* an own enumerable tag is printed with the keys, not twice */
        JSPropertyDescriptor desc;
        int r = JS_GetOwnProperty(ctx, &desc, obj, a);
        if (r < 0)
            return -1;
        if (r > 0) {
            bool shown = in->show_hidden || (desc.flags & JS_PROP_ENUMERABLE);
            JS_FreeValue(ctx, desc.value);
            JS_FreeValue(ctx, desc.getter);
            JS_FreeValue(ctx, desc.setter);
            if (shown)
                return 0;
        }
    }
    t = JS_GetProperty(ctx, obj, a);
    if (JS_IsException(t))
        return -1;
    if (JS_IsString(t)) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, t);
        if (s && n > 0)
            *ptag = dup_n(ctx, s, n);
        if (s)
            JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, t);
    return 0;
}

/* "Name(size) [Tag] " - Node's prefix of objects that are not plain. */
static void put_prefix(Buf *b, const char *ctor, const char *tag,
                       const char *fallback, const char *size)
{
    if (!ctor) {
        buf_printf(b, "[%s%s: null prototype] ", fallback, size);
        if (tag && strcmp(tag, fallback) != 0) {
            b->len--;  /* drop the space */
            buf_printf(b, " [%s] ", tag);
        }
        return;
    }
    buf_puts(b, ctor);
    buf_puts(b, size);
    if (tag && strcmp(tag, ctor) != 0) {
        buf_puts(b, " [");
        buf_puts(b, tag);
        buf_putc(b, ']');
    }
    buf_putc(b, ' ');
}

static int circ_find(Insp *in, JSValueConst v)
{
    int i;
    for (i = 0; i < in->ncirc; i++)
        if (JS_VALUE_GET_PTR(in->circ[i].obj) == JS_VALUE_GET_PTR(v))
            return in->circ[i].id;
    return 0;
}

static int circ_add(Insp *in, JSValueConst v)
{
    int id = circ_find(in, v);
    if (id)
        return id;
    if (in->ncirc == in->circ_cap) {
        int cap = in->circ_cap ? in->circ_cap * 2 : 4;
        Circ *c = js_realloc(in->ctx, in->circ, sizeof(Circ) * cap);
        if (!c)
            return -1;
        in->circ = c;
        in->circ_cap = cap;
    }
    id = ++in->next_id;
    in->circ[in->ncirc].obj = JS_DupValue(in->ctx, v);
    in->circ[in->ncirc].id = id;
    in->ncirc++;
    return id;
}

static bool seen_has(Insp *in, JSValueConst v)
{
    int i;
    for (i = 0; i < in->nseen; i++)
        if (JS_VALUE_GET_PTR(in->seen[i]) == JS_VALUE_GET_PTR(v))
            return true;
    return false;
}

static int seen_push(Insp *in, JSValueConst v)
{
    if (in->nseen == in->seen_cap) {
        int cap = in->seen_cap ? in->seen_cap * 2 : 16;
        JSValueConst *s = js_realloc(in->ctx, in->seen, sizeof(JSValueConst) * cap);
        if (!s)
            return -1;
        in->seen = s;
        in->seen_cap = cap;
    }
    in->seen[in->nseen++] = v;
    return 0;
}

/* Is the atom a canonical array index ("0", "17", not "01")? */
static bool atom_is_index(JSContext *ctx, JSAtom a, uint32_t *pidx)
{
    JSValue s = JS_AtomToValue(ctx, a);
    bool ok = false;
    if (JS_IsString(s)) {
        size_t n, i;
        const char *p = JS_ToCStringLen(ctx, &n, s);
        if (p && n > 0 && n <= 10 && (p[0] != '0' || n == 1)) {
            uint64_t x = 0;
            ok = true;
            for (i = 0; i < n; i++) {
                if (p[i] < '0' || p[i] > '9') {
                    ok = false;
                    break;
                }
                x = x * 10 + (uint64_t)(p[i] - '0');
            }
            if (ok && x >= 0xffffffffu)
                ok = false;
            if (ok && pidx)
                *pidx = (uint32_t)x;
        }
        if (p)
            JS_FreeCString(ctx, p);
    }
    JS_FreeValue(ctx, s);
    return ok;
}

/* Formats the key of a property: bare identifier, 'quoted', [Symbol(x)],
   or [key] for a non-enumerable one shown by %o. */
static int put_key(Insp *in, Buf *b, JSAtom atom, bool hidden)
{
    JSContext *ctx = in->ctx;
    JSValue k = JS_AtomToValue(ctx, atom);
    int ret = 0;
    if (JS_IsException(k))
        return -1;
    if (JS_IsSymbol(k)) {
        buf_putc(b, '[');
        ret = put_symbol(in, b, k);
        buf_putc(b, ']');
    } else {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, k);
        if (!s) {
            ret = -1;
        } else {
            if (hidden) {
                buf_putc(b, '[');
                buf_put(b, s, n);
                buf_putc(b, ']');
            } else if (is_ident_key(s, n)) {
                buf_put(b, s, n);
            } else {
                put_quoted(b, s, n);
            }
            JS_FreeCString(ctx, s);
        }
    }
    JS_FreeValue(ctx, k);
    return ret;
}

/* One property, Node's formatProperty: `key: value`, or only `value` for
   array elements; accessors print as [Getter] / [Setter] / [Getter/Setter].
   Pushes the entry on out.  Returns -1 on exception. */
static int fmt_property(Insp *in, List *out, JSValueConst obj, JSAtom atom,
                        int level, bool with_key, bool hidden)
{
    JSContext *ctx = in->ctx;
    JSPropertyDescriptor desc;
    Buf b;
    int r;
    buf_init(&b, ctx);
    r = JS_GetOwnProperty(ctx, &desc, obj, atom);
    if (r < 0)
        return -1;
    if (with_key) {
        if (put_key(in, &b, atom, hidden) < 0)
            goto fail;
        buf_puts(&b, ": ");
    }
    if (r == 0) {
        /* vanished (proxy, exotic): read it the ordinary way */
        JSValue v = JS_GetProperty(ctx, obj, atom);
        size_t n;
        char *s;
        if (JS_IsException(v))
            goto fail;
        in->indent += 2;
        s = fmt_value(in, v, level + 1, &n);
        in->indent -= 2;
        JS_FreeValue(ctx, v);
        if (!s)
            goto fail;
        buf_put(&b, s, n);
        js_free(ctx, s);
    } else if (desc.flags & JS_PROP_GETSET) {
        bool g = !JS_IsUndefined(desc.getter), st = !JS_IsUndefined(desc.setter);
        buf_puts(&b, g && st ? "[Getter/Setter]" : g ? "[Getter]" : st ? "[Setter]" : "undefined");
        JS_FreeValue(ctx, desc.value);
        JS_FreeValue(ctx, desc.getter);
        JS_FreeValue(ctx, desc.setter);
    } else {
        size_t n;
        char *s;
        in->indent += 2;
        s = fmt_value(in, desc.value, level + 1, &n);
        in->indent -= 2;
        JS_FreeValue(ctx, desc.value);
        JS_FreeValue(ctx, desc.getter);
        JS_FreeValue(ctx, desc.setter);
        if (!s)
            goto fail;
        buf_put(&b, s, n);
        js_free(ctx, s);
    }
    list_push_buf(out, &b);
    return out->oom ? -1 : 0;
fail:
    buf_free(&b);
    return -1;
}

/* Own keys to show: enumerable strings and symbols (all of them with %o),
   without array indices when skip_index.  *phidden[i] tells a
   non-enumerable key.  Returns -1 on exception. */
static int get_keys(Insp *in, JSValueConst obj, bool skip_index,
                    JSAtom **pkeys, bool **phidden, uint32_t *pn)
{
    JSContext *ctx = in->ctx;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i, n = 0;
    int flags = JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK;
    JSAtom *keys;
    bool *hidden;
    flags |= in->show_hidden ? JS_GPN_SET_ENUM : JS_GPN_ENUM_ONLY;
    *pkeys = NULL;
    *phidden = NULL;
    *pn = 0;
    if (JS_GetOwnPropertyNames(ctx, &tab, &len, obj, flags) < 0)
        return -1;
    keys = js_malloc(ctx, sizeof(JSAtom) * (len ? len : 1));
    hidden = js_malloc(ctx, sizeof(bool) * (len ? len : 1));
    if (!keys || !hidden) {
        js_free(ctx, keys);
        js_free(ctx, hidden);
        JS_FreePropertyEnum(ctx, tab, len);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if (skip_index && atom_is_index(ctx, tab[i].atom, NULL))
            continue;
        keys[n] = JS_DupAtom(ctx, tab[i].atom);
        hidden[n] = in->show_hidden && !tab[i].is_enumerable;
        n++;
    }
    JS_FreePropertyEnum(ctx, tab, len);
    *pkeys = keys;
    *phidden = hidden;
    *pn = n;
    return 0;
}

static void free_keys(JSContext *ctx, JSAtom *keys, bool *hidden, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        JS_FreeAtom(ctx, keys[i]);
    js_free(ctx, keys);
    js_free(ctx, hidden);
}

static int fmt_keys(Insp *in, List *out, JSValueConst obj, JSAtom *keys,
                    bool *hidden, uint32_t n, int level)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        if (fmt_property(in, out, obj, keys[i], level, true, hidden[i]) < 0)
            return -1;
    return 0;
}

/* Node's groupArrayElements: arrays with more than 6 short entries are
   printed in aligned columns.  Replaces out's entries by rows when it
   groups.  is_num[i] tells whether value[i] is a number or bigint (numbers
   are right-aligned, anything else left-aligned). */
static void group_entries(Insp *in, List *out, bool has_more, const bool *all_num)
{
    JSContext *ctx = in->ctx;
    int n = out->n - (has_more ? 1 : 0);
    size_t total = 0, maxlen = 0, actual_max;
    size_t *w;
    int i, j, columns;
    double bias, biased_max, c;
    List rows;
    if (n <= 0)
        return;
    w = js_malloc(ctx, sizeof(size_t) * n);
    if (!w)
        return;
    for (i = 0; i < n; i++) {
        w[i] = disp_width(out->v[i], out->len[i]);
        total += w[i] + 2;
        if (w[i] > maxlen)
            maxlen = w[i];
    }
    actual_max = maxlen + 2;
    if (!(actual_max * 3 + (size_t)in->indent < BREAK_LENGTH &&
          ((double)total / (double)actual_max > 5 || maxlen <= 6))) {
        js_free(ctx, w);
        return;
    }
    bias = sqrt((double)actual_max - (double)total / (double)out->n);
    biased_max = (double)actual_max - 3 - bias;
    if (biased_max < 1)
        biased_max = 1;
    c = floor(sqrt(2.5 * biased_max * n) / biased_max + 0.5);
    columns = (int)c;
    if ((BREAK_LENGTH - in->indent) / (int)actual_max < columns)
        columns = (BREAK_LENGTH - in->indent) / (int)actual_max;
    if (COMPACT * 4 < columns)
        columns = COMPACT * 4;
    if (15 < columns)
        columns = 15;
    if (columns <= 1) {
        js_free(ctx, w);
        return;
    }
    {
        size_t col_w[16];
        list_init(&rows, ctx);
        for (i = 0; i < columns; i++) {
            size_t m = 0;
            for (j = i; j < n; j += columns)
                if (w[j] > m)
                    m = w[j];
            col_w[i] = m + 2;
        }
        for (i = 0; i < n; i += columns) {
            int end = i + columns < n ? i + columns : n;
            Buf b;
            buf_init(&b, ctx);
            for (j = i; j < end - 1; j++) {
                size_t cell = w[j] + 2;
                if (*all_num)
                    buf_spaces(&b, (int)(col_w[j - i] - cell));
                buf_put(&b, out->v[j], out->len[j]);
                buf_puts(&b, ", ");
                if (!*all_num)
                    buf_spaces(&b, (int)(col_w[j - i] - cell));
            }
            if (*all_num)
                buf_spaces(&b, (int)(col_w[j - i] - 2 - w[j]));
            buf_put(&b, out->v[j], out->len[j]);
            list_push_buf(&rows, &b);
        }
        if (has_more) {
            list_push(&rows, out->v[out->n - 1], out->len[out->n - 1]);
            out->v[out->n - 1] = NULL;
            out->n--;
        }
        if (rows.oom) {
            list_free(&rows);
        } else {
            list_free(out);
            *out = rows;
        }
    }
    js_free(ctx, w);
}

/* Node's reduceToSingleString: one line if the entries fit in
   breakLength (and the object is not too deeply nested), else one entry
   per line. */
static char *reduce(Insp *in, List *out, const char *base, const char *brace0,
                    const char *brace1, bool array_like, bool has_more,
                    const bool *all_num, int level, size_t *plen)
{
    JSContext *ctx = in->ctx;
    int entries = out->n, i;
    size_t base_len = strlen(base);
    Buf b;
    buf_init(&b, ctx);
    if (entries == 0) {
        if (base_len) {
            buf_puts(&b, base);
            buf_putc(&b, ' ');
        }
        buf_puts(&b, brace0);
        buf_puts(&b, brace1);
        return buf_finish(&b, plen);
    }
    if (array_like && entries > 6)
        group_entries(in, out, has_more, all_num);
    if (in->current_depth - level < COMPACT && entries == out->n) {
        size_t start = (size_t)out->n + (size_t)in->indent + disp_width(brace0, strlen(brace0)) +
                       disp_width(base, base_len) + 10;
        size_t total = (size_t)out->n + start;
        bool fits = total + (size_t)out->n <= BREAK_LENGTH;
        bool has_nl = false;
        for (i = 0; fits && i < out->n; i++) {
            total += disp_width(out->v[i], out->len[i]);
            if (total > BREAK_LENGTH)
                fits = false;
            if (memchr(out->v[i], '\n', out->len[i]))
                has_nl = true;
        }
        if (fits && strchr(base, '\n'))
            fits = false;
        if (fits && !has_nl) {
            if (base_len) {
                buf_puts(&b, base);
                buf_putc(&b, ' ');
            }
            buf_puts(&b, brace0);
            buf_putc(&b, ' ');
            for (i = 0; i < out->n; i++) {
                if (i)
                    buf_puts(&b, ", ");
                buf_put(&b, out->v[i], out->len[i]);
            }
            buf_putc(&b, ' ');
            buf_puts(&b, brace1);
            return buf_finish(&b, plen);
        }
    }
    if (base_len) {
        buf_puts(&b, base);
        buf_putc(&b, ' ');
    }
    buf_puts(&b, brace0);
    for (i = 0; i < out->n; i++) {
        buf_putc(&b, '\n');
        buf_spaces(&b, in->indent + 2);
        buf_put(&b, out->v[i], out->len[i]);
        if (i + 1 < out->n)
            buf_putc(&b, ',');
    }
    buf_putc(&b, '\n');
    buf_spaces(&b, in->indent);
    buf_puts(&b, brace1);
    return buf_finish(&b, plen);
}

/* Kinds of objects with their own layout. */
enum {
    K_PLAIN, K_ARRAY, K_ARGUMENTS, K_FUNCTION, K_ERROR, K_DATE, K_REGEXP,
    K_BOXED, K_MAP, K_SET, K_WEAK, K_TYPED, K_ARRAYBUFFER, K_PROMISE
};

/* The builtin tag of Object.prototype.toString ("Number" for
   "[object Number]"), js_malloc'd, or NULL. */
static char *builtin_tag(Insp *in, JSValueConst v)
{
    JSValue r;
    char *tag = NULL;
    if (call_brand(in, INTR_OBJ_TOSTRING, v, &r) <= 0)
        return NULL;
    if (JS_IsString(r)) {
        size_t n;
        const char *s = JS_ToCStringLen(in->ctx, &n, r);
        if (s && n > 9 && memcmp(s, "[object ", 8) == 0)
            tag = dup_n(in->ctx, s + 8, n - 9);
        if (s)
            JS_FreeCString(in->ctx, s);
    }
    JS_FreeValue(in->ctx, r);
    return tag;
}

static const char *const typed_array_names[] = {
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
    "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array",
    "BigInt64Array", "BigUint64Array",
};

/* Decides the kind of an object; *pextra receives the primitive inside a
   boxed object or the typed array name (as a JS string). */
static int classify(Insp *in, JSValueConst v, JSValue *pextra)
{
    JSContext *ctx = in->ctx;
    char *tag;
    int kind = K_PLAIN;
    *pextra = JS_UNDEFINED;
    if (JS_IsFunction(ctx, v))
        return K_FUNCTION;
    if (JS_IsArray(ctx, v))
        return K_ARRAY;
    if (JS_IsError(ctx, v))
        return K_ERROR;
    /* The other kinds: Object.prototype.toString's tag first (cheap), then
       a brand check by a built-in method that throws on other objects. */
    tag = builtin_tag(in, v);
    if (!tag)
        return JS_HasException(ctx) ? -1 : K_PLAIN;
    if (!strcmp(tag, "Number") || !strcmp(tag, "String") || !strcmp(tag, "Boolean") ||
        !strcmp(tag, "Symbol") || !strcmp(tag, "BigInt")) {
        int which = tag[0] == 'N' ? INTR_NUMBER_VALUEOF : tag[0] == 'S' && tag[1] == 't'
            ? INTR_STRING_VALUEOF : tag[0] == 'B' && tag[1] == 'o' ? INTR_BOOLEAN_VALUEOF
            : tag[0] == 'S' ? INTR_SYMBOL_VALUEOF : INTR_BIGINT_VALUEOF;
        int r = call_brand(in, which, v, pextra);
        kind = r > 0 ? K_BOXED : r < 0 ? -1 : K_PLAIN;
    } else if (!strcmp(tag, "Set") || !strcmp(tag, "Map") || !strcmp(tag, "Date") ||
               !strcmp(tag, "RegExp")) {
        JSValue res;
        int which = tag[0] == 'S' ? INTR_SET_SIZE : tag[0] == 'M' ? INTR_MAP_SIZE
            : tag[0] == 'D' ? INTR_DATE_GETTIME : INTR_REGEXP_SOURCE;
        int r = call_brand(in, which, v, &res);
        JS_FreeValue(ctx, res);
        kind = r < 0 ? -1 : r == 0 ? K_PLAIN : tag[0] == 'S' ? K_SET : tag[0] == 'M' ? K_MAP
            : tag[0] == 'D' ? K_DATE : K_REGEXP;
    } else if (!strcmp(tag, "Arguments")) {
        kind = K_ARGUMENTS;
    } else if (!strcmp(tag, "WeakMap") || !strcmp(tag, "WeakSet") || !strcmp(tag, "WeakRef")) {
        kind = K_WEAK;
    } else if (!strcmp(tag, "ArrayBuffer") || !strcmp(tag, "SharedArrayBuffer")) {
        JSValue bl;
        int r = call_brand(in, tag[0] == 'A' ? INTR_AB_BYTELENGTH : INTR_SAB_BYTELENGTH, v, &bl);
        JS_FreeValue(ctx, bl);
        kind = r > 0 ? K_ARRAYBUFFER : r < 0 ? -1 : K_PLAIN;
    } else if (!strcmp(tag, "Promise")) {
        kind = K_PROMISE;
    } else {
        size_t i;
        for (i = 0; i < sizeof typed_array_names / sizeof typed_array_names[0]; i++) {
            if (!strcmp(tag, typed_array_names[i])) {
                int r = call_brand(in, INTR_TA_TAG, v, pextra);
                if (r < 0)
                    kind = -1;
                else if (r > 0 && JS_IsString(*pextra))
                    kind = K_TYPED;
                break;
            }
        }
    }
    js_free(ctx, tag);
    return kind;
}

/* [Function: f], [class A extends B], [AsyncFunction: g] ... */
static int function_base(Insp *in, Buf *b, JSValueConst fn)
{
    JSContext *ctx = in->ctx;
    JSValue src = JS_UNDEFINED, name;
    bool is_class = false;
    char *ctor = NULL;
    const char *type = "Function";
    size_t n = 0;
    const char *s = NULL;
    int r = call_brand(in, INTR_FUNC_TOSTRING, fn, &src);
    if (r < 0)
        return -1;
    if (r > 0 && JS_IsString(src)) {
        const char *t = JS_ToCString(ctx, src);
        if (t) {
            is_class = strncmp(t, "class", 5) == 0 &&
                       (t[5] == ' ' || t[5] == '{' || t[5] == '\t' || t[5] == '\n');
            JS_FreeCString(ctx, t);
        }
    }
    JS_FreeValue(ctx, src);
    name = JS_GetPropertyStr(ctx, fn, "name");
    if (JS_IsException(name))
        return -1;
    if (JS_IsString(name))
        s = JS_ToCStringLen(ctx, &n, name);
    if (is_class) {
        JSValue parent = JS_GetPrototype(ctx, fn);
        buf_puts(b, "[class ");
        if (s && n)
            buf_put(b, s, n);
        else
            buf_puts(b, "(anonymous)");
        if (JS_IsException(parent)) {
            if (s)
                JS_FreeCString(ctx, s);
            JS_FreeValue(ctx, name);
            return -1;
        }
        if (JS_IsFunction(ctx, parent)) {
            JSValue pn = JS_GetPropertyStr(ctx, parent, "name");
            if (JS_IsString(pn)) {
                size_t pl;
                const char *ps = JS_ToCStringLen(ctx, &pl, pn);
                if (ps && pl) {
                    buf_puts(b, " extends ");
                    buf_put(b, ps, pl);
                }
                if (ps)
                    JS_FreeCString(ctx, ps);
            } else if (JS_IsException(pn)) {
                drop_exception(ctx);
            }
            JS_FreeValue(ctx, pn);
        }
        JS_FreeValue(ctx, parent);
        buf_putc(b, ']');
    } else {
        if (get_ctor_name(in, fn, &ctor) < 0) {
            if (s)
                JS_FreeCString(ctx, s);
            JS_FreeValue(ctx, name);
            return -1;
        }
        if (ctor && (!strcmp(ctor, "AsyncFunction") || !strcmp(ctor, "GeneratorFunction") ||
                     !strcmp(ctor, "AsyncGeneratorFunction")))
            type = ctor;
        buf_putc(b, '[');
        buf_puts(b, type);
        if (s && n) {
            buf_puts(b, ": ");
            buf_put(b, s, n);
        } else {
            buf_puts(b, " (anonymous)");
        }
        buf_putc(b, ']');
        if (!ctor)
            buf_puts(b, " [null prototype]");
        js_free(ctx, ctor);
    }
    if (s)
        JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, name);
    return 0;
}

/* An error: its stack (with "Name: message" first when the engine's stack
   only lists frames), in brackets when there is no frame, indented to the
   current level. */
static int error_base(Insp *in, Buf *b, JSValueConst err)
{
    JSContext *ctx = in->ctx;
    JSValue stack = JS_GetPropertyStr(ctx, err, "stack");
    Buf head, st;
    size_t i;
    bool frames;
    if (JS_IsException(stack))
        return -1;
    buf_init(&head, ctx);
    buf_init(&st, ctx);
    {
        /* head = Error.prototype.toString(err), or "Error" */
        JSValue t;
        int r = call_brand(in, INTR_ERROR_TOSTRING, err, &t);
        if (r < 0) {
            JS_FreeValue(ctx, stack);
            return -1;
        }
        if (r > 0 && JS_IsString(t))
            put_tostring(ctx, &head, t);
        else
            buf_puts(&head, "Error");
        JS_FreeValue(ctx, t);
    }
    if (JS_IsString(stack)) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, stack);
        size_t k = 0;
        if (s) {
            while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
                n--;
            while (k < n && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (n == 0 || (k + 3 <= n && memcmp(s + k, "at ", 3) == 0)) {
                /* frames only: prepend the header */
                buf_put(&st, head.s ? head.s : "Error", head.len);
                if (n) {
                    buf_putc(&st, '\n');
                    buf_put(&st, s, n);
                }
            } else {
                buf_put(&st, s, n);
            }
            JS_FreeCString(ctx, s);
        }
    } else {
        buf_put(&st, head.s ? head.s : "Error", head.len);
    }
    JS_FreeValue(ctx, stack);
    buf_free(&head);
    frames = false;
    for (i = 0; st.s && i < st.len; i++) {
        if (st.s[i] == '\n') {
            size_t k = i + 1;
            while (k < st.len && (st.s[k] == ' ' || st.s[k] == '\t'))
                k++;
            if (k + 3 <= st.len && memcmp(st.s + k, "at ", 3) == 0) {
                frames = true;
                break;
            }
        }
    }
    if (!frames)
        buf_putc(b, '[');
    for (i = 0; st.s && i < st.len; i++) {
        buf_putc(b, st.s[i]);
        if (st.s[i] == '\n')
            buf_spaces(b, in->indent);
    }
    if (!frames)
        buf_putc(b, ']');
    buf_free(&st);
    return b->oom ? -1 : 0;
}

/* Reads an iterator to the end (or MAX_ARRAY_ITEMS), formatting each value
   (pairs as `k => v` when is_map).  *more receives how many were left. */
static int fmt_iterator(Insp *in, List *out, JSValueConst iter, bool is_map,
                        int level, int64_t *more)
{
    JSContext *ctx = in->ctx;
    JSValue next = JS_GetPropertyStr(ctx, iter, "next");
    int count = 0, ret = -1;
    *more = 0;
    if (JS_IsException(next))
        return -1;
    for (;;) {
        JSValue r = JS_Call(ctx, next, iter, 0, NULL), done, val;
        int d;
        if (JS_IsException(r))
            goto done;
        done = JS_GetPropertyStr(ctx, r, "done");
        d = JS_ToBool(ctx, done);
        JS_FreeValue(ctx, done);
        if (d) {
            JS_FreeValue(ctx, r);
            if (d < 0)
                goto done;
            break;
        }
        if (count >= MAX_ARRAY_ITEMS) {
            JS_FreeValue(ctx, r);
            (*more)++;
            continue;
        }
        val = JS_GetPropertyStr(ctx, r, "value");
        JS_FreeValue(ctx, r);
        if (JS_IsException(val))
            goto done;
        {
            Buf b;
            size_t n;
            char *s;
            buf_init(&b, ctx);
            in->indent += 2;
            if (is_map) {
                JSValue k = JS_GetPropertyUint32(ctx, val, 0);
                JSValue v = JS_GetPropertyUint32(ctx, val, 1);
                s = fmt_value(in, k, level + 1, &n);
                if (s) {
                    buf_put(&b, s, n);
                    js_free(ctx, s);
                    buf_puts(&b, " => ");
                    s = fmt_value(in, v, level + 1, &n);
                    if (s) {
                        buf_put(&b, s, n);
                        js_free(ctx, s);
                    }
                }
                JS_FreeValue(ctx, k);
                JS_FreeValue(ctx, v);
            } else {
                s = fmt_value(in, val, level + 1, &n);
                if (s) {
                    buf_put(&b, s, n);
                    js_free(ctx, s);
                }
            }
            in->indent -= 2;
            JS_FreeValue(ctx, val);
            if (!s) {
                buf_free(&b);
                goto done;
            }
            if (!list_push_buf(out, &b))
                goto done;
        }
        count++;
    }
    ret = 0;
done:
    JS_FreeValue(ctx, next);
    return ret;
}

/* The smallest own array index >= from (len if none), from the list of
   own keys; -1 on exception. */
static int64_t next_own_index(JSContext *ctx, JSValueConst obj, int64_t from, int64_t len)
{
    JSPropertyEnum *tab = NULL;
    uint32_t n = 0, i, idx;
    int64_t best = len;
    if (JS_GetOwnPropertyNames(ctx, &tab, &n, obj, JS_GPN_STRING_MASK) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (atom_is_index(ctx, tab[i].atom, &idx) && idx >= from && idx < best)
            best = idx;
    JS_FreePropertyEnum(ctx, tab, n);
    return best;
}

/* Elements 0..len-1 of an array-like (holes as <N empty items>), then
   `... N more items`.  *all_num tells whether value[i] is a number or
   bigint for every i < number of entries (for column alignment). */
static int fmt_elements(Insp *in, List *out, JSValueConst obj, int64_t len,
                        bool check_holes, int level, bool *has_more, bool *all_num)
{
    JSContext *ctx = in->ctx;
    int64_t i = 0;
    *has_more = false;
    while (i < len && out->n < MAX_ARRAY_ITEMS) {
        JSAtom a = JS_NewAtomUInt32(ctx, (uint32_t)i);
        int r = 1;
        if (a == JS_ATOM_NULL)
            return -1;
        if (check_holes) {
            r = JS_GetOwnProperty(ctx, NULL, obj, a);
            if (r < 0) {
                JS_FreeAtom(ctx, a);
                return -1;
            }
        }
        if (r == 0) {
            int64_t j = i + 1;
            char tmp[64];
            int n;
            JS_FreeAtom(ctx, a);
            if (len - i > 1000) {
                /* a big sparse array: jump to the next own index */
                j = next_own_index(ctx, obj, i + 1, len);
                if (j < 0)
                    return -1;
            }
            while (j < len) {
                JSAtom b = JS_NewAtomUInt32(ctx, (uint32_t)j);
                int rr = JS_GetOwnProperty(ctx, NULL, obj, b);
                JS_FreeAtom(ctx, b);
                if (rr < 0)
                    return -1;
                if (rr)
                    break;
                j++;
            }
            n = snprintf(tmp, sizeof tmp, "<%lld empty item%s>", (long long)(j - i),
                         j - i == 1 ? "" : "s");
            if (!list_push(out, dup_n(ctx, tmp, (size_t)n), (size_t)n))
                return -1;
            i = j;
            continue;
        }
        if (fmt_property(in, out, obj, a, level, false, false) < 0) {
            JS_FreeAtom(ctx, a);
            return -1;
        }
        JS_FreeAtom(ctx, a);
        i++;
    }
    if (i < len) {
        char tmp[64];
        int n = snprintf(tmp, sizeof tmp, "... %lld more item%s", (long long)(len - i),
                         len - i == 1 ? "" : "s");
        if (!list_push(out, dup_n(ctx, tmp, (size_t)n), (size_t)n))
            return -1;
        *has_more = true;
    }
    *all_num = true;
    for (i = 0; i < out->n && i < len; i++) {
        JSValue e = JS_GetPropertyInt64(ctx, obj, i);
        if (JS_IsException(e))
            return -1;
        if (!JS_IsNumber(e) && !JS_IsBigInt(ctx, e))
            *all_num = false;
        JS_FreeValue(ctx, e);
        if (!*all_num)
            break;
    }
    return 0;
}

/* ArrayBuffer { [Uint8Contents]: <00 01>, byteLength: 2 } */
static int fmt_arraybuffer_contents(Insp *in, List *out, JSValueConst ab, int64_t len)
{
    JSContext *ctx = in->ctx;
    JSValueConst u8c = intrinsic(in, INTR_UINT8ARRAY);
    JSValue u8;
    Buf b;
    int64_t i;
    if (!JS_IsFunction(ctx, u8c))
        return 0;
    u8 = JS_CallConstructor(ctx, u8c, 1, &ab);
    if (JS_IsException(u8))
        return drop_exception(ctx);
    buf_init(&b, ctx);
    buf_puts(&b, "[Uint8Contents]: <");
    for (i = 0; i < len && i < MAX_AB_BYTES; i++) {
        JSValue e = JS_GetPropertyInt64(ctx, u8, i);
        int32_t x = 0;
        if (JS_IsException(e) || JS_ToInt32(ctx, &x, e) < 0) {
            JS_FreeValue(ctx, e);
            JS_FreeValue(ctx, u8);
            buf_free(&b);
            return -1;
        }
        buf_printf(&b, i ? " %02x" : "%02x", (unsigned)x & 0xff);
    }
    if (len > MAX_AB_BYTES)
        buf_printf(&b, " ... %lld more byte%s", (long long)(len - MAX_AB_BYTES),
                   len - MAX_AB_BYTES == 1 ? "" : "s");
    buf_putc(&b, '>');
    JS_FreeValue(ctx, u8);
    list_push_buf(out, &b);
    if (!out->oom) {
        char tmp[64];
        int n = snprintf(tmp, sizeof tmp, "byteLength: %lld", (long long)len);
        list_push(out, dup_n(ctx, tmp, (size_t)n), (size_t)n);
    }
    return out->oom ? -1 : 0;
}

static int fmt_promise_state(Insp *in, List *out, JSValueConst p, int level)
{
    JSContext *ctx = in->ctx;
    int st = (int)JS_PromiseState(ctx, p);
    Buf b;
    buf_init(&b, ctx);
    if (st == 0) {          /* pending */
        buf_puts(&b, "<pending>");
    } else {
        JSValue r = JS_PromiseResult(ctx, p);
        size_t n;
        char *s;
        if (st == 2)
            buf_puts(&b, "<rejected> ");
        in->indent += 2;
        s = fmt_value(in, r, level + 1, &n);
        in->indent -= 2;
        JS_FreeValue(ctx, r);
        if (!s) {
            buf_free(&b);
            return -1;
        }
        buf_put(&b, s, n);
        js_free(ctx, s);
    }
    list_push_buf(out, &b);
    return out->oom ? -1 : 0;
}

static char *fmt_object(Insp *in, JSValueConst v, int level, size_t *plen)
{
    JSContext *ctx = in->ctx;
    JSValue extra = JS_UNDEFINED;
    char *ctor = NULL, *tag = NULL, *res = NULL;
    JSAtom *keys = NULL;
    bool *hidden = NULL;
    uint32_t nkeys = 0;
    int kind, id;
    int64_t len = 0, more = 0;
    bool has_more = false, all_num = false, array_like = false, pushed = false;
    Buf base, brace0;
    List out;
    const char *brace1 = "}";

    if (seen_has(in, v)) {
        char tmp[32];
        int n;
        id = circ_add(in, v);
        if (id < 0)
            return NULL;
        n = snprintf(tmp, sizeof tmp, "[Circular *%d]", id);
        if (plen)
            *plen = (size_t)n;
        return dup_n(ctx, tmp, (size_t)n);
    }

    buf_init(&base, ctx);
    buf_init(&brace0, ctx);
    list_init(&out, ctx);

    kind = classify(in, v, &extra);
    if (kind < 0)
        goto fail;
    if (get_ctor_name(in, v, &ctor) < 0 || get_tag(in, v, &tag) < 0)
        goto fail;
    if (tag && kind != K_PLAIN && kind != K_ARRAY && ctor && !strcmp(tag, ctor)) {
        js_free(ctx, tag);
        tag = NULL;
    }

    if (get_keys(in, v, kind == K_ARRAY || kind == K_ARGUMENTS || kind == K_TYPED ||
                 (kind == K_BOXED && JS_IsString(extra)), &keys, &hidden, &nkeys) < 0)
        goto fail;

    /* base (printed before the braces) and the opening brace */
    switch (kind) {
    case K_ARRAY:
    case K_ARGUMENTS: {
        char size[32];
        if (JS_GetLength(ctx, v, &len) < 0)
            goto fail;
        array_like = true;
        brace1 = "]";
        if (kind == K_ARGUMENTS) {
            buf_puts(&brace0, "[Arguments] ");
        } else if (!ctor || strcmp(ctor, "Array") != 0 || tag) {
            snprintf(size, sizeof size, "(%lld)", (long long)len);
            put_prefix(&brace0, ctor, tag, "Array", size);
        }
        buf_putc(&brace0, '[');
        if (len == 0 && nkeys == 0) {
            buf_puts(&brace0, "]");
            res = buf_finish(&brace0, plen);
            goto done;
        }
        break;
    }
    case K_TYPED: {
        char size[32];
        const char *tname = JS_ToCString(ctx, extra);
        if (!tname)
            goto fail;
        if (JS_GetLength(ctx, v, &len) < 0) {
            JS_FreeCString(ctx, tname);
            goto fail;
        }
        array_like = true;
        brace1 = "]";
        snprintf(size, sizeof size, "(%lld)", (long long)len);
        put_prefix(&brace0, ctor, tag ? tag : tname, tname, size);
        JS_FreeCString(ctx, tname);
        buf_putc(&brace0, '[');
        if (len == 0 && nkeys == 0) {
            buf_puts(&brace0, "]");
            res = buf_finish(&brace0, plen);
            goto done;
        }
        break;
    }
    case K_FUNCTION:
        if (function_base(in, &base, v) < 0)
            goto fail;
        if (nkeys == 0) {
            res = buf_finish(&base, plen);
            goto done;
        }
        buf_putc(&brace0, '{');
        break;
    case K_ERROR:
        if (error_base(in, &base, v) < 0)
            goto fail;
        if (nkeys == 0) {
            res = buf_finish(&base, plen);
            goto done;
        }
        buf_putc(&brace0, '{');
        break;
    case K_DATE: {
        JSValue iso;
        int r = call_brand(in, INTR_DATE_TOISO, v, &iso);
        if (r < 0)
            goto fail;
        if (r > 0 && JS_IsString(iso))
            put_tostring(ctx, &base, iso);
        else
            buf_puts(&base, "Invalid Date");
        JS_FreeValue(ctx, iso);
        if (nkeys == 0) {
            res = buf_finish(&base, plen);
            goto done;
        }
        buf_putc(&brace0, '{');
        break;
    }
    case K_REGEXP: {
        JSValue src = JS_GetPropertyStr(ctx, v, "source");
        JSValue fl = JS_IsException(src) ? JS_UNDEFINED : JS_GetPropertyStr(ctx, v, "flags");
        int bad = JS_IsException(src) || JS_IsException(fl);
        if (!bad) {
            buf_putc(&base, '/');
            bad = put_tostring(ctx, &base, src) < 0;
            buf_putc(&base, '/');
            if (!bad)
                bad = put_tostring(ctx, &base, fl) < 0;
        }
        JS_FreeValue(ctx, src);
        JS_FreeValue(ctx, fl);
        if (bad)
            goto fail;
        if (nkeys == 0) {
            res = buf_finish(&base, plen);
            goto done;
        }
        buf_putc(&brace0, '{');
        break;
    }
    case K_BOXED: {
        const char *tn = JS_IsNumber(extra) ? "Number" : JS_IsString(extra) ? "String"
            : JS_IsBool(extra) ? "Boolean" : JS_IsSymbol(extra) ? "Symbol" : "BigInt";
        buf_printf(&base, "[%s: ", tn);
        if (put_primitive(in, &base, extra) < 0)
            goto fail;
        buf_putc(&base, ']');
        if (nkeys == 0) {
            res = buf_finish(&base, plen);
            goto done;
        }
        buf_putc(&brace0, '{');
        break;
    }
    case K_MAP:
    case K_SET:
    case K_WEAK:
    case K_ARRAYBUFFER:
    case K_PROMISE: {
        const char *fallback = kind == K_MAP ? "Map" : kind == K_SET ? "Set"
            : kind == K_PROMISE ? "Promise" : kind == K_ARRAYBUFFER ? "ArrayBuffer"
            : "WeakMap";
        char size[32] = "";
        if (kind == K_MAP || kind == K_SET) {
            JSValue sz = JS_GetPropertyStr(ctx, v, "size");
            int64_t s64 = 0;
            if (JS_IsException(sz) || JS_ToInt64(ctx, &s64, sz) < 0) {
                JS_FreeValue(ctx, sz);
                goto fail;
            }
            JS_FreeValue(ctx, sz);
            snprintf(size, sizeof size, "(%lld)", (long long)s64);
            len = s64;
        }
        if (kind == K_ARRAYBUFFER) {
            JSValue bl = JS_GetPropertyStr(ctx, v, "byteLength");
            if (JS_IsException(bl) || JS_ToInt64(ctx, &len, bl) < 0) {
                JS_FreeValue(ctx, bl);
                goto fail;
            }
            JS_FreeValue(ctx, bl);
        }
        put_prefix(&brace0, ctor, kind == K_WEAK ? NULL : tag, fallback, size);
        buf_putc(&brace0, '{');
        if ((kind == K_MAP || kind == K_SET) && len == 0 && nkeys == 0) {
            buf_putc(&brace0, '}');
            res = buf_finish(&brace0, plen);
            goto done;
        }
        break;
    }
    default: /* K_PLAIN */
        if (!ctor) {
            put_prefix(&brace0, NULL, tag, "Object", "");
        } else if (strcmp(ctor, "Object") != 0 || tag) {
            put_prefix(&brace0, ctor, tag, "Object", "");
        }
        buf_putc(&brace0, '{');
        if (nkeys == 0) {
            buf_putc(&brace0, '}');
            res = buf_finish(&brace0, plen);
            goto done;
        }
        break;
    }
    if (base.oom || brace0.oom)
        goto fail;

    if (level > in->max_depth) {
        Buf b;
        buf_init(&b, ctx);
        buf_putc(&b, '[');
        if (ctor)
            buf_puts(&b, ctor);
        else
            buf_puts(&b, array_like ? "Array: null prototype" : "Object: null prototype");
        buf_putc(&b, ']');
        res = buf_finish(&b, plen);
        goto done;
    }

    if (seen_push(in, v) < 0)
        goto fail;
    pushed = true;
    in->current_depth = level + 1;

    switch (kind) {
    case K_ARRAY:
    case K_ARGUMENTS:
    case K_TYPED:
        if (fmt_elements(in, &out, v, len, kind != K_TYPED, level, &has_more, &all_num) < 0)
            goto fail;
        break;
    case K_MAP:
    case K_SET: {
        JSValue it;
        int r = call_brand(in, kind == K_MAP ? INTR_MAP_ENTRIES : INTR_SET_VALUES, v, &it);
        if (r < 0)
            goto fail;
        if (r > 0) {
            int e = fmt_iterator(in, &out, it, kind == K_MAP, level, &more);
            JS_FreeValue(ctx, it);
            if (e < 0)
                goto fail;
            if (more > 0) {
                char tmp[64];
                int n = snprintf(tmp, sizeof tmp, "... %lld more item%s", (long long)more,
                                 more == 1 ? "" : "s");
                list_push(&out, dup_n(ctx, tmp, (size_t)n), (size_t)n);
            }
        }
        break;
    }
    case K_WEAK:
        list_push(&out, dup_n(ctx, "<items unknown>", 15), 15);
        break;
    case K_ARRAYBUFFER:
        if (fmt_arraybuffer_contents(in, &out, v, len) < 0)
            goto fail;
        break;
    case K_PROMISE:
        if (fmt_promise_state(in, &out, v, level) < 0)
            goto fail;
        break;
    default:
        break;
    }
    if (fmt_keys(in, &out, v, keys, hidden, nkeys, level) < 0)
        goto fail;
    if (out.oom)
        goto fail;

    in->nseen--;
    pushed = false;

    id = circ_find(in, v);
    if (id) {
        Buf rb;
        buf_init(&rb, ctx);
        buf_printf(&rb, "<ref *%d>", id);
        if (base.len) {
            buf_putc(&rb, ' ');
            buf_put(&rb, base.s, base.len);
        }
        buf_free(&base);
        base = rb;
    }
    res = reduce(in, &out, base.s ? base.s : "", brace0.s ? brace0.s : "", brace1,
                 array_like, has_more, &all_num, level + 1, plen);
    goto done;

fail:
    res = NULL;
    if (!JS_HasException(ctx))
        JS_ThrowOutOfMemory(ctx);
done:
    if (pushed)
        in->nseen--;
    if (res != base.s)
        buf_free(&base);
    if (res != brace0.s)
        buf_free(&brace0);
    list_free(&out);
    free_keys(ctx, keys, hidden, nkeys);
    js_free(ctx, ctor);
    js_free(ctx, tag);
    JS_FreeValue(ctx, extra);
    return res;
}

static char *fmt_value(Insp *in, JSValueConst v, int level, size_t *plen)
{
    if (JS_IsObject(v))
        return fmt_object(in, v, level, plen);
    {
        Buf b;
        buf_init(&b, in->ctx);
        if (put_primitive(in, &b, v) < 0) {
            buf_free(&b);
            return NULL;
        }
        return buf_finish(&b, plen);
    }
}

static char *inspect_with(JSContext *ctx, JSValueConst v, int depth, bool hidden,
                          size_t *plen)
{
    Insp in;
    char *s;
    insp_init(&in, ctx, depth);
    in.show_hidden = hidden;
    s = fmt_value(&in, v, 0, plen);
    insp_free(&in);
    return s;
}

char *weft_console_inspect(JSContext *ctx, JSValueConst val, size_t *plen)
{
    return inspect_with(ctx, val, 2, false, plen);
}

/* ------------------------------------------------------------ console.log */

/* Appends an argument the way console.log prints it: strings as they are,
   anything else inspected. */
static int put_arg(JSContext *ctx, Buf *b, JSValueConst v)
{
    if (JS_IsString(v))
        return put_tostring(ctx, b, v);
    {
        size_t n;
        char *s = weft_console_inspect(ctx, v, &n);
        if (!s)
            return -1;
        buf_put(b, s, n);
        js_free(ctx, s);
        return 0;
    }
}

/* The builtin constructors whose instances %s inspects instead of
   calling String() (Node's "no user-defined toString" rule). */
static bool builtin_ctor_name(const char *n)
{
    static const char *const names[] = {
        "Object", "Array", "Error", "TypeError", "RangeError", "SyntaxError",
        "ReferenceError", "EvalError", "URIError", "AggregateError", "Date",
        "RegExp", "Map", "Set", "WeakMap", "WeakSet", "Promise", "ArrayBuffer",
        "SharedArrayBuffer", "DataView", "Number", "String", "Boolean",
        "Symbol", "BigInt",
    };
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(n, names[i]))
            return true;
    for (i = 0; i < sizeof typed_array_names / sizeof typed_array_names[0]; i++)
        if (!strcmp(n, typed_array_names[i]))
            return true;
    return false;
}

/* %s of an object: String(obj) when it has a toString of its own making,
   else inspect with depth 0. */
static int put_s_object(JSContext *ctx, Buf *b, JSValueConst v)
{
    JSAtom a = JS_NewAtom(ctx, "toString");
    int own = JS_GetOwnProperty(ctx, NULL, v, a);
    bool use_string = own > 0;
    JS_FreeAtom(ctx, a);
    if (own < 0)
        return -1;
    if (!use_string) {
        Insp in;
        char *ctor = NULL;
        insp_init(&in, ctx, 0);
        if (get_ctor_name(&in, v, &ctor) < 0) {
            insp_free(&in);
            return -1;
        }
        use_string = ctor && !builtin_ctor_name(ctor);
        js_free(ctx, ctor);
        insp_free(&in);
    }
    if (use_string)
        return put_tostring(ctx, b, v);
    {
        size_t n;
        char *s = inspect_with(ctx, v, 0, false, &n);
        if (!s)
            return -1;
        buf_put(b, s, n);
        js_free(ctx, s);
        return 0;
    }
}

/* %d, %i, %f */
static int put_numeric(JSContext *ctx, Buf *b, JSValueConst v, char conv)
{
    Insp in;
    JSValue num;
    if (JS_IsBigInt(ctx, v)) {
        if (put_tostring(ctx, b, v) < 0)
            return -1;
        buf_putc(b, 'n');
        return 0;
    }
    if (JS_IsSymbol(v) || (conv == 'd' && JS_IsObject(v) && JS_IsFunction(ctx, v))) {
        buf_puts(b, "NaN");
        return 0;
    }
    insp_init(&in, ctx, 0);
    if (conv == 'd') {
        num = JS_ToNumber(ctx, v);
    } else {
        JSValueConst f = intrinsic(&in, conv == 'i' ? INTR_PARSEINT : INTR_PARSEFLOAT);
        JSValue str = JS_ToString(ctx, v);
        if (JS_IsException(str)) {
            insp_free(&in);
            return -1;
        }
        num = JS_Call(ctx, f, JS_UNDEFINED, 1, &str);
        JS_FreeValue(ctx, str);
    }
    if (JS_IsException(num)) {
        insp_free(&in);
        return -1;
    }
    put_number(&in, b, num);
    JS_FreeValue(ctx, num);
    insp_free(&in);
    return 0;
}

/* %j: JSON.stringify, '[Circular]' for circular structures. */
static int put_json(JSContext *ctx, Buf *b, JSValueConst v)
{
    JSValue s = JS_JSONStringify(ctx, v, JS_UNDEFINED, JS_UNDEFINED);
    if (JS_IsException(s)) {
        JSValue e = JS_GetException(ctx);
        const char *m = NULL;
        bool circ = false;
        if (JS_IsError(ctx, e)) {
            JSValue msg = JS_GetPropertyStr(ctx, e, "message");
            m = JS_IsString(msg) ? JS_ToCString(ctx, msg) : NULL;
            if (m) {
                const char *p;
                for (p = m; *p && !circ; p++)
                    circ = (*p == 'c' || *p == 'C') && !strncmp(p + 1, "ircular", 7);
                JS_FreeCString(ctx, m);
            }
            JS_FreeValue(ctx, msg);
        }
        if (circ) {
            JS_FreeValue(ctx, e);
            buf_puts(b, "[Circular]");
            return 0;
        }
        JS_Throw(ctx, e);
        return -1;
    }
    if (JS_IsUndefined(s))
        buf_puts(b, "undefined");
    else if (put_tostring(ctx, b, s) < 0) {
        JS_FreeValue(ctx, s);
        return -1;
    }
    JS_FreeValue(ctx, s);
    return 0;
}

char *weft_console_format(JSContext *ctx, int argc, JSValueConst *argv, size_t *plen)
{
    Buf b;
    int a = 0;
    buf_init(&b, ctx);
    if (argc > 0 && JS_IsString(argv[0])) {
        size_t n, i, last = 0;
        const char *f = JS_ToCStringLen(ctx, &n, argv[0]);
        if (!f)
            return NULL;
        a = 1;
        for (i = 0; i + 1 < n; i++) {
            char c;
            int r = 0;
            if (f[i] != '%')
                continue;
            c = f[i + 1];
            if (c == '%') {
                buf_put(&b, f + last, i - last);
                buf_putc(&b, '%');
                last = i + 2;
                i++;
                continue;
            }
            if (c == '\0' || !strchr("sdifjoOc", c) || a >= argc)
                continue;
            buf_put(&b, f + last, i - last);
            switch (c) {
            case 's': {
                JSValueConst v = argv[a];
                if (JS_IsString(v))
                    r = put_tostring(ctx, &b, v);
                else if (JS_IsObject(v) && !JS_IsFunction(ctx, v))
                    r = put_s_object(ctx, &b, v);
                else if (JS_IsSymbol(v) || JS_IsNumber(v) || JS_IsBigInt(ctx, v)) {
                    size_t sn;
                    char *s = weft_console_inspect(ctx, v, &sn);
                    if (s) {
                        buf_put(&b, s, sn);
                        js_free(ctx, s);
                    } else {
                        r = -1;
                    }
                } else
                    r = put_tostring(ctx, &b, v);
                break;
            }
            case 'd':
            case 'i':
            case 'f':
                r = put_numeric(ctx, &b, argv[a], c);
                break;
            case 'j':
                r = put_json(ctx, &b, argv[a]);
                break;
            case 'o':
            case 'O': {
                size_t sn;
                char *s = c == 'o' ? inspect_with(ctx, argv[a], 4, true, &sn)
                                   : weft_console_inspect(ctx, argv[a], &sn);
                if (s) {
                    buf_put(&b, s, sn);
                    js_free(ctx, s);
                } else {
                    r = -1;
                }
                break;
            }
            case 'c':
                break;
            }
            a++;
            last = i + 2;
            i++;
            if (r < 0) {
                JS_FreeCString(ctx, f);
                buf_free(&b);
                return NULL;
            }
        }
        buf_put(&b, f + last, n - last);
        JS_FreeCString(ctx, f);
    }
    for (; a < argc; a++) {
        if (b.len || a > 0)
            buf_putc(&b, ' ');
        if (put_arg(ctx, &b, argv[a]) < 0) {
            buf_free(&b);
            return NULL;
        }
    }
    {
        char *s = buf_finish(&b, plen);
        if (!s && !JS_HasException(ctx))
            JS_ThrowOutOfMemory(ctx);
        return s;
    }
}

/* ------------------------------------------------------------ bindings */

enum { OUT_STDOUT, OUT_STDERR };
enum { C_LOG, C_ERROR, C_TRACE, C_DIR, C_ASSERT };

static void write_line(int stream, const char *s, size_t n)
{
    FILE *f = stream == OUT_STDERR ? stderr : stdout;
    if (stream == OUT_STDERR)
        fflush(stdout);     /* keep the order of interleaved output */
    fwrite(s, 1, n, f);
    fputc('\n', f);
    if (stream == OUT_STDERR)
        fflush(stderr);
}

/* magic: kind * 2 + stream */
static JSValue js_console_call(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv, int magic)
{
    int stream = magic & 1, kind = magic >> 1;
    size_t n = 0;
    char *s = NULL;
    (void)this_val;
    switch (kind) {
    case C_DIR:
        s = argc ? weft_console_inspect(ctx, argv[0], &n)
                 : weft_console_inspect(ctx, JS_UNDEFINED, &n);
        break;
    case C_ASSERT: {
        int ok = argc ? JS_ToBool(ctx, argv[0]) : 0;
        if (ok < 0)
            return JS_EXCEPTION;
        if (ok)
            return JS_UNDEFINED;
        if (argc > 1) {
            char *m = weft_console_format(ctx, argc - 1, argv + 1, &n);
            Buf b;
            if (!m)
                return JS_EXCEPTION;
            buf_init(&b, ctx);
            buf_puts(&b, "Assertion failed: ");
            buf_put(&b, m, n);
            js_free(ctx, m);
            s = buf_finish(&b, &n);
        } else {
            Buf b;
            buf_init(&b, ctx);
            buf_puts(&b, "Assertion failed");
            s = buf_finish(&b, &n);
        }
        break;
    }
    case C_TRACE: {
        char *m = weft_console_format(ctx, argc, argv, &n);
        JSValue err, stack;
        Buf b;
        if (!m)
            return JS_EXCEPTION;
        buf_init(&b, ctx);
        buf_puts(&b, "Trace");
        if (n) {
            buf_puts(&b, ": ");
            buf_put(&b, m, n);
        }
        js_free(ctx, m);
        {
            /* `new Error()` from here records the caller's frames */
            JSValue ector = get_path(ctx, "Error");
            err = JS_IsFunction(ctx, ector) ? JS_CallConstructor(ctx, ector, 0, NULL)
                                            : JS_NewError(ctx);
            JS_FreeValue(ctx, ector);
        }
        if (JS_IsException(err))
            drop_exception(ctx);
        stack = JS_IsException(err) ? JS_UNDEFINED : JS_GetPropertyStr(ctx, err, "stack");
        JS_FreeValue(ctx, err);
        if (JS_IsString(stack)) {
            size_t sl;
            const char *st = JS_ToCStringLen(ctx, &sl, stack);
            if (st) {
                /* only the frames: skip a "Name: message" first line */
                const char *p = st;
                while (*p == ' ')
                    p++;
                if (strncmp(p, "at ", 3) != 0) {
                    const char *nl = strchr(st, '\n');
                    p = nl ? nl + 1 : st + sl;
                } else {
                    p = st;
                }
                /* and not console.trace's own (native) frame */
                while (*p) {
                    const char *nl = strchr(p, '\n');
                    size_t ll = nl ? (size_t)(nl - p) : strlen(p);
                    if (ll < 8 || memcmp(p + ll - 8, "(native)", 8) != 0)
                        break;
                    p += ll + (nl ? 1 : 0);
                }
                sl = strlen(p);
                while (sl && p[sl - 1] == '\n')
                    sl--;
                if (sl) {
                    buf_putc(&b, '\n');
                    buf_put(&b, p, sl);
                }
                JS_FreeCString(ctx, st);
            }
        } else if (JS_IsException(stack)) {
            drop_exception(ctx);
        }
        JS_FreeValue(ctx, stack);
        s = buf_finish(&b, &n);
        break;
    }
    default:
        s = weft_console_format(ctx, argc, argv, &n);
        break;
    }
    if (!s) {
        if (!JS_HasException(ctx))
            JS_ThrowOutOfMemory(ctx);
        return JS_EXCEPTION;
    }
    write_line(stream, s, n);
    js_free(ctx, s);
    return JS_UNDEFINED;
}

static const struct {
    const char *name;
    int length;
    int magic;
} console_methods[] = {
    { "log",   0, C_LOG * 2 + OUT_STDOUT },
    { "info",  0, C_LOG * 2 + OUT_STDOUT },
    { "debug", 0, C_LOG * 2 + OUT_STDOUT },
    { "error", 0, C_LOG * 2 + OUT_STDERR },
    { "warn",  0, C_LOG * 2 + OUT_STDERR },
    { "trace", 0, C_TRACE * 2 + OUT_STDERR },
    { "dir",   0, C_DIR * 2 + OUT_STDOUT },
    { "assert", 0, C_ASSERT * 2 + OUT_STDERR },
};

int weft_console_init(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue console = JS_NewObject(ctx);
    JSValue print;
    size_t i;
    if (JS_IsException(console))
        goto fail;
    for (i = 0; i < sizeof console_methods / sizeof console_methods[0]; i++) {
        JSValue f = JS_NewCFunctionMagic(ctx, js_console_call, console_methods[i].name,
                                         console_methods[i].length, JS_CFUNC_generic_magic,
                                         console_methods[i].magic);
        if (JS_IsException(f))
            goto fail;
        if (JS_DefinePropertyValueStr(ctx, console, console_methods[i].name, f,
                                      JS_PROP_C_W_E) < 0)
            goto fail;
    }
    if (JS_DefinePropertyValueStr(ctx, global, "console", console,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        console = JS_UNDEFINED;
        goto fail;
    }
    console = JS_UNDEFINED;
    print = JS_NewCFunctionMagic(ctx, js_console_call, "print", 0, JS_CFUNC_generic_magic,
                                 C_LOG * 2 + OUT_STDOUT);
    if (JS_IsException(print))
        goto fail;
    if (JS_DefinePropertyValueStr(ctx, global, "print", print,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    JS_FreeValue(ctx, global);
    return 0;
fail:
    JS_FreeValue(ctx, console);
    JS_FreeValue(ctx, global);
    return -1;
}
