/*
 * typedarray_b64.c - Uint8Array to and from base64 and hex (ECMA-262
 * 2026, 23.3: Uint8Array.fromBase64, Uint8Array.fromHex,
 * Uint8Array.prototype.toBase64 / toHex / setFromBase64 / setFromHex).
 *
 * The decoders follow the spec's FromBase64 and FromHex step by step: they
 * return the bytes decoded so far, how much input was read, and an error
 * (a SyntaxError thrown only after the bytes decoded before it have been
 * written, for the setFrom* methods).  They never run JavaScript, so the
 * target's bounds checked before decoding still hold when writing.
 */
#include "builtins/typedarray_int.h"

typedef enum { LCH_LOOSE, LCH_STRICT, LCH_STOP_BEFORE_PARTIAL } LastChunk;

typedef struct DecodeResult {
    uint8_t *bytes;     /* js_malloc'd, may be NULL when empty */
    size_t len;         /* bytes decoded */
    size_t read;        /* code units consumed */
    bool error;         /* a SyntaxError is due */
} DecodeResult;

/* ValidateUint8Array */
static JSObject *u8_this(JSContext *ctx, JSValueConst v, const char *what)
{
    if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_UINT8_ARRAY)
        return wf_obj(v);
    JS_ThrowTypeError(ctx, "%s: not a Uint8Array", what);
    return NULL;
}

/* GetOptionsObject: undefined gives an empty object with no prototype. */
static JSValue get_options(JSContext *ctx, JSValueConst options, const char *what)
{
    if (JS_IsUndefined(options))
        return JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsObject(options))
        return JS_DupValue(ctx, options);
    return JS_ThrowTypeError(ctx, "%s: options must be an object", what);
}

/* A string option that must be one of the given atoms: its index, the
   default for undefined, or -1 with a TypeError. */
static int get_enum_option(JSContext *ctx, JSValueConst opts, JSAtom prop, const JSAtom *choices,
                           int n, int def, const char *what)
{
    JSValue v = wf_obj_get(ctx, opts, prop, opts);
    JSAtom a;
    int i;
    if (JS_IsException(v))
        return -1;
    if (JS_IsUndefined(v))
        return def;
    if (!JS_IsString(v)) {
        JS_FreeValue(ctx, v);
        JS_ThrowTypeError(ctx, "%s: invalid option", what);
        return -1;
    }
    a = JS_ValueToAtom(ctx, v);
    JS_FreeValue(ctx, v);
    if (a == JS_ATOM_NULL)
        return -1;
    for (i = 0; i < n; i++) {
        if (a == choices[i])
            break;
    }
    JS_FreeAtom(ctx, a);
    if (i == n) {
        JS_ThrowTypeError(ctx, "%s: invalid option", what);
        return -1;
    }
    return i;
}

static int get_alphabet(JSContext *ctx, JSValueConst opts, const char *what)
{
    static const JSAtom choices[] = { JS_ATOM_base64, JS_ATOM_base64url };
    return get_enum_option(ctx, opts, JS_ATOM_alphabet, choices, 2, 0, what);
}

static int get_last_chunk(JSContext *ctx, JSValueConst opts, const char *what)
{
    static const JSAtom choices[] = { JS_ATOM_loose, JS_ATOM_strict, JS_ATOM_stop_before_partial };
    return get_enum_option(ctx, opts, JS_ATOM_lastChunkHandling, choices, 3, LCH_LOOSE, what);
}

/* The string argument as a flat string value, or a TypeError (no
   coercion). */
static JSValue string_arg(JSContext *ctx, JSValueConst v, const char *what)
{
    if (!JS_IsString(v))
        return JS_ThrowTypeError(ctx, "%s: the argument must be a string", what);
    return wf_to_string(ctx, v);
}

static bool is_ascii_ws(uint32_t c)
{
    return c == 0x09 || c == 0x0a || c == 0x0c || c == 0x0d || c == 0x20;
}

static size_t skip_ws(const JSString *s, size_t i)
{
    while (i < s->len && is_ascii_ws(wf_str_get(s, (uint32_t)i)))
        i++;
    return i;
}

/* Value of a standard base64 character, -1 if not one. */
static int b64_value(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return (int)(c - 'A');
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 26);
    if (c >= '0' && c <= '9')
        return (int)(c - '0' + 52);
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* FromBase64 (23.3.x.x).  out->bytes has room for max_len bytes at most;
   -1 only on allocation failure (exception pending). */
static int from_base64(JSContext *ctx, const JSString *s, bool url, LastChunk lch,
                       size_t max_len, DecodeResult *out)
{
    size_t length = s->len, index = 0, cap;
    int chunk[4], chunk_len = 0;

    out->bytes = NULL;
    out->len = 0;
    out->read = 0;
    out->error = false;
    if (max_len == 0)
        return 0;
    /* every 4 characters give 3 bytes at most */
    cap = length / 4 * 3 + 3;
    if (cap > max_len)
        cap = max_len;
    out->bytes = js_malloc(ctx, cap ? cap : 1);
    if (!out->bytes)
        return -1;

    for (;;) {
        uint32_t c;
        int val;
        index = skip_ws(s, index);
        if (index == length) {
            if (chunk_len > 0) {
                if (lch == LCH_STOP_BEFORE_PARTIAL)
                    return 0;
                if (lch == LCH_LOOSE) {
                    if (chunk_len == 1) {
                        out->error = true;
                        return 0;
                    }
                    /* DecodeFinalBase64Chunk without the extra-bits check */
                    out->bytes[out->len++] = (uint8_t)((chunk[0] << 2) | (chunk[1] >> 4));
                    if (chunk_len == 3)
                        out->bytes[out->len++] = (uint8_t)(((chunk[1] & 15) << 4) | (chunk[2] >> 2));
                } else {
                    out->error = true;
                    return 0;
                }
            }
            out->read = length;
            return 0;
        }
        c = wf_str_get(s, (uint32_t)index);
        index++;
        if (c == '=') {
            if (chunk_len < 2) {
                out->error = true;
                return 0;
            }
            index = skip_ws(s, index);
            if (chunk_len == 2) {
                if (index == length) {
                    if (lch != LCH_STOP_BEFORE_PARTIAL)
                        out->error = true;
                    return 0;
                }
                c = wf_str_get(s, (uint32_t)index);
                if (c == '=')
                    index = skip_ws(s, index + 1);
            }
            if (index < length) {
                out->error = true;
                return 0;
            }
            if (lch == LCH_STRICT &&
                ((chunk_len == 2 && (chunk[1] & 15)) || (chunk_len == 3 && (chunk[2] & 3)))) {
                out->error = true;
                return 0;
            }
            out->bytes[out->len++] = (uint8_t)((chunk[0] << 2) | (chunk[1] >> 4));
            if (chunk_len == 3)
                out->bytes[out->len++] = (uint8_t)(((chunk[1] & 15) << 4) | (chunk[2] >> 2));
            out->read = length;
            return 0;
        }
        if (url) {
            if (c == '+' || c == '/') {
                out->error = true;
                return 0;
            }
            if (c == '-')
                c = '+';
            else if (c == '_')
                c = '/';
        }
        val = b64_value(c);
        if (val < 0) {
            out->error = true;
            return 0;
        }
        {
            size_t remaining = max_len - out->len;
            if ((remaining == 1 && chunk_len == 2) || (remaining == 2 && chunk_len == 3))
                return 0;
        }
        chunk[chunk_len++] = val;
        if (chunk_len == 4) {
            out->bytes[out->len++] = (uint8_t)((chunk[0] << 2) | (chunk[1] >> 4));
            out->bytes[out->len++] = (uint8_t)(((chunk[1] & 15) << 4) | (chunk[2] >> 2));
            out->bytes[out->len++] = (uint8_t)(((chunk[2] & 3) << 6) | chunk[3]);
            chunk_len = 0;
            out->read = index;
            if (out->len == max_len)
                return 0;
        }
    }
}

static int hex_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* FromHex: -1 only on allocation failure. */
static int from_hex(JSContext *ctx, const JSString *s, size_t max_len, DecodeResult *out)
{
    size_t length = s->len, cap;
    out->bytes = NULL;
    out->len = 0;
    out->read = 0;
    out->error = false;
    if (length % 2) {
        out->error = true;
        return 0;
    }
    cap = length / 2 < max_len ? length / 2 : max_len;
    out->bytes = js_malloc(ctx, cap ? cap : 1);
    if (!out->bytes)
        return -1;
    while (out->read < length && out->len < max_len) {
        int hi = hex_value(wf_str_get(s, (uint32_t)out->read));
        int lo = hex_value(wf_str_get(s, (uint32_t)out->read + 1));
        if (hi < 0 || lo < 0) {
            out->error = true;
            return 0;
        }
        out->read += 2;
        out->bytes[out->len++] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* A new Uint8Array holding the result, or the result's error. */
static JSValue result_to_array(JSContext *ctx, DecodeResult *r, const char *what)
{
    JSValue a;
    if (r->error) {
        js_free(ctx, r->bytes);
        return JS_ThrowSyntaxError(ctx, "%s: invalid input", what);
    }
    a = wf_ta_alloc(ctx, JS_TYPED_ARRAY_UINT8, r->len);
    if (!JS_IsException(a) && r->len)
        memcpy(wf_view_data(wf_view(wf_obj(a))), r->bytes, r->len);
    js_free(ctx, r->bytes);
    return a;
}

/* Uint8Array.fromBase64(string [, options]) */
static JSValue js_u8_fromBase64(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *what = "Uint8Array.fromBase64";
    JSValue str, opts;
    int alphabet, lch;
    DecodeResult r;
    (void)this_val;

    str = string_arg(ctx, WF_TA_ARG(0), what);
    if (JS_IsException(str))
        return str;
    opts = get_options(ctx, WF_TA_ARG(1), what);
    if (JS_IsException(opts))
        goto fail;
    alphabet = get_alphabet(ctx, opts, what);
    lch = alphabet < 0 ? -1 : get_last_chunk(ctx, opts, what);
    JS_FreeValue(ctx, opts);
    if (lch < 0)
        goto fail;
    if (from_base64(ctx, wf_str(str), alphabet == 1, (LastChunk)lch, (size_t)WF_MAX_SAFE_INT, &r))
        goto fail;
    JS_FreeValue(ctx, str);
    return result_to_array(ctx, &r, what);
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

/* Uint8Array.fromHex(string) */
static JSValue js_u8_fromHex(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str = string_arg(ctx, WF_TA_ARG(0), "Uint8Array.fromHex");
    DecodeResult r;
    int ret;
    (void)this_val;
    if (JS_IsException(str))
        return str;
    ret = from_hex(ctx, wf_str(str), (size_t)WF_MAX_SAFE_INT, &r);
    JS_FreeValue(ctx, str);
    if (ret)
        return JS_EXCEPTION;
    return result_to_array(ctx, &r, "Uint8Array.fromHex");
}

/* Write the decoded bytes into the target, then throw the error or
   return { read, written }. */
static JSValue set_result(JSContext *ctx, JSObject *p, DecodeResult *r, const char *what)
{
    JSValue obj;
    if (r->len)
        memcpy(wf_view_data(wf_view(p)), r->bytes, r->len);
    js_free(ctx, r->bytes);
    if (r->error)
        return JS_ThrowSyntaxError(ctx, "%s: invalid input", what);
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_read, JS_NewInt64(ctx, (int64_t)r->read),
                               JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_written, JS_NewInt64(ctx, (int64_t)r->len),
                               JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* Uint8Array.prototype.setFromBase64(string [, options]) */
static JSValue js_u8_setFromBase64(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *what = "Uint8Array.prototype.setFromBase64";
    JSObject *p = u8_this(ctx, this_val, what);
    JSValue str, opts;
    int alphabet, lch;
    size_t bl;
    DecodeResult r;

    if (!p)
        return JS_EXCEPTION;
    str = string_arg(ctx, WF_TA_ARG(0), what);
    if (JS_IsException(str))
        return str;
    opts = get_options(ctx, WF_TA_ARG(1), what);
    if (JS_IsException(opts))
        goto fail;
    alphabet = get_alphabet(ctx, opts, what);
    lch = alphabet < 0 ? -1 : get_last_chunk(ctx, opts, what);
    JS_FreeValue(ctx, opts);
    if (lch < 0)
        goto fail;
    if (wf_view_out_of_bounds(wf_view(p), &bl)) {
        JS_ThrowTypeError(ctx, "%s: the typed array is detached or out of bounds", what);
        goto fail;
    }
    if (from_base64(ctx, wf_str(str), alphabet == 1, (LastChunk)lch, bl, &r))
        goto fail;
    JS_FreeValue(ctx, str);
    return set_result(ctx, p, &r, what);
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

/* Uint8Array.prototype.setFromHex(string) */
static JSValue js_u8_setFromHex(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *what = "Uint8Array.prototype.setFromHex";
    JSObject *p = u8_this(ctx, this_val, what);
    JSValue str;
    size_t bl;
    DecodeResult r;
    int ret;

    if (!p)
        return JS_EXCEPTION;
    str = string_arg(ctx, WF_TA_ARG(0), what);
    if (JS_IsException(str))
        return str;
    if (wf_view_out_of_bounds(wf_view(p), &bl)) {
        JS_FreeValue(ctx, str);
        return JS_ThrowTypeError(ctx, "%s: the typed array is detached or out of bounds", what);
    }
    ret = from_hex(ctx, wf_str(str), bl, &r);
    JS_FreeValue(ctx, str);
    if (ret)
        return JS_EXCEPTION;
    return set_result(ctx, p, &r, what);
}

/* Uint8Array.prototype.toBase64([options]) */
static JSValue js_u8_toBase64(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    static const char std_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char url_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const char *what = "Uint8Array.prototype.toBase64";
    JSObject *p = u8_this(ctx, this_val, what);
    JSValue opts, v;
    int alphabet, omit;
    const char *chars;
    const uint8_t *d;
    size_t bl, i, olen, o = 0;
    uint8_t *out;

    if (!p)
        return JS_EXCEPTION;
    opts = get_options(ctx, WF_TA_ARG(0), what);
    if (JS_IsException(opts))
        return opts;
    alphabet = get_alphabet(ctx, opts, what);
    if (alphabet < 0) {
        JS_FreeValue(ctx, opts);
        return JS_EXCEPTION;
    }
    v = wf_obj_get(ctx, opts, JS_ATOM_omitPadding, opts);
    JS_FreeValue(ctx, opts);
    if (JS_IsException(v))
        return v;
    omit = wf_to_boolean(v);
    JS_FreeValue(ctx, v);
    if (wf_view_out_of_bounds(wf_view(p), &bl))
        return JS_ThrowTypeError(ctx, "%s: the typed array is detached or out of bounds", what);
    chars = alphabet == 1 ? url_chars : std_chars;
    olen = (bl + 2) / 3 * 4;
    if (olen > JS_STRING_LEN_MAX)
        return JS_ThrowRangeError(ctx, "%s: the result is too long", what);
    out = js_malloc(ctx, olen ? olen : 1);
    if (!out)
        return JS_EXCEPTION;
    d = wf_view_data(wf_view(p));
    for (i = 0; i + 3 <= bl; i += 3) {
        uint32_t x = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | d[i + 2];
        out[o++] = (uint8_t)chars[x >> 18];
        out[o++] = (uint8_t)chars[(x >> 12) & 63];
        out[o++] = (uint8_t)chars[(x >> 6) & 63];
        out[o++] = (uint8_t)chars[x & 63];
    }
    if (bl - i == 1) {
        uint32_t x = (uint32_t)d[i] << 16;
        out[o++] = (uint8_t)chars[x >> 18];
        out[o++] = (uint8_t)chars[(x >> 12) & 63];
        if (!omit) {
            out[o++] = '=';
            out[o++] = '=';
        }
    } else if (bl - i == 2) {
        uint32_t x = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8;
        out[o++] = (uint8_t)chars[x >> 18];
        out[o++] = (uint8_t)chars[(x >> 12) & 63];
        out[o++] = (uint8_t)chars[(x >> 6) & 63];
        if (!omit)
            out[o++] = '=';
    }
    v = wf_str_new8(ctx, out, (uint32_t)o);
    js_free(ctx, out);
    return v;
}

/* Uint8Array.prototype.toHex() */
static JSValue js_u8_toHex(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    static const char digits[] = "0123456789abcdef";
    const char *what = "Uint8Array.prototype.toHex";
    JSObject *p = u8_this(ctx, this_val, what);
    const uint8_t *d;
    size_t bl, i;
    uint8_t *out;
    JSValue v;
    (void)argc;
    (void)argv;

    if (!p)
        return JS_EXCEPTION;
    if (wf_view_out_of_bounds(wf_view(p), &bl))
        return JS_ThrowTypeError(ctx, "%s: the typed array is detached or out of bounds", what);
    if (bl > JS_STRING_LEN_MAX / 2)
        return JS_ThrowRangeError(ctx, "%s: the result is too long", what);
    out = js_malloc(ctx, bl ? bl * 2 : 1);
    if (!out)
        return JS_EXCEPTION;
    d = wf_view_data(wf_view(p));
    for (i = 0; i < bl; i++) {
        out[2 * i] = (uint8_t)digits[d[i] >> 4];
        out[2 * i + 1] = (uint8_t)digits[d[i] & 15];
    }
    v = wf_str_new8(ctx, out, (uint32_t)(bl * 2));
    js_free(ctx, out);
    return v;
}

const JSCFunctionListEntry wf_u8_b64_funcs[] = {
    JS_CFUNC_DEF("fromBase64", 1, js_u8_fromBase64),
    JS_CFUNC_DEF("fromHex", 1, js_u8_fromHex),
};
const int wf_u8_b64_funcs_count = countof(wf_u8_b64_funcs);

const JSCFunctionListEntry wf_u8_b64_proto_funcs[] = {
    JS_CFUNC_DEF("setFromBase64", 1, js_u8_setFromBase64),
    JS_CFUNC_DEF("setFromHex", 1, js_u8_setFromHex),
    JS_CFUNC_DEF("toBase64", 0, js_u8_toBase64),
    JS_CFUNC_DEF("toHex", 0, js_u8_toHex),
};
const int wf_u8_b64_proto_funcs_count = countof(wf_u8_b64_proto_funcs);
