/*
 * fuzz_readobject.c - libFuzzer target for the deserializer
 * (JS_ReadObject2, engine/serialize.c): every input must read or fail with
 * an exception, never crash, read out of bounds or leak.
 *
 *   tests/fuzz/build_readobject.sh /tmp/fuzz_readobject   (clang, ASan, UBSan)
 *   /tmp/fuzz_readobject/seedgen /tmp/fuzz_readobject/corpus
 *   /tmp/fuzz_readobject/fuzz_readobject -jobs=1 -max_total_time=600 \
 *       -max_len=4096 /tmp/fuzz_readobject/corpus
 *
 * Input: byte 0 selects the reader flags (bit 0 JS_READ_OBJ_REFERENCE,
 * bit 1 JS_READ_OBJ_SAB with a table of two real SharedArrayBuffer
 * stores, bit 2 no table at all, bit 3 JS_READ_OBJ_BYTECODE); the rest is
 * the serialized data.  Compiled code that is read is freed, never run:
 * running it is trusted by design (serialize_bc.c), but reading it must
 * still be memory-safe.  With -DFUZZ_MAIN this file
 * builds a standalone driver instead: it writes seeds made by the writer
 * into a directory (argv[1]), then runs every file given after it.
 *
 * One runtime and context live for the whole run (a memory limit keeps
 * huge declared lengths from exhausting the host); each value read is
 * freed and the cycle collector run, so a leak shows up at exit.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "engine/sab.h"
#include "engine/module.h"
#include "engine/list.h"

static JSRuntime *fz_rt;
static JSContext *fz_ctx;
static uint8_t *fz_sabs[2];
static JSValue fz_sab_objs[2];

static void fz_init(void)
{
    const char *src = "[new SharedArrayBuffer(16), new SharedArrayBuffer(8, {maxByteLength: 64})]";
    JSValue arr;
    if (fz_rt)
        return;
    fz_rt = JS_NewRuntime();
    JS_SetMemoryLimit(fz_rt, 256 << 20);
    JS_SetMaxStackSize(fz_rt, 512 << 10);
    fz_ctx = JS_NewContext(fz_rt);
    arr = JS_Eval(fz_ctx, src, strlen(src), "<fuzz>", 0);
    for (int i = 0; i < 2; i++) {
        fz_sab_objs[i] = JS_GetPropertyUint32(fz_ctx, arr, (uint32_t)i);
        fz_sabs[i] = wf_sab_data(fz_sab_objs[i]);
    }
    JS_FreeValue(fz_ctx, arr);
}

static void fz_fini(void)
{
    for (int i = 0; i < 2; i++)
        JS_FreeValue(fz_ctx, fz_sab_objs[i]);
    JS_FreeContext(fz_ctx);
    JS_FreeRuntime(fz_rt);
    fz_rt = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    JSSABTab tab;
    JSValue v;
    int flags = 0;
    static int runs;

    fz_init();
    if (size < 1)
        return 0;
    if (data[0] & 1)
        flags |= JS_READ_OBJ_REFERENCE;
    if (data[0] & 2)
        flags |= JS_READ_OBJ_SAB;
    if (data[0] & 8)
        flags |= JS_READ_OBJ_BYTECODE;
    tab.tab = fz_sabs;
    tab.len = 2;
    v = JS_ReadObject2(fz_ctx, data + 1, size - 1, flags, (data[0] & 4) ? NULL : &tab);
    if (JS_IsException(v)) {
        JS_FreeValue(fz_ctx, JS_GetException(fz_ctx));
    } else if (JS_IsModule(v)) {
        /* a module record belongs to its context: drop it now */
        JSModuleDef *m = JS_VALUE_GET_PTR(v);
        list_del(&m->link);
        wf_module_free(fz_ctx, m);
    } else {
        JS_FreeValue(fz_ctx, v);
    }
    if (++runs % 64 == 0)
        JS_RunGC(fz_rt);
    return 0;
}

#ifdef FUZZ_MAIN
/* Standalone: fuzz_readobject SEED_DIR [FILES...] writes seeds made by the
   writer into SEED_DIR, then reads each FILE as one input. */
static void write_seed(const char *dir, int n, const char *expr)
{
    char path[512];
    size_t len;
    uint8_t *buf;
    JSSABTab tab;
    JSValue v = JS_Eval(fz_ctx, expr, strlen(expr), "<seed>", 0);
    FILE *f;
    if (JS_IsException(v)) {
        JS_FreeValue(fz_ctx, JS_GetException(fz_ctx));
        fprintf(stderr, "seed %d does not evaluate\n", n);
        return;
    }
    buf = JS_WriteObject2(fz_ctx, &len, v, JS_WRITE_OBJ_REFERENCE | JS_WRITE_OBJ_SAB, &tab);
    JS_FreeValue(fz_ctx, v);
    if (!buf) {
        JS_FreeValue(fz_ctx, JS_GetException(fz_ctx));
        return;
    }
    snprintf(path, sizeof(path), "%s/seed%02d", dir, n);
    f = fopen(path, "wb");
    if (f) {
        fputc(3, f);
        fwrite(buf, 1, len, f);
        fclose(f);
    }
    js_free(fz_ctx, buf);
    js_free(fz_ctx, tab.tab);
}

static const struct { const char *src; bool module; } code_seeds[] = {
    { "function f(a, ...r) { let s = `${a}`; for (const x of r) s += x; return s; }"
      " class C { #p = 1; static q = 2; get p() { return this.#p; } }"
      " f(1, 2n, /re/g, [1, , 3], {k: 'v'}) + new C().p + String.raw`t\\n${1}`", false },
    { "import { x } from './dep.js'; export const y = x + (await 1);"
      " export default function* g() { yield* [1, 2]; } export * as ns from './ns.js';", true },
    { "async function a() { try { await 0; } finally { label: for (;;) break label; } }"
      " with ({}) { eval('1'); } a();", false },
};

static void write_code_seed(const char *dir, int n, const char *src, bool module)
{
    char path[512];
    size_t len;
    uint8_t *buf;
    JSValue v = JS_Eval(fz_ctx, src, strlen(src), "<seed>",
                        (module ? JS_EVAL_TYPE_MODULE : 0) | JS_EVAL_FLAG_COMPILE_ONLY);
    FILE *f;
    if (JS_IsException(v)) {
        JS_FreeValue(fz_ctx, JS_GetException(fz_ctx));
        fprintf(stderr, "code seed %d does not compile\n", n);
        return;
    }
    buf = JS_WriteObject(fz_ctx, &len, v, JS_WRITE_OBJ_BYTECODE);
    JS_FreeValue(fz_ctx, v);
    if (!buf) {
        JS_FreeValue(fz_ctx, JS_GetException(fz_ctx));
        return;
    }
    snprintf(path, sizeof(path), "%s/code%02d", dir, n);
    f = fopen(path, "wb");
    if (f) {
        fputc(8 | 1, f);
        fwrite(buf, 1, len, f);
        fclose(f);
    }
    js_free(fz_ctx, buf);
}

int main(int argc, char **argv)
{
    static const char *const seeds[] = {
        "({a: 1, b: 'x', c: [1, , 3], d: {e: null, f: -0, g: 1.5, h: 10n ** 40n}})",
        "(() => { const o = {s: '\\u65e5\\u672c'}; o.self = o; o.arr = [o, o]; return o; })()",
        "new Map([[1, {x: 1}], ['k', new Set([1, 2, 'z'])]])",
        "[new Date(0), /ab+c/giu, new Error('m', {cause: 1}), new TypeError('t')]",
        "(() => { const b = new ArrayBuffer(16); return [new Uint8Array(b, 4, 4), new DataView(b), new Float64Array(b)]; })()",
        "(() => { const b = new ArrayBuffer(8, {maxByteLength: 32}); return [b, new Int16Array(b)]; })()",
        "[new Number(3), new String('s'), new Boolean(true), Object(5n)]",
        "(() => { const a = [1, 2, 3]; a.extra = 'x'; a[100] = 4; return a; })()",
        "(() => { const s = new SharedArrayBuffer(16); return [s, new Int32Array(s), s]; })()",
        "[new BigInt64Array(2), new Float16Array(3), new Uint8ClampedArray(1)]",
    };
    fz_init();
    if (argc > 1) {
        for (int i = 0; i < (int)(sizeof(seeds) / sizeof(seeds[0])); i++)
            write_seed(argv[1], i, seeds[i]);
        for (int i = 0; i < (int)(sizeof(code_seeds) / sizeof(code_seeds[0])); i++)
            write_code_seed(argv[1], i, code_seeds[i].src, code_seeds[i].module);
    }
    for (int i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        uint8_t *buf;
        long n;
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc(n ? (size_t)n : 1);
        if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
            LLVMFuzzerTestOneInput(buf, (size_t)n);
        free(buf);
        fclose(f);
    }
    fz_fini();
    return 0;
}
#endif
