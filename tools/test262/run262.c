/*
 * run262.c - Weft's test262 runner.
 *
 *   run262 --test262 DIR [--known FILE] [--features FILE] [--update-known]
 *          [-j N] [--timeout S] [-v] [FILTER...]
 *
 * Finds the tests under DIR/test (files named *_FIXTURE* are not tests),
 * reads their frontmatter, skips those that need a feature listed in the
 * features file (and says how many, per feature), and runs the rest: twice
 * (non-strict and strict) unless the flags say otherwise.  Each run is a
 * forked child with a timeout, N at a time, so crashes and hangs are
 * reported as failures without stopping the run.
 *
 * A run is named `path/under/test.js (strict)` or `(non-strict)`.  The
 * known-failures file lists the runs expected to fail; a run that fails
 * and is not listed is a new failure and makes the exit status 1.  Listed
 * runs that pass are reported as newly passing.  An unexpected failure
 * is retried once with twice the timeout (a pass then is reported as
 * flaky and does not fail the run).  --update-known rewrites
 * the file from this run's results (entries of runs that were not run are
 * kept).  FILTERs keep only the tests whose path contains one of them.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run262.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(WEFT_SANITIZER)
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 1
#endif
#endif

/* ---------------------------------------------------------------- utilities */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        perror("run262: malloc");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        perror("run262: realloc");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct StrVec {
    char **v;
    int n, cap;
} StrVec;

static void sv_push(StrVec *s, char *str)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = xrealloc(s->v, sizeof(char *) * (size_t)s->cap);
    }
    s->v[s->n++] = str;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sv_sort(StrVec *s)
{
    if (s->n > 1)
        qsort(s->v, (size_t)s->n, sizeof(char *), cmp_str);
}

static bool sv_has_sorted(const StrVec *s, const char *str)
{
    return s->n > 0 &&
           bsearch(&str, s->v, (size_t)s->n, sizeof(char *), cmp_str) != NULL;
}

static const char *signame(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS:  return "SIGBUS";
    case SIGFPE:  return "SIGFPE";
    case SIGILL:  return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    case SIGSYS:  return "SIGSYS";
    default:      return "signal";
    }
}

/* ---------------------------------------------------------------- config */

typedef struct Options {
    const char *test262;
    const char *known;
    const char *features;
    bool update_known;
    bool verbose;
    int jobs;
    double timeout;
    StrVec filters;
} Options;

static void usage(FILE *f)
{
    fputs("usage: run262 --test262 DIR [options] [FILTER...]\n"
          "\n"
          "  --test262 DIR     test262 checkout (with test/ and harness/)\n"
          "  --known FILE      known failures (default tests/test262/known-failures.txt)\n"
          "  --features FILE   features not run (default tests/test262/features.txt)\n"
          "  --update-known    rewrite the known-failures file from this run\n"
          "  -j N              parallel runs (default: number of CPUs)\n"
          "  --timeout S       seconds per run (default 10)\n"
          "  -v, --verbose     print each failure as it happens\n"
          "  FILTER            only tests whose path (under test/) contains FILTER\n",
          f);
}

/* Reads a list file: one item per line, '#' starts a comment. */
static void read_list(const char *path, StrVec *out, bool must_exist)
{
    size_t len;
    char *text = read_whole_file(path, &len), *p, *line;
    if (!text) {
        if (must_exist) {
            fprintf(stderr, "run262: cannot read %s: %s\n", path, strerror(errno));
            exit(2);
        }
        return;
    }
    for (p = text; p && *p; ) {
        char *nl = strchr(p, '\n'), *hash, *e;
        line = p;
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
        hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        e = line + strlen(line);
        while (e > line && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        *e = '\0';
        if (*line)
            sv_push(out, xstrdup(line));
    }
    free(text);
}

/* ---------------------------------------------------------------- discovery */

typedef struct Test {
    char *rel;                  /* path under test/ */
    TestMeta meta;
    int skip_feature;           /* index in the features list, or -1 */
} Test;

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

static void walk(const char *root, const char *rel, StrVec *out)
{
    char path[4096];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    d = opendir(path);
    if (!d) {
        fprintf(stderr, "run262: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char child[4096], full[8192];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        if (*rel)
            snprintf(child, sizeof child, "%s/%s", rel, e->d_name);
        else
            snprintf(child, sizeof child, "%s", e->d_name);
        snprintf(full, sizeof full, "%s/%s", root, child);
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (!*rel && (!strcmp(e->d_name, "intl402") || !strcmp(e->d_name, "staging")))
                continue;
            walk(root, child, out);
        } else if (S_ISREG(st.st_mode) && has_suffix(e->d_name, ".js") &&
                   !strstr(e->d_name, "_FIXTURE")) {
            sv_push(out, xstrdup(child));
        }
    }
    closedir(d);
}

static bool selected(const Options *o, const char *rel)
{
    int i;
    char with_prefix[4096];
    if (o->filters.n == 0)
        return true;
    snprintf(with_prefix, sizeof with_prefix, "test/%s", rel);
    for (i = 0; i < o->filters.n; i++)
        if (strstr(rel, o->filters.v[i]) || strstr(with_prefix, o->filters.v[i]))
            return true;
    return false;
}

/* ---------------------------------------------------------------- runs */

enum { R_PENDING, R_PASS, R_FAIL };

typedef struct Run {
    int test;
    bool strict;
    char status;
    float secs;                 /* wall time of the child */
    bool flaky;                 /* failed, then passed when retried */
    char *msg;                  /* why it failed */
} Run;

static char *run_id(const Test *t, const Run *r)
{
    size_t n = strlen(t->rel) + 16;
    char *s = xmalloc(n);
    snprintf(s, n, "%s (%s)", t->rel, r->strict ? "strict" : "non-strict");
    return s;
}

/* A child being waited for. */
typedef struct Slot {
    pid_t pid;
    int fd;
    int run;
    double started;
    double deadline;
    bool timed_out;
    char *out;                  /* captured output (head and tail) */
    size_t len, cap;
    bool truncated;
} Slot;

#define MAX_LISTED 500          /* new failures / newly passing printed without -v */
#define MAX_RETRIES 300         /* unexpected failures retried at most */
#define MAX_TIMEOUT_RETRIES 10  /* ... of which timeouts */
#define OUT_CAP  (256 * 1024)
#define OUT_KEEP (8 * 1024)

static void slot_append(Slot *s, const char *buf, size_t n)
{
    if (s->len + n + 1 > OUT_CAP) {
        /* keep the first and the last OUT_KEEP bytes */
        if (s->len > 2 * OUT_KEEP) {
            memmove(s->out + OUT_KEEP, s->out + s->len - OUT_KEEP, OUT_KEEP);
            s->len = 2 * OUT_KEEP;
            s->truncated = true;
        }
        if (n > OUT_CAP / 2) {
            buf += n - OUT_CAP / 2;
            n = OUT_CAP / 2;
            s->truncated = true;
        }
    }
    if (s->len + n + 1 > s->cap) {
        s->cap = s->cap ? s->cap : 4096;
        while (s->cap < s->len + n + 1)
            s->cap *= 2;
        s->out = xrealloc(s->out, s->cap);
    }
    memcpy(s->out + s->len, buf, n);
    s->len += n;
    s->out[s->len] = '\0';
}

/* The last lines of the captured output (without the verdict), for reports. */
static char *output_tail(const Slot *s, size_t max)
{
    size_t end = s->len, start;
    const char *mark;
    if (!s->out)
        return xstrdup("");
    mark = strstr(s->out, RESULT_MARK);
    if (mark)
        end = (size_t)(mark - s->out);
    while (end > 0 && (s->out[end - 1] == '\n' || s->out[end - 1] == ' '))
        end--;
    start = end > max ? end - max : 0;
    {
        char *r = xmalloc(end - start + 1);
        memcpy(r, s->out + start, end - start);
        r[end - start] = '\0';
        return r;
    }
}

static char *join_msg(const char *head, const char *tail)
{
    size_t n = strlen(head) + strlen(tail) + 2;
    char *s = xmalloc(n);
    if (*tail)
        snprintf(s, n, "%s\n%s", head, tail);
    else
        snprintf(s, n, "%s", head);
    return s;
}

static void finish_slot(Slot *s, int status, Run *run, double timeout)
{
    char *mark = s->out ? strstr(s->out, RESULT_MARK) : NULL;
    char head[256];
    if (s->timed_out) {
        char *tail = output_tail(s, 600);
        snprintf(head, sizeof head, "timed out after %.0f s", timeout);
        run->status = R_FAIL;
        run->msg = join_msg(head, tail);
        free(tail);
    } else if (WIFSIGNALED(status)) {
        char *tail = output_tail(s, 1500);
        snprintf(head, sizeof head, "crashed (%s)%s", signame(WTERMSIG(status)),
                 mark && !strncmp(mark + strlen(RESULT_MARK), "PASS", 4)
                 ? " after passing, while freeing the runtime" : "");
        run->status = R_FAIL;
        run->msg = join_msg(head, tail);
        free(tail);
    } else if (!mark) {
        char *tail = output_tail(s, 1500);
        snprintf(head, sizeof head, "exited with status %d without a verdict",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        run->status = R_FAIL;
        run->msg = join_msg(head, tail);
        free(tail);
    } else {
        const char *v = mark + strlen(RESULT_MARK);
        if (!strncmp(v, "PASS", 4) && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            run->status = R_PASS;
        } else {
            const char *nl;
            size_t n;
            run->status = R_FAIL;
            if (!strncmp(v, "FAIL ", 5))
                v += 5;
            nl = strchr(v, '\n');
            n = nl ? (size_t)(nl - v) : strlen(v);
            if (!strncmp(v, "PASS", 4))
                run->msg = xstrdup("passed, then exited with an error status");
            else {
                run->msg = xmalloc(n + 1);
                memcpy(run->msg, v, n);
                run->msg[n] = '\0';
            }
            if (WIFEXITED(status) && WEXITSTATUS(status) > 1) {
                /* sanitizer reports and the like */
                char *tail = output_tail(s, 1500), *m = join_msg(run->msg, tail);
                free(tail);
                free(run->msg);
                run->msg = m;
            }
        }
    }
    free(s->out);
    s->out = NULL;
    s->len = s->cap = 0;
    s->truncated = false;
    s->timed_out = false;
    s->pid = 0;
    s->fd = -1;
}

static void child_main(const HostConfig *cfg, const Options *o, const Test *t, bool strict,
                       int wfd)
{
    char path[8192];
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, 0);
        close(devnull);
    }
    dup2(wfd, 1);
    dup2(wfd, 2);
    close(wfd);
    signal(SIGPIPE, SIG_DFL);
#ifndef UNDER_SANITIZER
    {
        /* a runaway test must not take the machine down */
        struct rlimit rl;
        rl.rlim_cur = rl.rlim_max = (rlim_t)4 << 30;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
    {
        struct rlimit core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &core);
    }
    snprintf(path, sizeof path, "%s/test/%s", o->test262, t->rel);
    exit(host_run_test(cfg, path, &t->meta, strict));
}

/* ---------------------------------------------------------------- reports */

typedef struct DirStat {
    char *key;
    int pass, total, skipped;
} DirStat;

static char *dir_key(const char *rel)
{
    const char *a = strchr(rel, '/'), *b;
    size_t n;
    char *k;
    if (!a)
        return xstrdup("(top)");
    b = strchr(a + 1, '/');
    n = b ? (size_t)(b - rel) : (size_t)(a - rel);
    k = xmalloc(n + 1);
    memcpy(k, rel, n);
    k[n] = '\0';
    return k;
}

static DirStat *dir_stat(DirStat **tab, int *n, int *cap, const char *rel)
{
    char *k = dir_key(rel);
    int i;
    for (i = *n - 1; i >= 0; i--) {
        if (!strcmp((*tab)[i].key, k)) {
            free(k);
            return &(*tab)[i];
        }
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *tab = xrealloc(*tab, sizeof(DirStat) * (size_t)*cap);
    }
    (*tab)[*n].key = k;
    (*tab)[*n].pass = (*tab)[*n].total = (*tab)[*n].skipped = 0;
    return &(*tab)[(*n)++];
}

static int cmp_dirstat(const void *a, const void *b)
{
    return strcmp(((const DirStat *)a)->key, ((const DirStat *)b)->key);
}

static void print_msg(const char *id, const char *msg)
{
    const char *p = msg ? msg : "";
    printf("  %s\n", id);
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        printf("      %.*s\n", (int)n, p);
        p += n;
        if (*p == '\n')
            p++;
    }
}

static void write_known(const char *path, const StrVec *entries)
{
    size_t len;
    char *old = read_whole_file(path, &len), tmp[4096];
    FILE *f;
    int i;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "run262: cannot write %s: %s\n", tmp, strerror(errno));
        exit(2);
    }
    /* keep the comment block at the top of the old file */
    if (old) {
        char *p = old;
        while (*p == '#') {
            char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
            fwrite(p, 1, n, f);
            p += n;
        }
        free(old);
    } else {
        fputs("# test262 runs expected to fail, one per line: path under test/ (mode).\n"
              "# Maintained by `run262 --update-known`; CI fails on any failure not listed.\n",
              f);
    }
    for (i = 0; i < entries->n; i++)
        fprintf(f, "%s\n", entries->v[i]);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "run262: cannot write %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

/* Runs runs[order[0..n)] in forked children, o->jobs at a time. */
static void run_pool(const HostConfig *cfg, const Options *o, Test *tests, Run *runs,
                     const int *order, int n, bool progress)
{
    Slot *slots = calloc((size_t)o->jobs, sizeof(Slot));
    double start = now_sec(), last_progress = start;
    int next = 0, running = 0, done = 0, nfail = 0, i;
    if (!slots) {
        perror("run262: calloc");
        exit(2);
    }
    for (i = 0; i < o->jobs; i++)
        slots[i].fd = -1;
    while (next < n || running > 0) {
        struct pollfd *pfds;
        int *map, np = 0;
        double t_now;
        while (running < o->jobs && next < n) {
            int fds[2];
            pid_t pid;
            Slot *s = NULL;
            Run *r = &runs[order[next]];
            for (i = 0; i < o->jobs; i++)
                if (slots[i].pid == 0) {
                    s = &slots[i];
                    break;
                }
            if (pipe(fds) < 0) {
                perror("run262: pipe");
                exit(2);
            }
            fflush(stdout);
            fflush(stderr);
            pid = fork();
            if (pid < 0) {
                perror("run262: fork");
                exit(2);
            }
            if (pid == 0) {
                int k;
                close(fds[0]);
                for (k = 0; k < o->jobs; k++)
                    if (slots[k].fd >= 0)
                        close(slots[k].fd);
                child_main(cfg, o, &tests[r->test], r->strict, fds[1]);
            }
            close(fds[1]);
            fcntl(fds[0], F_SETFD, FD_CLOEXEC);
            s->pid = pid;
            s->fd = fds[0];
            s->run = order[next++];
            s->started = now_sec();
            s->deadline = s->started + o->timeout;
            s->timed_out = false;
            running++;
        }
        pfds = xmalloc(sizeof(struct pollfd) * (size_t)o->jobs);
        map = xmalloc(sizeof(int) * (size_t)o->jobs);
        for (i = 0; i < o->jobs; i++) {
            if (slots[i].pid && slots[i].fd >= 0) {
                pfds[np].fd = slots[i].fd;
                pfds[np].events = POLLIN;
                pfds[np].revents = 0;
                map[np++] = i;
            }
        }
        if (poll(pfds, (nfds_t)np, 100) < 0 && errno != EINTR) {
            perror("run262: poll");
            exit(2);
        }
        for (i = 0; i < np; i++) {
            Slot *s = &slots[map[i]];
            char buf[65536];
            ssize_t got;
            if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            got = read(s->fd, buf, sizeof buf);
            if (got > 0) {
                slot_append(s, buf, (size_t)got);
                continue;
            }
            if (got < 0 && errno == EINTR)
                continue;
            {
                /* end of output: the child is exiting */
                int status = 0;
                Run *r = &runs[s->run];
                close(s->fd);
                s->fd = -1;
                while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
                    ;
                r->secs = (float)(now_sec() - s->started);
                finish_slot(s, status, r, o->timeout);
                running--;
                done++;
                if (r->status == R_FAIL) {
                    nfail++;
                    if (o->verbose) {
                        char *id = run_id(&tests[r->test], r);
                        print_msg(id, r->msg);
                        free(id);
                    }
                }
            }
        }
        free(pfds);
        free(map);
        t_now = now_sec();
        for (i = 0; i < o->jobs; i++) {
            if (slots[i].pid && !slots[i].timed_out && t_now > slots[i].deadline) {
                kill(slots[i].pid, SIGKILL);
                slots[i].timed_out = true;
            }
        }
        if (progress && t_now - last_progress >= 15 && n > 0) {
            fprintf(stderr, "[%3d%%] %d/%d runs, %d failing, %.0f s\n", done * 100 / n,
                    done, n, nfail, t_now - start);
            last_progress = t_now;
        }
    }
    free(slots);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    Options o;
    StrVec features = { 0 }, known = { 0 }, files = { 0 };
    HostConfig cfg;
    HarnessFile *harness = NULL;
    int nharness = 0;
    Test *tests;
    int ntests = 0, i;
    Run *runs = NULL;
    int nruns = 0, runs_cap = 0;
    int *feature_skips;
    double start;

    memset(&o, 0, sizeof o);
    o.known = "tests/test262/known-failures.txt";
    o.features = "tests/test262/features.txt";
    o.timeout = 10;
    o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (o.jobs < 1)
        o.jobs = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--test262") && i + 1 < argc)
            o.test262 = argv[++i];
        else if (!strcmp(a, "--known") && i + 1 < argc)
            o.known = argv[++i];
        else if (!strcmp(a, "--features") && i + 1 < argc)
            o.features = argv[++i];
        else if (!strcmp(a, "--update-known"))
            o.update_known = true;
        else if (!strcmp(a, "-j") && i + 1 < argc)
            o.jobs = atoi(argv[++i]);
        else if (!strncmp(a, "-j", 2) && a[2])
            o.jobs = atoi(a + 2);
        else if (!strcmp(a, "--timeout") && i + 1 < argc)
            o.timeout = atof(argv[++i]);
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
            o.verbose = true;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-') {
            fprintf(stderr, "run262: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else {
            /* "test/x" and "x" both name test/x */
            const char *f = a;
            if (!strncmp(f, "test/", 5))
                f += 5;
            sv_push(&o.filters, xstrdup(f));
        }
    }
    if (!o.test262) {
        usage(stderr);
        return 2;
    }
    if (o.jobs < 1)
        o.jobs = 1;
    if (o.timeout <= 0)
        o.timeout = 10;
    signal(SIGPIPE, SIG_IGN);

    read_list(o.features, &features, false);
    read_list(o.known, &known, false);
    sv_sort(&known);

    /* harness files, read once; the children inherit them */
    {
        char hdir[4096];
        DIR *d;
        struct dirent *e;
        snprintf(hdir, sizeof hdir, "%s/harness", o.test262);
        d = opendir(hdir);
        if (!d) {
            fprintf(stderr, "run262: cannot open %s: %s\n", hdir, strerror(errno));
            return 2;
        }
        while ((e = readdir(d)) != NULL) {
            char p[8192];
            size_t len;
            char *text;
            if (!has_suffix(e->d_name, ".js"))
                continue;
            snprintf(p, sizeof p, "%s/%s", hdir, e->d_name);
            text = read_whole_file(p, &len);
            if (!text)
                continue;
            harness = xrealloc(harness, sizeof(HarnessFile) * (size_t)(nharness + 1));
            harness[nharness].name = xstrdup(e->d_name);
            harness[nharness].text = text;
            harness[nharness].len = len;
            nharness++;
        }
        closedir(d);
    }
    cfg.harness = harness;
    cfg.nharness = nharness;

    /* the tests and their runs */
    {
        char root[4096];
        snprintf(root, sizeof root, "%s/test", o.test262);
        walk(root, "", &files);
        sv_sort(&files);
    }
    tests = xmalloc(sizeof(Test) * (size_t)(files.n ? files.n : 1));
    feature_skips = calloc((size_t)(features.n ? features.n : 1), sizeof(int));
    if (!feature_skips)
        return 2;
    for (i = 0; i < files.n; i++) {
        Test *t;
        char p[8192];
        size_t len;
        char *text;
        int f, k;
        if (!selected(&o, files.v[i]))
            continue;
        t = &tests[ntests];
        t->rel = files.v[i];
        t->skip_feature = -1;
        snprintf(p, sizeof p, "%s/test/%s", o.test262, t->rel);
        text = read_whole_file(p, &len);
        if (!text || meta_parse(text, len, &t->meta) < 0)
            memset(&t->meta, 0, sizeof t->meta);
        free(text);
        for (f = 0; f < t->meta.nfeatures && t->skip_feature < 0; f++)
            for (k = 0; k < features.n; k++)
                if (!strcmp(t->meta.features[f], features.v[k])) {
                    t->skip_feature = k;
                    break;
                }
        ntests++;
        if (t->skip_feature >= 0) {
            feature_skips[t->skip_feature]++;
            continue;
        }
        for (k = 0; k < 2; k++) {
            bool strict = k == 1;
            unsigned fl = t->meta.flags;
            if (fl & (T_MODULE | T_RAW)) {
                /* once: modules are strict code, raw tests are left alone */
                if (strict != ((fl & T_MODULE) != 0))
                    continue;
            } else if ((strict && (fl & T_NO_STRICT)) || (!strict && (fl & T_ONLY_STRICT))) {
                continue;
            }
            if (nruns == runs_cap) {
                runs_cap = runs_cap ? runs_cap * 2 : 1024;
                runs = xrealloc(runs, sizeof(Run) * (size_t)runs_cap);
            }
            runs[nruns].test = ntests - 1;
            runs[nruns].strict = strict;
            runs[nruns].status = R_PENDING;
            runs[nruns].msg = NULL;
            runs[nruns].secs = 0;
            runs[nruns].flaky = false;
            nruns++;
        }
    }
    if (ntests == 0) {
        fprintf(stderr, "run262: no test selected under %s/test\n", o.test262);
        return 2;
    }
    printf("test262: %d tests selected, %d runs, -j %d, timeout %.0f s\n", ntests, nruns,
           o.jobs, o.timeout);
    fflush(stdout);

    /* ------------------------------------------------------------ run */
    {
        int *order = xmalloc(sizeof(int) * (size_t)(nruns ? nruns : 1)), nretry = 0;
        int ntimeouts = 0;
        for (i = 0; i < nruns; i++)
            order[i] = i;
        start = now_sec();
        run_pool(&cfg, &o, tests, runs, order, nruns, true);
        /* A failure that is not known gets a second chance, alone on the
           machine's cores with twice the time: a pass then means flaky. */
        for (i = 0; i < nruns; i++) {
            char *id;
            bool timeout;
            if (runs[i].status != R_FAIL)
                continue;
            /* timeouts are costly to retry: only a few of them */
            timeout = runs[i].msg && !strncmp(runs[i].msg, "timed out", 9);
            if (timeout && ntimeouts >= MAX_TIMEOUT_RETRIES)
                continue;
            id = run_id(&tests[runs[i].test], &runs[i]);
            if (!o.update_known && !sv_has_sorted(&known, id) && nretry < MAX_RETRIES) {
                order[nretry++] = i;
                ntimeouts += timeout;
            }
            free(id);
        }
        if (nretry > 0) {
            Options o2 = o;
            Run *saved = xmalloc(sizeof(Run) * (size_t)nretry);
            o2.timeout = o.timeout * 2;
            o2.verbose = false;
            for (i = 0; i < nretry; i++) {
                saved[i] = runs[order[i]];
                runs[order[i]].msg = NULL;
                runs[order[i]].status = R_PENDING;
            }
            fprintf(stderr, "run262: retrying %d unexpected failures\n", nretry);
            run_pool(&cfg, &o2, tests, runs, order, nretry, false);
            for (i = 0; i < nretry; i++) {
                Run *r = &runs[order[i]];
                if (r->status == R_PASS) {
                    r->flaky = true;
                    free(saved[i].msg);
                } else {
                    /* keep the first failure's report */
                    free(r->msg);
                    r->msg = saved[i].msg;
                }
            }
            free(saved);
        }
        free(order);
    }

    /* ------------------------------------------------------------ report */
    {
        DirStat *dirs = NULL;
        int ndirs = 0, dcap = 0, pass = 0, fail = 0, known_fail = 0;
        StrVec new_fail = { 0 }, newly_pass = { 0 }, failing_ids = { 0 }, ran_ids = { 0 };
        StrVec flaky = { 0 };
        double elapsed = now_sec() - start;

        for (i = 0; i < ntests; i++) {
            if (tests[i].skip_feature >= 0)
                dir_stat(&dirs, &ndirs, &dcap, tests[i].rel)->skipped++;
        }
        for (i = 0; i < nruns; i++) {
            Run *r = &runs[i];
            Test *t = &tests[r->test];
            DirStat *d = dir_stat(&dirs, &ndirs, &dcap, t->rel);
            char *id = run_id(t, r);
            bool is_known = sv_has_sorted(&known, id);
            d->total++;
            sv_push(&ran_ids, xstrdup(id));
            if (r->status == R_PASS) {
                d->pass++;
                pass++;
                if (r->flaky)
                    sv_push(&flaky, xstrdup(id));
                if (is_known)
                    sv_push(&newly_pass, xstrdup(id));
            } else {
                fail++;
                sv_push(&failing_ids, xstrdup(id));
                if (is_known) {
                    known_fail++;
                } else {
                    size_t n = strlen(id) + strlen(r->msg ? r->msg : "") + 2;
                    char *line = xmalloc(n);
                    snprintf(line, n, "%s\n%s", id, r->msg ? r->msg : "");
                    sv_push(&new_fail, line);
                }
            }
            free(id);
        }
        if (ndirs > 1)
            qsort(dirs, (size_t)ndirs, sizeof(DirStat), cmp_dirstat);

        printf("\nper directory (passed/run, skipped tests):\n");
        for (i = 0; i < ndirs; i++) {
            DirStat *d = &dirs[i];
            if (d->total)
                printf("  %-48s %6d/%-6d %5.1f%%", d->key, d->pass, d->total,
                       100.0 * d->pass / d->total);
            else
                printf("  %-48s %6s %-6s %6s", d->key, "-", "", "");
            if (d->skipped)
                printf("  (%d skipped)", d->skipped);
            printf("\n");
        }
        {
            int nskipped = 0;
            for (i = 0; i < features.n; i++)
                nskipped += feature_skips[i];
            if (nskipped) {
                printf("\nskipped %d tests for features listed in %s:\n", nskipped, o.features);
                for (i = 0; i < features.n; i++)
                    if (feature_skips[i])
                        printf("  %-48s %6d\n", features.v[i], feature_skips[i]);
            }
        }
        {
            /* the slowest runs: where the time of a run goes */
            int top[10], ntop = 0, k;
            for (i = 0; i < nruns; i++) {
                for (k = ntop; k > 0 && runs[top[k - 1]].secs < runs[i].secs; k--)
                    if (k < 10)
                        top[k] = top[k - 1];
                if (k < 10) {
                    top[k] = i;
                    if (ntop < 10)
                        ntop++;
                }
            }
            if (ntop && runs[top[0]].secs >= 1) {
                printf("\nslowest runs:\n");
                for (k = 0; k < ntop && runs[top[k]].secs >= 1; k++) {
                    char *id = run_id(&tests[runs[top[k]].test], &runs[top[k]]);
                    printf("  %6.1f s  %s%s\n", runs[top[k]].secs, id,
                           runs[top[k]].status == R_PASS ? "" : "  (failed)");
                    free(id);
                }
            }
        }
        if (new_fail.n) {
            printf("\nnew failures (%d): not in %s\n", new_fail.n, o.known);
            for (i = 0; i < new_fail.n && (i < MAX_LISTED || o.verbose); i++) {
                char *nl = strchr(new_fail.v[i], '\n');
                if (nl)
                    *nl = '\0';
                print_msg(new_fail.v[i], nl ? nl + 1 : "");
            }
            if (i < new_fail.n)
                printf("  ... and %d more (-v lists them all)\n", new_fail.n - i);
        }
        if (flaky.n) {
            printf("\nflaky (%d): failed, then passed when run again\n", flaky.n);
            for (i = 0; i < flaky.n; i++)
                printf("  %s\n", flaky.v[i]);
        }
        if (newly_pass.n) {
            printf("\nnewly passing (%d): remove from the list (run with --update-known)\n",
                   newly_pass.n);
            for (i = 0; i < newly_pass.n && (i < MAX_LISTED || o.verbose); i++)
                printf("  %s\n", newly_pass.v[i]);
            if (i < newly_pass.n)
                printf("  ... and %d more (-v lists them all)\n", newly_pass.n - i);
        }
        printf("\ntest262: passed %d of %d runs (%.1f%%) in %.0f s; %d failing: %d known, %d new"
               "; %d newly passing\n",
               pass, nruns, nruns ? 100.0 * pass / nruns : 0.0, elapsed, fail, known_fail,
               new_fail.n, newly_pass.n);

        if (o.update_known) {
            /* entries of runs not made this time stay (other filters,
               skipped features); the rest comes from this run */
            StrVec out = { 0 };
            sv_sort(&ran_ids);
            for (i = 0; i < known.n; i++) {
                if (sv_has_sorted(&ran_ids, known.v[i]))
                    continue;
                if (o.filters.n == 0) {
                    /* drop entries of tests that no longer exist */
                    char rel[4096], *paren;
                    snprintf(rel, sizeof rel, "%s", known.v[i]);
                    paren = strstr(rel, " (");
                    if (paren)
                        *paren = '\0';
                    if (!sv_has_sorted(&files, rel))
                        continue;
                }
                sv_push(&out, xstrdup(known.v[i]));
            }
            for (i = 0; i < failing_ids.n; i++)
                sv_push(&out, xstrdup(failing_ids.v[i]));
            sv_sort(&out);
            write_known(o.known, &out);
            printf("updated %s: %d entries\n", o.known, out.n);
            return 0;
        }
        if (new_fail.n)
            printf("FAILED: %d new test262 failures (fix them, or if expected, run with "
                   "--update-known)\n", new_fail.n);
        return new_fail.n ? 1 : 0;
    }
}
