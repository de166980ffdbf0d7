// The package index: the summaries of a package's files, with the facts rules ask of the
// package as a whole (helpers, who calls whom, which channels are waited on).
import { sameChannel } from '../analysis/goroutines';
import { hash } from '../hash';
import { onlyCalledFrom } from './setup';
import { lineless, type FileSummary, type FuncSummary, type StructSummary } from './summary';

/** Fingerprints by line-less summary (shared while their declaration's text is unchanged), with the package names they were narrowed to. */
const fingerprints = new WeakMap<object, { top: string; value: string }>();

/**
 * Package-level name lists, one string per content: the fingerprints made under an earlier index
 * of the same names are found again with a pointer comparison, not one of the whole list each.
 */
const topKeys = new Map<string, string>();
function internTopKey(key: string): string {
  const known = topKeys.get(key);
  if (known !== undefined) return known;
  if (topKeys.size >= 100) topKeys.clear();
  topKeys.set(key, key);
  return key;
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
  private topKey?: string;
  /** Some function takes a func(): every helper does (tracksGoroutine implies takesFunc), so without one there is none. */
  private readonly anyFuncTaker: boolean = false;
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
        if (fn.takesFunc) this.anyFuncTaker = true;
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

  /**
   * A function summary as the package sees it: its line left out, its identifiers narrowed to
   * package-level names (a renamed local changes nothing elsewhere). A 64-bit hash of its JSON,
   * so that the unit cache's key of a 10,000-line file stays small.
   */
  fingerprint(fn: FuncSummary): string {
    const top = (this.topKey ??= internTopKey([...this.topLevel].join(' ')));
    const key = lineless(fn);
    const hit = fingerprints.get(key);
    if (hit && hit.top === top) return hit.value;
    const value = hash(JSON.stringify({ ...fn, line: 0, idents: fn.idents.filter((i) => this.topLevel.has(i)) }));
    fingerprints.set(key, { top, value });
    return value;
  }

  /**
   * Would an index of `files` answer every question as this one does? Yes when each file is the
   * same summary, or one with the same package-level facts, functions at the same lines and the
   * same fingerprints: a keystroke inside a function body usually changes nothing the package
   * sees, and this index, with the facts it already worked out, then serves again.
   */
  sameAs(files: readonly FileSummary[]): boolean {
    if (files.length !== this.files.length) return false;
    for (let i = 0; i < files.length; i++) {
      const [a, b] = [this.files[i], files[i]];
      if (a === b) continue;
      if (a.path !== b.path || a.digest !== b.digest || a.funcs.length !== b.funcs.length) return false;
      for (let j = 0; j < a.funcs.length; j++) {
        const [f, g] = [a.funcs[j], b.funcs[j]];
        if (f !== g && (f.line !== g.line || this.fingerprint(f) !== this.fingerprint(g))) return false;
      }
    }
    return true;
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
    // allFuncs()'s order, without copying every function of the package on each keystroke.
    const out: Helper[] = [];
    if (!this.anyFuncTaker) return out;
    const consider = (f: FuncSummary) => {
      if (f.tracksGoroutine || (names.includes(f.name) && f.takesFunc)) out.push({ name: f.name, receiverType: f.receiverType, wrappable: f.takesFunc, recovers: f.recovers });
    };
    for (const f of this.funcsByName.values()) consider(f);
    for (const byName of this.methods.values()) for (const f of byName.values()) consider(f);
    return out;
  }
}
