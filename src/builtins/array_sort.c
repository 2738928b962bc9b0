/*
 * array_sort.c - Array.prototype.sort and Array.prototype.toSorted
 * (ECMA-262 23.1.3.30 sort, 23.1.3.30.1 SortIndexedProperties,
 * 23.1.3.30.2 SortCompare, 23.1.3.34 toSorted).
 *
 * Both gather the elements (skipping holes for sort, reading through them
 * for toSorted), sort the gathered list with a stable merge sort and write
 * it back.  undefined never reaches the comparator: it is set aside while
 * gathering and put after the sorted values, which is where SortCompare
 * puts it.  Without a comparator every element is compared through its
 * ToString; the strings are computed once per element (the spec's calls
 * per comparison are unobservable as long as toString is consistent, and
 * the order is implementation-defined otherwise), and numbers get an
 * allocation-free ASCII key.
 *
 * A comparator that throws stops the sort at once; the exception
 * propagates and the array is left as it was.
 */
#include <math.h>
#include "builtins/array_int.h"
#include "engine/num/num.h"

#define NUM_KEY_MAX 30      /* longest Number::toString output is 24 chars */

typedef struct SortEntry {
    JSValue val;
    union {
        JSString *str;      /* SORT_STRINGS: ToString(val), counted */
        struct {
            uint8_t len;
            char c[NUM_KEY_MAX];
        } num;              /* SORT_NUMBERS: Number::toString(val) */
    } key;
} SortEntry;

enum { SORT_CMPFN, SORT_STRINGS, SORT_NUMBERS };

typedef struct SortState {
    JSContext *ctx;
    JSValueConst cmpfn;
    int mode;
} SortState;

/* SortCompare on two non-undefined values: *pres < 0, 0 or > 0; -1 on
   exception. */
static int sort_compare(SortState *s, const SortEntry *a, const SortEntry *b, int *pres)
{
    switch (s->mode) {
    case SORT_NUMBERS: {
        int la = a->key.num.len, lb = b->key.num.len;
        int r = memcmp(a->key.num.c, b->key.num.c, la < lb ? la : lb);
        *pres = r ? r : la - lb;
        return 0;
    }
    case SORT_STRINGS:
        *pres = wf_str_cmp(a->key.str, b->key.str);
        return 0;
    default: {
        JSValueConst args[2];
        JSValue r;
        double d;
        args[0] = a->val;
        args[1] = b->val;
        r = wf_call(s->ctx, s->cmpfn, JS_UNDEFINED, 2, args);
        if (JS_IsException(r))
            return -1;
        if (JS_VALUE_GET_TAG(r) == JS_TAG_INT) {
            int32_t i = JS_VALUE_GET_INT(r);
            *pres = (i > 0) - (i < 0);
            return 0;
        }
        if (wf_to_number(s->ctx, &d, r) < 0) {
            JS_FreeValue(s->ctx, r);
            return -1;
        }
        JS_FreeValue(s->ctx, r);
        *pres = (d > 0) - (d < 0);     /* NaN counts as +0 */
        return 0;
    }
    }
}

/* Stable merge sort of a[0..n) using tmp (n/2+1 entries).  On exception
   a[] is still a permutation of its input, so the caller can free it. */
static int merge_sort(SortState *s, SortEntry *a, SortEntry *tmp, size_t n)
{
    size_t mid, i, j, k;
    int c;

    if (n <= 8) {
        for (i = 1; i < n; i++) {
            SortEntry x = a[i];
            for (j = i; j > 0; j--) {
                if (sort_compare(s, &a[j - 1], &x, &c) < 0) {
                    a[j] = x;
                    return -1;
                }
                if (c <= 0)
                    break;
                a[j] = a[j - 1];
            }
            a[j] = x;
        }
        return 0;
    }
    mid = n / 2;
    if (merge_sort(s, a, tmp, mid) < 0 || merge_sort(s, a + mid, tmp, n - mid) < 0)
        return -1;
    /* already in order (common for sorted input): one comparison */
    if (sort_compare(s, &a[mid - 1], &a[mid], &c) < 0)
        return -1;
    if (c <= 0)
        return 0;
    memcpy(tmp, a, sizeof(SortEntry) * mid);
    i = 0;
    j = mid;
    k = 0;
    while (i < mid && j < n) {
        if (sort_compare(s, &a[j], &tmp[i], &c) < 0) {
            /* put the unmerged left run back where the gap is */
            memcpy(a + k, tmp + i, sizeof(SortEntry) * (mid - i));
            return -1;
        }
        if (c < 0)
            a[k++] = a[j++];
        else
            a[k++] = tmp[i++];
    }
    if (i < mid)
        memcpy(a + k, tmp + i, sizeof(SortEntry) * (mid - i));
    return 0;
}

typedef struct SortList {
    SortEntry *e;
    uint32_t count;         /* sortable (non-undefined) values */
    uint32_t size;
    uint32_t n_undef;       /* undefined values, sorted last */
    int mode;
} SortList;

static void sort_list_free(JSContext *ctx, SortList *l)
{
    uint32_t i;
    for (i = 0; i < l->count; i++) {
        JS_FreeValue(ctx, l->e[i].val);
        if (l->mode == SORT_STRINGS && l->e[i].key.str)
            JS_FreeValue(ctx, JS_MKPTR(JS_TAG_STRING, l->e[i].key.str));
    }
    js_free(ctx, l->e);
    l->e = NULL;
    l->count = 0;
}

static int sort_list_add(JSContext *ctx, SortList *l, JSValue v)
{
    if (JS_IsUndefined(v)) {
        l->n_undef++;
        return 0;
    }
    if (l->count == l->size) {
        uint32_t ns;
        SortEntry *ne;
        if (l->size >= (1u << 30)) {
            JS_FreeValue(ctx, v);
            JS_ThrowOutOfMemory(ctx);
            return -1;
        }
        ns = l->size ? l->size + l->size / 2 : 16;
        ne = js_realloc(ctx, l->e, sizeof(SortEntry) * (size_t)ns);
        if (!ne) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        l->e = ne;
        l->size = ns;
    }
    l->e[l->count].val = v;
    l->e[l->count].key.str = NULL;
    l->count++;
    return 0;
}

/* Gather obj[0..len) (SortIndexedProperties steps 1-3). */
static int sort_gather(JSContext *ctx, SortList *l, JSValueConst obj, int64_t len,
                       bool skip_holes)
{
    JSValue *vals, v;
    uint32_t count;
    int64_t k;
    int r;

    if (wf_array_get_fast(obj, &vals, &count) && (int64_t)count >= len) {
        /* reading own data elements runs no code */
        if (len > 0) {
            l->e = js_malloc(ctx, sizeof(SortEntry) * (size_t)len);
            if (!l->e)
                return -1;
            l->size = (uint32_t)len;
        }
        for (k = 0; k < len; k++)
            sort_list_add(ctx, l, JS_DupValue(ctx, vals[k]));
        return 0;
    }
    for (k = 0; k < len; k++) {
        if (skip_holes) {
            r = wf_arr_try_get(ctx, obj, k, &v);
            if (r < 0)
                return -1;
            if (!r)
                continue;
        } else {
            v = wf_arr_get(ctx, obj, k);
            if (JS_IsException(v))
                return -1;
        }
        if (sort_list_add(ctx, l, v) < 0)
            return -1;
    }
    return 0;
}

/* Number::toString(v) as an ASCII key. */
static void num_key(SortEntry *e)
{
    char buf[WF_NUM_BUF_SIZE];
    int len;
    if (JS_VALUE_GET_TAG(e->val) == JS_TAG_INT) {
        int32_t i = JS_VALUE_GET_INT(e->val);
        uint32_t u = i < 0 ? 0u - (uint32_t)i : (uint32_t)i;
        char *p = buf + sizeof(buf);
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (i < 0)
            *--p = '-';
        len = (int)(buf + sizeof(buf) - p);
        memcpy(e->key.num.c, p, (size_t)len);
    } else {
        len = wf_num_dtoa(JS_VALUE_GET_FLOAT64(e->val), buf);
        if (len > NUM_KEY_MAX)
            len = NUM_KEY_MAX;     /* cannot happen: at most 24 */
        memcpy(e->key.num.c, buf, (size_t)len);
    }
    e->key.num.len = (uint8_t)len;
}

/* Sort the gathered list (SortIndexedProperties step 4). */
static int sort_list_sort(JSContext *ctx, SortList *l, JSValueConst cmpfn)
{
    SortState s;
    SortEntry *tmp;
    uint32_t i;
    int ret;

    s.ctx = ctx;
    s.cmpfn = cmpfn;
    if (l->count < 2)
        return 0;
    if (!JS_IsUndefined(cmpfn)) {
        s.mode = SORT_CMPFN;
    } else {
        s.mode = SORT_NUMBERS;
        for (i = 0; i < l->count; i++) {
            if (!JS_IsNumber(l->e[i].val)) {
                s.mode = SORT_STRINGS;
                break;
            }
        }
        if (s.mode == SORT_NUMBERS) {
            for (i = 0; i < l->count; i++)
                num_key(&l->e[i]);
        } else {
            l->mode = SORT_STRINGS;     /* keys now owned by the list */
            for (i = 0; i < l->count; i++) {
                JSValue str = wf_to_string(ctx, l->e[i].val);
                if (JS_IsException(str))
                    return -1;
                if (JS_VALUE_GET_TAG(str) != JS_TAG_STRING) {
                    /* a rope: flatten it through the builder */
                    WFStringBuilder sb;
                    if (wf_sb_init(ctx, &sb, 0) < 0) {
                        JS_FreeValue(ctx, str);
                        return -1;
                    }
                    wf_sb_put_value(&sb, str);
                    JS_FreeValue(ctx, str);
                    str = wf_sb_finish(&sb);
                    if (JS_IsException(str))
                        return -1;
                }
                l->e[i].key.str = wf_str(str);
            }
        }
    }
    tmp = js_malloc(ctx, sizeof(SortEntry) * (l->count / 2 + 1));
    if (!tmp)
        return -1;
    ret = merge_sort(&s, l->e, tmp, l->count);
    js_free(ctx, tmp);
    return ret;
}

static int check_cmpfn(JSContext *ctx, JSValueConst cmpfn, const char *method)
{
    if (!JS_IsUndefined(cmpfn) && !wf_is_callable(cmpfn)) {
        JS_ThrowTypeError(ctx, "Array.prototype.%s: the comparison function must be "
                          "either a function or undefined", method);
        return -1;
    }
    return 0;
}

static JSValue js_array_sort(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValueConst cmpfn = argv[0];
    JSValue obj, *vals;
    SortList l = { NULL, 0, 0, 0, SORT_CMPFN };
    uint32_t count, n;
    int64_t len, j;
    (void)argc;

    if (check_cmpfn(ctx, cmpfn, "sort") < 0)
        return JS_EXCEPTION;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        sort_gather(ctx, &l, obj, len, true) < 0 ||
        sort_list_sort(ctx, &l, cmpfn) < 0)
        goto fail;

    /* write back: sorted values, then the undefineds, then holes */
    n = l.count + l.n_undef;
    for (j = 0; j < (int64_t)n; j++) {
        JSValue v;
        if (j < (int64_t)l.count) {
            v = l.e[j].val;
            l.e[j].val = JS_UNDEFINED;
        } else {
            v = JS_UNDEFINED;
        }
        if (wf_arr_fast_rw(obj, &vals, &count) && j < (int64_t)count) {
            JSValue old = vals[j];
            vals[j] = v;
            JS_FreeValue(ctx, old);
        } else if (wf_obj_set_int64(ctx, obj, j, v, JS_PROP_THROW) < 0) {
            goto fail;
        }
    }
    for (; j < len; j++) {
        if (wf_obj_delete_int64(ctx, obj, j, JS_PROP_THROW) < 0)
            goto fail;
    }
    sort_list_free(ctx, &l);
    return obj;
fail:
    sort_list_free(ctx, &l);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_toSorted(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValueConst cmpfn = argv[0];
    JSValue obj, arr, *vals;
    SortList l = { NULL, 0, 0, 0, SORT_CMPFN };
    uint32_t i, n;
    int64_t len;
    (void)argc;

    if (check_cmpfn(ctx, cmpfn, "toSorted") < 0)
        return JS_EXCEPTION;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    if (len > (int64_t)UINT32_MAX) {
        JS_ThrowRangeError(ctx, "Invalid array length");
        goto fail;
    }
    if (sort_gather(ctx, &l, obj, len, false) < 0 ||
        sort_list_sort(ctx, &l, cmpfn) < 0)
        goto fail;
    n = l.count + l.n_undef;
    vals = js_malloc(ctx, sizeof(JSValue) * (n ? n : 1));
    if (!vals)
        goto fail;
    for (i = 0; i < l.count; i++) {
        vals[i] = l.e[i].val;
        l.e[i].val = JS_UNDEFINED;
    }
    for (; i < n; i++)
        vals[i] = JS_UNDEFINED;
    arr = n ? wf_array_from_values(ctx, n, vals) : wf_array_new(ctx, 0);
    js_free(ctx, vals);
    sort_list_free(ctx, &l);
    JS_FreeValue(ctx, obj);
    return arr;
fail:
    sort_list_free(ctx, &l);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

const JSCFunctionListEntry wf_arr_sort_proto_funcs[] = {
    JS_CFUNC_DEF("sort", 1, js_array_sort),
    JS_CFUNC_DEF("toSorted", 1, js_array_toSorted),
};
const int wf_arr_sort_proto_funcs_count = countof(wf_arr_sort_proto_funcs);
