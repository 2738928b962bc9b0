/*
 * run262.h - shared declarations of the test262 runner (tools/test262).
 *
 * run262.c  drives a run: finds the tests, schedules them over forked
 *           children, compares with the known-failures list, reports.
 * meta.c    parses a test's YAML frontmatter.
 * host.c    runs one test inside a child: realm, $262, harness, verdict.
 *
 * A standalone tool linked with libweft: it uses only the public API.
 */
#ifndef RUN262_H
#define RUN262_H

#include <stdbool.h>
#include <stddef.h>
#include "quickjs.h"

/* frontmatter flags */
enum {
    T_ONLY_STRICT   = 1 << 0,
    T_NO_STRICT     = 1 << 1,
    T_MODULE        = 1 << 2,
    T_RAW           = 1 << 3,
    T_ASYNC         = 1 << 4,
    T_CAN_BLOCK_F   = 1 << 5,   /* CanBlockIsFalse */
    T_CAN_BLOCK_T   = 1 << 6,   /* CanBlockIsTrue */
    T_NONDETERMINISTIC = 1 << 7,
};

typedef struct TestMeta {
    char **includes;            /* harness files, in order */
    int nincludes;
    char **features;
    int nfeatures;
    unsigned flags;             /* T_* */
    char *neg_phase;            /* "parse", "resolution", "runtime"; NULL if not negative */
    char *neg_type;             /* constructor name of the expected error */
} TestMeta;

/* Parses the frontmatter between the first /\*--- and ---*\/ of src.
   Returns 0, or -1 when there is none (m is then empty).  meta_free
   releases what it allocated. */
int meta_parse(const char *src, size_t len, TestMeta *m);
void meta_free(TestMeta *m);

/* The harness files, read once by the parent before it forks. */
typedef struct HarnessFile {
    char *name;                 /* "assert.js" */
    char *text;
    size_t len;
} HarnessFile;

typedef struct HostConfig {
    const HarnessFile *harness;
    int nharness;
} HostConfig;

/* Runs one test in the current (child) process: path is the file to
   open, strict selects the "use strict" run.  Writes everything the test
   prints to stdout, then the verdict as the last line: RESULT_MARK "PASS"
   or RESULT_MARK "FAIL <reason>".  Returns the exit status to use. */
#define RESULT_MARK "\036RESULT "
int host_run_test(const HostConfig *cfg, const char *path, const TestMeta *meta,
                  bool strict);

/* agent.c: $262.agent on threads.  agent_hub_init before the test's
   realms, agent_setup_main on each realm's $262 object (0 / -1), and
   agent_hub_stop at the end (stops and joins the agents). */
int agent_hub_init(void);
int agent_setup_main(JSContext *ctx, JSValueConst d262);
void agent_hub_stop(void);

/* Reads a whole file, NUL-terminated (malloc'd); NULL on error. */
char *read_whole_file(const char *path, size_t *plen);

#endif /* RUN262_H */
