/*
 * job.c - the job queue (ECMA-262 9.5 Jobs and Host Operations to Enqueue
 * Jobs): promise reaction jobs and anything an embedder enqueues with
 * JS_EnqueueJob.  FIFO, one queue per runtime; the host runs it with
 * JS_ExecutePendingJob (the event loop after each macrotask, or a test's
 * drain loop).  A job keeps its context alive until it has run.
 */
#include <string.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/list.h"

typedef struct WFJob {
    struct list_head link;      /* rt->job_list */
    JSContext *ctx;             /* counted */
    JSJobFunc *func;
    int argc;
    JSValue argv[];
} WFJob;

int JS_EnqueueJob(JSContext *ctx, JSJobFunc *job_func, int argc, JSValueConst *argv)
{
    JSRuntime *rt = ctx->rt;
    WFJob *job;

    job = js_malloc(ctx, sizeof(*job) + sizeof(JSValue) * (size_t)argc);
    if (!job)
        return -1;
    job->ctx = JS_DupContext(ctx);
    job->func = job_func;
    job->argc = argc;
    for (int i = 0; i < argc; i++)
        job->argv[i] = JS_DupValue(ctx, argv[i]);
    list_add_tail(&job->link, &rt->job_list);
    return 0;
}

/* Like JS_EnqueueJob, but the caller moves the arguments in: returns the
   argc slots (all undefined) or NULL on OOM (exception pending). */
JSValue *wf_job_enqueue_slots(JSContext *ctx, JSJobFunc *job_func, int argc)
{
    JSRuntime *rt = ctx->rt;
    WFJob *job = js_malloc(ctx, sizeof(*job) + sizeof(JSValue) * (size_t)argc);
    if (!job)
        return NULL;
    job->ctx = JS_DupContext(ctx);
    job->func = job_func;
    job->argc = argc;
    for (int i = 0; i < argc; i++)
        job->argv[i] = JS_UNDEFINED;
    list_add_tail(&job->link, &rt->job_list);
    return job->argv;
}

bool JS_IsJobPending(JSRuntime *rt)
{
    return !list_empty(&rt->job_list);
}

static void job_free(JSRuntime *rt, WFJob *job)
{
    for (int i = 0; i < job->argc; i++)
        JS_FreeValueRT(rt, job->argv[i]);
    JS_FreeContext(job->ctx);
    js_free_rt(rt, job);
}

int JS_ExecutePendingJob(JSRuntime *rt, JSContext **pctx)
{
    WFJob *job;
    JSContext *ctx;
    JSValue res;
    int ret;

    if (list_empty(&rt->job_list)) {
        if (pctx)
            *pctx = NULL;
        return 0;
    }
    job = list_entry(rt->job_list.next, WFJob, link);
    list_del(&job->link);
    ctx = job->ctx;
    wf_gc_clear_kept_objects(rt);   /* the previous job (or script) ended */
    res = job->func(ctx, job->argc, (JSValueConst *)job->argv);
    wf_gc_clear_kept_objects(rt);
    if (JS_IsException(res)) {
        ret = -1;
    } else {
        JS_FreeValue(ctx, res);
        ret = 1;
    }
    if (pctx)
        *pctx = ctx;    /* stays valid: the caller holds the context */
    job_free(rt, job);
    return ret;
}

/* Runtime tear-down: drop the jobs that never ran. */
void wf_job_free_all(JSRuntime *rt)
{
    while (!list_empty(&rt->job_list)) {
        WFJob *job = list_entry(rt->job_list.next, WFJob, link);
        list_del(&job->link);
        job_free(rt, job);
    }
}
