/*
 * module.h - ECMAScript modules (ECMA-262 16.2): module records built by
 * the compiler (wf_compile_module), loading through the host's loader
 * (JS_SetModuleLoaderFunc), linking (ResolveExport, InitializeEnvironment),
 * evaluation (including top-level await), namespace objects, import.meta
 * and dynamic import().
 *
 * Environment.  A module's bindings (its var/let/const/class/function
 * declarations, its imports, the hidden "*default*" and "import.meta") are
 * the slots of env[]: one JSVarRef per binding, created at link time.  The
 * module body and its init code are functions whose closure variables are
 * exactly these slots (JSClosureVar.var_idx = slot, is_local = 0), so they
 * are instantiated with wf_closure_new(ctx, b, env, NULL).  An import
 * binding's slot IS the exporting module's JSVarRef (live binding); a
 * namespace import's slot holds the namespace object.
 *
 * Lifetime.  Module records belong to their context (ctx->loaded_modules)
 * and are freed with it; the values they hold stay alive until then.
 */
#ifndef WF_MODULE_H
#define WF_MODULE_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/list.h"
#include "engine/bytecode.h"

struct JSVarRef;

typedef struct WFModuleRequest {
    JSAtom specifier;           /* as written */
    JSValue attributes;         /* object of import attributes, or undefined */
    struct JSModuleDef *module; /* once loaded */
} WFModuleRequest;

typedef struct WFImportEntry {
    int req;                    /* WFModuleRequest index */
    JSAtom import_name;         /* JS_ATOM_NULL: namespace import (import *) */
    int slot;                   /* env slot of the local binding */
} WFImportEntry;

typedef struct WFExportEntry {
    JSAtom export_name;
    int slot;                   /* local export: env slot, else -1 */
    int req;                    /* indirect export: request index, else -1 */
    JSAtom import_name;         /* indirect: imported name; JS_ATOM_NULL for
                                   `export * as ns from` */
} WFExportEntry;

typedef enum WFModuleStatus {
    WF_MOD_NEW,                 /* compiled, requests not loaded */
    WF_MOD_UNLINKED,            /* requests loaded */
    WF_MOD_LINKING,
    WF_MOD_LINKED,
    WF_MOD_EVALUATING,
    WF_MOD_EVALUATING_ASYNC,
    WF_MOD_EVALUATED,
} WFModuleStatus;

/* C modules (JS_NewCModule): exports are set by the init function. */
typedef int WFModuleInitFunc(JSContext *ctx, struct JSModuleDef *m);

typedef struct JSModuleDef {
    JSRefCountHeader header;    /* JS_TAG_MODULE values count here; the
                                   record is freed with its context only */
    JSAtom name;                /* resolved module name (file name) */
    struct list_head link;      /* ctx->loaded_modules */

    WFModuleRequest *reqs;
    int req_count;
    WFImportEntry *imports;
    int import_count;
    WFExportEntry *exports;     /* local and indirect exports */
    int export_count;
    int *star_exports;          /* request indices of `export * from` */
    int star_export_count;

    /* environment: slot descriptors (from the compiler) and var refs */
    JSClosureVar *slots;        /* names/flags; var_name owned */
    int slot_count;
    struct JSVarRef **env;      /* slot_count entries once linked */
    int meta_slot;              /* slot of import.meta, -1 */

    JSValue body;               /* JS_TAG_FUNCTION_BYTECODE of the body, or undefined */
    JSValue init;               /* bytecode creating the hoisted functions, or undefined */
    bool has_tla;               /* body is an async function */
    WFModuleInitFunc *c_init;   /* C module */

    /* link / evaluate state (16.2.1.5 Cyclic Module Records) */
    uint8_t status;             /* WFModuleStatus */
    bool async_evaluation;
    bool has_error;
    int dfs_index, dfs_ancestor_index;
    struct JSModuleDef *cycle_root;
    int64_t async_eval_order;
    int pending_async_deps;
    struct JSModuleDef **async_parents;
    int async_parent_count, async_parent_size;
    JSValue eval_error;         /* [[EvaluationError]] */
    JSValue cap_promise, cap_resolve, cap_reject;   /* top-level capability */

    JSValue json_value;         /* JSON module: its default export */
    bool is_json;
    JSValue namespace_obj;      /* undefined until first requested */
    JSValue meta_obj;           /* undefined until first requested */
} JSModuleDef;

/* compile.c: compiles module source text into a new module record
   (registered in ctx->loaded_modules under `filename`): a JS_TAG_MODULE
   value, or JS_EXCEPTION (SyntaxError with position). */
JSValue wf_compile_module(JSContext *ctx, const char *src, size_t len, const char *filename);

/* module.c */
JSModuleDef *wf_module_new(JSContext *ctx, JSAtom name);
/* Load requested modules, link, evaluate: returns the evaluation promise
   (a new reference) or JS_EXCEPTION.  Consumes nothing. */
JSValue wf_module_run(JSContext *ctx, JSModuleDef *m);
/* Dynamic import(specifier, options) from code whose script or module
   name is `referrer` (JS_ATOM_NULL: none): a promise. */
JSValue wf_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValueConst specifier,
                                 JSValueConst options);
/* Marks the values held by the context's modules (context.c's mark). */
void wf_module_gc_mark(JSRuntime *rt, JSContext *ctx, JS_MarkFunc *mark_func);
/* Frees one record (unregistered, not linked). */
void wf_module_free(JSContext *ctx, JSModuleDef *m);
/* Frees every module record of a context (context tear-down). */
void wf_module_free_all(JSContext *ctx);

#endif /* WF_MODULE_H */
