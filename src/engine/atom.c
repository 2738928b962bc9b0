/*
 * atom.c - the runtime's atom table: interned property keys (strings,
 * symbols, private names) and the public JS_*Atom* functions.
 *
 * rt->atom_array maps an atom to its JSString.  A free slot holds an odd
 * tagged value ((next free index << 1) | 1) so free slots form a list headed
 * by rt->atom_free_index.  String atoms and registered (Symbol.for) symbols
 * are also chained in rt->atom_hash by content (JSString.hash_next); plain
 * symbols and private names are not looked up by content, so their
 * hash_next holds their own atom index instead.
 *
 * The atom's reference count is its JSString's count: a string value or a
 * symbol value made from an atom shares it, so when the last holder (atom
 * reference or value) goes, the entry is removed (wf_atom_free_string).
 * The atoms of atoms.def are created first with ids matching the enum; the
 * table keeps one reference to each and JS_DupAtom/JS_FreeAtom ignore them.
 * Integer keys 0..2^31-2 are int atoms and never touch the table.
 */
#include <string.h>
#include <stdio.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/error.h"
#include "engine/conv.h"

#define HASH_MASK ((1u << 29) - 1)

typedef struct {
    const char *str;
    uint8_t is_symbol;
} ConstAtom;

static const ConstAtom const_atoms[] = {
    { NULL, 0 },
#define DEF(id, str) { str, 0 },
#define DEF_SYMBOL(id, str) { str, 1 },
#include "engine/atoms.def"
#undef DEF
#undef DEF_SYMBOL
};

static inline bool slot_is_free(JSString *p)
{
    return ((uintptr_t)p & 1) != 0;
}

/* Hash used in the atom table: the content hash mixed with the kind so a
   string and a registered symbol of the same text land apart. */
static uint32_t atom_hash_of(const JSString *p, int atom_type)
{
    return (wf_str_hash(p) ^ (uint32_t)atom_type * 0x9E3779B1u) & HASH_MASK;
}

/* If p is the canonical text of an integer fitting an int atom, store it. */
static bool str_is_int_key(const JSString *p, uint32_t *pn)
{
    uint32_t len = p->len, i, c;
    uint64_t n = 0;
    if (len == 0 || len > 10)
        return false;
    c = wf_str_get(p, 0);
    if (c == '0') {
        if (len != 1)
            return false;
        *pn = 0;
        return true;
    }
    for (i = 0; i < len; i++) {
        c = wf_str_get(p, i);
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    if (n > UINT32_MAX)
        return false;
    *pn = (uint32_t)n;
    return true;
}

static int atom_hash_resize(JSRuntime *rt, int new_size)
{
    uint32_t *h = js_mallocz_rt(rt, sizeof(uint32_t) * (size_t)new_size);
    int i;
    if (!h)
        return -1;
    for (i = 1; i < rt->atom_size; i++) {
        JSString *p = rt->atom_array[i];
        if (!p || slot_is_free(p))
            continue;
        if (p->atom_type == WF_ATOM_TYPE_STRING || p->atom_type == WF_ATOM_TYPE_GLOBAL_SYMBOL) {
            uint32_t b = p->hash & (uint32_t)(new_size - 1);
            p->hash_next = h[b];
            h[b] = (uint32_t)i;
        }
    }
    js_free_rt(rt, rt->atom_hash);
    rt->atom_hash = h;
    rt->atom_hash_size = new_size;
    rt->atom_count_resize = new_size * 2;
    return 0;
}

/* Find the index of an atom with this content and kind; 0 if none. */
static JSAtom atom_lookup(JSRuntime *rt, const JSString *str, int atom_type, uint32_t h)
{
    uint32_t i = rt->atom_hash[h & (uint32_t)(rt->atom_hash_size - 1)];
    while (i) {
        JSString *p = rt->atom_array[i];
        if (p->hash == h && p->atom_type == atom_type && wf_str_eq(p, str))
            return i;
        i = p->hash_next;
    }
    return JS_ATOM_NULL;
}

/* Make p (count already owned by the caller) an atom of the given kind.
   JS_ATOM_NULL on allocation failure (p is then released). */
static JSAtom atom_insert(JSRuntime *rt, JSString *p, int atom_type, uint32_t h)
{
    uint32_t i;

    if (!rt->atom_free_index) {
        /* grow; the new slots go on the free list in ascending order */
        int old_size = rt->atom_size, new_size, k;
        JSString **a;
        new_size = old_size ? old_size + old_size / 2 : 512;
        if (new_size > (int)JS_ATOM_MAX)
            new_size = (int)JS_ATOM_MAX;
        if (new_size <= old_size) {
            if (--p->header.ref_count <= 0)
                wf_str_free(rt, p);
            return JS_ATOM_NULL;
        }
        a = js_realloc_rt(rt, rt->atom_array, sizeof(JSString *) * (size_t)new_size);
        if (!a) {
            if (--p->header.ref_count <= 0)
                wf_str_free(rt, p);
            return JS_ATOM_NULL;
        }
        rt->atom_array = a;
        if (old_size == 0) {
            a[0] = NULL;        /* JS_ATOM_NULL is never handed out */
            old_size = 1;
        }
        for (k = new_size - 1; k >= old_size; k--) {
            a[k] = (JSString *)(((uintptr_t)rt->atom_free_index << 1) | 1);
            rt->atom_free_index = k;
        }
        rt->atom_size = new_size;
    }
    i = (uint32_t)rt->atom_free_index;
    rt->atom_free_index = (int)((uintptr_t)rt->atom_array[i] >> 1);
    rt->atom_array[i] = p;
    p->atom_type = (uint32_t)atom_type;
    p->hash = h;
    if (atom_type == WF_ATOM_TYPE_STRING || atom_type == WF_ATOM_TYPE_GLOBAL_SYMBOL) {
        uint32_t b = h & (uint32_t)(rt->atom_hash_size - 1);
        p->hash_next = rt->atom_hash[b];
        rt->atom_hash[b] = i;
    } else {
        p->hash_next = i;
    }
    rt->atom_count++;
    if (rt->atom_count >= rt->atom_count_resize && rt->atom_hash_size < (1 << 28))
        atom_hash_resize(rt, rt->atom_hash_size * 2);   /* failure only costs speed */
    return i;
}

/* Index of an atom string found by pointer. */
static uint32_t atom_index_of(JSRuntime *rt, const JSString *p)
{
    uint32_t i;
    if (p->atom_type == WF_ATOM_TYPE_SYMBOL || p->atom_type == WF_ATOM_TYPE_PRIVATE)
        return p->hash_next;
    i = rt->atom_hash[p->hash & (uint32_t)(rt->atom_hash_size - 1)];
    while (i && rt->atom_array[i] != p)
        i = rt->atom_array[i]->hash_next;
    return i;
}

void wf_atom_free_string(JSRuntime *rt, JSString *p)
{
    uint32_t i;
    if (p->atom_type == WF_ATOM_TYPE_SYMBOL)
        wf_weak_symbol_free(rt, p);     /* WeakMap keys, WeakRef targets... */
    i = atom_index_of(rt, p);
    if (i == 0) {
        /* not in the table (cannot happen); still release the memory */
        js_free_rt(rt, p);
        return;
    }
    if (p->atom_type == WF_ATOM_TYPE_STRING || p->atom_type == WF_ATOM_TYPE_GLOBAL_SYMBOL) {
        uint32_t *pi = &rt->atom_hash[p->hash & (uint32_t)(rt->atom_hash_size - 1)];
        while (*pi != i)
            pi = &rt->atom_array[*pi]->hash_next;
        *pi = p->hash_next;
    }
    rt->atom_array[i] = (JSString *)(((uintptr_t)rt->atom_free_index << 1) | 1);
    rt->atom_free_index = (int)i;
    rt->atom_count--;
    js_free_rt(rt, p);
}

/* ------------------------------------------------------------------ */
/* Set-up and tear-down */

int wf_atom_init(JSRuntime *rt)
{
    size_t i, n = sizeof(const_atoms) / sizeof(const_atoms[0]);
    rt->atom_hash = NULL;
    rt->atom_array = NULL;
    rt->atom_size = 0;
    rt->atom_count = 0;
    rt->atom_free_index = 0;
    if (atom_hash_resize(rt, 512))
        return -1;
    for (i = 1; i < n; i++) {
        const char *s = const_atoms[i].str;
        JSString *p = wf_str_from_utf8_rt(rt, s, strlen(s));
        JSAtom a;
        if (!p)
            return -1;
        if (const_atoms[i].is_symbol)
            a = atom_insert(rt, p, WF_ATOM_TYPE_SYMBOL, 0);
        else
            a = atom_insert(rt, p, WF_ATOM_TYPE_STRING, atom_hash_of(p, WF_ATOM_TYPE_STRING));
        if (a != i)
            return -1;
    }
    return 0;
}

void wf_atom_free_all(JSRuntime *rt)
{
    int i;
    bool dump = (rt->dump_flags & JS_DUMP_ATOM_LEAKS) != 0;
    for (i = 1; i < rt->atom_size; i++) {
        JSString *p = rt->atom_array[i];
        if (!p || slot_is_free(p))
            continue;
        if (dump && i >= JS_ATOM_END) {
            char buf[64];
            printf("leak: atom %d '%s' ref_count=%d\n", i,
                   wf_atom_get_cstr(rt, buf, sizeof(buf), (JSAtom)i), p->header.ref_count);
        }
        js_free_rt(rt, p);
    }
    js_free_rt(rt, rt->atom_array);
    js_free_rt(rt, rt->atom_hash);
    rt->atom_array = NULL;
    rt->atom_hash = NULL;
    rt->atom_size = rt->atom_count = 0;
    rt->atom_hash_size = 0;
}

/* ------------------------------------------------------------------ */
/* Interning */

static JSAtom new_str_rt(JSRuntime *rt, JSString *s)
{
    uint32_t n, h;
    JSAtom a;
    if (str_is_int_key(s, &n) && wf_atom_uint_fits(n)) {
        if (--s->header.ref_count <= 0)
            wf_str_free(rt, s);
        return wf_atom_from_uint(n);
    }
    if (s->atom_type == WF_ATOM_TYPE_STRING)
        return atom_index_of(rt, s);   /* already interned: the caller's count is the reference */
    h = atom_hash_of(s, WF_ATOM_TYPE_STRING);
    a = atom_lookup(rt, s, WF_ATOM_TYPE_STRING, h);
    if (a) {
        if (--s->header.ref_count <= 0)
            wf_str_free(rt, s);
        return wf_atom_dup(rt, a);
    }
    if (s->atom_type != 0) {
        /* a symbol's string cannot become a string atom: copy it */
        JSString *c = wf_str_alloc_rt(rt, s->len, s->is_wide);
        if (!c) {
            if (--s->header.ref_count <= 0)
                wf_str_free(rt, s);
            return JS_ATOM_NULL;
        }
        memcpy(c->u.str8, s->u.str8, s->is_wide ? (size_t)s->len * 2 : s->len);
        if (--s->header.ref_count <= 0)
            wf_str_free(rt, s);
        s = c;
    }
    return atom_insert(rt, s, WF_ATOM_TYPE_STRING, h);
}

JSAtom wf_atom_new_str(JSContext *ctx, JSString *s)
{
    JSAtom a = new_str_rt(ctx->rt, s);
    if (a == JS_ATOM_NULL)
        JS_ThrowOutOfMemory(ctx);
    return a;
}

JSAtom wf_atom_new_rt(JSRuntime *rt, const char *utf8, size_t len)
{
    JSString *p;
    bool ascii = true;
    size_t i;

    /* look up existing ASCII names without allocating */
    for (i = 0; i < len; i++) {
        if ((uint8_t)utf8[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii && len > 0 && len <= 64 && !(utf8[0] >= '0' && utf8[0] <= '9')) {
        uint32_t h = 2166136261u, idx;
        for (i = 0; i < len; i++)
            h = (h ^ (uint8_t)utf8[i]) * 16777619u;
        h = (h ^ (uint32_t)WF_ATOM_TYPE_STRING * 0x9E3779B1u) & HASH_MASK;
        idx = rt->atom_hash[h & (uint32_t)(rt->atom_hash_size - 1)];
        while (idx) {
            JSString *q = rt->atom_array[idx];
            if (q->hash == h && q->atom_type == WF_ATOM_TYPE_STRING && q->len == len &&
                !q->is_wide && memcmp(q->u.str8, utf8, len) == 0)
                return wf_atom_dup(rt, idx);
            idx = q->hash_next;
        }
    }
    p = wf_str_from_utf8_rt(rt, utf8, len);
    if (!p)
        return JS_ATOM_NULL;
    return new_str_rt(rt, p);
}

JSAtom wf_atom_new_len(JSContext *ctx, const char *utf8, size_t len)
{
    JSAtom a = wf_atom_new_rt(ctx->rt, utf8, len);
    if (a == JS_ATOM_NULL)
        JS_ThrowOutOfMemory(ctx);
    return a;
}

JSAtom wf_atom_new_uint32(JSContext *ctx, uint32_t n)
{
    char buf[16];
    int len;
    if (wf_atom_uint_fits(n))
        return wf_atom_from_uint(n);
    len = snprintf(buf, sizeof(buf), "%u", n);
    return wf_atom_new_len(ctx, buf, (size_t)len);
}

JSAtom wf_atom_new_symbol(JSContext *ctx, JSString *descr, int atom_type)
{
    JSRuntime *rt = ctx->rt;
    JSAtom a;
    uint32_t h = 0;

    if (!descr) {
        /* undefined description: an empty wide string marks it */
        descr = wf_str_alloc(ctx, 0, true);
        if (!descr)
            return JS_ATOM_NULL;
    } else if (atom_type == WF_ATOM_TYPE_GLOBAL_SYMBOL) {
        h = atom_hash_of(descr, WF_ATOM_TYPE_GLOBAL_SYMBOL);
        a = atom_lookup(rt, descr, WF_ATOM_TYPE_GLOBAL_SYMBOL, h);
        if (a) {
            if (--descr->header.ref_count <= 0)
                wf_str_free(rt, descr);
            return wf_atom_dup(rt, a);
        }
    }
    if (descr->atom_type != 0 || descr->header.ref_count != 1) {
        /* every symbol needs a JSString of its own */
        JSString *c = wf_str_alloc(ctx, descr->len, descr->is_wide);
        if (!c) {
            if (--descr->header.ref_count <= 0)
                wf_str_free(rt, descr);
            return JS_ATOM_NULL;
        }
        memcpy(c->u.str8, descr->u.str8, descr->is_wide ? (size_t)descr->len * 2 : (size_t)descr->len + 1);
        if (--descr->header.ref_count <= 0)
            wf_str_free(rt, descr);
        descr = c;
    }
    a = atom_insert(rt, descr, atom_type, h);
    if (a == JS_ATOM_NULL)
        JS_ThrowOutOfMemory(ctx);
    return a;
}

JSAtom wf_atom_find(JSRuntime *rt, const JSString *str)
{
    uint32_t n;
    if (str_is_int_key(str, &n) && wf_atom_uint_fits(n))
        return wf_atom_from_uint(n);
    if (str->atom_type == WF_ATOM_TYPE_STRING)
        return atom_index_of(rt, str);
    return atom_lookup(rt, str, WF_ATOM_TYPE_STRING, atom_hash_of(str, WF_ATOM_TYPE_STRING));
}

JSAtom wf_atom_dup(JSRuntime *rt, JSAtom a)
{
    if (!wf_atom_is_int(a) && !wf_atom_is_const(a))
        rt->atom_array[a]->header.ref_count++;
    return a;
}

void wf_atom_free(JSRuntime *rt, JSAtom a)
{
    JSString *p;
    if (wf_atom_is_int(a) || wf_atom_is_const(a))
        return;
    p = rt->atom_array[a];
    if (--p->header.ref_count <= 0)
        wf_atom_free_string(rt, p);
}

/* ------------------------------------------------------------------ */
/* Inspection */

JSString *wf_atom_get_str(JSRuntime *rt, JSAtom a)
{
    if (wf_atom_is_int(a))
        return NULL;
    return rt->atom_array[a];
}

int wf_atom_type(JSRuntime *rt, JSAtom a)
{
    if (wf_atom_is_int(a))
        return WF_ATOM_TYPE_STRING;
    return rt->atom_array[a]->atom_type;
}

bool wf_atom_is_symbol(JSRuntime *rt, JSAtom a)
{
    int t;
    if (wf_atom_is_int(a))
        return false;
    t = rt->atom_array[a]->atom_type;
    return t == WF_ATOM_TYPE_SYMBOL || t == WF_ATOM_TYPE_GLOBAL_SYMBOL || t == WF_ATOM_TYPE_PRIVATE;
}

bool wf_atom_is_private(JSRuntime *rt, JSAtom a)
{
    return !wf_atom_is_int(a) && rt->atom_array[a]->atom_type == WF_ATOM_TYPE_PRIVATE;
}

bool wf_atom_is_array_index(JSRuntime *rt, uint32_t *pidx, JSAtom a)
{
    JSString *p;
    uint32_t n;
    if (wf_atom_is_int(a)) {
        *pidx = wf_atom_to_uint(a);
        return true;
    }
    p = rt->atom_array[a];
    if (p->atom_type != WF_ATOM_TYPE_STRING)
        return false;
    /* only strings above the int-atom range can still be indices */
    if (p->len >= 10 && str_is_int_key(p, &n) && n != UINT32_MAX) {
        *pidx = n;
        return true;
    }
    return false;
}

static JSValue uint_to_string(JSContext *ctx, uint32_t n)
{
    char buf[16];
    int len = snprintf(buf, sizeof(buf), "%u", n);
    return wf_str_new8(ctx, (const uint8_t *)buf, (uint32_t)len);
}

JSValue wf_atom_to_value(JSContext *ctx, JSAtom a)
{
    JSString *p;
    if (wf_atom_is_int(a))
        return uint_to_string(ctx, wf_atom_to_uint(a));
    p = ctx->rt->atom_array[a];
    p->header.ref_count++;
    if (p->atom_type == WF_ATOM_TYPE_STRING)
        return JS_MKPTR(JS_TAG_STRING, p);
    return JS_MKPTR(JS_TAG_SYMBOL, p);
}

JSValue wf_symbol_description(JSContext *ctx, JSAtom a)
{
    JSString *p;
    if (wf_atom_is_int(a))
        return uint_to_string(ctx, wf_atom_to_uint(a));
    p = ctx->rt->atom_array[a];
    if (p->atom_type != WF_ATOM_TYPE_STRING && p->len == 0 && p->is_wide)
        return JS_UNDEFINED;
    if (p->atom_type == WF_ATOM_TYPE_STRING) {
        p->header.ref_count++;
        return JS_MKPTR(JS_TAG_STRING, p);
    }
    if (p->len == 0)
        return wf_str_empty(ctx);
    return p->is_wide ? wf_str_new16(ctx, p->u.str16, p->len) : wf_str_new8(ctx, p->u.str8, p->len);
}

const char *wf_atom_get_cstr(JSRuntime *rt, char *buf, size_t buf_size, JSAtom a)
{
    JSString *p;
    size_t pos = 0;
    uint32_t i;

    if (buf_size == 0)
        return buf;
    if (a == JS_ATOM_NULL) {
        snprintf(buf, buf_size, "<null>");
        return buf;
    }
    if (wf_atom_is_int(a)) {
        snprintf(buf, buf_size, "%u", wf_atom_to_uint(a));
        return buf;
    }
    p = rt->atom_array[a];
    if (!p || slot_is_free(p)) {
        snprintf(buf, buf_size, "<freed>");
        return buf;
    }
    for (i = 0; i < p->len; i++) {
        uint32_t c = wf_str_get(p, i);
        char tmp[4];
        size_t k;
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < p->len) {
            uint32_t c2 = wf_str_get(p, i + 1);
            if (c2 >= 0xDC00 && c2 < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                i++;
            }
        }
        if (c >= 0xD800 && c < 0xE000)
            c = 0xFFFD;
        if (c < 0x80) {
            tmp[0] = (char)c; k = 1;
        } else if (c < 0x800) {
            tmp[0] = (char)(0xC0 | (c >> 6)); tmp[1] = (char)(0x80 | (c & 0x3F)); k = 2;
        } else if (c < 0x10000) {
            tmp[0] = (char)(0xE0 | (c >> 12)); tmp[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            tmp[2] = (char)(0x80 | (c & 0x3F)); k = 3;
        } else {
            tmp[0] = (char)(0xF0 | (c >> 18)); tmp[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            tmp[2] = (char)(0x80 | ((c >> 6) & 0x3F)); tmp[3] = (char)(0x80 | (c & 0x3F)); k = 4;
        }
        if (pos + k >= buf_size)
            break;
        memcpy(buf + pos, tmp, k);
        pos += k;
    }
    buf[pos] = '\0';
    return buf;
}

JSAtom wf_symbol_to_atom(JSRuntime *rt, JSValueConst sym)
{
    return atom_index_of(rt, wf_str(sym));
}

/* ------------------------------------------------------------------ */
/* Public API */

JSAtom JS_NewAtomLen(JSContext *ctx, const char *str, size_t len)
{
    return wf_atom_new_len(ctx, str, len);
}

JSAtom JS_NewAtom(JSContext *ctx, const char *str)
{
    return wf_atom_new_len(ctx, str, strlen(str));
}

JSAtom JS_NewAtomUInt32(JSContext *ctx, uint32_t n)
{
    return wf_atom_new_uint32(ctx, n);
}

JSAtom JS_DupAtom(JSContext *ctx, JSAtom v)
{
    return wf_atom_dup(ctx->rt, v);
}

void JS_FreeAtom(JSContext *ctx, JSAtom v)
{
    wf_atom_free(ctx->rt, v);
}

void JS_FreeAtomRT(JSRuntime *rt, JSAtom v)
{
    wf_atom_free(rt, v);
}

JSValue JS_AtomToValue(JSContext *ctx, JSAtom atom)
{
    return wf_atom_to_value(ctx, atom);
}

/* The key as a string: a symbol gives its description (QuickJS behaviour). */
JSValue JS_AtomToString(JSContext *ctx, JSAtom atom)
{
    JSString *p;
    if (wf_atom_is_int(atom))
        return uint_to_string(ctx, wf_atom_to_uint(atom));
    p = ctx->rt->atom_array[atom];
    if (p->atom_type == WF_ATOM_TYPE_STRING) {
        p->header.ref_count++;
        return JS_MKPTR(JS_TAG_STRING, p);
    }
    if (p->len == 0)
        return wf_str_empty(ctx);
    return p->is_wide ? wf_str_new16(ctx, p->u.str16, p->len) : wf_str_new8(ctx, p->u.str8, p->len);
}

const char *JS_AtomToCStringLen(JSContext *ctx, size_t *plen, JSAtom atom)
{
    JSValue v = JS_AtomToString(ctx, atom);
    const char *r;
    if (JS_IsException(v)) {
        if (plen)
            *plen = 0;
        return NULL;
    }
    r = wf_str_to_utf8(ctx, wf_str(v), plen, false);
    JS_FreeValue(ctx, v);
    return r;
}

JSAtom JS_ValueToAtom(JSContext *ctx, JSValueConst val)
{
    return wf_to_property_key(ctx, val);
}

JSValue JS_NewSymbol(JSContext *ctx, const char *description, bool is_global)
{
    JSString *d = NULL;
    JSAtom a;
    if (description) {
        JSValue s = JS_NewString(ctx, description);
        if (JS_IsException(s))
            return s;
        d = wf_str(s);
    }
    a = wf_atom_new_symbol(ctx, d, is_global ? WF_ATOM_TYPE_GLOBAL_SYMBOL : WF_ATOM_TYPE_SYMBOL);
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    /* the atom reference becomes the value's reference */
    return JS_MKPTR(JS_TAG_SYMBOL, ctx->rt->atom_array[a]);
}
