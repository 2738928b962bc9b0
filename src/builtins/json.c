/*
 * json.c - the JSON object (ECMA-262 25.5): JSON.parse with its reviver
 * walk (25.5.1, InternalizeJSONProperty), JSON.stringify (25.5.2,
 * SerializeJSONProperty / QuoteJSONString / SerializeJSONObject /
 * SerializeJSONArray), JSON[@@toStringTag], and the public C entry points
 * JS_ParseJSON and JS_JSONStringify.
 *
 * The parser reads the string's own Latin-1 or UTF-16 buffer, builds
 * objects by appending properties to fresh ordinary objects (the same
 * thing CreateDataProperty does on an object nobody else can see yet),
 * interns keys through a small per-parse cache, and gathers array elements
 * on one value stack so each array is created once at its final size.
 * The stringifier appends to one WFStringBuilder; a member that turns out
 * to be undefined is rolled back by resetting the builder's length.
 *
 * Both recurse on nesting and check the C stack at every level: a deeply
 * nested input throws a RangeError.  Source text access for revivers
 * (JSON.parse source proposal) and JSON.rawJSON are not implemented.
 */
#include <math.h>
#include <stdio.h>
#include "builtins/builtins.h"
#include "engine/num/num.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ================================================================ parse */

#define KEY_CACHE_SIZE 512      /* power of two */

typedef struct KeyCacheEntry {
    JSAtom atom;                /* counted; JS_ATOM_NULL: empty */
    uint32_t hash;
} KeyCacheEntry;

typedef struct JSONParser {
    JSContext *ctx;
    const uint8_t *p8;          /* Latin-1 source, or NULL */
    const uint16_t *p16;        /* UTF-16 source when p8 is NULL */
    uint32_t pos;
    uint32_t len;
    const char *filename;       /* JS_ParseJSON: for the SyntaxError; else NULL */
    JSValueConst obj_proto;     /* %Object.prototype% */
    JSValue *stack;             /* pending array elements of every open array */
    uint32_t sp, stack_size;
    uint16_t *tmp;              /* decoded string with escapes */
    uint32_t tmp_len, tmp_size;
    KeyCacheEntry cache[KEY_CACHE_SIZE];
} JSONParser;

static inline uint32_t ch(const JSONParser *s, uint32_t i)
{
    return s->p8 ? s->p8[i] : s->p16[i];
}

static inline void skip_ws(JSONParser *s)
{
    while (s->pos < s->len) {
        uint32_t c = ch(s, s->pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

/* Throw SyntaxError "<what> in JSON at position N (line L column C)". */
static int json_error_at(JSONParser *s, uint32_t pos, const char *what)
{
    char msg[160];
    uint32_t i, line = 1, col = 1;

    for (i = 0; i < pos && i < s->len; i++) {
        if (ch(s, i) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    snprintf(msg, sizeof(msg), "%s in JSON at position %u (line %u column %u)",
             what, pos, line, col);
    if (s->filename)
        wf_throw_syntax_error_at(s->ctx, s->filename, (int)line, (int)col, msg);
    else
        JS_ThrowSyntaxError(s->ctx, "%s", msg);
    return -1;
}

/* The character at pos is not what the grammar allows there. */
static int json_unexpected(JSONParser *s)
{
    char what[64];
    uint32_t c;

    if (s->pos >= s->len) {
        if (s->filename)
            return json_error_at(s, s->pos, "Unexpected end of input");
        JS_ThrowSyntaxError(s->ctx, "Unexpected end of JSON input");
        return -1;
    }
    c = ch(s, s->pos);
    if (c >= 0x20 && c < 0x7f)
        snprintf(what, sizeof(what), "Unexpected token '%c'", (char)c);
    else
        snprintf(what, sizeof(what), "Unexpected character U+%04X", (unsigned)c);
    return json_error_at(s, s->pos, what);
}

static int json_expect(JSONParser *s, const char *what)
{
    if (s->pos >= s->len)
        return json_unexpected(s);
    return json_error_at(s, s->pos, what);
}

static int tmp_putc(JSONParser *s, uint32_t c)
{
    if (s->tmp_len == s->tmp_size) {
        uint32_t ns = s->tmp_size ? s->tmp_size * 2 : 64;
        uint16_t *nt;
        if (ns > JS_STRING_LEN_MAX) {
            JS_ThrowRangeError(s->ctx, "invalid string length");
            return -1;
        }
        nt = js_realloc(s->ctx, s->tmp, sizeof(uint16_t) * ns);
        if (!nt)
            return -1;
        s->tmp = nt;
        s->tmp_size = ns;
    }
    s->tmp[s->tmp_len++] = (uint16_t)c;
    return 0;
}

static int hex_val(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    return -1;
}

/* Scan a string body from s->pos (just after the opening quote) up to the
   first quote, backslash or control character.  Returns its end. */
static uint32_t scan_plain(const JSONParser *s, uint32_t pos)
{
    if (s->p8) {
        const uint8_t *p = s->p8;
        while (pos < s->len) {
            uint8_t c = p[pos];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            pos++;
        }
    } else {
        const uint16_t *p = s->p16;
        while (pos < s->len) {
            uint16_t c = p[pos];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            pos++;
        }
    }
    return pos;
}

/* Decode a string with escapes into s->tmp, starting at the opening quote
   + 1; on return s->pos is past the closing quote. */
static int decode_string(JSONParser *s, uint32_t start)
{
    uint32_t pos, c;
    int i, h, v;

    s->tmp_len = 0;
    for (pos = start;;) {
        uint32_t end = scan_plain(s, pos);
        for (; pos < end; pos++) {
            if (tmp_putc(s, ch(s, pos)) < 0)
                return -1;
        }
        if (pos >= s->len) {
            s->pos = pos;
            return json_error_at(s, start - 1, "Unterminated string");
        }
        c = ch(s, pos);
        if (c == '"') {
            s->pos = pos + 1;
            return 0;
        }
        if (c < 0x20) {
            s->pos = pos;
            return json_error_at(s, pos, "Bad control character in string literal");
        }
        /* backslash */
        pos++;
        if (pos >= s->len) {
            s->pos = pos;
            return json_error_at(s, start - 1, "Unterminated string");
        }
        c = ch(s, pos++);
        switch (c) {
        case '"': case '\\': case '/':
            break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
            v = 0;
            for (i = 0; i < 4; i++) {
                h = pos + i < s->len ? hex_val(ch(s, pos + i)) : -1;
                if (h < 0)
                    return json_error_at(s, pos + i, "Bad Unicode escape");
                v = v * 16 + h;
            }
            pos += 4;
            c = (uint32_t)v;
            break;
        default:
            return json_error_at(s, pos - 1, "Bad escaped character");
        }
        if (tmp_putc(s, c) < 0)
            return -1;
    }
}

static JSValue parse_string(JSONParser *s)
{
    uint32_t start = s->pos + 1, end = scan_plain(s, start);

    if (end < s->len && ch(s, end) == '"') {
        s->pos = end + 1;
        if (s->p8)
            return wf_str_new8(s->ctx, s->p8 + start, end - start);
        return wf_str_new16(s->ctx, s->p16 + start, end - start);
    }
    if (decode_string(s, start) < 0)
        return JS_EXCEPTION;
    return wf_str_new16(s->ctx, s->tmp, s->tmp_len);
}

static uint32_t key_hash(const JSONParser *s, uint32_t start, uint32_t end)
{
    uint32_t h = 2166136261u, i;
    if (s->p8) {
        for (i = start; i < end; i++)
            h = (h ^ s->p8[i]) * 16777619u;
    } else {
        for (i = start; i < end; i++)
            h = (h ^ s->p16[i]) * 16777619u;
    }
    return h ^ (h >> 15);
}

static bool key_eq(const JSString *str, const JSONParser *s, uint32_t start, uint32_t n)
{
    uint32_t i;
    if (str->len != n)
        return false;
    if (s->p8 && !str->is_wide)
        return memcmp(str->u.str8, s->p8 + start, n) == 0;
    if (!s->p8 && str->is_wide)
        return memcmp(str->u.str16, s->p16 + start, n * sizeof(uint16_t)) == 0;
    for (i = 0; i < n; i++) {
        if (wf_str_get(str, i) != ch(s, start + i))
            return false;
    }
    return true;
}

/* A property name at s->pos (on its opening quote): a new atom reference,
   or JS_ATOM_NULL with an exception. */
static JSAtom parse_key(JSONParser *s)
{
    JSRuntime *rt = s->ctx->rt;
    uint32_t start = s->pos + 1, end = scan_plain(s, start), h;
    KeyCacheEntry *e;
    JSValue str;
    JSAtom atom;

    if (end < s->len && ch(s, end) == '"') {
        h = key_hash(s, start, end);
        e = &s->cache[h & (KEY_CACHE_SIZE - 1)];
        if (e->atom != JS_ATOM_NULL && e->hash == h) {
            JSString *as = wf_atom_get_str(rt, e->atom);
            if (as && key_eq(as, s, start, end - start)) {
                s->pos = end + 1;
                return wf_atom_dup(rt, e->atom);
            }
        }
        s->pos = end + 1;
        if (s->p8)
            str = wf_str_new8(s->ctx, s->p8 + start, end - start);
        else
            str = wf_str_new16(s->ctx, s->p16 + start, end - start);
        if (JS_IsException(str))
            return JS_ATOM_NULL;
        atom = wf_atom_new_str(s->ctx, wf_str(str));
        if (atom != JS_ATOM_NULL && !wf_atom_is_int(atom)) {
            if (e->atom != JS_ATOM_NULL)
                wf_atom_free(rt, e->atom);
            e->atom = wf_atom_dup(rt, atom);
            e->hash = h;
        }
        return atom;
    }
    if (decode_string(s, start) < 0)
        return JS_ATOM_NULL;
    str = wf_str_new16(s->ctx, s->tmp, s->tmp_len);
    if (JS_IsException(str))
        return JS_ATOM_NULL;
    return wf_atom_new_str(s->ctx, wf_str(str));
}

static JSValue parse_number(JSONParser *s)
{
    uint32_t start = s->pos, pos = s->pos, ndigits = 0;
    uint64_t acc = 0;
    bool neg = false, is_int = true;
    char sbuf[128], *buf;
    size_t n, used;
    double d;

    if (ch(s, pos) == '-') {
        neg = true;
        pos++;
    }
    if (pos >= s->len || ch(s, pos) - '0' > 9) {
        s->pos = pos;
        if (pos >= s->len)
            return json_unexpected(s), JS_EXCEPTION;
        json_error_at(s, pos, "No number after minus sign");
        return JS_EXCEPTION;
    }
    if (ch(s, pos) == '0') {
        pos++;
        ndigits = 1;
    } else {
        while (pos < s->len && ch(s, pos) - '0' <= 9) {
            acc = acc * 10 + (ch(s, pos) - '0');
            ndigits++;
            pos++;
            if (ndigits > 18)
                is_int = false;
        }
    }
    if (pos < s->len && ch(s, pos) == '.') {
        is_int = false;
        pos++;
        if (pos >= s->len || ch(s, pos) - '0' > 9) {
            s->pos = pos;
            json_error_at(s, pos, "Unterminated fractional number");
            return JS_EXCEPTION;
        }
        while (pos < s->len && ch(s, pos) - '0' <= 9)
            pos++;
    }
    if (pos < s->len && (ch(s, pos) | 0x20) == 'e') {
        is_int = false;
        pos++;
        if (pos < s->len && (ch(s, pos) == '+' || ch(s, pos) == '-'))
            pos++;
        if (pos >= s->len || ch(s, pos) - '0' > 9) {
            s->pos = pos;
            json_error_at(s, pos, "Exponent part is missing a number");
            return JS_EXCEPTION;
        }
        while (pos < s->len && ch(s, pos) - '0' <= 9)
            pos++;
    }
    s->pos = pos;
    if (is_int && acc <= (1ULL << 53)) {
        d = (double)acc;
        return wf_number(neg ? -d : d);
    }
    /* correctly rounded conversion of the digits after the sign */
    start += neg;
    n = pos - start;
    buf = n < sizeof(sbuf) ? sbuf : js_malloc(s->ctx, n + 1);
    if (!buf)
        return JS_EXCEPTION;
    for (used = 0; used < n; used++)
        buf[used] = (char)ch(s, start + (uint32_t)used);
    buf[n] = '\0';
    d = wf_num_strtod(buf, n, &used);
    if (buf != sbuf)
        js_free(s->ctx, buf);
    return wf_number(neg ? -d : d);
}

static int parse_literal(JSONParser *s, const char *lit)
{
    uint32_t i;
    for (i = 0; lit[i]; i++) {
        if (s->pos >= s->len || ch(s, s->pos) != (uint8_t)lit[i])
            return json_unexpected(s);
        s->pos++;
    }
    return 0;
}

static int stack_push(JSONParser *s, JSValue v)
{
    if (s->sp == s->stack_size) {
        uint32_t ns = s->stack_size ? s->stack_size * 2 : 64;
        JSValue *nst = js_realloc(s->ctx, s->stack, sizeof(JSValue) * ns);
        if (!nst) {
            JS_FreeValue(s->ctx, v);
            return -1;
        }
        s->stack = nst;
        s->stack_size = ns;
    }
    s->stack[s->sp++] = v;
    return 0;
}

static JSValue parse_value(JSONParser *s);

/* CreateDataProperty on a fresh ordinary object (v consumed). */
static int add_member(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue v)
{
    JSObject *p = wf_obj(obj);
    JSProperty *pr;
    int idx;

    if (wf_atom_is_int(atom))
        return wf_obj_define_value(ctx, obj, atom, v, JS_PROP_C_W_E | JS_PROP_THROW);
    idx = wf_shape_find(p->shape, atom);
    if (idx >= 0) {
        /* a repeated key: the last value wins, the first position stays */
        JS_FreeValue(ctx, p->prop[idx].u.value);
        p->prop[idx].u.value = v;
        return 0;
    }
    pr = wf_obj_add_property(ctx, p, atom, JS_PROP_C_W_E);
    if (!pr) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    pr->u.value = v;
    return 0;
}

static JSValue parse_object(JSONParser *s)
{
    JSContext *ctx = s->ctx;
    JSValue obj, v;
    JSAtom atom;
    int r;

    if (wf_check_stack_overflow(ctx->rt, 0))
        return wf_throw_stack_overflow(ctx);
    s->pos++;
    obj = wf_obj_new(ctx, s->obj_proto, JS_CLASS_OBJECT);
    if (JS_IsException(obj))
        return obj;
    skip_ws(s);
    if (s->pos < s->len && ch(s, s->pos) == '}') {
        s->pos++;
        return obj;
    }
    for (;;) {
        if (s->pos >= s->len || ch(s, s->pos) != '"') {
            json_expect(s, "Expected double-quoted property name");
            goto fail;
        }
        atom = parse_key(s);
        if (atom == JS_ATOM_NULL)
            goto fail;
        skip_ws(s);
        if (s->pos >= s->len || ch(s, s->pos) != ':') {
            JS_FreeAtom(ctx, atom);
            json_expect(s, "Expected ':' after property name");
            goto fail;
        }
        s->pos++;
        v = parse_value(s);
        if (JS_IsException(v)) {
            JS_FreeAtom(ctx, atom);
            goto fail;
        }
        r = add_member(ctx, obj, atom, v);
        JS_FreeAtom(ctx, atom);
        if (r < 0)
            goto fail;
        skip_ws(s);
        if (s->pos < s->len && ch(s, s->pos) == ',') {
            s->pos++;
            skip_ws(s);
            continue;
        }
        if (s->pos < s->len && ch(s, s->pos) == '}') {
            s->pos++;
            return obj;
        }
        json_expect(s, "Expected ',' or '}' after property value");
        goto fail;
    }
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue parse_array(JSONParser *s)
{
    JSContext *ctx = s->ctx;
    uint32_t base = s->sp;
    JSValue v;

    if (wf_check_stack_overflow(ctx->rt, 0))
        return wf_throw_stack_overflow(ctx);
    s->pos++;
    skip_ws(s);
    if (s->pos < s->len && ch(s, s->pos) == ']') {
        s->pos++;
        return wf_array_new(ctx, 0);
    }
    for (;;) {
        v = parse_value(s);
        if (JS_IsException(v) || stack_push(s, v) < 0)
            return JS_EXCEPTION;   /* the caller frees the stack */
        skip_ws(s);
        if (s->pos < s->len && ch(s, s->pos) == ',') {
            s->pos++;
            continue;
        }
        if (s->pos < s->len && ch(s, s->pos) == ']') {
            s->pos++;
            break;
        }
        json_expect(s, "Expected ',' or ']' after array element");
        return JS_EXCEPTION;
    }
    v = wf_array_from_values(ctx, s->sp - base, s->stack + base);
    s->sp = base;
    return v;
}

static JSValue parse_value(JSONParser *s)
{
    skip_ws(s);
    if (s->pos >= s->len)
        return json_unexpected(s), JS_EXCEPTION;
    switch (ch(s, s->pos)) {
    case '{':
        return parse_object(s);
    case '[':
        return parse_array(s);
    case '"':
        return parse_string(s);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return parse_number(s);
    case 't':
        return parse_literal(s, "true") < 0 ? JS_EXCEPTION : JS_TRUE;
    case 'f':
        return parse_literal(s, "false") < 0 ? JS_EXCEPTION : JS_FALSE;
    case 'n':
        return parse_literal(s, "null") < 0 ? JS_EXCEPTION : JS_NULL;
    default:
        json_unexpected(s);
        return JS_EXCEPTION;
    }
}

/* Parse the whole of a flat string value. */
static JSValue json_parse_str(JSContext *ctx, JSValueConst str, const char *filename)
{
    JSONParser *s;
    JSString *p = wf_str(str);
    JSValue v;
    uint32_t i;

    s = js_malloc(ctx, sizeof(*s));
    if (!s)
        return JS_EXCEPTION;
    memset(s, 0, offsetof(JSONParser, cache));
    memset(s->cache, 0, sizeof(s->cache));
    s->ctx = ctx;
    if (p->is_wide)
        s->p16 = p->u.str16;
    else
        s->p8 = p->u.str8;
    s->len = p->len;
    s->filename = filename;
    s->obj_proto = ctx->class_proto[JS_CLASS_OBJECT];

    v = parse_value(s);
    if (!JS_IsException(v)) {
        skip_ws(s);
        if (s->pos < s->len) {
            JS_FreeValue(ctx, v);
            v = JS_EXCEPTION;
            json_error_at(s, s->pos, "Unexpected non-whitespace character after JSON");
        }
    }
    for (i = 0; i < s->sp; i++)
        JS_FreeValue(ctx, s->stack[i]);
    for (i = 0; i < KEY_CACHE_SIZE; i++) {
        if (s->cache[i].atom != JS_ATOM_NULL)
            wf_atom_free(ctx->rt, s->cache[i].atom);
    }
    js_free(ctx, s->stack);
    js_free(ctx, s->tmp);
    js_free(ctx, s);
    return v;
}

/* A flat string (JS_TAG_STRING) from any value, or JS_EXCEPTION. */
static JSValue to_flat_string(JSContext *ctx, JSValueConst v)
{
    JSValue s = wf_to_string(ctx, v);
    if (!JS_IsException(s) && JS_VALUE_GET_TAG(s) != JS_TAG_STRING) {
        WFStringBuilder sb;
        if (wf_sb_init(ctx, &sb, 0) < 0) {
            JS_FreeValue(ctx, s);
            return JS_EXCEPTION;
        }
        wf_sb_put_value(&sb, s);
        JS_FreeValue(ctx, s);
        s = wf_sb_finish(&sb);
    }
    return s;
}

/* Key atom for index i (int atoms need no freeing). */
static JSAtom index_atom(JSContext *ctx, int64_t i)
{
    char buf[32];
    if (i < (int64_t)JS_ATOM_MAX_INT && wf_atom_uint_fits((uint32_t)i))
        return wf_atom_from_uint((uint32_t)i);
    snprintf(buf, sizeof(buf), "%lld", (long long)i);
    return JS_NewAtom(ctx, buf);
}

static void free_key_atom(JSContext *ctx, JSAtom a)
{
    if (!wf_atom_is_int(a))
        JS_FreeAtom(ctx, a);
}

/* EnumerableOwnProperties(obj, key): string keys whose [[GetOwnProperty]]
   is present and enumerable, in [[OwnPropertyKeys]] order.  The table is
   compacted in place; free with wf_prop_enum_free(rt, tab, total). */
static int enumerable_own_keys(JSContext *ctx, JSValueConst obj, JSPropertyEnum **ptab,
                               uint32_t *pcount, uint32_t *ptotal)
{
    JSPropertyEnum *tab;
    JSPropertyDescriptor desc;
    uint32_t n, i, j;
    int r;

    if (wf_obj_own_keys(ctx, &tab, &n, obj, JS_GPN_STRING_MASK) < 0)
        return -1;
    for (i = j = 0; i < n; i++) {
        r = wf_obj_get_own_property(ctx, &desc, obj, tab[i].atom);
        if (r < 0) {
            wf_prop_enum_free(ctx->rt, tab, n);
            return -1;
        }
        if (r) {
            bool en = (desc.flags & JS_PROP_ENUMERABLE) != 0;
            wf_desc_free(ctx, &desc);
            if (en) {
                /* swap so every atom stays in the table for freeing */
                JSAtom t = tab[j].atom;
                tab[j].atom = tab[i].atom;
                tab[i].atom = t;
                j++;
            }
        }
    }
    *ptab = tab;
    *pcount = j;
    *ptotal = n;
    return 0;
}

/* InternalizeJSONProperty(holder, name, reviver) (25.5.1.1). */
static JSValue internalize(JSContext *ctx, JSValueConst holder, JSAtom name,
                           JSValueConst reviver)
{
    JSValue val, nv, args[2], res;
    int64_t len, i;
    int r;

    if (wf_check_stack_overflow(ctx->rt, 0))
        return wf_throw_stack_overflow(ctx);
    val = wf_obj_get(ctx, holder, name, holder);
    if (JS_IsException(val))
        return val;
    if (JS_IsObject(val)) {
        r = wf_is_array(ctx, val);
        if (r < 0)
            goto fail;
        if (r) {
            JSValue lv = wf_obj_get(ctx, val, JS_ATOM_length, val);
            if (JS_IsException(lv))
                goto fail;
            r = wf_to_length(ctx, &len, lv);
            JS_FreeValue(ctx, lv);
            if (r < 0)
                goto fail;
            for (i = 0; i < len; i++) {
                JSAtom a = index_atom(ctx, i);
                if (a == JS_ATOM_NULL)
                    goto fail;
                nv = internalize(ctx, val, a, reviver);
                if (JS_IsException(nv)) {
                    free_key_atom(ctx, a);
                    goto fail;
                }
                if (JS_IsUndefined(nv))
                    r = wf_obj_delete(ctx, val, a, 0);
                else
                    r = wf_obj_define_value(ctx, val, a, nv, JS_PROP_C_W_E);
                free_key_atom(ctx, a);
                if (r < 0)
                    goto fail;
            }
        } else {
            JSPropertyEnum *tab;
            uint32_t n, total, k;
            if (enumerable_own_keys(ctx, val, &tab, &n, &total) < 0)
                goto fail;
            for (k = 0; k < n; k++) {
                nv = internalize(ctx, val, tab[k].atom, reviver);
                if (JS_IsException(nv)) {
                    wf_prop_enum_free(ctx->rt, tab, total);
                    goto fail;
                }
                if (JS_IsUndefined(nv))
                    r = wf_obj_delete(ctx, val, tab[k].atom, 0);
                else
                    r = wf_obj_define_value(ctx, val, tab[k].atom, nv, JS_PROP_C_W_E);
                if (r < 0) {
                    wf_prop_enum_free(ctx->rt, tab, total);
                    goto fail;
                }
            }
            wf_prop_enum_free(ctx->rt, tab, total);
        }
    }
    args[0] = JS_AtomToString(ctx, name);
    if (JS_IsException(args[0]))
        goto fail;
    args[1] = val;
    res = wf_call(ctx, reviver, holder, 2, args);
    JS_FreeValue(ctx, args[0]);
    JS_FreeValue(ctx, val);
    return res;
fail:
    JS_FreeValue(ctx, val);
    return JS_EXCEPTION;
}

static JSValue json_parse(JSContext *ctx, JSValueConst text, JSValueConst reviver,
                          const char *filename)
{
    JSValue str, val, root, res;

    str = to_flat_string(ctx, text);
    if (JS_IsException(str))
        return str;
    val = json_parse_str(ctx, str, filename);
    JS_FreeValue(ctx, str);
    if (JS_IsException(val) || !wf_is_callable(reviver))
        return val;
    root = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(root)) {
        JS_FreeValue(ctx, val);
        return root;
    }
    if (wf_obj_define_value(ctx, root, JS_ATOM_empty_string, val,
                            JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, root);
        return JS_EXCEPTION;
    }
    res = internalize(ctx, root, JS_ATOM_empty_string, reviver);
    JS_FreeValue(ctx, root);
    return res;
}

static JSValue js_json_parse(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    (void)this_val;
    return json_parse(ctx, argv[0], argc > 1 ? argv[1] : JS_UNDEFINED, NULL);
}

JSValue JS_ParseJSON(JSContext *ctx, const char *buf, size_t buf_len, const char *filename)
{
    JSValue str, val;
    if (!buf && buf_len)
        return JS_ThrowTypeError(ctx, "JS_ParseJSON: NULL buffer");
    str = JS_NewStringLen(ctx, buf ? buf : "", buf_len);
    if (JS_IsException(str))
        return str;
    val = json_parse(ctx, str, JS_UNDEFINED, filename ? filename : "<input>");
    JS_FreeValue(ctx, str);
    return val;
}

/* ============================================================ stringify */

typedef struct JSONStringifier {
    JSContext *ctx;
    WFStringBuilder sb;
    JSValueConst replacer;      /* ReplacerFunction, or undefined */
    JSAtom *props;              /* PropertyList as atoms (owned), when has_props */
    uint32_t n_props;
    bool has_props;
    uint16_t gap[10];
    int gap_len;
    JSObject **stack;           /* objects being serialized, for cycles */
    uint32_t depth, stack_size;
} JSONStringifier;

static int json_value(JSONStringifier *s, JSValue v, JSValueConst holder, JSAtom key);

static const char hex_digits[] = "0123456789abcdef";

static void put_u_escape(WFStringBuilder *sb, uint32_t c)
{
    uint8_t b[6];
    b[0] = '\\';
    b[1] = 'u';
    b[2] = (uint8_t)hex_digits[(c >> 12) & 15];
    b[3] = (uint8_t)hex_digits[(c >> 8) & 15];
    b[4] = (uint8_t)hex_digits[(c >> 4) & 15];
    b[5] = (uint8_t)hex_digits[c & 15];
    wf_sb_put8(sb, b, 6);
}

static void put_escape(WFStringBuilder *sb, uint32_t c)
{
    switch (c) {
    case '\b': wf_sb_puts(sb, "\\b"); break;
    case '\t': wf_sb_puts(sb, "\\t"); break;
    case '\n': wf_sb_puts(sb, "\\n"); break;
    case '\f': wf_sb_puts(sb, "\\f"); break;
    case '\r': wf_sb_puts(sb, "\\r"); break;
    case '"': wf_sb_puts(sb, "\\\""); break;
    case '\\': wf_sb_puts(sb, "\\\\"); break;
    default: put_u_escape(sb, c); break;
    }
}

/* QuoteJSONString (25.5.2.3), well-formed: lone surrogates escaped. */
static int quote_string(WFStringBuilder *sb, const JSString *p)
{
    uint32_t i = 0, run, n = p->len, c;

    wf_sb_putc(sb, '"');
    if (!p->is_wide) {
        const uint8_t *b = p->u.str8;
        while (i < n) {
            for (run = i; run < n; run++) {
                c = b[run];
                if (c < 0x20 || c == '"' || c == '\\')
                    break;
            }
            if (run > i)
                wf_sb_put8(sb, b + i, run - i);
            if (run == n)
                break;
            put_escape(sb, b[run]);
            i = run + 1;
        }
    } else {
        const uint16_t *w = p->u.str16;
        while (i < n) {
            for (run = i; run < n; run++) {
                c = w[run];
                if (c < 0x20 || c == '"' || c == '\\')
                    break;
                if (c >= 0xd800 && c <= 0xdfff) {
                    if (c <= 0xdbff && run + 1 < n && w[run + 1] >= 0xdc00 && w[run + 1] <= 0xdfff) {
                        run++;      /* a proper pair stays as is */
                        continue;
                    }
                    break;
                }
            }
            if (run > i)
                wf_sb_put16(sb, w + i, run - i);
            if (run >= n)
                break;
            c = w[run];
            if (c >= 0xd800 && c <= 0xdfff)
                put_u_escape(sb, c);
            else
                put_escape(sb, c);
            i = run + 1;
        }
    }
    return wf_sb_putc(sb, '"');
}

static int quote_atom(JSONStringifier *s, JSAtom a)
{
    if (wf_atom_is_int(a)) {
        char buf[16];
        int n = snprintf(buf, sizeof(buf), "\"%u\"", wf_atom_to_uint(a));
        return wf_sb_put8(&s->sb, (const uint8_t *)buf, (uint32_t)n);
    }
    return quote_string(&s->sb, wf_atom_get_str(s->ctx->rt, a));
}

static void put_number(WFStringBuilder *sb, JSValueConst v)
{
    char buf[WF_NUM_BUF_SIZE];
    int n;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        n = snprintf(buf, sizeof(buf), "%d", JS_VALUE_GET_INT(v));
    } else {
        double d = JS_VALUE_GET_FLOAT64(v);
        if (!isfinite(d)) {
            wf_sb_puts(sb, "null");
            return;
        }
        n = wf_num_dtoa(d, buf);
    }
    wf_sb_put8(sb, (const uint8_t *)buf, (uint32_t)n);
}

static void put_indent(JSONStringifier *s, uint32_t level)
{
    uint32_t i;
    int j;
    wf_sb_putc(&s->sb, '\n');
    for (i = 0; i < level; i++) {
        for (j = 0; j < s->gap_len; j++)
            wf_sb_putc(&s->sb, s->gap[j]);
    }
}

static int push_object(JSONStringifier *s, JSObject *p)
{
    uint32_t i;
    if (wf_check_stack_overflow(s->ctx->rt, 0)) {
        wf_throw_stack_overflow(s->ctx);
        return -1;
    }
    for (i = s->depth; i-- > 0;) {
        if (s->stack[i] == p) {
            JS_ThrowTypeError(s->ctx, "Converting circular structure to JSON");
            return -1;
        }
    }
    if (s->depth == s->stack_size) {
        uint32_t ns = s->stack_size ? s->stack_size * 2 : 16;
        JSObject **nst = js_realloc(s->ctx, s->stack, sizeof(*nst) * ns);
        if (!nst)
            return -1;
        s->stack = nst;
        s->stack_size = ns;
    }
    s->stack[s->depth++] = p;
    return 0;
}

#define KEYS_STACK 16

/* Snapshot of an ordinary object's enumerable string keys straight from
   its shape, when the shape order is [[OwnPropertyKeys]] order (no index
   keys, which must come first and sorted).  Returns the count, -1 if not
   applicable, -2 on exception; atoms are duplicated into *ptab, which is
   stack_buf when they fit, else js_malloc'd. */
static int64_t shape_keys(JSONStringifier *s, JSObject *p, JSAtom *stack_buf, JSAtom **ptab)
{
    JSRuntime *rt = s->ctx->rt;
    JSShape *sh = p->shape;
    JSAtom *tab;
    int i, n = 0;

    if (p->class_id != JS_CLASS_OBJECT || p->is_exotic)
        return -1;
    for (i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        JSAtom a = prs->atom;
        if (a == JS_ATOM_NULL || !(prs->flags & JS_PROP_ENUMERABLE))
            continue;
        if (wf_atom_is_int(a))
            return -1;
        if (wf_atom_is_symbol(rt, a))
            continue;
        {
            JSString *str = wf_atom_get_str(rt, a);
            uint32_t idx;
            if (str && str->len && wf_str_get(str, 0) - '0' <= 9 &&
                wf_atom_is_array_index(rt, &idx, a))
                return -1;
        }
        n++;
    }
    *ptab = NULL;
    if (n == 0)
        return 0;
    if (n <= KEYS_STACK) {
        tab = stack_buf;
    } else {
        tab = js_malloc(s->ctx, sizeof(JSAtom) * (size_t)n);
        if (!tab)
            return -2;
    }
    n = 0;
    for (i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        JSAtom a = prs->atom;
        if (a == JS_ATOM_NULL || !(prs->flags & JS_PROP_ENUMERABLE) ||
            wf_atom_is_symbol(rt, a))
            continue;
        tab[n++] = wf_atom_dup(rt, a);
    }
    *ptab = tab;
    return n;
}

/* Get(obj, key) with a direct read of an own data property. */
static JSValue get_member(JSContext *ctx, JSValueConst obj, JSAtom key)
{
    JSObject *p = wf_obj(obj);
    if (p->class_id == JS_CLASS_OBJECT && !p->is_exotic) {
        int idx = wf_shape_find(p->shape, key);
        if (idx >= 0 && (p->shape->prop[idx].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
            return JS_DupValue(ctx, p->prop[idx].u.value);
    }
    return wf_obj_get(ctx, obj, key, obj);
}

/* SerializeJSONObject (25.5.2.5). */
static int json_object(JSONStringifier *s, JSValueConst obj)
{
    JSContext *ctx = s->ctx;
    JSAtom *keys = NULL, key_buf[KEYS_STACK];
    JSPropertyEnum *tab = NULL;
    uint32_t n = 0, total = 0, i, mark;
    int64_t r64;
    bool first = true, owned_keys = false;
    int r, ret = -1;

    if (push_object(s, wf_obj(obj)) < 0)
        return -1;
    if (s->has_props) {
        keys = s->props;
        n = s->n_props;
    } else {
        r64 = shape_keys(s, wf_obj(obj), key_buf, &keys);
        if (r64 == -2)
            goto done;
        if (r64 >= 0) {
            n = (uint32_t)r64;
            owned_keys = true;
        } else {
            if (enumerable_own_keys(ctx, obj, &tab, &n, &total) < 0)
                goto done;
        }
    }
    wf_sb_putc(&s->sb, '{');
    for (i = 0; i < n; i++) {
        JSAtom key = tab ? tab[i].atom : keys[i];
        JSValue v = get_member(ctx, obj, key);
        if (JS_IsException(v))
            goto done;
        mark = s->sb.len;
        if (!first)
            wf_sb_putc(&s->sb, ',');
        if (s->gap_len)
            put_indent(s, s->depth);
        quote_atom(s, key);
        wf_sb_putc(&s->sb, ':');
        if (s->gap_len)
            wf_sb_putc(&s->sb, ' ');
        r = json_value(s, v, obj, key);
        if (r < 0)
            goto done;
        if (r == 0)
            s->sb.len = mark;   /* undefined member: take it back */
        else
            first = false;
    }
    if (!first && s->gap_len)
        put_indent(s, s->depth - 1);
    wf_sb_putc(&s->sb, '}');
    ret = 0;
done:
    if (owned_keys) {
        for (i = 0; i < n; i++)
            wf_atom_free(ctx->rt, keys[i]);
        if (keys != key_buf)
            js_free(ctx, keys);
    }
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, total);
    s->depth--;
    return ret;
}

/* SerializeJSONArray (25.5.2.6). */
static int json_array(JSONStringifier *s, JSValueConst arr)
{
    JSContext *ctx = s->ctx;
    int64_t len, i;
    int r;

    if (push_object(s, wf_obj(arr)) < 0)
        return -1;
    if (JS_VALUE_GET_TAG(arr) == JS_TAG_OBJECT && wf_obj(arr)->class_id == JS_CLASS_ARRAY) {
        len = wf_array_length(wf_obj(arr));
    } else {
        JSValue lv = wf_obj_get(ctx, arr, JS_ATOM_length, arr);
        if (JS_IsException(lv))
            goto fail;
        r = wf_to_length(ctx, &len, lv);
        JS_FreeValue(ctx, lv);
        if (r < 0)
            goto fail;
    }
    wf_sb_putc(&s->sb, '[');
    for (i = 0; i < len; i++) {
        JSValue v, *vals;
        uint32_t count;
        JSAtom key;
        if (i > 0)
            wf_sb_putc(&s->sb, ',');
        if (s->gap_len)
            put_indent(s, s->depth);
        if (wf_array_get_fast(arr, &vals, &count) && i < (int64_t)count)
            v = JS_DupValue(ctx, vals[i]);
        else if (JS_IsException(v = wf_obj_get_int64(ctx, arr, i)))
            goto fail;
        key = index_atom(ctx, i);
        if (key == JS_ATOM_NULL) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        r = json_value(s, v, arr, key);
        free_key_atom(ctx, key);
        if (r < 0)
            goto fail;
        if (r == 0)
            wf_sb_puts(&s->sb, "null");
    }
    if (len > 0 && s->gap_len)
        put_indent(s, s->depth - 1);
    wf_sb_putc(&s->sb, ']');
    s->depth--;
    return 0;
fail:
    s->depth--;
    return -1;
}

/* Call fn(this, key-as-string [, v]) for toJSON / the replacer. */
static JSValue call_with_key(JSContext *ctx, JSValueConst fn, JSValueConst this_obj,
                             JSAtom key, JSValueConst v, int argc)
{
    JSValue args[2], r;
    args[0] = JS_AtomToString(ctx, key);
    if (JS_IsException(args[0]))
        return JS_EXCEPTION;
    args[1] = v;
    r = wf_call(ctx, fn, this_obj, argc, args);
    JS_FreeValue(ctx, args[0]);
    return r;
}

/* SerializeJSONProperty (25.5.2.2) on the value already read from
   holder[key]; v consumed.  1: something written, 0: undefined (nothing
   written), -1: exception. */
static int json_value(JSONStringifier *s, JSValue v, JSValueConst holder, JSAtom key)
{
    JSContext *ctx = s->ctx;
    int tag = JS_VALUE_GET_TAG(v), r;

    if (tag == JS_TAG_OBJECT || tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT) {
        JSValue fn;
        if (tag == JS_TAG_OBJECT) {
            fn = wf_obj_get(ctx, v, JS_ATOM_toJSON, v);
        } else {
            /* GetV on a BigInt: BigInt.prototype's toJSON, this = the bigint */
            JSValue o = wf_to_object(ctx, v);
            if (JS_IsException(o))
                goto fail;
            fn = wf_obj_get(ctx, o, JS_ATOM_toJSON, v);
            JS_FreeValue(ctx, o);
        }
        if (JS_IsException(fn))
            goto fail;
        if (wf_is_callable(fn)) {
            JSValue nv = call_with_key(ctx, fn, v, key, JS_UNDEFINED, 1);
            JS_FreeValue(ctx, fn);
            JS_FreeValue(ctx, v);
            if (JS_IsException(nv))
                return -1;
            v = nv;
        } else {
            JS_FreeValue(ctx, fn);
        }
    }
    if (!JS_IsUndefined(s->replacer)) {
        JSValue nv = call_with_key(ctx, s->replacer, holder, key, v, 2);
        JS_FreeValue(ctx, v);
        if (JS_IsException(nv))
            return -1;
        v = nv;
    }
    if (JS_VALUE_GET_TAG(v) == JS_TAG_OBJECT) {
        JSObject *p = wf_obj(v);
        JSValue nv = JS_UNDEFINED;
        switch (p->class_id) {
        case JS_CLASS_NUMBER:
            nv = wf_to_number_value(ctx, v);
            break;
        case JS_CLASS_STRING:
            nv = to_flat_string(ctx, v);
            break;
        case JS_CLASS_BOOLEAN:
        case JS_CLASS_BIG_INT:
            nv = JS_DupValue(ctx, wf_obj_data(p));
            break;
        default:
            goto not_wrapper;
        }
        JS_FreeValue(ctx, v);
        if (JS_IsException(nv))
            return -1;
        v = nv;
    }
not_wrapper:
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_NULL:
        wf_sb_puts(&s->sb, "null");
        return 1;
    case JS_TAG_BOOL:
        wf_sb_puts(&s->sb, JS_VALUE_GET_BOOL(v) ? "true" : "false");
        return 1;
    case JS_TAG_STRING:
        quote_string(&s->sb, wf_str(v));
        JS_FreeValue(ctx, v);
        return 1;
    case JS_TAG_STRING_ROPE: {
        JSValue fs = to_flat_string(ctx, v);
        JS_FreeValue(ctx, v);
        if (JS_IsException(fs))
            return -1;
        quote_string(&s->sb, wf_str(fs));
        JS_FreeValue(ctx, fs);
        return 1;
    }
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        put_number(&s->sb, v);
        return 1;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        /* TODO(bigint): nothing more to do once BigInt exists: the spec
           throws here whatever the value */
        JS_ThrowTypeError(ctx, "Do not know how to serialize a BigInt");
        goto fail;
    case JS_TAG_OBJECT:
        if (wf_is_callable(v))
            break;
        r = wf_is_array(ctx, v);
        if (r >= 0)
            r = r ? json_array(s, v) : json_object(s, v);
        JS_FreeValue(ctx, v);
        return r < 0 ? -1 : 1;
    default:
        break;
    }
    JS_FreeValue(ctx, v);
    return 0;
fail:
    JS_FreeValue(ctx, v);
    return -1;
}

/* The PropertyList of an array replacer (25.5.2.1 step 4.b). */
static int json_prop_list(JSONStringifier *s, JSValueConst rep)
{
    JSContext *ctx = s->ctx;
    int64_t len, k;
    uint32_t i, size = 0;
    JSValue lv;
    int r;

    lv = wf_obj_get(ctx, rep, JS_ATOM_length, rep);
    if (JS_IsException(lv))
        return -1;
    r = wf_to_length(ctx, &len, lv);
    JS_FreeValue(ctx, lv);
    if (r < 0)
        return -1;
    s->has_props = true;
    for (k = 0; k < len; k++) {
        JSValue v = wf_obj_get_int64(ctx, rep, k), item = JS_UNDEFINED;
        JSAtom a;
        if (JS_IsException(v))
            return -1;
        if (JS_IsString(v)) {
            item = v;
        } else if (JS_IsNumber(v) ||
                   (JS_IsObject(v) && (wf_obj(v)->class_id == JS_CLASS_STRING ||
                                       wf_obj(v)->class_id == JS_CLASS_NUMBER))) {
            item = wf_to_string(ctx, v);
            JS_FreeValue(ctx, v);
            if (JS_IsException(item))
                return -1;
        } else {
            JS_FreeValue(ctx, v);
            continue;
        }
        a = JS_ValueToAtom(ctx, item);
        JS_FreeValue(ctx, item);
        if (a == JS_ATOM_NULL)
            return -1;
        for (i = 0; i < s->n_props; i++) {
            if (s->props[i] == a)
                break;
        }
        if (i < s->n_props) {
            JS_FreeAtom(ctx, a);
            continue;
        }
        if (s->n_props == size) {
            uint32_t ns = size ? size * 2 : 8;
            JSAtom *np = js_realloc(ctx, s->props, sizeof(JSAtom) * ns);
            if (!np) {
                JS_FreeAtom(ctx, a);
                return -1;
            }
            s->props = np;
            size = ns;
        }
        s->props[s->n_props++] = a;
    }
    return 0;
}

/* The gap from the space argument (25.5.2.1 steps 5-8). */
static int json_gap(JSONStringifier *s, JSValueConst space0)
{
    JSContext *ctx = s->ctx;
    JSValue space = JS_DupValue(ctx, space0), t;

    if (JS_IsObject(space)) {
        int cid = wf_obj(space)->class_id;
        t = JS_UNDEFINED;
        if (cid == JS_CLASS_NUMBER)
            t = wf_to_number_value(ctx, space);
        else if (cid == JS_CLASS_STRING)
            t = to_flat_string(ctx, space);
        else
            goto done;
        JS_FreeValue(ctx, space);
        if (JS_IsException(t))
            return -1;
        space = t;
    }
    if (JS_IsNumber(space)) {
        double d;
        int i;
        wf_to_integer_or_infinity(ctx, &d, space);
        if (d > 10)
            d = 10;
        for (i = 0; i < (int)d; i++)
            s->gap[i] = ' ';
        s->gap_len = d >= 1 ? (int)d : 0;
    } else if (JS_VALUE_GET_TAG(space) == JS_TAG_STRING) {
        JSString *p = wf_str(space);
        int i;
        s->gap_len = p->len < 10 ? (int)p->len : 10;
        for (i = 0; i < s->gap_len; i++)
            s->gap[i] = (uint16_t)wf_str_get(p, (uint32_t)i);
    }
done:
    JS_FreeValue(ctx, space);
    return 0;
}

JSValue JS_JSONStringify(JSContext *ctx, JSValueConst obj, JSValueConst replacer,
                         JSValueConst space0)
{
    JSONStringifier s;
    JSValue wrapper = JS_UNDEFINED, res;
    uint32_t i;
    int r;

    memset(&s, 0, sizeof(s));
    s.ctx = ctx;
    s.replacer = JS_UNDEFINED;
    if (JS_IsObject(replacer)) {
        if (wf_is_callable(replacer)) {
            s.replacer = replacer;
        } else {
            r = wf_is_array(ctx, replacer);
            if (r < 0 || (r && json_prop_list(&s, replacer) < 0))
                goto fail;
        }
    }
    if (json_gap(&s, space0) < 0)
        goto fail;
    if (!JS_IsUndefined(s.replacer)) {
        /* the wrapper is only visible as the replacer's first `this` */
        wrapper = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
        if (JS_IsException(wrapper) ||
            wf_obj_define_value(ctx, wrapper, JS_ATOM_empty_string, JS_DupValue(ctx, obj),
                                JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto fail;
    }
    if (wf_sb_init(ctx, &s.sb, 64) < 0)
        goto fail;
    r = json_value(&s, JS_DupValue(ctx, obj), wrapper, JS_ATOM_empty_string);
    if (r <= 0) {
        wf_sb_free(&s.sb);
        res = r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    } else {
        res = wf_sb_finish(&s.sb);
    }
    goto done;
fail:
    res = JS_EXCEPTION;
done:
    JS_FreeValue(ctx, wrapper);
    for (i = 0; i < s.n_props; i++)
        JS_FreeAtom(ctx, s.props[i]);
    js_free(ctx, s.props);
    js_free(ctx, s.stack);
    return res;
}

static JSValue js_json_stringify(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    return JS_JSONStringify(ctx, argv[0], argv[1], argv[2]);
}

/* ================================================================= init */

static const JSCFunctionListEntry js_json_funcs[] = {
    JS_CFUNC_DEF("parse", 2, js_json_parse),
    JS_CFUNC_DEF("stringify", 3, js_json_stringify),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "JSON", JS_PROP_CONFIGURABLE),
};

int wf_init_json(JSContext *ctx)
{
    JSValue obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(obj))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, obj, js_json_funcs, countof(js_json_funcs)) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_JSON, obj,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
