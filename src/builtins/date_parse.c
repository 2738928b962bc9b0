/*
 * date_parse.c - Date.parse (ECMA-262 21.4.3.2).
 *
 * Two grammars are tried in turn:
 * - the Date Time String Format of 21.4.1.32 (YYYY-MM-DDTHH:mm:ss.sssZ and
 *   its shorter forms, with extended years +-YYYYYY).  A string that has its
 *   syntax is decided by it: illegal element values (month 13, February
 *   30th, 24:00:01, year -000000) give NaN.  Date-only forms are UTC,
 *   date-time forms without an offset are local time.  As other engines do,
 *   't', 'z', a space for 'T', an offset without colon (+hhmm) and any
 *   number of fraction digits are accepted.
 * - a legacy grammar for the forms toString and toUTCString produce and
 *   the ones node accepts: "Nov 24 2026", "24 Nov 2026 10:00", "11/24/2026",
 *   "2026/11/24 10:00", "Tue, 24 Nov 2026 15:44:10 GMT", with AM/PM,
 *   comments in parentheses, GMT/UTC/UT/Z and the US zone abbreviations
 *   (EST, EDT, CST, CDT, MST, MDT, PST, PDT), offsets "+0100", "+01:00",
 *   "+1"; without a zone the time is local.
 * Anything else is NaN.
 */
#include <math.h>
#include <string.h>
#include "builtins/builtins.h"
#include "builtins/date_int.h"

typedef struct Reader {
    const JSString *s;
    uint32_t pos;
    uint32_t len;
} Reader;

static int peek_at(const Reader *r, uint32_t k)
{
    return r->pos + k < r->len ? (int)wf_str_get(r->s, r->pos + k) : -1;
}

static int peek(const Reader *r)
{
    return peek_at(r, 0);
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Exactly n digits. */
static bool read_fixed(Reader *r, int n, int *pv)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        int c = peek(r);
        if (!is_digit(c))
            return false;
        v = v * 10 + (c - '0');
        r->pos++;
    }
    *pv = v;
    return true;
}

static bool accept(Reader *r, int c)
{
    if (peek(r) == c) {
        r->pos++;
        return true;
    }
    return false;
}

/* Milliseconds from a run of fraction digits (only the first three count). */
static int read_fraction(Reader *r)
{
    int ms = 0, n = 0;
    while (is_digit(peek(r))) {
        if (n < 3)
            ms = ms * 10 + (peek(r) - '0');
        n++;
        r->pos++;
    }
    for (; n < 3; n++)
        ms *= 10;
    return ms;
}

/* Local date-time fields to a time value (NaN when out of range). */
static double fields_to_time(JSContext *ctx, int64_t year, int month, int day, int h, int m, int s, int ms,
                             bool local, int tz_minutes)
{
    double t = wf_date_make_date(wf_date_make_day((double)year, month, day),
                                 wf_date_make_time(h, m, s, ms));
    if (!isfinite(t) || fabs(t) > WF_MAX_TIME + 2.0 * WF_MS_PER_DAY)
        return NAN;
    if (local)
        t = (double)wf_date_local_to_utc(ctx->rt, (int64_t)t);
    else
        t -= (double)tz_minutes * WF_MS_PER_MINUTE;
    return wf_date_time_clip(t);
}

static bool time_fields_ok(int h, int m, int s, int ms)
{
    if (m > 59 || s > 59)
        return false;
    if (h == 24)
        return m == 0 && s == 0 && ms == 0;
    return h < 24;
}

/* ---------------------------------------------------------------------- */
/* Date Time String Format                                                 */

/* 1: the string has the format (*pt is the value, maybe NaN); 0: it does
   not (try the legacy grammar). */
static int parse_iso(JSContext *ctx, const JSString *str, double *pt)
{
    Reader r = { str, 0, str->len };
    int64_t year;
    int y, month = 1, day = 1, h = 0, m = 0, s = 0, ms = 0;
    int tz = 0;
    bool has_time = false, has_tz = false;
    int c = peek(&r);

    if (c == '+' || c == '-') {
        r.pos++;
        if (!read_fixed(&r, 6, &y))
            return 0;
        if (c == '-' && y == 0) {   /* -000000 is not a year */
            *pt = NAN;
            return 1;
        }
        year = c == '-' ? -(int64_t)y : y;
    } else {
        if (!read_fixed(&r, 4, &y))
            return 0;
        year = y;
    }
    if (accept(&r, '-')) {
        if (!read_fixed(&r, 2, &month))
            return 0;
        if (accept(&r, '-') && !read_fixed(&r, 2, &day))
            return 0;
    }
    c = peek(&r);
    if (c == 'T' || c == 't' || (c == ' ' && is_digit(peek_at(&r, 1)))) {
        r.pos++;
        has_time = true;
        if (!read_fixed(&r, 2, &h) || !accept(&r, ':') || !read_fixed(&r, 2, &m))
            return 0;
        if (accept(&r, ':')) {
            if (!read_fixed(&r, 2, &s))
                return 0;
            if (accept(&r, '.')) {
                if (!is_digit(peek(&r)))
                    return 0;
                ms = read_fraction(&r);
            }
        }
        c = peek(&r);
        if (c == 'Z' || c == 'z') {
            r.pos++;
            has_tz = true;
        } else if (c == '+' || c == '-') {
            int th, tm;
            r.pos++;
            if (!read_fixed(&r, 2, &th))
                return 0;
            accept(&r, ':');
            if (!read_fixed(&r, 2, &tm))
                return 0;
            if (th > 23 || tm > 59) {
                *pt = NAN;
                return 1;
            }
            tz = (th * 60 + tm) * (c == '-' ? -1 : 1);
            has_tz = true;
        }
    }
    if (r.pos != r.len)
        return 0;
    if (month < 1 || month > 12 || day < 1 || day > wf_date_days_in_month(year, month - 1) ||
        !time_fields_ok(h, m, s, ms)) {
        *pt = NAN;
        return 1;
    }
    /* date-only forms are UTC, date-time forms without offset local */
    *pt = fields_to_time(ctx, year, month - 1, day, h, m, s, ms, has_time && !has_tz, tz);
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Legacy forms                                                            */

#define NUM_CAP 1000000000LL    /* larger numbers are kept at this (all invalid anyway) */

typedef struct Legacy {
    int64_t num[3];             /* date numbers in order of appearance */
    int digits[3];
    int nnum;
    int month;                  /* named month 1..12, 0: none */
    bool has_time;
    int hour, minute, second, ms;
    int ampm;                   /* 0 none, 1 AM, 2 PM */
    bool has_tz;
    bool utc_word;              /* GMT/UTC/UT/Z seen: a following +hhmm is its offset */
    int tz;                     /* minutes east of UTC */
    bool read_number;
} Legacy;

static int64_t read_number(Reader *r, int *pdigits)
{
    int64_t v = 0;
    int n = 0;
    while (is_digit(peek(r))) {
        if (v < NUM_CAP)
            v = v * 10 + (peek(r) - '0');
        n++;
        r->pos++;
    }
    if (v > NUM_CAP)
        v = NUM_CAP;
    *pdigits = n;
    return v;
}

static const char month_words[] = "janfebmaraprmayjunjulaugsepoctnovdec";

static const struct {
    char name[4];
    int16_t tz;
} zone_words[] = {
    { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
    { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
    { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
};

/* A word: false if it makes the string invalid. */
static bool legacy_word(Legacy *L, const char *w, int len)
{
    if (len >= 3) {
        for (int i = 0; i < 12; i++) {
            if (memcmp(w, month_words + i * 3, 3) == 0) {
                if (L->month)
                    return false;
                L->month = i + 1;
                return true;
            }
        }
    }
    if (len == 2 && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
        if (L->ampm || !L->has_time)
            return false;
        L->ampm = w[0] == 'a' ? 1 : 2;
        return true;
    }
    for (size_t i = 0; i < sizeof zone_words / sizeof zone_words[0]; i++) {
        if (strcmp(w, zone_words[i].name) == 0) {
            if (L->has_tz)
                return false;
            L->has_tz = true;
            L->tz = zone_words[i].tz;
            L->utc_word = zone_words[i].tz == 0;
            return true;
        }
    }
    /* other words (day names...) are allowed only before the first number */
    return !L->read_number;
}

/* hh:mm[:ss[.fff]] starting at a number already read as hour. */
static bool legacy_time(Legacy *L, Reader *r, int64_t hour)
{
    int d;
    if (L->has_time)
        return false;
    L->has_time = true;
    L->hour = (int)hour;
    r->pos++;   /* ':' */
    if (!is_digit(peek(r)))
        return false;
    L->minute = (int)read_number(r, &d);
    if (d > 2)
        return false;
    if (peek(r) == ':' && is_digit(peek_at(r, 1))) {
        r->pos++;
        L->second = (int)read_number(r, &d);
        if (d > 2)
            return false;
        if (peek(r) == '.' && is_digit(peek_at(r, 1))) {
            r->pos++;
            L->ms = read_fraction(r);
        }
    }
    return true;
}

/* +hhmm, +hh:mm, +h, +hh after a time or a UTC word. */
static bool legacy_offset(Legacy *L, Reader *r, int sign)
{
    int d, d2;
    int64_t n = read_number(r, &d), hh, mm;
    if (peek(r) == ':' && is_digit(peek_at(r, 1))) {
        r->pos++;
        hh = n;
        mm = read_number(r, &d2);
        if (d > 2 || d2 != 2)
            return false;
    } else if (d <= 2) {
        hh = n;
        mm = 0;
    } else if (d <= 4) {
        hh = n / 100;
        mm = n % 100;
    } else {
        return false;
    }
    if (hh > 23 || mm > 59)
        return false;
    if (L->has_tz && !L->utc_word)
        return false;
    L->has_tz = true;
    L->utc_word = false;
    L->tz = (int)(hh * 60 + mm) * sign;
    return true;
}

static bool looks_like_year(const Legacy *L, int i)
{
    return L->num[i] > 31 || L->num[i] < 0 || L->digits[i] >= 3;
}

static double parse_legacy(JSContext *ctx, const JSString *str)
{
    Reader r = { str, 0, str->len };
    Legacy L;
    memset(&L, 0, sizeof L);

    while (r.pos < r.len) {
        int c = peek(&r);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            r.pos++;
        } else if (c == '(') {
            int depth = 0;
            do {
                c = peek(&r);
                if (c == '(')
                    depth++;
                else if (c == ')')
                    depth--;
                r.pos++;
            } while (depth > 0 && r.pos < r.len);
        } else if (is_digit(c)) {
            int d;
            int64_t n = read_number(&r, &d);
            if (peek(&r) == ':') {
                if (!legacy_time(&L, &r, n))
                    return NAN;
            } else {
                if (L.nnum == 3)
                    return NAN;
                L.num[L.nnum] = n;
                L.digits[L.nnum] = d;
                L.nnum++;
            }
            L.read_number = true;
        } else if (c == '+' || c == '-') {
            bool after_space = r.pos == 0 || wf_str_get(str, r.pos - 1) == ' ';
            r.pos++;
            if (is_digit(peek(&r)) && (L.has_time || L.utc_word)) {
                if (!legacy_offset(&L, &r, c == '-' ? -1 : 1))
                    return NAN;
            } else if (c == '-' && after_space && is_digit(peek(&r))) {
                /* a negative year, as toString writes it: "Jan 01 -0001" */
                int d;
                int64_t n = read_number(&r, &d);
                if (L.nnum == 3 || peek(&r) == ':')
                    return NAN;
                L.num[L.nnum] = -n;
                L.digits[L.nnum] = d;
                L.nnum++;
                L.read_number = true;
            }
            /* else a separator: 24-Nov-2026, 11-24-2026 */
        } else if (c == '/' || c == '.') {
            r.pos++;
        } else if (is_alpha(c)) {
            char w[8];          /* the first letters, lower case */
            int len = 0;        /* the whole word's length */
            while (is_alpha(peek(&r))) {
                if (len < (int)sizeof w - 1)
                    w[len] = (char)lower(peek(&r));
                len++;
                r.pos++;
            }
            w[len < (int)sizeof w - 1 ? len : (int)sizeof w - 1] = 0;
            if (!legacy_word(&L, w, len))
                return NAN;
        } else {
            return NAN;
        }
    }

    /* the date */
    int64_t year, month, day;
    if (L.month) {
        month = L.month;
        if (L.nnum == 1) {
            if (looks_like_year(&L, 0)) {
                year = L.num[0];
                day = 1;
            } else {
                day = L.num[0];
                year = 2001;
                L.digits[0] = 4;
            }
        } else if (L.nnum == 2) {
            int yi = looks_like_year(&L, 0) ? 0 : 1;
            year = L.num[yi];
            day = L.num[1 - yi];
            L.digits[0] = L.digits[yi];
        } else {
            return NAN;
        }
    } else if (L.nnum == 3) {
        if (looks_like_year(&L, 0)) {
            year = L.num[0];
            month = L.num[1];
            day = L.num[2];
        } else {
            month = L.num[0];
            day = L.num[1];
            year = L.num[2];
            L.digits[0] = L.digits[2];
        }
    } else if (L.nnum == 2) {
        if (looks_like_year(&L, 0)) {
            year = L.num[0];
            month = L.num[1];
            day = 1;
        } else {
            month = L.num[0];
            day = L.num[1];
            year = 2001;
            L.digits[0] = 4;
        }
    } else {
        return NAN;
    }
    /* two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999 */
    if (L.digits[0] <= 2 && year >= 0 && year <= 99)
        year += year < 50 ? 2000 : 1900;
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return NAN;

    /* the time */
    int h = L.hour;
    if (L.ampm) {
        if (h > 12)
            return NAN;
        if (h == 12)
            h = 0;
        if (L.ampm == 2)
            h += 12;
    }
    if (!time_fields_ok(h, L.minute, L.second, L.ms))
        return NAN;
    return fields_to_time(ctx, year, (int)month - 1, (int)day, h, L.minute, L.second, L.ms,
                          !L.has_tz, L.tz);
}

double wf_date_parse(JSContext *ctx, JSValueConst str)
{
    const JSString *p = wf_str(str);
    double t;
    if (parse_iso(ctx, p, &t))
        return t;
    return parse_legacy(ctx, p);
}
