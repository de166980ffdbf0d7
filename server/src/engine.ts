import * as fs from 'node:fs';
import type { Parser, Tree } from 'web-tree-sitter';
import { RULES } from '../../rules/index';
import { buildFileModel, FileModel } from './analysis/model';
import { forgetDescendants } from './analysis/descendants';
import type { Rule } from './rule';
import type { PackageIndex } from './workspace/index';
import { PackageStore } from './workspace/packages';
import { Settings } from './settings';
import { createGoParser, PARSE_CANCELLED, parseGo } from './trees';
import { rowStarts, toLspPositions } from './lineBreaks';
import { applySuppressions, findDirectives, mayHaveDirectives, suppressFix } from './suppress';
import { codeText } from './codeText';
import { tooDeep } from './nesting';
import { Finding, type SeveritySetting } from './types';
import { cacheKey, type ContextOf, UnitCache } from './unitCache';
import { analyzedOnce, type TextKey, textKeys } from './analysis/textKeys';
import { fileHead } from './analysis/syntax';
import { byDirectory, type SettingsAt } from './workspace/discover';
import { isGenerated } from './workspace/exclude';
import { packageClauseName } from './workspace/packageClause';

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was not analyzed at all, with the reason a user should read. */
  skipped?: string;
  /** A rule that threw: the other rules' findings are still returned. */
  errors: string[];
  /** Findings of unchanged declarations were reused across a change of the package index (see UnitCache.plan). */
  stale?: boolean;
}

/** A file of a directory being scanned: its result, or its model until its rules have run. */
type Checked = { path: string; result: AnalysisResult } | { path: string; file: FileModel };

/** A file of a directory being scanned, read and screened: can it report, and its package clause where its text is sure of it. */
interface Screened {
  p: string;
  read: ReturnType<typeof readGoFile>;
  reports: boolean;
  clause: string | undefined;
}

/** Text of other open documents, which take precedence over the files on disk. */
export type Overlay = (filePath: string) => string | undefined;

/** Why a file's content is not analyzed, or undefined when it should be. */
export function skipReason(text: string, byteLength: number, settings: Settings): string | undefined {
  return tooLarge(byteLength, settings) ?? (text.includes('\0') ? BINARY : undefined) ?? generated(text, settings);
}

function generated(text: string, settings: Settings): string | undefined {
  return settings.skipGenerated && isGenerated(text) ? GENERATED : undefined;
}

const GENERATED = 'generated file (// Code generated ... DO NOT EDIT.); set skipGenerated to false to analyze it';

const BINARY = 'binary file (contains NUL bytes)';

function tooLarge(byteLength: number, settings: Settings): string | undefined {
  return byteLength > settings.maxFileSize ? `file is ${byteLength} bytes, over maxFileSize (${settings.maxFileSize})` : undefined;
}

/**
 * Reads a Go file from disk for analysis: too large or binary files are skipped with a reason,
 * invalid UTF-8 is decoded with replacement characters (the rest of the file is still analyzed).
 */
export function readGoFile(filePath: string, settings: Settings): { text: string; stat: fs.Stats } | { skipped: string } {
  try {
    const stat = fs.statSync(filePath);
    const large = tooLarge(stat.size, settings);
    if (large) return { skipped: large };
    const bytes = fs.readFileSync(filePath);
    if (bytes.includes(0)) return { skipped: BINARY };
    const text = bytes.toString('utf8');
    const skip = generated(text, settings);
    return skip ? { skipped: skip } : { text, stat };
  } catch (err) {
    return { skipped: `cannot read: ${(err as Error).message}` };
  }
}

/**
 * A directory whose files that may report hold more source than this lets go of each one's
 * descendants index once it is summarized, and builds again what its rules ask for: those files
 * are all parsed before any is checked, and the indexes of hundreds of files (runtime, syscall)
 * kept alive across that made each scan worker's heap grow by hundreds of megabytes. Smaller
 * directories keep them, which spares their rules the walks again.
 */
const KEEP_INDEXES_CHARS = 1_000_000;

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** A rule's severity under `settings`: the override, or the rule's default. */
function severityOf(rule: Rule, settings: Settings): SeveritySetting {
  return settings.severity[rule.id] ?? rule.defaultSeverity;
}

/**
 * Can analyzing `text` report anything: a finding of an enabled rule (each rule's mayFind, on
 * the code without comments and literals), or a directive's own report? No for most files: over
 * four fifths of the standard library's bytes are in files with no go statement, lock or
 * WaitGroup call in their code.
 */
export function mayReport(text: string, settings: Settings, code = codeText(text)): boolean {
  if (mayHaveDirectives(text)) return true;
  return RULES.some((r) => severityOf(r, settings) !== 'off' && r.mayFind(code));
}

/**
 * A directory's files by package (p and p_test), when every readable file's text names its
 * package: each is parsed and checked on its own, its trees gone before the next starts (and
 * net/http's two packages, checked together, held over 1 MB of trees: see KEEP_INDEXES_CHARS).
 * Otherwise the whole directory, and the tree of each file says which index it gets.
 */
function byPackage(reads: readonly Screened[]): Screened[][] {
  const batches = new Map<string, Screened[]>();
  for (const r of reads) {
    if ('skipped' in r.read) continue;
    if (r.clause === undefined) return [[...reads]];
    const batch = batches.get(r.clause);
    if (batch) batch.push(r);
    else batches.set(r.clause, [r]);
  }
  // Skipped files have no package to go with: their results come first, in the directory's order.
  return [reads.filter((r) => 'skipped' in r.read), ...batches.values()];
}

function screen(p: string, settings: Settings): Screened {
  const read = readGoFile(p, settings);
  if (!('text' in read)) return { p, read, reports: false, clause: undefined };
  const code = codeText(read.text);
  return { p, read, reports: mayReport(read.text, settings, code), clause: packageClauseName(code) };
}

/** The one engine the server, the CLI and the tests share. */
export class Engine {
  readonly packages: PackageStore;

  private constructor(readonly parser: Parser) {
    this.packages = new PackageStore(parser);
  }

  static async create(): Promise<Engine> {
    return new Engine(await createGoParser());
  }

  /**
   * Analyzes a file whose tree the caller owns (the server's open documents). With a `cache`
   * (one per document), declarations whose text did not change keep their findings unchecked.
   */
  analyze(filePath: string, text: string, tree: Tree, settings: Settings, overlay?: Overlay, cache?: UnitCache, allowStale = false): AnalysisResult {
    const skipped = skipReason(text, Buffer.byteLength(text), settings) ?? tooDeep(tree);
    if (skipped) return { findings: [], skipped, errors: [] };
    const full = buildFileModel(tree, text, filePath);
    const index = this.packages.indexFor(filePath, full.summary, overlay);
    if (!cache) {
      const { raw, errors } = this.runRules(full, index, settings);
      return this.finish(full, settings, raw, errors);
    }
    // Fixes may add imports or a helper in the file's head: its text is part of the cache key.
    const head = fileHead(tree.rootNode).at(-1);
    const units = full.units();
    const keys = textKeys(tree);
    const contexts = RULES.map((r) => r.unitContext?.(keys)).filter((c): c is ContextOf => !!c);
    // One rule has a context today: no array and join per declaration for it.
    const contextOf = contexts.length === 1 ? contexts[0] : (k: TextKey) => contexts.map((c) => c(k)).join('\0');
    const headText = text.slice(0, head?.endIndex ?? 0);
    const group = JSON.stringify([settings, headText]);
    const { cached, todo, stale } = cache.plan(units, keys, cacheKey(group, index), contextOf, group, allowStale);
    const fresh = this.runRules(buildFileModel(tree, text, filePath, { units: todo, summary: full.summary }), index, settings);
    if (fresh.errors.length === 0) cache.store(todo, fresh.raw, head?.endPosition.row ?? -1, contextOf);
    const result = this.finish(full, settings, [...cached, ...fresh.raw], fresh.errors);
    // The findings and their fixes are cached: nothing reads this version's nodes again, and the
    // tree lives until the next keystroke parses from it. Kept, its index (a node object per
    // top-level declaration, 1,100 in a 10,000-line file) was copied by every scavenge meanwhile:
    // let go, the scavenges of 800 keystrokes took 150 ms instead of 300 ms. Asked again (the
    // exact pass after a stale one), it is built again.
    forgetDescendants(tree);
    // Not a spread: each spread result got a hidden class of its own (--log-ic).
    return stale ? { findings: result.findings, errors: result.errors, stale } : result;
  }

  /**
   * Analyzes files on disk, a directory at a time (and in it a package at a time, see
   * byPackage): each file is read and parsed once, and its summary serves its siblings' package
   * index, so no file is parsed twice. Results come by directory, not in the order of `paths`.
   */
  *analyzeFiles(paths: readonly string[], settingsAt: Settings | SettingsAt): Generator<{ path: string; result: AnalysisResult }> {
    const settingsFor = typeof settingsAt === 'function' ? settingsAt : () => settingsAt;
    for (const group of byDirectory(paths)) {
      try {
        const reads = group.map((p) => screen(p, settingsFor(p)));
        for (const batch of byPackage(reads)) yield* this.analyzeBatch(batch, settingsFor);
      } finally {
        // A batch visits each directory once: keeping its summaries would only grow the heap
        // by the size of the whole tree being scanned.
        for (const p of group) this.packages.forget(p);
      }
    }
  }

  /** The files of one directory (of one package, when their texts say so), read and screened. */
  private *analyzeBatch(reads: readonly Screened[], settingsFor: SettingsAt): Generator<{ path: string; result: AnalysisResult }> {
    const parsed: FileModel[] = [];
    try {
      // A file's findings depend on its package, never the other way round: a package where no
      // file can report anything is not parsed at all (a quarter of the standard library's
      // bytes). One file that can, and all of its package are: its index needs their
      // summaries. The rules then run on the files that can report only.
      const reporting = new Set(reads.filter((r) => r.reports).map(({ p }) => p));
      if (reporting.size === 0) {
        for (const { p, read } of reads) yield { path: p, result: { findings: [], errors: [], ...('skipped' in read ? { skipped: read.skipped } : {}) } };
        return;
      }
      const order = this.parseDirectory(reads, reporting, parsed);
      // Every file of a package sees the same index (a directory of doubtful texts may hold two: p and p_test).
      const indexes = new Map<string, PackageIndex>();
      for (const entry of order) {
        if ('result' in entry) {
          yield entry;
          continue;
        }
        const { path: p, file } = entry;
        let index = indexes.get(file.summary.packageName);
        if (!index) indexes.set(file.summary.packageName, (index = this.packages.indexFor(p, file.summary)));
        const { raw, errors } = this.runRules(file, index, settingsFor(p));
        const result = this.finish(file, settingsFor(p), raw, errors);
        // Checked: its tree and models go now, not when the whole directory is done.
        parsed.splice(parsed.indexOf(file), 1);
        forgetDescendants(file.tree);
        file.tree.delete();
        yield { path: p, result };
      }
    } finally {
      for (const file of parsed) file.tree.delete();
    }
  }

  /**
   * Parses a directory's readable files: each file's result in the directory's order, ready now
   * (skipped, or a file that cannot report, whose tree goes as soon as it is summarized), or the
   * model of a file that may report, also pushed to `parsed` until its rules have run.
   */
  private parseDirectory(reads: readonly Screened[], reporting: ReadonlySet<string>, parsed: FileModel[]): Checked[] {
    const chars = reads.reduce((n, { p, read }) => n + ('text' in read && reporting.has(p) ? read.text.length : 0), 0);
    const keepIndexes = chars <= KEEP_INDEXES_CHARS;
    // The packages the rules will ask indexes of; undefined when a reporting file's text leaves its package in doubt.
    const clauses = reads.filter((r) => r.reports).map((r) => r.clause);
    const wanted = clauses.includes(undefined) ? undefined : new Set(clauses);
    const order: Checked[] = [];
    for (const { p, read, clause } of reads) {
      if ('skipped' in read) {
        order.push({ path: p, result: { findings: [], skipped: read.skipped, errors: [] } });
        continue;
      }
      // `package p_test` beside `package p`, where only p can report: p's index would leave it out.
      if (wanted && clause !== undefined && !wanted.has(clause)) {
        this.packages.rememberElsewhere(p, read.stat, clause);
        order.push({ path: p, result: { findings: [], errors: [] } });
        continue;
      }
      const tree = parseGo(this.parser, read.text);
      if (tree) analyzedOnce(tree);
      const unparsed = tree ? tooDeep(tree) : PARSE_CANCELLED;
      if (!tree || unparsed) {
        tree?.delete();
        order.push({ path: p, result: { findings: [], skipped: unparsed, errors: [] } });
        continue;
      }
      const file = buildFileModel(tree, read.text, p);
      this.packages.remember(p, read.stat, file.summary);
      if (!reporting.has(p)) {
        // Only its summary was wanted: its tree goes now, not after the directory's rules.
        // Kept, the nodes of a big package's hundreds of files outlived scavenges and filled
        // the old generation.
        forgetDescendants(tree);
        tree.delete();
        order.push({ path: p, result: { findings: [], errors: [] } });
        continue;
      }
      if (!keepIndexes) forgetDescendants(tree);
      parsed.push(file);
      order.push({ path: p, file });
    }
    return order;
  }

  /** Runs `rules` (those enabled) on `file`'s units: their findings, with the suppress fix, before suppressions apply. */
  private runRules(file: FileModel, index: PackageIndex, settings: Settings, rules: readonly Rule[] = RULES): { raw: Finding[]; errors: string[] } {
    const raw: Finding[] = [];
    const errors: string[] = [];
    // Line starts of the whole text, needed only once a rule reports something.
    let starts: number[] | undefined;
    for (const rule of rules) {
      const severity = severityOf(rule, settings);
      if (severity === 'off') continue;
      try {
        for (const f of rule.check({ file, index, settings })) {
          const finding: Finding = { rule: rule.id, severity, range: f.range, message: f.message, related: f.related ?? [], fixes: f.fixes ?? [] };
          finding.fixes.push(suppressFix(finding, file.text, (starts ??= rowStarts(file.text))));
          raw.push(finding);
        }
      } catch (err) {
        errors.push(`${rule.id} failed on ${file.path}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
    }
    return { raw, errors };
  }

  /** Applies the suppression directives and sorts: the result a caller sees. */
  private finish(file: FileModel, settings: Settings, findings: Finding[], errors: string[]): AnalysisResult {
    const enabled = (id: string) => {
      const rule = RULES.find((r) => r.id === id);
      return !rule || severityOf(rule, settings) !== 'off';
    };
    const kept = applySuppressions(findings, findDirectives(file.tree, file.text, RULE_IDS), enabled);
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { findings: toLspPositions(kept, file.text), errors };
  }

  /** Parses and analyzes text that has no cached tree (CLI, workspace scan, tests). */
  analyzeText(filePath: string, text: string, settings: Settings, overlay?: Overlay): AnalysisResult {
    const skipped = skipReason(text, Buffer.byteLength(text), settings);
    if (skipped) return { findings: [], skipped, errors: [] };
    const tree = parseGo(this.parser, text);
    if (!tree) return { findings: [], skipped: PARSE_CANCELLED, errors: [] };
    try {
      return this.analyze(filePath, text, tree, settings, overlay);
    } finally {
      tree.delete();
    }
  }
}
