/*
 * atomics_wait.c - the process-wide Atomics waiter table (see
 * atomics_wait.h for the design) and the per-runtime agent records:
 * DoWait's critical section (ECMA-262 25.4.3.14), NotifyWaiter /
 * RemoveWaiters (25.4.3.17-18) and the waitAsync settlement on the waiting
 * thread (the host side of EnqueueResolveInAgentJob and the timeout job).
 *
 * Locking: `table_lock` guards the buckets, every waiter's list links and
 * flags, and every agent's fields except wake_func (set by the owning
 * thread before any waiter exists).  A waiting thread sleeps on its
 * agent's condition variable with table_lock.  A notify signals that
 * variable after marking the waiter, so a wake-up is never lost: the
 * waiting thread re-checks its waiter's flag under the lock.
 *
 * This file must not touch JS values outside the waiting thread: a
 * notifier only unlinks and flags.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "engine/atomics_wait.h"
#include "engine/state.h"
#include "engine/error.h"
#include "weft.h"

typedef struct Waiter {
    struct Waiter *prev, *next;     /* bucket list, arrival order */
    struct Waiter *anext;           /* agent's list of async waiters */
    void *addr;                     /* the byte address waited on */
    WFAtomicsAgent *agent;
    bool in_table;                  /* linked in its bucket */
    bool notified;                  /* woken by notify: "ok" */
    bool is_async;
    _Atomic(uint32_t) wake;         /* sync, Linux: the futex word: WAKE_* */
    int64_t deadline;               /* monotonic ns; INT64_MAX: none */
    /* async only, touched by the waiting thread alone */
    JSContext *ctx;                 /* counted */
    JSValue resolve;
    JSValue keep;
} Waiter;

struct WFAtomicsAgent {
    pthread_cond_t cond;            /* the runtime's thread sleeps here */
    bool interrupted;               /* wf_atomics_interrupt, consumed by a wait */
    bool sleeping;                  /* in weft_atomics_async_sleep */
    Waiter *sync_waiter;            /* the sync wait in progress, for interrupts */
    Waiter *async_list;             /* pending async waiters, newest first */
    int async_count;
    WeftAtomicsWakeFunc *wake_func;
    void *wake_opaque;
    JSRuntime *rt;
};

/* ---- the process-wide table (see atomics_wait.h: PROCESS-WIDE STATE) ---- */

#define BUCKET_BITS 6

typedef struct Bucket {
    Waiter *head, *tail;
} Bucket;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static Bucket table[1 << BUCKET_BITS];

static Bucket *bucket_of(void *addr)
{
    uint64_t a = (uint64_t)(uintptr_t)addr;
    a ^= a >> 17;
    a *= 0x9e3779b97f4a7c15u;
    return &table[a >> (64 - BUCKET_BITS)];
}

static void table_add(Waiter *w)
{
    Bucket *b = bucket_of(w->addr);
    w->next = NULL;
    w->prev = b->tail;
    if (b->tail)
        b->tail->next = w;
    else
        b->head = w;
    b->tail = w;
    w->in_table = true;
}

static void table_remove(Waiter *w)
{
    Bucket *b;
    if (!w->in_table)
        return;
    b = bucket_of(w->addr);
    if (w->prev)
        w->prev->next = w->next;
    else
        b->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        b->tail = w->prev;
    w->prev = w->next = NULL;
    w->in_table = false;
}

/* ---- time ---- */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* now + timeout_ms, saturating; INT64_MAX for +Inf or too far. */
static int64_t deadline_of(double timeout_ms)
{
    double ns = timeout_ms * 1e6;
    int64_t now = now_ns();
    if (!(ns < 9.0e18) || (double)now + ns >= 9.0e18)
        return INT64_MAX;
    return now + (int64_t)ns;
}

static void to_timespec(int64_t t, struct timespec *ts)
{
    ts->tv_sec = (time_t)(t / 1000000000);
    ts->tv_nsec = (long)(t % 1000000000);
}

/* Sleep on the agent's variable until `until` (INT64_MAX: no limit).
   table_lock held. */
static void agent_sleep(WFAtomicsAgent *ag, int64_t until)
{
    if (until == INT64_MAX) {
        pthread_cond_wait(&ag->cond, &table_lock);
    } else {
        struct timespec ts;
        to_timespec(until, &ts);
        pthread_cond_timedwait(&ag->cond, &table_lock, &ts);
    }
}

/* A sync waiter sleeps until `until` or a wake.  table_lock held on entry
   and on return.  On Linux the waiter sleeps on its own futex word
   without the lock, so that a notifier can wake it after releasing the
   lock (the woken thread then does not block on the lock at once); other
   systems use the agent's condition variable. */
enum { WAKE_NONE, WAKE_NOTIFIED, WAKE_POKED };

/* Returns true when the waiter was notified, and then the lock is NOT
   held: the notifier already took the waiter out of the table and off
   its agent, and the word's store was its last access to the waiter, so
   the thread may return without the lock. */
static bool waiter_sleep(WFAtomicsAgent *ag, Waiter *w, int64_t until)
{
#ifdef __linux__
    struct timespec rel, *prel = NULL;
    (void)ag;
    if (until != INT64_MAX) {
        int64_t d = until - now_ns();
        if (d <= 0)
            return false;
        to_timespec(d, &rel);
        prel = &rel;
    }
    atomic_store(&w->wake, WAKE_NONE);
    pthread_mutex_unlock(&table_lock);
    /* returns at once if the word changed in between */
    syscall(SYS_futex, (uint32_t *)&w->wake, FUTEX_WAIT_PRIVATE, WAKE_NONE, prel, NULL, 0);
    if (atomic_load(&w->wake) == WAKE_NOTIFIED)
        return true;
    pthread_mutex_lock(&table_lock);
    return false;
#else
    (void)w;
    agent_sleep(ag, until);
    return false;
#endif
}

/* Marks a sync waiter woken (table_lock held).  On Linux the caller calls
   waiter_kick(w) once the lock is released: w may be gone by then (its
   thread saw the flag and returned), and a futex wake on a stale stack
   address only causes a spurious wake-up, which every futex user of the
   process tolerates. */
static void waiter_mark(Waiter *w, uint32_t why)
{
#ifdef __linux__
    atomic_store(&w->wake, why);
#else
    (void)why;
    pthread_cond_broadcast(&w->agent->cond);
#endif
}

static void waiter_kick(_Atomic(uint32_t) *word)
{
#ifdef __linux__
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
#else
    (void)word;
#endif
}

/* ---- agents ---- */

int wf_atomics_init_rt(JSRuntime *rt)
{
    WFAtomicsAgent *ag = js_mallocz_rt(rt, sizeof(*ag));
    pthread_condattr_t attr;
    if (!ag)
        return -1;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&ag->cond, &attr);
    pthread_condattr_destroy(&attr);
    ag->rt = rt;
    rt->atomics_agent = ag;
    return 0;
}

static void free_async_waiter(JSRuntime *rt, Waiter *w)
{
    JS_FreeValueRT(rt, w->resolve);
    JS_FreeValueRT(rt, w->keep);
    JS_FreeContext(w->ctx);
    js_free_rt(rt, w);
}

void wf_atomics_free_rt(JSRuntime *rt)
{
    WFAtomicsAgent *ag = rt->atomics_agent;
    Waiter *list, *w;
    if (!ag)
        return;
    pthread_mutex_lock(&table_lock);
    list = ag->async_list;
    for (w = list; w; w = w->anext)
        table_remove(w);
    ag->async_list = NULL;
    ag->async_count = 0;
    rt->atomics_agent = NULL;
    pthread_mutex_unlock(&table_lock);
    while (list) {
        w = list;
        list = w->anext;
        free_async_waiter(rt, w);
    }
    pthread_cond_destroy(&ag->cond);
    js_free_rt(rt, ag);
}

void wf_atomics_interrupt(JSRuntime *rt)
{
    pthread_mutex_lock(&table_lock);
    if (rt->atomics_agent) {
        WFAtomicsAgent *ag = rt->atomics_agent;
        ag->interrupted = true;
        pthread_cond_broadcast(&ag->cond);
        if (ag->sync_waiter) {
            /* rare: wake it under the lock */
            waiter_mark(ag->sync_waiter, WAKE_POKED);
            waiter_kick(&ag->sync_waiter->wake);
        }
    }
    pthread_mutex_unlock(&table_lock);
}

void weft_atomics_interrupt(JSRuntime *rt)
{
    wf_atomics_interrupt(rt);
}

void weft_atomics_set_wake_func(JSRuntime *rt, WeftAtomicsWakeFunc *func, void *opaque)
{
    pthread_mutex_lock(&table_lock);
    if (rt->atomics_agent) {
        rt->atomics_agent->wake_func = func;
        rt->atomics_agent->wake_opaque = opaque;
    }
    pthread_mutex_unlock(&table_lock);
}

/* ---- waiting ---- */

/* The element at addr equals expected.  Atomic load: other threads store
   to it without the lock. */
static bool value_matches(void *addr, int size_log2, uint64_t expected)
{
    if (size_log2 == 3)
        return __atomic_load_n((uint64_t *)addr, __ATOMIC_SEQ_CST) == expected;
    return __atomic_load_n((uint32_t *)addr, __ATOMIC_SEQ_CST) == (uint32_t)expected;
}

/* How often a blocked wait asks the interrupt handler (ns). */
#define INTERRUPT_POLL_NS 50000000

int wf_atomics_wait(JSRuntime *rt, void *addr, int size_log2, uint64_t expected,
                    double timeout_ms)
{
    WFAtomicsAgent *ag = rt->atomics_agent;
    Waiter w;
    int64_t deadline = deadline_of(timeout_ms);
    int r;

    memset(&w, 0, sizeof(w));
    w.addr = addr;
    w.agent = ag;
    pthread_mutex_lock(&table_lock);
    if (ag->interrupted) {
        ag->interrupted = false;
        pthread_mutex_unlock(&table_lock);
        return WF_WAIT_INTERRUPTED;
    }
    if (!value_matches(addr, size_log2, expected)) {
        pthread_mutex_unlock(&table_lock);
        return WF_WAIT_NOT_EQUAL;
    }
    table_add(&w);
    ag->sync_waiter = &w;
    for (;;) {
        int64_t until, t;
        if (w.notified) {
            r = WF_WAIT_OK;
            break;
        }
        if (ag->interrupted) {
            ag->interrupted = false;
            r = WF_WAIT_INTERRUPTED;
            break;
        }
        t = now_ns();
        if (t >= deadline) {
            r = WF_WAIT_TIMED_OUT;
            break;
        }
        if (!rt->interrupt_handler) {
            if (waiter_sleep(ag, &w, deadline))
                return WF_WAIT_OK;
            continue;
        }
        /* sleep in slices and ask the host's interrupt handler between
           them, without the lock */
        until = deadline - t > INTERRUPT_POLL_NS ? t + INTERRUPT_POLL_NS : deadline;
        if (waiter_sleep(ag, &w, until))
            return WF_WAIT_OK;
        if (!w.notified && !ag->interrupted && now_ns() < deadline) {
            int stop;
            pthread_mutex_unlock(&table_lock);
            stop = rt->interrupt_handler(rt, rt->interrupt_opaque);
            pthread_mutex_lock(&table_lock);
            if (stop && !w.notified) {
                r = WF_WAIT_INTERRUPTED;
                break;
            }
        }
    }
    table_remove(&w);
    ag->sync_waiter = NULL;
    pthread_mutex_unlock(&table_lock);
    return r;
}

int wf_atomics_wait_async(JSContext *ctx, void *addr, int size_log2, uint64_t expected,
                          double timeout_ms, JSValueConst resolve, JSValueConst keep)
{
    JSRuntime *rt = ctx->rt;
    WFAtomicsAgent *ag = rt->atomics_agent;
    Waiter *w = js_mallocz(ctx, sizeof(*w));
    if (!w)
        return -1;
    w->addr = addr;
    w->agent = ag;
    w->is_async = true;
    w->deadline = deadline_of(timeout_ms);
    pthread_mutex_lock(&table_lock);
    if (!value_matches(addr, size_log2, expected)) {
        pthread_mutex_unlock(&table_lock);
        js_free(ctx, w);
        return WF_WAIT_NOT_EQUAL;
    }
    if (timeout_ms == 0) {
        pthread_mutex_unlock(&table_lock);
        js_free(ctx, w);
        return WF_WAIT_TIMED_OUT;
    }
    w->ctx = JS_DupContext(ctx);
    w->resolve = JS_DupValue(ctx, resolve);
    w->keep = JS_DupValue(ctx, keep);
    table_add(w);
    w->anext = ag->async_list;
    ag->async_list = w;
    ag->async_count++;
    pthread_mutex_unlock(&table_lock);
    return WF_WAIT_OK;
}

int64_t wf_atomics_notify(void *addr, int64_t count)
{
    Bucket *b = bucket_of(addr);
    Waiter *w, *next;
    int64_t n = 0;
    _Atomic(uint32_t) *kick[16];    /* sync waiters to wake after unlocking */
    int nkick = 0, i;

    if (count <= 0)
        return 0;
    pthread_mutex_lock(&table_lock);
    for (w = b->head; w && n < count; w = next) {
        next = w->next;
        if (w->addr != addr)
            continue;
        table_remove(w);
        w->notified = true;
        n++;
        if (w->is_async) {
            WFAtomicsAgent *ag = w->agent;
            if (ag->sleeping)
                pthread_cond_broadcast(&ag->cond);
            if (ag->wake_func)
                ag->wake_func(ag->rt, ag->wake_opaque);
        } else {
            if (w->agent->sync_waiter == w)
                w->agent->sync_waiter = NULL;
            waiter_mark(w, WAKE_NOTIFIED);     /* last access to w */
            if (nkick < (int)(sizeof(kick) / sizeof(kick[0])))
                kick[nkick++] = &w->wake;
            else
                waiter_kick(&w->wake);
        }
    }
    pthread_mutex_unlock(&table_lock);
    for (i = 0; i < nkick; i++)
        waiter_kick(kick[i]);
    return n;
}

/* ---- waitAsync settlement on the waiting thread ---- */

int weft_atomics_run_async(JSRuntime *rt)
{
    WFAtomicsAgent *ag = rt->atomics_agent;
    Waiter *done = NULL, **pw, *w;
    int64_t t;
    int n = 0, ret = 0;

    if (!ag)
        return 0;
    t = now_ns();
    pthread_mutex_lock(&table_lock);
    pw = &ag->async_list;
    while ((w = *pw) != NULL) {
        if (w->notified || t >= w->deadline) {
            table_remove(w);
            *pw = w->anext;
            ag->async_count--;
            w->anext = done;
            done = w;
        } else {
            pw = &w->anext;
        }
    }
    pthread_mutex_unlock(&table_lock);

    /* oldest first, so that promise jobs follow the order of the events */
    {
        Waiter *rev = NULL;
        while (done) {
            w = done;
            done = w->anext;
            w->anext = rev;
            rev = w;
        }
        done = rev;
    }
    while (done) {
        JSValue s, r;
        w = done;
        done = w->anext;
        s = JS_NewString(w->ctx, w->notified ? "ok" : "timed-out");
        if (JS_IsException(s)) {
            ret = -1;
        } else {
            r = JS_Call(w->ctx, w->resolve, JS_UNDEFINED, 1, (JSValueConst *)&s);
            JS_FreeValue(w->ctx, s);
            if (JS_IsException(r))
                ret = -1;
            JS_FreeValue(w->ctx, r);
        }
        free_async_waiter(rt, w);
        n++;
    }
    return ret < 0 ? -1 : n;
}

int64_t weft_atomics_async_timeout(JSRuntime *rt)
{
    WFAtomicsAgent *ag = rt->atomics_agent;
    int64_t best = INT64_MAX, t;
    Waiter *w;

    if (!ag)
        return -1;
    t = now_ns();
    pthread_mutex_lock(&table_lock);
    if (!ag->async_list) {
        pthread_mutex_unlock(&table_lock);
        return -1;
    }
    for (w = ag->async_list; w; w = w->anext) {
        if (w->notified || w->deadline <= t) {
            best = 0;
            break;
        }
        if (w->deadline < best)
            best = w->deadline;
    }
    pthread_mutex_unlock(&table_lock);
    if (best == 0 || best == INT64_MAX)
        return best;
    /* round up: a timer that fires early finds nothing due */
    return (best - t + 999999) / 1000000;
}

void weft_atomics_async_sleep(JSRuntime *rt, int64_t max_ms)
{
    WFAtomicsAgent *ag = rt->atomics_agent;
    int64_t until = max_ms < 0 ? INT64_MAX : now_ns() + max_ms * 1000000;
    Waiter *w;

    if (!ag)
        return;
    pthread_mutex_lock(&table_lock);
    for (w = ag->async_list; w; w = w->anext) {
        if (w->notified) {
            until = 0;
            break;
        }
        if (w->deadline < until)
            until = w->deadline;
    }
    if (until > now_ns() && !ag->interrupted) {
        ag->sleeping = true;
        agent_sleep(ag, until);
        ag->sleeping = false;
    }
    pthread_mutex_unlock(&table_lock);
}
