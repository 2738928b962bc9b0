/*
 * global.c - the global object's own function and value properties that no
 * other family owns (ECMA-262 19.1 globalThis, 19.2.1 eval, 19.2.6 URI
 * handling functions, B.2.1 escape / unescape).
 *
 * parseInt, parseFloat, isNaN, isFinite, NaN, Infinity and undefined are the
 * Number family's (number.c).  Indirect eval is the interpreter's
 * (wf_eval_indirect); this file only makes %eval% and records it in
 * ctx->eval_obj so the interpreter can tell a direct eval call.
 */
#include <string.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

static JSValue js_global_eval(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    (void)this_val;
    return wf_eval_indirect(ctx, arg(argc, argv, 0));
}

/* ---------------------------------------------------------------------- */
/* URI handling (19.2.6)                                                   */

/* Bit sets over ASCII: bit c set when the character c is in the set. */
typedef struct CharSet {
    uint32_t w[4];
} CharSet;

static bool in_set(const CharSet *s, uint32_t c)
{
    return c < 128 && (s->w[c >> 5] >> (c & 31)) & 1;
}

static void set_add(CharSet *s, const char *chars)
{
    for (; *chars; chars++)
        s->w[(uint8_t)*chars >> 5] |= 1u << ((uint8_t)*chars & 31);
}

static void set_add_range(CharSet *s, char from, char to)
{
    int c;
    for (c = from; c <= to; c++)
        s->w[c >> 5] |= 1u << (c & 31);
}

/* uriReserved and the unescaped characters of the spec; magic bit 0 says
   "component" (encodeURIComponent / decodeURIComponent). */
#define URI_RESERVED ";/?:@&=+$,"
#define URI_MARK "-_.!~*'()"

static void uri_unescaped_set(CharSet *s, bool component)
{
    memset(s, 0, sizeof(*s));
    set_add_range(s, 'a', 'z');
    set_add_range(s, 'A', 'Z');
    set_add_range(s, '0', '9');
    set_add(s, URI_MARK);
    if (!component) {
        set_add(s, URI_RESERVED);
        set_add(s, "#");
    }
}

static JSValue throw_uri_error(JSContext *ctx, const char *msg)
{
    return wf_throw_error(ctx, JS_URI_ERROR, "%s", msg);
}

static int hex_digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* The byte written as two hex digits at s[k], k+1; -1 if not hex. */
static int hex_octet(const JSString *s, uint32_t k)
{
    int h, l;

    if (k + 2 > s->len)
        return -1;
    h = hex_digit(wf_str_get(s, k));
    l = hex_digit(wf_str_get(s, k + 1));
    if (h < 0 || l < 0)
        return -1;
    return (h << 4) | l;
}

static void put_percent_byte(WFStringBuilder *sb, uint32_t b)
{
    static const char hex[] = "0123456789ABCDEF";
    wf_sb_putc(sb, '%');
    wf_sb_putc(sb, (uint8_t)hex[(b >> 4) & 15]);
    wf_sb_putc(sb, (uint8_t)hex[b & 15]);
}

/* Encode (19.2.6.5): encodeURI (magic 0) / encodeURIComponent (magic 1). */
static JSValue js_global_encode_uri(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv, int magic)
{
    JSValue str;
    JSString *s;
    WFStringBuilder sb;
    CharSet unescaped;
    uint32_t k, c, c2;

    (void)this_val;
    str = wf_to_string(ctx, arg(argc, argv, 0));
    if (JS_IsException(str))
        return str;
    s = wf_str(str);
    uri_unescaped_set(&unescaped, magic != 0);
    wf_sb_init(ctx, &sb, s->len);
    for (k = 0; k < s->len; k++) {
        c = wf_str_get(s, k);
        if (in_set(&unescaped, c)) {
            wf_sb_putc(&sb, c);
            continue;
        }
        if (c >= 0xDC00 && c <= 0xDFFF)
            goto bad_surrogate;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (k + 1 >= s->len)
                goto bad_surrogate;
            c2 = wf_str_get(s, k + 1);
            if (c2 < 0xDC00 || c2 > 0xDFFF)
                goto bad_surrogate;
            c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
            k++;
        }
        /* UTF-8 octets of the code point */
        if (c < 0x80) {
            put_percent_byte(&sb, c);
        } else if (c < 0x800) {
            put_percent_byte(&sb, 0xC0 | (c >> 6));
            put_percent_byte(&sb, 0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            put_percent_byte(&sb, 0xE0 | (c >> 12));
            put_percent_byte(&sb, 0x80 | ((c >> 6) & 0x3F));
            put_percent_byte(&sb, 0x80 | (c & 0x3F));
        } else {
            put_percent_byte(&sb, 0xF0 | (c >> 18));
            put_percent_byte(&sb, 0x80 | ((c >> 12) & 0x3F));
            put_percent_byte(&sb, 0x80 | ((c >> 6) & 0x3F));
            put_percent_byte(&sb, 0x80 | (c & 0x3F));
        }
    }
    JS_FreeValue(ctx, str);
    return wf_sb_finish(&sb);
bad_surrogate:
    wf_sb_free(&sb);
    JS_FreeValue(ctx, str);
    return throw_uri_error(ctx, "URI malformed: lone surrogate");
}

/* Decode (19.2.6.6): decodeURI (magic 0) / decodeURIComponent (magic 1). */
static JSValue js_global_decode_uri(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv, int magic)
{
    JSValue str;
    JSString *s;
    WFStringBuilder sb;
    CharSet preserve;
    uint32_t k, start, c, n, j, cp, min_cp;
    int b;

    (void)this_val;
    str = wf_to_string(ctx, arg(argc, argv, 0));
    if (JS_IsException(str))
        return str;
    s = wf_str(str);
    /* decodeURI keeps escapes of reserved characters and '#' */
    memset(&preserve, 0, sizeof(preserve));
    if (!magic) {
        set_add(&preserve, URI_RESERVED);
        set_add(&preserve, "#");
    }
    wf_sb_init(ctx, &sb, s->len);
    for (k = 0; k < s->len; k++) {
        c = wf_str_get(s, k);
        if (c != '%') {
            wf_sb_putc(&sb, c);
            continue;
        }
        start = k;
        b = hex_octet(s, k + 1);
        if (b < 0)
            goto malformed;
        k += 2;
        if (b < 0x80) {
            if (in_set(&preserve, (uint32_t)b))
                wf_sb_put_str(&sb, s, start, k + 1);
            else
                wf_sb_putc(&sb, (uint32_t)b);
            continue;
        }
        /* number of leading one bits gives the sequence length */
        if ((b & 0xE0) == 0xC0) {
            n = 2;
            cp = (uint32_t)b & 0x1F;
            min_cp = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            n = 3;
            cp = (uint32_t)b & 0x0F;
            min_cp = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            n = 4;
            cp = (uint32_t)b & 0x07;
            min_cp = 0x10000;
        } else {
            goto malformed;    /* 10xxxxxx or 11111xxx as a first byte */
        }
        for (j = 1; j < n; j++) {
            k++;
            if (k >= s->len || wf_str_get(s, k) != '%')
                goto malformed;
            b = hex_octet(s, k + 1);
            if (b < 0 || (b & 0xC0) != 0x80)
                goto malformed;
            k += 2;
            cp = (cp << 6) | ((uint32_t)b & 0x3F);
        }
        /* overlong forms, surrogates and values past U+10FFFF are not
           valid UTF-8 */
        if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto malformed;
        wf_sb_put_code_point(&sb, cp);
    }
    JS_FreeValue(ctx, str);
    return wf_sb_finish(&sb);
malformed:
    wf_sb_free(&sb);
    JS_FreeValue(ctx, str);
    return throw_uri_error(ctx, "URI malformed");
}

/* ---------------------------------------------------------------------- */
/* escape / unescape (B.2.1)                                               */

static JSValue js_global_escape(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    static const char hex[] = "0123456789ABCDEF";
    JSValue str;
    JSString *s;
    WFStringBuilder sb;
    CharSet ok;
    uint32_t k, c;

    (void)this_val;
    str = wf_to_string(ctx, arg(argc, argv, 0));
    if (JS_IsException(str))
        return str;
    s = wf_str(str);
    memset(&ok, 0, sizeof(ok));
    set_add_range(&ok, 'a', 'z');
    set_add_range(&ok, 'A', 'Z');
    set_add_range(&ok, '0', '9');
    set_add(&ok, "@*_+-./");
    wf_sb_init(ctx, &sb, s->len);
    for (k = 0; k < s->len; k++) {
        c = wf_str_get(s, k);
        if (in_set(&ok, c)) {
            wf_sb_putc(&sb, c);
        } else if (c < 256) {
            put_percent_byte(&sb, c);
        } else {
            wf_sb_putc(&sb, '%');
            wf_sb_putc(&sb, 'u');
            wf_sb_putc(&sb, (uint8_t)hex[(c >> 12) & 15]);
            wf_sb_putc(&sb, (uint8_t)hex[(c >> 8) & 15]);
            wf_sb_putc(&sb, (uint8_t)hex[(c >> 4) & 15]);
            wf_sb_putc(&sb, (uint8_t)hex[c & 15]);
        }
    }
    JS_FreeValue(ctx, str);
    return wf_sb_finish(&sb);
}

static JSValue js_global_unescape(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    JSValue str;
    JSString *s;
    WFStringBuilder sb;
    uint32_t k, c;
    int h;

    (void)this_val;
    str = wf_to_string(ctx, arg(argc, argv, 0));
    if (JS_IsException(str))
        return str;
    s = wf_str(str);
    wf_sb_init(ctx, &sb, s->len);
    for (k = 0; k < s->len; k++) {
        c = wf_str_get(s, k);
        if (c == '%') {
            if (k + 6 <= s->len && wf_str_get(s, k + 1) == 'u') {
                int a = hex_octet(s, k + 2), b = hex_octet(s, k + 4);
                if (a >= 0 && b >= 0) {
                    c = ((uint32_t)a << 8) | (uint32_t)b;
                    k += 5;
                }
            } else if ((h = hex_octet(s, k + 1)) >= 0) {
                c = (uint32_t)h;
                k += 2;
            }
        }
        wf_sb_putc(&sb, c);
    }
    JS_FreeValue(ctx, str);
    return wf_sb_finish(&sb);
}

static const JSCFunctionListEntry js_global_funcs[] = {
    JS_CFUNC_MAGIC_DEF("decodeURI", 1, js_global_decode_uri, 0),
    JS_CFUNC_MAGIC_DEF("decodeURIComponent", 1, js_global_decode_uri, 1),
    JS_CFUNC_MAGIC_DEF("encodeURI", 1, js_global_encode_uri, 0),
    JS_CFUNC_MAGIC_DEF("encodeURIComponent", 1, js_global_encode_uri, 1),
    JS_CFUNC_DEF("escape", 1, js_global_escape),
    JS_CFUNC_DEF("unescape", 1, js_global_unescape),
};

int wf_init_global(JSContext *ctx)
{
    JSValue eval;

    if (wf_obj_define_value(ctx, ctx->global_obj, JS_ATOM_globalThis,
                            JS_DupValue(ctx, ctx->global_obj),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_HAS_VALUE |
                            JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                            JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW) < 0)
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctx->global_obj, js_global_funcs,
                                   countof(js_global_funcs)) < 0)
        return -1;
    eval = JS_NewCFunction2(ctx, js_global_eval, "eval", 1, JS_CFUNC_generic, 0);
    if (JS_IsException(eval))
        return -1;
    if (wf_obj_define_value(ctx, ctx->global_obj, JS_ATOM_eval, JS_DupValue(ctx, eval),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_HAS_VALUE |
                            JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                            JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, eval);
        return -1;
    }
    JS_FreeValue(ctx, ctx->eval_obj);
    ctx->eval_obj = eval;
    return 0;
}
