/*
 * idchar.c - identifier and white-space character classes for the lexer;
 * see idchar.h.
 *
 * ASCII is answered inline; other code points use the generated Unicode
 * 17.0 ID_Start / ID_Continue tables of uprops.c.  WhiteSpace lists the
 * category Zs explicitly (17 code points, stable since Unicode 4.0.1; the
 * generator's tables give the same set as \p{Zs}).
 */
#include <stddef.h>

#include "engine/unicode/idchar.h"
#include "engine/unicode/unicode.h"

bool wf_unicode_is_id_start(uint32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' ||
               c == '_';
    return wf_unicode_has_property(WF_UBIN_ID_Start, c);
}

bool wf_unicode_is_id_continue(uint32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '$' || c == '_';
    if (c == 0x200C || c == 0x200D)
        return true;
    return wf_unicode_has_property(WF_UBIN_ID_Continue, c);
}

bool wf_unicode_is_space(uint32_t c)
{
    switch (c) {
    case 0x09: case 0x0B: case 0x0C: case 0x20: case 0xA0: case 0x1680:
    case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}
