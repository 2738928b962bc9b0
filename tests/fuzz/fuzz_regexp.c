/*
 * fuzz_regexp.c - libFuzzer target for the regexp compiler and matcher.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *       tests/fuzz/fuzz_regexp.c src/engine/regexp/re_{charset,parse,compile,exec}.c \
 *       src/engine/unicode/{uprops,ucase,unorm,idchar}.c -o /tmp/fuzz_regexp
 *
 * Input: byte 0 = flags (WF_RE_FLAG_*), then the pattern (UTF-16LE) up to
 * a 0xFFFF unit, then the subject (UTF-16LE).  Every input must compile or
 * fail cleanly, match without crashing within the step budget, and free
 * all it allocated.  Build with -DFUZZ_MAIN for a standalone driver that
 * runs random inputs (no libFuzzer needed).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/regexp/regexp.h"

static long live;

static void *fz_realloc(void *opaque, void *p, size_t n)
{
    (void)opaque;
    if (n == 0) {
        if (p) {
            live--;
            free(p);
        }
        return NULL;
    }
    void *q = realloc(p, n);
    if (q && !p)
        live++;
    return q;
}

static int fz_interrupt(void *opaque)
{
    int *calls = opaque;
    return ++*calls > 20;     /* bounded work per input */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    WFRegexpAlloc a = { fz_realloc, NULL };
    uint16_t *u;
    size_t n, split, i;
    uint8_t *bc;
    size_t bclen;
    char err[128];
    int flags;

    if (size < 1)
        return 0;
    flags = data[0];
    if ((flags & WF_RE_FLAG_UNICODE) && (flags & WF_RE_FLAG_UNICODESETS))
        flags &= ~WF_RE_FLAG_UNICODESETS;
    n = (size - 1) / 2;
    u = malloc((n + 1) * sizeof(uint16_t));
    for (i = 0; i < n; i++)
        u[i] = (uint16_t)(data[1 + 2 * i] | (data[2 + 2 * i] << 8));
    for (split = 0; split < n && u[split] != 0xFFFF; split++)
        ;
    if (wf_regexp_compile(&a, u, split, WF_RE_PAT_UTF16, flags, &bc, &bclen, err, sizeof(err)) == 0) {
        int ncap = wf_regexp_capture_count(bc), calls = 0;
        int32_t *caps = malloc(sizeof(int32_t) * 2 * (size_t)ncap);
        WFRegexpExecCtx ex = { &a, fz_interrupt, &calls, 1 << 20, false, 0 };
        const uint16_t *subj = split < n ? u + split + 1 : u + n;
        uint32_t slen = (uint32_t)(split < n ? n - split - 1 : 0);
        wf_regexp_exec(bc, subj, slen, true, 0, caps, &ex);
        free(caps);
        for (int g = 1; g < ncap; g++) {
            size_t l;
            wf_regexp_group_name(bc, g, &l);
        }
        a.realloc(NULL, bc, 0);
    }
    free(u);
    if (live != 0)
        abort();
    return 0;
}

#ifdef FUZZ_MAIN
#include <stdio.h>
/* random inputs from an alphabet of pattern syntax */
int main(int argc, char **argv)
{
    static const char *tok[] = { "(", ")", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<a>", "\\k<a>", "|",
                                 "*", "+", "?", "{1,3}", "{2}", "{", "}", "[", "]", "[^", "-", "&&", "--",
                                 "\\q{", "\\p{L}", "\\P{Lu}", "\\p{RGI_Emoji}", "\\d", "\\w", "\\b", "\\1",
                                 "\\2", "\\c", "\\u{1F600}", "\\uD83D", ".", "^", "$", "a", "b", "\\",
                                 "(?i:", "(?-i:", "\xc3\xa9" };
    unsigned long iters = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    srand(1);
    for (unsigned long it = 0; it < iters; it++) {
        uint8_t buf[512];
        size_t k = 1;
        buf[0] = (uint8_t)rand();
        int nt = rand() % 16;
        for (int t = 0; t < nt && k < 400; t++) {
            const char *s = tok[rand() % (int)(sizeof(tok) / sizeof(tok[0]))];
            for (; *s && k < 400; s++) {
                buf[k++] = (uint8_t)*s;
                buf[k++] = 0;
            }
        }
        buf[k++] = 0xFF;
        buf[k++] = 0xFF;
        for (int j = rand() % 20; j > 0; j--) {
            buf[k++] = (uint8_t)("ab \n\xe9"[rand() % 5]);
            buf[k++] = (uint8_t)(rand() % 8 == 0 ? 0xD8 : 0);
        }
        LLVMFuzzerTestOneInput(buf, k);
    }
    printf("%lu inputs ok\n", iters);
    return 0;
}
#endif
