/*
 * test_channel.c - the message-passing core (src/runtime/channel.c) from
 * several threads at once, without any JavaScript: order per sender, one
 * wake-up per batch, close, and messages dropped unread releasing what they
 * own.  Must be clean under ThreadSanitizer (-DWEFT_ENABLE_TSAN=ON).
 */
#include "harness.h"

#include <pthread.h>
#include <stdatomic.h>

#include <uv.h>

#include "runtime/channel.h"

#define NPRODUCERS 4
#define PER_PRODUCER 20000

typedef struct Consumer {
    uv_loop_t loop;
    WfEndpoint *ep;
    long next[NPRODUCERS];      /* next sequence number expected per producer */
    long received;
    long wakeups;
    long batches_nonempty;
    bool order_ok;
    bool saw_close;
} Consumer;

typedef struct Producer {
    WfEndpoint *ep;
    int id;
    long posted;
} Producer;

static void consumer_wake(WfEndpoint *ep, void *opaque)
{
    Consumer *c = opaque;
    WfMsg *list = wf_ep_take(ep), *m;
    c->wakeups++;
    if (list)
        c->batches_nonempty++;
    for (m = list; m; m = m->next) {
        int id;
        long seq;
        memcpy(&id, m->data, sizeof id);
        memcpy(&seq, m->data + sizeof id, sizeof seq);
        if (id < 0 || id >= NPRODUCERS || seq != c->next[id])
            c->order_ok = false;
        else
            c->next[id]++;
        c->received++;
    }
    wf_msg_free_list(list);
    if (wf_ep_is_closed(ep) && !wf_ep_pending(ep)) {
        c->saw_close = true;
        wf_ep_unbind(ep);       /* nothing left: the loop ends */
    }
}

static void *consumer_main(void *arg)
{
    Consumer *c = arg;
    uv_run(&c->loop, UV_RUN_DEFAULT);
    return NULL;
}

static void *producer_main(void *arg)
{
    Producer *p = arg;
    long i;
    for (i = 0; i < PER_PRODUCER; i++) {
        WfMsg *m = wf_msg_new(WF_MSG_DATA, sizeof(int) + sizeof(long));
        if (!m)
            break;
        memcpy(m->data, &p->id, sizeof p->id);
        memcpy(m->data + sizeof p->id, &i, sizeof i);
        if (wf_ep_post(p->ep, m) < 0)
            break;
        p->posted++;
        if ((i & 1023) == 0)
            sched_yield();
    }
    return NULL;
}

/* Several threads post to one endpoint; its owner drains per wake-up. */
TEST_IMPL(many_producers)
{
    Consumer c;
    Producer p[NPRODUCERS];
    pthread_t ct, pt[NPRODUCERS];
    WfEndpoint *a, *b;
    int i;

    memset(&c, 0, sizeof c);
    c.order_ok = true;
    ASSERT_EQ(uv_loop_init(&c.loop), 0);
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    c.ep = b;
    ASSERT_EQ(wf_ep_bind(b, &c.loop, consumer_wake, &c), 0);
    wf_ep_set_ref(b, true);
    ASSERT_EQ(pthread_create(&ct, NULL, consumer_main, &c), 0);
    for (i = 0; i < NPRODUCERS; i++) {
        p[i].ep = a;
        p[i].id = i;
        p[i].posted = 0;
        ASSERT_EQ(pthread_create(&pt[i], NULL, producer_main, &p[i]), 0);
    }
    for (i = 0; i < NPRODUCERS; i++)
        pthread_join(pt[i], NULL);
    wf_ep_close(a);
    pthread_join(ct, NULL);

    for (i = 0; i < NPRODUCERS; i++)
        ASSERT_EQ(p[i].posted, PER_PRODUCER);
    ASSERT_TRUE(c.order_ok);
    ASSERT_TRUE(c.saw_close);
    ASSERT_EQ(c.received, (long)NPRODUCERS * PER_PRODUCER);
    /* Batching: far fewer wake-ups than messages (the producers post
       faster than one thread wakes up). */
    ASSERT_LT(c.wakeups, c.received);
    printf("%ld messages in %ld wake-ups (%ld non-empty)\n", c.received,
           c.wakeups, c.batches_nonempty);

    ASSERT_EQ(wf_ep_post(a, wf_msg_new(WF_MSG_DATA, 0)), -1);   /* closed */
    wf_ep_release(a);
    wf_ep_release(b);
    uv_run(&c.loop, UV_RUN_NOWAIT);     /* close callbacks */
    ASSERT_EQ(uv_loop_close(&c.loop), 0);
}

/* ------------------------------------------------------------------ */
/* Ping-pong between two loops: each side answers every message.      */

#define ROUNDS 20000

typedef struct Side {
    uv_loop_t loop;
    WfEndpoint *ep;
    long got;
    long spun;                  /* batches found by spinning */
    bool starter;
    bool spin;
} Side;

static void side_answer(Side *s, WfEndpoint *ep, WfMsg *list)
{
    WfMsg *m;
    for (m = list; m; m = m->next) {
        long v;
        memcpy(&v, m->data, sizeof v);
        s->got++;
        if (v < ROUNDS) {
            WfMsg *r = wf_msg_new(WF_MSG_DATA, sizeof v);
            v++;
            memcpy(r->data, &v, sizeof v);
            wf_ep_post(ep, r);
        } else {
            wf_ep_close(ep);
        }
    }
    wf_msg_free_list(list);
}

static void side_wake(WfEndpoint *ep, void *opaque)
{
    Side *s = opaque;
    side_answer(s, ep, wf_ep_take(ep));
    if (s->spin) {
        /* the conversation goes on: poll for the answer a little while */
        WfMsg *list;
        wf_ep_spin_reset(ep);
        while (!wf_ep_is_closed(ep) && (list = wf_ep_spin_take(ep)) != NULL) {
            s->spun++;
            side_answer(s, ep, list);
            wf_ep_spin_reset(ep);
        }
    }
    if (wf_ep_is_closed(ep) && !wf_ep_pending(ep))
        wf_ep_unbind(ep);
}

static void *side_main(void *arg)
{
    Side *s = arg;
    if (s->starter) {
        long v = 0;
        WfMsg *m = wf_msg_new(WF_MSG_DATA, sizeof v);
        memcpy(m->data, &v, sizeof v);
        wf_ep_post(s->ep, m);
    }
    uv_run(&s->loop, UV_RUN_DEFAULT);
    return NULL;
}

static void ping_pong_run(bool spin)
{
    Side s[2];
    pthread_t t[2];
    WfEndpoint *a, *b;
    int i;
    double t0, dt;

    memset(s, 0, sizeof s);
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    s[0].ep = a;
    s[1].ep = b;
    s[0].starter = true;
    s[0].spin = s[1].spin = spin;
    for (i = 0; i < 2; i++) {
        ASSERT_EQ(uv_loop_init(&s[i].loop), 0);
        ASSERT_EQ(wf_ep_bind(s[i].ep, &s[i].loop, side_wake, &s[i]), 0);
        wf_ep_set_ref(s[i].ep, true);
    }
    t0 = harness_now_();
    for (i = 0; i < 2; i++)
        ASSERT_EQ(pthread_create(&t[i], NULL, side_main, &s[i]), 0);
    for (i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    dt = harness_now_() - t0;
    ASSERT_EQ(s[0].got + s[1].got, ROUNDS + 1);
    printf("%d one-way hops, %.2f us each%s (%ld batches found spinning)\n", ROUNDS + 1,
           dt * 1e6 / (ROUNDS + 1), spin ? " with spinning" : "", s[0].spun + s[1].spun);
    for (i = 0; i < 2; i++) {
        wf_ep_release(s[i].ep);
        uv_run(&s[i].loop, UV_RUN_NOWAIT);
        ASSERT_EQ(uv_loop_close(&s[i].loop), 0);
    }
}

TEST_IMPL(ping_pong)
{
    ping_pong_run(false);
}

/* The same with wf_ep_spin_take: senders skip the wake-up while the
   receiver polls. */
TEST_IMPL(ping_pong_spin)
{
    ping_pong_run(true);
}

/* ------------------------------------------------------------------ */
/* Messages dropped unread release everything they own.               */

static atomic_int released_refs;

static void count_release(void *p)
{
    (void)p;
    atomic_fetch_add(&released_refs, 1);
}

static void *post_with_refs(void *arg)
{
    WfEndpoint *ep = arg;
    int i, j;
    for (i = 0; i < 1000; i++) {
        WfMsg *m = wf_msg_new(WF_MSG_DATA, 16);
        memset(m->data, i & 0xff, 16);
        for (j = 0; j < 3; j++)
            ASSERT_EQ(wf_msg_add_ref(m, WF_REF_OTHER, &released_refs, count_release), 0);
        if (wf_ep_post(ep, m) < 0)
            break;              /* closed by the other thread: m was freed */
    }
    return NULL;
}

TEST_IMPL(dropped_unread)
{
    WfEndpoint *a, *b, *pa, *pb;
    pthread_t t;

    atomic_store(&released_refs, 0);
    /* Unbound receiver, released with a full inbox. */
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    ASSERT_EQ(pthread_create(&t, NULL, post_with_refs, a), 0);
    pthread_join(t, NULL);
    ASSERT_EQ(wf_ep_pending(b), 1000);
    wf_ep_release(b);
    ASSERT_EQ(atomic_load(&released_refs), 3000);
    ASSERT_TRUE(wf_ep_is_closed(a));
    wf_ep_release(a);

    /* Released while the other side is still posting. */
    atomic_store(&released_refs, 0);
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    ASSERT_EQ(pthread_create(&t, NULL, post_with_refs, a), 0);
    sched_yield();
    wf_ep_release(b);
    pthread_join(t, NULL);
    wf_ep_release(a);
    /* every message posted was either dropped with b or refused: in both
       cases its three references were released */
    ASSERT_EQ(atomic_load(&released_refs) % 3, 0);
    ASSERT_GT(atomic_load(&released_refs), 0);

    /* A message that carries an endpoint of another channel. */
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    ASSERT_EQ(wf_chan_new(&pa, &pb), 0);
    {
        WfMsg *m = wf_msg_new(WF_MSG_DATA, 0);
        ASSERT_EQ(wf_msg_add_ref(m, WF_REF_PORT, pb, (void (*)(void *))wf_ep_release), 0);
        ASSERT_EQ(wf_ep_post(a, m), 0);
    }
    ASSERT_FALSE(wf_ep_is_closed(pa));
    wf_ep_release(b);           /* drops the message, which releases pb */
    ASSERT_TRUE(wf_ep_is_closed(pa));
    wf_ep_release(pa);
    wf_ep_release(a);
}

/* take_one dequeues synchronously, oldest first. */
TEST_IMPL(take_one)
{
    WfEndpoint *a, *b;
    WfMsg *m;
    int i;
    ASSERT_EQ(wf_chan_new(&a, &b), 0);
    ASSERT_EQ(wf_ep_peer(a), b);
    for (i = 0; i < 5; i++) {
        m = wf_msg_new(WF_MSG_DATA, 1);
        m->data[0] = (uint8_t)i;
        ASSERT_EQ(wf_ep_post(b, m), 0);
    }
    ASSERT_EQ(wf_ep_pending(a), 5);
    ASSERT_EQ(wf_ep_pending(b), 0);
    for (i = 0; i < 5; i++) {
        m = wf_ep_take_one(a);
        ASSERT_NOT_NULL(m);
        ASSERT_EQ(m->data[0], i);
        wf_msg_free(m);
    }
    ASSERT_NULL(wf_ep_take_one(a));
    ASSERT_NULL(wf_ep_take(a));
    wf_ep_dup(a);
    wf_ep_release(a);
    ASSERT_FALSE(wf_ep_is_closed(a));
    wf_ep_close(b);
    ASSERT_TRUE(wf_ep_is_closed(a));
    wf_ep_release(a);
    wf_ep_release(b);
}

#define TEST_LIST(X) \
    X(many_producers) \
    X(ping_pong)      \
    X(ping_pong_spin) \
    X(dropped_unread) \
    X(take_one)
HARNESS_MAIN(TEST_LIST)
