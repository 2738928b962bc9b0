/*
 * channel.h - the message-passing core shared by os.Worker and (later)
 * worker_threads: channels, endpoints, inboxes and wake-ups.
 *
 * A channel joins two endpoints.  Each endpoint has an inbox, a queue of
 * messages that any thread may append to (under the channel's lock).  An
 * endpoint is owned by at most one thread's event loop at a time: binding
 * it creates one uv_async_t on that loop.  Posting appends the message to
 * the PEER's inbox and wakes the peer's loop only when that inbox was empty,
 * so a burst of posts costs one wake-up (and uv_async_send coalesces the
 * rest).  The owner drains the whole inbox per wake-up, and may then poll
 * it briefly (wf_ep_spin_take) so that a conversation needs no wake-up at
 * all.
 *
 * A message is process memory (plain malloc, like SharedArrayBuffer stores):
 * it is written in the sender's thread and read, or dropped, in the
 * receiver's, possibly after the sender's runtime is gone, so it cannot
 * belong to either runtime's allocator.  Besides the serialized bytes it
 * carries references it owns: SharedArrayBuffer stores, transferred
 * ArrayBuffer stores, transferred endpoints.  wf_msg_free() releases them
 * all, so a message dropped unread (endpoint closed, runtime freed) leaks
 * nothing.
 *
 * Nothing here touches a JSContext: serialization happens in the caller
 * (worker.c); this file only moves bytes and references between threads.
 */
#ifndef WEFT_RUNTIME_CHANNEL_H
#define WEFT_RUNTIME_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libuv's loop type (uv.h needs POSIX feature macros, so it is not
   included here). */
struct uv_loop_s;

typedef struct WfChannel WfChannel;
typedef struct WfEndpoint WfEndpoint;
typedef struct WfMsg WfMsg;

/* What a message is; the core does not look at it, the faces do. */
enum {
    WF_MSG_DATA = 0,    /* a posted value */
    WF_MSG_ERROR = 1,   /* an uncaught error of a worker, reported to its parent */
    /* a face may use its own kinds from 16 on; the end of a worker is the
       close of its endpoint, not a message */
};

/* A reference a message owns, released by wf_msg_free (or taken over by
   the reader, who then sets ptr to NULL). */
typedef struct WfMsgRef {
    void *ptr;
    void (*release)(void *ptr);
    int kind;                       /* WF_REF_*: how the reader adopts it */
} WfMsgRef;

enum {
    WF_REF_SAB = 1,     /* a SharedArrayBuffer backing store */
    WF_REF_STORE = 2,   /* a transferred ArrayBuffer backing store */
    WF_REF_PORT = 3,    /* a transferred endpoint (WfEndpoint *) */
    WF_REF_OTHER = 4,
};

struct WfMsg {
    WfMsg *next;                    /* inbox link */
    int kind;                       /* WF_MSG_* */
    int flags;                      /* free for the faces */
    uint8_t *data;                  /* serialized bytes (points into this allocation or owned) */
    size_t len;
    bool data_owned;                /* data is a separate malloc block */
    void *payload;                  /* e.g. a WFMessage (serialize.h), owned */
    void (*payload_free)(void *);   /* releases payload when dropped unread */
    WfMsgRef *refs;                 /* owned references, malloc'd */
    uint32_t nrefs, refs_cap;
    /* inline storage for data follows when allocated with wf_msg_new(len) */
};

/* A new message with room for len bytes of data (msg->data, uninitialised)
   in the same block.  NULL when out of memory. */
WfMsg *wf_msg_new(int kind, size_t len);
/* Appends a reference the message now owns.  -1 when out of memory: the
   reference is then released at once. */
int wf_msg_add_ref(WfMsg *msg, int kind, void *ptr, void (*release)(void *));
/* Releases everything the message owns.  NULL is fine. */
void wf_msg_free(WfMsg *msg);
/* Frees a list linked by ->next. */
void wf_msg_free_list(WfMsg *list);

/* Called in the owning thread when the endpoint's inbox got messages, or
   when the channel was closed.  It usually calls wf_ep_take(). */
typedef void WfEndpointWake(WfEndpoint *ep, void *opaque);

/* A new channel: two endpoints, each with one reference held by the caller
   (release them with wf_ep_release).  -1 when out of memory. */
int wf_chan_new(WfEndpoint **pa, WfEndpoint **pb);

/* The other end of the channel. */
WfEndpoint *wf_ep_peer(WfEndpoint *ep);

/* Reference counting of endpoints (any thread).  The channel is freed when
   both ends are released; releasing an end closes the channel. */
WfEndpoint *wf_ep_dup(WfEndpoint *ep);
void wf_ep_release(WfEndpoint *ep);

/* Binds the endpoint to the loop of the calling thread: wake is called
   there (in a uv_async callback) after messages arrive.  The binding does
   not keep the loop alive until wf_ep_set_ref(ep, true).  An endpoint is
   bound to one loop at a time.  Negative libuv error code on failure. */
int wf_ep_bind(WfEndpoint *ep, struct uv_loop_s *loop, WfEndpointWake *wake, void *opaque);
/* Undoes wf_ep_bind, from the owning thread; messages stay queued (they
   are delivered after the next bind).  The handle is closed through
   uv_close, so the loop must run once more before it is freed. */
void wf_ep_unbind(WfEndpoint *ep);
bool wf_ep_is_bound(WfEndpoint *ep);
/* Whether the binding keeps its loop alive (owning thread only). */
void wf_ep_set_ref(WfEndpoint *ep, bool ref);

/* Appends msg to the peer's inbox (any thread; the message is consumed).
   Wakes the peer's loop if its inbox was empty and the peer is not
   polling it (wf_ep_spin_take).  -1 if the channel is closed: the message
   is freed. */
int wf_ep_post(WfEndpoint *ep, WfMsg *msg);
/* Takes every message queued for this endpoint, oldest first (NULL if
   none).  The caller owns the list. */
WfMsg *wf_ep_take(WfEndpoint *ep);
/* After a batch, from the owning thread: polls the inbox for a short,
   adaptive time (no wake-up is signalled meanwhile) and returns what
   arrived, or NULL.  Cheap when messages are rare (the budget shrinks to
   nothing); wf_ep_spin_reset() re-arms it, e.g. when the owner posts. */
WfMsg *wf_ep_spin_take(WfEndpoint *ep);
void wf_ep_spin_reset(WfEndpoint *ep);
/* Takes only the oldest message (for a synchronous receive). */
WfMsg *wf_ep_take_one(WfEndpoint *ep);
/* Closes the channel for both ends and wakes both loops.  Messages already
   queued stay readable.  Idempotent. */
void wf_ep_close(WfEndpoint *ep);
bool wf_ep_is_closed(WfEndpoint *ep);
/* Wakes this endpoint's own loop (any thread), e.g. to make its owner look
   at a flag.  No-op when unbound. */
void wf_ep_wake(WfEndpoint *ep);

/* Counts, for tests and statistics (any thread). */
size_t wf_ep_pending(WfEndpoint *ep);

#endif /* WEFT_RUNTIME_CHANNEL_H */
