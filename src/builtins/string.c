/*
 * string.c - the String constructor, String.prototype and the String
 * Iterator (ECMA-262 22.1), plus the Annex B additions (substr, HTML
 * methods, trimLeft/trimRight).
 *
 * The methods that take a pattern (match, matchAll, replace, replaceAll,
 * search, split) follow the Symbol.match/replace/search/split protocol, so
 * a RegExp (or any object with those methods) handles them; with plain
 * string patterns they work here without RegExp.  normalize and the case
 * mappings use the Unicode tables of src/engine/unicode/.
 */
#include <math.h>
#include "builtins/builtins.h"
#include "engine/unicode/idchar.h"
#include "engine/unicode/unicode.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool is_trim_space(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x09 && c <= 0x0d) || c == 0x20;
    return c == 0x2028 || c == 0x2029 || wf_unicode_is_space(c);
}

/* thisStringValue(this) for toString/valueOf. */
static JSValue this_string_value(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (JS_IsString(this_val))
        return JS_DupValue(ctx, this_val);
    if (JS_IsObject(this_val) && wf_obj(this_val)->class_id == JS_CLASS_STRING)
        return JS_DupValue(ctx, wf_obj_data(wf_obj(this_val)));
    return JS_ThrowTypeError(ctx, "%s requires that 'this' be a String", method);
}

/* ToString(RequireObjectCoercible(this)). */
static JSValue this_str(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (JS_IsString(this_val))
        return JS_DupValue(ctx, this_val);
    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_ThrowTypeError(ctx, "String.prototype.%s called on null or undefined", method);
    return wf_to_string(ctx, this_val);
}

/* IsRegExp(v): -1 on exception. */
static int is_regexp(JSContext *ctx, JSValueConst v)
{
    JSValue m;
    int r;
    if (!JS_IsObject(v))
        return 0;
    m = JS_GetProperty(ctx, v, JS_ATOM_Symbol_match);
    if (JS_IsException(m))
        return -1;
    if (!JS_IsUndefined(m)) {
        r = JS_ToBool(ctx, m);
        JS_FreeValue(ctx, m);
        return r;
    }
    return wf_obj(v)->class_id == JS_CLASS_REGEXP;
}

/* True if q occurs in p at position 'at' (at + |q| <= |p| checked here). */
static bool str_match_at(const JSString *p, int64_t at, const JSString *q)
{
    uint32_t i;
    if (at < 0 || at + q->len > p->len)
        return false;
    for (i = 0; i < q->len; i++) {
        if (wf_str_get(p, (uint32_t)at + i) != wf_str_get(q, i))
            return false;
    }
    return true;
}

/* Whether ToString(Get(rx, "flags")) contains "g" (replaceAll, matchAll):
   -1 on exception. */
static int regexp_flags_have_g(JSContext *ctx, JSValueConst rx)
{
    JSValue flags = JS_GetProperty(ctx, rx, JS_ATOM_flags);
    JSString *fp;
    uint32_t i;
    int has_g = 0;
    if (JS_IsException(flags))
        return -1;
    if (wf_require_object_coercible(ctx, flags, "flags") < 0) {
        JS_FreeValue(ctx, flags);
        return -1;
    }
    flags = wf_to_string_free(ctx, flags);
    if (JS_IsException(flags))
        return -1;
    fp = wf_str(flags);
    for (i = 0; i < fp->len; i++)
        has_g |= wf_str_get(fp, i) == 'g';
    JS_FreeValue(ctx, flags);
    return has_g;
}

/* ---- constructor and statics ---- */

static JSValue js_string_constructor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValue s, obj;
    if (argc == 0) {
        s = wf_str_empty(ctx);
    } else if (JS_IsUndefined(new_target) && JS_IsSymbol(argv[0])) {
        return wf_to_string_or_symbol(ctx, argv[0]);
    } else {
        s = wf_to_string(ctx, argv[0]);
        if (JS_IsException(s))
            return s;
    }
    if (JS_IsUndefined(new_target))
        return s;
    obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_STRING);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, s);
        return obj;
    }
    wf_obj(obj)->u.object_data = s;
    if (wf_obj_define_value(ctx, obj, JS_ATOM_length, JS_NewUint32(ctx, wf_str(s)->len), 0) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_string_from_char_code(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    WFStringBuilder sb;
    int i;
    (void)this_val;
    if (wf_sb_init(ctx, &sb, argc) < 0)
        return JS_EXCEPTION;
    for (i = 0; i < argc; i++) {
        uint32_t c;
        if (wf_to_uint32(ctx, &c, argv[i]) < 0) {
            wf_sb_free(&sb);
            return JS_EXCEPTION;
        }
        wf_sb_putc(&sb, c & 0xffff);
    }
    return wf_sb_finish(&sb);
}

static JSValue js_string_from_code_point(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    WFStringBuilder sb;
    int i;
    (void)this_val;
    if (wf_sb_init(ctx, &sb, argc) < 0)
        return JS_EXCEPTION;
    for (i = 0; i < argc; i++) {
        double d;
        if (wf_to_number(ctx, &d, argv[i]) < 0)
            goto fail;
        if (!(d >= 0 && d <= 0x10ffff) || d != floor(d)) {
            JS_ThrowRangeError(ctx, "Invalid code point %g", d);
            goto fail;
        }
        wf_sb_put_code_point(&sb, (uint32_t)d);
    }
    return wf_sb_finish(&sb);
fail:
    wf_sb_free(&sb);
    return JS_EXCEPTION;
}

/* String.raw(template, ...substitutions) */
static JSValue js_string_raw(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue cooked, raw;
    WFStringBuilder sb;
    int64_t len, i;
    (void)this_val;
    cooked = wf_to_object(ctx, argv[0]);
    if (JS_IsException(cooked))
        return cooked;
    raw = JS_GetProperty(ctx, cooked, JS_ATOM_raw);
    JS_FreeValue(ctx, cooked);
    if (JS_IsException(raw))
        return raw;
    cooked = wf_to_object(ctx, raw);
    JS_FreeValue(ctx, raw);
    if (JS_IsException(cooked))
        return cooked;
    raw = cooked;
    if (JS_GetLength(ctx, raw, &len) < 0 || wf_sb_init(ctx, &sb, 0) < 0) {
        JS_FreeValue(ctx, raw);
        return JS_EXCEPTION;
    }
    for (i = 0; i < len; i++) {
        JSValue seg = JS_GetPropertyInt64(ctx, raw, i);
        int r;
        if (JS_IsException(seg))
            goto fail;
        r = wf_sb_put_value(&sb, seg);
        JS_FreeValue(ctx, seg);
        if (r < 0)
            goto fail;
        if (i + 1 < len && i + 1 < argc && wf_sb_put_value(&sb, argv[i + 1]) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, raw);
    return wf_sb_finish(&sb);
fail:
    JS_FreeValue(ctx, raw);
    wf_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- simple accessors ---- */

static JSValue js_string_to_string(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return this_string_value(ctx, this_val, "String.prototype.toString");
}

static JSValue js_string_value_of(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return this_string_value(ctx, this_val, "String.prototype.valueOf");
}

enum { CHAR_AT, CHAR_CODE_AT, CODE_POINT_AT, AT };

static JSValue js_string_char_at(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    static const char *const names[] = { "charAt", "charCodeAt", "codePointAt", "at" };
    JSValue s = this_str(ctx, this_val, names[magic]);
    JSString *p;
    double d;
    JSValue ret;
    (void)argc;
    if (JS_IsException(s))
        return s;
    p = wf_str(s);
    if (wf_to_integer_or_infinity(ctx, &d, argv[0]) < 0) {
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    if (magic == AT && d < 0)
        d += p->len;
    if (d < 0 || d >= p->len) {
        JS_FreeValue(ctx, s);
        switch (magic) {
        case CHAR_AT:      return wf_str_empty(ctx);
        case CHAR_CODE_AT: return JS_NewFloat64(ctx, NAN);
        default:           return JS_UNDEFINED;
        }
    }
    switch (magic) {
    case CHAR_CODE_AT:
        ret = JS_NewInt32(ctx, wf_str_get(p, (uint32_t)d));
        break;
    case CODE_POINT_AT: {
        uint32_t next;
        ret = JS_NewInt32(ctx, wf_str_code_point_at(p, (uint32_t)d, &next));
        break;
    }
    default:
        ret = wf_str_new_char(ctx, wf_str_get(p, (uint32_t)d));
        break;
    }
    JS_FreeValue(ctx, s);
    return ret;
}

static JSValue js_string_concat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue r = this_str(ctx, this_val, "concat");
    int i;
    for (i = 0; i < argc && !JS_IsException(r); i++) {
        JSValue s = wf_to_string(ctx, argv[i]);
        if (JS_IsException(s)) {
            JS_FreeValue(ctx, r);
            return s;
        }
        r = wf_str_concat(ctx, r, s);
    }
    return r;
}

/* ---- searching ---- */

enum { SEARCH_INCLUDES, SEARCH_STARTS_WITH, SEARCH_ENDS_WITH, SEARCH_INDEX_OF };

static JSValue js_string_search_op(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    static const char *const names[] = { "includes", "startsWith", "endsWith", "indexOf" };
    JSValue s = this_str(ctx, this_val, names[magic]), search = JS_UNDEFINED, ret = JS_EXCEPTION;
    JSString *p, *q;
    double pos;
    int64_t start, idx;
    int r;
    if (JS_IsException(s))
        return s;
    if (magic != SEARCH_INDEX_OF) {
        r = is_regexp(ctx, argv[0]);
        if (r < 0)
            goto done;
        if (r) {
            JS_ThrowTypeError(ctx, "First argument to String.prototype.%s must not be a regular expression",
                              names[magic]);
            goto done;
        }
    }
    search = wf_to_string(ctx, argv[0]);
    if (JS_IsException(search))
        goto done;
    p = wf_str(s);
    q = wf_str(search);
    if (magic == SEARCH_ENDS_WITH) {
        if (argc > 1 && !JS_IsUndefined(argv[1])) {
            if (wf_to_integer_or_infinity(ctx, &pos, argv[1]) < 0)
                goto done;
        } else {
            pos = p->len;
        }
        start = (int64_t)fmin(fmax(pos, 0), p->len) - q->len;
        ret = JS_NewBool(ctx, str_match_at(p, start, q));
        goto done;
    }
    if (wf_to_integer_or_infinity(ctx, &pos, argc > 1 ? argv[1] : JS_UNDEFINED) < 0)
        goto done;
    start = (int64_t)fmin(fmax(pos, 0), p->len);
    if (magic == SEARCH_STARTS_WITH) {
        ret = JS_NewBool(ctx, str_match_at(p, start, q));
        goto done;
    }
    idx = wf_str_index_of(p, q, (uint32_t)start);
    ret = magic == SEARCH_INCLUDES ? JS_NewBool(ctx, idx >= 0) : JS_NewInt64(ctx, idx);
done:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, search);
    return ret;
}

static JSValue js_string_last_index_of(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s = this_str(ctx, this_val, "lastIndexOf"), search;
    JSString *p, *q;
    double pos;
    int64_t start, i;
    if (JS_IsException(s))
        return s;
    search = wf_to_string(ctx, argv[0]);
    if (JS_IsException(search))
        goto fail;
    if (wf_to_number(ctx, &pos, argc > 1 ? argv[1] : JS_UNDEFINED) < 0)
        goto fail2;
    p = wf_str(s);
    q = wf_str(search);
    pos = isnan(pos) ? INFINITY : wf_double_to_integer(pos);
    start = (int64_t)fmin(fmax(pos, 0), p->len);
    if (start > (int64_t)p->len - (int64_t)q->len)
        start = (int64_t)p->len - (int64_t)q->len;
    for (i = start; i >= 0 && !str_match_at(p, i, q); i--)
        ;
    if (i < 0)
        i = -1;
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, search);
    return JS_NewInt64(ctx, i);
fail2:
    JS_FreeValue(ctx, search);
fail:
    JS_FreeValue(ctx, s);
    return JS_EXCEPTION;
}

static JSValue normalize_str(JSContext *ctx, JSValue s, int form);

/* Without Intl the order is implementation-defined, but canonically
   equivalent strings must compare equal (22.1.3.12): code-unit order of
   the NFC forms. */
static JSValue js_string_locale_compare(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s = this_str(ctx, this_val, "localeCompare"), that;
    int c;
    (void)argc;
    if (JS_IsException(s))
        return s;
    that = wf_to_string(ctx, argv[0]);
    if (JS_IsException(that)) {
        JS_FreeValue(ctx, s);
        return that;
    }
    s = normalize_str(ctx, s, WF_NORM_NFC);
    if (JS_IsException(s)) {
        JS_FreeValue(ctx, that);
        return s;
    }
    that = normalize_str(ctx, that, WF_NORM_NFC);
    if (JS_IsException(that)) {
        JS_FreeValue(ctx, s);
        return that;
    }
    c = wf_str_cmp(wf_str(s), wf_str(that));
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, that);
    return JS_NewInt32(ctx, (c > 0) - (c < 0));
}

/* ---- slicing ---- */

enum { SLICE_SLICE, SLICE_SUBSTRING, SLICE_SUBSTR };

static JSValue js_string_slice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    static const char *const names[] = { "slice", "substring", "substr" };
    JSValue s = this_str(ctx, this_val, names[magic]), ret;
    int64_t len, start, end;
    double a, b;
    (void)argc;
    if (JS_IsException(s))
        return s;
    len = wf_str(s)->len;
    if (wf_to_integer_or_infinity(ctx, &a, argv[0]) < 0)
        goto fail;
    if (magic == SLICE_SUBSTR) {
        if (a < 0)
            a = fmax(len + a, 0);
        start = (int64_t)fmin(a, len);
        if (JS_IsUndefined(argv[1])) {
            b = (double)len;
        } else if (wf_to_integer_or_infinity(ctx, &b, argv[1]) < 0) {
            goto fail;
        }
        end = start + (int64_t)fmin(fmax(b, 0), len - start);
    } else {
        if (JS_IsUndefined(argv[1])) {
            b = (double)len;
        } else if (wf_to_integer_or_infinity(ctx, &b, argv[1]) < 0) {
            goto fail;
        }
        if (magic == SLICE_SLICE) {
            start = (int64_t)(a < 0 ? fmax(len + a, 0) : fmin(a, len));
            end = (int64_t)(b < 0 ? fmax(len + b, 0) : fmin(b, len));
            if (end < start)
                end = start;
        } else {
            int64_t fa = (int64_t)fmin(fmax(a, 0), len), fb = (int64_t)fmin(fmax(b, 0), len);
            start = fa < fb ? fa : fb;
            end = fa < fb ? fb : fa;
        }
    }
    ret = wf_str_sub(ctx, wf_str(s), (uint32_t)start, (uint32_t)end);
    JS_FreeValue(ctx, s);
    return ret;
fail:
    JS_FreeValue(ctx, s);
    return JS_EXCEPTION;
}

/* ---- padding, repeat, trim ---- */

static JSValue js_string_pad(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int at_end)
{
    JSValue s = this_str(ctx, this_val, at_end ? "padEnd" : "padStart"), fill = JS_UNDEFINED;
    WFStringBuilder sb;
    JSString *p, *f;
    int64_t max_len, fill_len, i;
    if (JS_IsException(s))
        return s;
    if (wf_to_length(ctx, &max_len, argv[0]) < 0)
        goto fail;
    p = wf_str(s);
    if (max_len <= p->len)
        return s;
    if (argc < 2 || JS_IsUndefined(argv[1]))
        fill = wf_str_from_cstr(ctx, " ");
    else
        fill = wf_to_string(ctx, argv[1]);
    if (JS_IsException(fill))
        goto fail;
    f = wf_str(fill);
    if (f->len == 0) {
        JS_FreeValue(ctx, fill);
        return s;
    }
    if (max_len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "Invalid string length");
        goto fail;
    }
    fill_len = max_len - p->len;
    if (wf_sb_init(ctx, &sb, (uint32_t)max_len) < 0)
        goto fail;
    if (at_end)
        wf_sb_put_str(&sb, p, 0, p->len);
    for (i = 0; i + f->len <= fill_len; i += f->len)
        wf_sb_put_str(&sb, f, 0, f->len);
    if (i < fill_len)
        wf_sb_put_str(&sb, f, 0, (uint32_t)(fill_len - i));
    if (!at_end)
        wf_sb_put_str(&sb, p, 0, p->len);
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, fill);
    return wf_sb_finish(&sb);
fail:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, fill);
    return JS_EXCEPTION;
}

static JSValue js_string_repeat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s = this_str(ctx, this_val, "repeat");
    WFStringBuilder sb;
    JSString *p;
    double n;
    int64_t i;
    (void)argc;
    if (JS_IsException(s))
        return s;
    if (wf_to_integer_or_infinity(ctx, &n, argv[0]) < 0)
        goto fail;
    if (n < 0 || isinf(n)) {
        JS_ThrowRangeError(ctx, "Invalid count value: %g", n);
        goto fail;
    }
    p = wf_str(s);
    if (n == 0 || p->len == 0) {
        JS_FreeValue(ctx, s);
        return wf_str_empty(ctx);
    }
    if (n * p->len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "Invalid string length");
        goto fail;
    }
    if (wf_sb_init(ctx, &sb, (uint32_t)(n * p->len)) < 0)
        goto fail;
    for (i = 0; i < (int64_t)n; i++)
        wf_sb_put_str(&sb, p, 0, p->len);
    JS_FreeValue(ctx, s);
    return wf_sb_finish(&sb);
fail:
    JS_FreeValue(ctx, s);
    return JS_EXCEPTION;
}

enum { TRIM_BOTH = 3, TRIM_START = 1, TRIM_END = 2 };

static JSValue js_string_trim(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    JSValue s = this_str(ctx, this_val, magic == TRIM_BOTH ? "trim" : magic == TRIM_START ? "trimStart" : "trimEnd");
    JSValue ret;
    JSString *p;
    uint32_t a = 0, b;
    (void)argc;
    (void)argv;
    if (JS_IsException(s))
        return s;
    p = wf_str(s);
    b = p->len;
    if (magic & TRIM_START) {
        while (a < b && is_trim_space(wf_str_get(p, a)))
            a++;
    }
    if (magic & TRIM_END) {
        while (b > a && is_trim_space(wf_str_get(p, b - 1)))
            b--;
    }
    if (a == 0 && b == p->len)
        return s;
    ret = wf_str_sub(ctx, p, a, b);
    JS_FreeValue(ctx, s);
    return ret;
}

/* ---- case conversion and normalization (Unicode tables: unicode.h) ---- */

typedef struct SbOut {
    WFStringBuilder sb;
    bool failed;        /* the builder failed (exception pending) */
} SbOut;

static int sb_out16(void *opaque, const uint16_t *buf, size_t n)
{
    SbOut *o = opaque;
    if (wf_sb_put16(&o->sb, buf, (uint32_t)n) < 0) {
        o->failed = true;
        return -1;
    }
    return 0;
}

static const void *str_data(const JSString *p)
{
    return p->is_wide ? (const void *)p->u.str16 : (const void *)p->u.str8;
}

/* toUpperCase / toLowerCase (22.1.3.28, 22.1.3.30): full mappings with
   Final_Sigma; the toLocale* forms use the same, locale-independent, rules. */
static JSValue js_string_to_case(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int to_upper)
{
    JSValue s = this_str(ctx, this_val, to_upper ? "toUpperCase" : "toLowerCase");
    SbOut o;
    JSString *p;
    (void)argc;
    (void)argv;
    if (JS_IsException(s))
        return s;
    p = wf_str(s);
    if (wf_unicode_case_is_identity(to_upper, str_data(p), p->len, p->is_wide))
        return s;
    o.failed = false;
    if (wf_sb_init(ctx, &o.sb, p->len) < 0) {
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    if (wf_unicode_case_string(to_upper, str_data(p), p->len, p->is_wide, sb_out16, &o) < 0) {
        wf_sb_free(&o.sb);
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, s);
    return wf_sb_finish(&o.sb);
}

static void *norm_realloc(void *opaque, void *ptr, size_t size)
{
    return js_realloc_rt((JSRuntime *)opaque, ptr, size);
}

/* The string s (consumed) in normalization form `form`. */
static JSValue normalize_str(JSContext *ctx, JSValue s, int form)
{
    WFUnicodeAlloc ua = { norm_realloc, ctx->rt };
    JSString *p = wf_str(s);
    SbOut o;
    o.failed = false;
    if (wf_sb_init(ctx, &o.sb, p->len) < 0) {
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    if (wf_unicode_normalize(&ua, form, str_data(p), p->len, p->is_wide, sb_out16, &o) < 0) {
        wf_sb_free(&o.sb);
        JS_FreeValue(ctx, s);
        return o.failed ? JS_EXCEPTION : JS_ThrowOutOfMemory(ctx);
    }
    JS_FreeValue(ctx, s);
    return wf_sb_finish(&o.sb);
}

/* String.prototype.normalize (22.1.3.15) */
static JSValue js_string_normalize(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    static const char *const forms[] = { "NFC", "NFD", "NFKC", "NFKD" };
    JSValue s = this_str(ctx, this_val, "normalize");
    int form = WF_NORM_NFC;
    if (JS_IsException(s))
        return s;
    if (argc > 0 && !JS_IsUndefined(argv[0])) {
        JSValue f = wf_to_string(ctx, argv[0]);
        JSString *fp;
        if (JS_IsException(f)) {
            JS_FreeValue(ctx, s);
            return f;
        }
        fp = wf_str(f);
        form = -1;
        for (int i = 0; i < 4; i++) {
            size_t n = strlen(forms[i]);
            if (fp->len == n && !fp->is_wide && memcmp(fp->u.str8, forms[i], n) == 0)
                form = i;
        }
        JS_FreeValue(ctx, f);
        if (form < 0) {
            JS_FreeValue(ctx, s);
            return JS_ThrowRangeError(ctx, "The normalization form should be one of NFC, NFD, NFKC, NFKD");
        }
    }
    return normalize_str(ctx, s, form);
}

/* ---- well-formedness ---- */

static JSValue js_string_well_formed(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int fix)
{
    JSValue s = this_str(ctx, this_val, fix ? "toWellFormed" : "isWellFormed");
    WFStringBuilder sb;
    JSString *p;
    uint32_t i, bad = UINT32_MAX;
    (void)argc;
    (void)argv;
    if (JS_IsException(s))
        return s;
    p = wf_str(s);
    if (p->is_wide) {
        for (i = 0; i < p->len; i++) {
            uint32_t c = p->u.str16[i];
            if (c >= 0xd800 && c <= 0xdbff && i + 1 < p->len
                && p->u.str16[i + 1] >= 0xdc00 && p->u.str16[i + 1] <= 0xdfff) {
                i++;
            } else if (c >= 0xd800 && c <= 0xdfff) {
                bad = i;
                break;
            }
        }
    }
    if (!fix) {
        JS_FreeValue(ctx, s);
        return JS_NewBool(ctx, bad == UINT32_MAX);
    }
    if (bad == UINT32_MAX)
        return s;
    if (wf_sb_init(ctx, &sb, p->len) < 0) {
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    for (i = 0; i < p->len; i++) {
        uint32_t c = p->u.str16[i];
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < p->len
            && p->u.str16[i + 1] >= 0xdc00 && p->u.str16[i + 1] <= 0xdfff) {
            wf_sb_putc(&sb, c);
            wf_sb_putc(&sb, p->u.str16[++i]);
        } else {
            wf_sb_putc(&sb, (c >= 0xd800 && c <= 0xdfff) ? 0xfffd : c);
        }
    }
    JS_FreeValue(ctx, s);
    return wf_sb_finish(&sb);
}

/* ---- replace / split and the symbol protocol ---- */

/* GetSubstitution (ECMA-262 22.1.3.19.1).  captures: n_captures values
   (strings or undefined) for $1..$n; named_captures undefined or an object. */
JSValue wf_get_substitution(JSContext *ctx, JSValueConst matched, JSValueConst str, uint32_t position,
                            int n_captures, const JSValue *captures, JSValueConst named_captures,
                            JSValueConst replacement)
{
    JSString *rp = wf_str(replacement), *sp = wf_str(str), *mp = wf_str(matched);
    WFStringBuilder sb;
    uint32_t i = 0, len = rp->len, tail;
    if (wf_sb_init(ctx, &sb, len) < 0)
        return JS_EXCEPTION;
    while (i < len) {
        uint32_t c = wf_str_get(rp, i), c1;
        if (c != '$' || i + 1 >= len) {
            wf_sb_putc(&sb, c);
            i++;
            continue;
        }
        c1 = wf_str_get(rp, i + 1);
        if (c1 == '$') {
            wf_sb_putc(&sb, '$');
            i += 2;
        } else if (c1 == '&') {
            wf_sb_put_str(&sb, mp, 0, mp->len);
            i += 2;
        } else if (c1 == '`') {
            wf_sb_put_str(&sb, sp, 0, position);
            i += 2;
        } else if (c1 == '\'') {
            tail = position + mp->len;
            if (tail < sp->len)
                wf_sb_put_str(&sb, sp, tail, sp->len);
            i += 2;
        } else if (c1 >= '0' && c1 <= '9') {
            uint32_t index = c1 - '0', digits = 1;
            if (i + 2 < len) {
                uint32_t c2 = wf_str_get(rp, i + 2);
                if (c2 >= '0' && c2 <= '9') {
                    uint32_t two = index * 10 + (c2 - '0');
                    if (two <= (uint32_t)n_captures) {
                        index = two;
                        digits = 2;
                    }
                }
            }
            if (index >= 1 && index <= (uint32_t)n_captures) {
                JSValueConst cap = captures[index - 1];
                if (!JS_IsUndefined(cap) && wf_sb_put_value(&sb, cap) < 0)
                    goto fail;
            } else {
                wf_sb_put_str(&sb, rp, i, i + 1 + digits);
            }
            i += 1 + digits;
        } else if (c1 == '<' && !JS_IsUndefined(named_captures)) {
            uint32_t j;
            for (j = i + 2; j < len && wf_str_get(rp, j) != '>'; j++)
                ;
            if (j >= len) {
                wf_sb_put_str(&sb, rp, i, i + 2);
                i += 2;
            } else {
                JSValue name = wf_str_sub(ctx, rp, i + 2, j), cap;
                JSAtom atom;
                if (JS_IsException(name))
                    goto fail;
                atom = wf_to_property_key(ctx, name);
                JS_FreeValue(ctx, name);
                if (atom == JS_ATOM_NULL)
                    goto fail;
                cap = JS_GetProperty(ctx, named_captures, atom);
                JS_FreeAtom(ctx, atom);
                if (JS_IsException(cap))
                    goto fail;
                if (!JS_IsUndefined(cap)) {
                    int r = wf_sb_put_value(&sb, cap);
                    JS_FreeValue(ctx, cap);
                    if (r < 0)
                        goto fail;
                }
                i = j + 1;
            }
        } else {
            wf_sb_putc(&sb, '$');
            i++;
        }
    }
    return wf_sb_finish(&sb);
fail:
    wf_sb_free(&sb);
    return JS_EXCEPTION;
}

/* If v is an object with a method under 'sym', call it
   with (this_val, arg) and return its result in *pres (returns 1); 0 if not
   delegated; -1 on exception. */
static int delegate_to_symbol(JSContext *ctx, JSValueConst v, JSAtom sym, JSValueConst o,
                              JSValueConst arg, int nargs, JSValue *pres)
{
    JSValue method;
    JSValueConst args[2];
    /* primitives never delegate (ES2025: no symbol lookups on primitives) */
    if (!JS_IsObject(v))
        return 0;
    method = wf_get_method(ctx, v, sym);
    if (JS_IsException(method))
        return -1;
    if (JS_IsUndefined(method))
        return 0;
    args[0] = o;
    args[1] = arg;
    *pres = wf_call_free(ctx, method, v, nargs, args);
    return JS_IsException(*pres) ? -1 : 1;
}

static JSValue js_string_replace(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int is_all)
{
    JSValueConst search_value = argv[0], replace_value = argv[1];
    JSValue s = JS_UNDEFINED, search = JS_UNDEFINED, repl_str = JS_UNDEFINED, ret;
    WFStringBuilder sb;
    JSString *sp, *q;
    bool functional;
    int64_t pos, end_of_last = 0;
    int r;
    (void)argc;

    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_ThrowTypeError(ctx, "String.prototype.%s called on null or undefined",
                                 is_all ? "replaceAll" : "replace");
    if (is_all && !JS_IsUndefined(search_value) && !JS_IsNull(search_value)) {
        r = is_regexp(ctx, search_value);
        if (r < 0)
            return JS_EXCEPTION;
        if (r && (r = regexp_flags_have_g(ctx, search_value)) <= 0)
            return r < 0 ? JS_EXCEPTION
                         : JS_ThrowTypeError(ctx, "replaceAll must be called with a global RegExp");
    }
    r = delegate_to_symbol(ctx, search_value, JS_ATOM_Symbol_replace, this_val, replace_value, 2, &ret);
    if (r)
        return r < 0 ? JS_EXCEPTION : ret;

    s = wf_to_string(ctx, this_val);
    if (JS_IsException(s))
        return s;
    search = wf_to_string(ctx, search_value);
    if (JS_IsException(search))
        goto fail;
    functional = wf_is_callable(replace_value);
    if (!functional) {
        repl_str = wf_to_string(ctx, replace_value);
        if (JS_IsException(repl_str))
            goto fail;
    }
    sp = wf_str(s);
    q = wf_str(search);
    pos = wf_str_index_of(sp, q, 0);
    if (pos < 0) {
        JS_FreeValue(ctx, search);
        JS_FreeValue(ctx, repl_str);
        return s;
    }
    if (wf_sb_init(ctx, &sb, sp->len) < 0)
        goto fail;
    while (pos >= 0) {
        JSValue rep;
        wf_sb_put_str(&sb, sp, (uint32_t)end_of_last, (uint32_t)pos);
        if (functional) {
            JSValueConst args[3];
            args[0] = search;
            args[1] = JS_NewInt64(ctx, pos);
            args[2] = s;
            rep = wf_call(ctx, replace_value, JS_UNDEFINED, 3, args);
            if (!JS_IsException(rep))
                rep = wf_to_string_free(ctx, rep);
        } else {
            rep = wf_get_substitution(ctx, search, s, (uint32_t)pos, 0, NULL, JS_UNDEFINED, repl_str);
        }
        if (JS_IsException(rep)) {
            wf_sb_free(&sb);
            goto fail;
        }
        wf_sb_put_str(&sb, wf_str(rep), 0, wf_str(rep)->len);
        JS_FreeValue(ctx, rep);
        end_of_last = pos + q->len;
        if (!is_all)
            break;
        pos = wf_str_index_of(sp, q, (uint32_t)(pos + (q->len ? q->len : 1)));
        if (q->len == 0 && pos > (int64_t)sp->len)
            pos = -1;
    }
    if (end_of_last < sp->len)
        wf_sb_put_str(&sb, sp, (uint32_t)end_of_last, sp->len);
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, search);
    JS_FreeValue(ctx, repl_str);
    return wf_sb_finish(&sb);
fail:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, search);
    JS_FreeValue(ctx, repl_str);
    return JS_EXCEPTION;
}

static JSValue js_string_split(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst sep_value = argv[0], limit = argv[1];
    JSValue s = JS_UNDEFINED, sep = JS_UNDEFINED, arr = JS_UNDEFINED, ret;
    JSString *sp, *q;
    uint32_t lim = UINT32_MAX, count = 0, i;
    int64_t j;
    int r;
    (void)argc;

    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_ThrowTypeError(ctx, "String.prototype.split called on null or undefined");
    r = delegate_to_symbol(ctx, sep_value, JS_ATOM_Symbol_split, this_val, limit, 2, &ret);
    if (r)
        return r < 0 ? JS_EXCEPTION : ret;
    s = wf_to_string(ctx, this_val);
    if (JS_IsException(s))
        return s;
    if (!JS_IsUndefined(limit) && wf_to_uint32(ctx, &lim, limit) < 0)
        goto fail;
    sep = wf_to_string(ctx, sep_value);
    if (JS_IsException(sep))
        goto fail;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr) || lim == 0)
        goto done;
    if (JS_IsUndefined(sep_value)) {
        if (wf_array_push(ctx, arr, JS_DupValue(ctx, s)) < 0)
            goto fail;
        goto done;
    }
    sp = wf_str(s);
    q = wf_str(sep);
    if (q->len == 0) {
        for (i = 0; i < sp->len && i < lim; i++) {
            if (wf_array_push(ctx, arr, wf_str_new_char(ctx, wf_str_get(sp, i))) < 0)
                goto fail;
        }
        goto done;
    }
    if (sp->len == 0) {
        if (wf_array_push(ctx, arr, JS_DupValue(ctx, s)) < 0)
            goto fail;
        goto done;
    }
    i = 0;
    while ((j = wf_str_index_of(sp, q, i)) >= 0) {
        if (wf_array_push(ctx, arr, wf_str_sub(ctx, sp, i, (uint32_t)j)) < 0)
            goto fail;
        if (++count == lim)
            goto done;
        i = (uint32_t)j + q->len;
    }
    if (wf_array_push(ctx, arr, wf_str_sub(ctx, sp, i, sp->len)) < 0)
        goto fail;
done:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, sep);
    return arr;
fail:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, sep);
    JS_FreeValue(ctx, arr);
    return JS_EXCEPTION;
}

/* RegExpCreate(pattern, flags) through %RegExp%. */
static JSValue regexp_create(JSContext *ctx, JSValueConst pattern, const char *flags)
{
    JSValueConst args[2];
    JSValue f, rx;
    if (!JS_IsObject(ctx->regexp_ctor))
        return JS_ThrowTypeError(ctx, "RegExp is not available in this realm");
    f = flags ? wf_str_from_cstr(ctx, flags) : JS_UNDEFINED;
    if (JS_IsException(f))
        return f;
    args[0] = pattern;
    args[1] = f;
    rx = wf_construct(ctx, ctx->regexp_ctor, ctx->regexp_ctor, 2, args);
    JS_FreeValue(ctx, f);
    return rx;
}

enum { MATCH_MATCH, MATCH_MATCH_ALL, MATCH_SEARCH };

static JSValue js_string_match(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    static const JSAtom syms[] = { JS_ATOM_Symbol_match, JS_ATOM_Symbol_matchAll, JS_ATOM_Symbol_search };
    static const char *const names[] = { "match", "matchAll", "search" };
    JSValueConst rxv = argv[0];
    JSValue s, rx, ret;
    int r;
    (void)argc;
    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_ThrowTypeError(ctx, "String.prototype.%s called on null or undefined", names[magic]);
    if (magic == MATCH_MATCH_ALL && !JS_IsUndefined(rxv) && !JS_IsNull(rxv)) {
        r = is_regexp(ctx, rxv);
        if (r < 0)
            return JS_EXCEPTION;
        if (r && (r = regexp_flags_have_g(ctx, rxv)) <= 0)
            return r < 0 ? JS_EXCEPTION
                         : JS_ThrowTypeError(ctx, "matchAll must be called with a global RegExp");
    }
    r = delegate_to_symbol(ctx, rxv, syms[magic], this_val, JS_UNDEFINED, 1, &ret);
    if (r)
        return r < 0 ? JS_EXCEPTION : ret;
    s = wf_to_string(ctx, this_val);
    if (JS_IsException(s))
        return s;
    rx = regexp_create(ctx, rxv, magic == MATCH_MATCH_ALL ? "g" : NULL);
    if (JS_IsException(rx)) {
        JS_FreeValue(ctx, s);
        return rx;
    }
    ret = wf_invoke(ctx, rx, syms[magic], 1, (JSValueConst *)&s);
    JS_FreeValue(ctx, rx);
    JS_FreeValue(ctx, s);
    return ret;
}

/* ---- Annex B HTML methods ---- */

typedef struct HtmlMethod {
    const char *tag;
    const char *attr;   /* NULL: no attribute */
} HtmlMethod;

static const HtmlMethod html_methods[] = {
    { "a", "name" }, { "big", NULL }, { "blink", NULL }, { "b", NULL }, { "tt", NULL },
    { "font", "color" }, { "font", "size" }, { "i", NULL }, { "a", "href" },
    { "small", NULL }, { "strike", NULL }, { "sub", NULL }, { "sup", NULL },
};

static JSValue js_string_html(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    const HtmlMethod *m = &html_methods[magic];
    JSValue s = this_str(ctx, this_val, m->tag), v = JS_UNDEFINED;
    WFStringBuilder sb;
    (void)argc;
    if (JS_IsException(s))
        return s;
    if (wf_sb_init(ctx, &sb, 0) < 0)
        goto fail;
    wf_sb_putc(&sb, '<');
    wf_sb_puts(&sb, m->tag);
    if (m->attr) {
        JSString *vp;
        uint32_t i;
        v = wf_to_string(ctx, argv[0]);
        if (JS_IsException(v)) {
            wf_sb_free(&sb);
            goto fail;
        }
        vp = wf_str(v);
        wf_sb_putc(&sb, ' ');
        wf_sb_puts(&sb, m->attr);
        wf_sb_puts(&sb, "=\"");
        for (i = 0; i < vp->len; i++) {
            uint32_t c = wf_str_get(vp, i);
            if (c == '"')
                wf_sb_puts(&sb, "&quot;");
            else
                wf_sb_putc(&sb, c);
        }
        wf_sb_putc(&sb, '"');
    }
    wf_sb_putc(&sb, '>');
    wf_sb_put_str(&sb, wf_str(s), 0, wf_str(s)->len);
    wf_sb_puts(&sb, "</");
    wf_sb_puts(&sb, m->tag);
    wf_sb_putc(&sb, '>');
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, v);
    return wf_sb_finish(&sb);
fail:
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, v);
    return JS_EXCEPTION;
}

/* ---- String Iterator ---- */

typedef struct StringIterator {
    JSValue str;        /* JS_UNDEFINED once done */
    uint32_t pos;
} StringIterator;

static void string_iterator_finalizer(JSRuntime *rt, JSValueConst obj)
{
    StringIterator *it = wf_obj(obj)->u.ptr;
    if (it) {
        JS_FreeValueRT(rt, it->str);
        js_free_rt(rt, it);
    }
}

static JSValue js_string_iterator(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s = this_str(ctx, this_val, "[Symbol.iterator]"), obj;
    StringIterator *it;
    (void)argc;
    (void)argv;
    if (JS_IsException(s))
        return s;
    obj = JS_NewObjectProtoClass(ctx, wf_class_proto(ctx, JS_CLASS_STRING_ITERATOR), JS_CLASS_STRING_ITERATOR);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, s);
        return obj;
    }
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, s);
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    it->str = s;
    it->pos = 0;
    wf_obj(obj)->u.ptr = it;
    return obj;
}

static JSValue js_string_iterator_next(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_STRING_ITERATOR, "%StringIteratorPrototype%.next");
    StringIterator *it;
    JSString *sp;
    uint32_t next;
    JSValue v;
    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    it = p->u.ptr;
    if (JS_IsUndefined(it->str))
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    sp = wf_str(it->str);
    if (it->pos >= sp->len) {
        JS_FreeValue(ctx, it->str);
        it->str = JS_UNDEFINED;
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    }
    wf_str_code_point_at(sp, it->pos, &next);
    v = wf_str_sub(ctx, sp, it->pos, next);
    if (JS_IsException(v))
        return v;
    it->pos = next;
    return wf_iter_result(ctx, v, false);
}

static const JSCFunctionListEntry js_string_funcs[] = {
    JS_CFUNC_DEF("fromCharCode", 1, js_string_from_char_code),
    JS_CFUNC_DEF("fromCodePoint", 1, js_string_from_code_point),
    JS_CFUNC_DEF("raw", 1, js_string_raw),
};

static const JSCFunctionListEntry js_string_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("at", 1, js_string_char_at, AT),
    JS_CFUNC_MAGIC_DEF("charAt", 1, js_string_char_at, CHAR_AT),
    JS_CFUNC_MAGIC_DEF("charCodeAt", 1, js_string_char_at, CHAR_CODE_AT),
    JS_CFUNC_MAGIC_DEF("codePointAt", 1, js_string_char_at, CODE_POINT_AT),
    JS_CFUNC_DEF("concat", 1, js_string_concat),
    JS_CFUNC_MAGIC_DEF("endsWith", 1, js_string_search_op, SEARCH_ENDS_WITH),
    JS_CFUNC_MAGIC_DEF("includes", 1, js_string_search_op, SEARCH_INCLUDES),
    JS_CFUNC_MAGIC_DEF("indexOf", 1, js_string_search_op, SEARCH_INDEX_OF),
    JS_CFUNC_MAGIC_DEF("isWellFormed", 0, js_string_well_formed, 0),
    JS_CFUNC_DEF("lastIndexOf", 1, js_string_last_index_of),
    JS_CFUNC_DEF("localeCompare", 1, js_string_locale_compare),
    JS_CFUNC_MAGIC_DEF("match", 1, js_string_match, MATCH_MATCH),
    JS_CFUNC_MAGIC_DEF("matchAll", 1, js_string_match, MATCH_MATCH_ALL),
    JS_CFUNC_DEF("normalize", 0, js_string_normalize),
    JS_CFUNC_MAGIC_DEF("padEnd", 1, js_string_pad, 1),
    JS_CFUNC_MAGIC_DEF("padStart", 1, js_string_pad, 0),
    JS_CFUNC_DEF("repeat", 1, js_string_repeat),
    JS_CFUNC_MAGIC_DEF("replace", 2, js_string_replace, 0),
    JS_CFUNC_MAGIC_DEF("replaceAll", 2, js_string_replace, 1),
    JS_CFUNC_MAGIC_DEF("search", 1, js_string_match, MATCH_SEARCH),
    JS_CFUNC_MAGIC_DEF("slice", 2, js_string_slice, SLICE_SLICE),
    JS_CFUNC_DEF("split", 2, js_string_split),
    JS_CFUNC_MAGIC_DEF("startsWith", 1, js_string_search_op, SEARCH_STARTS_WITH),
    JS_CFUNC_MAGIC_DEF("substr", 2, js_string_slice, SLICE_SUBSTR),
    JS_CFUNC_MAGIC_DEF("substring", 2, js_string_slice, SLICE_SUBSTRING),
    JS_CFUNC_MAGIC_DEF("toLocaleLowerCase", 0, js_string_to_case, 0),
    JS_CFUNC_MAGIC_DEF("toLocaleUpperCase", 0, js_string_to_case, 1),
    JS_CFUNC_MAGIC_DEF("toLowerCase", 0, js_string_to_case, 0),
    JS_CFUNC_DEF("toString", 0, js_string_to_string),
    JS_CFUNC_MAGIC_DEF("toUpperCase", 0, js_string_to_case, 1),
    JS_CFUNC_MAGIC_DEF("toWellFormed", 0, js_string_well_formed, 1),
    JS_CFUNC_MAGIC_DEF("trim", 0, js_string_trim, TRIM_BOTH),
    JS_CFUNC_MAGIC_DEF("trimEnd", 0, js_string_trim, TRIM_END),
    JS_ALIAS_DEF("trimRight", "trimEnd"),
    JS_CFUNC_MAGIC_DEF("trimStart", 0, js_string_trim, TRIM_START),
    JS_ALIAS_DEF("trimLeft", "trimStart"),
    JS_CFUNC_DEF("valueOf", 0, js_string_value_of),
    JS_CFUNC_DEF("[Symbol.iterator]", 0, js_string_iterator),
    JS_CFUNC_MAGIC_DEF("anchor", 1, js_string_html, 0),
    JS_CFUNC_MAGIC_DEF("big", 0, js_string_html, 1),
    JS_CFUNC_MAGIC_DEF("blink", 0, js_string_html, 2),
    JS_CFUNC_MAGIC_DEF("bold", 0, js_string_html, 3),
    JS_CFUNC_MAGIC_DEF("fixed", 0, js_string_html, 4),
    JS_CFUNC_MAGIC_DEF("fontcolor", 1, js_string_html, 5),
    JS_CFUNC_MAGIC_DEF("fontsize", 1, js_string_html, 6),
    JS_CFUNC_MAGIC_DEF("italics", 0, js_string_html, 7),
    JS_CFUNC_MAGIC_DEF("link", 1, js_string_html, 8),
    JS_CFUNC_MAGIC_DEF("small", 0, js_string_html, 9),
    JS_CFUNC_MAGIC_DEF("strike", 0, js_string_html, 10),
    JS_CFUNC_MAGIC_DEF("sub", 0, js_string_html, 11),
    JS_CFUNC_MAGIC_DEF("sup", 0, js_string_html, 12),
};

static const JSCFunctionListEntry js_string_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_string_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "String Iterator", JS_PROP_CONFIGURABLE),
};

int wf_init_string(JSContext *ctx)
{
    JSValue proto, ctor, iter_proto;

    wf_class_set_hooks(ctx->rt, JS_CLASS_STRING_ITERATOR, string_iterator_finalizer, NULL, NULL, NULL);

    /* String.prototype is itself a String object whose value is "" */
    proto = JS_NewObjectProtoClass(ctx, wf_class_proto(ctx, JS_CLASS_OBJECT), JS_CLASS_STRING);
    if (JS_IsException(proto))
        return -1;
    wf_obj(proto)->u.object_data = wf_str_empty(ctx);
    ctx->class_proto[JS_CLASS_STRING] = proto;
    if (wf_obj_define_value(ctx, proto, JS_ATOM_length, JS_NewInt32(ctx, 0), 0) < 0)
        return -1;
    if (JS_SetPropertyFunctionList(ctx, proto, js_string_proto_funcs, countof(js_string_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_string_constructor, "String", 1, JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_string_funcs, countof(js_string_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);

    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    ctx->class_proto[JS_CLASS_STRING_ITERATOR] = iter_proto;
    return JS_SetPropertyFunctionList(ctx, iter_proto, js_string_iterator_proto_funcs,
                                      countof(js_string_iterator_proto_funcs));
}
