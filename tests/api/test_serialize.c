/*
 * test_serialize.c - JS_WriteObject[2] / JS_ReadObject[2] (values, flags,
 * a JSSABTab across runtimes, bytecode of scripts and modules), the
 * runtime-independent messages of engine/serialize.h (transfer lists moved
 * between runtimes with the same or a different allocator, memory limits,
 * messages dropped unread, host-object hooks), and the hardened reader
 * (every truncation and many corruptions of valid data fail cleanly).
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"
#include "engine/serialize.h"

static JSValue eval(JSContext *ctx, const char *code)
{
    JSValue v = JS_Eval(ctx, code, strlen(code), "<test>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        JSValue e = JS_GetException(ctx);
        const char *s = JS_ToCString(ctx, e);
        fprintf(stderr, "eval failed: %s\n  in: %s\n", s ? s : "?", code);
        JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, e);
        ASSERT(0);
    }
    return v;
}

/* Calls globalThis[fname](v) in ctx and expects `true`. */
static void check(JSContext *ctx, const char *fname, JSValueConst v)
{
    JSValue g = JS_GetGlobalObject(ctx);
    JSValue f = JS_GetPropertyStr(ctx, g, fname);
    JSValue r = JS_Call(ctx, f, JS_UNDEFINED, 1, &v);
    if (JS_IsException(r)) {
        JSValue e = JS_GetException(ctx);
        const char *s = JS_ToCString(ctx, e);
        fprintf(stderr, "%s threw: %s\n", fname, s ? s : "?");
        JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, e);
        ASSERT(0);
    }
    ASSERT_EQ(JS_VALUE_GET_TAG(r), JS_TAG_BOOL);
    if (!JS_VALUE_GET_BOOL(r))
        fprintf(stderr, "%s returned false\n", fname);
    ASSERT(JS_VALUE_GET_BOOL(r));
    JS_FreeValue(ctx, f);
    JS_FreeValue(ctx, g);
}

/* The pending exception's name; clears it. */
static void expect_error(JSContext *ctx, const char *want)
{
    JSValue e = JS_GetException(ctx), name;
    const char *cs;
    name = JS_GetPropertyStr(ctx, e, "name");
    cs = JS_ToCString(ctx, name);
    ASSERT_NOT_NULL(cs);
    ASSERT_STR_EQ(cs, want);
    JS_FreeCString(ctx, cs);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, e);
}

static const char graph_src[] =
    "(() => { const shared = {s: 1}; const o = {n: -0, big: -(2n ** 100n), str: 'h\\u00e9\\u65e5',"
    " arr: [1, , shared], shared, m: new Map([[shared, new Set([1, 2])]]), d: new Date(86400000),"
    " re: /x+/g, err: new RangeError('r', {cause: shared}), u16: new Uint16Array([1, 65535]),"
    " rab: new ArrayBuffer(2, {maxByteLength: 8})}; o.self = o; return o; })()";

static const char graph_check[] =
    "globalThis.checkGraph = (o) => Object.is(o.n, -0) && o.big === -(2n ** 100n) &&"
    " o.str === 'h\\u00e9\\u65e5' && o.arr.length === 3 && !(1 in o.arr) && o.arr[2] === o.shared &&"
    " o.m.get(o.shared).has(2) && o.d.getTime() === 86400000 && o.re.flags === 'g' &&"
    " o.err instanceof RangeError && o.err.cause === o.shared && o.u16[1] === 65535 &&"
    " o.rab.resizable && o.rab.maxByteLength === 8 && o.self === o;";

TEST_IMPL(roundtrip_across_runtimes)
{
    Env a = env_new(), b = env_new();
    JSValue v = eval(a.ctx, graph_src), r;
    size_t len;
    uint8_t *buf = JS_WriteObject(a.ctx, &len, v, JS_WRITE_OBJ_REFERENCE);
    ASSERT_NOT_NULL(buf);
    ASSERT_GT(len, 10);
    JS_FreeValue(a.ctx, v);
    JS_FreeValue(b.ctx, eval(b.ctx, graph_check));
    r = JS_ReadObject(b.ctx, buf, len, JS_READ_OBJ_REFERENCE);
    ASSERT(!JS_IsException(r));
    check(b.ctx, "checkGraph", r);
    JS_FreeValue(b.ctx, r);
    js_free(a.ctx, buf);
    env_free(&a);
    env_free(&b);
}

TEST_IMPL(reference_flags)
{
    Env a = env_new();
    JSValue v = eval(a.ctx, "(() => { const s = {x: 1}; return [s, s]; })()"), r;
    size_t len;
    uint8_t *buf;

    /* without JS_WRITE_OBJ_REFERENCE a shared object is written twice */
    buf = JS_WriteObject(a.ctx, &len, v, 0);
    ASSERT_NOT_NULL(buf);
    r = JS_ReadObject(a.ctx, buf, len, 0);
    ASSERT(!JS_IsException(r));
    JS_FreeValue(a.ctx, eval(a.ctx, "globalThis.twoCopies = (a) => a[0] !== a[1] && a[1].x === 1;"));
    check(a.ctx, "twoCopies", r);
    JS_FreeValue(a.ctx, r);
    js_free(a.ctx, buf);
    JS_FreeValue(a.ctx, v);

    /* ... and a cycle cannot be written */
    v = eval(a.ctx, "(() => { const o = {}; o.o = o; return o; })()");
    buf = JS_WriteObject(a.ctx, &len, v, 0);
    ASSERT_NULL(buf);
    expect_error(a.ctx, "TypeError");

    /* with it, a reader without JS_READ_OBJ_REFERENCE refuses the data */
    buf = JS_WriteObject(a.ctx, &len, v, JS_WRITE_OBJ_REFERENCE);
    ASSERT_NOT_NULL(buf);
    r = JS_ReadObject(a.ctx, buf, len, 0);
    ASSERT(JS_IsException(r));
    expect_error(a.ctx, "SyntaxError");
    r = JS_ReadObject(a.ctx, buf, len, JS_READ_OBJ_REFERENCE);
    ASSERT(!JS_IsException(r));
    JS_FreeValue(a.ctx, r);
    js_free(a.ctx, buf);
    JS_FreeValue(a.ctx, v);
    env_free(&a);
}

TEST_IMPL(sab_table)
{
    Env a = env_new(), b = env_new();
    JSValue v = eval(a.ctx, "globalThis.s = new SharedArrayBuffer(8); [s, new Int32Array(s), s]"), r;
    JSSABTab tab;
    size_t len;
    uint8_t *buf;

    /* not allowed without the flag */
    buf = JS_WriteObject2(a.ctx, &len, v, JS_WRITE_OBJ_REFERENCE, &tab);
    ASSERT_NULL(buf);
    expect_error(a.ctx, "DataCloneError");

    buf = JS_WriteObject2(a.ctx, &len, v, JS_WRITE_OBJ_REFERENCE | JS_WRITE_OBJ_SAB, &tab);
    ASSERT_NOT_NULL(buf);
    ASSERT_EQ(tab.len, 1);
    ASSERT_NOT_NULL(tab.tab);
    ASSERT_NOT_NULL(tab.tab[0]);
    JS_FreeValue(a.ctx, v);

    /* the reader needs JS_READ_OBJ_SAB and the table */
    r = JS_ReadObject2(b.ctx, buf, len, JS_READ_OBJ_REFERENCE, &tab);
    ASSERT(JS_IsException(r));
    expect_error(b.ctx, "SyntaxError");
    r = JS_ReadObject2(b.ctx, buf, len, JS_READ_OBJ_REFERENCE | JS_READ_OBJ_SAB, NULL);
    ASSERT(JS_IsException(r));
    expect_error(b.ctx, "SyntaxError");
    {
        JSSABTab empty = { tab.tab, 0 };
        r = JS_ReadObject2(b.ctx, buf, len, JS_READ_OBJ_REFERENCE | JS_READ_OBJ_SAB, &empty);
        ASSERT(JS_IsException(r));
        expect_error(b.ctx, "SyntaxError");
    }
    r = JS_ReadObject2(b.ctx, buf, len, JS_READ_OBJ_REFERENCE | JS_READ_OBJ_SAB, &tab);
    ASSERT(!JS_IsException(r));
    {
        JSValue g = JS_GetGlobalObject(b.ctx);
        JS_SetPropertyStr(b.ctx, g, "got", r);
        JS_FreeValue(b.ctx, g);
    }
    /* runtime b writes, runtime a sees it: the same bytes */
    JS_FreeValue(b.ctx, eval(b.ctx, "got[1][0] = 4242; got[0] === got[2] && got[1].buffer === got[0]"));
    r = eval(a.ctx, "new Int32Array(s)[0]");
    ASSERT_EQ(JS_VALUE_GET_INT(r), 4242);
    js_free(a.ctx, tab.tab);
    js_free(a.ctx, buf);
    env_free(&a);
    /* the store outlives the runtime that made it */
    r = eval(b.ctx, "got[1][0]");
    ASSERT_EQ(JS_VALUE_GET_INT(r), 4242);
    env_free(&b);
}

TEST_IMPL(bytecode_script_and_module)
{
    Env a = env_new(), b = env_new();
    static const char script[] =
        "function f(x) { return `v=${x}` + [1, 2, 3].map(y => y * x).join(); }\n"
        "class C { #p = 7; static s = 'S'; get p() { return this.#p; } }\n"
        "globalThis.result = f(2) + new C().p + C.s + (10n ** 20n) + String.raw`a\\n`;";
    static const char module[] =
        "export const answer = 42;\n"
        "globalThis.modResult = answer + (await Promise.resolve(1));\n";
    JSValue fn, r;
    size_t len;
    uint8_t *buf;
    const char *s;

    fn = JS_Eval(a.ctx, script, strlen(script), "script.js", JS_EVAL_FLAG_COMPILE_ONLY);
    ASSERT(!JS_IsException(fn));
    /* values only: compiled code is refused */
    ASSERT_NULL(JS_WriteObject(a.ctx, &len, fn, 0));
    expect_error(a.ctx, "DataCloneError");
    buf = JS_WriteObject(a.ctx, &len, fn, JS_WRITE_OBJ_BYTECODE);
    ASSERT_NOT_NULL(buf);
    JS_FreeValue(a.ctx, fn);
    /* a reader without JS_READ_OBJ_BYTECODE refuses it */
    r = JS_ReadObject(b.ctx, buf, len, 0);
    ASSERT(JS_IsException(r));
    expect_error(b.ctx, "SyntaxError");
    fn = JS_ReadObject(b.ctx, buf, len, JS_READ_OBJ_BYTECODE);
    ASSERT(!JS_IsException(fn));
    js_free(a.ctx, buf);
    r = JS_EvalFunction(b.ctx, fn);
    ASSERT(!JS_IsException(r));
    JS_FreeValue(b.ctx, r);
    r = eval(b.ctx, "result");
    s = JS_ToCString(b.ctx, r);
    ASSERT_STR_EQ(s, "v=22,4,67S100000000000000000000a\\n");
    JS_FreeCString(b.ctx, s);
    JS_FreeValue(b.ctx, r);

    fn = JS_Eval(a.ctx, module, strlen(module), "mod.js",
                 JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    ASSERT(!JS_IsException(fn));
    buf = JS_WriteObject(a.ctx, &len, fn, JS_WRITE_OBJ_BYTECODE | JS_WRITE_OBJ_STRIP_SOURCE |
                         JS_WRITE_OBJ_STRIP_DEBUG);
    ASSERT_NOT_NULL(buf);
    fn = JS_ReadObject(b.ctx, buf, len, JS_READ_OBJ_BYTECODE);
    ASSERT(!JS_IsException(fn));
    ASSERT(JS_IsModule(fn));
    js_free(a.ctx, buf);
    r = JS_EvalFunction(b.ctx, fn);
    ASSERT(!JS_IsException(r));
    while (JS_IsJobPending(b.rt)) {
        JSContext *jc;
        ASSERT_GE(JS_ExecutePendingJob(b.rt, &jc), 0);
    }
    ASSERT_EQ(JS_PromiseState(b.ctx, r), JS_PROMISE_FULFILLED);
    JS_FreeValue(b.ctx, r);
    r = eval(b.ctx, "modResult");
    ASSERT_EQ(JS_VALUE_GET_INT(r), 43);
    env_free(&a);
    env_free(&b);
}

/* Every strict prefix of valid data is rejected with a SyntaxError, and
   corrupted bytes never crash the reader. */
TEST_IMPL(malformed_input)
{
    Env a = env_new();
    JSValue v = eval(a.ctx, graph_src), r;
    size_t len, i;
    uint8_t *buf = JS_WriteObject(a.ctx, &len, v, JS_WRITE_OBJ_REFERENCE), *copy;
    uint32_t seed = 12345;
    ASSERT_NOT_NULL(buf);
    JS_FreeValue(a.ctx, v);
    for (i = 0; i < len; i++) {
        r = JS_ReadObject(a.ctx, buf, i, JS_READ_OBJ_REFERENCE);
        ASSERT(JS_IsException(r));
        expect_error(a.ctx, "SyntaxError");
    }
    copy = malloc(len + 1);
    ASSERT_NOT_NULL(copy);
    /* trailing bytes */
    memcpy(copy, buf, len);
    copy[len] = 0;
    r = JS_ReadObject(a.ctx, copy, len + 1, JS_READ_OBJ_REFERENCE);
    ASSERT(JS_IsException(r));
    expect_error(a.ctx, "SyntaxError");
    /* another format version */
    copy[2] = 99;
    r = JS_ReadObject(a.ctx, copy, len, JS_READ_OBJ_REFERENCE);
    ASSERT(JS_IsException(r));
    expect_error(a.ctx, "SyntaxError");
    /* random corruption: either a value or an exception */
    for (i = 0; i < 20000; i++) {
        size_t k;
        memcpy(copy, buf, len);
        for (k = 0; k < 1 + i % 4; k++) {
            seed = seed * 1103515245 + 12345;
            copy[4 + (seed >> 8) % (len - 4)] ^= (uint8_t)(1 + (seed >> 20) % 255);
        }
        r = JS_ReadObject(a.ctx, copy, len, JS_READ_OBJ_REFERENCE | JS_READ_OBJ_SAB);
        if (JS_IsException(r))
            JS_FreeValue(a.ctx, JS_GetException(a.ctx));
        else
            JS_FreeValue(a.ctx, r);
    }
    free(copy);
    js_free(a.ctx, buf);
    JS_RunGC(a.rt);
    env_free(&a);
}

/* Compiled code is trusted input (it is not verified enough to be run
   from anywhere), but reading damaged code must still fail cleanly. */
TEST_IMPL(malformed_bytecode)
{
    Env a = env_new();
    static const char src[] =
        "function f(a, ...r) { let s = `${a}`; for (const x of r) s += x; return s; }\n"
        "class C { #p = 1; static q = 2; get p() { return this.#p; } }\n"
        "try { f(1, 2n, /re/g, [1, , 3], {k: 'v'}); } finally { new C().p; }";
    JSValue fn = JS_Eval(a.ctx, src, strlen(src), "code.js", JS_EVAL_FLAG_COMPILE_ONLY), r;
    size_t len, i;
    uint8_t *buf, *copy;
    uint32_t seed = 777;
    ASSERT(!JS_IsException(fn));
    buf = JS_WriteObject(a.ctx, &len, fn, JS_WRITE_OBJ_BYTECODE);
    ASSERT_NOT_NULL(buf);
    JS_FreeValue(a.ctx, fn);
    for (i = 0; i < len; i++) {
        r = JS_ReadObject(a.ctx, buf, i, JS_READ_OBJ_BYTECODE);
        ASSERT(JS_IsException(r));
        JS_FreeValue(a.ctx, JS_GetException(a.ctx));
    }
    copy = malloc(len);
    ASSERT_NOT_NULL(copy);
    for (i = 0; i < 20000; i++) {
        size_t k;
        memcpy(copy, buf, len);
        for (k = 0; k < 1 + i % 3; k++) {
            seed = seed * 1103515245 + 12345;
            copy[8 + (seed >> 8) % (len - 8)] ^= (uint8_t)(1 + (seed >> 20) % 255);
        }
        r = JS_ReadObject(a.ctx, copy, len, JS_READ_OBJ_BYTECODE);
        if (JS_IsException(r))
            JS_FreeValue(a.ctx, JS_GetException(a.ctx));
        else
            JS_FreeValue(a.ctx, r);     /* read, never run */
    }
    free(copy);
    js_free(a.ctx, buf);
    env_free(&a);
}

static int64_t malloc_size(JSRuntime *rt)
{
    JSMemoryUsage u;
    JS_ComputeMemoryUsage(rt, &u);
    return u.malloc_size;
}

/* A transferred ArrayBuffer moves its block to another runtime with the
   same allocator: same address, accounting moves with it. */
TEST_IMPL(message_transfer_moves_block)
{
    Env a = env_new(), b = env_new();
    JSValue buf = eval(a.ctx, "globalThis.big = new ArrayBuffer(1 << 20); new Uint8Array(big)[5] = 9; big");
    JSValue list = JS_NewArray(a.ctx), r;
    uint8_t *p_before, *p_after;
    size_t n;
    int64_t a0, b0;
    WFMessage *m;

    p_before = JS_GetArrayBuffer(a.ctx, &n, buf);
    ASSERT_EQ(n, 1 << 20);
    JS_SetPropertyUint32(a.ctx, list, 0, JS_DupValue(a.ctx, buf));
    a0 = malloc_size(a.rt);
    b0 = malloc_size(b.rt);
    m = wf_message_write(a.ctx, buf, list, 0, NULL);
    ASSERT_NOT_NULL(m);
    JS_FreeValue(a.ctx, list);
    ASSERT_LT(malloc_size(a.rt), a0 - (1 << 20) + 4096);
    r = eval(a.ctx, "big.detached && big.byteLength === 0");
    ASSERT(JS_VALUE_GET_BOOL(r));
    r = wf_message_read(b.ctx, m);
    ASSERT(!JS_IsException(r));
    p_after = JS_GetArrayBuffer(b.ctx, &n, r);
    ASSERT_EQ(n, 1 << 20);
    ASSERT_PTR_EQ(p_after, p_before);
    ASSERT_EQ(p_after[5], 9);
    ASSERT_GT(malloc_size(b.rt), b0 + (1 << 20) - 1);
    JS_FreeValue(b.ctx, r);
    JS_FreeValue(a.ctx, buf);
    env_free(&a);
    env_free(&b);
}

/* A runtime with its own allocator copies the bytes instead. */
static int counted_blocks;

static void *cnt_calloc(void *o, size_t c, size_t s) { (void)o; counted_blocks++; return calloc(c, s); }
static void *cnt_malloc(void *o, size_t s) { (void)o; counted_blocks++; return malloc(s); }
static void cnt_free(void *o, void *p) { (void)o; if (p) counted_blocks--; free(p); }
static void *cnt_realloc(void *o, void *p, size_t s)
{
    (void)o;
    if (!p && s)
        counted_blocks++;
    if (p && !s)
        counted_blocks--;
    return realloc(p, s);
}

TEST_IMPL(message_other_allocator_copies)
{
    static const JSMallocFunctions mf = { cnt_calloc, cnt_malloc, cnt_free, cnt_realloc, NULL };
    Env a = env_new(), b;
    JSValue buf, list, r;
    uint8_t *p_before, *p_after;
    size_t n;
    WFMessage *m;

    b.rt = JS_NewRuntime2(&mf, NULL);
    ASSERT_NOT_NULL(b.rt);
    b.ctx = JS_NewContext(b.rt);
    ASSERT_NOT_NULL(b.ctx);
    buf = eval(a.ctx, "globalThis.ab = new ArrayBuffer(4096); new Uint8Array(ab).fill(3); ab");
    list = eval(a.ctx, "[ab]");
    p_before = JS_GetArrayBuffer(a.ctx, &n, buf);
    m = wf_message_write(a.ctx, buf, list, 0, NULL);
    ASSERT_NOT_NULL(m);
    r = wf_message_read(b.ctx, m);
    ASSERT(!JS_IsException(r));
    p_after = JS_GetArrayBuffer(b.ctx, &n, r);
    ASSERT_EQ(n, 4096);
    ASSERT(p_after != p_before);
    ASSERT_EQ(p_after[4095], 3);
    JS_FreeValue(b.ctx, r);
    /* a large buffer that is copied (not transferred) travels in a block of
       its own: copied again into the other allocator */
    r = eval(a.ctx, "globalThis.big = new ArrayBuffer(200000, {maxByteLength: 300000});"
                    " new Uint8Array(big)[199999] = 4; [big, big]");
    m = wf_message_write(a.ctx, r, JS_UNDEFINED, 0, NULL);
    JS_FreeValue(a.ctx, r);
    ASSERT_NOT_NULL(m);
    r = wf_message_read(b.ctx, m);
    ASSERT(!JS_IsException(r));
    {
        JSValue g = JS_GetGlobalObject(b.ctx);
        JS_SetPropertyStr(b.ctx, g, "got", r);
        JS_FreeValue(b.ctx, g);
    }
    r = eval(b.ctx, "got[0] === got[1] && got[0].maxByteLength === 300000 &&"
                    " new Uint8Array(got[0])[199999] === 4");
    ASSERT(JS_VALUE_GET_BOOL(r));
    JS_FreeValue(a.ctx, list);
    JS_FreeValue(a.ctx, buf);
    env_free(&a);
    env_free(&b);
    ASSERT_EQ(counted_blocks, 0);
}

TEST_IMPL(message_memory_limit)
{
    Env a = env_new(), b = env_new();
    JSValue list, r;
    WFMessage *m;
    JS_SetMemoryLimit(b.rt, malloc_size(b.rt) + (256 << 10));
    list = eval(a.ctx, "globalThis.x = new ArrayBuffer(1 << 20); [x]");
    m = wf_message_write(a.ctx, JS_UNDEFINED, list, 0, NULL);
    JS_FreeValue(a.ctx, list);
    ASSERT_NOT_NULL(m);
    /* the buffer is not in the value: it is released with the message */
    r = wf_message_read(b.ctx, m);
    ASSERT(JS_IsUndefined(r));
    list = eval(a.ctx, "globalThis.y = new ArrayBuffer(1 << 20); [y]");
    {
        JSValue y = JS_GetPropertyUint32(a.ctx, list, 0);
        m = wf_message_write(a.ctx, y, list, 0, NULL);
        JS_FreeValue(a.ctx, y);
    }
    ASSERT_NOT_NULL(m);
    JS_FreeValue(a.ctx, list);
    r = wf_message_read(b.ctx, m);
    ASSERT(JS_IsException(r));
    expect_error(b.ctx, "RangeError");
    JS_FreeValue(a.ctx, eval(a.ctx, "y"));
    env_free(&a);
    env_free(&b);
}

/* Host objects through the hooks: a fake "port" class. */
static JSClassID port_class;
static int port_transfers, port_receives, port_releases;

typedef struct FakePort {
    int id;
} FakePort;

static void port_finalizer(JSRuntime *rt, JSValueConst val)
{
    FakePort *p = JS_GetOpaque(val, port_class);
    if (p)
        js_free_rt(rt, p);
}

static JSValue port_new(JSContext *ctx, int id)
{
    JSValue o = JS_NewObjectClass(ctx, (int)port_class);
    FakePort *p = js_malloc(ctx, sizeof(*p));
    p->id = id;
    JS_SetOpaque(o, p);
    return o;
}

static void port_register(JSRuntime *rt)
{
    static const JSClassDef def = { "FakePort", port_finalizer, NULL, NULL, NULL };
    if (!port_class)
        JS_NewClassID(rt, &port_class);
    JS_NewClass(rt, port_class, &def);
}

static int hook_can(JSContext *ctx, JSValueConst obj, void *opaque)
{
    FakePort *p = JS_GetOpaque(obj, port_class);
    (void)opaque;
    if (p && p->id < 0) {
        JS_ThrowTypeError(ctx, "closed port");
        return -1;
    }
    return p != NULL;
}

static void *hook_transfer(JSContext *ctx, JSValueConst obj, void *opaque)
{
    FakePort *p = JS_GetOpaque(obj, port_class);
    int *data = malloc(sizeof(int));
    (void)ctx;
    (void)opaque;
    *data = p->id;
    p->id = -1;    /* detached in the sender */
    port_transfers++;
    return data;
}

static JSValue hook_receive(JSContext *ctx, void *data, void *opaque)
{
    int id = *(int *)data;
    (void)opaque;
    free(data);
    port_receives++;
    return port_new(ctx, id);
}

static void hook_release(void *data, void *opaque)
{
    (void)opaque;
    free(data);
    port_releases++;
}

static const WFCloneHostHooks hooks = { hook_can, hook_transfer, hook_receive, hook_release, NULL };

TEST_IMPL(message_host_hooks)
{
    Env a = env_new(), b = env_new();
    JSValue port, val, list, r, got;
    WFMessage *m;
    FakePort *fp;

    port_register(a.rt);
    port_register(b.rt);
    port = port_new(a.ctx, 7);

    /* not in the transfer list: DataCloneError, nothing happens */
    val = JS_NewObject(a.ctx);
    JS_SetPropertyStr(a.ctx, val, "port", JS_DupValue(a.ctx, port));
    JS_SetPropertyStr(a.ctx, val, "again", JS_DupValue(a.ctx, port));
    ASSERT_NULL(wf_message_write(a.ctx, val, JS_UNDEFINED, 0, &hooks));
    expect_error(a.ctx, "DataCloneError");
    /* without hooks a host object cannot be transferred */
    list = JS_NewArray(a.ctx);
    JS_SetPropertyUint32(a.ctx, list, 0, JS_DupValue(a.ctx, port));
    ASSERT_NULL(wf_message_write(a.ctx, val, list, 0, NULL));
    expect_error(a.ctx, "DataCloneError");
    ASSERT_EQ(port_transfers, 0);

    /* transferred and received: one object, twice */
    m = wf_message_write(a.ctx, val, list, 0, &hooks);
    ASSERT_NOT_NULL(m);
    ASSERT_EQ(port_transfers, 1);
    ASSERT_EQ(((FakePort *)JS_GetOpaque(port, port_class))->id, -1);
    r = wf_message_read(b.ctx, m);
    ASSERT(!JS_IsException(r));
    ASSERT_EQ(port_receives, 1);
    got = JS_GetPropertyStr(b.ctx, r, "port");
    fp = JS_GetOpaque(got, port_class);
    ASSERT_NOT_NULL(fp);
    ASSERT_EQ(fp->id, 7);
    {
        JSValue again = JS_GetPropertyStr(b.ctx, r, "again");
        ASSERT_PTR_EQ(JS_VALUE_GET_PTR(again), JS_VALUE_GET_PTR(got));
        JS_FreeValue(b.ctx, again);
    }
    JS_FreeValue(b.ctx, got);
    JS_FreeValue(b.ctx, r);

    /* a detached port is refused by the hook (its own error) */
    ASSERT_NULL(wf_message_write(a.ctx, val, list, 0, &hooks));
    expect_error(a.ctx, "TypeError");
    JS_FreeValue(a.ctx, list);
    JS_FreeValue(a.ctx, val);
    JS_FreeValue(a.ctx, port);

    /* dropped unread: the host data, the stores and the SAB refs are released */
    port = port_new(a.ctx, 8);
    {
        JSValue g = JS_GetGlobalObject(a.ctx);
        JS_SetPropertyStr(a.ctx, g, "p8", port);
        JS_FreeValue(a.ctx, g);
    }
    list = eval(a.ctx, "globalThis.ab8 = new ArrayBuffer(64); [p8, ab8]");
    val = eval(a.ctx, "({p: p8, b: ab8, s: new SharedArrayBuffer(16), big: new ArrayBuffer(1 << 17)})");
    m = wf_message_write(a.ctx, val, list, 0, &hooks);
    ASSERT_NOT_NULL(m);
    JS_FreeValue(a.ctx, val);
    JS_FreeValue(a.ctx, list);
    env_free(&a);
    wf_message_free(m);     /* after the sender's runtime is gone */
    ASSERT_EQ(port_releases, 1);
    ASSERT_EQ(port_receives, 1);
    env_free(&b);
}

TEST_IMPL(structured_clone_c)
{
    Env a = env_new();
    JSValue v = eval(a.ctx, graph_src), r;
    JS_FreeValue(a.ctx, eval(a.ctx, graph_check));
    r = wf_structured_clone(a.ctx, v, JS_UNDEFINED);
    ASSERT(!JS_IsException(r));
    check(a.ctx, "checkGraph", r);
    JS_FreeValue(a.ctx, r);
    JS_FreeValue(a.ctx, v);
    r = wf_throw_data_clone_error(a.ctx, "x %d", 1);
    ASSERT(JS_IsException(r));
    expect_error(a.ctx, "DataCloneError");
    env_free(&a);
}

#define TEST_LIST(X)                     \
    X(roundtrip_across_runtimes)         \
    X(reference_flags)                   \
    X(sab_table)                         \
    X(bytecode_script_and_module)        \
    X(malformed_input)                   \
    X(malformed_bytecode)                \
    X(message_transfer_moves_block)      \
    X(message_other_allocator_copies)    \
    X(message_memory_limit)              \
    X(message_host_hooks)                \
    X(structured_clone_c)

HARNESS_MAIN(TEST_LIST)
