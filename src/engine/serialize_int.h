/*
 * serialize_int.h - private contract of the serializer's files:
 * serialize.c (format, value writer and reader, messages, the public
 * JS_WriteObject/JS_ReadObject) and serialize_bc.c (compiled functions and
 * modules, JS_WRITE_OBJ_BYTECODE).  Nothing else includes it, except the
 * two built-in families that give the serializer access to their internal
 * slots (declared at the end, implemented in builtins/mapset.c and
 * builtins/regexp.c).
 *
 * The format (version WF_SER_VERSION), all integers little-endian:
 *   header   'W' 'F' version flags(u8: WF_SER_HDR_*)
 *            [u32 bytecode fingerprint, when WF_SER_HDR_BYTECODE]
 *   value    one tag byte (WFSerTag) and its payload.  uleb = unsigned
 *            LEB128 (at most 10 bytes), sleb = zigzag LEB128.
 * Every object tag gives the object the next index of the object table
 * (in the order the tags appear), which T_OBJECT_REF names later: shared
 * and circular references.  Property keys are interned the same way in a
 * key table (K_STR defines the next key, K_REF names one).
 */
#ifndef WF_SERIALIZE_INT_H
#define WF_SERIALIZE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/state.h"
#include "engine/serialize.h"

#define WF_SER_MAGIC0   'W'
#define WF_SER_MAGIC1   'F'
#define WF_SER_VERSION  1

#define WF_SER_HDR_BYTECODE 0x01    /* contains compiled code: fingerprint follows */

typedef enum WFSerTag {
    T_INVALID = 0,
    T_UNDEFINED,
    T_NULL,
    T_FALSE,
    T_TRUE,
    T_INT32,            /* sleb */
    T_FLOAT64,          /* 8 bytes */
    T_BIGINT,           /* u8 sign, uleb n_words, n_words * u64 */
    T_STRING8,          /* uleb len, len Latin-1 bytes */
    T_STRING16,         /* uleb len, len UTF-16 units */
    T_OBJECT_REF,       /* uleb object index */
    T_OBJECT,           /* properties (keys + values) until K_END */
    T_ARRAY,            /* uleb length, properties until K_END */
    T_BOOL_OBJ,         /* u8 */
    T_NUMBER_OBJ,       /* value (a number) */
    T_STRING_OBJ,       /* value (a string) */
    T_BIGINT_OBJ,       /* value (a BigInt) */
    T_DATE,             /* f64 time value */
    T_REGEXP,           /* value (source string), u8 flags, value (lastIndex number) */
    T_MAP,              /* uleb count, count * (key, value) */
    T_SET,              /* uleb count, count * value */
    T_ERROR,            /* u8 name (WFSerErrName), u8 fields (1 message, 2 stack, 4 cause),
                           then the present ones: string, string, value */
    T_ARRAY_BUFFER,     /* uleb len, bytes */
    T_RESIZABLE_AB,     /* uleb len, uleb max_len, bytes */
    T_SAB,              /* uleb index into the JSSABTab */
    T_TRANSFER_AB,      /* uleb index into the message's stores: transferred
                           buffers, then large buffers copied out of line */
    T_TRANSFER_HOST,    /* uleb index into the message's host objects */
    T_TYPED_ARRAY,      /* u8 JSTypedArrayEnum, u8 track, uleb offset, uleb length, value (buffer) */
    T_DATAVIEW,         /* u8 track, uleb offset, uleb length, value (buffer) */
    T_FUNCTION_BC,      /* compiled function (serialize_bc.c) */
    T_MODULE,           /* module record (serialize_bc.c) */
    T_TEMPLATE,         /* template object of a tagged template (bytecode constants):
                           uleb n, n cooked values, n raw strings */
    T_SYMBOL_CONST,     /* bytecode keys only: uleb atom below JS_ATOM_END */
    T_SYMBOL_NEW,       /* bytecode keys only: u8 atom type, string description */
    T_COUNT,
} WFSerTag;

/* Property keys inside T_OBJECT / T_ARRAY. */
enum {
    K_END = 0,
    K_NEXT,             /* index = previous index + 1 (arrays) */
    K_INDEX,            /* uleb integer key (< 2^31 - 1) */
    K_STR,              /* a new key: string payload (T_STRING8/16 layout, tag included) */
    K_REF,              /* uleb key table index */
};

/* Error names in the format (T_ERROR): Error, EvalError, RangeError,
   ReferenceError, SyntaxError, TypeError, URIError. */
#define WF_SER_ERR_NAME_COUNT 7

/* ---- messages (serialize.h) ---- */

typedef struct WFMsgStore {
    uint8_t *data;              /* block of the message's allocator; NULL when taken */
    size_t len, max_len;
    bool resizable;
} WFMsgStore;

/* The message (serialize.h): every block comes from `owner`. */
struct WFMessage {
    WFMemOwner owner;
    uint8_t *data;
    size_t len;
    void **sabs;                /* one store reference each */
    uint32_t n_sabs;
    WFMsgStore *stores;
    uint32_t n_stores;
    void **hosts;               /* host data; NULL once received */
    uint32_t n_hosts;
    const WFCloneHostHooks *hooks;
};

/* ---- writer ---- */

typedef struct WFSerObj {
    JSObject *p;                /* counted while the writer lives */
    uint32_t index;             /* object index once written, UINT32_MAX before */
    int32_t transfer;           /* transfer list position, -1 if not transferred */
    bool on_stack;              /* being written (cycle check without references) */
} WFSerObj;

typedef struct WFWriter {
    JSContext *ctx;
    JSRuntime *rt;
    int flags;                  /* JS_WRITE_OBJ_* */
    bool error;                 /* an exception is pending */
    uint8_t *buf;
    size_t len, size;

    WFSerObj *objs;             /* objects met so far */
    uint32_t n_objs, objs_size;
    uint32_t *obj_hash;         /* 1-based indices into objs, open addressing */
    uint32_t obj_hash_size;     /* power of two */
    uint32_t next_index;        /* object indices handed out */

    JSAtom *keys;               /* key table (atoms not counted: they are
                                   kept alive by the objects in objs) */
    uint32_t n_keys, keys_size;
    uint32_t *key_hash;
    uint32_t key_hash_size;

    void **sab_tab;             /* store identities (JS_WRITE_OBJ_SAB) */
    uint32_t n_sab, sab_size;

    struct WFSource **sources;  /* source texts written (bytecode), not counted */
    uint32_t n_sources, sources_size;

    bool message;               /* writing a WFMessage (wf_message_write) */
    WFMsgStore *copies;         /* message: large ArrayBuffers copied out of
                                   line (stores after the transfer list's),
                                   so the reader adopts them uncopied */
    uint32_t n_copies, copies_size;

    JSValue *transfer;          /* transfer list, counted */
    uint8_t *transfer_is_host;
    uint32_t n_transfer;
    const WFCloneHostHooks *hooks;
} WFWriter;

int wf_ser_put_u8(WFWriter *w, uint8_t v);
int wf_ser_put_bytes(WFWriter *w, const void *p, size_t n);
int wf_ser_put_uleb(WFWriter *w, uint64_t v);
int wf_ser_put_sleb(WFWriter *w, int64_t v);
int wf_ser_put_f64(WFWriter *w, double d);
int wf_ser_put_u32(WFWriter *w, uint32_t v);
/* A string value with its tag (T_STRING8 / T_STRING16). */
int wf_ser_put_jsstring(WFWriter *w, const struct JSString *s);
/* An atom as a string value (T_STRING8/16) or, for int atoms, T_INT32;
   with JS_WRITE_OBJ_BYTECODE also symbols (T_SYMBOL_CONST/NEW). */
int wf_ser_put_atom(WFWriter *w, JSAtom a);
/* A property key or any atom through the key table (K_STR / K_REF /
   K_INDEX; K_END for JS_ATOM_NULL). */
int wf_ser_put_key(WFWriter *w, JSAtom a);
/* Any value (recursive). -1 with an exception pending. */
int wf_ser_write_value(WFWriter *w, JSValueConst v);

/* serialize_bc.c */
int wf_ser_write_bytecode(WFWriter *w, JSValueConst v);     /* T_FUNCTION_BC */
int wf_ser_write_module(WFWriter *w, JSValueConst v);       /* T_MODULE */
uint32_t wf_ser_bytecode_fingerprint(void);

/* serialize_write.c */
void wf_ser_writer_init(WFWriter *w, JSContext *ctx, int flags);
void wf_ser_writer_free(WFWriter *w);
/* Header, then the value: -1 with an exception pending. */
int wf_ser_write_root(WFWriter *w, JSValueConst v);

/* ---- reader ---- */

typedef struct WFReader {
    JSContext *ctx;
    JSRuntime *rt;
    const uint8_t *start, *p, *end;
    int flags;                  /* JS_READ_OBJ_* */
    bool error;                 /* an exception is pending */

    JSValue *objs;              /* object table, counted (undefined: reserved) */
    uint32_t n_objs, objs_size;
    JSAtom *keys;               /* key table, counted */
    uint32_t n_keys, keys_size;

    struct WFSource **sources;  /* source texts read (bytecode), counted */
    uint32_t n_sources, sources_size;

    uint8_t **sab_tab;          /* JSSABTab entries, borrowed */
    size_t n_sab;
    struct WFMessage *msg;      /* message being read, or NULL */
} WFReader;

/* Throw the "malformed input" SyntaxError once; returns -1. */
int wf_ser_bad(WFReader *r, const char *what);
int wf_ser_get_u8(WFReader *r, uint8_t *pv);
int wf_ser_get_bytes(WFReader *r, void *dst, size_t n);
int wf_ser_get_uleb(WFReader *r, uint64_t *pv);
int wf_ser_get_uleb32(WFReader *r, uint32_t *pv);   /* value < 2^32 */
int wf_ser_get_sleb32(WFReader *r, int32_t *pv);
int wf_ser_get_f64(WFReader *r, double *pd);
int wf_ser_get_u32(WFReader *r, uint32_t *pv);
/* A string value (T_STRING8/16 with its tag): new reference or JS_EXCEPTION. */
JSValue wf_ser_get_string(WFReader *r);
/* A new atom from a string value or T_INT32 (wf_ser_put_atom). */
JSAtom wf_ser_get_atom(WFReader *r);
JSValue wf_ser_read_value(WFReader *r);
/* A key written by wf_ser_put_key: new atom, JS_ATOM_NULL for K_END (then
   check r->error). */
JSAtom wf_ser_get_key(WFReader *r);
/* Reserve / fill an object table slot. */
int wf_ser_reserve_obj(WFReader *r, uint32_t *pidx);
void wf_ser_set_obj(WFReader *r, uint32_t idx, JSValueConst obj);   /* dup'ed */

/* serialize_read.c */
void wf_ser_reader_init(WFReader *r, JSContext *ctx, const uint8_t *buf, size_t len, int flags);
void wf_ser_reader_free(WFReader *r);
/* Header, one value, nothing after it. */
JSValue wf_ser_read_root(WFReader *r);

/* serialize_bc.c: after the tag byte. */
JSValue wf_ser_read_bytecode(WFReader *r);
JSValue wf_ser_read_module(WFReader *r);

/* ---- built-in families' internal slots ---- */

/* builtins/mapset.c */
JSValue wf_mapset_new(JSContext *ctx, bool is_set);
int wf_mapset_snapshot(JSContext *ctx, JSValueConst obj, JSValue **ptab, uint32_t *pcount);
int wf_mapset_add(JSContext *ctx, JSValueConst obj, JSValueConst key, JSValueConst value);
/* builtins/regexp.c */
bool wf_regexp_get_source_flags(JSValueConst obj, JSValueConst *psource, int *pflags);
JSValue wf_regexp_create(JSContext *ctx, JSValueConst source, JSValueConst flags);

#endif /* WF_SERIALIZE_INT_H */
