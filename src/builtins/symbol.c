/*
 * symbol.c - Symbol objects (ECMA-262 20.4): the Symbol function, the
 * global symbol registry (Symbol.for / Symbol.keyFor), the well-known
 * symbols and Symbol.prototype.
 *
 * A symbol value is a JS_TAG_SYMBOL value pointing at its atom's JSString,
 * whose text is the description.  The global registry is the runtime's atom
 * table itself: Symbol.for interns a WF_ATOM_TYPE_GLOBAL_SYMBOL atom, so two
 * calls with the same key find the same atom.  Symbol wrapper objects are
 * objects of class SYMBOL holding the symbol in u.object_data.
 */
#include <string.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* A new unique symbol; descr is a string value (consumed) or undefined. */
static JSValue symbol_new(JSContext *ctx, JSValue descr, int atom_type)
{
    JSAtom atom;
    JSValue sym;

    atom = wf_atom_new_symbol(ctx, JS_IsUndefined(descr) ? NULL : wf_str(descr), atom_type);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    sym = wf_atom_to_value(ctx, atom);
    wf_atom_free(ctx->rt, atom);
    return sym;
}

static JSValue js_symbol_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv)
{
    JSValueConst d = arg(argc, argv, 0);
    JSValue descr = JS_UNDEFINED;

    if (!JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Symbol is not a constructor");
    if (!JS_IsUndefined(d)) {
        descr = wf_to_string(ctx, d);
        if (JS_IsException(descr))
            return descr;
    }
    return symbol_new(ctx, descr, WF_ATOM_TYPE_SYMBOL);
}

static JSValue js_symbol_for(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValue key;

    (void)this_val;
    key = wf_to_string(ctx, arg(argc, argv, 0));
    if (JS_IsException(key))
        return key;
    return symbol_new(ctx, key, WF_ATOM_TYPE_GLOBAL_SYMBOL);
}

static JSValue js_symbol_key_for(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValueConst sym = arg(argc, argv, 0);
    JSAtom atom;

    (void)this_val;
    if (!JS_IsSymbol(sym))
        return JS_ThrowTypeError(ctx, "Symbol.keyFor: not a symbol");
    atom = wf_symbol_to_atom(ctx->rt, sym);
    if (wf_atom_type(ctx->rt, atom) != WF_ATOM_TYPE_GLOBAL_SYMBOL)
        return JS_UNDEFINED;
    return wf_symbol_description(ctx, atom);
}

/* thisSymbolValue (20.4.3): borrowed symbol value or JS_EXCEPTION. */
static JSValueConst this_symbol_value(JSContext *ctx, JSValueConst v, const char *method)
{
    if (JS_IsSymbol(v))
        return v;
    if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_SYMBOL &&
        JS_IsSymbol(wf_obj_data(wf_obj(v))))
        return wf_obj_data(wf_obj(v));
    JS_ThrowTypeError(ctx, "%s requires that 'this' be a Symbol", method);
    return JS_EXCEPTION;
}

/* SymbolDescriptiveString (20.4.3.3.1). */
static JSValue symbol_descriptive_string(JSContext *ctx, JSValueConst sym)
{
    JSValue desc = wf_symbol_description(ctx, wf_symbol_to_atom(ctx->rt, sym));
    WFStringBuilder sb;

    wf_sb_init(ctx, &sb, 16);
    wf_sb_puts(&sb, "Symbol(");
    if (JS_IsString(desc))
        wf_sb_put_str(&sb, wf_str(desc), 0, wf_str(desc)->len);
    wf_sb_putc(&sb, ')');
    JS_FreeValue(ctx, desc);
    return wf_sb_finish(&sb);
}

static JSValue js_symbol_proto_to_string(JSContext *ctx, JSValueConst this_val,
                                         int argc, JSValueConst *argv)
{
    JSValueConst sym = this_symbol_value(ctx, this_val, "Symbol.prototype.toString");

    (void)argc;
    (void)argv;
    if (JS_IsException(sym))
        return JS_EXCEPTION;
    return symbol_descriptive_string(ctx, sym);
}

/* valueOf and [Symbol.toPrimitive] (magic 1). */
static JSValue js_symbol_proto_value_of(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv, int magic)
{
    JSValueConst sym = this_symbol_value(ctx, this_val, magic ? "Symbol.prototype [ @@toPrimitive ]"
                                                              : "Symbol.prototype.valueOf");

    (void)argc;
    (void)argv;
    if (JS_IsException(sym))
        return JS_EXCEPTION;
    return JS_DupValue(ctx, sym);
}

static JSValue js_symbol_proto_get_description(JSContext *ctx, JSValueConst this_val)
{
    JSValueConst sym = this_symbol_value(ctx, this_val, "Symbol.prototype.description");

    if (JS_IsException(sym))
        return JS_EXCEPTION;
    return wf_symbol_description(ctx, wf_symbol_to_atom(ctx->rt, sym));
}

static const JSCFunctionListEntry js_symbol_funcs[] = {
    JS_CFUNC_DEF("for", 1, js_symbol_for),
    JS_CFUNC_DEF("keyFor", 1, js_symbol_key_for),
};

static const JSCFunctionListEntry js_symbol_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_symbol_proto_to_string),
    JS_CFUNC_MAGIC_DEF("valueOf", 0, js_symbol_proto_value_of, 0),
    JS_CGETSET_DEF("description", js_symbol_proto_get_description, NULL),
    { "[Symbol.toPrimitive]", JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 1,
      { .func = { 1, JS_CFUNC_generic_magic, { .generic_magic = js_symbol_proto_value_of } } } },
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Symbol", JS_PROP_CONFIGURABLE),
};

/* Symbol.iterator, Symbol.match, ...: one static per DEF_SYMBOL atom,
   named after its description without the "Symbol." prefix. */
static int define_well_known(JSContext *ctx, JSValueConst ctor)
{
    JSAtom a, name;
    char buf[64];
    const char *s;
    int r;

    for (a = JS_ATOM_Symbol_toPrimitive; a <= JS_ATOM_Symbol_asyncIterator; a++) {
        s = wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), a);
        if (strncmp(s, "Symbol.", 7) == 0)
            s += 7;
        name = JS_NewAtom(ctx, s);
        if (name == JS_ATOM_NULL)
            return -1;
        r = wf_obj_define_value(ctx, ctor, name, wf_atom_to_value(ctx, a),
                                JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE |
                                JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE |
                                JS_PROP_THROW);
        JS_FreeAtom(ctx, name);
        if (r < 0)
            return -1;
    }
    return 0;
}

int wf_init_symbol(JSContext *ctx)
{
    JSValue proto, ctor;

    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_SYMBOL]);
    ctx->class_proto[JS_CLASS_SYMBOL] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_symbol_proto_funcs,
                                   countof(js_symbol_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_symbol_constructor, "Symbol", 0,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_symbol_funcs, countof(js_symbol_funcs)) < 0 ||
        define_well_known(ctx, ctor) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}
