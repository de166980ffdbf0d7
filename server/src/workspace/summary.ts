// What one file tells the rest of its package, as plain data: its package-level names, structs,
// and a summary of each function. Made per top-level declaration and cached by its text, so a
// keystroke summarizes only the declaration it changed.
import type { Node, Tree } from 'web-tree-sitter';
import { descendants, topLevelOf } from '../analysis/descendants';
import { TextKey, textKeys } from '../analysis/textKeys';
import { hash } from '../hash';
import { ownStrings } from '../ownStrings';
import type { Range } from '../types';
import { summarizeFunc } from './funcSummary';

/**
 * What the rest of a package needs to know about one file, as plain data: it outlives the
 * file's tree (trees of closed files are not kept) and is cheap to cache per file version.
 */
export interface FileSummary {
  path: string;
  packageName: string;
  /** Package-level variables (not constants: those cannot race). */
  vars: string[];
  /** Every package-level name: vars, consts, types, funcs. */
  topLevel: string[];
  funcs: FuncSummary[];
  structs: StructSummary[];
  /** Package-level variables whose type is written or evident from the initializer (`T{}`, `&T{}`, `make(T)`, `new(T)`). */
  varTypes: { name: string; type: string }[];
  /** Named types that are not structs, with their underlying type as written (`type Tags []string`). */
  typeDefs: { name: string; type: string }[];
  /**
   * A digest of everything above but the path and funcs, made from digests its declarations
   * keep while their text is unchanged: the unit cache's key needs it on every keystroke.
   */
  digest: string;
}

export interface FuncSummary {
  name: string;
  receiverType?: string;
  receiverName?: string;
  /** The declaration's first line (0-based). Not part of the cached summary: it moves as lines are typed above. */
  line: number;
  /** Identifiers the body mentions (not field selectors), for "does it touch package state". */
  idents: string[];
  usesReceiver: boolean;
  /** Names selected on the receiver in the body (`s.mu`, `s.loop`): fields or methods. */
  receiverSelectors: string[];
  /** Variables (not its own locals) the body assigns, increments or takes the address of (root identifiers). */
  writes: string[];
  /** Names it passes to `X.Do(f)`: run once. */
  onceCalls: string[];
  /** Channels (by channelKey) it closes or sends on, and those it receives from or ranges over. */
  signals: string[];
  receives: string[];
  /** Semaphore channels (by channelKey) it fills to capacity: see fillLoops. */
  fills: string[];
  /** Calls `X.Done()` as a statement: it is the body of a WaitGroup-counted goroutine. */
  callsDone: boolean;
  /** Has exactly one parameter of type `func()`, so `name(func() {...})` is a valid call. */
  takesFunc: boolean;
  /** Starts a goroutine that runs its func parameter under a WaitGroup (Add, go, defer Done). */
  tracksGoroutine: boolean;
  /** Calls recover(): wrapping someone's goroutine in it would change panic behaviour. */
  recovers: boolean;
  /** Names the body calls: `f` for `f(...)`, `m` for `x.m(...)` (a call graph without types). */
  calls: string[];
  /** Can wait on another goroutine by itself: sends, receives, selects, or calls Wait or Sleep. */
  waits: boolean;
  /**
   * `X.Wait()` statements, in literals too, by receiver text: where a WaitGroup is waited for.
   * Ranges here are relative to the declaration's first line (see inFile), so that a summary
   * cached by the declaration's text stays right when lines are typed above it.
   */
  waitCalls: { target: string; range: Range }[];
  /** WaitGroups its own body raises and lowers: started as a goroutine, it counts itself from inside. */
  countsItself: SelfCount[];
  /** The mutexes it locks (`s.mu` for `s.mu.Lock()`, `RLock`, `TryLock`), in its literals too. */
  locks: string[];
  /** Writes through a call's result: `s := st.Get(k); s.State = x` records callee `Get` (range relative, see inFile). */
  resultWrites: { callee: string; method: boolean; range: Range; text: string }[];
}

/** `X.Add(n)` and `X.Done()` in one body, with X a parameter (by position; -1 for the receiver) plus a selector path. */
export interface SelfCount {
  param: number;
  /** What follows the parameter: `` for `wg.Add`, `.wg` for `s.wg.Add`. */
  path: string;
  /** Relative to the declaration's first line (see inFile). */
  add: Range;
}

export interface StructSummary {
  name: string;
  fields: { name: string; type: string }[];
}
/** Where a range stored in a summary (waitCalls, countsItself) is in its file now. */
export function inFile(fn: FuncSummary, range: Range): Range {
  return { start: { ...range.start, line: range.start.line + fn.line }, end: { ...range.end, line: range.end.line + fn.line } };
}

/** The type of a package variable from its declaration: written, or evident from the initializer. */
function varType(spec: Node, i: number): string | undefined {
  const written = spec.childForFieldName('type');
  if (written) return written.text;
  const value = spec.childForFieldName('value')?.namedChildren.filter((n) => n?.type !== 'comment')[i];
  if (!value) return undefined;
  const literal = value.type === 'unary_expression' && value.childForFieldName('operator')?.text === '&' ? value.childForFieldName('operand') : value;
  const type = literal?.type === 'composite_literal' ? literal.childForFieldName('type')?.text : undefined;
  if (type) return literal === value ? type : `*${type}`;
  const fn = value.type === 'call_expression' ? value.childForFieldName('function')?.text : undefined;
  const arg = value.childForFieldName('arguments')?.namedChildren[0]?.text;
  if (fn === 'make' && arg) return arg;
  if (fn === 'new' && arg) return `*${arg}`;
  return undefined;
}

function summarizeStruct(spec: Node): StructSummary | undefined {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || type?.type !== 'struct_type') return undefined;
  const fields: StructSummary['fields'] = [];
  const list = type.namedChildren.find((n) => n?.type === 'field_declaration_list');
  for (const decl of list?.namedChildren ?? []) {
    if (decl?.type !== 'field_declaration') continue;
    const ftype = decl.childForFieldName('type')?.text ?? '';
    const names = decl.childrenForFieldName('name');
    // An embedded field is named after its type: `sync.Mutex` is field `Mutex`.
    if (names.length === 0) fields.push({ name: ftype.replace(/^\*/, '').replace(/^.*\./, ''), type: ftype });
    for (const n of names) fields.push({ name: n.text, type: ftype });
  }
  return { name, fields };
}

/** What one top-level declaration adds to its file's summary. */
interface DeclarationFacts {
  packageName?: string;
  vars: string[];
  topLevel: string[];
  structs: StructSummary[];
  varTypes: FileSummary['varTypes'];
  typeDefs: FileSummary['typeDefs'];
  func?: Omit<FuncSummary, 'line'>;
  /** The function's summary at each line it was seen on: the same object while it stays there (see unitCache's key). */
  placed?: Map<number, FuncSummary>;
  /** Of what it adds to the file's summary, its function left out (see FileSummary.digest). */
  digest: string;
}

function declarationFacts(decl: Node, text: string): DeclarationFacts {
  const facts: DeclarationFacts = { vars: [], topLevel: [], structs: [], varTypes: [], typeDefs: [], digest: '' };
  switch (decl.type) {
    case 'package_clause':
      facts.packageName = decl.namedChild(0)?.text ?? '';
      break;
    case 'var_declaration':
    case 'const_declaration':
      for (const spec of descendants(decl, decl.type === 'var_declaration' ? 'var_spec' : 'const_spec')) {
        spec.childrenForFieldName('name').forEach((n, i) => {
          if (n.text === '_') return;
          facts.topLevel.push(n.text);
          if (decl.type !== 'var_declaration') return;
          facts.vars.push(n.text);
          const type = varType(spec, i);
          if (type) facts.varTypes.push({ name: n.text, type });
        });
      }
      break;
    case 'type_declaration':
      for (const spec of decl.namedChildren) {
        if (spec?.type !== 'type_spec' && spec?.type !== 'type_alias') continue;
        const name = spec.childForFieldName('name')?.text;
        if (name) facts.topLevel.push(name);
        const struct = summarizeStruct(spec);
        const underlying = spec.childForFieldName('type');
        if (struct) facts.structs.push(struct);
        else if (name && underlying && spec.type === 'type_spec') facts.typeDefs.push({ name, type: underlying.text });
      }
      break;
    case 'function_declaration':
    case 'method_declaration': {
      facts.func = summarizeFunc(decl, text);
      facts.placed = new Map();
      const name = decl.childForFieldName('name')?.text;
      if (name && decl.type === 'function_declaration') facts.topLevel.push(name);
      break;
    }
  }
  const { packageName, vars, topLevel, structs, varTypes, typeDefs } = facts;
  facts.digest = hash(JSON.stringify([packageName, vars, topLevel, structs, varTypes, typeDefs]));
  return facts;
}

/**
 * What a declaration contributes depends only on its text, so it is kept by its text's key: while
 * typing, only the declaration being edited is summarized again. It lives as long as the key.
 */
const declarations = new WeakMap<TextKey, DeclarationFacts | null>();
const SUMMARIZED = new Set(['package_clause', 'var_declaration', 'const_declaration', 'type_declaration', 'function_declaration', 'method_declaration']);

/** The facts of a declaration, or null for one that adds nothing (imports, comments): kept by key, so a keystroke reads no node's type for the unchanged ones. */
function cachedFacts(decl: Node, key: TextKey, text: string): DeclarationFacts | null {
  let facts = declarations.get(key);
  // Its own strings: kept by key, the facts outlive the text of the version they were read from.
  if (facts === undefined) declarations.set(key, (facts = SUMMARIZED.has(decl.type) ? ownStrings(declarationFacts(decl, text)) : null));
  return facts;
}

/** Each placed function summary's line-less original, shared by all the lines it was seen on. */
const unplaced = new WeakMap<FuncSummary, object>();

/**
 * What stays the same object while a function's text does, wherever it moves: a key for what is
 * worked out from a summary but its line (PackageIndex.fingerprint), so that Enter above a
 * thousand functions does not work it out again for each.
 */
export function lineless(fn: FuncSummary): object {
  return unplaced.get(fn) ?? fn;
}

export function summarizeFile(tree: Tree, text: string, path: string): FileSummary {
  const summary: FileSummary = { path, packageName: '', vars: [], topLevel: [], funcs: [], structs: [], varTypes: [], typeDefs: [], digest: '' };
  const digests: string[] = [];
  const tops = topLevelOf(tree);
  const keys = textKeys(tree);
  for (let i = 0; i < tops.length; i++) {
    const decl = tops[i];
    const facts = cachedFacts(decl, keys[i], text);
    if (!facts) continue;
    digests.push(facts.digest);
    if (facts.packageName !== undefined) summary.packageName = facts.packageName;
    // Most declarations add one name and nothing else: no spread call for each empty list.
    append(summary.vars, facts.vars);
    append(summary.topLevel, facts.topLevel);
    append(summary.structs, facts.structs);
    append(summary.varTypes, facts.varTypes);
    append(summary.typeDefs, facts.typeDefs);
    if (facts.func && facts.placed) {
      const line = decl.startPosition.row;
      let placed = facts.placed.get(line);
      if (!placed) {
        if (facts.placed.size >= 8) facts.placed.clear();
        facts.placed.set(line, (placed = { ...facts.func, line }));
        unplaced.set(placed, facts.func);
      }
      summary.funcs.push(placed);
    }
  }
  summary.digest = hash(digests.join(' '));
  return summary;
}

function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}
