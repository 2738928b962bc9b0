/*
 * date_int.h - private interface of the Date built-in, shared by its three
 * files: date.c (time arithmetic, the constructor and the prototype),
 * date_tz.c (the local time zone through the system's tz database) and
 * date_parse.c (Date.parse).  Nothing outside these files includes it.
 *
 * Time values are milliseconds since 1970-01-01T00:00:00Z held in a double
 * (ECMA-262 21.4.1.1); once TimeClip has accepted them they are integers
 * within +-8.64e15, which the helpers below also take as int64_t.
 */
#ifndef WF_DATE_INT_H
#define WF_DATE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

#define WF_MS_PER_SECOND 1000
#define WF_MS_PER_MINUTE 60000
#define WF_MS_PER_HOUR   3600000
#define WF_MS_PER_DAY    86400000
#define WF_MAX_TIME      8.64e15      /* TimeClip bound, 21.4.1.31 */

/* A time value broken down into its calendar fields (21.4.1.3-14). */
typedef struct WFDateFields {
    int64_t year;       /* proleptic Gregorian, astronomical (year 0 exists) */
    int month;          /* 0..11 */
    int day;            /* 1..31 */
    int hour, minute, second, ms;
    int wday;           /* 0 = Sunday */
    int64_t days;       /* Day(t): days since the epoch */
} WFDateFields;

/* date.c: the spec's day and time arithmetic. */
int64_t wf_date_floor_div(int64_t a, int64_t b);
/* Days from the epoch to year-month(0..11)-1 .. +day-1 (no range check:
   |year| below about 2^40). */
int64_t wf_date_days_from_civil(int64_t year, int month, int day);
void wf_date_split(int64_t t, WFDateFields *f);       /* t: a finite time value */
int wf_date_days_in_month(int64_t year, int month);
double wf_date_make_time(double hour, double min, double sec, double ms);  /* 21.4.1.28 */
double wf_date_make_day(double year, double month, double date);           /* 21.4.1.29 */
double wf_date_make_date(double day, double time);                         /* 21.4.1.30 */
double wf_date_time_clip(double t);                                        /* 21.4.1.31 */

/* date_tz.c: the system time zone (TZ, /etc/localtime). */
typedef struct WFTzInfo {
    int64_t offset_ms;  /* local time - UTC, for the instant asked about */
    bool is_dst;
    char abbr[16];      /* the tz database abbreviation ("CET", "+1030"), may be "" */
} WFTzInfo;

/* LocalTZA(t, true): offset in ms of local time at the UTC instant t
   (a finite integral time value, or anything an int64 holds).  info may be
   NULL; rt (may be NULL) holds a cache of recent offsets, used when info
   is not asked for. */
int64_t wf_date_tz_offset(JSRuntime *rt, int64_t utc_ms, WFTzInfo *info);
/* UTC(t) (21.4.1.26) for a finite local time value: repeated local times
   and skipped ones both take the offset in force before the transition. */
int64_t wf_date_local_to_utc(JSRuntime *rt, int64_t local_ms);
/* Name written in parentheses by Date.prototype.toString: a long name for
   the usual abbreviations ("Central European Standard Time"), else the
   abbreviation, else "GMT+hh:mm".  buf gets at most size-1 chars. */
void wf_date_tz_name(const WFTzInfo *info, char *buf, size_t size);

/* date_parse.c: Date.parse on a string value (21.4.3.2): the time value,
   or NaN. */
double wf_date_parse(JSContext *ctx, JSValueConst str);

#endif /* WF_DATE_INT_H */
