/*
 * meta.c - the YAML frontmatter of a test262 test.
 *
 * Only the keys the runner needs are read: includes, features, flags and
 * negative (phase, type).  Lists come as flow sequences ("[a, b]", which
 * may span lines) or block sequences ("- a" on the following, indented
 * lines).  Every other key, including block scalars such as `info: |`, is
 * skipped together with its indented lines.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run262.h"

/* First line terminator in [p, stop), or NULL: a few test files use CR
   (not LF) line endings. */
static const char *find_eol(const char *p, const char *stop)
{
    for (; p < stop; p++)
        if (*p == '\n' || *p == '\r')
            return p;
    return NULL;
}

static char *dup_range(const char *s, const char *e)
{
    char *p = malloc((size_t)(e - s) + 1);
    if (!p) {
        perror("malloc");
        exit(2);
    }
    memcpy(p, s, (size_t)(e - s));
    p[e - s] = '\0';
    return p;
}

/* Trims blanks and one level of quotes. */
static void trim(const char **ps, const char **pe)
{
    const char *s = *ps, *e = *pe;
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    if (e - s >= 2 && ((*s == '\'' && e[-1] == '\'') || (*s == '"' && e[-1] == '"'))) {
        s++;
        e--;
    }
    *ps = s;
    *pe = e;
}

static void push(char ***plist, int *pn, const char *s, const char *e)
{
    char **l;
    trim(&s, &e);
    if (s == e)
        return;
    l = realloc(*plist, sizeof(char *) * (size_t)(*pn + 1));
    if (!l) {
        perror("realloc");
        exit(2);
    }
    l[*pn] = dup_range(s, e);
    *plist = l;
    (*pn)++;
}

/* Splits "a, b, c" (the inside of [...]) into the list. */
static void push_flow(char ***plist, int *pn, const char *s, const char *e)
{
    while (s < e) {
        const char *c = memchr(s, ',', (size_t)(e - s));
        if (!c)
            c = e;
        push(plist, pn, s, c);
        s = c < e ? c + 1 : e;
    }
}

static unsigned flag_bit(const char *f)
{
    static const struct { const char *name; unsigned bit; } tab[] = {
        { "onlyStrict", T_ONLY_STRICT }, { "noStrict", T_NO_STRICT },
        { "module", T_MODULE }, { "raw", T_RAW }, { "async", T_ASYNC },
        { "CanBlockIsFalse", T_CAN_BLOCK_F }, { "CanBlockIsTrue", T_CAN_BLOCK_T },
        { "non-deterministic", T_NONDETERMINISTIC },
    };
    size_t i;
    for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strcmp(f, tab[i].name))
            return tab[i].bit;
    return 0;
}

/* `phase: x` or `type: x` of the negative key */
static void set_negative(TestMeta *m, const char *ks, const char *ke, const char *vs,
                         const char *ve)
{
    trim(&ks, &ke);
    trim(&vs, &ve);
    if ((size_t)(ke - ks) == 5 && !memcmp(ks, "phase", 5)) {
        free(m->neg_phase);
        m->neg_phase = dup_range(vs, ve);
    } else if ((size_t)(ke - ks) == 4 && !memcmp(ks, "type", 4)) {
        free(m->neg_type);
        m->neg_type = dup_range(vs, ve);
    }
}

enum { K_OTHER, K_INCLUDES, K_FEATURES, K_FLAGS, K_NEGATIVE };

int meta_parse(const char *src, size_t len, TestMeta *m)
{
    const char *end = src + len, *p, *stop;
    char **flags = NULL;
    int nflags = 0, key = K_OTHER, i;

    memset(m, 0, sizeof *m);
    p = NULL;
    for (const char *q = src; q + 5 <= end; q++) {
        if (q[0] == '/' && q[1] == '*' && q[2] == '-' && q[3] == '-' && q[4] == '-') {
            p = q + 5;
            break;
        }
    }
    if (!p)
        return -1;
    stop = NULL;
    for (const char *q = p; q + 5 <= end; q++) {
        if (q[0] == '-' && q[1] == '-' && q[2] == '-' && q[3] == '*' && q[4] == '/') {
            stop = q;
            break;
        }
    }
    if (!stop)
        return -1;

    while (p < stop) {
        const char *eol = find_eol(p, stop);
        const char *line = p, *lend;
        bool indented;
        if (!eol)
            eol = stop;
        lend = eol;
        p = eol < stop ? eol + 1 : stop;
        indented = line < lend && (*line == ' ' || *line == '\t');
        if (!indented) {
            const char *colon = memchr(line, ':', (size_t)(lend - line));
            const char *v, *ve;
            if (!colon)
                continue;
            {
                const char *ks = line, *ke = colon;
                trim(&ks, &ke);
                key = K_OTHER;
                if ((size_t)(ke - ks) == 8 && !memcmp(ks, "includes", 8))
                    key = K_INCLUDES;
                else if ((size_t)(ke - ks) == 8 && !memcmp(ks, "features", 8))
                    key = K_FEATURES;
                else if ((size_t)(ke - ks) == 5 && !memcmp(ks, "flags", 5))
                    key = K_FLAGS;
                else if ((size_t)(ke - ks) == 8 && !memcmp(ks, "negative", 8))
                    key = K_NEGATIVE;
            }
            v = colon + 1;
            ve = lend;
            trim(&v, &ve);
            if (key == K_NEGATIVE && v < ve && *v == '{') {
                /* flow mapping: {phase: parse, type: SyntaxError} */
                const char *q = v + 1, *qe = memchr(v, '}', (size_t)(ve - v));
                if (!qe)
                    qe = ve;
                while (q < qe) {
                    const char *c = memchr(q, ',', (size_t)(qe - q)), *colon;
                    if (!c)
                        c = qe;
                    colon = memchr(q, ':', (size_t)(c - q));
                    if (colon)
                        set_negative(m, q, colon, colon + 1, c);
                    q = c < qe ? c + 1 : qe;
                }
                continue;
            }
            if (key == K_OTHER || key == K_NEGATIVE || v == ve)
                continue;
            if (*v == '[') {
                /* flow sequence, possibly over several lines */
                const char *close = memchr(v, ']', (size_t)(stop - v));
                char ***list = key == K_INCLUDES ? &m->includes
                    : key == K_FEATURES ? &m->features : &flags;
                int *n = key == K_INCLUDES ? &m->nincludes
                    : key == K_FEATURES ? &m->nfeatures : &nflags;
                if (!close)
                    close = stop;
                push_flow(list, n, v + 1, close);
                if (close > lend) {
                    const char *nl = find_eol(close, stop);
                    p = nl ? nl + 1 : stop;
                }
            } else if (key == K_INCLUDES) {
                push(&m->includes, &m->nincludes, v, ve);
            } else if (key == K_FEATURES) {
                push(&m->features, &m->nfeatures, v, ve);
            } else {
                push(&flags, &nflags, v, ve);
            }
            continue;
        }
        /* an indented line belongs to the last key */
        {
            const char *s = line, *e = lend;
            trim(&s, &e);
            if (s == e || key == K_OTHER)
                continue;
            if (key == K_NEGATIVE) {
                const char *colon = memchr(s, ':', (size_t)(e - s));
                if (colon)
                    set_negative(m, s, colon, colon + 1, e);
            } else if (*s == '-') {
                if (key == K_INCLUDES)
                    push(&m->includes, &m->nincludes, s + 1, e);
                else if (key == K_FEATURES)
                    push(&m->features, &m->nfeatures, s + 1, e);
                else
                    push(&flags, &nflags, s + 1, e);
            }
        }
    }
    for (i = 0; i < nflags; i++) {
        m->flags |= flag_bit(flags[i]);
        free(flags[i]);
    }
    free(flags);
    if (m->neg_phase && !m->neg_type) {
        m->neg_type = strdup("?");
    }
    return 0;
}

void meta_free(TestMeta *m)
{
    int i;
    for (i = 0; i < m->nincludes; i++)
        free(m->includes[i]);
    for (i = 0; i < m->nfeatures; i++)
        free(m->features[i]);
    free(m->includes);
    free(m->features);
    free(m->neg_phase);
    free(m->neg_type);
    memset(m, 0, sizeof *m);
}

char *read_whole_file(const char *path, size_t *plen)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    size_t got;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)n + 1);
    if (!buf) {
        fclose(f);
        return NULL;
    }
    got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    if (plen)
        *plen = got;
    return buf;
}
