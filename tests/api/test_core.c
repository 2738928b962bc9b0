/*
 * test_core.c - the engine core through the public API: runtimes and
 * contexts, atoms, strings, objects and properties, arrays, classes and
 * opaque data, conversions, exceptions, the cycle collector, the memory
 * limit and the leak report.
 *
 * It needs no interpreter: callable objects come from a user class with a
 * `call` hook.  A few white-box checks use engine headers (marked).
 */
#include "harness.h"
#include "quickjs.h"

#include "engine/jsstring.h"   /* white-box: wf_str_concat in place */
#include "engine/conv.h"       /* white-box: wf_to_object (String wrappers) */
#include "engine/object.h"     /* white-box: lazy (AUTOINIT) properties */

/* ------------------------------------------------------------------ */
/* helpers */

static JSRuntime *rt;
static JSContext *ctx;

static void setup(void)
{
    rt = JS_NewRuntime();
    ASSERT_NOT_NULL(rt);
    ctx = JS_NewContext(rt);
    ASSERT_NOT_NULL(ctx);
}

static void teardown(void)
{
    JS_FreeContext(ctx);
    JS_RunGC(rt);
    {
        JSMemoryUsage u;
        JS_ComputeMemoryUsage(rt, &u);
        (void)u;
    }
    JS_FreeRuntime(rt);
    rt = NULL;
    ctx = NULL;
}

static int64_t obj_count(void)
{
    JSMemoryUsage u;
    JS_ComputeMemoryUsage(rt, &u);
    return u.obj_count;
}

/* Message of the pending exception (freed by the caller with free()). */
static char *exception_message(void)
{
    JSValue e = JS_GetException(ctx), m;
    const char *s;
    char *r;
    if (JS_IsObject(e)) {
        m = JS_GetPropertyStr(ctx, e, "message");
        s = JS_ToCString(ctx, m);
        JS_FreeValue(ctx, m);
    } else {
        s = JS_ToCString(ctx, e);
    }
    JS_FreeValue(ctx, e);
    r = strdup(s ? s : "(null)");
    JS_FreeCString(ctx, s);
    return r;
}

static int32_t get_int(JSValueConst obj, const char *name)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, name);
    int32_t i = -12345;
    ASSERT_EQ(JS_ToInt32(ctx, &i, v), 0);
    JS_FreeValue(ctx, v);
    return i;
}

static int32_t get_idx(JSValueConst obj, uint32_t idx)
{
    JSValue v = JS_GetPropertyUint32(ctx, obj, idx);
    int32_t i = -12345;
    if (JS_IsUndefined(v))
        return -1;
    ASSERT_EQ(JS_ToInt32(ctx, &i, v), 0);
    JS_FreeValue(ctx, v);
    return i;
}

static int64_t length_of(JSValueConst obj)
{
    int64_t len = -1;
    ASSERT_EQ(JS_GetLength(ctx, obj, &len), 0);
    return len;
}

/* A user class whose objects are callable: returns argc*100 + first arg. */
static JSClassID callable_class_id;
static int finalized;

static JSValue callable_call(JSContext *c, JSValueConst func, JSValueConst this_val,
                             int argc, JSValueConst *argv, int flags)
{
    int32_t a = 0;
    (void)func;
    (void)this_val;
    if (flags & JS_CALL_FLAG_CONSTRUCTOR)
        return JS_NewObject(c);
    if (argc > 0 && JS_ToInt32(c, &a, argv[0]))
        return JS_EXCEPTION;
    return JS_NewInt32(c, argc * 100 + a);
}

static void callable_finalizer(JSRuntime *r, JSValueConst val)
{
    (void)r;
    (void)val;
    finalized++;
}

static JSValue new_callable(void)
{
    static const JSClassDef def = { "Callable", callable_finalizer, NULL, callable_call, NULL };
    JS_NewClassID(rt, &callable_class_id);
    if (!JS_IsRegisteredClass(rt, callable_class_id))
        ASSERT_EQ(JS_NewClass(rt, callable_class_id, &def), 0);
    return JS_NewObjectClass(ctx, (int)callable_class_id);
}

/* ------------------------------------------------------------------ */

TEST_IMPL(runtime_context)
{
    setup();
    ASSERT_STR_EQ(JS_GetVersion(), "0.10.0");
    ASSERT_PTR_EQ(JS_GetRuntime(ctx), rt);
    JSContext *c2 = JS_DupContext(ctx);
    JS_FreeContext(c2);
    JS_SetContextOpaque(ctx, &rt);
    ASSERT_PTR_EQ(JS_GetContextOpaque(ctx), &rt);
    JS_SetRuntimeOpaque(rt, &ctx);
    ASSERT_PTR_EQ(JS_GetRuntimeOpaque(rt), &ctx);
    JSValue g = JS_GetGlobalObject(ctx);
    ASSERT(JS_IsObject(g));
    JSValue op = JS_GetPrototype(ctx, g);
    ASSERT(JS_IsObject(op));
    JSValue opp = JS_GetPrototype(ctx, op);
    ASSERT(JS_IsNull(opp));
    /* Object.prototype is an immutable prototype exotic object */
    JSValue o = JS_NewObject(ctx);
    ASSERT_EQ(JS_SetPrototype(ctx, op, o), -1);
    free(exception_message());
    ASSERT_EQ(JS_SetPrototype(ctx, op, JS_NULL), 1);
    JSValue fp = JS_GetFunctionProto(ctx);
    ASSERT(JS_IsFunction(ctx, fp));
    JS_FreeValue(ctx, fp);
    JS_FreeValue(ctx, o);
    JS_FreeValue(ctx, op);
    JS_FreeValue(ctx, g);
    /* a second context in the same runtime */
    JSContext *raw = JS_NewContextRaw(rt);
    ASSERT_NOT_NULL(raw);
    JS_FreeContext(raw);
    teardown();
}

TEST_IMPL(atoms)
{
    setup();
    JSAtom a = JS_NewAtom(ctx, "hello"), b = JS_NewAtom(ctx, "hello");
    ASSERT_EQ(a, b);
    JSAtom n1 = JS_NewAtomUInt32(ctx, 5), n2 = JS_NewAtom(ctx, "5"), n3 = JS_NewAtom(ctx, "05");
    ASSERT_EQ(n1, n2);
    ASSERT_NE(n1, n3);
    JSAtom big1 = JS_NewAtomUInt32(ctx, 4000000000u), big2 = JS_NewAtom(ctx, "4000000000");
    ASSERT_EQ(big1, big2);
    const char *s = JS_AtomToCString(ctx, big1);
    ASSERT_STR_EQ(s, "4000000000");
    JS_FreeCString(ctx, s);
    s = JS_AtomToCString(ctx, n1);
    ASSERT_STR_EQ(s, "5");
    JS_FreeCString(ctx, s);
    JSAtom u = JS_NewAtom(ctx, "h\xc3\xa9llo \xe2\x82\xac");
    s = JS_AtomToCString(ctx, u);
    ASSERT_STR_EQ(s, "h\xc3\xa9llo \xe2\x82\xac");
    JS_FreeCString(ctx, s);
    JSValue v = JS_AtomToValue(ctx, a);
    ASSERT(JS_IsString(v));
    JSAtom c = JS_ValueToAtom(ctx, v);
    ASSERT_EQ(c, a);
    JS_FreeValue(ctx, v);
    v = JS_NewInt32(ctx, 42);
    c = JS_ValueToAtom(ctx, v);
    ASSERT_EQ(c, JS_NewAtomUInt32(ctx, 42));
    v = JS_NewFloat64(ctx, 1.5);
    JSAtom f = JS_ValueToAtom(ctx, v);
    s = JS_AtomToCString(ctx, f);
    ASSERT_STR_EQ(s, "1.5");
    JS_FreeCString(ctx, s);
    JS_FreeAtom(ctx, f);
    /* symbols */
    JSValue s1 = JS_NewSymbol(ctx, "d", false), s2 = JS_NewSymbol(ctx, "d", false);
    JSValue g1 = JS_NewSymbol(ctx, "g", true), g2 = JS_NewSymbol(ctx, "g", true);
    ASSERT(!JS_IsStrictEqual(ctx, s1, s2));
    ASSERT(JS_IsStrictEqual(ctx, g1, g2));
    JSAtom sa = JS_ValueToAtom(ctx, s1);
    JSAtom sa2 = JS_NewAtom(ctx, "d");
    ASSERT_NE(sa, sa2);
    JS_FreeAtom(ctx, sa);
    JS_FreeAtom(ctx, sa2);
    JS_FreeValue(ctx, s1);
    JS_FreeValue(ctx, s2);
    JS_FreeValue(ctx, g1);
    JS_FreeValue(ctx, g2);
    JS_FreeAtom(ctx, a);
    JS_FreeAtom(ctx, b);
    JS_FreeAtom(ctx, n3);
    JS_FreeAtom(ctx, big1);
    JS_FreeAtom(ctx, big2);
    JS_FreeAtom(ctx, u);
    /* many atoms: table growth and reuse of freed slots */
    for (int i = 0; i < 20000; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "atom_%d", i);
        JSAtom x = JS_NewAtom(ctx, buf);
        ASSERT_NE(x, JS_ATOM_NULL);
        JS_FreeAtom(ctx, x);
    }
    teardown();
}

TEST_IMPL(strings)
{
    setup();
    JSValue v = JS_NewString(ctx, "abc");
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, v);
    ASSERT_STR_EQ(s, "abc");
    ASSERT_EQ(len, 3);
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, v);
    /* invalid UTF-8: each maximal invalid subpart becomes U+FFFD */
    v = JS_NewStringLen(ctx, "a\xff" "b\xe2\x82" "c\xed\xa0\x80" "d", 10);
    s = JS_ToCString(ctx, v);
    ASSERT_STR_EQ(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, v);
    /* astral characters round-trip; lone surrogates become U+FFFD */
    v = JS_NewString(ctx, "\xf0\x9f\x98\x80!");
    s = JS_ToCString(ctx, v);
    ASSERT_STR_EQ(s, "\xf0\x9f\x98\x80!");
    JS_FreeCString(ctx, s);
    ASSERT_EQ(get_int(v, "length"), 3);
    JS_FreeValue(ctx, v);
    uint16_t two[3] = { 0x41, 0xD800, 0x42 };
    v = JS_NewTwoByteString(ctx, two, 3);
    s = JS_ToCString(ctx, v);
    ASSERT_STR_EQ(s, "A\xef\xbf\xbd" "B");
    JS_FreeCString(ctx, s);
    s = JS_ToCStringLen2(ctx, &len, v, true);
    ASSERT_EQ(len, 5);
    JS_FreeCString(ctx, s);
    /* string primitive property access */
    JSValue c = JS_GetPropertyUint32(ctx, v, 0);
    s = JS_ToCString(ctx, c);
    ASSERT_STR_EQ(s, "A");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, v);
    v = JS_NewAtomString(ctx, "atomstr");
    ASSERT(JS_IsString(v));
    JS_FreeValue(ctx, v);
    teardown();
}

/* White-box: s += x appends in place and stays linear. */
TEST_IMPL(string_concat_linear)
{
    setup();
    JSValue s = JS_NewString(ctx, "");
    JSValue piece = JS_NewString(ctx, "0123456789");
    int moves = 0;
    void *last = NULL;
    for (int i = 0; i < 200000; i++) {
        s = wf_str_concat(ctx, s, JS_DupValue(ctx, piece));
        ASSERT(!JS_IsException(s));
        if (JS_VALUE_GET_PTR(s) != last) {
            moves++;
            last = JS_VALUE_GET_PTR(s);
        }
    }
    ASSERT_EQ(wf_str(s)->len, 2000000);
    /* geometric growth: a few dozen reallocations, not 200000 */
    ASSERT_LT(moves, 100);
    /* a shared left operand is not modified */
    JSValue keep = JS_DupValue(ctx, s);
    JSValue t = wf_str_concat(ctx, s, JS_NewString(ctx, "x"));
    ASSERT_EQ(wf_str(keep)->len, 2000000);
    ASSERT_EQ(wf_str(t)->len, 2000001);
    JS_FreeValue(ctx, t);
    JS_FreeValue(ctx, keep);
    JS_FreeValue(ctx, piece);
    teardown();
}

TEST_IMPL(object_properties)
{
    setup();
    JSValue o = JS_NewObject(ctx);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "x", JS_NewInt32(ctx, 1)), 1);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "y", JS_NewInt32(ctx, 2)), 1);
    ASSERT_EQ(get_int(o, "x"), 1);
    ASSERT_EQ(get_int(o, "y"), 2);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "x", JS_NewInt32(ctx, 3)), 1);
    ASSERT_EQ(get_int(o, "x"), 3);
    JSValue u = JS_GetPropertyStr(ctx, o, "nope");
    ASSERT(JS_IsUndefined(u));

    /* read-only */
    ASSERT_EQ(JS_DefinePropertyValueStr(ctx, o, "ro", JS_NewInt32(ctx, 7), JS_PROP_ENUMERABLE), 1);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "ro", JS_NewInt32(ctx, 8)), -1);
    free(exception_message());
    ASSERT_EQ(get_int(o, "ro"), 7);
    JSAtom ro = JS_NewAtom(ctx, "ro");
    ASSERT_EQ(JS_DeleteProperty(ctx, o, ro, 0), 0);
    ASSERT_EQ(JS_DeleteProperty(ctx, o, ro, JS_PROP_THROW), -1);
    free(exception_message());
    /* redefining a non-configurable property with the same value works */
    ASSERT_EQ(JS_DefinePropertyValue(ctx, o, ro, JS_NewInt32(ctx, 7), JS_PROP_ENUMERABLE), 1);
    ASSERT_EQ(JS_DefinePropertyValue(ctx, o, ro, JS_NewInt32(ctx, 9), JS_PROP_ENUMERABLE), 0);
    ASSERT_EQ(JS_DefinePropertyValue(ctx, o, ro, JS_NewInt32(ctx, 9), JS_PROP_ENUMERABLE | JS_PROP_THROW), -1);
    free(exception_message());
    JS_FreeAtom(ctx, ro);

    /* delete + re-add */
    JSAtom x = JS_NewAtom(ctx, "x");
    ASSERT_EQ(JS_HasProperty(ctx, o, x), 1);
    ASSERT_EQ(JS_DeleteProperty(ctx, o, x, 0), 1);
    ASSERT_EQ(JS_HasProperty(ctx, o, x), 0);
    ASSERT_EQ(JS_SetProperty(ctx, o, x, JS_NewInt32(ctx, 4)), 1);

    /* key order: indices ascending, strings in creation order, symbols last */
    JSValue sym = JS_NewSymbol(ctx, "s", false);
    JSAtom sa = JS_ValueToAtom(ctx, sym);
    ASSERT_EQ(JS_SetProperty(ctx, o, sa, JS_NewInt32(ctx, 0)), 1);
    ASSERT_EQ(JS_SetPropertyUint32(ctx, o, 10, JS_NewInt32(ctx, 0)), 1);
    ASSERT_EQ(JS_SetPropertyUint32(ctx, o, 2, JS_NewInt32(ctx, 0)), 1);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "4294967295", JS_NewInt32(ctx, 0)), 1); /* not an index */
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "3000000000", JS_NewInt32(ctx, 0)), 1); /* an index */
    JSPropertyEnum *tab;
    uint32_t n;
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK), 0);
    const char *expect[] = { "2", "10", "3000000000", "y", "ro", "x", "4294967295", NULL };
    for (uint32_t i = 0; i < n; i++) {
        if (i == n - 1) {
            ASSERT_EQ(tab[i].atom, sa);
            break;
        }
        const char *k = JS_AtomToCString(ctx, tab[i].atom);
        ASSERT_STR_EQ(k, expect[i]);
        JS_FreeCString(ctx, k);
    }
    ASSERT_EQ(n, 8);
    JS_FreePropertyEnum(ctx, tab, n);
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY), 0);
    ASSERT_EQ(n, 7);
    JS_FreePropertyEnum(ctx, tab, n);

    /* descriptors */
    JSPropertyDescriptor d;
    ASSERT_EQ(JS_GetOwnProperty(ctx, &d, o, x), 1);
    ASSERT_EQ(d.flags & JS_PROP_C_W_E, JS_PROP_C_W_E);
    JS_FreeValue(ctx, d.value);
    JS_FreeValue(ctx, d.getter);
    JS_FreeValue(ctx, d.setter);

    /* prototype chain lookup and cycle check */
    JSValue child = JS_NewObjectProto(ctx, o);
    ASSERT_EQ(get_int(child, "y"), 2);
    ASSERT_EQ(JS_SetPrototype(ctx, o, child), -1);
    free(exception_message());
    /* setting on the child shadows, does not modify the proto */
    ASSERT_EQ(JS_SetPropertyStr(ctx, child, "y", JS_NewInt32(ctx, 20)), 1);
    ASSERT_EQ(get_int(child, "y"), 20);
    ASSERT_EQ(get_int(o, "y"), 2);
    /* an inherited read-only property blocks the assignment */
    ASSERT_EQ(JS_SetPropertyStr(ctx, child, "ro", JS_NewInt32(ctx, 1)), -1);
    free(exception_message());

    /* extensibility */
    ASSERT_EQ(JS_PreventExtensions(ctx, child), 1);
    ASSERT_EQ(JS_IsExtensible(ctx, child), 0);
    ASSERT_EQ(JS_SetPropertyStr(ctx, child, "new", JS_NewInt32(ctx, 1)), -1);
    free(exception_message());
    ASSERT_EQ(JS_FreezeObject(ctx, o), 1);
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "y", JS_NewInt32(ctx, 5)), -1);
    free(exception_message());
    ASSERT_EQ(get_int(o, "y"), 2);

    JS_FreeValue(ctx, child);
    JS_FreeAtom(ctx, sa);
    JS_FreeAtom(ctx, x);
    JS_FreeValue(ctx, sym);
    JS_FreeValue(ctx, o);
    teardown();
}

TEST_IMPL(accessors_and_calls)
{
    setup();
    JSValue f = new_callable();
    ASSERT(JS_IsFunction(ctx, f));
    ASSERT(!JS_IsConstructor(ctx, f));
    JSValue args[2] = { JS_NewInt32(ctx, 7), JS_NewInt32(ctx, 1) };
    JSValue r = JS_Call(ctx, f, JS_UNDEFINED, 2, args);
    ASSERT_EQ(JS_VALUE_GET_INT(r), 207);
    JS_SetConstructorBit(ctx, f, true);
    r = JS_CallConstructor(ctx, f, 0, NULL);
    ASSERT(JS_IsObject(r));
    JS_FreeValue(ctx, r);
    /* non-callable */
    JSValue o = JS_NewObject(ctx);
    r = JS_Call(ctx, o, JS_UNDEFINED, 0, NULL);
    ASSERT(JS_IsException(r));
    free(exception_message());
    /* getter (the callable returns argc*100+arg0: 0 for a getter) */
    JSAtom p = JS_NewAtom(ctx, "acc");
    ASSERT_EQ(JS_DefinePropertyGetSet(ctx, o, p, JS_DupValue(ctx, f), JS_DupValue(ctx, f),
                                      JS_PROP_CONFIGURABLE), 1);
    ASSERT_EQ(get_int(o, "acc"), 0);
    ASSERT_EQ(JS_SetProperty(ctx, o, p, JS_NewInt32(ctx, 3)), 1);
    /* accessor -> data conversion */
    ASSERT_EQ(JS_DefinePropertyValue(ctx, o, p, JS_NewInt32(ctx, 9), JS_PROP_CONFIGURABLE), 1);
    ASSERT_EQ(get_int(o, "acc"), 9);
    JSPropertyDescriptor d;
    ASSERT_EQ(JS_GetOwnProperty(ctx, &d, o, p), 1);
    ASSERT_EQ(d.flags & (JS_PROP_GETSET | JS_PROP_WRITABLE), 0);
    JS_FreeValue(ctx, d.value);
    /* Invoke */
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "m", JS_DupValue(ctx, f)), 1);
    JSAtom m = JS_NewAtom(ctx, "m");
    r = JS_Invoke(ctx, o, m, 1, args);
    ASSERT_EQ(JS_VALUE_GET_INT(r), 107);
    JS_FreeAtom(ctx, m);
    JS_FreeAtom(ctx, p);
    JS_FreeValue(ctx, o);
    JS_FreeValue(ctx, f);
    teardown();
}

TEST_IMPL(arrays)
{
    setup();
    JSValue a = JS_NewArray(ctx);
    ASSERT(JS_IsArray(ctx, a));
    for (int i = 0; i < 1000; i++)
        ASSERT_EQ(JS_SetPropertyUint32(ctx, a, (uint32_t)i, JS_NewInt32(ctx, i)), 1);
    ASSERT_EQ(length_of(a), 1000);
    ASSERT_EQ(get_idx(a, 999), 999);
    /* truncation */
    ASSERT_EQ(JS_SetLength(ctx, a, 10), 1);
    ASSERT_EQ(length_of(a), 10);
    ASSERT_EQ(get_idx(a, 10), -1);
    /* extend with holes, then write past the end: becomes sparse */
    ASSERT_EQ(JS_SetLength(ctx, a, 20), 1);
    ASSERT_EQ(get_idx(a, 15), -1);
    ASSERT_EQ(JS_SetPropertyUint32(ctx, a, 5000, JS_NewInt32(ctx, 5)), 1);
    ASSERT_EQ(length_of(a), 5001);
    ASSERT_EQ(get_idx(a, 5000), 5);
    ASSERT_EQ(get_idx(a, 3), 3);
    /* huge index */
    ASSERT_EQ(JS_SetPropertyInt64(ctx, a, 4294967294LL, JS_NewInt32(ctx, 1)), 1);
    ASSERT_EQ(length_of(a), 4294967295LL);
    /* length setter truncates the sparse array */
    ASSERT_EQ(JS_SetLength(ctx, a, 4), 1);
    ASSERT_EQ(length_of(a), 4);
    ASSERT_EQ(get_idx(a, 5000), -1);
    ASSERT_EQ(get_idx(a, 3), 3);
    /* invalid length */
    JSAtom len = JS_NewAtom(ctx, "length");
    ASSERT_EQ(JS_SetProperty(ctx, a, len, JS_NewFloat64(ctx, 1.5)), -1);
    char *msg = exception_message();
    ASSERT_STR_EQ(msg, "invalid array length");
    free(msg);
    /* a non-configurable element stops truncation */
    ASSERT_EQ(JS_DefinePropertyValueUint32(ctx, a, 2, JS_NewInt32(ctx, 42), JS_PROP_ENUMERABLE), 1);
    ASSERT_EQ(JS_SetProperty(ctx, a, len, JS_NewInt32(ctx, 0)), -1);
    free(exception_message());
    ASSERT_EQ(length_of(a), 3);
    /* non-writable length */
    ASSERT_EQ(JS_DefineProperty(ctx, a, len, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED,
                                JS_PROP_HAS_WRITABLE), 1);
    ASSERT_EQ(JS_SetPropertyUint32(ctx, a, 3, JS_NewInt32(ctx, 1)), -1);
    free(exception_message());
    ASSERT_EQ(length_of(a), 3);
    JS_FreeValue(ctx, a);

    /* from values, holes at the end, deletes */
    JSValue vals[3] = { JS_NewInt32(ctx, 1), JS_NewString(ctx, "two"), JS_NewObject(ctx) };
    a = JS_NewArrayFrom(ctx, 3, vals);
    ASSERT_EQ(length_of(a), 3);
    JSAtom one = JS_NewAtomUInt32(ctx, 1);
    ASSERT_EQ(JS_DeleteProperty(ctx, a, one, 0), 1);   /* hole in the middle */
    ASSERT_EQ(length_of(a), 3);
    ASSERT_EQ(JS_HasProperty(ctx, a, one), 0);
    JSPropertyEnum *tab;
    uint32_t n;
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, a, JS_GPN_STRING_MASK), 0);
    ASSERT_EQ(n, 3);   /* "0", "2", "length" */
    JS_FreePropertyEnum(ctx, tab, n);
    ASSERT_EQ(JS_SealObject(ctx, a), 1);
    ASSERT_EQ(JS_DeleteProperty(ctx, a, JS_NewAtomUInt32(ctx, 0), 0), 0);
    JS_FreeAtom(ctx, one);
    JS_FreeAtom(ctx, len);
    JS_FreeValue(ctx, a);

    /* a big dense array stays fast */
    JSMemoryUsage u;
    a = JS_NewArray(ctx);
    for (int i = 0; i < 100000; i++)
        ASSERT_EQ(JS_SetPropertyUint32(ctx, a, (uint32_t)i, JS_NewInt32(ctx, i)), 1);
    JS_ComputeMemoryUsage(rt, &u);
    ASSERT_GE(u.fast_array_elements, 100000);
    JS_FreeValue(ctx, a);
    teardown();
}

TEST_IMPL(shapes_shared)
{
    setup();
    JSMemoryUsage u0, u1;
    JSValue objs[200];
    JS_ComputeMemoryUsage(rt, &u0);
    for (int i = 0; i < 200; i++) {
        objs[i] = JS_NewObject(ctx);
        JS_SetPropertyStr(ctx, objs[i], "a", JS_NewInt32(ctx, i));
        JS_SetPropertyStr(ctx, objs[i], "b", JS_NewInt32(ctx, i));
        JS_SetPropertyStr(ctx, objs[i], "c", JS_NewInt32(ctx, i));
    }
    JS_ComputeMemoryUsage(rt, &u1);
    /* objects built the same way share their shapes */
    ASSERT_LE(u1.shape_count - u0.shape_count, 4);
    for (int i = 0; i < 200; i++) {
        ASSERT_EQ(get_int(objs[i], "b"), i);
        JS_FreeValue(ctx, objs[i]);
    }
    teardown();
}

TEST_IMPL(classes_opaque)
{
    static JSClassID id1, id2;
    static const JSClassDef d1 = { "Thing", callable_finalizer, NULL, NULL, NULL };
    setup();
    finalized = 0;
    JS_NewClassID(rt, &id1);
    JSClassID keep = id1;
    JS_NewClassID(rt, &id1);      /* already set: unchanged */
    ASSERT_EQ(id1, keep);
    JS_NewClassID(rt, &id2);
    ASSERT_NE(id1, id2);
    ASSERT_EQ(JS_NewClass(rt, id1, &d1), 0);
    ASSERT(JS_IsRegisteredClass(rt, id1));
    ASSERT(!JS_IsRegisteredClass(rt, id2));
    JSValue proto = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, proto, "k", JS_NewInt32(ctx, 5));
    JS_SetClassProto(ctx, id1, proto);
    JSValue o = JS_NewObjectClass(ctx, (int)id1);
    ASSERT_EQ(JS_GetClassID(o), id1);
    ASSERT_EQ(get_int(o, "k"), 5);
    int payload = 3;
    ASSERT_EQ(JS_SetOpaque(o, &payload), 0);
    ASSERT_PTR_EQ(JS_GetOpaque(o, id1), &payload);
    ASSERT_NULL(JS_GetOpaque(o, id2));
    ASSERT_NULL(JS_GetOpaque2(ctx, o, id2));
    free(exception_message());
    JSClassID got;
    ASSERT_PTR_EQ(JS_GetAnyOpaque(o, &got), &payload);
    ASSERT_EQ(got, id1);
    JSValue plain = JS_NewObject(ctx);
    ASSERT_EQ(JS_SetOpaque(plain, &payload), -1);
    JS_FreeValue(ctx, plain);
    JS_FreeValue(ctx, o);
    ASSERT_EQ(finalized, 1);
    teardown();
}

TEST_IMPL(conversions)
{
    setup();
    struct { const char *s; double d; } cases[] = {
        { " 42 ", 42 }, { "0x10", 16 }, { "1e3", 1000 }, { "\xc2\xa0\xe2\x80\xa8 5\t\n", 5 },
        { "", 0 }, { "  ", 0 }, { "abc", NAN }, { "-Infinity", -INFINITY }, { "0b101", 5 },
        { "-0x10", NAN }, { "1_000", NAN }, { "\xef\xbb\xbf" "7", 7 }, { ".5", 0.5 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        JSValue v = JS_NewString(ctx, cases[i].s);
        double d;
        ASSERT_EQ(JS_ToFloat64(ctx, &d, v), 0);
        ASSERT_DOUBLE_EQ(d, cases[i].d);
        JS_FreeValue(ctx, v);
    }
    int32_t i32;
    ASSERT_EQ(JS_ToInt32(ctx, &i32, JS_NewFloat64(ctx, 4294967297.0)), 0);
    ASSERT_EQ(i32, 1);
    ASSERT_EQ(JS_ToInt32(ctx, &i32, JS_NewFloat64(ctx, -1.9)), 0);
    ASSERT_EQ(i32, -1);
    ASSERT_EQ(JS_ToInt32(ctx, &i32, JS_NewFloat64(ctx, 2147483648.0)), 0);
    ASSERT_EQ(i32, INT32_MIN);
    int64_t i64;
    ASSERT_EQ(JS_ToInt64(ctx, &i64, JS_NewFloat64(ctx, 1e15)), 0);
    ASSERT_EQ(i64, 1000000000000000LL);
    uint64_t idx;
    ASSERT_EQ(JS_ToIndex(ctx, &idx, JS_NewFloat64(ctx, -1)), -1);
    free(exception_message());
    struct { double d; const char *s; } nums[] = {
        { 0.1, "0.1" }, { -0.0, "0" }, { 1e21, "1e+21" }, { 123456789012, "123456789012" },
        { NAN, "NaN" }, { -INFINITY, "-Infinity" }, { 1.5e-7, "1.5e-7" }, { -42, "-42" },
    };
    for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
        JSValue s = JS_ToString(ctx, JS_NewFloat64(ctx, nums[i].d));
        const char *c = JS_ToCString(ctx, s);
        ASSERT_STR_EQ(c, nums[i].s);
        JS_FreeCString(ctx, c);
        JS_FreeValue(ctx, s);
    }
    JSValue s1 = JS_NewString(ctx, "1");
    ASSERT(JS_IsEqual(ctx, s1, JS_NewInt32(ctx, 1)));
    ASSERT(!JS_IsStrictEqual(ctx, s1, JS_NewInt32(ctx, 1)));
    ASSERT(JS_IsEqual(ctx, JS_NULL, JS_UNDEFINED));
    ASSERT(!JS_IsEqual(ctx, JS_NULL, JS_NewInt32(ctx, 0)));
    ASSERT(JS_IsEqual(ctx, JS_TRUE, s1));
    ASSERT(JS_IsStrictEqual(ctx, JS_NewInt32(ctx, 1), JS_NewFloat64(ctx, 1.0)));
    ASSERT(!JS_IsStrictEqual(ctx, JS_NewFloat64(ctx, NAN), JS_NewFloat64(ctx, NAN)));
    ASSERT(JS_IsSameValue(ctx, JS_NewFloat64(ctx, NAN), JS_NewFloat64(ctx, NAN)));
    ASSERT(!JS_IsSameValue(ctx, JS_NewFloat64(ctx, 0.0), JS_NewFloat64(ctx, -0.0)));
    ASSERT(JS_IsSameValueZero(ctx, JS_NewFloat64(ctx, 0.0), JS_NewFloat64(ctx, -0.0)));
    JSValue n = JS_NewNumber(ctx, 3.0);
    ASSERT_EQ(JS_VALUE_GET_TAG(n), JS_TAG_INT);
    n = JS_NewNumber(ctx, -0.0);
    ASSERT_EQ(JS_VALUE_GET_TAG(n), JS_TAG_FLOAT64);
    ASSERT_EQ(JS_ToBool(ctx, s1), 1);
    JSValue e = JS_NewString(ctx, "");
    ASSERT_EQ(JS_ToBool(ctx, e), 0);
    JS_FreeValue(ctx, e);
    /* objects convert through valueOf (here: a data property that is not
       callable, then toString missing -> TypeError) */
    JSValue o = JS_NewObjectProto(ctx, JS_NULL);
    double d;
    ASSERT_EQ(JS_ToFloat64(ctx, &d, o), -1);
    free(exception_message());
    JSValue pk = JS_ToPropertyKey(ctx, JS_NewInt32(ctx, 12));
    ASSERT(JS_IsString(pk));
    JS_FreeValue(ctx, pk);
    JS_FreeValue(ctx, o);
    JS_FreeValue(ctx, s1);
    teardown();
}

TEST_IMPL(exceptions)
{
    setup();
    ASSERT(!JS_HasException(ctx));
    JSValue r = JS_ThrowTypeError(ctx, "bad %d", 42);
    ASSERT(JS_IsException(r));
    ASSERT(JS_HasException(ctx));
    JSValue e = JS_GetException(ctx);
    ASSERT(JS_IsError(ctx, e));
    ASSERT(!JS_HasException(ctx));
    JSValue m = JS_GetPropertyStr(ctx, e, "message");
    const char *s = JS_ToCString(ctx, m);
    ASSERT_STR_EQ(s, "bad 42");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, m);
    /* message is not enumerable */
    JSPropertyDescriptor d;
    JSAtom ma = JS_NewAtom(ctx, "message");
    ASSERT_EQ(JS_GetOwnProperty(ctx, &d, e, ma), 1);
    ASSERT_EQ(d.flags & JS_PROP_ENUMERABLE, 0);
    JS_FreeValue(ctx, d.value);
    JS_FreeAtom(ctx, ma);
    ASSERT(!JS_IsUncatchableError(ctx, e));
    JS_SetUncatchableError(ctx, e);
    ASSERT(JS_IsUncatchableError(ctx, e));
    JS_ClearUncatchableError(ctx, e);
    JS_FreeValue(ctx, e);
    JS_ThrowRangeError(ctx, "r");
    JS_ThrowSyntaxError(ctx, "s");     /* replaces the pending one */
    e = JS_GetException(ctx);
    JS_FreeValue(ctx, e);
    JS_Throw(ctx, JS_NewInt32(ctx, 3));
    e = JS_GetException(ctx);
    ASSERT_EQ(JS_VALUE_GET_INT(e), 3);
    e = JS_NewError(ctx);
    ASSERT(JS_IsError(ctx, e));
    JS_FreeValue(ctx, e);
    r = JS_GetPropertyStr(ctx, JS_UNDEFINED, "x");
    ASSERT(JS_IsException(r));
    char *msg = exception_message();
    ASSERT_STR_EQ(msg, "cannot read property 'x' of undefined");
    free(msg);
    teardown();
}

TEST_IMPL(gc_cycles)
{
    setup();
    JS_SetGCThreshold(rt, (size_t)-1);   /* no automatic collection here */
    ASSERT_EQ(JS_GetGCThreshold(rt), (size_t)-1);
    JS_RunGC(rt);
    int64_t base = obj_count();
    for (int i = 0; i < 1000; i++) {
        JSValue a = JS_NewObject(ctx), b = JS_NewObject(ctx), arr = JS_NewArray(ctx);
        JS_SetPropertyStr(ctx, a, "b", JS_DupValue(ctx, b));
        JS_SetPropertyStr(ctx, b, "a", JS_DupValue(ctx, a));
        JS_SetPropertyUint32(ctx, arr, 0, JS_DupValue(ctx, arr));   /* self cycle */
        JS_SetPropertyStr(ctx, a, "arr", arr);
        /* a cycle through the prototype (shape -> proto) */
        JSValue c = JS_NewObjectProto(ctx, a);
        JS_SetPropertyStr(ctx, a, "c", c);
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, b);
    }
    ASSERT_GE(obj_count(), base + 4000);
    JS_RunGC(rt);
    ASSERT_EQ(obj_count(), base);
    /* live objects survive a collection with their cycles intact */
    JSValue keep = JS_NewObject(ctx), other = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, keep, "o", JS_DupValue(ctx, other));
    JS_SetPropertyStr(ctx, other, "k", JS_DupValue(ctx, keep));
    JS_SetPropertyStr(ctx, other, "n", JS_NewInt32(ctx, 77));
    JS_FreeValue(ctx, other);
    JS_RunGC(rt);
    JSValue o2 = JS_GetPropertyStr(ctx, keep, "o");
    ASSERT_EQ(get_int(o2, "n"), 77);
    ASSERT(JS_IsLiveObject(rt, o2));
    JS_FreeValue(ctx, o2);
    JS_FreeValue(ctx, keep);
    JS_RunGC(rt);
    ASSERT_EQ(obj_count(), base);
    /* finalizers run for objects freed in cycles */
    finalized = 0;
    JSValue f = new_callable(), holder = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, f, "h", JS_DupValue(ctx, holder));
    JS_SetPropertyStr(ctx, holder, "f", f);
    JS_FreeValue(ctx, holder);
    ASSERT_EQ(finalized, 0);
    JS_RunGC(rt);
    ASSERT_EQ(finalized, 1);
    /* the automatic collection (threshold) reclaims cycles too */
    JS_SetGCThreshold(rt, 64 * 1024);
    for (int i = 0; i < 20000; i++) {
        JSValue a = JS_NewObject(ctx), b = JS_NewObject(ctx);
        JS_SetPropertyStr(ctx, a, "b", JS_DupValue(ctx, b));
        JS_SetPropertyStr(ctx, b, "a", a);
        JS_FreeValue(ctx, b);
    }
    ASSERT_LT(obj_count(), base + 20000);
    teardown();
}

TEST_IMPL(gc_deep_chain)
{
    setup();
    /* freeing a long chain must not recurse on the C stack */
    JSValue head = JS_NewObject(ctx);
    JSValue cur = JS_DupValue(ctx, head);
    for (int i = 0; i < 1000000; i++) {
        JSValue n = JS_NewObject(ctx);
        JS_SetPropertyStr(ctx, cur, "next", JS_DupValue(ctx, n));
        JS_FreeValue(ctx, cur);
        cur = n;
    }
    JS_FreeValue(ctx, cur);
    JS_FreeValue(ctx, head);
    JS_RunGC(rt);
    /* same through array elements */
    JSValue arr = JS_NewArray(ctx);
    cur = JS_DupValue(ctx, arr);
    for (int i = 0; i < 300000; i++) {
        JSValue n = JS_NewArray(ctx);
        JS_SetPropertyUint32(ctx, cur, 0, JS_DupValue(ctx, n));
        JS_FreeValue(ctx, cur);
        cur = n;
    }
    JS_FreeValue(ctx, cur);
    JS_FreeValue(ctx, arr);
    teardown();
}

TEST_IMPL(memory_limit)
{
    setup();
    JS_SetMemoryLimit(rt, 1024 * 1024);
    JSValue arr = JS_NewArray(ctx);
    int i, failed = 0;
    for (i = 0; i < 10000000; i++) {
        JSValue o = JS_NewObject(ctx);
        if (JS_IsException(o)) {
            failed = 1;
            break;
        }
        if (JS_SetPropertyStr(ctx, o, "payload", JS_NewString(ctx, "some text to fill memory")) < 0 ||
            JS_SetPropertyUint32(ctx, arr, (uint32_t)i, o) < 0) {
            failed = 1;
            break;
        }
    }
    ASSERT(failed);
    ASSERT(JS_HasException(ctx));
    JSValue e = JS_GetException(ctx);
    ASSERT(JS_IsUncatchableError(ctx, e) || JS_IsString(e));
    JS_FreeValue(ctx, e);
    JSMemoryUsage u;
    JS_ComputeMemoryUsage(rt, &u);
    ASSERT_LE(u.malloc_size, 1024 * 1024);
    /* strings too */
    JSValue s = JS_NewString(ctx, "x");
    for (i = 0; i < 100; i++) {
        s = wf_str_concat(ctx, s, JS_DupValue(ctx, s));
        if (JS_IsException(s))
            break;
    }
    ASSERT(JS_IsException(s));
    JS_FreeValue(ctx, JS_GetException(ctx));
    /* the runtime still works after dropping the data */
    JS_FreeValue(ctx, arr);
    JS_RunGC(rt);
    JSValue o = JS_NewObject(ctx);
    ASSERT(!JS_IsException(o));
    ASSERT_EQ(JS_SetPropertyStr(ctx, o, "ok", JS_NewInt32(ctx, 1)), 1);
    ASSERT_EQ(get_int(o, "ok"), 1);
    JS_FreeValue(ctx, o);
    JS_SetMemoryLimit(rt, 0);
    teardown();
}

/* Allocation failure at every possible point of a small workload: the
   heap must stay consistent and free cleanly whatever fails. */
TEST_IMPL(memory_limit_sweep)
{
    for (size_t extra = 0; extra < 40000; extra += 256) {
        rt = JS_NewRuntime();
        ctx = JS_NewContext(rt);
        ASSERT_NOT_NULL(ctx);
        JSMemoryUsage u;
        JS_ComputeMemoryUsage(rt, &u);
        JS_SetMemoryLimit(rt, (size_t)u.malloc_size + extra);
        JSValue a = JS_NewArray(ctx);
        for (int i = 0; i < 200 && !JS_IsException(a); i++) {
            JSValue o = JS_NewObject(ctx);
            if (JS_IsException(o))
                break;
            char name[16];
            snprintf(name, sizeof(name), "p%d", i % 7);
            if (JS_SetPropertyStr(ctx, o, name, JS_NewString(ctx, "v")) < 0) {
                JS_FreeValue(ctx, o);
                break;
            }
            if (JS_SetPropertyUint32(ctx, a, (uint32_t)(i * 3), o) < 0)
                break;
        }
        JS_FreeValue(ctx, JS_GetException(ctx));
        JS_FreeValue(ctx, a);
        JS_SetMemoryLimit(rt, 0);
        teardown();
    }
}

TEST_IMPL(dump_leaks)
{
    char path[] = "/tmp/weft_leakXXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    fflush(stdout);
    int saved = dup(1);
    dup2(fd, 1);
    setup();
    JSValue leaked = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, leaked, "x", JS_NewInt32(ctx, 1));
    (void)leaked;   /* never freed on purpose */
    JS_SetDumpFlags(rt, JS_DUMP_LEAKS);
    ASSERT_EQ(JS_GetDumpFlags(rt), JS_DUMP_LEAKS);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    char buf[4096] = { 0 };
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    unlink(path);
    ASSERT_GT(n, 0);
    ASSERT_NOT_NULL(strstr(buf, "leak:"));
    ASSERT_NOT_NULL(strstr(buf, "class=Object"));
}

/* A custom allocator without usable_size: the size-prefix path. */
static size_t custom_live;
static void *c_calloc(void *o, size_t n, size_t s) { (void)o; custom_live++; return calloc(n, s); }
static void *c_malloc(void *o, size_t s) { (void)o; custom_live++; return malloc(s); }
static void c_free(void *o, void *p) { (void)o; if (p) custom_live--; free(p); }
static void *c_realloc(void *o, void *p, size_t s) { (void)o; if (!p) custom_live++; return realloc(p, s); }

TEST_IMPL(custom_allocator)
{
    static const JSMallocFunctions mf = { c_calloc, c_malloc, c_free, c_realloc, NULL };
    custom_live = 0;
    rt = JS_NewRuntime2(&mf, NULL);
    ASSERT_NOT_NULL(rt);
    ctx = JS_NewContext(rt);
    ASSERT_NOT_NULL(ctx);
    JSValue o = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, o, "s", JS_NewString(ctx, "hello"));
    JS_FreeValue(ctx, o);
    JS_SetMemoryLimit(rt, 256 * 1024);
    JSValue a = JS_NewArray(ctx);
    for (int i = 0; i < 1000000; i++) {
        if (JS_SetPropertyUint32(ctx, a, (uint32_t)i, JS_NewObject(ctx)) < 0)
            break;
    }
    ASSERT(JS_HasException(ctx));
    JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, a);
    teardown();
    ASSERT_EQ(custom_live, 0);
}

TEST_IMPL(stack_limit)
{
    setup();
    JS_SetMaxStackSize(rt, 0);          /* disabled */
    JS_UpdateStackTop(rt);
    JS_SetMaxStackSize(rt, 256 * 1024);
    JSValue f = new_callable();
    JSValue r = JS_Call(ctx, f, JS_UNDEFINED, 0, NULL);
    ASSERT_EQ(JS_VALUE_GET_INT(r), 0);
    JS_FreeValue(ctx, f);
    teardown();
}


/* A class with exotic hooks: keys "b" then "a" (in that order), each
   reading as its char code; defines are refused, deletes allowed. */
static int ex_get_own(JSContext *c, JSPropertyDescriptor *desc, JSValueConst obj, JSAtom prop)
{
    const char *k = JS_AtomToCString(c, prop);
    int r = k && (strcmp(k, "a") == 0 || strcmp(k, "b") == 0);
    (void)obj;
    if (r && desc) {
        desc->flags = JS_PROP_ENUMERABLE | JS_PROP_WRITABLE;
        desc->value = JS_NewInt32(c, k[0]);
        desc->getter = desc->setter = JS_UNDEFINED;
    }
    JS_FreeCString(c, k);
    return r;
}

static int ex_names(JSContext *c, JSPropertyEnum **ptab, uint32_t *plen, JSValueConst obj)
{
    JSPropertyEnum *t = js_malloc(c, sizeof(*t) * 2);
    (void)obj;
    if (!t)
        return -1;
    t[0].atom = JS_NewAtom(c, "b");
    t[1].atom = JS_NewAtom(c, "a");
    t[0].is_enumerable = t[1].is_enumerable = true;
    *ptab = t;
    *plen = 2;
    return 0;
}

static int ex_define(JSContext *c, JSValueConst obj, JSAtom prop, JSValueConst val,
                     JSValueConst getter, JSValueConst setter, int flags)
{
    (void)c; (void)obj; (void)prop; (void)val; (void)getter; (void)setter; (void)flags;
    return 0;
}

TEST_IMPL(exotic_class)
{
    static JSClassID id;
    static JSClassExoticMethods em = { ex_get_own, ex_names, NULL, ex_define, NULL, NULL, NULL };
    static const JSClassDef def = { "Exotic", NULL, NULL, NULL, &em };
    setup();
    JS_NewClassID(rt, &id);
    ASSERT_EQ(JS_NewClass(rt, id, &def), 0);
    JSValue o = JS_NewObjectClass(ctx, (int)id);
    ASSERT_EQ(get_int(o, "a"), 'a');
    JSValue child = JS_NewObjectProto(ctx, o);
    ASSERT_EQ(get_int(child, "b"), 'b');
    JSAtom a = JS_NewAtom(ctx, "a"), z = JS_NewAtom(ctx, "z");
    ASSERT_EQ(JS_HasProperty(ctx, child, a), 1);
    ASSERT_EQ(JS_HasProperty(ctx, child, z), 0);
    JSPropertyEnum *tab;
    uint32_t n;
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY), 0);
    ASSERT_EQ(n, 2);
    const char *k0 = JS_AtomToCString(ctx, tab[0].atom);
    ASSERT_STR_EQ(k0, "b");     /* the hook's order is kept */
    JS_FreeCString(ctx, k0);
    JS_FreePropertyEnum(ctx, tab, n);
    /* [[Set]] on the exotic object: found as a data property, so the
       receiver gets [[DefineOwnProperty]], which the hook refuses */
    ASSERT_EQ(JS_SetProperty(ctx, o, a, JS_NewInt32(ctx, 1)), -1);
    free(exception_message());
    /* through the child: the child gets its own property */
    ASSERT_EQ(JS_SetProperty(ctx, child, a, JS_NewInt32(ctx, 1)), 1);
    ASSERT_EQ(get_int(child, "a"), 1);
    JS_FreeAtom(ctx, a);
    JS_FreeAtom(ctx, z);
    JS_FreeValue(ctx, child);
    JS_FreeValue(ctx, o);
    teardown();
}

TEST_IMPL(string_wrapper)
{
    setup();
    JSValue s = JS_NewString(ctx, "abc");
    JSValue o = wf_to_object(ctx, s);
    ASSERT(JS_IsObject(o));
    JSPropertyEnum *tab;
    uint32_t n;
    ASSERT_EQ(JS_SetPropertyUint32(ctx, o, 7, JS_NewInt32(ctx, 7)), 1);
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_STRING_MASK), 0);
    const char *expect[] = { "0", "1", "2", "7", "length" };
    ASSERT_EQ(n, 5);
    for (uint32_t i = 0; i < n; i++) {
        const char *k = JS_AtomToCString(ctx, tab[i].atom);
        ASSERT_STR_EQ(k, expect[i]);
        JS_FreeCString(ctx, k);
    }
    JS_FreePropertyEnum(ctx, tab, n);
    JSValue c = JS_GetPropertyUint32(ctx, o, 1);
    const char *cs = JS_ToCString(ctx, c);
    ASSERT_STR_EQ(cs, "b");
    JS_FreeCString(ctx, cs);
    JS_FreeValue(ctx, c);
    ASSERT_EQ(JS_SetPropertyUint32(ctx, o, 1, JS_NewInt32(ctx, 0)), -1);
    free(exception_message());
    JSAtom one = JS_NewAtomUInt32(ctx, 1);
    ASSERT_EQ(JS_DeleteProperty(ctx, o, one, 0), 0);
    ASSERT_EQ(length_of(o), 3);
    JS_FreeValue(ctx, o);
    JS_FreeValue(ctx, s);
    teardown();
}

static int autoinit_calls;
static JSValue lazy_init(JSContext *c, JSObject *obj, JSAtom prop, void *opaque)
{
    (void)obj; (void)prop;
    autoinit_calls++;
    return JS_NewInt32(c, *(int *)opaque);
}

TEST_IMPL(autoinit)
{
    static int value = 99;
    static const WFAutoInitDef def = { lazy_init, &value };
    setup();
    JSValue o = JS_NewObject(ctx);
    JSAtom a = JS_NewAtom(ctx, "lazy");
    autoinit_calls = 0;
    ASSERT_EQ(wf_obj_define_autoinit(ctx, o, a, &def, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE), 0);
    ASSERT_EQ(autoinit_calls, 0);
    ASSERT_EQ(get_int(o, "lazy"), 99);
    ASSERT_EQ(get_int(o, "lazy"), 99);
    ASSERT_EQ(autoinit_calls, 1);
    JS_FreeAtom(ctx, a);
    JS_FreeValue(ctx, o);
    teardown();
}

TEST_IMPL(symbols)
{
    setup();
    JSValue s = JS_NewSymbol(ctx, NULL, false);
    JSValue o = JS_NewObject(ctx);
    JSAtom a = JS_ValueToAtom(ctx, s);
    ASSERT_EQ(JS_SetProperty(ctx, o, a, JS_NewInt32(ctx, 5)), 1);
    JSValue v = JS_GetProperty(ctx, o, a);
    ASSERT_EQ(JS_VALUE_GET_INT(v), 5);
    JSValue str = JS_ToString(ctx, s);
    ASSERT(JS_IsException(str));
    free(exception_message());
    JSPropertyEnum *tab;
    uint32_t n;
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_STRING_MASK), 0);
    ASSERT_EQ(n, 0);
    JS_FreePropertyEnum(ctx, tab, n);
    JS_FreeAtom(ctx, a);
    JS_FreeValue(ctx, s);   /* the property still holds the atom */
    JS_RunGC(rt);
    ASSERT_EQ(JS_GetOwnPropertyNames(ctx, &tab, &n, o, JS_GPN_SYMBOL_MASK), 0);
    ASSERT_EQ(n, 1);
    JSValue back = JS_AtomToValue(ctx, tab[0].atom);
    ASSERT(JS_IsSymbol(back));
    JS_FreeValue(ctx, back);
    JS_FreePropertyEnum(ctx, tab, n);
    JS_FreeValue(ctx, o);
    teardown();
}

/* Two runtimes on two threads share nothing but the class id counter. */
#include <pthread.h>
static JSClassID shared_class_id;

static void *thread_body(void *arg)
{
    static const JSClassDef def = { "Shared", NULL, NULL, NULL, NULL };
    JSRuntime *r = JS_NewRuntime();
    JSContext *c = JS_NewContext(r);
    (void)arg;
    JS_NewClassID(r, &shared_class_id);
    if (JS_NewClass(r, shared_class_id, &def) != 0)
        return (void *)1;
    for (int i = 0; i < 2000; i++) {
        JSValue o = JS_NewObjectClass(c, (int)shared_class_id);
        JS_SetPropertyStr(c, o, "x", JS_NewInt32(c, i));
        JS_SetPropertyStr(c, o, "self", JS_DupValue(c, o));
        JS_FreeValue(c, o);
        JSAtom a = JS_NewAtomUInt32(c, 3000000000u + (uint32_t)i);
        JS_FreeAtom(c, a);
    }
    JS_RunGC(r);
    JS_FreeContext(c);
    JS_FreeRuntime(r);
    return NULL;
}

TEST_IMPL(two_threads)
{
    pthread_t t[4];
    void *ret;
    for (int i = 0; i < 4; i++)
        ASSERT_EQ(pthread_create(&t[i], NULL, thread_body, NULL), 0);
    for (int i = 0; i < 4; i++) {
        ASSERT_EQ(pthread_join(t[i], &ret), 0);
        ASSERT_NULL(ret);
    }
    ASSERT_NE(shared_class_id, 0);
}

#define TEST_LIST(X)            \
    X(runtime_context)          \
    X(atoms)                    \
    X(strings)                  \
    X(string_concat_linear)     \
    X(object_properties)        \
    X(accessors_and_calls)      \
    X(arrays)                   \
    X(shapes_shared)            \
    X(classes_opaque)           \
    X(conversions)              \
    X(exceptions)               \
    X(gc_cycles)                \
    X(gc_deep_chain)            \
    X(memory_limit)             \
    X(memory_limit_sweep)       \
    X(dump_leaks)               \
    X(custom_allocator)         \
    X(stack_limit)              \
    X(exotic_class)             \
    X(string_wrapper)           \
    X(autoinit)                 \
    X(symbols)                  \
    X(two_threads)

HARNESS_MAIN(TEST_LIST)
