/*
 * date.c - the Date constructor and Date.prototype (ECMA-262 21.4), with
 * the Annex B methods getYear, setYear and toGMTString (B.2.3), and the
 * C API JS_NewDate / JS_IsDate.
 *
 * A Date object is of class JS_CLASS_DATE and keeps its [[DateValue]] in
 * u.object_data as a Number (NaN for an invalid date).  The time
 * arithmetic of 21.4.1 is done here on doubles and int64_t; the local time
 * zone lives in date_tz.c and Date.parse in date_parse.c.
 *
 * Without Intl, the toLocale*String methods write the en-US forms node
 * prints ("11/24/2026, 3:44:10 PM").
 */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "builtins/builtins.h"
#include "builtins/date_int.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char month_names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static const char day_names[] = "SunMonTueWedThuFriSat";

/* ---------------------------------------------------------------------- */
/* Day and time arithmetic (21.4.1)                                        */

int64_t wf_date_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Counting years from March makes the leap day the last day of the
   counted year, so the day of the year follows from the month alone; the
   400-year cycle (146,097 days) handles the century rules. */
int64_t wf_date_days_from_civil(int64_t year, int month, int day)
{
    int64_t y = month < 2 ? year - 1 : year;
    int64_t cycle = wf_date_floor_div(y, 400);
    int64_t yoc = y - cycle * 400;                  /* 0..399 */
    int mar = month < 2 ? month + 10 : month - 2;   /* March = 0 */
    int64_t doy = (153 * mar + 2) / 5 + day - 1;    /* 0..365 */
    int64_t doc = yoc * 365 + yoc / 4 - yoc / 100 + doy;
    return cycle * 146097 + doc - 719468;           /* 719468: 0000-03-01 to 1970-01-01 */
}

static void civil_from_days(int64_t days, WFDateFields *f)
{
    int64_t z = days + 719468;
    int64_t cycle = wf_date_floor_div(z, 146097);
    int64_t doc = z - cycle * 146097;               /* 0..146096 */
    int64_t yoc = (doc - doc / 1460 + doc / 36524 - doc / 146096) / 365;
    int64_t doy = doc - (365 * yoc + yoc / 4 - yoc / 100);
    int mar = (int)((5 * doy + 2) / 153);
    f->day = (int)(doy - (153 * mar + 2) / 5 + 1);
    f->month = mar < 10 ? mar + 2 : mar - 10;
    f->year = yoc + cycle * 400 + (f->month < 2);
}

void wf_date_split(int64_t t, WFDateFields *f)
{
    int64_t days = wf_date_floor_div(t, WF_MS_PER_DAY);
    int64_t ms = t - days * WF_MS_PER_DAY;
    f->days = days;
    civil_from_days(days, f);
    f->hour = (int)(ms / WF_MS_PER_HOUR);
    f->minute = (int)(ms / WF_MS_PER_MINUTE % 60);
    f->second = (int)(ms / WF_MS_PER_SECOND % 60);
    f->ms = (int)(ms % 1000);
    f->wday = (int)(days + 4 - wf_date_floor_div(days + 4, 7) * 7);  /* 1970-01-01: Thursday */
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int wf_date_days_in_month(int64_t year, int month)
{
    static const uint8_t len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 1 && is_leap(year) ? 29 : len[month];
}

/* ToIntegerOrInfinity on a finite number. */
static double to_integer(double d)
{
    return trunc(d) + 0.0;
}

double wf_date_make_time(double hour, double min, double sec, double ms)
{
    if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms))
        return NAN;
    /* the spec's evaluation order, in IEEE arithmetic */
    return ((to_integer(hour) * WF_MS_PER_HOUR + to_integer(min) * WF_MS_PER_MINUTE) +
            to_integer(sec) * WF_MS_PER_SECOND) + to_integer(ms);
}

/* Years further than this from the epoch cannot give a valid time value
   whatever the day argument (a day count of 2^53 is about 2.5e13 years);
   the bound keeps the integer arithmetic exact. */
#define MAKE_DAY_YEAR_LIMIT 1e9

double wf_date_make_day(double year, double month, double date)
{
    if (!isfinite(year) || !isfinite(month) || !isfinite(date))
        return NAN;
    double y = to_integer(year), m = to_integer(month), dt = to_integer(date);
    double ym = y + floor(m / 12);
    if (!(fabs(ym) <= MAKE_DAY_YEAR_LIMIT))
        return NAN;
    double mn = fmod(m, 12);
    if (mn < 0)
        mn += 12;
    int64_t days = wf_date_days_from_civil((int64_t)ym, (int)mn, 1);
    return (double)days + dt - 1;
}

double wf_date_make_date(double day, double time)
{
    if (!isfinite(day) || !isfinite(time))
        return NAN;
    double tv = day * WF_MS_PER_DAY + time;
    return isfinite(tv) ? tv : NAN;
}

double wf_date_time_clip(double t)
{
    if (!isfinite(t) || fabs(t) > WF_MAX_TIME)
        return NAN;
    return to_integer(t);
}

/* LocalTime(t) for a valid time value. */
static int64_t local_time(JSContext *ctx, int64_t t, WFTzInfo *info)
{
    return t + wf_date_tz_offset(ctx->rt, t, info);
}

/* UTC(t) for any Number: values too far out to become a valid time value
   once shifted by an offset are returned unchanged (TimeClip rejects them). */
static double utc_time(JSContext *ctx, double t)
{
    if (!isfinite(t) || fabs(t) > WF_MAX_TIME + 2.0 * WF_MS_PER_DAY)
        return t;
    return (double)wf_date_local_to_utc(ctx->rt, (int64_t)t);
}

static double current_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec * 1000 + (double)(ts.tv_nsec / 1000000);
}

/* ---------------------------------------------------------------------- */
/* [[DateValue]]                                                           */

static double date_value(JSObject *p)
{
    JSValueConst v = p->u.object_data;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT)
        return JS_VALUE_GET_INT(v);
    if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64)
        return JS_VALUE_GET_FLOAT64(v);
    return NAN;
}

static void set_date_value(JSObject *p, double t)
{
    p->u.object_data = wf_number(t);   /* a number: nothing to free */
}

static JSObject *this_date(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsObject(this_val) && wf_obj(this_val)->class_id == JS_CLASS_DATE)
        return wf_obj(this_val);
    JS_ThrowTypeError(ctx, "this is not a Date object.");
    return NULL;
}

/* thisTimeValue(this value): -1 with a TypeError. */
static int this_time_value(JSContext *ctx, JSValueConst this_val, double *pt)
{
    JSObject *p = this_date(ctx, this_val);
    if (!p)
        return -1;
    *pt = date_value(p);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Formatting                                                              */

static JSValue ascii_string(JSContext *ctx, const char *buf, int len)
{
    if (len < 0)
        len = 0;
    return wf_str_new8(ctx, (const uint8_t *)buf, (uint32_t)len);
}

/* "Tue Nov 24 2026" (DateString, 21.4.4.41.2) */
static int fmt_date(char *buf, size_t size, const WFDateFields *f)
{
    return snprintf(buf, size, "%.3s %.3s %02d %s%04lld", day_names + f->wday * 3,
                    month_names + f->month * 3, f->day, f->year < 0 ? "-" : "",
                    (long long)(f->year < 0 ? -f->year : f->year));
}

/* "15:44:10 GMT+0100 (Central European Standard Time)" (TimeString and
   TimeZoneString, 21.4.4.41.1 and .3) */
static int fmt_time_tz(char *buf, size_t size, const WFDateFields *f, const WFTzInfo *info)
{
    char name[64];
    int64_t a = info->offset_ms < 0 ? -info->offset_ms : info->offset_ms;
    if (strcmp(info->abbr, "LMT") == 0) {
        /* before the zone kept standard time: name it by the time it keeps
           in a recent year at the same time of the year, as node does */
        WFTzInfo ref;
        int64_t days = wf_date_days_from_civil(2021, f->month, f->day > 28 ? 28 : f->day);
        wf_date_tz_offset(NULL, days * WF_MS_PER_DAY + 12 * WF_MS_PER_HOUR, &ref);
        wf_date_tz_name(&ref, name, sizeof name);
    } else {
        wf_date_tz_name(info, name, sizeof name);
    }
    return snprintf(buf, size, "%02d:%02d:%02d GMT%c%02d%02d (%s)", f->hour, f->minute, f->second,
                    info->offset_ms < 0 ? '-' : '+', (int)(a / WF_MS_PER_HOUR),
                    (int)(a / WF_MS_PER_MINUTE % 60), name);
}

/* en-US numeric forms: "11/24/2026" and "3:44:10 PM".  Years before 1 are
   written as years of the era before (1 - year), without an era name. */
static int fmt_locale_date(char *buf, size_t size, const WFDateFields *f)
{
    return snprintf(buf, size, "%d/%d/%lld", f->month + 1, f->day,
                    (long long)(f->year > 0 ? f->year : 1 - f->year));
}

static int fmt_locale_time(char *buf, size_t size, const WFDateFields *f)
{
    int h = f->hour % 12;
    return snprintf(buf, size, "%d:%02d:%02d %s", h ? h : 12, f->minute, f->second,
                    f->hour < 12 ? "AM" : "PM");
}

enum {
    FMT_TO_STRING, FMT_DATE_STRING, FMT_TIME_STRING, FMT_UTC_STRING, FMT_ISO_STRING,
    FMT_LOCALE, FMT_LOCALE_DATE, FMT_LOCALE_TIME,
};

/* The string forms of a time value (NaN: "Invalid Date", except ISO). */
static JSValue format_time_value(JSContext *ctx, double tv, int kind)
{
    char buf[160];
    WFDateFields f;
    WFTzInfo info;
    int n = 0;

    if (isnan(tv)) {
        if (kind == FMT_ISO_STRING)
            return JS_ThrowRangeError(ctx, "Invalid time value");
        return JS_NewString(ctx, "Invalid Date");
    }
    int64_t t = (int64_t)tv;
    if (kind == FMT_UTC_STRING || kind == FMT_ISO_STRING)
        wf_date_split(t, &f);
    else
        wf_date_split(local_time(ctx, t, &info), &f);

    switch (kind) {
    case FMT_TO_STRING:
        n = fmt_date(buf, sizeof buf, &f);
        buf[n++] = ' ';
        n += fmt_time_tz(buf + n, sizeof buf - (size_t)n, &f, &info);
        break;
    case FMT_DATE_STRING:
        n = fmt_date(buf, sizeof buf, &f);
        break;
    case FMT_TIME_STRING:
        n = fmt_time_tz(buf, sizeof buf, &f, &info);
        break;
    case FMT_UTC_STRING:
        /* "Tue, 24 Nov 2026 14:44:10 GMT" (21.4.4.43) */
        n = snprintf(buf, sizeof buf, "%.3s, %02d %.3s %s%04lld %02d:%02d:%02d GMT",
                     day_names + f.wday * 3, f.day, month_names + f.month * 3,
                     f.year < 0 ? "-" : "", (long long)(f.year < 0 ? -f.year : f.year),
                     f.hour, f.minute, f.second);
        break;
    case FMT_ISO_STRING:
        /* 21.4.1.32: four-digit years, else six digits with a sign */
        if (f.year >= 0 && f.year <= 9999)
            n = snprintf(buf, sizeof buf, "%04d", (int)f.year);
        else
            n = snprintf(buf, sizeof buf, "%c%06lld", f.year < 0 ? '-' : '+',
                         (long long)(f.year < 0 ? -f.year : f.year));
        n += snprintf(buf + n, sizeof buf - (size_t)n, "-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      f.month + 1, f.day, f.hour, f.minute, f.second, f.ms);
        break;
    case FMT_LOCALE:
        n = fmt_locale_date(buf, sizeof buf, &f);
        n += snprintf(buf + n, sizeof buf - (size_t)n, ", ");
        n += fmt_locale_time(buf + n, sizeof buf - (size_t)n, &f);
        break;
    case FMT_LOCALE_DATE:
        n = fmt_locale_date(buf, sizeof buf, &f);
        break;
    default:
        n = fmt_locale_time(buf, sizeof buf, &f);
        break;
    }
    if (n >= (int)sizeof buf)
        n = (int)sizeof buf - 1;
    return ascii_string(ctx, buf, n);
}

/* ---------------------------------------------------------------------- */
/* The constructor and its functions (21.4.2, 21.4.3)                       */

/* The time value of new Date(y, m, ...) / Date.UTC(y, m, ...) from the
   already converted arguments (missing ones hold their defaults). */
static double make_from_fields(const double *a)
{
    double y = a[0];
    if (!isnan(y)) {
        double yi = to_integer(y);
        if (yi >= 0 && yi <= 99)
            y = 1900 + yi;   /* MakeFullYear */
    }
    return wf_date_make_date(wf_date_make_day(y, a[1], a[2]),
                             wf_date_make_time(a[3], a[4], a[5], a[6]));
}

/* ToNumber of up to 7 arguments, in order, over the defaults
   (year NaN, month 0, date 1, time 0). */
static int convert_fields(JSContext *ctx, int argc, JSValueConst *argv, double *a)
{
    static const double defaults[7] = { NAN, 0, 1, 0, 0, 0, 0 };
    memcpy(a, defaults, sizeof defaults);
    for (int i = 0; i < argc && i < 7; i++) {
        if (wf_to_number(ctx, &a[i], argv[i]) < 0)
            return -1;
    }
    return 0;
}

static JSValue js_date_constructor(JSContext *ctx, JSValueConst new_target,
                                   int argc, JSValueConst *argv)
{
    double tv;

    if (JS_IsUndefined(new_target))
        return format_time_value(ctx, current_time(), FMT_TO_STRING);

    if (argc == 0) {
        tv = current_time();
    } else if (argc == 1) {
        JSValueConst v = argv[0];
        if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_DATE) {
            tv = date_value(wf_obj(v));
        } else {
            JSValue prim = wf_to_primitive(ctx, v, WF_HINT_DEFAULT);
            if (JS_IsException(prim))
                return prim;
            if (JS_IsString(prim)) {
                tv = wf_date_parse(ctx, prim);
            } else if (wf_to_number(ctx, &tv, prim) < 0) {
                JS_FreeValue(ctx, prim);
                return JS_EXCEPTION;
            }
            JS_FreeValue(ctx, prim);
        }
        tv = wf_date_time_clip(tv);
    } else {
        double a[7];
        if (convert_fields(ctx, argc, argv, a) < 0)
            return JS_EXCEPTION;
        tv = wf_date_time_clip(utc_time(ctx, make_from_fields(a)));
    }

    JSValue obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_DATE);
    if (JS_IsException(obj))
        return obj;
    set_date_value(wf_obj(obj), tv);
    return obj;
}

static JSValue js_date_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)ctx;
    (void)this_val;
    (void)argc;
    (void)argv;
    return wf_number(current_time());
}

static JSValue js_date_parse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    JSValue s = wf_to_string(ctx, argv[0]);
    if (JS_IsException(s))
        return s;
    double t = wf_date_parse(ctx, s);
    JS_FreeValue(ctx, s);
    return wf_number(t);
}

static JSValue js_date_utc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double a[7];
    (void)this_val;
    if (convert_fields(ctx, argc, argv, a) < 0)
        return JS_EXCEPTION;
    return wf_number(wf_date_time_clip(make_from_fields(a)));
}

/* ---------------------------------------------------------------------- */
/* Getters (21.4.4.2-20, B.2.3.1)                                           */

enum {
    F_YEAR, F_MONTH, F_DATE, F_HOURS, F_MINUTES, F_SECONDS, F_MS,   /* argument order of the setters */
    F_DAY, F_YEAR_1900,
};
#define F_UTC 0x10

static JSValue js_date_get_field(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv, int magic)
{
    double tv;
    WFDateFields f;
    (void)argc;
    (void)argv;
    if (this_time_value(ctx, this_val, &tv) < 0)
        return JS_EXCEPTION;
    if (isnan(tv))
        return __JS_NewFloat64(NAN);
    int64_t t = (int64_t)tv;
    wf_date_split(magic & F_UTC ? t : local_time(ctx, t, NULL), &f);
    switch (magic & ~F_UTC) {
    case F_YEAR:
        return wf_number((double)f.year);
    case F_YEAR_1900:
        return wf_number((double)(f.year - 1900));
    case F_MONTH:
        return JS_NewInt32(ctx, f.month);
    case F_DATE:
        return JS_NewInt32(ctx, f.day);
    case F_DAY:
        return JS_NewInt32(ctx, f.wday);
    case F_HOURS:
        return JS_NewInt32(ctx, f.hour);
    case F_MINUTES:
        return JS_NewInt32(ctx, f.minute);
    case F_SECONDS:
        return JS_NewInt32(ctx, f.second);
    default:
        return JS_NewInt32(ctx, f.ms);
    }
}

/* getTime, valueOf */
static JSValue js_date_get_time(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    double tv;
    (void)argc;
    (void)argv;
    if (this_time_value(ctx, this_val, &tv) < 0)
        return JS_EXCEPTION;
    return wf_number(tv);
}

static JSValue js_date_get_timezone_offset(JSContext *ctx, JSValueConst this_val,
                                           int argc, JSValueConst *argv)
{
    double tv;
    (void)argc;
    (void)argv;
    if (this_time_value(ctx, this_val, &tv) < 0)
        return JS_EXCEPTION;
    if (isnan(tv))
        return __JS_NewFloat64(NAN);
    /* (t - LocalTime(t)) / msPerMinute: fractional for offsets with seconds */
    int64_t off = wf_date_tz_offset(ctx->rt, (int64_t)tv, NULL);
    return wf_number((double)(0 - off) / WF_MS_PER_MINUTE);   /* +0, never -0, in UTC */
}

/* ---------------------------------------------------------------------- */
/* Setters (21.4.4.20-28, B.2.3.2)                                          */

/* magic: first field set (F_YEAR .. F_MS) | max argument count << 4 |
   SET_UTC.  Each setter replaces the fields from `first` on with its
   arguments; the time value is read before any argument is converted, and
   every argument present is converted even when the date is invalid. */
#define SET_UTC 0x100
#define SET_MAGIC(first, n) ((first) | ((n) << 4))

static JSValue js_date_set_fields(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv, int magic)
{
    int first = magic & 0xf, nmax = (magic >> 4) & 0xf;
    bool utc = (magic & SET_UTC) != 0;
    double args[7];
    JSObject *p = this_date(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    double tv = date_value(p);

    int n = argc < 1 ? 1 : argc;
    if (n > nmax)
        n = nmax;
    for (int i = 0; i < n; i++) {
        if (wf_to_number(ctx, &args[i], i < argc ? argv[i] : JS_UNDEFINED) < 0)
            return JS_EXCEPTION;
    }

    if (isnan(tv)) {
        if (first != F_YEAR)
            return __JS_NewFloat64(NAN);
        tv = 0;   /* setFullYear on an invalid date starts from +0 */
    } else if (!utc) {
        tv = (double)local_time(ctx, (int64_t)tv, NULL);
    }

    WFDateFields f;
    wf_date_split((int64_t)tv, &f);
    double v[7] = { (double)f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms };
    for (int i = 0; i < n; i++)
        v[first + i] = args[i];

    double d = wf_date_make_date(wf_date_make_day(v[0], v[1], v[2]),
                                 wf_date_make_time(v[3], v[4], v[5], v[6]));
    if (!utc)
        d = utc_time(ctx, d);
    d = wf_date_time_clip(d);
    set_date_value(p, d);
    return wf_number(d);
}

static JSValue js_date_set_time(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    double t;
    (void)argc;
    JSObject *p = this_date(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    if (wf_to_number(ctx, &t, argv[0]) < 0)
        return JS_EXCEPTION;
    t = wf_date_time_clip(t);
    set_date_value(p, t);
    return wf_number(t);
}

/* B.2.3.2 Date.prototype.setYear */
static JSValue js_date_set_year(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    double y;
    (void)argc;
    JSObject *p = this_date(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    double tv = date_value(p);
    if (wf_to_number(ctx, &y, argv[0]) < 0)
        return JS_EXCEPTION;
    tv = isnan(tv) ? 0 : (double)local_time(ctx, (int64_t)tv, NULL);
    if (isnan(y)) {
        set_date_value(p, NAN);
        return __JS_NewFloat64(NAN);
    }
    double yi = to_integer(y);
    if (yi >= 0 && yi <= 99)
        y = 1900 + yi;
    WFDateFields f;
    int64_t t = (int64_t)tv;
    wf_date_split(t, &f);
    double d = wf_date_make_date(wf_date_make_day(y, f.month, f.day),
                                 (double)(t - f.days * WF_MS_PER_DAY));
    d = wf_date_time_clip(utc_time(ctx, d));
    set_date_value(p, d);
    return wf_number(d);
}

/* ---------------------------------------------------------------------- */
/* Conversions (21.4.4.35-45)                                               */

static JSValue js_date_to_string_kind(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv, int magic)
{
    double tv;
    (void)argc;
    (void)argv;
    if (this_time_value(ctx, this_val, &tv) < 0)
        return JS_EXCEPTION;
    return format_time_value(ctx, tv, magic);
}

/* 21.4.4.37 Date.prototype.toJSON(key): generic. */
static JSValue js_date_to_json(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    JSValue o = wf_to_object(ctx, this_val);
    if (JS_IsException(o))
        return o;
    JSValue tv = wf_to_primitive(ctx, o, WF_HINT_NUMBER);
    if (JS_IsException(tv)) {
        JS_FreeValue(ctx, o);
        return tv;
    }
    if (JS_VALUE_GET_TAG(tv) == JS_TAG_FLOAT64 && !isfinite(JS_VALUE_GET_FLOAT64(tv))) {
        JS_FreeValue(ctx, o);
        return JS_NULL;
    }
    JS_FreeValue(ctx, tv);
    JSValue r = wf_invoke(ctx, o, JS_ATOM_toISOString, 0, NULL);
    JS_FreeValue(ctx, o);
    return r;
}

/* OrdinaryToPrimitive(O, hint) (7.1.1.1). */
static JSValue ordinary_to_primitive(JSContext *ctx, JSValueConst obj, bool string_first)
{
    JSAtom order[2] = { JS_ATOM_valueOf, JS_ATOM_toString };
    if (string_first) {
        order[0] = JS_ATOM_toString;
        order[1] = JS_ATOM_valueOf;
    }
    for (int i = 0; i < 2; i++) {
        JSValue m = JS_GetProperty(ctx, obj, order[i]);
        if (JS_IsException(m))
            return m;
        if (wf_is_callable(m)) {
            JSValue r = wf_call_free(ctx, m, obj, 0, NULL);
            if (JS_IsException(r) || !JS_IsObject(r))
                return r;
            JS_FreeValue(ctx, r);
        } else {
            JS_FreeValue(ctx, m);
        }
    }
    return JS_ThrowTypeError(ctx, "cannot convert object to primitive value");
}

static bool string_is_atom(JSContext *ctx, JSValueConst s, JSAtom a)
{
    JSString *as = wf_atom_get_str(ctx->rt, a);
    return as && wf_str_eq(wf_str(s), as);
}

/* 21.4.4.45 Date.prototype[@@toPrimitive](hint) */
static JSValue js_date_to_primitive(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv)
{
    (void)argc;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Date.prototype[Symbol.toPrimitive] called on non-object");
    JSValueConst hint = argv[0];
    if (JS_VALUE_GET_TAG(hint) == JS_TAG_STRING) {
        if (string_is_atom(ctx, hint, JS_ATOM_string) || string_is_atom(ctx, hint, JS_ATOM_default))
            return ordinary_to_primitive(ctx, this_val, true);
        if (string_is_atom(ctx, hint, JS_ATOM_number))
            return ordinary_to_primitive(ctx, this_val, false);
    }
    return JS_ThrowTypeError(ctx, "Invalid hint");
}

/* ---------------------------------------------------------------------- */
/* Tables and set-up                                                       */

#define GET(name, field) JS_CFUNC_MAGIC_DEF(name, 0, js_date_get_field, field)
#define SET(name, len, first, utc) \
    JS_CFUNC_MAGIC_DEF(name, len, js_date_set_fields, SET_MAGIC(first, len) | (utc))
#define STR(name, kind) JS_CFUNC_MAGIC_DEF(name, 0, js_date_to_string_kind, kind)

static const JSCFunctionListEntry js_date_funcs[] = {
    JS_CFUNC_DEF("now", 0, js_date_now),
    JS_CFUNC_DEF("parse", 1, js_date_parse),
    JS_CFUNC_DEF("UTC", 7, js_date_utc),
};

static const JSCFunctionListEntry js_date_proto_funcs[] = {
    STR("toString", FMT_TO_STRING),
    STR("toDateString", FMT_DATE_STRING),
    STR("toTimeString", FMT_TIME_STRING),
    STR("toISOString", FMT_ISO_STRING),
    STR("toUTCString", FMT_UTC_STRING),
    JS_ALIAS_DEF("toGMTString", "toUTCString"),
    STR("toLocaleString", FMT_LOCALE),
    STR("toLocaleDateString", FMT_LOCALE_DATE),
    STR("toLocaleTimeString", FMT_LOCALE_TIME),
    JS_CFUNC_DEF("toJSON", 1, js_date_to_json),
    JS_CFUNC_DEF("valueOf", 0, js_date_get_time),
    JS_CFUNC_DEF("getTime", 0, js_date_get_time),
    JS_CFUNC_DEF("getTimezoneOffset", 0, js_date_get_timezone_offset),
    GET("getFullYear", F_YEAR),
    GET("getUTCFullYear", F_YEAR | F_UTC),
    GET("getYear", F_YEAR_1900),
    GET("getMonth", F_MONTH),
    GET("getUTCMonth", F_MONTH | F_UTC),
    GET("getDate", F_DATE),
    GET("getUTCDate", F_DATE | F_UTC),
    GET("getDay", F_DAY),
    GET("getUTCDay", F_DAY | F_UTC),
    GET("getHours", F_HOURS),
    GET("getUTCHours", F_HOURS | F_UTC),
    GET("getMinutes", F_MINUTES),
    GET("getUTCMinutes", F_MINUTES | F_UTC),
    GET("getSeconds", F_SECONDS),
    GET("getUTCSeconds", F_SECONDS | F_UTC),
    GET("getMilliseconds", F_MS),
    GET("getUTCMilliseconds", F_MS | F_UTC),
    JS_CFUNC_DEF("setTime", 1, js_date_set_time),
    JS_CFUNC_DEF("setYear", 1, js_date_set_year),
    SET("setFullYear", 3, F_YEAR, 0),
    SET("setUTCFullYear", 3, F_YEAR, SET_UTC),
    SET("setMonth", 2, F_MONTH, 0),
    SET("setUTCMonth", 2, F_MONTH, SET_UTC),
    SET("setDate", 1, F_DATE, 0),
    SET("setUTCDate", 1, F_DATE, SET_UTC),
    SET("setHours", 4, F_HOURS, 0),
    SET("setUTCHours", 4, F_HOURS, SET_UTC),
    SET("setMinutes", 3, F_MINUTES, 0),
    SET("setUTCMinutes", 3, F_MINUTES, SET_UTC),
    SET("setSeconds", 2, F_SECONDS, 0),
    SET("setUTCSeconds", 2, F_SECONDS, SET_UTC),
    SET("setMilliseconds", 1, F_MS, 0),
    SET("setUTCMilliseconds", 1, F_MS, SET_UTC),
    JS_CFUNC_DEF2("[Symbol.toPrimitive]", 1, js_date_to_primitive, JS_PROP_CONFIGURABLE),
};

int wf_init_date(JSContext *ctx)
{
    /* Date.prototype is an ordinary object, not a Date (21.4.4). */
    JSValue proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_DATE]);
    ctx->class_proto[JS_CLASS_DATE] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_date_proto_funcs,
                                   countof(js_date_proto_funcs)) < 0)
        return -1;
    JSValue ctor = wf_define_ctor(ctx, js_date_constructor, "Date", 7,
                                  JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    int r = JS_SetPropertyFunctionList(ctx, ctor, js_date_funcs, countof(js_date_funcs));
    JS_FreeValue(ctx, ctor);
    return r < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* C API                                                                   */

JSValue JS_NewDate(JSContext *ctx, double epoch_ms)
{
    JSValue obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_DATE], JS_CLASS_DATE);
    if (JS_IsException(obj))
        return obj;
    set_date_value(wf_obj(obj), wf_date_time_clip(epoch_ms));
    return obj;
}

bool JS_IsDate(JSValueConst v)
{
    return JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_DATE;
}
