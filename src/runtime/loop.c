/*
 * loop.c - the event loop of one thread: a libuv loop per JSRuntime, with
 * timers (setTimeout/setInterval, os.setTimeout...), fd read/write
 * handlers (os.setReadHandler/setWriteHandler), signal handlers
 * (os.signal), the job queue drained after every macrotask, unhandled
 * promise rejections, and the quickjs-libc loop API (js_std_init_handlers,
 * js_std_free_handlers, js_std_loop, js_std_loop_once, js_std_await,
 * js_std_promise_rejection_tracker).
 *
 * The per-thread state (runtime.h) hangs off the runtime's host slot, so
 * the embedder's JS_SetRuntimeOpaque stays free.  Everything here runs in
 * the runtime's own thread, except uv_async_send on `wake`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs-libc.h"
#include "weft.h"
#include "runtime/runtime.h"
#include "engine/state.h"
#include "runtime/worker.h"

/* ---------------------------------------------------------------- state */

WfThreadState *wf_rt_state(JSRuntime *rt)
{
    return rt ? (WfThreadState *)rt->host_state : NULL;
}

WfThreadState *wf_rt_state_ctx(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    if (!ts)
        JS_ThrowInternalError(ctx, "no event loop: js_std_init_handlers() was not called");
    return ts;
}

uv_loop_t *wf_rt_loop(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    return ts ? &ts->loop : NULL;
}

/* ---------------------------------------------------------------- Atomics.waitAsync */

/* A context of rt to report errors in (the first one created). */
static JSContext *any_context(JSRuntime *rt)
{
    if (list_empty(&rt->context_list))
        return NULL;
    return list_entry(rt->context_list.next, JSContext, link);
}

/* Called by a notifying thread (waiter-table mutex held): wake our loop. */
static void atomics_wake(JSRuntime *rt, void *opaque)
{
    WfThreadState *ts = opaque;
    (void)rt;
    uv_async_send(&ts->wake);
}

static void atomics_run(WfThreadState *ts)
{
    JSContext *ctx = any_context(ts->rt);
    if (!ctx || ts->has_error)
        return;
    ctx = JS_DupContext(ctx);
    if (weft_atomics_run_async(ts->rt) < 0)
        wf_rt_report_uncaught(ctx);
    wf_rt_run_jobs(ctx);        /* re-arms the timer */
    JS_FreeContext(ctx);
}

static void atomics_timer_cb(uv_timer_t *h)
{
    WfThreadState *ts = h->data;
    ts->atomics_armed = false;
    atomics_run(ts);
}

/* Keeps the loop alive (and wakes it at the next deadline) while this
   runtime has Atomics.waitAsync waiters. */
static void atomics_arm(WfThreadState *ts)
{
    int64_t t = weft_atomics_async_timeout(ts->rt);
    if (ts->closing)
        return;
    if (t < 0) {
        if (ts->atomics_armed) {
            uv_timer_stop(&ts->atomics_timer);
            ts->atomics_armed = false;
        }
        return;
    }
    if (!ts->atomics_wake_set) {
        weft_atomics_set_wake_func(ts->rt, atomics_wake, ts);
        ts->atomics_wake_set = true;
    }
    if (t > 3600 * 1000)
        t = 3600 * 1000;        /* no deadline: the wake-up comes from the notifier */
    uv_update_time(&ts->loop);
    uv_timer_start(&ts->atomics_timer, atomics_timer_cb, (uint64_t)t, 0);
    ts->atomics_armed = true;
}

static void wake_cb(uv_async_t *h)
{
    WfThreadState *ts = h->data;
    if (ts->atomics_armed)
        atomics_run(ts);
}

void js_std_init_handlers(JSRuntime *rt)
{
    WfThreadState *ts;
    if (!rt || rt->host_state)
        return;
    ts = js_mallocz_rt(rt, sizeof(*ts));
    if (!ts)
        return;
    ts->rt = rt;
    if (uv_loop_init(&ts->loop) != 0) {
        js_free_rt(rt, ts);
        return;
    }
    if (uv_async_init(&ts->loop, &ts->wake, wake_cb) != 0) {
        uv_loop_close(&ts->loop);
        js_free_rt(rt, ts);
        return;
    }
    uv_unref((uv_handle_t *)&ts->wake);
    ts->wake.data = ts;
    uv_timer_init(&ts->loop, &ts->atomics_timer);
    ts->atomics_timer.data = ts;
    init_list_head(&ts->timers);
    init_list_head(&ts->fd_handlers);
    init_list_head(&ts->sig_handlers);
    ts->next_timer_id = 1;
    ts->error = JS_UNDEFINED;
    rt->host_state = ts;
}

int wf_rt_init_runtime(JSRuntime *rt)
{
    js_std_init_handlers(rt);
    if (!wf_rt_state(rt))
        return -1;
    JS_SetModuleLoaderFunc2(rt, wf_rt_module_normalize, js_module_loader,
                            js_module_check_attributes, NULL);
    JS_SetHostPromiseRejectionTracker(rt, js_std_promise_rejection_tracker, NULL);
    return 0;
}

void wf_rt_ref(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    if (ts && ts->keepalive++ == 0)
        uv_ref((uv_handle_t *)&ts->wake);
}

void wf_rt_unref(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    if (ts && ts->keepalive > 0 && --ts->keepalive == 0)
        uv_unref((uv_handle_t *)&ts->wake);
}

void wf_rt_stop(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    if (ts) {
        ts->stop_requested = true;
        uv_stop(&ts->loop);
    }
}

/* ---------------------------------------------------------------- timers */

typedef struct WfTimer {
    struct list_head link;          /* ts->timers */
    WfThreadState *ts;
    JSContext *ctx;                 /* counted (JS_DupContext) */
    int64_t id;
    bool repeat;
    JSValue func;
    int argc;
    JSValue *argv;
    uv_timer_t h;
} WfTimer;

/* The id table: open addressing with linear probing; TOMB marks a
   removed entry so that probes go on past it. */
#define TOMB ((WfTimer *)1)

static uint32_t id_hash(int64_t id, uint32_t mask)
{
    return ((uint32_t)id * 2654435761u) & mask;
}

static WfTimer **tab_slot(WfThreadState *ts, int64_t id)
{
    uint32_t mask, i;
    if (!ts->timer_tab_size)
        return NULL;
    mask = ts->timer_tab_size - 1;
    for (i = id_hash(id, mask);; i = (i + 1) & mask) {
        WfTimer *t = ts->timer_tab[i];
        if (!t)
            return NULL;
        if (t != TOMB && t->id == id)
            return &ts->timer_tab[i];
    }
}

static int tab_insert(WfThreadState *ts, WfTimer *t)
{
    uint32_t mask, i;
    if ((ts->timer_tab_used + 1) * 2 > ts->timer_tab_size) {
        /* rebuild without tombstones, larger if mostly live */
        uint32_t live = 0, n, k;
        WfTimer **nt;
        for (k = 0; k < ts->timer_tab_size; k++)
            if (ts->timer_tab[k] && ts->timer_tab[k] != TOMB)
                live++;
        n = 16;
        while (n < (live + 1) * 4)
            n *= 2;
        nt = js_mallocz_rt(ts->rt, sizeof(WfTimer *) * n);
        if (!nt)
            return -1;
        for (k = 0; k < ts->timer_tab_size; k++) {
            WfTimer *x = ts->timer_tab[k];
            if (x && x != TOMB) {
                for (i = id_hash(x->id, n - 1); nt[i]; i = (i + 1) & (n - 1))
                    ;
                nt[i] = x;
            }
        }
        js_free_rt(ts->rt, ts->timer_tab);
        ts->timer_tab = nt;
        ts->timer_tab_size = n;
        ts->timer_tab_used = live;
    }
    mask = ts->timer_tab_size - 1;
    for (i = id_hash(t->id, mask); ts->timer_tab[i] && ts->timer_tab[i] != TOMB; i = (i + 1) & mask)
        ;
    if (!ts->timer_tab[i])
        ts->timer_tab_used++;
    ts->timer_tab[i] = t;
    return 0;
}

static void timer_closed(uv_handle_t *h)
{
    WfTimer *t = h->data;
    js_free_rt(t->ts->rt, t);
}

/* Drops the timer's values and closes its handle (the memory goes in the
   close callback, so a callback still running may read the struct). */
static void timer_free(WfTimer *t)
{
    JSRuntime *rt = t->ts->rt;
    WfTimer **slot = tab_slot(t->ts, t->id);
    int i;
    if (slot)
        *slot = TOMB;
    list_del(&t->link);
    JS_FreeValueRT(rt, t->func);
    for (i = 0; i < t->argc; i++)
        JS_FreeValueRT(rt, t->argv[i]);
    js_free_rt(rt, t->argv);
    t->argv = NULL;
    t->argc = 0;
    t->func = JS_UNDEFINED;
    JS_FreeContext(t->ctx);
    t->ctx = NULL;
    uv_close((uv_handle_t *)&t->h, timer_closed);
}

static void timer_cb(uv_timer_t *h)
{
    WfTimer *t = h->data;
    WfThreadState *ts = t->ts;
    JSContext *ctx;
    JSValue func, *argv = NULL;
    int argc = t->argc, i;
    if (ts->has_error || ts->stop_requested) {
        /* the loop is stopping: run it when the loop is resumed */
        if (!t->repeat)
            uv_timer_start(&t->h, timer_cb, 1, 0);
        return;
    }
    ctx = JS_DupContext(t->ctx);
    func = JS_DupValue(ctx, t->func);
    if (argc > 0) {
        argv = js_malloc(ctx, sizeof(JSValue) * (size_t)argc);
        if (!argv) {
            JS_FreeValue(ctx, func);
            wf_rt_report_uncaught(ctx);
            JS_FreeContext(ctx);
            return;
        }
        for (i = 0; i < argc; i++)
            argv[i] = JS_DupValue(ctx, t->argv[i]);
    }
    if (!t->repeat)
        timer_free(t);          /* a one-shot timer is gone before it runs */
    wf_rt_call(ctx, func, JS_UNDEFINED, argc, argv);
    JS_FreeValue(ctx, func);
    for (i = 0; i < argc; i++)
        JS_FreeValue(ctx, argv[i]);
    js_free(ctx, argv);
    JS_FreeContext(ctx);
}

int64_t wf_timer_start(JSContext *ctx, JSValueConst func, int64_t delay_ms,
                       bool repeat, int argc, JSValueConst *argv)
{
    WfThreadState *ts = wf_rt_state_ctx(ctx);
    WfTimer *t;
    int i;
    if (!ts)
        return -1;
    if (!JS_IsFunction(ctx, func)) {
        JS_ThrowTypeError(ctx, "the callback must be a function");
        return -1;
    }
    /* as in Node and browsers: at least 1 ms, at most about 24.8 days */
    if (delay_ms < 1 || delay_ms > INT32_MAX)
        delay_ms = 1;
    t = js_mallocz(ctx, sizeof(*t));
    if (!t)
        return -1;
    if (argc > 0) {
        t->argv = js_malloc(ctx, sizeof(JSValue) * (size_t)argc);
        if (!t->argv) {
            js_free(ctx, t);
            return -1;
        }
        for (i = 0; i < argc; i++)
            t->argv[i] = JS_DupValue(ctx, argv[i]);
        t->argc = argc;
    }
    t->ts = ts;
    t->ctx = JS_DupContext(ctx);
    t->func = JS_DupValue(ctx, func);
    t->repeat = repeat;
    do {
        if (ts->next_timer_id >= INT32_MAX)
            ts->next_timer_id = 1;
        t->id = ts->next_timer_id++;
    } while (tab_slot(ts, t->id));
    if (tab_insert(ts, t) < 0) {
        for (i = 0; i < t->argc; i++)
            JS_FreeValue(ctx, t->argv[i]);
        js_free(ctx, t->argv);
        JS_FreeValue(ctx, t->func);
        JS_FreeContext(t->ctx);
        js_free(ctx, t);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    uv_timer_init(&ts->loop, &t->h);
    t->h.data = t;
    list_add_tail(&t->link, &ts->timers);
    uv_update_time(&ts->loop);
    uv_timer_start(&t->h, timer_cb, (uint64_t)delay_ms, repeat ? (uint64_t)delay_ms : 0);
    return t->id;
}

void wf_timer_clear(JSContext *ctx, int64_t id)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    WfTimer **slot;
    if (!ts)
        return;
    slot = tab_slot(ts, id);
    if (slot) {
        WfTimer *t = *slot;
        uv_timer_stop(&t->h);
        timer_free(t);
    }
}

/* ---------------------------------------------------------------- fd handlers */

typedef struct WfFdHandler {
    struct list_head link;          /* ts->fd_handlers */
    WfThreadState *ts;
    JSContext *ctx;                 /* counted */
    int fd;
    JSValue rfunc, wfunc;           /* JS_UNDEFINED when not set */
    bool use_idle;                  /* fd cannot be polled (regular file): always ready */
    bool closed;
    union {
        uv_poll_t poll;
        uv_idle_t idle;
    } h;
} WfFdHandler;

static void fd_closed(uv_handle_t *h)
{
    WfFdHandler *f = h->data;
    js_free_rt(f->ts->rt, f);
}

static void fd_free(WfFdHandler *f)
{
    JSRuntime *rt = f->ts->rt;
    list_del(&f->link);
    JS_FreeValueRT(rt, f->rfunc);
    JS_FreeValueRT(rt, f->wfunc);
    f->rfunc = f->wfunc = JS_UNDEFINED;
    JS_FreeContext(f->ctx);
    f->ctx = NULL;
    f->closed = true;
    uv_close((uv_handle_t *)&f->h, fd_closed);
}

static void fd_dispatch(WfFdHandler *f, bool readable, bool writable)
{
    WfThreadState *ts = f->ts;
    JSContext *ctx;
    if (ts->has_error || ts->stop_requested)
        return;
    ctx = JS_DupContext(f->ctx);
    if (readable && !JS_IsUndefined(f->rfunc)) {
        JSValue fn = JS_DupValue(ctx, f->rfunc);
        wf_rt_call(ctx, fn, JS_UNDEFINED, 0, NULL);
        JS_FreeValue(ctx, fn);
    }
    /* the read handler may have removed the write handler, or both */
    if (writable && !f->closed && !JS_IsUndefined(f->wfunc) &&
        !ts->has_error && !ts->stop_requested) {
        JSValue fn = JS_DupValue(ctx, f->wfunc);
        wf_rt_call(ctx, fn, JS_UNDEFINED, 0, NULL);
        JS_FreeValue(ctx, fn);
    }
    JS_FreeContext(ctx);
}

static void fd_poll_cb(uv_poll_t *h, int status, int events)
{
    WfFdHandler *f = h->data;
    bool r, w;
    if (status < 0) {
        /* an error condition: let both handlers see it (their read or
           write will report the error) */
        r = true;
        w = true;
    } else {
        r = (events & (UV_READABLE | UV_DISCONNECT)) != 0;
        w = (events & UV_WRITABLE) != 0;
    }
    fd_dispatch(f, r, w);
}

static void fd_idle_cb(uv_idle_t *h)
{
    fd_dispatch(h->data, true, true);
}

static void fd_update(WfFdHandler *f)
{
    int ev = 0;
    if (f->use_idle)
        return;
    if (!JS_IsUndefined(f->rfunc))
        ev |= UV_READABLE;
    if (!JS_IsUndefined(f->wfunc))
        ev |= UV_WRITABLE;
    uv_poll_start(&f->h.poll, ev, fd_poll_cb);
}

int wf_fd_handler_set(JSContext *ctx, int fd, bool write, JSValueConst func)
{
    WfThreadState *ts = wf_rt_state_ctx(ctx);
    WfFdHandler *f = NULL;
    struct list_head *el;
    bool remove = JS_IsUndefined(func) || JS_IsNull(func);
    if (!ts)
        return -1;
    if (!remove && !JS_IsFunction(ctx, func)) {
        JS_ThrowTypeError(ctx, "the handler must be a function or null");
        return -1;
    }
    list_for_each(el, &ts->fd_handlers) {
        WfFdHandler *x = list_entry(el, WfFdHandler, link);
        if (x->fd == fd) {
            f = x;
            break;
        }
    }
    if (remove) {
        if (!f)
            return 0;
        if (write) {
            JS_FreeValue(ctx, f->wfunc);
            f->wfunc = JS_UNDEFINED;
        } else {
            JS_FreeValue(ctx, f->rfunc);
            f->rfunc = JS_UNDEFINED;
        }
        if (JS_IsUndefined(f->rfunc) && JS_IsUndefined(f->wfunc)) {
            if (f->use_idle)
                uv_idle_stop(&f->h.idle);
            else
                uv_poll_stop(&f->h.poll);
            fd_free(f);
        } else {
            fd_update(f);
        }
        return 0;
    }
    if (!f) {
        int r;
        if (fd < 0) {
            wf_rt_throw_errno(ctx, -EBADF, "setReadHandler");
            return -1;
        }
        f = js_mallocz(ctx, sizeof(*f));
        if (!f)
            return -1;
        f->ts = ts;
        f->fd = fd;
        f->rfunc = f->wfunc = JS_UNDEFINED;
        r = uv_poll_init(&ts->loop, &f->h.poll, fd);
        if (r == UV_EPERM) {
            /* epoll refuses regular files: they are always ready */
            f->use_idle = true;
            r = uv_idle_init(&ts->loop, &f->h.idle);
        }
        if (r != 0) {
            js_free(ctx, f);
            wf_rt_throw_errno(ctx, r, "setReadHandler");
            return -1;
        }
        f->h.poll.data = f;     /* same offset for both handle types */
        if (f->use_idle) {
            f->h.idle.data = f;
            uv_idle_start(&f->h.idle, fd_idle_cb);
        }
        f->ctx = JS_DupContext(ctx);
        list_add_tail(&f->link, &ts->fd_handlers);
    }
    if (write) {
        JS_FreeValue(ctx, f->wfunc);
        f->wfunc = JS_DupValue(ctx, func);
    } else {
        JS_FreeValue(ctx, f->rfunc);
        f->rfunc = JS_DupValue(ctx, func);
    }
    fd_update(f);
    return 0;
}

/* ---------------------------------------------------------------- signals */

typedef struct WfSigHandler {
    struct list_head link;          /* ts->sig_handlers */
    WfThreadState *ts;
    JSContext *ctx;                 /* counted */
    int sig;
    JSValue func;
    uv_signal_t h;
} WfSigHandler;

static void sig_closed(uv_handle_t *h)
{
    WfSigHandler *s = h->data;
    js_free_rt(s->ts->rt, s);
}

static void sig_free(WfSigHandler *s)
{
    list_del(&s->link);
    JS_FreeValueRT(s->ts->rt, s->func);
    s->func = JS_UNDEFINED;
    JS_FreeContext(s->ctx);
    s->ctx = NULL;
    uv_signal_stop(&s->h);
    uv_close((uv_handle_t *)&s->h, sig_closed);
}

static void sig_cb(uv_signal_t *h, int signum)
{
    WfSigHandler *s = h->data;
    WfThreadState *ts = s->ts;
    JSContext *ctx;
    JSValue fn, arg;
    if (ts->has_error || ts->stop_requested || !s->ctx)
        return;
    ctx = JS_DupContext(s->ctx);
    fn = JS_DupValue(ctx, s->func);
    arg = JS_NewInt32(ctx, signum);
    wf_rt_call(ctx, fn, JS_UNDEFINED, 1, &arg);
    JS_FreeValue(ctx, fn);
    JS_FreeContext(ctx);
}

int wf_signal_set(JSContext *ctx, int sig, int mode, JSValueConst func)
{
    WfThreadState *ts = wf_rt_state_ctx(ctx);
    WfSigHandler *s = NULL;
    struct list_head *el;
    int r;
    if (!ts)
        return -1;
    if (sig < 1 || sig >= 64) {
        JS_ThrowRangeError(ctx, "invalid signal number");
        return -1;
    }
    list_for_each(el, &ts->sig_handlers) {
        WfSigHandler *x = list_entry(el, WfSigHandler, link);
        if (x->sig == sig) {
            s = x;
            break;
        }
    }
    if (mode != 0) {
        if (s)
            sig_free(s);
        signal(sig, mode == 1 ? SIG_DFL : SIG_IGN);
        return 0;
    }
    if (!JS_IsFunction(ctx, func)) {
        JS_ThrowTypeError(ctx, "the handler must be a function");
        return -1;
    }
    if (s) {
        JS_FreeValue(ctx, s->func);
        s->func = JS_DupValue(ctx, func);
        return 0;
    }
    s = js_mallocz(ctx, sizeof(*s));
    if (!s)
        return -1;
    s->ts = ts;
    s->sig = sig;
    r = uv_signal_init(&ts->loop, &s->h);
    if (r == 0) {
        s->h.data = s;
        r = uv_signal_start(&s->h, sig_cb, sig);
        if (r != 0) {
            s->func = JS_UNDEFINED;
            s->ctx = NULL;
            uv_close((uv_handle_t *)&s->h, sig_closed);
            wf_rt_throw_errno(ctx, r, "signal");
            return -1;
        }
    } else {
        js_free(ctx, s);
        wf_rt_throw_errno(ctx, r, "signal");
        return -1;
    }
    /* a signal handler alone does not keep the program running (Node) */
    uv_unref((uv_handle_t *)&s->h);
    s->func = JS_DupValue(ctx, func);
    s->ctx = JS_DupContext(ctx);
    list_add_tail(&s->link, &ts->sig_handlers);
    return 0;
}

/* ---------------------------------------------------------------- macrotasks */

int wf_rt_report_uncaught(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    JSValue exc = JS_GetException(ctx);
    if (!ts) {
        wf_rt_print_error(ctx, exc, "Uncaught ");
        JS_FreeValue(ctx, exc);
        return -1;
    }
    if (ts->on_uncaught && ts->on_uncaught(ctx, exc, ts->on_uncaught_opaque) == 0) {
        JS_FreeValue(ctx, exc);
        return 0;
    }
    if (!ts->has_error) {
        ts->error = exc;
        ts->error_ctx = JS_DupContext(ctx);
        ts->has_error = true;
    } else {
        JS_FreeValue(ctx, exc);
    }
    uv_stop(&ts->loop);
    return -1;
}

/* Reports the rejections nobody handled, in order. */
static int check_rejections(JSContext *ctx, WfThreadState *ts)
{
    while (ts->nrejections > 0 && !ts->has_error) {
        JSValue promise = ts->rejections[0], reason = ts->rejections[1];
        ts->nrejections--;
        memmove(ts->rejections, ts->rejections + 2,
                sizeof(JSValue) * 2 * (size_t)ts->nrejections);
        JS_FreeValue(ctx, promise);
        ts->error_is_rejection = true;
        JS_Throw(ctx, reason);
        if (wf_rt_report_uncaught(ctx) < 0)
            return -1;
        ts->error_is_rejection = false;
    }
    return ts->has_error ? -1 : 0;
}

int wf_rt_run_jobs(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    WfThreadState *ts = wf_rt_state(rt);
    for (;;) {
        JSContext *jctx = NULL;
        int r;
        if (ts && ts->has_error)
            return -1;
        r = JS_ExecutePendingJob(rt, &jctx);
        if (r == 0)
            break;
        if (r < 0 && wf_rt_report_uncaught(jctx ? jctx : ctx) < 0)
            return -1;
    }
    if (!ts)
        return 0;
    if (check_rejections(ctx, ts) < 0)
        return -1;
    atomics_arm(ts);
    return 0;
}

int wf_rt_call(JSContext *ctx, JSValueConst func, JSValueConst this_val,
               int argc, JSValueConst *argv)
{
    JSValue r = JS_Call(ctx, func, this_val, argc, argv);
    if (JS_IsException(r)) {
        if (wf_rt_report_uncaught(ctx) < 0)
            return -1;
    } else {
        JS_FreeValue(ctx, r);
    }
    return wf_rt_run_jobs(ctx);
}

void js_std_promise_rejection_tracker(JSContext *ctx, JSValueConst promise,
                                      JSValueConst reason, bool is_handled,
                                      void *opaque)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    int i;
    (void)opaque;
    if (!ts)
        return;
    if (is_handled) {
        for (i = 0; i < ts->nrejections; i++) {
            if (JS_VALUE_GET_PTR(ts->rejections[2 * i]) == JS_VALUE_GET_PTR(promise)) {
                JS_FreeValue(ctx, ts->rejections[2 * i]);
                JS_FreeValue(ctx, ts->rejections[2 * i + 1]);
                memmove(&ts->rejections[2 * i], &ts->rejections[2 * i + 2],
                        sizeof(JSValue) * 2 * (size_t)(ts->nrejections - i - 1));
                ts->nrejections--;
                return;
            }
        }
        return;
    }
    if (ts->nrejections == ts->rejections_cap) {
        int cap = ts->rejections_cap ? ts->rejections_cap * 2 : 8;
        JSValue *r = js_realloc_rt(ts->rt, ts->rejections, sizeof(JSValue) * 2 * (size_t)cap);
        if (!r)
            return;
        ts->rejections = r;
        ts->rejections_cap = cap;
    }
    ts->rejections[2 * ts->nrejections] = JS_DupValue(ctx, promise);
    ts->rejections[2 * ts->nrejections + 1] = JS_DupValue(ctx, reason);
    ts->nrejections++;
}

/* Moves the stored loop error into ctx as its pending exception. */
static int take_error(JSContext *ctx, WfThreadState *ts)
{
    JSValue e = ts->error;
    JSContext *ectx = ts->error_ctx;
    ts->error = JS_UNDEFINED;
    ts->error_ctx = NULL;
    ts->has_error = false;
    JS_Throw(ctx, e);
    if (ectx)
        JS_FreeContext(ectx);
    return -1;
}

int js_std_loop(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    if (!ts) {
        /* no handlers: just the jobs */
        for (;;) {
            JSContext *jctx = NULL;
            int r = JS_ExecutePendingJob(JS_GetRuntime(ctx), &jctx);
            if (r == 0)
                return 0;
            if (r < 0) {
                if (jctx && jctx != ctx)
                    JS_Throw(ctx, JS_GetException(jctx));
                return -1;
            }
        }
    }
    ts->stop_requested = false;
    ts->error_is_rejection = false;
    if (!ts->has_error)
        wf_rt_run_jobs(ctx);
    while (!ts->has_error && !ts->stop_requested) {
        int alive = uv_run(&ts->loop, UV_RUN_DEFAULT);
        if (ts->has_error || ts->stop_requested)
            break;
        wf_rt_run_jobs(ctx);
        if (!alive && !JS_IsJobPending(ts->rt) && !uv_loop_alive(&ts->loop))
            break;
    }
    ts->stop_requested = false;
    if (ts->has_error)
        return take_error(ctx, ts);
    return 0;
}

int js_std_loop_once(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    int timeout;
    if (!ts) {
        JSContext *jctx = NULL;
        int r;
        while ((r = JS_ExecutePendingJob(JS_GetRuntime(ctx), &jctx)) > 0)
            ;
        if (r < 0) {
            if (jctx && jctx != ctx)
                JS_Throw(ctx, JS_GetException(jctx));
            return -2;
        }
        return -1;
    }
    if (wf_rt_run_jobs(ctx) < 0)
        return take_error(ctx, ts) * 2;
    uv_run(&ts->loop, UV_RUN_NOWAIT);
    if (ts->has_error)
        return take_error(ctx, ts) * 2;
    if (JS_IsJobPending(ts->rt))
        return 0;
    if (!uv_loop_alive(&ts->loop))
        return -1;
    timeout = uv_backend_timeout(&ts->loop);
    if (timeout < 0)
        return 100;     /* waiting for I/O only: poll again later */
    return timeout;
}

JSValue js_std_await(JSContext *ctx, JSValue obj)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    for (;;) {
        JSPromiseStateEnum st = JS_PromiseState(ctx, obj);
        if (st == JS_PROMISE_FULFILLED) {
            JSValue r = JS_PromiseResult(ctx, obj);
            JS_FreeValue(ctx, obj);
            return r;
        }
        if (st == JS_PROMISE_REJECTED) {
            JSValue r = JS_PromiseResult(ctx, obj);
            JS_FreeValue(ctx, obj);
            return JS_Throw(ctx, r);
        }
        if (st != JS_PROMISE_PENDING)
            return obj;         /* not a promise: the value itself */
        if (JS_IsJobPending(JS_GetRuntime(ctx))) {
            JSContext *jctx = NULL;
            if (JS_ExecutePendingJob(JS_GetRuntime(ctx), &jctx) < 0) {
                JS_FreeValue(ctx, obj);
                if (jctx && jctx != ctx)
                    JS_Throw(ctx, JS_GetException(jctx));
                return JS_EXCEPTION;
            }
            continue;
        }
        if (!ts || !uv_loop_alive(&ts->loop)) {
            JS_FreeValue(ctx, obj);
            return JS_ThrowInternalError(ctx, "await: the promise can never settle "
                                              "(nothing left in the event loop)");
        }
        uv_run(&ts->loop, UV_RUN_ONCE);
        if (ts->has_error) {
            JS_FreeValue(ctx, obj);
            take_error(ctx, ts);
            return JS_EXCEPTION;
        }
    }
}

/* ---------------------------------------------------------------- teardown */

static void close_leftover(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h))
        uv_close(h, NULL);
}

void js_std_free_handlers(JSRuntime *rt)
{
    WfThreadState *ts = wf_rt_state(rt);
    int i;
    if (!ts)
        return;
    wf_worker_thread_free(rt);
    ts->closing = true;
    while (!list_empty(&ts->timers)) {
        WfTimer *t = list_entry(ts->timers.next, WfTimer, link);
        uv_timer_stop(&t->h);
        timer_free(t);
    }
    while (!list_empty(&ts->fd_handlers)) {
        WfFdHandler *f = list_entry(ts->fd_handlers.next, WfFdHandler, link);
        fd_free(f);
    }
    while (!list_empty(&ts->sig_handlers)) {
        WfSigHandler *s = list_entry(ts->sig_handlers.next, WfSigHandler, link);
        sig_free(s);
    }
    if (ts->atomics_wake_set)
        weft_atomics_set_wake_func(rt, NULL, NULL);
    uv_close((uv_handle_t *)&ts->atomics_timer, NULL);
    uv_close((uv_handle_t *)&ts->wake, NULL);
    /* let the close callbacks run; anything an embedder left open is
       closed too, so the loop can always be closed */
    uv_run(&ts->loop, UV_RUN_NOWAIT);
    if (uv_loop_close(&ts->loop) == UV_EBUSY) {
        uv_walk(&ts->loop, close_leftover, NULL);
        uv_run(&ts->loop, UV_RUN_NOWAIT);
        uv_loop_close(&ts->loop);
    }
    js_free_rt(rt, ts->timer_tab);
    ts->timer_tab = NULL;
    ts->timer_tab_size = ts->timer_tab_used = 0;
    for (i = 0; i < 2 * ts->nrejections; i++)
        JS_FreeValueRT(rt, ts->rejections[i]);
    js_free_rt(rt, ts->rejections);
    JS_FreeValueRT(rt, ts->error);
    if (ts->error_ctx)
        JS_FreeContext(ts->error_ctx);
    js_free_rt(rt, ts->main_module);
    wf_rt_free_sources(rt, ts);
    rt->host_state = NULL;
    js_free_rt(rt, ts);
}
