/*
 * atomics_pingpong.c - round trip of Atomics.wait/notify between two
 * threads, each with its own Weft runtime, over one SharedArrayBuffer,
 * next to the same ping-pong written in C on a raw Linux futex, in the
 * same process and run.
 *
 *   atomics_pingpong [ROUND_TRIPS] [REPEATS]     (defaults 20000, 3)
 *
 * The protocol is one 32-bit flag: ping sets it to 1 and notifies, then
 * waits while it is 1; pong waits while it is 0, sets it to 0 and
 * notifies.  Each side always notifies (the C side always calls
 * FUTEX_WAKE), so both versions make the same system calls.  The best of
 * REPEATS runs is reported, in microseconds per round trip.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "quickjs.h"
#include "engine/sab.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* ---------------------------------------------------------------- futex */

typedef struct FutexArgs {
    _Atomic(int32_t) flag;
    long rounds;
} FutexArgs;

static void futex_wait(_Atomic(int32_t) *addr, int32_t val)
{
    syscall(SYS_futex, (int32_t *)addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(_Atomic(int32_t) *addr)
{
    syscall(SYS_futex, (int32_t *)addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *futex_pong(void *arg)
{
    FutexArgs *a = arg;
    for (long i = 0; i < a->rounds; i++) {
        while (atomic_load(&a->flag) == 0)
            futex_wait(&a->flag, 0);
        atomic_store(&a->flag, 0);
        futex_wake(&a->flag);
    }
    return NULL;
}

static double run_futex(long rounds)
{
    FutexArgs a;
    pthread_t th;
    double t0, t1;
    atomic_init(&a.flag, 0);
    a.rounds = rounds;
    pthread_create(&th, NULL, futex_pong, &a);
    t0 = now_us();
    for (long i = 0; i < rounds; i++) {
        atomic_store(&a.flag, 1);
        futex_wake(&a.flag);
        while (atomic_load(&a.flag) == 1)
            futex_wait(&a.flag, 1);
    }
    t1 = now_us();
    pthread_join(th, NULL);
    return (t1 - t0) / (double)rounds;
}

/* ---------------------------------------------------------------- Weft */

static const char ping_src[] =
    "(function (sab, n) {\n"
    "  const ia = new Int32Array(sab);\n"
    "  for (let i = 0; i < n; i++) {\n"
    "    Atomics.store(ia, 0, 1);\n"
    "    Atomics.notify(ia, 0, 1);\n"
    "    while (Atomics.load(ia, 0) === 1) Atomics.wait(ia, 0, 1);\n"
    "  }\n"
    "})";

static const char pong_src[] =
    "(function (sab, n) {\n"
    "  const ia = new Int32Array(sab);\n"
    "  for (let i = 0; i < n; i++) {\n"
    "    while (Atomics.load(ia, 0) === 0) Atomics.wait(ia, 0, 0);\n"
    "    Atomics.store(ia, 0, 0);\n"
    "    Atomics.notify(ia, 0, 1);\n"
    "  }\n"
    "})";

typedef struct Side {
    const char *src;
    void *store;
    long rounds;
    _Atomic(int) *ready;        /* both sides compiled: start */
    double t0, t1;
    int failed;
} Side;

static void *run_side(void *arg)
{
    Side *s = arg;
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue fn, args[2], r;

    fn = JS_Eval(ctx, s->src, strlen(s->src), "<pingpong>", JS_EVAL_TYPE_GLOBAL);
    args[0] = wf_sab_from_data(ctx, s->store);
    args[1] = JS_NewInt64(ctx, s->rounds);
    atomic_fetch_add(s->ready, 1);
    while (atomic_load(s->ready) < 2)
        ;
    s->t0 = now_us();
    r = JS_Call(ctx, fn, JS_UNDEFINED, 2, (JSValueConst *)args);
    s->t1 = now_us();
    if (JS_IsException(r)) {
        JSValue e = JS_GetException(ctx);
        const char *m = JS_ToCString(ctx, e);
        fprintf(stderr, "atomics_pingpong: %s\n", m ? m : "exception");
        if (m)
            JS_FreeCString(ctx, m);
        JS_FreeValue(ctx, e);
        s->failed = 1;
    }
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, args[0]);
    JS_FreeValue(ctx, args[1]);
    JS_FreeValue(ctx, fn);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return NULL;
}

static double run_weft(long rounds)
{
    void *store = wf_sab_store_new(NULL, 64, 64, false);
    _Atomic(int) ready;
    Side ping = { ping_src, store, rounds, &ready, 0, 0, 0 };
    Side pong = { pong_src, store, rounds, &ready, 0, 0, 0 };
    pthread_t a, b;

    if (!store)
        return -1;
    atomic_init(&ready, 0);
    pthread_create(&b, NULL, run_side, &pong);
    pthread_create(&a, NULL, run_side, &ping);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    wf_sab_free(NULL, store);
    if (ping.failed || pong.failed)
        return -1;
    return (ping.t1 - ping.t0) / (double)rounds;
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    double best_futex = 1e300, best_weft = 1e300;

    if (rounds <= 0 || reps <= 0) {
        fprintf(stderr, "usage: atomics_pingpong [ROUND_TRIPS] [REPEATS]\n");
        return 2;
    }
    for (int i = 0; i < reps; i++) {
        double f = run_futex(rounds), w = run_weft(rounds);
        if (w < 0)
            return 1;
        if (f < best_futex)
            best_futex = f;
        if (w < best_weft)
            best_weft = w;
    }
    printf("atomics ping-pong, %ld round trips, best of %d:\n", rounds, reps);
    printf("  raw futex (C)              %8.2f us/round trip\n", best_futex);
    printf("  Atomics.wait/notify (Weft) %8.2f us/round trip\n", best_weft);
    printf("  ratio weft/futex           %8.2f\n", best_weft / best_futex);
    return 0;
}
