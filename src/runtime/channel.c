/*
 * channel.c - channels, endpoints and inboxes (see channel.h).
 *
 * Locking: one mutex per channel guards both inboxes, the closed flag and
 * each endpoint's async pointer.  A sender holds it while it appends and,
 * when the inbox was empty, while it calls uv_async_send: the owner clears
 * the async pointer under the same lock before it closes the handle, so a
 * sender never signals a handle that is being freed.  The wake callback,
 * the handle's ref state and the callback pointers belong to the owning
 * thread only.
 *
 * Messages and channels are process memory (malloc): they cross runtimes
 * and outlive the runtime that wrote them.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "runtime/channel.h"

struct WfEndpoint {
    WfChannel *chan;
    atomic_int refs;            /* holders of this end; 0 releases it */
    WfMsg *head, *tail;         /* inbox, oldest first (chan->lock) */
    size_t count;               /* messages in the inbox (chan->lock) */
    atomic_size_t avail;        /* = count, readable without the lock */
    bool spinning;              /* owner polls avail: no wake-up needed (chan->lock) */
    bool released;              /* refs reached 0 (chan->lock) */
    uv_async_t *async;          /* binding to the owner's loop (chan->lock) */
    WfEndpointWake *wake;       /* owner thread only */
    void *opaque;               /* owner thread only */
    int64_t spin_ns;            /* owner thread only: current spin budget */
};

struct WfChannel {
    pthread_mutex_t lock;
    bool closed;                /* either end closed or released (lock) */
    int live;                   /* ends not yet released (lock) */
    WfEndpoint ep[2];
};

/* ------------------------------------------------------------------ */
/* Messages                                                            */

WfMsg *wf_msg_new(int kind, size_t len)
{
    WfMsg *msg;
    if (len > SIZE_MAX - sizeof(WfMsg))
        return NULL;
    msg = malloc(sizeof(WfMsg) + len);
    if (!msg)
        return NULL;
    memset(msg, 0, sizeof(*msg));
    msg->kind = kind;
    msg->data = (uint8_t *)(msg + 1);
    msg->len = len;
    return msg;
}

int wf_msg_add_ref(WfMsg *msg, int kind, void *ptr, void (*release)(void *))
{
    if (msg->nrefs == msg->refs_cap) {
        uint32_t ncap = msg->refs_cap ? msg->refs_cap * 2 : 4;
        WfMsgRef *n = realloc(msg->refs, ncap * sizeof(*n));
        if (!n) {
            if (release && ptr)
                release(ptr);
            return -1;
        }
        msg->refs = n;
        msg->refs_cap = ncap;
    }
    msg->refs[msg->nrefs].ptr = ptr;
    msg->refs[msg->nrefs].release = release;
    msg->refs[msg->nrefs].kind = kind;
    msg->nrefs++;
    return 0;
}

void wf_msg_free(WfMsg *msg)
{
    uint32_t i;
    if (!msg)
        return;
    for (i = 0; i < msg->nrefs; i++) {
        WfMsgRef *r = &msg->refs[i];
        if (r->ptr && r->release)
            r->release(r->ptr);
    }
    free(msg->refs);
    if (msg->payload && msg->payload_free)
        msg->payload_free(msg->payload);
    if (msg->data_owned)
        free(msg->data);
    free(msg);
}

void wf_msg_free_list(WfMsg *list)
{
    while (list) {
        WfMsg *next = list->next;
        wf_msg_free(list);
        list = next;
    }
}

/* ------------------------------------------------------------------ */
/* Channels and endpoints                                              */

int wf_chan_new(WfEndpoint **pa, WfEndpoint **pb)
{
    WfChannel *ch = calloc(1, sizeof(*ch));
    int i;
    if (!ch)
        return -1;
    if (pthread_mutex_init(&ch->lock, NULL) != 0) {
        free(ch);
        return -1;
    }
    ch->live = 2;
    for (i = 0; i < 2; i++) {
        ch->ep[i].chan = ch;
        atomic_init(&ch->ep[i].refs, 1);
    }
    *pa = &ch->ep[0];
    *pb = &ch->ep[1];
    return 0;
}

WfEndpoint *wf_ep_peer(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    return ep == &ch->ep[0] ? &ch->ep[1] : &ch->ep[0];
}

WfEndpoint *wf_ep_dup(WfEndpoint *ep)
{
    atomic_fetch_add_explicit(&ep->refs, 1, memory_order_relaxed);
    return ep;
}

/* Signals the endpoint's loop; chan->lock held. */
static void wake_locked(WfEndpoint *ep)
{
    if (ep->async)
        uv_async_send(ep->async);
}

void wf_ep_release(WfEndpoint *ep)
{
    WfChannel *ch;
    WfMsg *drop;
    bool free_chan;
    if (atomic_fetch_sub_explicit(&ep->refs, 1, memory_order_acq_rel) != 1)
        return;
    ch = ep->chan;
    pthread_mutex_lock(&ch->lock);
    ep->released = true;
    drop = ep->head;
    ep->head = ep->tail = NULL;
    ep->count = 0;
    atomic_store_explicit(&ep->avail, 0, memory_order_relaxed);
    if (!ch->closed) {
        ch->closed = true;
        wake_locked(wf_ep_peer(ep));
    }
    free_chan = --ch->live == 0;
    pthread_mutex_unlock(&ch->lock);
    /* An end is released by its owner after unbinding; a message left
       unread is dropped here, outside the lock (its references may be
       endpoints of other channels). */
    wf_msg_free_list(drop);
    if (free_chan) {
        pthread_mutex_destroy(&ch->lock);
        free(ch);
    }
}

static void on_async(uv_async_t *h)
{
    WfEndpoint *ep = h->data;
    if (ep && ep->wake)
        ep->wake(ep, ep->opaque);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Adaptive spinning.  A wake-up through the loop costs a system call in
   the sender and a scheduler round trip in the receiver (tens of
   microseconds); a conversation (request/answer, ping-pong) answers
   faster than that.  So after a batch the owner may poll its inbox for a
   short while with the `spinning` flag up, which tells senders not to
   signal the loop at all.  The budget doubles after a poll that found a
   message and halves after one that did not, so a thread whose messages
   are rare soon stops spending CPU on it; posting re-arms a short probe
   (an answer may follow).  Never on a single CPU, nor with the
   environment variable WEFT_NO_SPIN set (read when an endpoint is bound). */
#define SPIN_MAX_NS 50000
#define SPIN_MIN_NS 1000
#define SPIN_PROBE_NS 8000      /* what wf_ep_spin_reset re-arms to */

WfMsg *wf_ep_spin_take(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    WfMsg *list;
    int64_t start, deadline;
    unsigned i;
    if (ep->spin_ns < SPIN_MIN_NS)
        return NULL;
    pthread_mutex_lock(&ch->lock);
    if (ep->head || ch->closed) {
        pthread_mutex_unlock(&ch->lock);
        return wf_ep_take(ep);
    }
    ep->spinning = true;
    pthread_mutex_unlock(&ch->lock);
    start = now_ns();
    deadline = start + ep->spin_ns;
    for (i = 1;; i++) {
        if (atomic_load_explicit(&ep->avail, memory_order_acquire) != 0)
            break;
        cpu_relax();
        if ((i & 15) == 0) {
            /* let the peer have this CPU if it shares it (a loaded
               machine): the answer can only come from a running thread */
            sched_yield();
            if (now_ns() >= deadline)
                break;
        }
    }
    pthread_mutex_lock(&ch->lock);
    ep->spinning = false;
    list = ep->head;
    ep->head = ep->tail = NULL;
    ep->count = 0;
    atomic_store_explicit(&ep->avail, 0, memory_order_relaxed);
    pthread_mutex_unlock(&ch->lock);
    if (list) {
        ep->spin_ns = ep->spin_ns * 2 > SPIN_MAX_NS ? SPIN_MAX_NS : ep->spin_ns * 2;
    } else {
        ep->spin_ns /= 2;
    }
    return list;
}

void wf_ep_spin_reset(WfEndpoint *ep)
{
    if (ep->spin_ns < SPIN_PROBE_NS && ep->spin_ns >= 0)
        ep->spin_ns = SPIN_PROBE_NS;
}

int wf_ep_bind(WfEndpoint *ep, struct uv_loop_s *loop, WfEndpointWake *wake, void *opaque)
{
    WfChannel *ch = ep->chan;
    uv_async_t *h;
    int r;
    if (ep->async)
        return UV_EBUSY;
    h = malloc(sizeof(*h));
    if (!h)
        return UV_ENOMEM;
    r = uv_async_init(loop, h, on_async);
    if (r < 0) {
        free(h);
        return r;
    }
    h->data = ep;
    uv_unref((uv_handle_t *)h);
    ep->wake = wake;
    ep->opaque = opaque;
    /* spinning only pays when the peer runs on another CPU */
    ep->spin_ns = sysconf(_SC_NPROCESSORS_ONLN) > 1 && !getenv("WEFT_NO_SPIN") ? SPIN_MAX_NS : -1;
    pthread_mutex_lock(&ch->lock);
    ep->async = h;
    if (ep->head || ch->closed)
        uv_async_send(h);
    pthread_mutex_unlock(&ch->lock);
    return 0;
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

void wf_ep_unbind(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    uv_async_t *h;
    pthread_mutex_lock(&ch->lock);
    h = ep->async;
    ep->async = NULL;
    pthread_mutex_unlock(&ch->lock);
    ep->wake = NULL;
    ep->opaque = NULL;
    if (h) {
        h->data = NULL;
        uv_close((uv_handle_t *)h, free_handle);
    }
}

bool wf_ep_is_bound(WfEndpoint *ep)
{
    /* The owner is the only writer of ep->async, so it may read it bare;
       wake is set with it and read by the owner only. */
    return ep->wake != NULL;
}

void wf_ep_set_ref(WfEndpoint *ep, bool ref)
{
    WfChannel *ch = ep->chan;
    uv_async_t *h;
    pthread_mutex_lock(&ch->lock);
    h = ep->async;
    pthread_mutex_unlock(&ch->lock);
    if (!h)
        return;
    if (ref)
        uv_ref((uv_handle_t *)h);
    else
        uv_unref((uv_handle_t *)h);
}

int wf_ep_post(WfEndpoint *ep, WfMsg *msg)
{
    WfChannel *ch = ep->chan;
    WfEndpoint *peer = wf_ep_peer(ep);
    msg->next = NULL;
    pthread_mutex_lock(&ch->lock);
    if (ch->closed || peer->released) {
        pthread_mutex_unlock(&ch->lock);
        wf_msg_free(msg);
        return -1;
    }
    if (peer->tail) {
        peer->tail->next = msg;
        peer->tail = msg;
    } else {
        /* The inbox was empty: this message starts a batch, so it is the
           one that wakes the peer.  Later posts find it non-empty and
           know a wake-up is on its way (the owner empties the inbox only
           from the callback that wake-up runs, or synchronously). */
        peer->head = peer->tail = msg;
        if (!peer->spinning)
            wake_locked(peer);
    }
    peer->count++;
    atomic_store_explicit(&peer->avail, peer->count, memory_order_release);
    pthread_mutex_unlock(&ch->lock);
    return 0;
}

WfMsg *wf_ep_take(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    WfMsg *list;
    pthread_mutex_lock(&ch->lock);
    list = ep->head;
    ep->head = ep->tail = NULL;
    ep->count = 0;
    atomic_store_explicit(&ep->avail, 0, memory_order_relaxed);
    pthread_mutex_unlock(&ch->lock);
    return list;
}

WfMsg *wf_ep_take_one(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    WfMsg *msg;
    pthread_mutex_lock(&ch->lock);
    msg = ep->head;
    if (msg) {
        ep->head = msg->next;
        if (!ep->head)
            ep->tail = NULL;
        ep->count--;
        atomic_store_explicit(&ep->avail, ep->count, memory_order_relaxed);
        msg->next = NULL;
    }
    pthread_mutex_unlock(&ch->lock);
    return msg;
}

void wf_ep_close(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    pthread_mutex_lock(&ch->lock);
    if (!ch->closed) {
        ch->closed = true;
        wake_locked(&ch->ep[0]);
        wake_locked(&ch->ep[1]);
    }
    pthread_mutex_unlock(&ch->lock);
}

bool wf_ep_is_closed(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    bool c;
    pthread_mutex_lock(&ch->lock);
    c = ch->closed;
    pthread_mutex_unlock(&ch->lock);
    return c;
}

void wf_ep_wake(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    pthread_mutex_lock(&ch->lock);
    wake_locked(ep);
    pthread_mutex_unlock(&ch->lock);
}

size_t wf_ep_pending(WfEndpoint *ep)
{
    WfChannel *ch = ep->chan;
    size_t n;
    pthread_mutex_lock(&ch->lock);
    n = ep->count;
    pthread_mutex_unlock(&ch->lock);
    return n;
}

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer builds only.  libuv (a system library, not
   instrumented) closes its own descriptors (epoll, eventfd) with the raw
   close system call, which ThreadSanitizer does not see; when another
   thread is then given the same descriptor number, the stale record looks
   like a race.  Worker threads make and drop loops all the time, so tell
   ThreadSanitizer to ignore the calls libuv makes: nothing of ours relies
   on synchronization inside libuv (the channel has its own mutex). */
__attribute__((visibility("default"))) const char *__tsan_default_suppressions(void);
__attribute__((visibility("default"))) const char *__tsan_default_suppressions(void)
{
    return "called_from_lib:libuv.so.1\n";
}
#endif
