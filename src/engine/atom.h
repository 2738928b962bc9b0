/*
 * atom.h - interned property keys.
 *
 * A JSAtom names a property key: a string or a symbol, interned per runtime
 * and reference counted.  Integer keys 0 .. 2^31-2 are encoded in the atom
 * itself (JS_ATOM_TAG_INT set) and cost nothing.  The atoms of atoms.def are
 * created with every runtime and are never freed (their counts are ignored).
 */
#ifndef WF_ATOM_H
#define WF_ATOM_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

enum {
    JS_ATOM_NULL_ = JS_ATOM_NULL,
#define DEF(id, str) JS_ATOM_##id,
#define DEF_SYMBOL(id, str) JS_ATOM_##id,
#include "engine/atoms.def"
#undef DEF
#undef DEF_SYMBOL
    JS_ATOM_END,   /* atoms below this are the constant ones */
};

#define JS_ATOM_TAG_INT   (1U << 31)
#define JS_ATOM_MAX_INT   (JS_ATOM_TAG_INT - 1)
#define JS_ATOM_MAX       ((1U << 30) - 1)

static inline bool wf_atom_is_int(JSAtom a)      { return (a & JS_ATOM_TAG_INT) != 0; }
static inline uint32_t wf_atom_to_uint(JSAtom a) { return a & ~JS_ATOM_TAG_INT; }
static inline JSAtom wf_atom_from_uint(uint32_t n) { return n | JS_ATOM_TAG_INT; }  /* wf_atom_uint_fits(n) */
/* Integers that are stored as int atoms: 0 .. 2^31-2.  Every path that makes
   a key from a number or a numeric string uses this same test, so a key has
   exactly one atom. */
static inline bool wf_atom_uint_fits(uint32_t n) { return n < JS_ATOM_MAX_INT; }
static inline bool wf_atom_is_const(JSAtom a)    { return a < JS_ATOM_END; }

/* What kind of key an atom is (JSString.atom_type). */
enum {
    WF_ATOM_TYPE_STRING = 1,
    WF_ATOM_TYPE_GLOBAL_SYMBOL,  /* Symbol.for() */
    WF_ATOM_TYPE_SYMBOL,         /* includes well-known and private names */
    WF_ATOM_TYPE_PRIVATE,        /* #x private names: symbols never exposed */
};

struct JSString;

/* Runtime set-up and tear-down (atom.c). Return -1 on allocation failure. */
int wf_atom_init(JSRuntime *rt);
void wf_atom_free_all(JSRuntime *rt);

/* Interning.  The *Str variants consume the JSString reference. */
JSAtom wf_atom_new_str(JSContext *ctx, struct JSString *s);     /* JS_ATOM_NULL on OOM */
/* descr NULL: the description is undefined (Symbol()); for
   WF_ATOM_TYPE_GLOBAL_SYMBOL an existing registry entry is returned. */
JSAtom wf_atom_new_symbol(JSContext *ctx, struct JSString *descr, int atom_type);
/* Same as wf_atom_new_len without a context: JS_ATOM_NULL on OOM, no exception. */
JSAtom wf_atom_new_rt(JSRuntime *rt, const char *utf8, size_t len);
/* A symbol's description: string value, or JS_UNDEFINED for Symbol(). */
JSValue wf_symbol_description(JSContext *ctx, JSAtom a);
/* jsstring.c: an atom's string reached count 0 (called by wf_str_free). */
void wf_atom_free_string(JSRuntime *rt, struct JSString *p);
JSAtom wf_atom_new_len(JSContext *ctx, const char *utf8, size_t len);
/* Key of an integer: an int atom when wf_atom_uint_fits(n), else a string atom. */
JSAtom wf_atom_new_uint32(JSContext *ctx, uint32_t n);
/* JS_ATOM_NULL if 'str' is not an existing atom (no allocation). */
JSAtom wf_atom_find(JSRuntime *rt, const struct JSString *str);
JSAtom wf_atom_dup(JSRuntime *rt, JSAtom a);
void wf_atom_free(JSRuntime *rt, JSAtom a);

/* Inspection. */
struct JSString *wf_atom_get_str(JSRuntime *rt, JSAtom a);  /* borrowed; NULL for int atoms */
int wf_atom_type(JSRuntime *rt, JSAtom a);                  /* WF_ATOM_TYPE_*; STRING for ints */
bool wf_atom_is_symbol(JSRuntime *rt, JSAtom a);            /* symbol or private */
bool wf_atom_is_private(JSRuntime *rt, JSAtom a);
/* If the atom is a string that is a canonical array index (0..2^32-2), store
   it and return true (int atoms and long numeric strings alike). */
bool wf_atom_is_array_index(JSRuntime *rt, uint32_t *pidx, JSAtom a);
/* Symbol value / string value for an atom (new reference). */
JSValue wf_atom_to_value(JSContext *ctx, JSAtom a);
/* For messages: writes a printable UTF-8 form (truncated) into buf. */
const char *wf_atom_get_cstr(JSRuntime *rt, char *buf, size_t buf_size, JSAtom a);

/* Symbol values are JS_TAG_SYMBOL values whose pointer is the atom's
   JSString; these convert between the two without touching counts. */
JSAtom wf_symbol_to_atom(JSRuntime *rt, JSValueConst sym);

#endif /* WF_ATOM_H */
