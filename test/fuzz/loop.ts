// The fuzz loop, run on a worker thread by runner.ts so that a hang can be caught from outside.
// Iteration i of a run is a pure function of (seed, i) and the corpus: it can be rebuilt alone.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../../server/src/engine';
import { loadCorpus, Sample } from './corpus';
import { budgetMs, check, FuzzInput, Violation } from './invariants';
import { minimizeText } from './minimize';
import { mutate } from './mutate';
import { iterationSeed, Rng } from './random';
import type { Regression } from './regressions';

export interface LoopConfig {
  seed: number;
  /** The first iteration (after a hang the runner restarts past the input that hung). */
  startAt: number;
  /** Epoch ms after which no new input is tried. */
  deadline: number;
  /** Time allowed to minimize each failure. */
  minimizeMs: number;
  sampleSize: number;
  /** Mutations left out of this run. */
  skip: string[];
}

export interface Worst {
  msPerKb: number;
  ms: number;
  bytes: number;
  foundBy: string;
}

export interface LoopStats {
  execs: number;
  skipped: number;
  /** Highest analysis time per KB among inputs of at least 1 KB (smaller ones are all fixed cost). */
  worst?: Worst;
  /** Highest share of its time budget any input used. */
  worstBudgetShare: number;
  /** Failures whose signature was already reported in this run. */
  repeats: number;
}

export type LoopMessage =
  | { type: 'start'; testdata: number; stdlib: number }
  | { type: 'beat'; i: number; bytes: number }
  /** A snapshot now and then, so a worker ended by the watchdog still counts. */
  | { type: 'stats'; stats: LoopStats }
  | { type: 'failure'; violation: Violation; regression: Regression; originalBytes: number }
  | { type: 'done'; stats: LoopStats };

export type Corpus = ReturnType<typeof loadCorpus>;

/** Half the inputs come from rules testdata, where findings and fixes are; half from the stdlib. */
export function generateInput(corpus: Corpus, { seed, skip }: Pick<LoopConfig, 'seed' | 'skip'>, i: number): { input: FuzzInput; foundBy: string } {
  const rng = new Rng(iterationSeed(seed, i));
  const pool: Sample[] = corpus.stdlib.length > 0 && rng.chance(0.5) ? corpus.stdlib : corpus.testdata;
  const sample = rng.pick(pool);
  const settings = { ...sample.settings };
  // More findings (and fixes) on stdlib code, where shared state is rarely obvious.
  if (rng.chance(0.5)) settings.reportAllUntracked = true;
  const { text, applied } = mutate(sample.text, rng, skip);
  return {
    input: { name: path.posix.basename(sample.origin), text, settings },
    foundBy: `seed ${seed}, iteration ${i}: ${sample.origin} + ${applied.join(', ')}`,
  };
}

export function runLoop(engine: Engine, corpus: Corpus, config: LoopConfig, post: (m: LoopMessage) => void): LoopStats {
  const stats: LoopStats = { execs: 0, skipped: 0, worstBudgetShare: 0, repeats: 0 };
  const reported = new Set<string>();
  // Budget failures share one signature, so a slow input met early (on a busy machine, say) would
  // hide every later one: a slower one, by share of its budget, is reported again.
  let reportedBudgetShare = 0;
  let snapshotAt = Date.now();
  for (let i = config.startAt; Date.now() < config.deadline; i++) {
    if (Date.now() - snapshotAt > 1000) {
      post({ type: 'stats', stats });
      snapshotAt = Date.now();
    }
    const { input, foundBy } = generateInput(corpus, config, i);
    const bytes = Buffer.byteLength(input.text);
    post({ type: 'beat', i, bytes });
    const checked = check(engine, input);
    stats.execs++;
    if (checked.skipped) stats.skipped++;
    const share = checked.ms / budgetMs(input.text);
    if (!Number.isNaN(checked.ms)) {
      stats.worstBudgetShare = Math.max(stats.worstBudgetShare, share);
      const msPerKb = checked.ms / (bytes / 1024);
      if (bytes >= 1024 && msPerKb > (stats.worst?.msPerKb ?? 0)) stats.worst = { msPerKb, ms: checked.ms, bytes, foundBy };
    }
    const violation = checked.violation;
    if (!violation) continue;
    if (violation.invariant === 'budget' ? share <= reportedBudgetShare : reported.has(violation.signature)) {
      stats.repeats++;
      continue;
    }
    reported.add(violation.signature);
    if (violation.invariant === 'budget') reportedBudgetShare = share;
    const text = minimizeText(
      input.text,
      (t) => {
        post({ type: 'beat', i, bytes: Buffer.byteLength(t) });
        return check(engine, { ...input, text: t }).violation?.signature === violation.signature;
      },
      Date.now() + config.minimizeMs,
    );
    const minimal = check(engine, { ...input, text }).violation ?? violation;
    post({ type: 'failure', violation: minimal, originalBytes: bytes, regression: { input: { ...input, text }, invariant: minimal.invariant, detail: minimal.detail, foundBy } });
  }
  return stats;
}

/** Entry point of the worker thread (started by runner.ts with `workerData: LoopConfig`). */
export async function workerMain(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('workerMain runs on a worker thread');
  const config = workerData as LoopConfig;
  const engine = await Engine.create();
  const corpus = loadCorpus(config.seed, config.sampleSize);
  port.postMessage({ type: 'start', testdata: corpus.testdata.length, stdlib: corpus.stdlib.length } satisfies LoopMessage);
  const stats = runLoop(engine, corpus, config, (m) => port.postMessage(m));
  port.postMessage({ type: 'done', stats } satisfies LoopMessage);
}
