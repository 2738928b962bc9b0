/*
 * object.h - objects, shapes and properties (ECMA-262 10.1 ordinary objects,
 * 10.4 exotic objects, 7.3 operations on objects).
 *
 * An object is a shape (hidden class: prototype + ordered property keys and
 * flags, shared between objects built the same way) plus a property value
 * array indexed like the shape's property list.  Arrays and arguments
 * objects keep their dense elements in u.array while they stay dense
 * ("fast arrays"); they are converted to ordinary properties when a hole,
 * a non-default attribute or an accessor appears.
 *
 * Who frees JSObject.u: object.c itself releases u.array (ARRAY,
 * ARGUMENTS) and u.object_data (NUMBER, STRING, BOOLEAN, SYMBOL, BIG_INT,
 * DATE) and marks them for the collector; every other class's data belongs
 * to the finalizer / gc_mark hooks its owner installs.  Mapped arguments
 * elements are JS_PROP_VARREF properties holding a counted JSVarRef
 * (engine/interp.h); [[Get]]/[[Set]] go through *var_ref->pvalue, and
 * [[DefineOwnProperty]] unmaps them (turns them into plain data) when they
 * become accessors or non-writable, as ECMA-262 10.4.4.2 requires.
 */
#ifndef WF_OBJECT_H
#define WF_OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/gc.h"
#include "engine/state.h"

struct JSFunctionBytecode;
struct JSVarRef;

/* Shape property flags: JS_PROP_CONFIGURABLE/WRITABLE/ENUMERABLE/LENGTH and
   the JS_PROP_TMASK kind (NORMAL, GETSET, VARREF, AUTOINIT). */
typedef struct JSShapeProperty {
    uint32_t hash_next : 26;    /* 1-based index of next property in the bucket, 0: end */
    uint32_t flags : 6;
    JSAtom atom;                /* JS_ATOM_NULL: deleted slot */
} JSShapeProperty;

typedef struct JSShape {
    JSGCObjectHeader header;    /* WF_GC_SHAPE */
    uint8_t is_hashed;          /* in rt->shape_hash, shared between objects */
    uint32_t hash;              /* of proto + properties, for sharing */
    uint32_t prop_hash_mask;
    int prop_size;              /* capacity of prop[] */
    int prop_count;             /* used slots, deleted ones included */
    int deleted_prop_count;
    struct JSShape *shape_hash_next;
    JSObject *proto;            /* counted reference, NULL for null */
    uint32_t *prop_hash;        /* bucket heads (1-based indices), prop_hash_mask+1 entries */
    JSShapeProperty prop[];     /* prop_size entries */
} JSShape;

typedef struct JSProperty {
    union {
        JSValue value;                      /* JS_PROP_NORMAL */
        struct {
            JSObject *getter;               /* NULL: undefined */
            JSObject *setter;
        } getset;                           /* JS_PROP_GETSET */
        struct JSVarRef *var_ref;           /* JS_PROP_VARREF: module / global lexical binding */
        struct {
            uintptr_t realm_and_id;         /* owner-defined lazy initialiser */
            void *opaque;
        } init;                             /* JS_PROP_AUTOINIT */
    } u;
} JSProperty;

struct JSObject {
    JSGCObjectHeader header;    /* WF_GC_OBJECT; ref_count first */
    uint16_t class_id;
    uint8_t extensible : 1;
    uint8_t fast_array : 1;     /* u.array holds the elements 0..count-1 */
    uint8_t is_constructor : 1;
    uint8_t is_exotic : 1;      /* class has exotic hooks or special get/set */
    uint8_t is_uncatchable_error : 1;
    uint8_t is_class_ctor : 1;  /* class constructor: [[Call]] throws */
    uint8_t is_derived_ctor : 1;
    uint8_t is_HTMLDDA : 1;
    uint8_t free_mark : 1;      /* being freed by the collector */
    uint8_t is_weak_target : 1; /* key of a WeakMap/WeakSet entry: on free, call wf_weak_target_free */
    uint8_t is_callable : 1;    /* [[Call]] exists: set from the class at creation (Proxy sets it itself) */
    uint8_t is_immutable_proto : 1; /* immutable prototype exotic object (Object.prototype) */
    JSShape *shape;
    JSProperty *prop;           /* shape->prop_size entries */
    union {
        void *opaque;                       /* user classes (JS_SetOpaque) */
        struct {
            struct JSFunctionBytecode *bytecode;
            struct JSVarRef **var_refs;     /* closure variables */
            JSObject *home_object;          /* for super, counted; may be NULL */
        } func;                             /* BYTECODE_FUNCTION and generator/async kinds */
        struct {
            JSContext *realm;               /* not counted: the function's realm */
            JSCFunctionType c_function;
            uint8_t length;
            uint8_t cproto;                 /* JSCFunctionEnum */
            int16_t magic;
        } cfunc;                            /* C_FUNCTION */
        struct {
            uint32_t count;                 /* elements in use (fast arrays) */
            uint32_t size;                  /* capacity */
            JSValue *values;
        } array;                            /* ARRAY, ARGUMENTS (fast) */
        JSValue object_data;                /* Number, String, Boolean, Symbol, BigInt, Date wrappers */
        struct {
            struct JSBoundFunction *bf;
        } bound;                            /* BOUND_FUNCTION, owned by function.c / builtins */
        void *ptr;                          /* other engine classes: owner-defined struct */
    } u;
};

static inline JSObject *wf_obj(JSValueConst v)
{
    return (JSObject *)JS_VALUE_GET_PTR(v);
}

static inline JSValue wf_obj_value(JSObject *p)   /* new reference */
{
    p->header.ref_count++;
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

/* The class table.  wf_class_init registers the built-in classes when the
   runtime is created; owners then install hooks with wf_class_set_hooks
   (typically from their wf_init_* function: it is idempotent, so running
   it for every context is fine).  Install hooks before creating objects of
   the class: is_exotic and is_callable are taken from the class when an
   object is created.  A NULL argument leaves that hook unchanged. */
int wf_class_init(JSRuntime *rt);
void wf_class_free_all(JSRuntime *rt);
void wf_class_set_hooks(JSRuntime *rt, JSClassID id, JSClassFinalizer *finalizer,
                        JSClassGCMark *gc_mark, JSClassCall *call,
                        const JSClassExoticMethods *exotic);
void wf_class_set_object_hooks(JSRuntime *rt, JSClassID id, const WFObjectHooks *hooks);

/* Lazily created property (JS_PROP_AUTOINIT): the first access calls
   def->init(realm, obj, prop, def->opaque) and the result replaces the
   property as a data property with the same attributes. */
typedef struct WFAutoInitDef {
    JSValue (*init)(JSContext *realm, JSObject *obj, JSAtom prop, void *opaque);
    void *opaque;
} WFAutoInitDef;
int wf_obj_define_autoinit(JSContext *ctx, JSValueConst obj, JSAtom prop,
                           const WFAutoInitDef *def, int flags);

/* Object creation.  proto may be JS_NULL. */
JSValue wf_obj_new(JSContext *ctx, JSValueConst proto, JSClassID class_id);
JSObject *wf_obj_new_ptr(JSContext *ctx, JSObject *proto, JSClassID class_id);
/* OrdinaryCreateFromConstructor: prototype from new_target.prototype (or the
   realm's intrinsic for class_id when it is not an object). new_target
   undefined means the intrinsic. */
JSValue wf_obj_create_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id);
/* Prototype lookup only, same rules: new reference or JS_EXCEPTION. */
JSValue wf_get_prototype_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id);

/* Shapes (shape.c).  Find returns the property index in p->prop or -1.

   Sharing rules: a shape with is_hashed set is shared (found again by
   (proto, property list)) and is never modified; changes make the object
   switch to another shape.  A shape that is not hashed belongs to exactly
   one object and is modified in place (deletions leave JS_ATOM_NULL slots;
   property indices of live slots stay valid until a compaction, which only
   happens inside wf_obj_delete).  Inline caches that keep a shape pointer
   must hold a counted reference (wf_gc_release to drop it) and compare
   both the pointer and, for writes, the slot's flags. */
static inline uint32_t wf_shape_prop_bucket(JSAtom atom, uint32_t mask)
{
    uint32_t h = atom * 0x9E3779B1u;
    return (h ^ (h >> 16)) & mask;
}
static inline int wf_shape_find(JSShape *sh, JSAtom atom)
{
    uint32_t i = sh->prop_hash[wf_shape_prop_bucket(atom, sh->prop_hash_mask)];
    while (i) {
        JSShapeProperty *pr = &sh->prop[i - 1];
        if (pr->atom == atom)
            return (int)i - 1;
        i = pr->hash_next;
    }
    return -1;
}
/* Hashed shape with no property and the given prototype (new reference), or
   NULL with an exception. */
JSShape *wf_shape_initial(JSContext *ctx, JSObject *proto);
/* Make p's shape its own (unhashed, count 1) so it can be changed in place:
   -1 with an exception on OOM. */
int wf_shape_unshare(JSContext *ctx, JSObject *p);
/* Remove property idx from p's unshared shape and free its value.  May
   compact the shape (indices change). */
void wf_shape_delete_prop(JSRuntime *rt, JSObject *p, int idx);
/* Release the contents of a property slot according to its kind flags. */
void wf_prop_free(JSRuntime *rt, JSProperty *pr, int flags);
/* Make room for n properties in p's unshared shape and value array. */
int wf_shape_reserve(JSContext *ctx, JSObject *p, int n);
/* Hint that p gets about n more properties: room is made at once when
   p's shape is its own (hashed or not); shared shapes are left alone. */
int wf_shape_presize(JSContext *ctx, JSObject *p, int n);
/* Runtime tear-down: free the shared-shape table. */
void wf_shape_free_table(JSRuntime *rt);
static inline JSShapeProperty *wf_shape_prop(JSShape *sh, int idx) { return &sh->prop[idx]; }
/* Add a new own property (must not exist): returns its JSProperty slot
   (value uninitialised) or NULL with an exception. */
JSProperty *wf_obj_add_property(JSContext *ctx, JSObject *p, JSAtom atom, int flags);
/* Change the shape's prototype (copy-on-write for shared shapes). */
int wf_obj_set_proto_raw(JSContext *ctx, JSObject *p, JSObject *proto);

/* Internal methods (ECMA-262 10.1), with exotic dispatch.  Atoms are
   borrowed.  'flags' use JS_PROP_THROW / JS_PROP_THROW_STRICT to choose
   whether failure throws a TypeError or returns false. */
JSValue wf_obj_get(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst receiver);
int wf_obj_set(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val,
               JSValueConst receiver, int flags);
int wf_obj_has(JSContext *ctx, JSValueConst obj, JSAtom prop);
int wf_obj_delete(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags);
/* [[GetOwnProperty]]: -1 exception, 0 absent, 1 present (desc filled when
   non-NULL; caller frees it with wf_desc_free). */
int wf_obj_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                            JSValueConst obj, JSAtom prop);
/* [[DefineOwnProperty]] = ValidateAndApplyPropertyDescriptor; flags carry
   JS_PROP_HAS_* bits plus the attribute bits (JS_DefineProperty rules). */
int wf_obj_define(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                  JSValueConst getter, JSValueConst setter, int flags);
int wf_obj_define_value(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val, int flags);
/* [[OwnPropertyKeys]] in spec order: integer indices ascending, then strings
   in creation order, then symbols.  Filter with JS_GPN_* flags. */
int wf_obj_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                    JSValueConst obj, int flags);
void wf_prop_enum_free(JSRuntime *rt, JSPropertyEnum *tab, uint32_t len);
JSValue wf_obj_get_proto(JSContext *ctx, JSValueConst obj);   /* [[GetPrototypeOf]] */
int wf_obj_set_proto(JSContext *ctx, JSValueConst obj, JSValueConst proto, bool throw_flag);
int wf_obj_is_extensible(JSContext *ctx, JSValueConst obj);
int wf_obj_prevent_extensions(JSContext *ctx, JSValueConst obj);
void wf_desc_free(JSContext *ctx, JSPropertyDescriptor *desc);

/* Fast paths by value key (the interpreter's obj[key]); prop consumed. */
JSValue wf_obj_get_value(JSContext *ctx, JSValueConst obj, JSValue prop);
int wf_obj_set_value(JSContext *ctx, JSValueConst obj, JSValue prop, JSValue val, int flags);
JSValue wf_obj_get_uint32(JSContext *ctx, JSValueConst obj, uint32_t idx);
JSValue wf_obj_get_int64(JSContext *ctx, JSValueConst obj, int64_t idx);
int wf_obj_set_int64(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val, int flags);
/* CreateDataPropertyOrThrow with an integer key. */
int wf_obj_define_int64(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val, int flags);
int wf_obj_delete_int64(JSContext *ctx, JSValueConst obj, int64_t idx, int flags);
int wf_obj_has_int64(JSContext *ctx, JSValueConst obj, int64_t idx);

/* Arrays (array exotic objects, 10.4.2). */
JSValue wf_array_new(JSContext *ctx, uint32_t len_hint);       /* empty, length 0 */
/* ArrayCreate(len) with the given prototype (ArraySpeciesCreate uses it). */
JSValue wf_array_create(JSContext *ctx, uint64_t len, JSValueConst proto);
JSValue wf_array_from_values(JSContext *ctx, uint32_t count, JSValue *values);  /* values consumed */
/* If obj is an Array whose elements are all dense (fast storage and
   count == length, no holes): its elements (borrowed) and count, true.
   Any call that can run JavaScript may invalidate the pointer. */
bool wf_array_get_fast(JSValueConst obj, JSValue **pvalues, uint32_t *pcount);
int wf_array_push(JSContext *ctx, JSValueConst arr, JSValue val);   /* val consumed */
/* IsArray (sees through proxies; -1 for a revoked proxy). */
int wf_is_array(JSContext *ctx, JSValueConst v);
/* 'length' of an array object as uint32 (no conversion). */
uint32_t wf_array_length(JSObject *p);
/* ArraySetLength semantics for array.length = v. */
int wf_array_set_length(JSContext *ctx, JSObject *p, JSValue len, int flags);

/* Helpers used by many built-ins. */
bool wf_is_callable(JSValueConst v);
bool wf_is_constructor(JSValueConst v);
/* GetMethod: undefined/null → JS_UNDEFINED; non-callable → TypeError. */
JSValue wf_get_method(JSContext *ctx, JSValueConst obj, JSAtom prop);
/* SpeciesConstructor(o, default). */
JSValue wf_species_constructor(JSContext *ctx, JSValueConst obj, JSValueConst default_ctor);
/* OrdinaryHasInstance and InstanceofOperator. */
int wf_ordinary_is_instance_of(JSContext *ctx, JSValueConst val, JSValueConst ctor);
int wf_instanceof(JSContext *ctx, JSValueConst val, JSValueConst target);
/* Object.prototype.toString's builtinTag for a value (new string). */
JSValue wf_obj_to_string_tag(JSContext *ctx, JSValueConst val);
/* Copy own enumerable properties (CopyDataProperties, for spread). */
int wf_copy_data_properties(JSContext *ctx, JSValueConst target, JSValueConst source,
                            const JSAtom *excluded, int n_excluded);
/* SetIntegrityLevel / TestIntegrityLevel. */
int wf_obj_set_integrity(JSContext *ctx, JSValueConst obj, bool freeze);
int wf_obj_test_integrity(JSContext *ctx, JSValueConst obj, bool frozen);
/* FromPropertyDescriptor / ToPropertyDescriptor. */
JSValue wf_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *desc);
int wf_to_property_descriptor(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj);

/* gc.c: tell every weak reference to p (p->is_weak_target is set) that it
   died; called by the object free path before the object's memory goes. */
void wf_weak_target_free(JSRuntime *rt, JSObject *p);

/* Wrapper objects' [[XxxData]] slot (Number, String, Boolean, Symbol, BigInt). */
static inline JSValueConst wf_obj_data(JSObject *p) { return p->u.object_data; }

#endif /* WF_OBJECT_H */
