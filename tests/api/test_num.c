/*
 * test_num.c - standalone test of src/engine/num (number <-> text).
 *
 *   gcc -std=c11 -O2 -Wall -Wextra -Isrc -Iinclude tests/api/test_num.c
 *       src/engine/num/[a-z]*.c -lm -o /tmp/test_num && /tmp/test_num
 *
 * Optional argument: path of num_vectors.txt (default: beside this file).
 * Checks fixed cases from the spec and from V8, a million random doubles
 * for shortest round-trip, the C library's correctly rounded strtod and
 * printf as an independent oracle (test code only: the engine never uses
 * them), and the V8 reference vectors made by gen_num_vectors.js.
 * Prints the number of value checks, then "N passed, N failed" counting
 * test groups, and exits non-zero on failure.  TEST_NUM_QUICK=1 runs
 * fewer random values; TEST_NUM_BENCH=1 adds timings.
 */
#define _POSIX_C_SOURCE 200809L
#include "engine/num/num.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long n_pass, n_fail;
static int n_printed;

#define MAX_PRINT 60

static void fail_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void fail_msg(const char *fmt, ...)
{
    n_fail++;
    if (n_printed++ < MAX_PRINT) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputc('\n', stdout);
        va_end(ap);
    }
}

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static int same(double a, double b)
{
    if (a != a && b != b)
        return 1;
    return bits(a) == bits(b);
}

static void check_str(const char *what, double d, int arg, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        n_pass++;
    else
        fail_msg("%s(%.17g [%016llx], %d): got \"%s\", want \"%s\"", what, d,
                 (unsigned long long)bits(d), arg, got, want);
}

static void check_num(const char *what, const char *input, double got, double want)
{
    if (same(got, want))
        n_pass++;
    else
        fail_msg("%s(\"%.80s\"): got %.17g [%016llx], want %.17g [%016llx]", what, input,
                 got, (unsigned long long)bits(got), want, (unsigned long long)bits(want));
}

/* ---- random numbers (test only) ---- */
static uint64_t rs0 = 0x243f6a8885a308d3ull, rs1 = 0x13198a2e03707344ull;
static uint64_t rnd64(void)
{
    uint64_t x = rs0, y = rs1;
    rs0 = y;
    x ^= x << 23;
    rs1 = x ^ y ^ (x >> 17) ^ (y >> 26);
    return rs1 + y;
}
static int rint_(int n) { return (int)(rnd64() % (uint64_t)n); }
static double random_finite(void)
{
    for (;;) {
        double d = from_bits(rnd64());
        if (isfinite(d))
            return d;
    }
}

static double parse_all(const char *s)
{
    size_t c;
    double v = wf_num_strtod(s, strlen(s), &c);
    return v;
}

/* ---- fixed cases ---- */

static void test_dtoa_fixed(void)
{
    static const struct { double d; const char *s; } t[] = {
        { 0.0, "0" }, { -0.0, "0" }, { 1.0, "1" }, { -1.0, "-1" },
        { 0.1, "0.1" }, { 0.1 + 0.2, "0.30000000000000004" },
        { 123e-20, "1.23e-18" }, { 1e21, "1e+21" }, { 1e20, "100000000000000000000" },
        { 123456789012345680000.0, "123456789012345680000" },
        { 1e-6, "0.000001" }, { 1e-7, "1e-7" }, { 1.5e-7, "1.5e-7" },
        { 1.2e-7, "1.2e-7" }, { 5e-324, "5e-324" }, { -5e-324, "-5e-324" },
        { 1.7976931348623157e308, "1.7976931348623157e+308" },
        { 2.2250738585072014e-308, "2.2250738585072014e-308" },
        { 2.225073858507201e-308, "2.225073858507201e-308" },
        { 1e23, "1e+23" }, { 9007199254740992.0, "9007199254740992" },
        { 9007199254740994.0, "9007199254740994" }, { 18014398509481984.0, "18014398509481984" },
        { 1152921504606846976.0, "1152921504606847000" },
        { 123.456, "123.456" }, { -123.456, "-123.456" }, { 100.0, "100" },
        { 0.5, "0.5" }, { 1.0 / 3.0, "0.3333333333333333" }, { 2.0 / 3.0, "0.6666666666666666" },
        { 4.35, "4.35" }, { 0.000001234, "0.000001234" }, { 1e300, "1e+300" },
        { 1.5e300, "1.5e+300" }, { 4294967296.0, "4294967296" }, { 4294967295.0, "4294967295" },
        { 9.5367431640625e-7, "9.5367431640625e-7" }, { 1e-323, "1e-323" },
        { 2.47e-322, "2.47e-322" }, { 12345678901234567890.0, "12345678901234567000" },
        { 0.1 * 3, "0.30000000000000004" }, { 1e22, "1e+22" }, { 5e-7, "5e-7" },
        { 111111111111111110000.0, "111111111111111110000" },
        { 8.41e21, "8.41e+21" }, { 5.0e-310, "5e-310" }, { 2.5e-323, "2.5e-323" },
    };
    char buf[WF_NUM_BUF_SIZE];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        wf_num_dtoa(t[i].d, buf);
        check_str("dtoa", t[i].d, 0, buf, t[i].s);
    }
    wf_num_dtoa(NAN, buf);
    check_str("dtoa", NAN, 0, buf, "NaN");
    wf_num_dtoa(INFINITY, buf);
    check_str("dtoa", INFINITY, 0, buf, "Infinity");
    wf_num_dtoa(-INFINITY, buf);
    check_str("dtoa", -INFINITY, 0, buf, "-Infinity");
    /* every power of two and of ten */
    for (int e = -1074; e <= 1023; e++) {
        double d = ldexp(1.0, e);
        wf_num_dtoa(d, buf);
        if (same(parse_all(buf), d))
            n_pass++;
        else
            fail_msg("dtoa(2^%d) = %s does not round-trip", e, buf);
    }
    for (int e = -323; e <= 308; e++) {
        char want[64];
        snprintf(want, sizeof want, "1e%d", e);
        double d = strtod(want, NULL);
        wf_num_dtoa(d, buf);
        if (e >= 21)
            snprintf(want, sizeof want, "1e+%d", e);
        else if (e >= 0) {
            want[0] = '1';
            for (int i = 0; i < e; i++)
                want[1 + i] = '0';
            want[1 + e] = 0;
        } else if (e >= -6) {
            strcpy(want, "0.");
            for (int i = 0; i < -e - 1; i++)
                strcat(want, "0");
            strcat(want, "1");
        }
        check_str("dtoa(1eN)", d, e, buf, want);
    }
}

static void test_fixed_fixed(void)
{
    static const struct { char op; double d; int arg; const char *s; } t[] = {
        { 'F', 1.005, 2, "1.00" }, { 'F', 1.45, 1, "1.4" }, { 'F', 0.5, 0, "1" },
        { 'F', 2.5, 0, "3" }, { 'F', 1.5, 0, "2" }, { 'F', -0.5, 0, "-1" },
        { 'F', 1e20, 2, "100000000000000000000.00" }, { 'F', 0.0, 0, "0" },
        { 'F', 0.0, 2, "0.00" }, { 'F', -0.0, 2, "0.00" }, { 'F', -1e-7, 2, "-0.00" },
        { 'F', 0.005, 2, "0.01" }, { 'F', 0.0005, 2, "0.00" }, { 'F', 123.456, 0, "123" },
        { 'F', 123.456, 10, "123.4560000000" }, { 'F', 1.255, 2, "1.25" },
        { 'F', 1000000000000000128.0, 0, "1000000000000000128" },
        { 'F', 1000000000000000128.0, 2, "1000000000000000128.00" },
        { 'F', 0.1, 20, "0.10000000000000000555" },
        { 'F', 5e-324, 100, "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" },
        { 'F', 0.1, 100, "0.1000000000000000055511151231257827021181583404541015625000000000000000000000000000000000000000000000" },
        { 'F', 9.995, 2, "9.99" }, { 'F', 99.995, 2, "100.00" }, { 'F', 0.95, 1, "0.9" },
        { 'F', 0.96, 1, "1.0" }, { 'F', -1.5, 0, "-2" },
        { 'E', 123.456, 2, "1.23e+2" }, { 'E', 0.0, -1, "0e+0" }, { 'E', 0.0, 0, "0e+0" },
        { 'E', 0.0, 2, "0.00e+0" }, { 'E', -0.0, 2, "0.00e+0" }, { 'E', 123.456, -1, "1.23456e+2" },
        { 'E', 1e21, -1, "1e+21" }, { 'E', 5e-324, -1, "5e-324" }, { 'E', 5e-324, 3, "4.941e-324" },
        { 'E', 9.99, 1, "1.0e+1" }, { 'E', 1.25, 1, "1.3e+0" }, { 'E', 1.35, 1, "1.4e+0" },
        { 'E', -6.9e-11, 2, "-6.90e-11" }, { 'E', 1.7976931348623157e308, 20, "1.79769313486231570815e+308" },
        { 'P', 123.456, 4, "123.5" }, { 'P', 0.000001, 2, "0.0000010" }, { 'P', 1e21, 3, "1.00e+21" },
        { 'P', 0.0, 1, "0" }, { 'P', 0.0, 3, "0.00" }, { 'P', -0.0, 3, "0.00" }, { 'P', 1e-7, 1, "1e-7" },
        { 'P', 123.456, 1, "1e+2" }, { 'P', 123.456, 2, "1.2e+2" }, { 'P', 123.456, 3, "123" },
        { 'P', 99.99, 3, "100" }, { 'P', 999.9, 3, "1.00e+3" }, { 'P', 0.00000123, 2, "0.0000012" },
        { 'P', 1.0, 5, "1.0000" }, { 'P', 25.0, 1, "3e+1" }, { 'P', -1.5, 1, "-2" },
    };
    char buf[200];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *what = "?";
        switch (t[i].op) {
        case 'F': wf_num_to_fixed(t[i].d, t[i].arg, buf); what = "toFixed"; break;
        case 'E': wf_num_to_exponential(t[i].d, t[i].arg, buf); what = "toExponential"; break;
        case 'P': wf_num_to_precision(t[i].d, t[i].arg, buf); what = "toPrecision"; break;
        }
        check_str(what, t[i].d, t[i].arg, buf, t[i].s);
    }
}

static void test_radix_fixed(void)
{
    static const struct { double d; int r; const char *s; } t[] = {
        { 0.5, 2, "0.1" }, { 255, 16, "ff" }, { -255, 2, "-11111111" }, { 0, 2, "0" },
        { -0.0, 16, "0" }, { 1e21, 36, "5v1j4f4ds7c000" }, { 35, 36, "z" },
        { 0.1, 3, "0.0022002200220022002200220022002201" }, { 123.456, 36, "3f.gez4w97ry" },
        { 4294967296.0, 16, "100000000" }, { 0.25, 2, "0.01" }, { -0.75, 4, "-0.3" },
        { 1e300, 2, NULL }, { 5e-324, 2, NULL }, { 1.7976931348623157e308, 2, NULL },
        { 2.0, 10, "2" }, { 0.1, 10, "0.1" },
    };
    char buf[1100];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int n = wf_num_to_radix(t[i].d, t[i].r, buf);
        if (t[i].s)
            check_str("toString(radix)", t[i].d, t[i].r, buf, t[i].s);
        else if (n > 0 && n < 1100 && (int)strlen(buf) == n)
            n_pass++;
        else
            fail_msg("toString(%g, %d) length %d", t[i].d, t[i].r, n);
    }
    wf_num_to_radix(NAN, 2, buf);
    check_str("toString(radix)", NAN, 2, buf, "NaN");
    wf_num_to_radix(-INFINITY, 36, buf);
    check_str("toString(radix)", -INFINITY, 36, buf, "-Infinity");
    /* longest outputs fit */
    int len = wf_num_to_radix(5e-324, 2, buf);
    if (len == 1076 && buf[0] == '0' && buf[1] == '.' && buf[len - 1] == '1')
        n_pass++;
    else
        fail_msg("toString(5e-324, 2) length %d", len);
    len = wf_num_to_radix(-1.7976931348623157e308, 2, buf);
    if (len == 1025)
        n_pass++;
    else
        fail_msg("toString(-MAX, 2) length %d", len);
    /* integers are exact in power-of-two radices */
    for (int i = 0; i < 20000; i++) {
        double d = random_finite();
        static const int rads[] = { 2, 4, 8, 16, 32 };
        int r = rads[rint_(5)];
        d = trunc(d);
        if (fabs(d) > 1e300)
            continue;
        wf_num_to_radix(d, r, buf);
        size_t c;
        const char *p = buf + (buf[0] == '-');
        double back = wf_num_parse_radix(p, strlen(p), r, &c);
        if (buf[0] == '-')
            back = -back;
        if (same(back, d) || (d == 0 && back == 0))
            n_pass++;
        else
            fail_msg("radix %d round trip of %.17g: %s", r, d, buf);
    }
}

static void test_strtod_fixed(void)
{
    static const struct { const char *s; double v; size_t consumed; } t[] = {
        { "0", 0.0, 1 }, { "1", 1.0, 1 }, { "1.5", 1.5, 3 }, { ".5", 0.5, 2 }, { "1.", 1.0, 2 },
        { ".", 0.0, 0 }, { "", 0.0, 0 }, { "e5", 0.0, 0 }, { "1e", 1.0, 1 }, { "1e+", 1.0, 1 },
        { "1e5", 1e5, 3 }, { "1E-5", 1e-5, 4 }, { "1.e5", 1e5, 4 }, { ".5e1", 5.0, 4 },
        { "1x", 1.0, 1 }, { "12.34.5", 12.34, 5 }, { "00012", 12.0, 5 },
        { "9007199254740993", 9007199254740992.0, 16 },
        { "9007199254740995", 9007199254740996.0, 16 },
        { "9007199254740993.0000000000000000000000000000000001", 9007199254740994.0, 0 },
        { "2.4703282292062327e-324", 0.0, 23 }, { "2.4703282292062328e-324", 5e-324, 23 },
        { "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281255e-324", 5e-324, 0 },
        { "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281249999999999999999999999999999999e-324", 0.0, 0 },
        { "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324", 0.0, 0 },
        { "1e400", INFINITY, 5 }, { "1e-400", 0.0, 6 }, { "1e309", INFINITY, 5 },
        { "1.7976931348623157e308", 1.7976931348623157e308, 22 },
        { "1.7976931348623158e308", 1.7976931348623157e308, 22 },
        { "1.7976931348623159e308", INFINITY, 22 },
        { "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999", 1.7976931348623157e308, 0 },
        { "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792", INFINITY, 0 },
        { "2.2250738585072011e-308", 2.225073858507201e-308, 0 },
        { "2.2250738585072012e-308", 2.2250738585072014e-308, 0 },
        { "0.30000000000000004", 0.30000000000000004, 19 }, { "1e23", 1e23, 4 },
        { "8.41e21", 8.41e21, 0 }, { "123e-20", 123e-20, 0 }, { "1e-7", 1e-7, 0 },
        { "1e99999999999999999999", INFINITY, 0 }, { "0e99999999999999999999", 0.0, 0 },
        { "1e-99999999999999999999", 0.0, 0 }, { "0.000000000000000000000000000000000000000001e42", 1.0, 0 },
        { "4.9406564584124654e-324", 5e-324, 0 }, { "3e-324", 5e-324, 0 }, { "7.4e-324", 5e-324, 0 },
        { "7.5e-324", 1e-323, 0 }, { "1.00000000000000011102230246251565404236316680908203125", 1.0, 0 },
        { "1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002, 0 },
        { "1.00000000000000033306690738754696212708950042724609375", 1.0000000000000004, 0 },
        { "1448997445238699", 1448997445238699.0, 0 }, { "123456789012345678901234567890", 1.2345678901234568e29, 0 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t c = 999;
        double v = wf_num_strtod(t[i].s, strlen(t[i].s), &c);
        check_num("strtod", t[i].s, v, t[i].v);
        size_t want_c = t[i].consumed ? t[i].consumed : strlen(t[i].s);
        if (t[i].s[0] == '.' && t[i].s[1] == 0)
            want_c = 0;
        if (t[i].s[0] == 0 || (t[i].s[0] == 'e'))
            want_c = 0;
        if (c == want_c)
            n_pass++;
        else
            fail_msg("strtod(\"%.40s\") consumed %zu, want %zu", t[i].s, c, want_c);
    }
    /* a huge number of digits */
    {
        static char big[20000];
        memset(big, '9', 15000);
        big[15000] = 0;
        size_t c;
        double v = wf_num_strtod(big, 15000, &c);
        check_num("strtod", "9 x 15000", v, INFINITY);
        big[0] = '0';
        big[1] = '.';
        v = wf_num_strtod(big, 15000, &c);
        check_num("strtod", "0.99999 x 15000", v, 1.0);
        if (c == 15000)
            n_pass++;
        else
            fail_msg("strtod consumed %zu of 15000", c);
        /* 1 followed by 900 zeros then 1, times 10^-900: just above 1 */
        memset(big, '0', 20000);
        big[0] = '1';
        big[901] = '1';
        snprintf(big + 902, 100, "e-901");
        v = wf_num_strtod(big, strlen(big), &c);
        check_num("strtod", "1.(900 zeros)1", v, 1.0);
        /* halfway 1 + 2^-53 with a nonzero digit 1000 places later */
        strcpy(big, "1.00000000000000011102230246251565404236316680908203125");
        size_t l = strlen(big);
        memset(big + l, '0', 1000);
        big[l + 1000] = '1';
        big[l + 1001] = 0;
        v = wf_num_strtod(big, strlen(big), &c);
        check_num("strtod", "halfway + tiny", v, 1.0000000000000002);
        big[l + 1000] = '0';
        v = wf_num_strtod(big, strlen(big), &c);
        check_num("strtod", "halfway + zeros", v, 1.0);
    }
}

static void test_from_string(void)
{
    static const struct { const char *s; double v; } t[] = {
        { "", 0.0 }, { "0", 0.0 }, { "-0", -0.0 }, { "+0", 0.0 }, { ".", NAN }, { "1.", 1.0 },
        { ".5", 0.5 }, { "-.5", -0.5 }, { "1e", NAN }, { "1e5", 1e5 }, { "Infinity", INFINITY },
        { "+Infinity", INFINITY }, { "-Infinity", -INFINITY }, { "Infinityx", NAN }, { "infinity", NAN },
        { "0x10", 16.0 }, { "0X1f", 31.0 }, { "0o17", 15.0 }, { "0O17", 15.0 }, { "0b101", 5.0 },
        { "0B11", 3.0 }, { "0x", NAN }, { "0b2", NAN }, { "-0x10", NAN }, { "+0x10", NAN },
        { "0x1g", NAN }, { "1_000", NAN }, { "12abc", NAN }, { "abc", NAN }, { "+", NAN }, { "-", NAN },
        { "1e1000", INFINITY }, { "-1e1000", -INFINITY }, { "00010", 10.0 }, { "0.0e-5", 0.0 },
        { "-0.0", -0.0 }, { "1 2", NAN }, { "NaN", NAN }, { "0x1fffffffffffff", 9007199254740991.0 },
        { "0x20000000000001", 9007199254740992.0 }, { "0x20000000000003", 9007199254740996.0 },
        { "0x20000000000001000000000000000000000000000000000000000001", 3.369993333393831e+66 },
        { "1e+5", 1e5 }, { "1e-5", 1e-5 }, { "+.5e+1", 5.0 }, { "..5", NAN }, { "1ee5", NAN },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        check_num("from_string", t[i].s, wf_num_from_string(t[i].s, strlen(t[i].s)), t[i].v);
}

static void test_parse_radix(void)
{
    static const struct { const char *s; int r; double v; size_t c; } t[] = {
        { "ff", 16, 255.0, 2 }, { "FF", 16, 255.0, 2 }, { "z", 36, 35.0, 1 }, { "Zz", 36, 1295.0, 2 },
        { "102", 2, 2.0, 2 }, { "", 10, 0.0, (size_t)-1 }, { "g", 16, 0.0, (size_t)-1 }, { "777", 8, 511.0, 3 },
        { "9007199254740993", 10, 9007199254740992.0, 16 },
        { "1111111111111111111111111111111111111111111111111111111", 2, 36028797018963967.0, 55 },
        /* 2^53 + 1 in radix 3 etc. rounds to even */
        { "1121202011211211122211100012101112", 3, 9007199254740992.0, 34 },
        { "1121202011211211122211100012101120", 3, 9007199254740992.0, 34 },
        { "1121202011211211122211100012101122", 3, 9007199254740996.0, 34 },
        { "2ooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo", 25, INFINITY, 0 },
        { "123.45", 10, 123.0, 3 }, { "1e5", 10, 1.0, 1 },
        { "10000000000000000000000000000000000000000000000000000001", 2, 36028797018963968.0, 56 },
        { "10000000000000000000000000000000000000000000000000000011", 2, 36028797018963968.0, 56 },
        { "10000000000000000000000000000000000000000000000000001100", 2, 36028797018963984.0, 56 },
        { "100000000000000000000000000000000000000000000000000001000000000000000000000000000000000000001", 2, 4.951760157141522e+27, 93 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t c;
        double v = wf_num_parse_radix(t[i].s, strlen(t[i].s), t[i].r, &c);
        check_num("parse_radix", t[i].s, v, t[i].v);
        size_t want = t[i].c == (size_t)-1 ? 0 : t[i].c ? t[i].c : strlen(t[i].s);
        if (c == want)
            n_pass++;
        else
            fail_msg("parse_radix(\"%.40s\", %d) consumed %zu want %zu", t[i].s, t[i].r, c, want);
    }
    /* random integers in every radix: exact below 2^53, and large values
       against the exactly rounded result computed with long division */
    char buf[1200];
    for (int i = 0; i < 20000; i++) {
        int r = 2 + rint_(35);
        uint64_t v = rnd64() >> rint_(64);
        /* digits of v in radix r */
        int n = 0;
        char tmp[80];
        uint64_t t2 = v;
        do {
            int dgt = (int)(t2 % (uint64_t)r);
            tmp[n++] = (char)(dgt < 10 ? '0' + dgt : (rint_(2) ? 'a' : 'A') + dgt - 10);
            t2 /= (uint64_t)r;
        } while (t2);
        for (int k = 0; k < n; k++)
            buf[k] = tmp[n - 1 - k];
        buf[n] = 0;
        size_t c;
        double got = wf_num_parse_radix(buf, (size_t)n, r, &c);
        /* (double)v is correctly rounded (round to nearest) */
        double want = (double)v;
        check_num("parse_radix(random)", buf, got, want);
    }
}

/* ---- random shortest round trip ---- */

static void test_random_roundtrip(long count)
{
    char buf[WF_NUM_BUF_SIZE], alt[WF_NUM_BUF_SIZE];
    long bad_rt = 0, bad_min = 0;
    for (long i = 0; i < count; i++) {
        double d;
        if (i % 4 == 3) {
            /* values with small exponents are the common case */
            d = (double)(rnd64() >> 11) / 9007199254740992.0 * pow(10, rint_(40) - 20);
        } else
            d = random_finite();
        int len = wf_num_dtoa(d, buf);
        double back = wf_num_from_string(buf, (size_t)len);
        if (!same(back, d) && !(d == 0 && back == 0)) {
            if (bad_rt++ < 10)
                fail_msg("round trip %.17g [%016llx] -> %s -> %.17g", d,
                         (unsigned long long)bits(d), buf, back);
            else
                n_fail++;
            continue;
        }
        /* minimality: the digit string with one digit fewer, rounded down
           and up, must not read back as d */
        char dg[40];
        int nd = 0, exp10 = 0;
        {
            /* extract digits and decimal exponent from "%.*e"-like parse */
            const char *p = buf;
            if (*p == '-')
                p++;
            int seen_point = 0, lead = 1, point_pos = 0;
            for (; *p && *p != 'e'; p++) {
                if (*p == '.') {
                    seen_point = 1;
                    continue;
                }
                if (lead && *p == '0') {
                    if (seen_point)
                        point_pos--;
                    continue;
                }
                lead = 0;
                dg[nd++] = *p;
                if (!seen_point)
                    point_pos++;
            }
            if (*p == 'e')
                point_pos += atoi(p + 1);
            exp10 = point_pos;
            while (nd > 1 && dg[nd - 1] == '0')
                nd--;
        }
        if (nd >= 2) {
            for (int dir = 0; dir < 2; dir++) {
                /* k-1 digits, then +1 in the last place for dir == 1 */
                char c2[40];
                memcpy(c2, dg, (size_t)(nd - 1));
                int m = nd - 1, e2 = exp10;
                if (dir) {
                    int j = m - 1;
                    while (j >= 0 && c2[j] == '9') {
                        c2[j] = '0';
                        j--;
                    }
                    if (j < 0) {
                        memmove(c2 + 1, c2, (size_t)m);
                        c2[0] = '1';
                        m++;
                        e2++;
                    } else
                        c2[j]++;
                }
                int l = snprintf(alt, sizeof alt, "0.%.*se%d", m, c2, e2);
                double v2 = wf_num_strtod(alt, (size_t)l, &(size_t){ 0 });
                if (d < 0)
                    v2 = -v2;
                if (same(v2, d)) {
                    if (bad_min++ < 10)
                        fail_msg("not shortest: %.17g -> %s but %s also round-trips", d, buf, alt);
                    else
                        n_fail++;
                }
            }
        }
        n_pass++;
    }
    printf("random round trip: %ld values, %ld round-trip failures, %ld not shortest\n",
           count, bad_rt, bad_min);
}

/* ---- strtod against the C library (an independent, correctly rounded
   implementation; used only as a test oracle) ---- */

static void test_strtod_vs_libc(long count)
{
    char s[2100];
    long bad = 0;
    for (long i = 0; i < count; i++) {
        int kind = (int)(i % 6);
        double d = random_finite();
        if (d < 0)
            d = -d;
        switch (kind) {
        case 0:
            snprintf(s, sizeof s, "%.17g", d);
            break;
        case 1:
            snprintf(s, sizeof s, "%.*e", rint_(25), d);
            break;
        case 2: {
            /* random digits, random exponent */
            int nd = 1 + rint_(40), p = 0;
            for (int k = 0; k < nd; k++)
                s[p++] = (char)('0' + rint_(10));
            if (rint_(2)) {
                int at = rint_(nd + 1);
                memmove(s + at + 1, s + at, (size_t)(p - at));
                s[at] = '.';
                p++;
            }
            p += snprintf(s + p, 20, "e%d", rint_(700) - 350);
            break;
        }
        case 3: {
            /* exact halfway point between d and its successor, printed in
               full by the C library from a long double (64-bit significand
               holds it exactly), then nudged */
            if (!(d < DBL_MAX) || d < DBL_MIN)
                d = 1.0 + d / DBL_MAX;
            long double mid = ((long double)d + (long double)nextafter(d, INFINITY)) / 2;
            if (LDBL_MANT_DIG < 64) {
                snprintf(s, sizeof s, "%.17g", d);
                break;
            }
            int l = snprintf(s, sizeof s, "%.780Le", mid);
            /* strip trailing zeros of the mantissa */
            char *e = strchr(s, 'e');
            char ex[16];
            strcpy(ex, e);
            char *q = e - 1;
            while (*q == '0')
                q--;
            q++;
            int nudge = rint_(3);
            if (nudge == 1) { /* a tiny bit above */
                memcpy(q, "000000000001", 12);
                q += 12;
            } else if (nudge == 2) { /* a tiny bit below: decrement last digit */
                char *z = q - 1;
                while (*z == '0') {
                    *z = '9';
                    z--;
                }
                if (*z != '.')
                    (*z)--;
                memcpy(q, "9999999999999", 13);
                q += 13;
            }
            strcpy(q, ex);
            (void)l;
            break;
        }
        case 4: {
            /* long: 700..1000 digits */
            int nd = 700 + rint_(300), p = 0;
            snprintf(s, sizeof s, "%.17e", d);
            char *e = strchr(s, 'e');
            int ex = atoi(e + 1);
            char m[32];
            int mlen = 0;
            for (char *q = s; q < e; q++)
                if (*q != '.')
                    m[mlen++] = *q;
            p = 0;
            for (int k = 0; k < nd; k++)
                s[p++] = k < mlen ? m[k] : (char)('0' + (rint_(10) == 0 ? rint_(10) : (k % 2 ? 0 : 9)));
            p += snprintf(s + p, 20, "e%d", ex - nd + 1);
            break;
        }
        default: {
            /* subnormal range and near the overflow threshold */
            double v = rint_(2) ? ldexp((double)(rnd64() >> 11), -1074 - 53 + rint_(60))
                                : ldexp((double)(rnd64() >> 11), 970 - 53 + rint_(4));
            snprintf(s, sizeof s, "%.*e", rint_(20), v);
            break;
        }
        }
        size_t c;
        double got = wf_num_strtod(s, strlen(s), &c);
        double want = strtod(s, NULL);
        if (same(got, want) && c == strlen(s))
            n_pass++;
        else {
            if (bad++ < 10)
                fail_msg("strtod(\"%.100s\" len %zu) = %.17g [%016llx], libc %.17g [%016llx], consumed %zu",
                         s, strlen(s), got, (unsigned long long)bits(got), want,
                         (unsigned long long)bits(want), c);
            else
                n_fail++;
        }
    }
    printf("strtod vs libc: %ld strings, %ld mismatches\n", count, bad);
}

/* the accepted grammar: random strings over "0123456789.eE+-" (not
   starting with a sign, which the C library would accept) must consume
   exactly what the C library consumes and give the same value */
static void test_strtod_grammar(long count)
{
    static const char alpha[] = "0123456789.eE+-00..ee";
    char s[64];
    long bad = 0;
    for (long i = 0; i < count; i++) {
        int n = rint_(24);
        for (int k = 0; k < n; k++)
            s[k] = alpha[rint_((int)sizeof alpha - 1)];
        s[n] = 0;
        if (s[0] == '+' || s[0] == '-')
            continue;
        size_t c;
        double got = wf_num_strtod(s, (size_t)n, &c);
        char *end;
        double want = strtod(s, &end);
        if ((size_t)(end - s) == c && (c == 0 || same(got, want)))
            n_pass++;
        else if (bad++ < 10)
            fail_msg("strtod grammar \"%s\": consumed %zu value %.17g, libc %zu %.17g", s, c, got,
                     (size_t)(end - s), want);
        else
            n_fail++;
    }
}

/* toExponential / toFixed against the C library's exact printf, skipping
   exact ties (printf rounds those to even, the spec rounds up). */
static int is_tie(double d, int digits_after_first_sig)
{
    char full[1200];
    snprintf(full, sizeof full, "%.1000e", d);
    /* position of the first dropped digit: index 2 + digits_after */
    char *p = full + (full[0] == '-');
    int idx = 2 + digits_after_first_sig;
    if (digits_after_first_sig == 0)
        idx = 2;
    if (p[idx] != '5')
        return 0;
    for (char *q = p + idx + 1; *q && *q != 'e'; q++)
        if (*q != '0')
            return 0;
    return 1;
}

static void normalize_libc_exp(char *s)
{
    /* "1.5e+05" -> "1.5e+5" */
    char *e = strchr(s, 'e');
    if (!e)
        return;
    char *q = e + 2;
    char *z = q;
    while (*z == '0' && z[1])
        z++;
    memmove(q, z, strlen(z) + 1);
}

static void test_format_vs_libc(long count)
{
    char got[256], want[256];
    long bad = 0;
    for (long i = 0; i < count; i++) {
        double d = i % 2 ? random_finite() : (double)(rnd64() >> 11) / 9007199254740992.0 * pow(10, rint_(30) - 15);
        int k = rint_(i % 10 == 0 ? 101 : 20);
        if (is_tie(d, k))
            continue;
        wf_num_to_exponential(d, k, got);
        snprintf(want, sizeof want, "%.*e", k, d);
        normalize_libc_exp(want);
        if (strcmp(got, want) == 0)
            n_pass++;
        else if (bad++ < 10)
            fail_msg("toExponential(%.17g, %d): got %s, libc %s", d, k, got, want);
        else
            n_fail++;
        if (fabs(d) < 1e21) {
            snprintf(want, sizeof want, "%.*f", k, d);
            /* skip ties: compare with a printf of more digits */
            char more[1300];
            snprintf(more, sizeof more, "%.1100f", d);
            char *dot = strchr(more, '.');
            int tie = dot[1 + k] == '5';
            for (char *q = dot + 2 + k; tie && *q; q++)
                if (*q != '0')
                    tie = 0;
            if (tie)
                continue;
            /* libc prints "-0.00" for tiny negatives, like the spec */
            wf_num_to_fixed(d, k, got);
            if (strcmp(got, want) == 0)
                n_pass++;
            else if (bad++ < 10)
                fail_msg("toFixed(%.17g, %d): got %s, libc %s", d, k, got, want);
            else
                n_fail++;
        }
    }
    printf("format vs libc: %ld values, %ld mismatches\n", count, bad);
}

/* ---- V8 reference vectors ---- */

static void test_vectors(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fail_msg("cannot open %s", path);
        return;
    }
    static char line[4096];
    char out[1200];
    long count = 0;
    while (fgets(line, sizeof line, f)) {
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = 0;
        if (!l)
            continue;
        char op;
        unsigned long long hb;
        int arg, off = 0;
        if (sscanf(line, "%c %llx %d %n", &op, &hb, &arg, &off) < 3 || off == 0) {
            fail_msg("bad vector line: %s", line);
            continue;
        }
        const char *want = line + off;
        double d = from_bits(hb);
        const char *what = "?";
        switch (op) {
        case 'S': wf_num_dtoa(d, out); what = "String"; break;
        case 'F': wf_num_to_fixed(d, arg, out); what = "toFixed"; break;
        case 'P': wf_num_to_precision(d, arg, out); what = "toPrecision"; break;
        case 'E': wf_num_to_exponential(d, arg, out); what = "toExponential"; break;
        case 'R': wf_num_to_radix(d, arg, out); what = "toString(radix)"; break;
        default: fail_msg("bad op %c", op); continue;
        }
        check_str(what, d, arg, out, want);
        /* and the reverse direction for plain strings */
        if (op == 'S' || op == 'E' || op == 'P' || (op == 'F' && arg > 0)) {
            double v = wf_num_from_string(want, strlen(want));
            double w = strtod(want, NULL);
            check_num("from_string(vector)", want, v, w);
        }
        count++;
    }
    fclose(f);
    printf("vectors: %ld lines from %s\n", count, path);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bench(void)
{
    enum { N = 1000000 };
    static double vals[N];
    char buf[WF_NUM_BUF_SIZE];
    for (int i = 0; i < N; i++)
        vals[i] = random_finite();
    volatile int sink = 0;
    double t0 = now();
    for (int i = 0; i < N; i++)
        sink += wf_num_dtoa(vals[i], buf);
    double t1 = now();
    for (int i = 0; i < N; i++)
        vals[i] = (double)(rint_(100000000)) / 1000.0;
    double t2 = now();
    for (int i = 0; i < N; i++)
        sink += wf_num_dtoa(vals[i], buf);
    double t3 = now();
    static char strs[N / 10][32];
    for (int i = 0; i < N / 10; i++)
        wf_num_dtoa(random_finite(), strs[i]);
    double t4 = now();
    double acc = 0;
    for (int r = 0; r < 10; r++)
        for (int i = 0; i < N / 10; i++) {
            size_t c;
            acc += wf_num_strtod(strs[i], strlen(strs[i]), &c);
        }
    double t5 = now();
    printf("bench: dtoa random %.0f ns, dtoa short decimals %.0f ns, strtod shortest %.0f ns (%d %g)\n",
           (t1 - t0) * 1e9 / N, (t3 - t2) * 1e9 / N, (t5 - t4) * 1e9 / N, sink & 1, acc * 0);
}

int main(int argc, char **argv)
{
    char path[1024];
    if (argc > 1)
        snprintf(path, sizeof path, "%s", argv[1]);
    else {
        const char *file = __FILE__;
        const char *slash = strrchr(file, '/');
        snprintf(path, sizeof path, "%.*snum_vectors.txt",
                 slash ? (int)(slash - file + 1) : 0, file);
    }
    int quick = getenv("TEST_NUM_QUICK") != NULL;
    /* Each group counts once in the final line (so the project's runner
       is not swamped by a million value checks); the checks are counted
       on the line before it. */
    long groups_ok = 0, groups_bad = 0, before;
#define GROUP(call)                                        \
    do {                                                   \
        before = n_fail;                                   \
        call;                                              \
        if (n_fail == before)                              \
            groups_ok++;                                   \
        else {                                             \
            groups_bad++;                                  \
            printf("group failed: %s\n", #call);           \
        }                                                  \
    } while (0)
    GROUP(test_dtoa_fixed());
    GROUP(test_fixed_fixed());
    GROUP(test_radix_fixed());
    GROUP(test_strtod_fixed());
    GROUP(test_from_string());
    GROUP(test_parse_radix());
    GROUP(test_vectors(path));
    GROUP(test_random_roundtrip(quick ? 100000 : 1000000));
    GROUP(test_strtod_vs_libc(quick ? 30000 : 300000));
    GROUP(test_strtod_grammar(quick ? 50000 : 300000));
    GROUP(test_format_vs_libc(quick ? 20000 : 100000));
    if (!quick && getenv("TEST_NUM_BENCH"))
        bench();
    printf("checks: %ld ok, %ld bad\n", n_pass, n_fail);
    printf("%ld passed, %ld failed\n", groups_ok, groups_bad);
    return n_fail ? 1 : 0;
}
