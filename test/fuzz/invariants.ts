// What must hold for any text the engine is handed, however broken: the checks the fuzzer runs on
// every input and the regression test replays on every saved one.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../server/src/engine';
import { applyEdits, lineStarts, preferredEdits } from '../../server/src/edits';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from '../../server/src/settings';
import { syntaxErrorCount } from '../../server/src/trees';
import type { Finding, Range } from '../../server/src/types';

export type Invariant = 'throws' | 'rule-error' | 'budget' | 'range' | 'fix-overlap' | 'fix-syntax' | 'hang';

export interface Violation {
  invariant: Invariant;
  /** Stable across inputs that break the same way: what minimization must preserve. */
  signature: string;
  detail: string;
}

export interface FuzzInput {
  /** The file's base name (`x_test.go` matters to rules); it lives in a directory that does not exist. */
  name: string;
  text: string;
  /** Overrides of FUZZ_SETTINGS, as raw JSON, so a regression file can carry them. */
  settings: Record<string, unknown>;
}

/**
 * Generated files and files of any size are analyzed: the fuzzer wants the engine to see 1 MB
 * lines, not the size check. NUL bytes are still skipped, as users get them.
 */
export const FUZZ_SETTINGS: Settings = { ...DEFAULT_SETTINGS, maxFileSize: 64 * 2 ** 20, skipGenerated: false };

/** No siblings on disk: the input alone is the package, so a saved regression replays exactly. */
const NOWHERE = path.resolve('/nonexistent-go-race-hazards-fuzz');

export function settingsOf(input: FuzzInput): Settings {
  return normalizeSettings(input.settings, FUZZ_SETTINGS).settings;
}

/** Generous on purpose: it catches superlinear blowups, not a slow machine. */
export function budgetMs(text: string): number {
  return 50 + (20 * Buffer.byteLength(text)) / 1024;
}

/**
 * A run over budget but within twice of it, or within PAUSE_MS, is repeated, and only the fastest
 * of this many counts, so a GC pause or a busy machine is not a failure; a run further over is
 * not noise. (A 0.7 KB input once took 206 ms, three times its budget, and 1 ms on every replay.)
 */
const BUDGET_TRIES = 3;
const PAUSE_MS = 500;

export interface Checked {
  violation?: Violation;
  /** Analysis time of the fastest run. */
  ms: number;
  bytes: number;
  skipped?: string;
}

/** The first stack frame inside the project, with the message: where a throw comes from. */
function throwSignature(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const frame = (e.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && !l.includes('node:'));
  const where = frame?.match(/([\w.-]+\.[jt]s):(\d+)/);
  return `${e.name}: ${e.message.split('\n')[0].replace(/\d+/g, 'N')}${where ? ` @ ${where[1]}:${where[2]}` : ''}`;
}

function firstLines(s: string, n: number): string {
  return s.split('\n').slice(0, n).join('\n');
}

/** Line lengths in UTF-16 units, with LSP's line breaks (\n, \r\n, lone \r), as the editor counts them. */
function lineLengths(text: string): number[] {
  const starts = lineStarts(text);
  return starts.map((s, i) => {
    if (i + 1 === starts.length) return text.length - s;
    const next = starts[i + 1];
    const breakLen = text[next - 1] === '\n' && text[next - 2] === '\r' ? 2 : 1;
    return next - breakLen - s;
  });
}

function outside(range: Range, lengths: readonly number[]): string | undefined {
  const ok = (p: Range['start']) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
  if (!ok(range.start) || !ok(range.end)) return `${JSON.stringify(range)} is outside the document (${lengths.length} lines)`;
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `${JSON.stringify(range)} ends before it starts`;
  return undefined;
}

function checkRanges(findings: readonly Finding[], text: string): Violation | undefined {
  const lengths = lineLengths(text);
  for (const f of findings) {
    const places: [string, Range][] = [
      ['finding', f.range],
      ...f.related.filter((r) => !r.file).map((r): [string, Range] => ['related location', r.range]),
      ...f.fixes.flatMap((fix) => fix.edits.map((e): [string, Range] => [`edit of "${fix.title}"`, e.range])),
    ];
    for (const [what, range] of places) {
      const why = outside(range, lengths);
      if (why) return { invariant: 'range', signature: `range: ${f.rule} ${what.replace(/".*"/, 'fix')}`, detail: `${f.rule}: ${what} ${why}` };
    }
  }
  return undefined;
}

const SINGLY_CHECKED_FIXES = 50;
const TOGETHER_CHECKED_FIXES = 2000;

function checkFixes(engine: Engine, findings: readonly Finding[], text: string): Violation | undefined {
  let before: number | undefined;
  const errorsBefore = () => (before ??= syntaxErrorCount(engine.parser, text));
  const attempt = (what: string, rule: string, apply: () => string): Violation | undefined => {
    let fixed: string;
    try {
      fixed = apply();
    } catch (err) {
      return { invariant: 'fix-overlap', signature: `fix-overlap: ${rule} ${what}`, detail: `${rule}: ${what}: ${(err as Error).message}` };
    }
    const after = syntaxErrorCount(engine.parser, fixed);
    if (after > errorsBefore()) return { invariant: 'fix-syntax', signature: `fix-syntax: ${rule} ${what}`, detail: `${rule}: ${what} raises syntax errors from ${errorsBefore()} to ${after}` };
    return undefined;
  };
  // Each fix alone costs a parse: on inputs with thousands of findings an even spread of them is tried.
  const stride = Math.max(1, Math.ceil(findings.length / SINGLY_CHECKED_FIXES));
  for (const f of findings.filter((_, i) => i % stride === 0)) {
    const preferred = f.fixes.filter((x) => x.preferred);
    if (preferred.length > 1) return { invariant: 'fix-overlap', signature: `fix-overlap: ${f.rule} several preferred`, detail: `${f.rule}: ${preferred.length} preferred fixes on one finding` };
    if (preferred.length === 0) continue;
    const v = attempt('its preferred fix', f.rule, () => applyEdits(text, preferred[0].edits));
    if (v) return v;
  }
  // preferredEdits compares each fix with every one chosen before it: on a generated file with
  // 100k findings that alone takes minutes, so only the first 2,000 are tried together.
  const { edits, applied } = preferredEdits(findings.slice(0, TOGETHER_CHECKED_FIXES));
  if (applied.length < 2) return undefined;
  return attempt('all preferred fixes together', [...new Set(applied.map((f) => f.rule))].join('+'), () => applyEdits(text, edits));
}

function timed(engine: Engine, input: FuzzInput, settings: Settings) {
  const t0 = performance.now();
  const result = engine.analyzeText(path.join(NOWHERE, input.name), input.text, settings);
  return { result, ms: performance.now() - t0 };
}

/**
 * Runs every invariant on one input; the first one broken is returned. The time budget is an
 * invariant of exploring runs (`npm run fuzz`) only: tests set FUZZ_TIMING=off, because a test
 * must not fail on a slow or busy machine (a hang still fails: the test runner's timeout).
 */
export function check(engine: Engine, input: FuzzInput, opts: { timing: boolean } = { timing: process.env.FUZZ_TIMING !== 'off' }): Checked {
  const bytes = Buffer.byteLength(input.text);
  const settings = settingsOf(input);
  let run: ReturnType<typeof timed>;
  try {
    run = timed(engine, input, settings);
  } catch (err) {
    return { ms: NaN, bytes, violation: { invariant: 'throws', signature: `throws: ${throwSignature(err)}`, detail: firstLines(err instanceof Error ? err.stack ?? err.message : String(err), 6) } };
  }
  const { result } = run;
  let ms = run.ms;
  if (result.errors.length > 0) {
    const first = result.errors[0];
    const message = first.replace(/ failed on [^:]*: /, ': ');
    return { ms, bytes, violation: { invariant: 'rule-error', signature: `rule-error: ${firstLines(message, 1).replace(/\d+/g, 'N')} @ ${first.match(/([\w.-]+\.[jt]s):(\d+)/)?.slice(1).join(':') ?? '?'}`, detail: firstLines(first, 6) } };
  }
  const budget = budgetMs(input.text);
  let tries = 1;
  for (; opts.timing && ms > budget && (ms < 2 * budget || ms < PAUSE_MS) && tries < BUDGET_TRIES; tries++) ms = Math.min(ms, timed(engine, input, settings).ms);
  if (opts.timing && ms > budget) return { ms, bytes, violation: { invariant: 'budget', signature: 'budget', detail: `analysis took ${ms.toFixed(0)} ms (fastest of ${tries}); the budget for ${(bytes / 1024).toFixed(1)} KB is ${budget.toFixed(0)} ms` } };
  if (result.skipped) return { ms, bytes, skipped: result.skipped };
  const violation = checkRanges(result.findings, input.text) ?? checkFixes(engine, result.findings, input.text);
  return { ms, bytes, violation };
}
