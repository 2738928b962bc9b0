/*
 * date_tz.c - the local time zone of the Date built-in (ECMA-262 21.4.1.20
 * GetNamedTimeZoneOffsetNanoseconds, 21.4.1.25 LocalTime, 21.4.1.26 UTC).
 *
 * Offsets come from the system's time-zone database through localtime_r on
 * a time_t, which covers daylight saving time, historical rules (local mean
 * time offsets with seconds included) and, for far dates, the zone's
 * final POSIX rule.  The TZ environment variable is honoured: tzset() reads
 * it once per process (pthread_once below); localtime_r itself is
 * thread-safe.  Local time to UTC is computed here rather than with mktime,
 * to follow the spec's rule for skipped and repeated local times.
 *
 * This file keeps no state of its own except that once-flag.
 */
#define _DEFAULT_SOURCE 1   /* tm_gmtoff, tm_zone */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "builtins/date_int.h"
#include "engine/state.h"

/* Process-wide, written once: makes the C library read TZ before the first
   localtime_r (which, unlike localtime, need not do it itself). */
static pthread_once_t tz_once = PTHREAD_ONCE_INIT;

static void tz_init(void)
{
    tzset();
}

/* Offset in seconds at the UTC second s, from the tz database. */
static int64_t tz_offset_sec(int64_t s, WFTzInfo *info)
{
    struct tm tm;
    time_t sec;

    pthread_once(&tz_once, tz_init);
    if (sizeof(time_t) < 8) {
        /* 32-bit time_t: the offset at the nearest representable instant */
        if (s > INT32_MAX)
            s = INT32_MAX;
        else if (s < INT32_MIN)
            s = INT32_MIN;
    }
    sec = (time_t)s;
    memset(&tm, 0, sizeof tm);
    if (!localtime_r(&sec, &tm)) {
        if (info) {
            info->offset_ms = 0;
            info->is_dst = false;
            strcpy(info->abbr, "UTC");
        }
        return 0;
    }
    if (info) {
        info->offset_ms = (int64_t)tm.tm_gmtoff * WF_MS_PER_SECOND;
        info->is_dst = tm.tm_isdst > 0;
        info->abbr[0] = 0;
        if (tm.tm_zone) {
            size_t n = strlen(tm.tm_zone);
            if (n >= sizeof info->abbr)
                n = sizeof info->abbr - 1;
            memcpy(info->abbr, tm.tm_zone, n);
            info->abbr[n] = 0;
        }
    }
    return tm.tm_gmtoff;
}

/* The offset cache (rt->date_tz_cache): two spans of UTC seconds
   [start, end) over which the offset is known, most recent first.  The
   spans rest on the same assumption as wf_date_local_to_utc: two
   transitions never lie within a day of each other, so equal offsets at
   two instants less than a day apart hold in between.  A lookup next to a
   span with the same offset widens it; a forward scan also probes a day
   ahead, so walking through a day costs one more localtime_r, not one per
   step. */
#define SPAN_START(c, i) (c)[3 * (i)]
#define SPAN_END(c, i)   (c)[3 * (i) + 1]
#define SPAN_OFF(c, i)   (c)[3 * (i) + 2]
#define DAY_SEC 86400

static void span_push(int64_t *c, int64_t start, int64_t end, int64_t off)
{
    SPAN_START(c, 1) = SPAN_START(c, 0);
    SPAN_END(c, 1) = SPAN_END(c, 0);
    SPAN_OFF(c, 1) = SPAN_OFF(c, 0);
    SPAN_START(c, 0) = start;
    SPAN_END(c, 0) = end;
    SPAN_OFF(c, 0) = off;
}

static int64_t cached_offset_sec(JSRuntime *rt, int64_t s)
{
    int64_t *c = rt->date_tz_cache;
    for (int i = 0; i < 2; i++) {
        if (s >= SPAN_START(c, i) && s < SPAN_END(c, i)) {
            if (i == 1)
                span_push(c, SPAN_START(c, 1), SPAN_END(c, 1), SPAN_OFF(c, 1));
            return SPAN_OFF(c, 0);
        }
    }
    int64_t off = tz_offset_sec(s, NULL);
    bool valid = SPAN_START(c, 0) < SPAN_END(c, 0);
    if (valid && off == SPAN_OFF(c, 0) && s >= SPAN_END(c, 0) && s - SPAN_START(c, 0) < DAY_SEC) {
        SPAN_END(c, 0) = s + 1;
        if (tz_offset_sec(s + DAY_SEC - 1, NULL) == off)
            SPAN_END(c, 0) = s + DAY_SEC;
    } else if (valid && off == SPAN_OFF(c, 0) && s < SPAN_START(c, 0) &&
               SPAN_END(c, 0) - s <= DAY_SEC) {
        SPAN_START(c, 0) = s;
    } else {
        span_push(c, s, s + 1, off);
    }
    return off;
}

int64_t wf_date_tz_offset(JSRuntime *rt, int64_t utc_ms, WFTzInfo *info)
{
    int64_t s = wf_date_floor_div(utc_ms, WF_MS_PER_SECOND);
    if (rt && !info)
        return cached_offset_sec(rt, s) * WF_MS_PER_SECOND;
    return tz_offset_sec(s, info) * WF_MS_PER_SECOND;
}

/* UTC(t).  The instants u with u + offset(u) = t lie within a day of t
   (offsets stay below 16 hours), so the offsets in force a day before and
   a day after t are the candidates; when they differ a transition lies in
   between:
   - t - before is right if the transition comes after it (a repeated local
     time then also has the later instant t - after; the spec takes the
     earlier one, which is this one);
   - otherwise t - after is right if it comes after the transition;
   - otherwise t was skipped by the transition, and the spec takes the
     offset before it.
   Two transitions within two days of each other are not handled: none of
   the zones in use has them. */
int64_t wf_date_local_to_utc(JSRuntime *rt, int64_t t)
{
    int64_t before = wf_date_tz_offset(rt, t - WF_MS_PER_DAY, NULL);
    int64_t after = wf_date_tz_offset(rt, t + WF_MS_PER_DAY, NULL);
    if (before == after) {
        if (rt) {
            /* no transition in between: remember the whole span */
            int64_t s = wf_date_floor_div(t, WF_MS_PER_SECOND);
            span_push(rt->date_tz_cache, s - DAY_SEC, s + DAY_SEC + 1, before / WF_MS_PER_SECOND);
        }
        return t - before;
    }
    if (wf_date_tz_offset(rt, t - before, NULL) == before)
        return t - before;
    if (wf_date_tz_offset(rt, t - after, NULL) == after)
        return t - after;
    return t - before;
}

/* Long names of the common abbreviations, as the CLDR spells them.  Some
   abbreviations name several zones; the offset tells them apart. */
static const struct {
    char abbr[6];
    int16_t offset_min;
    const char *name;
} tz_names[] = {
    { "UTC", 0, "Coordinated Universal Time" },
    { "GMT", 0, "Greenwich Mean Time" },
    { "BST", 60, "British Summer Time" },
    { "IST", 60, "Irish Standard Time" },
    { "WET", 0, "Western European Standard Time" },
    { "WEST", 60, "Western European Summer Time" },
    { "CET", 60, "Central European Standard Time" },
    { "CEST", 120, "Central European Summer Time" },
    { "MET", 60, "Central European Standard Time" },
    { "MEST", 120, "Central European Summer Time" },
    { "EET", 120, "Eastern European Standard Time" },
    { "EEST", 180, "Eastern European Summer Time" },
    { "MSK", 180, "Moscow Standard Time" },
    { "IST", 120, "Israel Standard Time" },
    { "IDT", 180, "Israel Daylight Time" },
    { "SAST", 120, "South Africa Standard Time" },
    { "CAT", 120, "Central Africa Time" },
    { "EAT", 180, "East Africa Time" },
    { "WAT", 60, "West Africa Standard Time" },
    { "PKT", 300, "Pakistan Standard Time" },
    { "IST", 330, "India Standard Time" },
    { "WIB", 420, "Western Indonesia Time" },
    { "WITA", 480, "Central Indonesia Time" },
    { "WIT", 540, "Eastern Indonesia Time" },
    { "CST", 480, "China Standard Time" },
    { "HKT", 480, "Hong Kong Standard Time" },
    { "PST", 480, "Philippine Standard Time" },
    { "AWST", 480, "Australian Western Standard Time" },
    { "JST", 540, "Japan Standard Time" },
    { "KST", 540, "Korean Standard Time" },
    { "ACST", 570, "Australian Central Standard Time" },
    { "ACDT", 630, "Australian Central Daylight Time" },
    { "AEST", 600, "Australian Eastern Standard Time" },
    { "AEDT", 660, "Australian Eastern Daylight Time" },
    { "ChST", 600, "Chamorro Standard Time" },
    { "NZST", 720, "New Zealand Standard Time" },
    { "NZDT", 780, "New Zealand Daylight Time" },
    { "SST", -660, "Samoa Standard Time" },
    { "HST", -600, "Hawaii-Aleutian Standard Time" },
    { "HDT", -540, "Hawaii-Aleutian Daylight Time" },
    { "AKST", -540, "Alaska Standard Time" },
    { "AKDT", -480, "Alaska Daylight Time" },
    { "PST", -480, "Pacific Standard Time" },
    { "PDT", -420, "Pacific Daylight Time" },
    { "MST", -420, "Mountain Standard Time" },
    { "MDT", -360, "Mountain Daylight Time" },
    { "CST", -360, "Central Standard Time" },
    { "CDT", -300, "Central Daylight Time" },
    { "CST", -300, "Cuba Standard Time" },
    { "CDT", -240, "Cuba Daylight Time" },
    { "EST", -300, "Eastern Standard Time" },
    { "EDT", -240, "Eastern Daylight Time" },
    { "AST", -240, "Atlantic Standard Time" },
    { "ADT", -180, "Atlantic Daylight Time" },
    { "NST", -210, "Newfoundland Standard Time" },
    { "NDT", -150, "Newfoundland Daylight Time" },
};

void wf_date_tz_name(const WFTzInfo *info, char *buf, size_t size)
{
    int64_t off_sec = info->offset_ms / WF_MS_PER_SECOND;
    int off_min = (int)(off_sec / 60);
    bool alpha = info->abbr[0] != 0;

    for (const char *p = info->abbr; *p; p++) {
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
            alpha = false;
    }
    if (alpha) {
        for (size_t i = 0; i < sizeof tz_names / sizeof tz_names[0]; i++) {
            if (strcmp(tz_names[i].abbr, info->abbr) == 0 && tz_names[i].offset_min == off_min) {
                snprintf(buf, size, "%s", tz_names[i].name);
                return;
            }
        }
        snprintf(buf, size, "%s", info->abbr);
        return;
    }
    /* numeric abbreviations ("+1030", "-03") and none at all */
    int a = off_min < 0 ? -off_min : off_min;
    snprintf(buf, size, "GMT%c%02d:%02d", off_min < 0 ? '-' : '+', a / 60, a % 60);
}
