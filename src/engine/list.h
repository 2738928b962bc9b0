/*
 * list.h - intrusive circular doubly linked lists.
 *
 * Used for the runtime's object lists (GC), contexts and job queues: an
 * element embeds a `struct list_head` and is found back with list_entry().
 */
#ifndef WF_LIST_H
#define WF_LIST_H

#include <stddef.h>

struct list_head {
    struct list_head *prev;
    struct list_head *next;
};

#define LIST_HEAD_INIT(el) { &(el), &(el) }
#define list_entry(el, type, member) \
    ((type *)((char *)(el) - offsetof(type, member)))

static inline void init_list_head(struct list_head *head)
{
    head->prev = head;
    head->next = head;
}

static inline void wf_list_insert_between(struct list_head *el, struct list_head *prev,
                                          struct list_head *next)
{
    prev->next = el;
    el->prev = prev;
    el->next = next;
    next->prev = el;
}

/* add 'el' after 'head' (first position) */
static inline void list_add(struct list_head *el, struct list_head *head)
{
    wf_list_insert_between(el, head, head->next);
}

/* add 'el' before 'head' (last position) */
static inline void list_add_tail(struct list_head *el, struct list_head *head)
{
    wf_list_insert_between(el, head->prev, head);
}

static inline void list_del(struct list_head *el)
{
    struct list_head *prev = el->prev, *next = el->next;
    prev->next = next;
    next->prev = prev;
    el->prev = NULL;
    el->next = NULL;
}

static inline int list_empty(const struct list_head *el)
{
    return el->next == el;
}

#define list_for_each(el, head) \
    for (el = (head)->next; el != (head); el = el->next)
#define list_for_each_safe(el, el1, head) \
    for (el = (head)->next, el1 = el->next; el != (head); el = el1, el1 = el->next)
#define list_for_each_prev(el, head) \
    for (el = (head)->prev; el != (head); el = el->prev)

#endif /* WF_LIST_H */
