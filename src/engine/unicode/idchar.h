/*
 * idchar.h - identifier and white-space character classes for the lexer
 * (ECMA-262 12.2 WhiteSpace, 12.7 Names and Keywords).
 *
 * Unicode 17.0 data from the generated tables (see unicode.h).
 */
#ifndef WF_UNICODE_IDCHAR_H
#define WF_UNICODE_IDCHAR_H

#include <stdbool.h>
#include <stdint.h>

/* ID_Start (plus '$' and '_', which ECMAScript adds) */
bool wf_unicode_is_id_start(uint32_t c);
/* ID_Continue (plus '$', ZWNJ U+200C and ZWJ U+200D) */
bool wf_unicode_is_id_continue(uint32_t c);
/* WhiteSpace: TAB VT FF ZWNBSP and category Zs; not line terminators */
bool wf_unicode_is_space(uint32_t c);

#endif /* WF_UNICODE_IDCHAR_H */
