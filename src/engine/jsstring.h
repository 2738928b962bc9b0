/*
 * jsstring.h - JavaScript strings.
 *
 * A JSString is an immutable sequence of UTF-16 code units, stored as
 * Latin-1 bytes when every unit is < 0x100 (is_wide = 0) or as uint16_t
 * (is_wide = 1).  Strings are reference counted (not GC cells: they hold no
 * references).  The same struct is the body of atoms and symbols.
 *
 * Concatenation is linear in a loop: wf_str_concat() appends in place when
 * it holds the only reference to the left operand and the allocation has
 * room (it over-allocates geometrically), so `s += x` costs amortised O(|x|)
 * when the compiler hands the variable's reference to the add (see the
 * interpreter's add-to-local path).
 */
#ifndef WF_JSSTRING_H
#define WF_JSSTRING_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

#define JS_STRING_LEN_MAX ((1 << 30) - 1)

typedef struct JSString {
    JSRefCountHeader header;    /* must be first */
    uint32_t len : 31;
    uint32_t is_wide : 1;
    uint32_t hash : 29;         /* valid for atoms */
    uint32_t atom_type : 3;     /* 0: not an atom, else WF_ATOM_TYPE_* (see atom.h; PRIVATE is 4) */
    uint32_t hash_next;         /* atom hash chain (atom index); for symbols: the atom's own index */
    union {
        uint8_t str8[0];        /* len + 1 bytes, NUL terminated */
        uint16_t str16[0];
    } u;
} JSString;

static inline JSString *wf_str(JSValueConst v)
{
    return (JSString *)JS_VALUE_GET_PTR(v);
}

static inline uint32_t wf_str_get(const JSString *p, uint32_t i)
{
    return p->is_wide ? p->u.str16[i] : p->u.str8[i];
}

/* Allocation.  NULL with an exception pending on failure. */
JSString *wf_str_alloc(JSContext *ctx, uint32_t len, bool is_wide);  /* contents uninitialised */
JSString *wf_str_alloc_rt(JSRuntime *rt, uint32_t len, bool is_wide);  /* no exception */
void wf_str_free(JSRuntime *rt, JSString *p);   /* when the count reached 0 */
/* UTF-8 (invalid sequences become U+FFFD) to a new string, without a
   context: NULL on allocation failure, no exception. */
JSString *wf_str_from_utf8_rt(JSRuntime *rt, const char *buf, size_t len);

/* Constructors returning a JS_TAG_STRING value (or JS_EXCEPTION). */
JSValue wf_str_new8(JSContext *ctx, const uint8_t *buf, uint32_t len);    /* Latin-1 */
JSValue wf_str_new16(JSContext *ctx, const uint16_t *buf, uint32_t len);  /* narrows if possible */
JSValue wf_str_new_utf8(JSContext *ctx, const char *buf, size_t len);     /* = JS_NewStringLen */
/* UTF-8 where encoded lone surrogates stand for themselves: source text
   made from a JavaScript string (eval code) */
JSValue wf_str_new_wtf8(JSContext *ctx, const char *buf, size_t len);
JSValue wf_str_new_char(JSContext *ctx, uint32_t c);                      /* one code unit */
JSValue wf_str_from_cstr(JSContext *ctx, const char *ascii);
JSValue wf_str_sub(JSContext *ctx, JSString *p, uint32_t start, uint32_t end);  /* [start,end) */
/* Consumes a and b (both strings). */
JSValue wf_str_concat(JSContext *ctx, JSValue a, JSValue b);
/* Empty string value (the atom's string; never fails). */
JSValue wf_str_empty(JSContext *ctx);

/* Comparison and search. */
int wf_str_cmp(const JSString *a, const JSString *b);     /* code-unit order: <0, 0, >0 */
bool wf_str_eq(const JSString *a, const JSString *b);
int64_t wf_str_index_of(const JSString *hay, const JSString *needle, uint32_t from);   /* -1 if absent */
int64_t wf_str_last_index_of(const JSString *hay, const JSString *needle, int64_t from);
uint32_t wf_str_hash(const JSString *p);
/* Code point at i (combining a surrogate pair); *pnext gets the next index. */
uint32_t wf_str_code_point_at(const JSString *p, uint32_t i, uint32_t *pnext);

/* A growable string builder.  Errors (OOM, too long) are sticky: they are
   reported once by wf_sb_finish / wf_sb_error. */
typedef struct WFStringBuilder {
    JSContext *ctx;
    JSString *str;              /* allocation being filled */
    uint32_t len;
    uint32_t size;              /* capacity in code units */
    bool is_wide;
    bool error;
} WFStringBuilder;

int wf_sb_init(JSContext *ctx, WFStringBuilder *sb, uint32_t size_hint);
int wf_sb_putc(WFStringBuilder *sb, uint32_t c);          /* one code unit (c < 0x10000) */
int wf_sb_put_code_point(WFStringBuilder *sb, uint32_t c);  /* encodes surrogate pairs */
int wf_sb_put8(WFStringBuilder *sb, const uint8_t *s, uint32_t len);
int wf_sb_put16(WFStringBuilder *sb, const uint16_t *s, uint32_t len);
int wf_sb_puts(WFStringBuilder *sb, const char *ascii);
int wf_sb_put_str(WFStringBuilder *sb, const JSString *p, uint32_t from, uint32_t to);
/* Appends ToString(v); -1 on exception. */
int wf_sb_put_value(WFStringBuilder *sb, JSValueConst v);
JSValue wf_sb_finish(WFStringBuilder *sb);   /* the string, or JS_EXCEPTION */
void wf_sb_free(WFStringBuilder *sb);        /* abandon */

/* UTF-8 output for C callers (JS_ToCStringLen): lone surrogates become
   U+FFFD unless cesu8. Allocated with js_malloc; freed by JS_FreeCString. */
char *wf_str_to_utf8(JSContext *ctx, const JSString *p, size_t *plen, bool cesu8);

#endif /* WF_JSSTRING_H */
