/*
 * test_regexp.c - standalone tests of the regexp engine (src/engine/regexp)
 * and the Unicode tables it uses (src/engine/unicode).
 *
 * The main test replays regexp_vectors.txt (V8's results, written by
 * gen_regexp_vectors.js): every pattern must compile or fail to compile as
 * in V8, and every exec must give the same capture indices, on UTF-16
 * subjects and (when they fit) on Latin-1 ones.  Other tests cover the
 * interrupt callback, the backtracking limit, allocation failure, the
 * group name accessors, the parser's validation hook, and leaks (every
 * allocation goes through a counting allocator).
 *
 * REGEXP_VECTORS=path overrides the vectors file (default: beside this
 * source file).
 */
#include "harness.h"

#include <ctype.h>

#include "engine/regexp/regexp.h"
#include "engine/unicode/unicode.h"

/* ---------------------------------------------------------------- allocator */

typedef struct TestAlloc {
    long live;          /* blocks not yet freed */
    long fail_after;    /* fail the Nth allocation from now (-1: never) */
} TestAlloc;

static void *test_realloc(void *opaque, void *p, size_t n)
{
    TestAlloc *t = opaque;
    if (n == 0) {
        if (p) {
            t->live--;
            free(p);
        }
        return NULL;
    }
    if (t->fail_after == 0)
        return NULL;
    if (t->fail_after > 0)
        t->fail_after--;
    void *q = realloc(p, n);
    if (q && !p)
        t->live++;
    return q;
}

/* ---------------------------------------------------------------- helpers */

static uint16_t *units_from_hex(const char *h, size_t *len)
{
    size_t n, cap = 16;
    uint16_t *u = malloc(cap * sizeof(uint16_t));
    n = 0;
    if (h[0] == '-' && (h[1] == 0 || h[1] == ' ')) {
        *len = 0;
        return u;
    }
    if (h[0] == 'R') {
        /* R<n>:<hex>:<hex> */
        char *e;
        long count = strtol(h + 1, &e, 10);
        size_t rl, tl;
        const char *rep = e + 1, *tail = strchr(rep, ':') + 1;
        rl = (size_t)(tail - 1 - rep) / 4;
        tl = strcspn(tail, " \n") / 4;
        free(u);
        u = malloc(((size_t)count * rl + tl + 1) * sizeof(uint16_t));
        for (long i = 0; i < count; i++)
            for (size_t k = 0; k < rl; k++) {
                char b[5] = { rep[4 * k], rep[4 * k + 1], rep[4 * k + 2], rep[4 * k + 3], 0 };
                u[n++] = (uint16_t)strtol(b, NULL, 16);
            }
        for (size_t k = 0; k < tl; k++) {
            char b[5] = { tail[4 * k], tail[4 * k + 1], tail[4 * k + 2], tail[4 * k + 3], 0 };
            u[n++] = (uint16_t)strtol(b, NULL, 16);
        }
        *len = n;
        return u;
    }
    while (isxdigit((unsigned char)h[0])) {
        char b[5] = { h[0], h[1], h[2], h[3], 0 };
        if (n == cap) {
            cap *= 2;
            u = realloc(u, cap * sizeof(uint16_t));
        }
        u[n++] = (uint16_t)strtol(b, NULL, 16);
        h += 4;
    }
    *len = n;
    return u;
}

static void show_units(const uint16_t *u, size_t n, char *buf, size_t bufsize)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 8 < bufsize; i++) {
        if (u[i] >= 0x20 && u[i] < 0x7F)
            buf[k++] = (char)u[i];
        else
            k += (size_t)snprintf(buf + k, bufsize - k, "\\u%04x", u[i]);
    }
    if (n > 0 && k + 8 >= bufsize)
        snprintf(buf + k, bufsize - k, "...");
    else
        buf[k] = 0;
}

static int flags_of(const char *f)
{
    if (strcmp(f, "-") == 0)
        return 0;
    return wf_regexp_parse_flags(f, strlen(f), false);
}

static void caps_to_string(const int32_t *caps, int n, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < n && k + 24 < size; i++) {
        if (i)
            buf[k++] = ';';
        if (caps[2 * i] < 0 || caps[2 * i + 1] < 0)
            k += (size_t)snprintf(buf + k, size - k, "u");
        else
            k += (size_t)snprintf(buf + k, size - k, "%d,%d", caps[2 * i], caps[2 * i + 1]);
    }
    buf[k] = 0;
}

static const char *vectors_path(void)
{
    static char path[4096];
    const char *env = getenv("REGEXP_VECTORS");
    if (env)
        return env;
    snprintf(path, sizeof(path), "%s", __FILE__);
    char *slash = strrchr(path, '/');
    if (slash)
        snprintf(slash + 1, sizeof(path) - (size_t)(slash + 1 - path), "regexp_vectors.txt");
    else
        snprintf(path, sizeof(path), "tests/api/regexp_vectors.txt");
    return path;
}

/* ---------------------------------------------------------------- vectors */

TEST_IMPL(vectors)
{
    FILE *f = fopen(vectors_path(), "r");
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    WFRegexpExecCtx ectx = { &a, NULL, NULL, 0, false, 0 };
    size_t cap = 1 << 20;
    char *line = malloc(cap);
    uint8_t *bc = NULL;
    size_t bclen;
    uint16_t *pat = NULL;
    size_t patlen = 0;
    char pflags[16] = "";
    int compiled = 0;            /* 1 ok, -1 error, 0 none */
    long npat = 0, nexec = 0, nfail = 0, lineno = 0;
    char err[256], shown[200];

    if (!f)
        TEST_SKIP("regexp_vectors.txt not found (set REGEXP_VECTORS)");
    while (fgets(line, (int)cap, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (line[0] == 'P') {
            char *sp = strchr(line + 2, ' ');
            free(pat);
            if (bc)
                a.realloc(a.opaque, bc, 0);
            bc = NULL;
            *sp = 0;
            pat = units_from_hex(line + 2, &patlen);
            snprintf(pflags, sizeof(pflags), "%s", sp + 1);
            int fl = flags_of(pflags);
            ASSERT(fl >= 0);
            int r = wf_regexp_compile(&a, pat, patlen, WF_RE_PAT_UTF16, fl, &bc, &bclen, err, sizeof(err));
            ASSERT(r != -2);
            compiled = r == 0 ? 1 : -1;
            npat++;
            continue;
        }
        if (line[0] == 'E') {
            if (compiled != -1) {
                show_units(pat, patlen, shown, sizeof(shown));
                if (nfail++ < 40)
                    printf("line %ld: /%s/%s compiled, V8 says SyntaxError\n", lineno, shown, pflags);
            }
            continue;
        }
        if (line[0] != 'M')
            continue;
        if (compiled != 1) {
            show_units(pat, patlen, shown, sizeof(shown));
            if (nfail++ < 40)
                printf("line %ld: /%s/%s: SyntaxError \"%s\", V8 compiles it\n", lineno, shown, pflags, err);
            compiled = 0;
            continue;
        }
        char *subj = line + 2, *sp1 = strchr(subj, ' '), *sp2 = strchr(sp1 + 1, ' ');
        *sp1 = 0;
        *sp2 = 0;
        size_t slen;
        uint16_t *s = units_from_hex(subj, &slen);
        uint32_t start = (uint32_t)atol(sp1 + 1);
        const char *want = sp2 + 1;
        int ncap = wf_regexp_capture_count(bc);
        int32_t *caps = malloc(2 * (size_t)ncap * sizeof(int32_t));
        char got[4096];
        /* exec as the vectors were made: a global or sticky copy */
        int r = wf_regexp_exec(bc, s, (uint32_t)slen, true, start, caps, &ectx);
        if (r < 0)
            snprintf(got, sizeof(got), "error %d", ectx.error);
        else if (r == 0)
            snprintf(got, sizeof(got), "-");
        else
            caps_to_string(caps, ncap, got, sizeof(got));
        nexec++;
        if (strcmp(got, want) != 0) {
            show_units(pat, patlen, shown, sizeof(shown));
            char ss[200];
            show_units(s, slen, ss, sizeof(ss));
            if (nfail++ < 40)
                printf("line %ld: /%s/%s on \"%s\" from %u: got %s, want %s\n", lineno, shown,
                       pflags, ss, start, got, want);
        } else {
            /* the same on a Latin-1 copy */
            bool narrow = true;
            for (size_t i = 0; i < slen; i++)
                if (s[i] > 0xFF)
                    narrow = false;
            if (narrow) {
                uint8_t *s8 = malloc(slen + 1);
                char got8[4096];
                for (size_t i = 0; i < slen; i++)
                    s8[i] = (uint8_t)s[i];
                r = wf_regexp_exec(bc, s8, (uint32_t)slen, false, start, caps, &ectx);
                if (r < 0)
                    snprintf(got8, sizeof(got8), "error %d", ectx.error);
                else if (r == 0)
                    snprintf(got8, sizeof(got8), "-");
                else
                    caps_to_string(caps, ncap, got8, sizeof(got8));
                if (strcmp(got8, want) != 0 && nfail++ < 40) {
                    show_units(pat, patlen, shown, sizeof(shown));
                    printf("line %ld: /%s/%s (Latin-1 subject) from %u: got %s, want %s\n", lineno,
                           shown, pflags, start, got8, want);
                }
                free(s8);
            }
        }
        free(caps);
        free(s);
    }
    fclose(f);
    free(pat);
    free(line);
    if (bc)
        a.realloc(a.opaque, bc, 0);
    printf("%ld patterns, %ld execs, %ld mismatches\n", npat, nexec, nfail);
    ASSERT_EQ(nfail, 0);
    ASSERT_EQ(ta.live, 0);
}

/* ---------------------------------------------------------------- limits */

static int interrupt_after(void *opaque)
{
    int *n = opaque;
    return ++*n >= 5;
}

static uint8_t *compile_ascii(WFRegexpAlloc *a, const char *p, int flags)
{
    uint8_t *bc;
    size_t len;
    char err[128];
    int r = wf_regexp_compile(a, p, strlen(p), WF_RE_PAT_LATIN1, flags, &bc, &len, err, sizeof(err));
    if (r != 0)
        printf("compile /%s/: %s\n", p, err);
    ASSERT_EQ(r, 0);
    return bc;
}

TEST_IMPL(interrupt)
{
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    int calls = 0;
    WFRegexpExecCtx ectx = { &a, interrupt_after, &calls, 0, false, 0 };
    /* exponential backtracking */
    uint8_t *bc = compile_ascii(&a, "^(a+)+$", 0);
    char subj[64];
    int32_t caps[4];
    memset(subj, 'a', 40);
    subj[40] = 'b';
    int r = wf_regexp_exec(bc, subj, 41, false, 0, caps, &ectx);
    ASSERT_EQ(r, -1);
    ASSERT_EQ(ectx.error, WF_RE_ERR_INTERRUPTED);
    ASSERT_EQ(calls, 5);
    a.realloc(a.opaque, bc, 0);
    ASSERT_EQ(ta.live, 0);
}

TEST_IMPL(stack_limit)
{
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    WFRegexpExecCtx ectx = { &a, NULL, NULL, 1 << 16, false, 0 };
    uint8_t *bc = compile_ascii(&a, "(?:a|b)*c", WF_RE_FLAG_STICKY);
    size_t n = 200000;
    char *subj = malloc(n);
    int32_t caps[2];
    memset(subj, 'a', n);
    int r = wf_regexp_exec(bc, subj, (uint32_t)n, false, 0, caps, &ectx);
    ASSERT_EQ(r, -1);
    ASSERT_EQ(ectx.error, WF_RE_ERR_LIMIT);
    /* with the default limit it completes */
    ectx.stack_limit = 0;
    r = wf_regexp_exec(bc, subj, (uint32_t)n, false, 0, caps, &ectx);
    ASSERT_EQ(r, 0);
    /* a simple loop needs no stack per character */
    a.realloc(a.opaque, bc, 0);
    bc = compile_ascii(&a, "a*$", 0);
    ectx.stack_limit = 4096;
    r = wf_regexp_exec(bc, subj, (uint32_t)n, false, 0, caps, &ectx);
    ASSERT_EQ(r, 1);
    ASSERT_EQ(caps[1], (int32_t)n);
    a.realloc(a.opaque, bc, 0);
    free(subj);
    ASSERT_EQ(ta.live, 0);
}

TEST_IMPL(alloc_failure)
{
    static const char *pats[] = {
        "(?<y>\\d{4})-(?<m>\\d{2})|[\\p{L}--[a-z]]", "\\p{RGI_Emoji}", "[\\p{L}\\p{N}]+(a|b)*?",
    };
    static const int flags[] = { WF_RE_FLAG_UNICODESETS, WF_RE_FLAG_UNICODESETS,
                                 WF_RE_FLAG_UNICODE | WF_RE_FLAG_IGNORECASE };
    for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
        for (long k = 0;; k++) {
            TestAlloc ta = { 0, k };
            WFRegexpAlloc a = { test_realloc, &ta };
            uint8_t *bc;
            size_t len;
            char err[128];
            int r = wf_regexp_compile(&a, pats[i], strlen(pats[i]), WF_RE_PAT_LATIN1, flags[i], &bc,
                                      &len, err, sizeof(err));
            if (r == 0) {
                a.realloc(a.opaque, bc, 0);
                ASSERT_EQ(ta.live, 0);
                break;
            }
            ASSERT_EQ(r, -2);
            ASSERT_EQ(ta.live, 0);
        }
    }
}

TEST_IMPL(group_names)
{
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    uint8_t *bc = compile_ascii(&a, "(?<year>\\d+)(x)(?:(?<m>a)|(?<m>b))", 0);
    size_t len;
    ASSERT_EQ(wf_regexp_capture_count(bc), 5);
    ASSERT(wf_regexp_has_named_groups(bc));
    const char *n = wf_regexp_group_name(bc, 1, &len);
    ASSERT(n && len == 4 && memcmp(n, "year", 4) == 0);
    ASSERT_NULL(wf_regexp_group_name(bc, 2, &len));
    n = wf_regexp_group_name(bc, 4, &len);
    ASSERT(n && len == 1 && n[0] == 'm');
    ASSERT_NULL(wf_regexp_group_name(bc, 5, &len));
    a.realloc(a.opaque, bc, 0);
    bc = compile_ascii(&a, "(a)", WF_RE_FLAG_GLOBAL | WF_RE_FLAG_HASINDICES);
    ASSERT(!wf_regexp_has_named_groups(bc));
    ASSERT_EQ(wf_regexp_flags(bc), WF_RE_FLAG_GLOBAL | WF_RE_FLAG_HASINDICES);
    a.realloc(a.opaque, bc, 0);
    ASSERT_EQ(ta.live, 0);
}

TEST_IMPL(flags_and_validate)
{
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    char msg[128];
    ASSERT_EQ(wf_regexp_parse_flags("dgimsuy", 7, false), 0x7F);
    ASSERT_EQ(wf_regexp_parse_flags("gg", 2, false), -1);
    ASSERT_EQ(wf_regexp_parse_flags("uv", 2, false), -1);
    ASSERT_EQ(wf_regexp_parse_flags("x", 1, false), -1);
    ASSERT(wf_regexp_validate(&a, "a(?<n>b)\\k<n>", 13, "gu", 2, msg, sizeof(msg)));
    ASSERT(!wf_regexp_validate(&a, "a(", 2, "", 0, msg, sizeof(msg)));
    ASSERT(strlen(msg) > 0);
    ASSERT(!wf_regexp_validate(&a, "a", 1, "gg", 2, msg, sizeof(msg)));
    /* UTF-8 source: an astral literal is one code point with u */
    ASSERT(wf_regexp_validate(&a, "[\xF0\x9F\x98\x80-\xF0\x9F\x99\x8F]", 11, "u", 1, msg, sizeof(msg)));
    ASSERT(!wf_regexp_validate(&a, "[\xF0\x9F\x98\x80-\xF0\x9F\x99\x8F]", 11, "", 0, msg, sizeof(msg)));
    ASSERT_EQ(ta.live, 0);
}

TEST_IMPL(deep_nesting)
{
    TestAlloc ta = { 0, -1 };
    WFRegexpAlloc a = { test_realloc, &ta };
    size_t n = 100000;
    char *p = malloc(2 * n + 1);
    uint8_t *bc;
    size_t len;
    char err[128];
    memset(p, '(', n);
    memset(p + n, ')', n);
    int r = wf_regexp_compile(&a, p, 2 * n, WF_RE_PAT_LATIN1, 0, &bc, &len, err, sizeof(err));
    ASSERT_EQ(r, -1);
    free(p);
    ASSERT_EQ(ta.live, 0);
}

/* ---------------------------------------------------------------- unicode */

typedef struct Buf16 {
    uint16_t u[64];
    size_t n;
} Buf16;

static int buf_out(void *opaque, const uint16_t *b, size_t n)
{
    Buf16 *x = opaque;
    for (size_t i = 0; i < n && x->n < 64; i++)
        x->u[x->n++] = b[i];
    return 0;
}

TEST_IMPL(unicode_basics)
{
    TestAlloc ta = { 0, -1 };
    WFUnicodeAlloc ua = { test_realloc, &ta };
    uint32_t out[3];
    WFUnicodeProp p;
    Buf16 b;
    ASSERT_EQ(wf_unicode_to_upper_full(0xDF, out), 2);
    ASSERT_EQ(out[0], 'S');
    ASSERT_EQ(wf_unicode_to_lower_full(0x130, out), 2);
    ASSERT_EQ(wf_unicode_fold_simple(0x1E9E), 0xDF);
    ASSERT_EQ(wf_unicode_canonicalize(0x17F, false), 0x17F);
    ASSERT_EQ(wf_unicode_canonicalize(0x17F, true), 's');
    ASSERT_EQ(wf_unicode_general_category(0x41), WF_GC_Lu);
    ASSERT_EQ(wf_unicode_general_category(0x378), WF_GC_Cn);
    ASSERT(wf_unicode_is_id_start(0x88F));           /* new in Unicode 17 */
    ASSERT_EQ(wf_unicode_lookup_property("Script", 6, "Sidt", 4, false, &p), 0);
    ASSERT_EQ(wf_unicode_lookup_property("RGI_Emoji", 9, NULL, 0, false, &p), -1);
    ASSERT_EQ(wf_unicode_lookup_property("RGI_Emoji", 9, NULL, 0, true, &p), 0);
    ASSERT_EQ(wf_unicode_lookup_property("ascii", 5, NULL, 0, false, &p), -1);
    static const uint16_t sigma[] = { 'A', 0x3A3, ' ', 0x3A3 };
    b.n = 0;
    ASSERT_EQ(wf_unicode_case_string(false, sigma, 4, true, buf_out, &b), 0);
    ASSERT_EQ(b.n, 4);
    ASSERT_EQ(b.u[1], 0x3C2);
    ASSERT_EQ(b.u[3], 0x3C3);
    static const uint16_t nfc[] = { 'A', 0x30A, 0x1100, 0x1161, 0x11A8 };
    b.n = 0;
    ASSERT_EQ(wf_unicode_normalize(&ua, WF_NORM_NFC, nfc, 5, true, buf_out, &b), 0);
    ASSERT_EQ(b.n, 2);
    ASSERT_EQ(b.u[0], 0xC5);
    ASSERT_EQ(b.u[1], 0xAC01);
    /* a long run of marks goes through the allocator */
    uint16_t marks[2000];
    marks[0] = 'a';
    for (int i = 1; i < 2000; i++)
        marks[i] = i % 2 ? 0x301 : 0x316;
    ASSERT_EQ(wf_unicode_normalize(&ua, WF_NORM_NFD, marks, 2000, true, buf_out, &b), 0);
    ASSERT_EQ(ta.live, 0);
}

#define TEST_LIST(X)         \
    X(vectors)               \
    X(interrupt)             \
    X(stack_limit)           \
    X(alloc_failure)         \
    X(group_names)           \
    X(flags_and_validate)    \
    X(deep_nesting)          \
    X(unicode_basics)
HARNESS_MAIN(TEST_LIST)
