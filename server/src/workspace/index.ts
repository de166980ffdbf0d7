import type { Node, Tree } from 'web-tree-sitter';
import { ChannelOp, channelKey, channelOpsIn, fillLoops, joinOpsIn, onceBodies, sameChannel } from '../analysis/goroutines';
import { MAY_JOIN, MAY_USE_CHANNEL } from '../analysis/model';
import { writesThroughResults } from '../analysis/returns';
import { contains, DECLARATION_TYPES, declaredNames, enclosingFunction, inLoopWithin, rangeOf, rootIdentifier, writeTargets } from '../analysis/syntax';
import type { Range } from '../types';
import { hash } from '../hash';
import { onlyCalledFrom } from './setup';
import { descendants, topLevelOf } from '../analysis/descendants';

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

// An unclosed comment runs to the end and an unclosed string or rune to the end of its line, as in
// Go: requiring the closing mark made every `/*` or `"` of a broken file search the rest again.
const TOKEN = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|`[^`]*`|'(?:[^'\\\n]|\\.)*'?|(\.\s*)?\b([A-Za-z_]\w*)\b/g;

/** Identifiers in Go source text, skipping comments, strings and `.field` selectors. */
export function identifiersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    if (m[2] && !m[1]) out.add(m[2]);
  }
  return out;
}

const DONE_STATEMENT = /^[ \t]*(?:defer[ \t]+)?[\w.]+\.Done\(\)[ \t]*(?:\/\/.*)?$/m;

function receiverOf(decl: Node): { name?: string; type?: string } {
  const param = decl.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  if (!param) return {};
  const type = param.childForFieldName('type');
  const typeName = type?.text.replace(/^\*/, '').replace(/\[.*$/, '').trim();
  const name = param.childForFieldName('name')?.text;
  return { name: name === '_' ? undefined : name, type: typeName };
}

function funcParams(decl: Node): { name: string; type: string }[] {
  const list = decl.childForFieldName('parameters');
  const out: { name: string; type: string }[] = [];
  for (const p of list?.namedChildren ?? []) {
    if (!p || (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration')) continue;
    const type = p.childForFieldName('type')?.text ?? '';
    const names = p.childrenForFieldName('name');
    if (names.length === 0) out.push({ name: '', type });
    for (const n of names) out.push({ name: n.text, type });
  }
  return out;
}

/** `fn` is run by a goroutine that a WaitGroup (or `X.Go(fn)`) counts. */
function tracksParam(body: Node, param: string): boolean {
  for (const call of descendants(body, 'call_expression')) {
    if (!call) continue;
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Go' && args.some((a) => a?.text === param)) return true;
  }
  for (const go of descendants(body, 'go_statement')) {
    const text = go?.text ?? '';
    if (new RegExp(`\\b${param}\\(`).test(text) && DONE_STATEMENT.test(text)) return true;
  }
  return false;
}

const WAITING_CALLS = new Set(['Wait', 'Sleep']);

/** What the body calls, and whether it waits on its own (the parts a `go` statement starts do not count). */
function callsOf(body: Node, bodyText: string): { calls: string[]; waits: boolean } {
  const calls = new Set<string>();
  let waits = false;
  // Textual tests first: most bodies start no goroutine and touch no channel.
  const inGo = insideAny(/\bgo\b/.test(bodyText) ? descendants(body, 'go_statement') : []);
  const types = ['call_expression'];
  if (bodyText.includes('<-')) types.push('send_statement', 'unary_expression');
  if (/\bselect\b/.test(bodyText)) types.push('select_statement');
  for (const n of descendants(body, types)) {
    if (!n || inGo(n)) continue;
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (!name) continue;
      calls.add(name);
      if (WAITING_CALLS.has(name)) waits = true;
    } else if (n.type !== 'unary_expression' || n.childForFieldName('operator')?.type === '<-') {
      waits = true;
    }
  }
  return { calls: [...calls], waits };
}

/**
 * A test of "is this node inside one of `spans`" for nodes asked about in document order, in
 * time linear in both (a body can hold thousands of `go` statements and calls).
 */
function insideAny(spans: readonly Node[]): (n: Node) => boolean {
  let i = 0;
  return (n) => {
    while (i < spans.length && spans[i].endIndex <= n.startIndex) i++;
    // Spans come in document order, a nested one after the one holding it: check those that start before n.
    for (let j = i; j < spans.length && spans[j].startIndex <= n.startIndex; j++) if (contains(spans[j], n.startIndex)) return true;
    return false;
  };
}

/** A range with its lines counted from the declaration's first line. */
function relative(range: Range, decl: Node): Range {
  const row = decl.startPosition.row;
  return { start: { ...range.start, line: range.start.line - row }, end: { ...range.end, line: range.end.line - row } };
}

/** Where a range stored in a summary (waitCalls, countsItself) is in its file now. */
export function inFile(fn: FuncSummary, range: Range): Range {
  return { start: { ...range.start, line: range.start.line + fn.line }, end: { ...range.end, line: range.end.line + fn.line } };
}

/** Adds and Dones of the body itself (not of its func literals) on the same parameter-rooted WaitGroup. */
function selfCounts(decl: Node, body: Node, params: { name: string }[], receiverName: string | undefined): SelfCount[] {
  // In a loop, Add and Done count work items (in-flight requests), not the goroutine.
  const own = joinOpsIn(body).filter((j) => j.asStatement && enclosingFunction(j.call)?.id === decl.id && !inLoopWithin(j.call, body));
  const out: SelfCount[] = [];
  const lastGo = descendants(body, 'go_statement').at(-1)?.startIndex ?? -1;
  const done = new Set(own.filter((j) => j.op === 'Done').map((j) => j.target));
  for (const add of own) {
    if (add.op !== 'Add' || add.call.childForFieldName('arguments')?.text.startsWith('(-')) continue;
    if (!done.has(add.target)) continue;
    // An Add followed by a go may be counting that goroutine rather than this one.
    if (lastGo > add.call.startIndex) continue;
    const root = rootIdentifier(add.call.childForFieldName('function')!)?.text;
    const param = root === receiverName ? -1 : params.findIndex((p) => p.name === root);
    if (root && (param >= 0 || root === receiverName)) out.push({ param, path: add.target.slice(root.length), add: relative(rangeOf(add.call), decl) });
  }
  return out;
}

function summarizeFunc(decl: Node, text: string): Omit<FuncSummary, 'line'> | undefined {
  const name = decl.childForFieldName('name')?.text;
  const body = decl.childForFieldName('body');
  // A declaration without a body (assembly-backed, or half-typed) touches nothing we can see.
  if (!name || !body) return undefined;
  const bodyText = text.slice(body.startIndex, body.endIndex);
  // Names the function declares itself shadow package-level ones of the same name.
  const locals = new Set(descendants(decl, DECLARATION_TYPES).flatMap((d) => (d ? declaredNames(d).map((n) => n.text) : [])));
  const idents = identifiersIn(bodyText);
  for (const l of locals) idents.delete(l);
  const { name: receiverName, type: receiverType } = decl.type === 'method_declaration' ? receiverOf(decl) : {};
  const params = funcParams(decl);
  // Most functions use no once.Do and no channel: a textual test spares the tree walks.
  const once = /\.\s*Do\s*\(/.test(bodyText) ? onceBodies(body) : { literals: [], names: [] };
  const channels = MAY_USE_CHANNEL.test(bodyText) ? channelOpsIn(body) : [];
  const receiver = receiverName && receiverType ? { name: receiverName, type: receiverType } : undefined;
  const keys = (ops: ChannelOp[]) => [...new Set(ops.map((c) => channelKey(c.channel, (n) => locals.has(n) && n !== receiverName, receiver)).filter((k): k is string => !!k))];
  const funcParam = params.length === 1 && /^func\(\s*\)$/.test(params[0].type) ? params[0].name : undefined;
  return {
    name,
    receiverType,
    receiverName,
    idents: [...idents],
    writes: [...new Set(writeTargets(body).filter((w) => !once.literals.some((l) => contains(l, w.node.startIndex))).map((w) => w.name).filter((n) => !locals.has(n)))],
    onceCalls: once.names,
    signals: keys(channels.filter((c) => c.op === 'send' || c.op === 'close')),
    receives: keys(channels.filter((c) => c.op === 'receive' || c.op === 'range')),
    fills: bodyText.includes('<-') ? keys(fillLoops(body)) : [],
    usesReceiver: !!receiverName && identifiersIn(bodyText).has(receiverName),
    receiverSelectors: receiverName ? [...new Set([...bodyText.matchAll(new RegExp(`\\b${receiverName}\\.(\\w+)`, 'g'))].map((m) => m[1]))] : [],
    callsDone: DONE_STATEMENT.test(bodyText),
    takesFunc: funcParam !== undefined,
    // Only the exact helper shape counts: a function that runs some goroutines of its own
    // (a worker pool taking a callback) is not a place to route every `go` statement through.
    tracksGoroutine: funcParam !== undefined && tracksParam(body, funcParam),
    recovers: /\brecover\(\)/.test(bodyText),
    ...callsOf(body, bodyText),
    // Textual test first: most bodies call no Add, Done or Wait.
    waitCalls: MAY_JOIN.test(bodyText) ? joinOpsIn(body).filter((j) => j.op === 'Wait' && j.asStatement).map((j) => ({ target: j.target, range: relative(rangeOf(j.call), decl) })) : [],
    countsItself: MAY_JOIN.test(bodyText) ? selfCounts(decl, body, params, receiverName) : [],
    locks: lockedMutexes(bodyText),
    // Many bodies write no field or element at all: the text says so without another tree walk.
    resultWrites: !FIELD_WRITE.test(bodyText) ? [] : writesThroughResults(decl).map((w) => ({ callee: w.callee, method: w.method, range: relative(rangeOf(w.target), decl), text: w.target.text })),
  };
}

/**
 * A field or element written (`x.f = `, `x[i] += `, `x.n++`): without one there is no write through
 * anything. The index is read up to a `[`: else each `[` of a line like `a[a[a[...` searches the rest of the line.
 */
const FIELD_WRITE = /[\w\])]\s*(?:\.\s*\w+|\[[^[\]\n]*\])\s*(?:(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=)|\+\+|--)/;

// Matched only from the start of a name: tried at every character of a long word (a 1 MB string
// literal), the greedy name searched the rest of the word each time.
const LOCK_CALL = /(?<![\w.[\]])([\w.[\]]+)\.(?:R|Try|TryR)?Lock\(\s*\)/g;

/** Read from the text, as the other summaries are: a mention in a comment or string is a rare miss the other way. */
function lockedMutexes(bodyText: string): string[] {
  if (!bodyText.includes('Lock(')) return [];
  return [...new Set([...bodyText.matchAll(LOCK_CALL)].map((m) => m[1]))];
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
 * What a declaration contributes depends only on its text, so it is cached by it: while typing,
 * only the declaration being edited is summarized again. Bounded, oldest first out.
 */
const declarations = new Map<string, DeclarationFacts>();
const MAX_CACHED_DECLARATIONS = 5_000;
const SUMMARIZED = new Set(['package_clause', 'var_declaration', 'const_declaration', 'type_declaration', 'function_declaration', 'method_declaration']);

function cachedFacts(decl: Node, text: string): DeclarationFacts {
  // Node.text, not a slice of our own: the unit cache looks up the same string (hashed once).
  const key = decl.text;
  let facts = declarations.get(key);
  if (!facts) {
    facts = declarationFacts(decl, text);
    if (declarations.size >= MAX_CACHED_DECLARATIONS) declarations.delete(declarations.keys().next().value!);
    declarations.set(key, facts);
  }
  return facts;
}

export function summarizeFile(tree: Tree, text: string, path: string): FileSummary {
  const summary: FileSummary = { path, packageName: '', vars: [], topLevel: [], funcs: [], structs: [], varTypes: [], typeDefs: [], digest: '' };
  const digests: string[] = [];
  for (const decl of topLevelOf(tree)) {
    if (!SUMMARIZED.has(decl.type)) continue;
    const facts = cachedFacts(decl, text);
    digests.push(facts.digest);
    if (facts.packageName !== undefined) summary.packageName = facts.packageName;
    summary.vars.push(...facts.vars);
    summary.topLevel.push(...facts.topLevel);
    summary.structs.push(...facts.structs);
    summary.varTypes.push(...facts.varTypes);
    summary.typeDefs.push(...facts.typeDefs);
    if (facts.func && facts.placed) {
      const line = decl.startPosition.row;
      let placed = facts.placed.get(line);
      if (!placed) {
        if (facts.placed.size >= 8) facts.placed.clear();
        facts.placed.set(line, (placed = { ...facts.func, line }));
      }
      summary.funcs.push(placed);
    }
  }
  summary.digest = hash(digests.join(' '));
  return summary;
}

const SELF_SYNCHRONIZED = /^\*?(?:sync\.|atomic\.|context\.Context$)|^(?:<-\s*)?chan\b/;

export interface Helper {
  name: string;
  /** Set for a method helper: `recv.name(func() {...})`. */
  receiverType?: string;
  wrappable: boolean;
  recovers: boolean;
}

/** One package: the summaries of the .go files in a directory that share a package clause. */
export class PackageIndex {
  readonly vars: Set<string>;
  readonly topLevel: Set<string>;
  private readonly funcsByName = new Map<string, FuncSummary>();
  private readonly methods = new Map<string, Map<string, FuncSummary>>();
  private readonly structs = new Map<string, StructSummary>();
  private readonly varTypes = new Map<string, string>();
  private readonly typeDefs = new Map<string, string>();
  private readonly helpersByNames = new Map<string, Helper[]>();
  // The call-graph facts below are made when a rule first asks: an index is made on every
  // keystroke, and most keystrokes touch no goroutine and no package variable.
  private setupOnly?: Set<string>;
  private processScopedNames?: Set<string>;
  private mutable?: Set<string>;
  private received?: string[];

  constructor(readonly files: readonly FileSummary[]) {
    this.vars = new Set(files.flatMap((f) => f.vars));
    this.topLevel = new Set(files.flatMap((f) => f.topLevel));
    for (const file of files) {
      for (const fn of file.funcs) {
        if (fn.receiverType) {
          let byName = this.methods.get(fn.receiverType);
          if (!byName) this.methods.set(fn.receiverType, (byName = new Map()));
          byName.set(fn.name, fn);
        } else {
          this.funcsByName.set(fn.name, fn);
        }
      }
      for (const s of file.structs) this.structs.set(s.name, s);
      for (const v of file.varTypes) this.varTypes.set(v.name, v.type);
      for (const t of file.typeDefs) this.typeDefs.set(t.name, t.type);
    }
  }

  private allSummaries(): FuncSummary[] {
    return this.files.flatMap((f) => f.funcs);
  }

  /** Plain functions that run once per process: init, main, TestMain, what only they (or once.Do) call. */
  get processScoped(): Set<string> {
    return (this.processScopedNames ??= onlyCalledFrom(['init', 'TestMain', 'main'], this.allSummaries()));
  }

  /** Functions that only setup (init, TestMain) runs: their writes and receives order nothing that races. */
  private isSetup(fn: FuncSummary): boolean {
    this.setupOnly ??= onlyCalledFrom(['init', 'TestMain'], this.allSummaries());
    return !fn.receiverType && this.setupOnly.has(fn.name);
  }

  /** Package variables that some function other than the setup-only ones writes: the ones that can race. */
  get mutableVars(): Set<string> {
    if (!this.mutable) {
      const written = new Set(this.allSummaries().filter((fn) => !this.isSetup(fn)).flatMap((fn) => fn.writes));
      this.mutable = new Set([...this.vars].filter((v) => written.has(v)));
    }
    return this.mutable;
  }

  /** Channels (by channelKey) that some function of the package receives from: joins across methods. */
  private get receivedChannels(): string[] {
    // A receive in TestMain (after m.Run) or init orders nothing with the tests or requests that race.
    return (this.received ??= [...new Set(this.allSummaries().filter((fn) => !this.isSetup(fn)).flatMap((fn) => fn.receives))]);
  }

  /** Does some function of the package fill the semaphore channel `key` to capacity (a flush)? */
  isFilled(key: string): boolean {
    return this.files.some((f) => f.funcs.some((fn) => fn.fills.some((k) => sameChannel(k, key))));
  }

  /** Does some function of the package receive from the channel `key` (a Stop waiting on `s.done`)? */
  isReceived(key: string): boolean {
    return this.receivedChannels.some((k) => sameChannel(k, key));
  }

  func(name: string): FuncSummary | undefined {
    return this.funcsByName.get(name);
  }

  method(type: string, name: string): FuncSummary | undefined {
    return this.methods.get(type)?.get(name);
  }

  /** Methods named `name` on any type of the package (used when the receiver's type is unknown). */
  methodsNamed(name: string): FuncSummary[] {
    const out: FuncSummary[] = [];
    for (const byName of this.methods.values()) {
      const m = byName.get(name);
      if (m) out.push(m);
    }
    return out;
  }

  struct(name: string): StructSummary | undefined {
    return this.structs.get(name);
  }

  /** Every method declared on `type` in the package. */
  methodsOf(type: string): FuncSummary[] {
    return [...(this.methods.get(type)?.values() ?? [])];
  }

  /** The declared (or evident) type of a package-level variable. */
  varType(name: string): string | undefined {
    return this.varTypes.get(name);
  }

  /** The underlying type, as written, of a non-struct named type of the package. */
  typeDef(name: string): string | undefined {
    return this.typeDefs.get(name);
  }

  /**
   * Is `type.member` state that a goroutine can race on? Fields that synchronize themselves
   * (mutexes, atomics, channels, Once, contexts) are not; unknown members and methods are.
   */
  isRacyMember(type: string, member: string): boolean {
    const field = this.structs.get(type)?.fields.find((f) => f.name === member);
    return !field || !SELF_SYNCHRONIZED.test(field.type);
  }

  allFuncs(): FuncSummary[] {
    return [...this.funcsByName.values(), ...[...this.methods.values()].flatMap((m) => [...m.values()])];
  }

  /** Tracked-goroutine helpers: named in settings, or shaped like one (Add, go, defer Done, fn()). */
  helpers(names: readonly string[]): Helper[] {
    // Asked once per file, and a package can have hundreds of files and thousands of functions.
    const key = names.join('\0');
    let found = this.helpersByNames.get(key);
    if (!found) this.helpersByNames.set(key, (found = this.findHelpers(names)));
    return found;
  }

  private findHelpers(names: readonly string[]): Helper[] {
    return this.allFuncs()
      .filter((f) => f.tracksGoroutine || (names.includes(f.name) && f.takesFunc))
      .map((f) => ({ name: f.name, receiverType: f.receiverType, wrappable: f.takesFunc, recovers: f.recovers }));
  }
}
