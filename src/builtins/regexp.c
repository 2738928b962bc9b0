/*
 * regexp.c - the RegExp constructor and RegExp.prototype (ECMA-262 22.2.4-7).
 *
 * The pattern compiler and matcher live in src/engine/regexp/; this file is
 * the JavaScript face over them.
 */
#include "builtins/builtins.h"

bool JS_IsRegExp(JSValueConst val)
{
    return JS_IsObject(val) && wf_obj(val)->class_id == JS_CLASS_REGEXP;
}
