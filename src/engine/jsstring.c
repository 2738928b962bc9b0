/*
 * jsstring.c - JavaScript string values (ECMA-262 6.1.4): allocation,
 * UTF-8 conversion for C callers, comparison, search, concatenation and the
 * string builder.
 *
 * Representation (jsstring.h): Latin-1 bytes when every code unit fits,
 * else UTF-16.  Constructors narrow when they can, so the same text is
 * usually stored the same way; comparison and hashing work on code units so
 * that a wide string with only Latin-1 units still equals its narrow twin.
 *
 * `s += x` is linear: wf_str_concat appends in place to a left operand it
 * owns alone (count 1, not an atom), using the block's real capacity
 * (js_malloc_usable_size_rt) and growing it geometrically.
 *
 * Must not touch objects; conversions of non-strings go through conv.c.
 */
#include <string.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/jsstring.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"

#define STR_HDR (offsetof(JSString, u))

/* ------------------------------------------------------------------ */
/* Allocation */

static size_t str_bytes(uint32_t len, bool is_wide)
{
    return STR_HDR + (is_wide ? (size_t)len * 2 : (size_t)len + 1);
}

JSString *wf_str_alloc_rt(JSRuntime *rt, uint32_t len, bool is_wide)
{
    JSString *p;
    if (len > JS_STRING_LEN_MAX)
        return NULL;
    p = js_malloc_rt(rt, str_bytes(len, is_wide));
    if (!p)
        return NULL;
    p->header.ref_count = 1;
    p->len = len;
    p->is_wide = is_wide;
    p->hash = 0;
    p->atom_type = 0;
    p->hash_next = 0;
    if (!is_wide)
        p->u.str8[len] = '\0';
    return p;
}

JSString *wf_str_alloc(JSContext *ctx, uint32_t len, bool is_wide)
{
    JSString *p;
    if (js_unlikely(len > JS_STRING_LEN_MAX)) {
        wf_throw_error(ctx, JS_RANGE_ERROR, "invalid string length");
        return NULL;
    }
    p = wf_str_alloc_rt(ctx->rt, len, is_wide);
    if (js_unlikely(!p))
        JS_ThrowOutOfMemory(ctx);
    return p;
}

void wf_str_free(JSRuntime *rt, JSString *p)
{
    if (p->atom_type)
        wf_atom_free_string(rt, p);
    else
        js_free_rt(rt, p);
}

static inline JSValue str_val(JSString *p)
{
    return JS_MKPTR(JS_TAG_STRING, p);
}

JSValue wf_str_empty(JSContext *ctx)
{
    JSString *p = ctx->rt->atom_array[JS_ATOM_empty_string];
    p->header.ref_count++;
    return str_val(p);
}

JSValue wf_str_new8(JSContext *ctx, const uint8_t *buf, uint32_t len)
{
    JSString *p;
    if (len == 0)
        return wf_str_empty(ctx);
    p = wf_str_alloc(ctx, len, false);
    if (!p)
        return JS_EXCEPTION;
    memcpy(p->u.str8, buf, len);
    return str_val(p);
}

static bool units_fit8(const uint16_t *buf, uint32_t len)
{
    uint16_t acc = 0;
    for (uint32_t i = 0; i < len; i++)
        acc |= buf[i];
    return acc < 0x100;
}

JSValue wf_str_new16(JSContext *ctx, const uint16_t *buf, uint32_t len)
{
    JSString *p;
    if (len == 0)
        return wf_str_empty(ctx);
    if (units_fit8(buf, len)) {
        p = wf_str_alloc(ctx, len, false);
        if (!p)
            return JS_EXCEPTION;
        for (uint32_t i = 0; i < len; i++)
            p->u.str8[i] = (uint8_t)buf[i];
    } else {
        p = wf_str_alloc(ctx, len, true);
        if (!p)
            return JS_EXCEPTION;
        memcpy(p->u.str16, buf, (size_t)len * 2);
    }
    return str_val(p);
}

JSValue wf_str_new_char(JSContext *ctx, uint32_t c)
{
    if (c < 0x100) {
        uint8_t b = (uint8_t)c;
        return wf_str_new8(ctx, &b, 1);
    } else {
        uint16_t u = (uint16_t)c;
        return wf_str_new16(ctx, &u, 1);
    }
}

JSValue wf_str_from_cstr(JSContext *ctx, const char *ascii)
{
    size_t len = strlen(ascii);
    if (len > JS_STRING_LEN_MAX)
        return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid string length");
    return wf_str_new8(ctx, (const uint8_t *)ascii, (uint32_t)len);
}

JSValue wf_str_sub(JSContext *ctx, JSString *p, uint32_t start, uint32_t end)
{
    uint32_t len = end - start;
    if (start == 0 && end == p->len) {
        p->header.ref_count++;
        return str_val(p);
    }
    if (len == 0)
        return wf_str_empty(ctx);
    if (!p->is_wide)
        return wf_str_new8(ctx, p->u.str8 + start, len);
    return wf_str_new16(ctx, p->u.str16 + start, len);
}

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Decode one UTF-8 sequence at s[0..n): returns the code point and sets
   *plen to the bytes used.  An invalid sequence yields U+FFFD and consumes
   its maximal valid prefix (at least one byte), as the WHATWG decoder does.
   wtf8: an encoded surrogate (ED A0..BF xx) is that lone surrogate. */
static uint32_t utf8_decode1(const uint8_t *s, size_t n, size_t *plen, bool wtf8)
{
    uint32_t c = s[0], min;
    size_t need, i;
    uint8_t lo = 0x80, hi = 0xBF;

    if (c < 0x80) {
        *plen = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; c &= 0x0F; min = 0x800;
        if (s[0] == 0xE0) lo = 0xA0;
        if (s[0] == 0xED && !wtf8) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; c &= 0x07; min = 0x10000;
        if (s[0] == 0xF0) lo = 0x90;
        if (s[0] == 0xF4) hi = 0x8F;
    } else {
        *plen = 1;
        return 0xFFFD;
    }
    (void)min;
    for (i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *plen = i;
            return 0xFFFD;
        }
        lo = 0x80;
        hi = 0xBF;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *plen = need + 1;
    return c;
}

static JSString *str_from_utf8(JSRuntime *rt, const char *buf, size_t len, bool wtf8)
{
    const uint8_t *s = (const uint8_t *)buf;
    size_t i, n_units = 0, k;
    bool wide = false, ascii = true;
    JSString *p;

    for (i = 0; i < len; i++) {
        if (s[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        if (len > JS_STRING_LEN_MAX)
            return NULL;
        p = wf_str_alloc_rt(rt, (uint32_t)len, false);
        if (p)
            memcpy(p->u.str8, s, len);
        return p;
    }
    /* first pass: count units and see whether they all fit in Latin-1 */
    for (i = 0; i < len; i += k) {
        uint32_t c = utf8_decode1(s + i, len - i, &k, wtf8);
        if (c >= 0x10000)
            n_units += 2;
        else
            n_units++;
        if (c >= 0x100)
            wide = true;
    }
    if (n_units > JS_STRING_LEN_MAX)
        return NULL;
    p = wf_str_alloc_rt(rt, (uint32_t)n_units, wide);
    if (!p)
        return NULL;
    n_units = 0;
    for (i = 0; i < len; i += k) {
        uint32_t c = utf8_decode1(s + i, len - i, &k, wtf8);
        if (!wide) {
            p->u.str8[n_units++] = (uint8_t)c;
        } else if (c >= 0x10000) {
            c -= 0x10000;
            p->u.str16[n_units++] = (uint16_t)(0xD800 | (c >> 10));
            p->u.str16[n_units++] = (uint16_t)(0xDC00 | (c & 0x3FF));
        } else {
            p->u.str16[n_units++] = (uint16_t)c;
        }
    }
    return p;
}

JSString *wf_str_from_utf8_rt(JSRuntime *rt, const char *buf, size_t len)
{
    return str_from_utf8(rt, buf, len, false);
}

static JSValue str_new_utf8(JSContext *ctx, const char *buf, size_t len, bool wtf8)
{
    JSString *p;
    if (len == 0)
        return wf_str_empty(ctx);
    p = str_from_utf8(ctx->rt, buf, len, wtf8);
    if (!p) {
        if (len > JS_STRING_LEN_MAX)
            return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid string length");
        return JS_ThrowOutOfMemory(ctx);
    }
    return str_val(p);
}

JSValue wf_str_new_utf8(JSContext *ctx, const char *buf, size_t len)
{
    return str_new_utf8(ctx, buf, len, false);
}

JSValue wf_str_new_wtf8(JSContext *ctx, const char *buf, size_t len)
{
    return str_new_utf8(ctx, buf, len, true);
}

JSValue JS_NewStringLen(JSContext *ctx, const char *str1, size_t len1)
{
    return wf_str_new_utf8(ctx, str1, len1);
}

JSValue JS_NewTwoByteString(JSContext *ctx, const uint16_t *buf, size_t len)
{
    if (len > JS_STRING_LEN_MAX)
        return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid string length");
    return wf_str_new16(ctx, buf, (uint32_t)len);
}

JSValue JS_NewAtomString(JSContext *ctx, const char *str)
{
    JSAtom a = JS_NewAtom(ctx, str);
    JSValue v;
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    v = JS_AtomToString(ctx, a);
    JS_FreeAtom(ctx, a);
    return v;
}

static size_t put_utf8(uint8_t *q, uint32_t c)
{
    if (c < 0x80) {
        q[0] = (uint8_t)c;
        return 1;
    } else if (c < 0x800) {
        q[0] = (uint8_t)(0xC0 | (c >> 6));
        q[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    } else if (c < 0x10000) {
        q[0] = (uint8_t)(0xE0 | (c >> 12));
        q[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        q[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    } else {
        q[0] = (uint8_t)(0xF0 | (c >> 18));
        q[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
        q[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        q[3] = (uint8_t)(0x80 | (c & 0x3F));
        return 4;
    }
}

char *wf_str_to_utf8(JSContext *ctx, const JSString *p, size_t *plen, bool cesu8)
{
    uint32_t i, len = p->len;
    size_t size = 0, pos = 0;
    uint8_t *buf;

    if (!p->is_wide) {
        for (i = 0; i < len; i++)
            size += p->u.str8[i] < 0x80 ? 1 : 2;
    } else {
        size = (size_t)len * 3;   /* a pair (2 units) takes 4 bytes, a unit at most 3 */
    }
    buf = js_malloc(ctx, size + 1);
    if (!buf) {
        if (plen)
            *plen = 0;
        return NULL;
    }
    if (!p->is_wide) {
        for (i = 0; i < len; i++)
            pos += put_utf8(buf + pos, p->u.str8[i]);
    } else {
        for (i = 0; i < len; i++) {
            uint32_t c = p->u.str16[i];
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < len &&
                p->u.str16[i + 1] >= 0xDC00 && p->u.str16[i + 1] < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (p->u.str16[i + 1] - 0xDC00);
                i++;
            } else if (c >= 0xD800 && c < 0xE000 && !cesu8) {
                c = 0xFFFD;
            }
            pos += put_utf8(buf + pos, c);
        }
    }
    buf[pos] = '\0';
    if (plen)
        *plen = pos;
    return (char *)buf;
}

const char *JS_ToCStringLen2(JSContext *ctx, size_t *plen, JSValueConst val1, bool cesu8)
{
    JSValue v;
    char *r;
    if (JS_VALUE_GET_TAG(val1) == JS_TAG_STRING) {
        return wf_str_to_utf8(ctx, wf_str(val1), plen, cesu8);
    }
    v = wf_to_string(ctx, val1);
    if (JS_IsException(v)) {
        if (plen)
            *plen = 0;
        return NULL;
    }
    r = wf_str_to_utf8(ctx, wf_str(v), plen, cesu8);
    JS_FreeValue(ctx, v);
    return r;
}

void JS_FreeCString(JSContext *ctx, const char *ptr)
{
    if (ptr)
        js_free(ctx, (void *)ptr);
}

/* ------------------------------------------------------------------ */
/* Concatenation */

/* Capacity in code units of a string block (8-bit strings keep a NUL). */
static uint32_t str_capacity(JSRuntime *rt, JSString *p)
{
    size_t sz = js_malloc_usable_size_rt(rt, p) - STR_HDR;
    size_t cap = p->is_wide ? sz / 2 : sz - 1;
    return cap > JS_STRING_LEN_MAX ? JS_STRING_LEN_MAX : (uint32_t)cap;
}

static void copy_units(JSString *dst, uint32_t at, const JSString *src)
{
    if (dst->is_wide) {
        if (src->is_wide) {
            memcpy(dst->u.str16 + at, src->u.str16, (size_t)src->len * 2);
        } else {
            for (uint32_t i = 0; i < src->len; i++)
                dst->u.str16[at + i] = src->u.str8[i];
        }
    } else {
        memcpy(dst->u.str8 + at, src->u.str8, src->len);
    }
}

JSValue wf_str_concat(JSContext *ctx, JSValue a, JSValue b)
{
    JSRuntime *rt = ctx->rt;
    JSString *pa = wf_str(a), *pb = wf_str(b), *r;
    uint32_t la = pa->len, lb = pb->len;
    uint64_t new_len = (uint64_t)la + lb;

    if (lb == 0) {
        JS_FreeValue(ctx, b);
        return a;
    }
    if (la == 0) {
        JS_FreeValue(ctx, a);
        return b;
    }
    if (new_len > JS_STRING_LEN_MAX) {
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, b);
        return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid string length");
    }
    if (pa->header.ref_count == 1 && pa->atom_type == 0 && (pa->is_wide || !pb->is_wide)) {
        /* sole owner of the left operand: append in place */
        if (new_len > str_capacity(rt, pa)) {
            uint64_t cap = new_len + (new_len >> 1) + 16;
            if (cap > JS_STRING_LEN_MAX)
                cap = JS_STRING_LEN_MAX;
            r = js_realloc_rt(rt, pa, str_bytes((uint32_t)cap, pa->is_wide));
            if (!r)
                r = js_realloc_rt(rt, pa, str_bytes((uint32_t)new_len, pa->is_wide));
            if (!r) {
                JS_FreeValue(ctx, a);
                JS_FreeValue(ctx, b);
                return JS_ThrowOutOfMemory(ctx);
            }
            pa = r;
        }
        copy_units(pa, la, pb);
        pa->len = (uint32_t)new_len;
        if (!pa->is_wide)
            pa->u.str8[new_len] = '\0';
        JS_FreeValue(ctx, b);
        return str_val(pa);
    }
    r = wf_str_alloc(ctx, (uint32_t)new_len, pa->is_wide || pb->is_wide);
    if (!r) {
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, b);
        return JS_EXCEPTION;
    }
    copy_units(r, 0, pa);
    copy_units(r, la, pb);
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return str_val(r);
}

/* ------------------------------------------------------------------ */
/* Comparison and search */

int wf_str_cmp(const JSString *a, const JSString *b)
{
    uint32_t n = a->len < b->len ? a->len : b->len, i;
    if (!a->is_wide && !b->is_wide) {
        int r = memcmp(a->u.str8, b->u.str8, n);
        if (r)
            return r;
    } else {
        for (i = 0; i < n; i++) {
            uint32_t ca = wf_str_get(a, i), cb = wf_str_get(b, i);
            if (ca != cb)
                return ca < cb ? -1 : 1;
        }
    }
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

bool wf_str_eq(const JSString *a, const JSString *b)
{
    if (a == b)
        return true;
    if (a->len != b->len)
        return false;
    if (a->is_wide == b->is_wide) {
        return memcmp(a->u.str8, b->u.str8, a->is_wide ? (size_t)a->len * 2 : a->len) == 0;
    }
    for (uint32_t i = 0; i < a->len; i++)
        if (wf_str_get(a, i) != wf_str_get(b, i))
            return false;
    return true;
}

static bool match_at(const JSString *hay, uint32_t pos, const JSString *needle)
{
    for (uint32_t j = 0; j < needle->len; j++)
        if (wf_str_get(hay, pos + j) != wf_str_get(needle, j))
            return false;
    return true;
}

int64_t wf_str_index_of(const JSString *hay, const JSString *needle, uint32_t from)
{
    uint32_t hl = hay->len, nl = needle->len;
    if (from > hl || nl > hl - from)
        return nl == 0 && from <= hl ? (int64_t)from : -1;
    if (nl == 0)
        return from;
    if (!hay->is_wide && !needle->is_wide) {
        const uint8_t *h = hay->u.str8, *n = needle->u.str8;
        uint8_t c0 = n[0];
        for (uint32_t i = from; i + nl <= hl; i++) {
            const uint8_t *q = memchr(h + i, c0, hl - nl + 1 - i);
            if (!q)
                return -1;
            i = (uint32_t)(q - h);
            if (memcmp(h + i, n, nl) == 0)
                return i;
        }
        return -1;
    }
    uint32_t c0 = wf_str_get(needle, 0);
    for (uint32_t i = from; i + nl <= hl; i++) {
        if (wf_str_get(hay, i) == c0 && match_at(hay, i, needle))
            return i;
    }
    return -1;
}

int64_t wf_str_last_index_of(const JSString *hay, const JSString *needle, int64_t from)
{
    int64_t hl = hay->len, nl = needle->len, i;
    if (nl > hl)
        return -1;
    if (from > hl - nl)
        from = hl - nl;
    for (i = from; i >= 0; i--) {
        if (match_at(hay, (uint32_t)i, needle))
            return i;
    }
    return -1;
}

/* FNV-1a over code units: the same text hashes the same in both widths. */
uint32_t wf_str_hash(const JSString *p)
{
    uint32_t h = 2166136261u, i;
    if (!p->is_wide) {
        for (i = 0; i < p->len; i++)
            h = (h ^ p->u.str8[i]) * 16777619u;
    } else {
        for (i = 0; i < p->len; i++)
            h = (h ^ p->u.str16[i]) * 16777619u;
    }
    return h;
}

uint32_t wf_str_code_point_at(const JSString *p, uint32_t i, uint32_t *pnext)
{
    uint32_t c = wf_str_get(p, i);
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < p->len) {
        uint32_t c2 = wf_str_get(p, i + 1);
        if (c2 >= 0xDC00 && c2 < 0xE000) {
            *pnext = i + 2;
            return 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
        }
    }
    *pnext = i + 1;
    return c;
}

/* ------------------------------------------------------------------ */
/* String builder */

int wf_sb_init(JSContext *ctx, WFStringBuilder *sb, uint32_t size_hint)
{
    sb->ctx = ctx;
    sb->str = NULL;
    sb->len = 0;
    sb->size = 0;
    sb->is_wide = false;
    sb->error = false;
    if (size_hint) {
        if (size_hint > JS_STRING_LEN_MAX)
            size_hint = JS_STRING_LEN_MAX;
        sb->str = wf_str_alloc(ctx, size_hint, false);
        if (!sb->str) {
            sb->error = true;
            return -1;
        }
        sb->size = size_hint;
    }
    return 0;
}

static int sb_fail(WFStringBuilder *sb, bool too_long)
{
    if (!sb->error) {
        sb->error = true;
        if (too_long)
            wf_throw_error(sb->ctx, JS_RANGE_ERROR, "invalid string length");
        /* else wf_str_alloc / js_realloc already threw */
    }
    return -1;
}

/* Make room for 'extra' more units; widen to 16-bit if 'wide'. */
static int sb_reserve(WFStringBuilder *sb, uint32_t extra, bool wide)
{
    JSRuntime *rt = sb->ctx->rt;
    uint64_t need = (uint64_t)sb->len + extra;
    if (sb->error)
        return -1;
    if (need > JS_STRING_LEN_MAX)
        return sb_fail(sb, true);
    if (wide && !sb->is_wide) {
        uint64_t cap = need > sb->size ? need + (need >> 1) + 8 : sb->size;
        JSString *n;
        if (cap > JS_STRING_LEN_MAX)
            cap = JS_STRING_LEN_MAX;
        n = wf_str_alloc(sb->ctx, (uint32_t)cap, true);
        if (!n)
            return sb_fail(sb, false);
        for (uint32_t i = 0; i < sb->len; i++)
            n->u.str16[i] = sb->str->u.str8[i];
        if (sb->str)
            js_free_rt(rt, sb->str);
        sb->str = n;
        sb->size = (uint32_t)cap;
        sb->is_wide = true;
        return 0;
    }
    if (need <= sb->size)
        return 0;
    {
        uint64_t cap = need + (need >> 1) + 16;
        JSString *n;
        if (cap > JS_STRING_LEN_MAX)
            cap = JS_STRING_LEN_MAX;
        if (!sb->str) {
            n = wf_str_alloc(sb->ctx, (uint32_t)cap, sb->is_wide);
        } else {
            n = js_realloc(sb->ctx, sb->str, str_bytes((uint32_t)cap, sb->is_wide));
        }
        if (!n)
            return sb_fail(sb, false);
        sb->str = n;
        sb->size = (uint32_t)cap;
    }
    return 0;
}

int wf_sb_putc(WFStringBuilder *sb, uint32_t c)
{
    if (js_likely(sb->len < sb->size && (c < 0x100 || sb->is_wide))) {
        if (sb->is_wide)
            sb->str->u.str16[sb->len++] = (uint16_t)c;
        else
            sb->str->u.str8[sb->len++] = (uint8_t)c;
        return 0;
    }
    if (sb_reserve(sb, 1, c >= 0x100))
        return -1;
    if (sb->is_wide)
        sb->str->u.str16[sb->len++] = (uint16_t)c;
    else
        sb->str->u.str8[sb->len++] = (uint8_t)c;
    return 0;
}

int wf_sb_put_code_point(WFStringBuilder *sb, uint32_t c)
{
    if (c < 0x10000)
        return wf_sb_putc(sb, c);
    c -= 0x10000;
    if (wf_sb_putc(sb, 0xD800 | (c >> 10)))
        return -1;
    return wf_sb_putc(sb, 0xDC00 | (c & 0x3FF));
}

int wf_sb_put8(WFStringBuilder *sb, const uint8_t *s, uint32_t len)
{
    if (len == 0)
        return sb->error ? -1 : 0;
    if (sb_reserve(sb, len, false))
        return -1;
    if (sb->is_wide) {
        for (uint32_t i = 0; i < len; i++)
            sb->str->u.str16[sb->len + i] = s[i];
    } else {
        memcpy(sb->str->u.str8 + sb->len, s, len);
    }
    sb->len += len;
    return 0;
}

int wf_sb_put16(WFStringBuilder *sb, const uint16_t *s, uint32_t len)
{
    bool wide;
    if (len == 0)
        return sb->error ? -1 : 0;
    wide = !units_fit8(s, len);
    if (sb_reserve(sb, len, wide))
        return -1;
    if (sb->is_wide) {
        memcpy(sb->str->u.str16 + sb->len, s, (size_t)len * 2);
    } else {
        for (uint32_t i = 0; i < len; i++)
            sb->str->u.str8[sb->len + i] = (uint8_t)s[i];
    }
    sb->len += len;
    return 0;
}

int wf_sb_puts(WFStringBuilder *sb, const char *ascii)
{
    size_t n = strlen(ascii);
    if (n > JS_STRING_LEN_MAX)
        return sb_fail(sb, true);
    return wf_sb_put8(sb, (const uint8_t *)ascii, (uint32_t)n);
}

int wf_sb_put_str(WFStringBuilder *sb, const JSString *p, uint32_t from, uint32_t to)
{
    if (to <= from)
        return sb->error ? -1 : 0;
    if (p->is_wide)
        return wf_sb_put16(sb, p->u.str16 + from, to - from);
    return wf_sb_put8(sb, p->u.str8 + from, to - from);
}

int wf_sb_put_value(WFStringBuilder *sb, JSValueConst v)
{
    JSValue s;
    int r;
    if (sb->error)
        return -1;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_STRING)
        return wf_sb_put_str(sb, wf_str(v), 0, wf_str(v)->len);
    s = wf_to_string(sb->ctx, v);
    if (JS_IsException(s)) {
        sb->error = true;
        return -1;
    }
    r = wf_sb_put_str(sb, wf_str(s), 0, wf_str(s)->len);
    JS_FreeValue(sb->ctx, s);
    return r;
}

void wf_sb_free(WFStringBuilder *sb)
{
    if (sb->str)
        js_free_rt(sb->ctx->rt, sb->str);
    sb->str = NULL;
    sb->len = sb->size = 0;
}

JSValue wf_sb_finish(WFStringBuilder *sb)
{
    JSString *p;
    if (sb->error) {
        wf_sb_free(sb);
        return JS_EXCEPTION;
    }
    if (sb->len == 0) {
        wf_sb_free(sb);
        return wf_str_empty(sb->ctx);
    }
    p = sb->str;
    p->len = sb->len;
    if (!sb->is_wide)
        p->u.str8[sb->len] = '\0';
    if (sb->size - sb->len > 32 && sb->size - sb->len > sb->len / 4) {
        /* give back the slack; failure to shrink is harmless */
        JSString *n = js_realloc_rt(sb->ctx->rt, p, str_bytes(sb->len, sb->is_wide));
        if (n)
            p = n;
    }
    sb->str = NULL;
    sb->len = sb->size = 0;
    return str_val(p);
}
