// What one file tells the rest of its package, as plain data: its package-level names, structs,
// and a summary of each function. Made per top-level declaration and cached by its text, so a
// keystroke summarizes only the declaration it changed.
import type { Node, Tree } from 'web-tree-sitter';
import { topLevelOf } from '../analysis/descendants';
import { TextKey, textKeys } from '../analysis/textKeys';
import { hash } from '../hash';
import type { AllFields, Range } from '../types';
import { cachedFacts, type DeclarationFacts } from './declarationFacts';

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

/** A file's summary with what it was made from, so that the next version of the file can start from it. */
interface Made {
  keys: readonly TextKey[];
  /** Each top-level node's first line, its facts (null: adds nothing) and its placed function summary. */
  rows: number[];
  facts: (DeclarationFacts | null)[];
  placed: (FuncSummary | undefined)[];
  summary: FileSummary;
}

/** The last summaries made, by path, most recent last: the documents being typed in, and a few more. */
const recent = new Map<string, Made>();
const RECENT_PATHS = 8;

/** More changed declarations than this, and the whole file is put together again. */
const MAX_CHANGED = 16;

/**
 * The summary of a file, from the facts of its declarations (cached by their texts). A
 * keystroke changes one declaration and moves none: the file's last summary is then updated in
 * place of the changed ones, instead of putting 1,100 declarations' facts together again.
 */
export function summarizeFile(tree: Tree, text: string, path: string): FileSummary {
  const tops = topLevelOf(tree);
  const keys = textKeys(tree);
  const last = recent.get(path);
  const made = (last && updated(last, tops, keys, text)) ?? assembled(tops, keys, text, path);
  recent.delete(path);
  recent.set(path, made);
  if (recent.size > RECENT_PATHS) recent.delete(recent.keys().next().value!);
  return made.summary;
}

/**
 * A function summary at a line, built in one literal, in one order, whatever it is made from (a
 * summary read from the tree, or an ownStrings copy of one). Spread from those, nearly every
 * placed summary had a hidden class of its own (349 for the 356 functions of the rules'
 * testdata), and the package index's loops over them were megamorphic (`--log-ic`).
 */
function placedAt(fn: Omit<FuncSummary, 'line'>, line: number): FuncSummary {
  const placed: AllFields<FuncSummary> = {
    name: fn.name, receiverType: fn.receiverType, receiverName: fn.receiverName, line, idents: fn.idents,
    usesReceiver: fn.usesReceiver, receiverSelectors: fn.receiverSelectors, writes: fn.writes, onceCalls: fn.onceCalls,
    signals: fn.signals, receives: fn.receives, fills: fn.fills, callsDone: fn.callsDone, takesFunc: fn.takesFunc,
    tracksGoroutine: fn.tracksGoroutine, recovers: fn.recovers, calls: fn.calls, waits: fn.waits, waitCalls: fn.waitCalls,
    countsItself: fn.countsItself, locks: fn.locks, resultWrites: fn.resultWrites,
  };
  return placed;
}

/** The function summary of a declaration at a line: the same object while it stays there (see unitCache's key). */
function place(facts: DeclarationFacts | null, line: number): FuncSummary | undefined {
  if (!facts?.func || !facts.placed) return undefined;
  let placed = facts.placed.get(line);
  if (!placed) {
    if (facts.placed.size >= 8) facts.placed.clear();
    facts.placed.set(line, (placed = placedAt(facts.func, line)));
    unplaced.set(placed, facts.func);
  }
  return placed;
}

/** The lines, facts and placed functions of the top-level nodes `from` to `to` (not included). */
function declared(tops: readonly Node[], keys: readonly TextKey[], text: string, from: number, to: number): Pick<Made, 'rows' | 'facts' | 'placed'> {
  const out: Pick<Made, 'rows' | 'facts' | 'placed'> = { rows: [], facts: [], placed: [] };
  for (let i = from; i < to; i++) {
    const row = tops[i].startPosition.row;
    const facts = cachedFacts(tops[i], keys[i], text);
    out.rows.push(row);
    out.facts.push(facts);
    out.placed.push(place(facts, row));
  }
  return out;
}

function assembled(tops: readonly Node[], keys: readonly TextKey[], text: string, path: string): Made {
  const all = declared(tops, keys, text, 0, tops.length);
  return { keys, ...all, summary: summaryOf(all.facts, all.placed, path) };
}

/** The file's summary from the facts of its declarations, in order. */
function summaryOf(facts: readonly (DeclarationFacts | null)[], placed: readonly (FuncSummary | undefined)[], path: string): FileSummary {
  const summary: FileSummary = { path, packageName: '', vars: [], topLevel: [], funcs: [], structs: [], varTypes: [], typeDefs: [], digest: '' };
  const digests: string[] = [];
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (!f) continue;
    digests.push(f.digest);
    if (f.packageName !== undefined) summary.packageName = f.packageName;
    // Most declarations add one name and nothing else: no spread call for each empty list.
    append(summary.vars, f.vars);
    append(summary.topLevel, f.topLevel);
    append(summary.structs, f.structs);
    append(summary.varTypes, f.varTypes);
    append(summary.typeDefs, f.typeDefs);
    const fn = placed[i];
    if (fn) summary.funcs.push(fn);
  }
  summary.digest = hash(digests.join(' '));
  return summary;
}

/**
 * `last` brought up to this version, when the two differ only in a few declarations between an
 * unchanged start and an unchanged end (same texts at the same lines): only the changed ones'
 * facts are looked up, and when they add the same package-level facts as before (their digests),
 * only the list of functions is made again. Otherwise undefined, and the file is assembled again.
 */
function updated(last: Made, tops: readonly Node[], keys: readonly TextKey[], text: string): Made | undefined {
  const [n, m] = [keys.length, last.keys.length];
  let head = 0;
  while (head < n && head < m && keys[head] === last.keys[head] && tops[head].startPosition.row === last.rows[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && keys[n - 1 - tail] === last.keys[m - 1 - tail] && tops[n - 1 - tail].startPosition.row === last.rows[m - 1 - tail]) tail++;
  if (n - head - tail > MAX_CHANGED || m - head - tail > MAX_CHANGED) return undefined;
  const middle = declared(tops, keys, text, head, n - tail);
  const splice = <T>(list: readonly T[], part: readonly T[]) => [...list.slice(0, head), ...part, ...list.slice(m - tail)];
  const [facts, placed] = [splice(last.facts, middle.facts), splice(last.placed, middle.placed)];
  const digestsOf = (list: readonly (DeclarationFacts | null)[]) => list.filter((f) => f !== null).map((f) => f.digest).join(' ');
  const samePackageFacts = digestsOf(middle.facts) === digestsOf(last.facts.slice(head, m - tail));
  const summary = samePackageFacts
    ? withFuncs(last.summary, placed.filter((p): p is FuncSummary => p !== undefined))
    : summaryOf(facts, placed, last.summary.path);
  return { keys, rows: splice(last.rows, middle.rows), facts, placed, summary };
}

/** `summary` with other functions, in one literal in summaryOf's order: a spread of the last one gave each keystroke's summary a hidden class of its own (see placedAt). */
function withFuncs(summary: FileSummary, funcs: FuncSummary[]): FileSummary {
  const { path, packageName, vars, topLevel, structs, varTypes, typeDefs, digest } = summary;
  const out: AllFields<FileSummary> = { path, packageName, vars, topLevel, funcs, structs, varTypes, typeDefs, digest };
  return out;
}

function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}
