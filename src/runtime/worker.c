/*
 * worker.c - os.Worker (QuickJS's worker API, modules 'os' and 'qjs:os')
 * on the message-passing core of channel.c, and the worker factory API
 * (js_std_set_worker_new_runtime_func / _context_func and the weft_std_*
 * variants with a user pointer and a destroy callback).
 *
 * A worker is a thread with its own runtime, context and libuv loop, plus
 * one channel to its parent.  Its runtime and context come from the
 * installed factories.  When an embedder installed factories they run in
 * the PARENT thread, inside `new os.Worker`, so that one returning NULL
 * throws there; with the defaults they run in the worker thread (the
 * constructor then costs little more than pthread_create, and workers
 * start in parallel; a failure reaches onerror).  The thread re-bases the
 * stack limit (JS_UpdateStackTop), loads the module (path resolved against
 * the calling module's directory) and runs its loop.
 *
 * Under module 'os' a handler receives the message value itself; under
 * 'qjs:os' an object { data }.  onerror receives the Error in both.
 *
 * Lifetime.  The worker thread ends when its loop has nothing ref'd left
 * (its module finished; os.Worker.parent.onmessage keeps it alive while
 * the parent's Worker object lives), on std.exit(), or on terminate():
 * that sets a flag read by the worker runtime's interrupt handler (running
 * JavaScript unwinds with the uncatchable "interrupted" error), interrupts
 * an Atomics.wait and wakes the loop, which then stops.  The parent joins
 * the thread when the worker's end of the channel closes, or, at the
 * latest, when the parent's own runtime is torn down (wf_worker_thread_free
 * terminates and joins every child that is still running).
 * In the parent, a Worker object keeps the loop alive while the worker
 * runs and the object has an onmessage or onerror handler (QuickJS only
 * counts onmessage; an onerror alone would otherwise never fire).  A
 * Worker object that is garbage collected tells its worker (MSG_ORPHAN),
 * whose os.Worker.parent.onmessage then no longer keeps it alive.
 *
 * Errors.  An uncaught exception in a worker (module evaluation, a handler,
 * a timer, a promise job) is sent to the parent as name + message + stack;
 * the parent builds an Error of that name and calls worker.onerror with it,
 * or prints it on stderr when there is no handler.  The worker goes on
 * (web-worker style).  A message that cannot be deserialized goes to
 * onmessageerror, or to stderr.  Data messages that arrive before an
 * onmessage handler is set wait for one, on both sides, even after the
 * worker has ended (as in QuickJS).
 *
 * Threads.  Each WfWorker record is shared by the parent thread, the
 * worker thread and the parent's Worker object, and counted (refs).  Its
 * fields are split: the parent's side is touched by the parent thread only,
 * the worker's side by the worker thread only; the shared part is atomic
 * or behind w->lock.  Per-thread bookkeeping (children, os.Worker.parent
 * objects) is a WorkerHost hanging off the runtime's thread state.
 *
 * PROCESS-WIDE STATE: the factories installed by the embedder (behind
 * factory_lock; each new worker copies them), the count of live worker
 * threads (atomic), and the Worker class id (published once by
 * JS_NewClassID's compare-and-swap).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <uv.h>

#include "quickjs.h"
#include "quickjs-libc.h"
#include "weft-libc.h"
#include "engine/list.h"
#include "engine/serialize.h"
#include "engine/atomics_wait.h"
#include "engine/state.h"
#include "runtime/channel.h"
#include "runtime/runtime.h"
#include "runtime/worker.h"

/* Message kinds of this face beyond channel.h's. */
enum {
    MSG_ORPHAN = 16,    /* parent -> worker: the Worker object is gone */
};

enum {
    H_MESSAGE,
    H_ERROR,
    H_MESSAGEERROR,
    H_COUNT,
};

/* ------------------------------------------------------------------ */
/* Factories (process-wide)                                            */

typedef struct Factories {
    JSRuntime *(*rt_new)(void);
    JSContext *(*ctx_new)(JSRuntime *rt);
    WeftWorkerNewRuntimeFunc *rt_new2;
    WeftWorkerFreeRuntimeFunc *rt_free2;
    void *rt_opaque;
    WeftWorkerNewContextFunc *ctx_new2;
    WeftWorkerFreeContextFunc *ctx_free2;
    void *ctx_opaque;
} Factories;

static pthread_mutex_t factory_lock = PTHREAD_MUTEX_INITIALIZER;
static Factories factories;          /* factory_lock */
static atomic_int live_workers;
static JSClassID worker_class_id;   /* set once, atomically */

void js_std_set_worker_new_runtime_func(JSRuntime *(*func)(void))
{
    pthread_mutex_lock(&factory_lock);
    factories.rt_new = func;
    factories.rt_new2 = NULL;
    factories.rt_free2 = NULL;
    factories.rt_opaque = NULL;
    pthread_mutex_unlock(&factory_lock);
}

void js_std_set_worker_new_context_func(JSContext *(*func)(JSRuntime *rt))
{
    pthread_mutex_lock(&factory_lock);
    factories.ctx_new = func;
    factories.ctx_new2 = NULL;
    factories.ctx_free2 = NULL;
    factories.ctx_opaque = NULL;
    pthread_mutex_unlock(&factory_lock);
}

void weft_std_set_worker_runtime_factory(WeftWorkerNewRuntimeFunc *func,
                                         WeftWorkerFreeRuntimeFunc *free_func,
                                         void *opaque)
{
    pthread_mutex_lock(&factory_lock);
    factories.rt_new = NULL;
    factories.rt_new2 = func;
    factories.rt_free2 = free_func;
    factories.rt_opaque = opaque;
    pthread_mutex_unlock(&factory_lock);
}

void weft_std_set_worker_context_factory(WeftWorkerNewContextFunc *func,
                                         WeftWorkerFreeContextFunc *free_func,
                                         void *opaque)
{
    pthread_mutex_lock(&factory_lock);
    factories.ctx_new = NULL;
    factories.ctx_new2 = func;
    factories.ctx_free2 = free_func;
    factories.ctx_opaque = opaque;
    pthread_mutex_unlock(&factory_lock);
}

int wf_worker_live_count(void)
{
    return atomic_load(&live_workers);
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

typedef struct WorkerHost WorkerHost;
typedef struct WorkerObj WorkerObj;

typedef struct WfWorker {
    atomic_int refs;                /* parent's list, parent's object, the thread */
    pthread_mutex_t lock;           /* guards rt for cross-thread interrupts */
    JSRuntime *rt;                  /* the worker's runtime while it exists (lock) */
    atomic_bool terminating;        /* terminate() or parent teardown asked */
    atomic_bool exited;             /* the thread is past its JavaScript */
    pthread_t thread;
    WfEndpoint *parent_ep;          /* parent's end (parent thread) */
    WfEndpoint *child_ep;           /* worker's end (worker thread; anyone may wake it) */
    char *filename;                 /* the module, resolved (malloc) */
    Factories f;                    /* the factories it was made with */

    /* parent thread only */
    struct list_head link;          /* parent host's children */
    WorkerHost *parent_host;        /* NULL once detached at teardown */
    WorkerObj *wo;                  /* the Worker object, NULL once finalized */
    JSValue held;                   /* wo's object while it keeps the loop alive */
    bool refd;                      /* parent_ep keeps the parent's loop alive */
    bool terminated;                /* terminate() was called */
    bool joined;
    WfMsg *deferred, *deferred_tail;/* data waiting for an onmessage handler */

    /* worker thread only */
    JSContext *ctx;
    JSInterruptHandler *prev_ih;    /* the factory's interrupt handler, chained */
    void *prev_ih_opaque;
} WfWorker;

/* Per thread: ts->worker (runtime memory). */
struct WorkerHost {
    JSRuntime *rt;
    WfWorker *self;                 /* this thread's record if it is a worker */
    struct list_head children;      /* WfWorker made by this thread, not yet joined */
    JSValue parent_obj[2];          /* os.Worker.parent per face, or JS_UNDEFINED */
    bool orphaned;                  /* the parent's Worker object is gone */
    bool child_refd;                /* self->child_ep keeps the loop alive */
    bool exiting;                   /* std.exit() was called */
    WfMsg *deferred, *deferred_tail;/* data waiting for a parent.onmessage */
};

/* The JavaScript object: a Worker in the parent, or os.Worker.parent. */
struct WorkerObj {
    WfWorker *w;                    /* Worker: its record (counted); parent object: NULL */
    WorkerHost *host;               /* parent object: its thread's host (NULL after teardown) */
    JSContext *ctx;                 /* realm the handlers run in (not counted) */
    JSValue obj;                    /* this object (not counted) */
    JSValue handlers[H_COUNT];      /* onmessage, onerror, onmessageerror (JS_NULL if none) */
    int face;                       /* 0: 'os' (value), 1: 'qjs:os' ({data}) */
};

static void worker_release(WfWorker *w)
{
    if (atomic_fetch_sub_explicit(&w->refs, 1, memory_order_acq_rel) != 1)
        return;
    pthread_mutex_destroy(&w->lock);
    free(w->filename);
    free(w);
}

static void push_deferred(WfMsg **head, WfMsg **tail, WfMsg *m)
{
    m->next = NULL;
    if (*tail)
        (*tail)->next = m;
    else
        *head = m;
    *tail = m;
}

static WorkerHost *host_get(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    return ts ? ts->worker : NULL;
}

/* The host of ctx's thread, made on first use.  NULL with an exception. */
static WorkerHost *host_ensure(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    WfThreadState *ts = wf_rt_state_ctx(ctx);
    WorkerHost *h;
    if (!ts)
        return NULL;
    if (ts->worker)
        return ts->worker;
    h = js_mallocz_rt(rt, sizeof(*h));
    if (!h) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    h->rt = rt;
    init_list_head(&h->children);
    h->parent_obj[0] = h->parent_obj[1] = JS_UNDEFINED;
    ts->worker = h;
    return h;
}

/* ------------------------------------------------------------------ */
/* Errors crossing the thread boundary                                 */

/* Text of obj[prop] as a malloc'd string, or NULL. */
static char *prop_text(JSContext *ctx, JSValueConst obj, const char *prop)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    const char *s;
    char *r = NULL;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return NULL;
    }
    if (JS_IsUndefined(v) || JS_IsNull(v)) {
        JS_FreeValue(ctx, v);
        return NULL;
    }
    s = JS_ToCString(ctx, v);
    JS_FreeValue(ctx, v);
    if (!s) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return NULL;
    }
    r = strdup(s);
    JS_FreeCString(ctx, s);
    return r;
}

/* An ERROR message: "name\0message\0stack\0". */
static WfMsg *error_msg_new(JSContext *ctx, JSValueConst exc)
{
    char *name = NULL, *message = NULL, *stack = NULL;
    const char *n, *m, *s;
    size_t ln, lm, ls;
    WfMsg *msg;
    if (JS_IsObject(exc)) {
        name = prop_text(ctx, exc, "name");
        message = prop_text(ctx, exc, "message");
        stack = prop_text(ctx, exc, "stack");
    } else {
        const char *t = JS_ToCString(ctx, exc);
        if (t) {
            message = strdup(t);
            JS_FreeCString(ctx, t);
        } else {
            JS_FreeValue(ctx, JS_GetException(ctx));
        }
    }
    n = name ? name : "Error";
    m = message ? message : (JS_IsObject(exc) ? "" : "uncaught exception");
    s = stack ? stack : "";
    ln = strlen(n);
    lm = strlen(m);
    ls = strlen(s);
    msg = wf_msg_new(WF_MSG_ERROR, ln + lm + ls + 3);
    if (msg) {
        memcpy(msg->data, n, ln + 1);
        memcpy(msg->data + ln + 1, m, lm + 1);
        memcpy(msg->data + ln + lm + 2, s, ls + 1);
    }
    free(name);
    free(message);
    free(stack);
    return msg;
}

/* Splits an ERROR message into its three strings (always terminated). */
static void error_msg_parts(WfMsg *msg, const char **name, const char **message,
                            const char **stack)
{
    const char *p = (const char *)msg->data, *end = p + msg->len;
    const char **out[3] = { name, message, stack };
    int i;
    for (i = 0; i < 3; i++) {
        const char *z = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
        if (!z) {
            *out[i] = "";
            p = end;
        } else {
            *out[i] = p;
            p = z + 1;
        }
    }
}

static void print_error_msg(WfMsg *msg, const char *filename)
{
    const char *name, *message, *stack;
    error_msg_parts(msg, &name, &message, &stack);
    fflush(stdout);
    fprintf(stderr, "Uncaught error in worker %s:\n", filename ? filename : "");
    /* V8-style stacks start with "Name: message" already */
    if (strncmp(stack, name, strlen(name)) != 0)
        fprintf(stderr, "%s%s%s\n", name, *message ? ": " : "", message);
    if (*stack)
        fprintf(stderr, "%s%s", stack, stack[strlen(stack) - 1] == '\n' ? "" : "\n");
    fflush(stderr);
}

static bool is_native_error_name(const char *name)
{
    static const char *const names[] = {
        "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError",
        "TypeError", "URIError", "InternalError", "AggregateError",
    };
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

/* The parent's Error for an ERROR message: of the native class when the
   name is one, else an Error with that name; message and stack are the
   worker's. */
static JSValue error_from_msg(JSContext *ctx, WfMsg *msg)
{
    const char *name, *message, *stack;
    JSValue err = JS_UNDEFINED, str;
    const int flags = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE;
    error_msg_parts(msg, &name, &message, &stack);
    if (is_native_error_name(name) && strcmp(name, "AggregateError") != 0) {
        JSValue global = JS_GetGlobalObject(ctx);
        JSValue ctor = JS_GetPropertyStr(ctx, global, name);
        JS_FreeValue(ctx, global);
        if (JS_IsFunction(ctx, ctor)) {
            JSValue arg = JS_NewString(ctx, message);
            if (!JS_IsException(arg)) {
                err = JS_CallConstructor(ctx, ctor, 1, (JSValueConst *)&arg);
                JS_FreeValue(ctx, arg);
            }
        }
        JS_FreeValue(ctx, ctor);
        if (JS_IsException(err)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            err = JS_UNDEFINED;
        }
    }
    if (!JS_IsObject(err)) {
        err = JS_NewError(ctx);
        if (JS_IsException(err))
            return err;
        str = JS_NewString(ctx, message);
        if (JS_IsException(str) ||
            JS_DefinePropertyValueStr(ctx, err, "message", str, flags) < 0)
            goto fail;
        str = JS_NewString(ctx, name);
        if (JS_IsException(str) ||
            JS_DefinePropertyValueStr(ctx, err, "name", str, flags) < 0)
            goto fail;
    }
    str = JS_NewString(ctx, stack);
    if (JS_IsException(str) || JS_DefinePropertyValueStr(ctx, err, "stack", str, flags) < 0)
        goto fail;
    return err;
fail:
    JS_FreeValue(ctx, err);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------------ */
/* Keep-alive                                                          */

static bool has_handler(WorkerObj *wo, int h)
{
    return wo && JS_IsFunction(wo->ctx, wo->handlers[h]);
}

/* Parent side: the Worker object keeps the loop alive (and is kept alive)
   while the worker runs and a handler can still fire.  Call it last: it
   may drop the object, whose finalizer may release w. */
static void parent_update_ref(WfWorker *w)
{
    WorkerObj *wo = w->wo;
    bool want = wo && w->parent_ep && !w->terminated &&
                ((!w->joined && (has_handler(wo, H_MESSAGE) || has_handler(wo, H_ERROR))) ||
                 (w->deferred && has_handler(wo, H_MESSAGE)));
    JSValue drop = JS_UNDEFINED;
    JSRuntime *rt = NULL;
    if (want == w->refd)
        return;
    w->refd = want;
    wf_ep_set_ref(w->parent_ep, want);
    if (want) {
        w->held = JS_DupValue(wo->ctx, wo->obj);
    } else {
        drop = w->held;
        w->held = JS_UNDEFINED;
        rt = w->parent_host ? w->parent_host->rt : NULL;
    }
    if (rt)
        JS_FreeValueRT(rt, drop);
}

/* Worker side: os.Worker.parent keeps the loop alive while one of its
   objects has an onmessage handler and the parent still listens. */
static void child_update_ref(WorkerHost *h)
{
    bool want = false;
    int i;
    if (!h->self)
        return;
    if (!h->orphaned && !h->exiting && !atomic_load(&h->self->terminating)) {
        for (i = 0; i < 2; i++) {
            if (JS_IsObject(h->parent_obj[i])) {
                WorkerObj *wo = JS_GetOpaque(h->parent_obj[i], worker_class_id);
                if (has_handler(wo, H_MESSAGE))
                    want = true;
            }
        }
    }
    if (want != h->child_refd) {
        h->child_refd = want;
        wf_ep_set_ref(h->self->child_ep, want);
    }
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */

/* The argument a handler of face `face` gets for value v (consumed). */
static JSValue handler_arg(JSContext *ctx, int face, JSValue v)
{
    JSValue ev;
    if (face == 0)
        return v;
    ev = JS_NewObject(ctx);
    if (JS_IsException(ev)) {
        JS_FreeValue(ctx, v);
        return ev;
    }
    if (JS_DefinePropertyValueStr(ctx, ev, "data", v, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, ev);
        return JS_EXCEPTION;
    }
    return ev;
}

/* Calls wo's handler h with value v (consumed) as a macrotask.  -1 when
   the loop is stopping. */
static int call_handler(WorkerObj *wo, int h, JSValue v)
{
    JSContext *ctx = wo->ctx;
    JSValue func, arg;
    int r;
    if (h == H_MESSAGE)
        arg = handler_arg(ctx, wo->face, v);
    else
        arg = v;
    if (JS_IsException(arg))
        return wf_rt_report_uncaught(ctx);
    func = JS_DupValue(ctx, wo->handlers[h]);
    r = wf_rt_call(ctx, func, wo->obj, 1, (JSValueConst *)&arg);
    JS_FreeValue(ctx, func);
    JS_FreeValue(ctx, arg);
    return r;
}

/* Reads a data message in ctx.  The value, or JS_EXCEPTION with the
   deserialization error pending. */
static JSValue read_data(JSContext *ctx, WfMsg *msg)
{
    WFMessage *payload = msg->payload;
    msg->payload = NULL;
    if (!payload)
        return JS_UNDEFINED;
    return wf_message_read(ctx, payload);
}

/* A message that could not be read: onmessageerror, else stderr. */
static int message_error(WorkerObj **wos, int n, JSContext *ctx)
{
    JSValue err = JS_GetException(ctx);
    int i, r = 0;
    bool handled = false;
    for (i = 0; i < n && r == 0; i++) {
        if (has_handler(wos[i], H_MESSAGEERROR)) {
            handled = true;
            r = call_handler(wos[i], H_MESSAGEERROR, JS_DupValue(ctx, err));
        }
    }
    if (!handled) {
        fflush(stdout);
        fputs("a message could not be deserialized (no onmessageerror handler):\n", stderr);
        wf_rt_print_error(ctx, err, NULL);
    }
    JS_FreeValue(ctx, err);
    return r;
}

/* Parent side: the worker's end has messages, or closed. */
static void parent_finish(WfWorker *w);

/* How long one wake-up callback may keep taking messages that arrive
   while it spins (wf_ep_spin_take), before it lets the loop run timers
   and I/O again. */
#define SPIN_CALLBACK_MAX_NS 2000000

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Dispatches list (the worker's messages, in order) to w's object.
   false when the loop is stopping. */
static bool parent_dispatch(WfWorker *w, WfMsg *list)
{
    WfMsg *m;
    WorkerObj *wo;
    bool stopping = false;
    /* queue order: what waited for a handler first, then the new ones */
    while (list) {
        m = list;
        list = m->next;
        push_deferred(&w->deferred, &w->deferred_tail, m);
    }
    list = w->deferred;
    w->deferred = w->deferred_tail = NULL;
    while (list) {
        m = list;
        list = m->next;
        m->next = NULL;
        wo = w->wo;
        if (stopping || w->terminated) {
            wf_msg_free(m);
            continue;
        }
        if (m->kind == WF_MSG_ERROR) {
            if (wo && has_handler(wo, H_ERROR)) {
                JSValue err = error_from_msg(wo->ctx, m);
                if (JS_IsException(err))
                    stopping = wf_rt_report_uncaught(wo->ctx) < 0;
                else
                    stopping = call_handler(wo, H_ERROR, err) < 0;
            } else {
                print_error_msg(m, w->filename);
            }
            wf_msg_free(m);
        } else if (m->kind == WF_MSG_DATA) {
            if (!wo) {
                wf_msg_free(m);
            } else if (!has_handler(wo, H_MESSAGE)) {
                push_deferred(&w->deferred, &w->deferred_tail, m);
            } else {
                JSValue v = read_data(wo->ctx, m);
                wf_msg_free(m);
                if (JS_IsException(v))
                    stopping = message_error(&wo, 1, wo->ctx) < 0;
                else
                    stopping = call_handler(wo, H_MESSAGE, v) < 0;
            }
        } else {
            wf_msg_free(m);
        }
    }
    return !stopping;
}

static void parent_wake(WfEndpoint *ep, void *opaque)
{
    WfWorker *w = opaque;
    WorkerObj *wo = w->wo;
    JSValue self = JS_UNDEFINED;
    JSContext *sctx = NULL;
    int64_t t0 = 0;
    bool closed, first = true;
    WfMsg *list;

    if (wo) {
        sctx = wo->ctx;
        self = JS_DupValue(sctx, wo->obj);  /* handlers may drop it */
    }
    for (;;) {
        /* Whether the worker's end is closed, read BEFORE taking: every
           message it posted before closing is then in this take. */
        closed = wf_ep_is_closed(ep);
        if (first || closed) {
            list = wf_ep_take(ep);
        } else {
            /* a conversation goes on: wait a little for the answer */
            if (w->terminated || !w->wo || !has_handler(w->wo, H_MESSAGE) ||
                mono_ns() - t0 > SPIN_CALLBACK_MAX_NS)
                break;
            list = wf_ep_spin_take(ep);
            if (!list) {
                if (!wf_ep_is_closed(ep))
                    break;
                continue;       /* closed meanwhile: take what came before */
            }
        }
        if (first)
            t0 = mono_ns();
        first = false;
        if (!parent_dispatch(w, list))
            break;
        if (closed)
            break;
    }
    if (closed)
        parent_finish(w);       /* may drop the held object */
    if (sctx)
        JS_FreeValue(sctx, self);   /* may finalize the object and free w */
}

/* The worker's thread ended (its end closed): join it and let go of the
   channel.  Parent thread.  w stays valid: the caller's Worker object or
   the host list still counts it until the end of this function. */
static void parent_finish(WfWorker *w)
{
    WfMsg *m;
    if (!w->joined) {
        pthread_join(w->thread, NULL);
        w->joined = true;
    }
    if (w->deferred && w->wo && !w->terminated) {
        /* the worker is gone but what it said before ending still waits
           for an onmessage handler (as in QuickJS): keep the endpoint
           until it is delivered or the object goes */
        parent_update_ref(w);
        return;
    }
    while ((m = w->deferred)) {
        w->deferred = m->next;
        wf_msg_free(m);
    }
    w->deferred_tail = NULL;
    parent_update_ref(w);
    if (w->parent_ep) {
        wf_ep_unbind(w->parent_ep);
        wf_ep_release(w->parent_ep);
        w->parent_ep = NULL;
    }
    if (w->parent_host) {
        w->parent_host = NULL;
        list_del(&w->link);
        worker_release(w);      /* the list's count; the object's remains or w dies here */
    }
}

/* Worker side: dispatches list (then what waited for a handler) to the
   os.Worker.parent objects.  false when the loop is stopping. */
static bool child_dispatch(WorkerHost *h, WfMsg *list)
{
    WfWorker *w = h->self;
    WfMsg *m;
    WorkerObj *wos[2];
    JSValue keep[2];
    int n, i;
    bool stopping = false;

    while (list) {
        m = list;
        list = m->next;
        push_deferred(&h->deferred, &h->deferred_tail, m);
    }
    list = h->deferred;
    h->deferred = h->deferred_tail = NULL;
    while (list) {
        m = list;
        list = m->next;
        m->next = NULL;
        if (stopping || atomic_load(&w->terminating) || h->exiting) {
            wf_msg_free(m);
            continue;
        }
        if (m->kind == MSG_ORPHAN) {
            h->orphaned = true;
            wf_msg_free(m);
            continue;
        }
        if (m->kind != WF_MSG_DATA) {
            wf_msg_free(m);
            continue;
        }
        n = 0;
        for (i = 0; i < 2; i++) {
            if (JS_IsObject(h->parent_obj[i])) {
                WorkerObj *wo = JS_GetOpaque(h->parent_obj[i], worker_class_id);
                if (has_handler(wo, H_MESSAGE) || has_handler(wo, H_MESSAGEERROR)) {
                    keep[n] = JS_DupValue(wo->ctx, h->parent_obj[i]);
                    wos[n++] = wo;
                }
            }
        }
        if (n == 0 || !(has_handler(wos[0], H_MESSAGE) ||
                        (n > 1 && has_handler(wos[1], H_MESSAGE)))) {
            for (i = 0; i < n; i++)
                JS_FreeValue(wos[i]->ctx, keep[i]);
            push_deferred(&h->deferred, &h->deferred_tail, m);
            continue;
        }
        {
            JSContext *ctx = wos[0]->ctx;
            JSValue v = read_data(ctx, m);
            wf_msg_free(m);
            if (JS_IsException(v)) {
                stopping = message_error(wos, n, ctx) < 0;
            } else {
                for (i = 0; i < n && !stopping; i++) {
                    if (has_handler(wos[i], H_MESSAGE))
                        stopping = call_handler(wos[i], H_MESSAGE, JS_DupValue(ctx, v)) < 0;
                }
                JS_FreeValue(ctx, v);
            }
        }
        for (i = 0; i < n; i++)
            JS_FreeValue(wos[i]->ctx, keep[i]);
    }
    return !stopping;
}

static bool child_listening(WorkerHost *h)
{
    int i;
    for (i = 0; i < 2; i++) {
        if (JS_IsObject(h->parent_obj[i]) &&
            has_handler(JS_GetOpaque(h->parent_obj[i], worker_class_id), H_MESSAGE))
            return true;
    }
    return false;
}

/* Worker side: messages from the parent, a close, or a terminate request. */
static void child_wake(WfEndpoint *ep, void *opaque)
{
    WorkerHost *h = opaque;
    WfWorker *w = h->self;
    bool closed = false, first = true;
    int64_t t0 = 0;
    WfMsg *list;

    for (;;) {
        if (atomic_load(&w->terminating)) {
            wf_msg_free_list(wf_ep_take(ep));
            wf_rt_stop(h->rt);
            return;
        }
        closed = wf_ep_is_closed(ep);
        if (first) {
            list = wf_ep_take(ep);
            t0 = mono_ns();
            first = false;
        } else {
            if (closed || h->orphaned || h->exiting || !child_listening(h) ||
                mono_ns() - t0 > SPIN_CALLBACK_MAX_NS)
                break;
            list = wf_ep_spin_take(ep);
            if (!list)
                break;
        }
        if (!child_dispatch(h, list))
            break;
    }
    if (closed)
        h->orphaned = true;
    child_update_ref(h);
}

/* ------------------------------------------------------------------ */
/* The worker thread                                                   */

static int worker_interrupt(JSRuntime *rt, void *opaque)
{
    WfWorker *w = opaque;
    if (atomic_load_explicit(&w->terminating, memory_order_relaxed))
        return 1;
    return w->prev_ih ? w->prev_ih(rt, w->prev_ih_opaque) : 0;
}

/* ts->on_uncaught of a worker thread: the error goes to the parent. */
static int worker_uncaught(JSContext *ctx, JSValueConst exc, void *opaque)
{
    WorkerHost *h = opaque;
    WfWorker *w = h->self;
    WfMsg *msg;
    if (atomic_load(&w->terminating) || h->exiting)
        return -1;      /* unwinding: nothing to report */
    msg = error_msg_new(ctx, exc);
    if (!msg || h->orphaned || wf_ep_post(w->child_ep, msg) < 0) {
        /* nobody listens (or out of memory): print it here */
        wf_rt_print_error(ctx, exc, "Uncaught (in worker) ");
    }
    return 0;
}

/* ts->on_exit: std.exit() ends this worker only. */
static void worker_exit(JSContext *ctx, int code, void *opaque)
{
    WorkerHost *h = opaque;
    (void)code;
    h->exiting = true;
    wf_rt_stop(JS_GetRuntime(ctx));
    child_update_ref(h);
}

static int worker_make_runtime(WfWorker *w, char *err, size_t errlen);

/* The worker thread could not make its runtime: tell the parent, end. */
static void *worker_failed(WfWorker *w, const char *why)
{
    size_t n = strlen(why);
    WfMsg *msg = wf_msg_new(WF_MSG_ERROR, n + 8);
    if (msg) {
        memcpy(msg->data, "Error", 6);
        memcpy(msg->data + 6, why, n + 1);
        msg->data[n + 7] = 0;
        wf_ep_post(w->child_ep, msg);
    }
    atomic_store(&w->exited, true);
    atomic_fetch_sub(&live_workers, 1);
    wf_ep_close(w->child_ep);
    wf_ep_release(w->child_ep);
    worker_release(w);
    return NULL;
}

static void *worker_main(void *arg)
{
    WfWorker *w = arg;
    JSRuntime *rt;
    JSContext *ctx;
    WorkerHost *h;
    JSValue v;

    if (!w->ctx) {
        char err[256];
        if (worker_make_runtime(w, err, sizeof err) < 0)
            return worker_failed(w, err);
    }
    rt = w->rt;
    ctx = w->ctx;
    h = host_get(rt);
    JS_UpdateStackTop(rt);
    if (wf_ep_bind(w->child_ep, wf_rt_loop(ctx), child_wake, h) < 0) {
        fputs("worker: cannot bind its channel to the loop\n", stderr);
        goto done;
    }
    if (atomic_load(&w->terminating))
        goto done;
    v = JS_LoadModule(ctx, "", w->filename);
    if (JS_IsPromise(v) && JS_PromiseState(ctx, v) == JS_PROMISE_REJECTED) {
        /* thrown during the synchronous part of the evaluation: report it
           once, here, not again as an unhandled rejection */
        JSValue reason = JS_PromiseResult(ctx, v);
        js_std_promise_rejection_tracker(ctx, v, reason, true, NULL);
        JS_FreeValue(ctx, v);
        v = JS_Throw(ctx, reason);
    }
    /* a top-level await that rejects later is reported by the loop as an
       unhandled rejection */
    if (JS_IsException(v)) {
        if (!atomic_load(&w->terminating) && !h->exiting)
            wf_rt_report_uncaught(ctx);
        else
            JS_FreeValue(ctx, JS_GetException(ctx));
    }
    JS_FreeValue(ctx, v);
    if (!atomic_load(&w->terminating) && !h->exiting) {
        if (js_std_loop(ctx) < 0)
            JS_FreeValue(ctx, JS_GetException(ctx));
    }
done:
    wf_worker_thread_free(rt);
    if (w->f.ctx_free2)
        w->f.ctx_free2(ctx, w->f.ctx_opaque);
    JS_FreeContext(ctx);
    js_std_free_handlers(rt);
    if (w->f.rt_free2)
        w->f.rt_free2(rt, w->f.rt_opaque);
    pthread_mutex_lock(&w->lock);
    w->rt = NULL;
    pthread_mutex_unlock(&w->lock);
    JS_FreeRuntime(rt);
    atomic_store(&w->exited, true);
    atomic_fetch_sub(&live_workers, 1);
    wf_ep_close(w->child_ep);
    wf_ep_release(w->child_ep);
    worker_release(w);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Teardown of a thread's worker bookkeeping                           */

static void request_terminate(WfWorker *w)
{
    atomic_store(&w->terminating, true);
    pthread_mutex_lock(&w->lock);
    if (w->rt)
        wf_atomics_interrupt(w->rt);
    pthread_mutex_unlock(&w->lock);
    wf_ep_wake(w->child_ep);
}

void wf_worker_thread_free(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    WorkerHost *h = ts ? ts->worker : NULL;
    struct list_head *el, *next;
    WfMsg *m;
    int i;
    if (!h)
        return;
    /* children: ask them all first, then join them all */
    list_for_each(el, &h->children) {
        WfWorker *w = list_entry(el, WfWorker, link);
        if (!w->joined)
            request_terminate(w);
    }
    list_for_each_safe(el, next, &h->children) {
        WfWorker *w = list_entry(el, WfWorker, link);
        JSValue drop = w->held;
        if (!w->joined) {
            pthread_join(w->thread, NULL);
            w->joined = true;
        }
        w->held = JS_UNDEFINED;
        w->refd = false;
        while ((m = w->deferred)) {
            w->deferred = m->next;
            wf_msg_free(m);
        }
        w->deferred_tail = NULL;
        if (w->parent_ep) {
            wf_ep_unbind(w->parent_ep);
            wf_ep_release(w->parent_ep);
            w->parent_ep = NULL;
        }
        list_del(&w->link);
        w->parent_host = NULL;
        worker_release(w);      /* the list's count; the object still has one */
        JS_FreeValueRT(rt, drop);
    }
    /* this thread's side of its own channel */
    for (i = 0; i < 2; i++) {
        JSValue po = h->parent_obj[i];
        h->parent_obj[i] = JS_UNDEFINED;
        if (JS_IsObject(po)) {
            WorkerObj *wo = JS_GetOpaque(po, worker_class_id);
            if (wo)
                wo->host = NULL;
            JS_FreeValueRT(rt, po);
        }
    }
    while ((m = h->deferred)) {
        h->deferred = m->next;
        wf_msg_free(m);
    }
    if (h->self && h->self->child_ep)
        wf_ep_unbind(h->self->child_ep);
    ts->worker = NULL;
    ts->on_uncaught = NULL;
    ts->on_exit = NULL;
    js_free_rt(rt, h);
}

/* ------------------------------------------------------------------ */
/* The class                                                           */

static void worker_finalizer(JSRuntime *rt, JSValueConst val)
{
    WorkerObj *wo = JS_GetOpaque(val, worker_class_id);
    WfWorker *w;
    int i;
    if (!wo)
        return;
    for (i = 0; i < H_COUNT; i++)
        JS_FreeValueRT(rt, wo->handlers[i]);
    w = wo->w;
    if (w) {
        w->wo = NULL;
        if (w->parent_ep && !w->joined && !w->terminated) {
            /* nobody can send to the worker or hear from it any more */
            WfMsg *m = wf_msg_new(MSG_ORPHAN, 0);
            if (m)
                wf_ep_post(w->parent_ep, m);
        } else if (w->parent_ep && w->joined) {
            /* an ended worker kept only for its undelivered messages */
            WfMsg *m;
            while ((m = w->deferred)) {
                w->deferred = m->next;
                wf_msg_free(m);
            }
            w->deferred_tail = NULL;
            wf_ep_unbind(w->parent_ep);
            wf_ep_release(w->parent_ep);
            w->parent_ep = NULL;
            if (w->parent_host) {
                w->parent_host = NULL;
                list_del(&w->link);
                worker_release(w);
            }
        }
        worker_release(w);
    }
    js_free_rt(rt, wo);
}

static void worker_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WorkerObj *wo = JS_GetOpaque(val, worker_class_id);
    int i;
    if (!wo)
        return;
    for (i = 0; i < H_COUNT; i++)
        JS_MarkValue(rt, wo->handlers[i], mark_func);
}

static const JSClassDef worker_class = {
    .class_name = "Worker",
    .finalizer = worker_finalizer,
    .gc_mark = worker_mark,
};

static int ensure_class(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JS_NewClassID(rt, &worker_class_id);
    if (!JS_IsRegisteredClass(rt, worker_class_id) &&
        JS_NewClass(rt, worker_class_id, &worker_class) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
}

static WorkerObj *worker_obj_new(JSContext *ctx, JSValue obj, int face)
{
    WorkerObj *wo = js_mallocz(ctx, sizeof(*wo));
    int i;
    if (!wo)
        return NULL;
    wo->ctx = ctx;
    wo->obj = obj;
    wo->face = face;
    for (i = 0; i < H_COUNT; i++)
        wo->handlers[i] = JS_NULL;
    JS_SetOpaque(obj, wo);
    return wo;
}

/* Resolves the worker path against the directory of the calling module
   (or script).  A malloc'd path that starts with "/", "./" or "../". */
static char *resolve_path(JSContext *ctx, const char *path)
{
    JSAtom caller = JS_GetScriptOrModuleName(ctx, 0);
    const char *base = NULL, *slash;
    size_t dirlen = 0, plen = strlen(path);
    char *r;
    if (!strncmp(path, "file://", 7)) {
        path += 7;
        plen -= 7;
    }
    if (path[0] != '/' && caller != JS_ATOM_NULL) {
        base = JS_AtomToCString(ctx, caller);
        if (base && !strncmp(base, "file://", 7))
            slash = strrchr(base + 7, '/');
        else
            slash = base ? strrchr(base, '/') : NULL;
        if (slash)
            dirlen = (size_t)(slash - base) + 1;
    }
    if (caller != JS_ATOM_NULL)
        JS_FreeAtom(ctx, caller);
    r = malloc(dirlen + plen + 3);
    if (r) {
        size_t off = 0;
        const char *dir = base;
        if (dir && dirlen && !strncmp(dir, "file://", 7)) {
            dir += 7;
            dirlen -= 7;
        }
        if (path[0] != '/' && !(dirlen && dir[0] == '/')) {
            /* relative to the working directory: make it look relative */
            bool dotted = dirlen ? (dir[0] == '.' && (dir[1] == '/' || (dir[1] == '.' && dir[2] == '/')))
                                 : (path[0] == '.' && (path[1] == '/' || (path[1] == '.' && path[2] == '/')));
            if (!dotted) {
                memcpy(r, "./", 2);
                off = 2;
            }
        }
        if (path[0] != '/' && dirlen) {
            memcpy(r + off, dir, dirlen);
            off += dirlen;
        }
        memcpy(r + off, path, plen + 1);
    }
    if (base)
        JS_FreeCString(ctx, base);
    return r;
}

/* Makes w's runtime and context with its factories and hooks them up
   (thread state, error and exit hooks, interrupt handler).  Runs in the
   parent when an embedder installed factories (so that a NULL result
   throws in `new os.Worker`), else in the worker thread, which keeps the
   constructor cheap and lets several workers start in parallel.  0, or -1
   with a description in err and nothing left allocated. */
static int worker_make_runtime(WfWorker *w, char *err, size_t errlen)
{
    JSRuntime *rt2 = NULL;
    JSContext *ctx2 = NULL;
    WfThreadState *ts2;
    WorkerHost *h2;

    if (w->f.rt_new2)
        rt2 = w->f.rt_new2(w->f.rt_opaque);
    else if (w->f.rt_new)
        rt2 = w->f.rt_new();
    else
        rt2 = JS_NewRuntime();
    if (!rt2) {
        snprintf(err, errlen, "Worker: the runtime factory failed");
        return -1;
    }
    if (wf_rt_init_runtime(rt2) < 0) {
        snprintf(err, errlen, "Worker: out of memory");
        goto fail;
    }
    if (w->f.ctx_new2)
        ctx2 = w->f.ctx_new2(rt2, w->f.ctx_opaque);
    else if (w->f.ctx_new)
        ctx2 = w->f.ctx_new(rt2);
    else
        ctx2 = JS_NewContext(rt2);
    if (!ctx2) {
        snprintf(err, errlen, "Worker: the context factory failed");
        goto fail;
    }
    if (wf_rt_init_context(ctx2, -1, NULL) < 0 || !(h2 = host_ensure(ctx2))) {
        JSValue e = JS_GetException(ctx2);
        const char *s = JS_ToCString(ctx2, e);
        snprintf(err, errlen, "Worker: cannot set up the context: %s", s ? s : "failed");
        if (s)
            JS_FreeCString(ctx2, s);
        else
            JS_FreeValue(ctx2, JS_GetException(ctx2));
        JS_FreeValue(ctx2, e);
        goto fail;
    }
    h2->self = w;
    ts2 = wf_rt_state(rt2);
    ts2->on_uncaught = worker_uncaught;
    ts2->on_uncaught_opaque = h2;
    ts2->on_exit = worker_exit;
    ts2->on_exit_opaque = h2;
    w->prev_ih = rt2->interrupt_handler;
    w->prev_ih_opaque = rt2->interrupt_opaque;
    JS_SetInterruptHandler(rt2, worker_interrupt, w);
    w->ctx = ctx2;
    pthread_mutex_lock(&w->lock);
    w->rt = rt2;
    pthread_mutex_unlock(&w->lock);
    return 0;

fail:
    if (ctx2) {
        wf_worker_thread_free(rt2);
        if (w->f.ctx_free2)
            w->f.ctx_free2(ctx2, w->f.ctx_opaque);
        JS_FreeContext(ctx2);
    }
    js_std_free_handlers(rt2);
    if (w->f.rt_free2)
        w->f.rt_free2(rt2, w->f.rt_opaque);
    JS_FreeRuntime(rt2);
    return -1;
}

static JSValue js_worker_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv, int face)
{
    WorkerHost *host;
    WfWorker *w = NULL;
    JSValue obj = JS_UNDEFINED, proto;
    WorkerObj *wo;
    const char *path;
    char *filename;
    char err[256];
    pthread_attr_t attr;
    bool custom;
    int r;

    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Worker constructor requires 'new'");
    if (argc < 1 || !JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "Worker: the module name must be a string");
    host = host_ensure(ctx);
    if (!host)
        return JS_EXCEPTION;
    path = JS_ToCString(ctx, argv[0]);
    if (!path)
        return JS_EXCEPTION;
    filename = resolve_path(ctx, path);
    JS_FreeCString(ctx, path);
    if (!filename)
        return JS_ThrowOutOfMemory(ctx);
    {
        struct stat st;
        int e = stat(filename, &st) != 0 ? -errno
              : !S_ISREG(st.st_mode) ? -EISDIR
              : access(filename, R_OK) != 0 ? -errno : 0;
        if (e < 0) {
            JSValue ex = wf_rt_throw_errno(ctx, e, filename);
            free(filename);
            return ex;
        }
    }

    w = calloc(1, sizeof(*w));
    if (!w) {
        free(filename);
        return JS_ThrowOutOfMemory(ctx);
    }
    w->filename = filename;
    pthread_mutex_init(&w->lock, NULL);
    atomic_init(&w->refs, 1);       /* ours until it is handed out */
    w->held = JS_UNDEFINED;
    pthread_mutex_lock(&factory_lock);
    w->f = factories;
    pthread_mutex_unlock(&factory_lock);
    if (wf_chan_new(&w->parent_ep, &w->child_ep) < 0) {
        w->parent_ep = w->child_ep = NULL;
        JS_ThrowOutOfMemory(ctx);
        goto fail;
    }

    /* an embedder's factories run here, so that their failure throws */
    custom = w->f.rt_new || w->f.rt_new2 || w->f.ctx_new || w->f.ctx_new2;
    if (custom && worker_make_runtime(w, err, sizeof err) < 0) {
        JS_ThrowInternalError(ctx, "%s", err);
        goto fail;
    }

    /* the object */
    if (ensure_class(ctx) < 0)
        goto fail;
    proto = JS_GetPropertyStr(ctx, new_target, "prototype");
    if (JS_IsException(proto))
        goto fail;
    obj = JS_NewObjectProtoClass(ctx, proto, worker_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        goto fail;
    wo = worker_obj_new(ctx, obj, face);
    if (!wo)
        goto fail;
    r = wf_ep_bind(w->parent_ep, wf_rt_loop(ctx), parent_wake, w);
    if (r < 0) {
        wf_rt_throw_errno(ctx, r, "Worker");
        goto fail;
    }

    /* the thread (default stack: the engine's limit is well inside it) */
    atomic_fetch_add(&live_workers, 1);
    atomic_store(&w->refs, 3);      /* the thread, the object, the host list */
    pthread_attr_init(&attr);
    r = pthread_create(&w->thread, &attr, worker_main, w);
    pthread_attr_destroy(&attr);
    if (r != 0) {
        atomic_fetch_sub(&live_workers, 1);
        atomic_store(&w->refs, 1);
        wf_ep_unbind(w->parent_ep);
        JS_ThrowInternalError(ctx, "Worker: cannot start a thread (%s)", strerror(r));
        goto fail;
    }
    wo->w = w;
    w->wo = wo;
    w->parent_host = host;
    list_add_tail(&w->link, &host->children);
    return obj;

fail:
    /* nothing ran in the worker yet: undo in this thread */
    if (JS_IsObject(obj)) {
        WorkerObj *o = JS_GetOpaque(obj, worker_class_id);
        if (o)
            o->w = NULL;
        JS_FreeValue(ctx, obj);
    }
    if (w->rt) {
        JSRuntime *rt2 = w->rt;
        wf_worker_thread_free(rt2);
        if (w->f.ctx_free2)
            w->f.ctx_free2(w->ctx, w->f.ctx_opaque);
        JS_FreeContext(w->ctx);
        js_std_free_handlers(rt2);
        if (w->f.rt_free2)
            w->f.rt_free2(rt2, w->f.rt_opaque);
        JS_FreeRuntime(rt2);
    }
    if (w->parent_ep) {
        wf_ep_release(w->parent_ep);
        wf_ep_release(w->child_ep);
    }
    worker_release(w);
    return JS_EXCEPTION;
}

static WorkerObj *this_worker(JSContext *ctx, JSValueConst this_val)
{
    return JS_GetOpaque2(ctx, this_val, worker_class_id);
}

/* postMessage(value[, transfer]) where transfer is an iterable or an
   options object { transfer }. */
static JSValue js_worker_post(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    WorkerObj *wo = this_worker(ctx, this_val);
    WfEndpoint *ep;
    WFMessage *payload;
    JSValue transfer = JS_UNDEFINED;
    WfMsg *msg;
    bool to_parent;
    if (!wo)
        return JS_EXCEPTION;
    to_parent = wo->w == NULL;
    if (to_parent) {
        if (!wo->host || !wo->host->self)
            return JS_ThrowTypeError(ctx, "postMessage: the worker is ending");
        ep = wo->host->self->child_ep;
    } else {
        WfWorker *w = wo->w;
        if (w->terminated)
            return JS_ThrowTypeError(ctx, "postMessage: the worker was terminated");
        if (!w->parent_ep || w->joined || atomic_load(&w->exited))
            return JS_ThrowTypeError(ctx, "postMessage: the worker has exited");
        ep = w->parent_ep;
    }
    if (argc > 1 && JS_IsObject(argv[1]) && !JS_IsArray(ctx, argv[1])) {
        JSValue t = JS_GetPropertyStr(ctx, argv[1], "transfer");
        if (JS_IsException(t))
            return t;
        if (JS_IsUndefined(t))
            transfer = JS_DupValue(ctx, argv[1]);   /* another iterable */
        else
            transfer = t;
    } else if (argc > 1 && !JS_IsNull(argv[1])) {
        transfer = JS_DupValue(ctx, argv[1]);
    }
    payload = wf_message_write(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, transfer, 0, NULL);
    JS_FreeValue(ctx, transfer);
    if (!payload)
        return JS_EXCEPTION;
    msg = wf_msg_new(WF_MSG_DATA, 0);
    if (!msg) {
        wf_message_free(payload);
        return JS_ThrowOutOfMemory(ctx);
    }
    msg->payload = payload;
    msg->payload_free = (void (*)(void *))wf_message_free;
    wf_ep_spin_reset(ep);       /* an answer may come soon: worth a spin */
    if (wf_ep_post(ep, msg) < 0 && !to_parent)
        return JS_ThrowTypeError(ctx, "postMessage: the worker has exited");
    return JS_UNDEFINED;
}

/* terminate(): Weft's extension.  Ends the worker as soon as possible;
   no message or error of it is delivered afterwards. */
static JSValue js_worker_terminate(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    WorkerObj *wo = this_worker(ctx, this_val);
    WfWorker *w;
    WfMsg *m;
    (void)argc;
    (void)argv;
    if (!wo)
        return JS_EXCEPTION;
    w = wo->w;
    if (!w)
        return JS_ThrowTypeError(ctx, "terminate: not a Worker made by new os.Worker");
    if (w->terminated || w->joined)
        return JS_UNDEFINED;
    w->terminated = true;
    request_terminate(w);
    while ((m = w->deferred)) {
        w->deferred = m->next;
        wf_msg_free(m);
    }
    w->deferred_tail = NULL;
    parent_update_ref(w);
    return JS_UNDEFINED;
}

static JSValue js_worker_get_handler(JSContext *ctx, JSValueConst this_val, int magic)
{
    WorkerObj *wo = this_worker(ctx, this_val);
    if (!wo)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, wo->handlers[magic]);
}

static JSValue js_worker_set_handler(JSContext *ctx, JSValueConst this_val,
                                     JSValueConst val, int magic)
{
    WorkerObj *wo = this_worker(ctx, this_val);
    JSValue old;
    if (!wo)
        return JS_EXCEPTION;
    old = wo->handlers[magic];
    wo->handlers[magic] = JS_IsFunction(ctx, val) ? JS_DupValue(ctx, val) : JS_NULL;
    JS_FreeValue(ctx, old);
    if (wo->w) {
        WfWorker *w = wo->w;
        if (magic == H_MESSAGE && w->deferred && w->parent_ep && has_handler(wo, H_MESSAGE))
            wf_ep_wake(w->parent_ep);
        parent_update_ref(w);
    } else if (wo->host && wo->host->self) {
        WorkerHost *h = wo->host;
        if (magic == H_MESSAGE && has_handler(wo, H_MESSAGE))
            wf_ep_wake(h->self->child_ep);      /* deliver what waited */
        child_update_ref(h);
    }
    return JS_UNDEFINED;
}

/* os.Worker.parent: in a worker, the object to talk to the parent (one per
   face); undefined in the main thread. */
static JSValue js_worker_get_parent(JSContext *ctx, JSValueConst this_val, int face)
{
    WorkerHost *h = host_get(JS_GetRuntime(ctx));
    JSValue obj, proto;
    WorkerObj *wo;
    if (!h || !h->self)
        return JS_UNDEFINED;
    if (JS_IsObject(h->parent_obj[face]))
        return JS_DupValue(ctx, h->parent_obj[face]);
    if (ensure_class(ctx) < 0)
        return JS_EXCEPTION;
    proto = JS_GetPropertyStr(ctx, this_val, "prototype");
    if (JS_IsException(proto))
        return proto;
    obj = JS_NewObjectProtoClass(ctx, proto, worker_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    wo = worker_obj_new(ctx, obj, face);
    if (!wo) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    wo->host = h;
    h->parent_obj[face] = JS_DupValue(ctx, obj);
    return obj;
}

static const JSCFunctionListEntry worker_proto_funcs[] = {
    JS_CFUNC_DEF("postMessage", 1, js_worker_post),
    JS_CFUNC_DEF("terminate", 0, js_worker_terminate),
    JS_CGETSET_MAGIC_DEF("onmessage", js_worker_get_handler, js_worker_set_handler, H_MESSAGE),
    JS_CGETSET_MAGIC_DEF("onerror", js_worker_get_handler, js_worker_set_handler, H_ERROR),
    JS_CGETSET_MAGIC_DEF("onmessageerror", js_worker_get_handler, js_worker_set_handler,
                         H_MESSAGEERROR),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Worker", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry worker_static_funcs[2][1] = {
    { JS_CGETSET_MAGIC_DEF("parent", js_worker_get_parent, NULL, 0) },
    { JS_CGETSET_MAGIC_DEF("parent", js_worker_get_parent, NULL, 1) },
};

JSValue wf_worker_ctor(JSContext *ctx, int qjs_face)
{
    JSValue proto, ctor;
    JSCFunctionType ft;
    int face = qjs_face ? 1 : 0;
    if (ensure_class(ctx) < 0)
        return JS_EXCEPTION;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return proto;
    if (JS_SetPropertyFunctionList(ctx, proto, worker_proto_funcs,
                                   (int)(sizeof(worker_proto_funcs) / sizeof(worker_proto_funcs[0]))) < 0)
        goto fail;
    ft.constructor_magic = js_worker_constructor;
    ctor = JS_NewCFunction2(ctx, ft.generic, "Worker", 1, JS_CFUNC_constructor_magic, face);
    if (JS_IsException(ctor))
        goto fail;
    if (JS_SetConstructor(ctx, ctor, proto) < 0 ||
        JS_SetPropertyFunctionList(ctx, ctor, worker_static_funcs[face], 1) < 0) {
        JS_FreeValue(ctx, ctor);
        goto fail;
    }
    JS_FreeValue(ctx, proto);
    return ctor;
fail:
    JS_FreeValue(ctx, proto);
    return JS_EXCEPTION;
}
