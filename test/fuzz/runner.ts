// Runs the fuzz loop on worker threads with a watchdog: an input that hangs the engine cannot be
// caught by the thread it hangs, so a silent worker is ended from here and its input rebuilt.
import { randomInt } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { loadCorpus } from './corpus';
import type { Violation } from './invariants';
import { Corpus, generateInput, LoopConfig, LoopMessage, LoopStats, Worst } from './loop';
import { MUTATIONS } from './mutate';
import { saveRegression } from './regressions';

export interface FuzzOptions {
  seconds: number;
  seed: number;
  minimizeSeconds?: number;
  /** How many stdlib files the seed picks. */
  sampleSize?: number;
  /** Mutations to leave out (names from mutate.ts). */
  skip?: string[];
  log?: (line: string) => void;
}

export interface FuzzFailure {
  invariant: string;
  detail: string;
  foundBy: string;
  saved: string;
  bytes: { original: number; minimized: number };
}

export interface FuzzSummary {
  seed: number;
  seconds: number;
  execs: number;
  execsPerSecond: number;
  skipped: number;
  repeats: number;
  failures: FuzzFailure[];
  worst?: Worst;
  worstBudgetShare: number;
}

/**
 * `--seconds N` / FUZZ_SECONDS, `--seed N` / FUZZ_SEED (a fresh random seed otherwise), and
 * `--skip mutation,...` / FUZZ_SKIP.
 */
export function fuzzArgs(argv: readonly string[], env: NodeJS.ProcessEnv, defaultSeconds: number): { seconds: number; seed: number; skip: string[] } {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (what: string, raw: string | undefined): number | undefined => {
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: expected a non-negative integer, got ${JSON.stringify(raw)}`);
    return n;
  };
  const skip = (flag('skip') ?? env.FUZZ_SKIP ?? '').split(',').filter(Boolean);
  const unknown = skip.filter((s) => !MUTATIONS.some((m) => m.name === s));
  if (unknown.length > 0) throw new Error(`skip: unknown mutation ${unknown.join(', ')} (known: ${MUTATIONS.map((m) => m.name).join(', ')})`);
  return {
    skip,
    seconds: number('seconds', flag('seconds')) ?? number('FUZZ_SECONDS', env.FUZZ_SECONDS) ?? defaultSeconds,
    seed: number('seed', flag('seed')) ?? number('FUZZ_SEED', env.FUZZ_SEED) ?? randomInt(2 ** 31),
  };
}

/** A worker silent for this long is hung; never less than 30 s, so a loaded machine is not a hang. */
function hangLimitMs(bytes: number): number {
  return Math.max(30_000, 10 * (50 + (20 * bytes) / 1024));
}

/** `tried`: inputs started (a worker's last stats snapshot may predate the input that stopped it). */
type Ended = { stats?: LoopStats; tried: number; stoppedAt?: { i: number; why: string } };

function runWorker(config: LoopConfig, onMessage: (m: LoopMessage) => void): Promise<Ended> {
  const loop = path.join(__dirname, 'loop.js');
  const worker = new Worker(`require(${JSON.stringify(loop)}).workerMain()`, { eval: true, workerData: config });
  let last = { i: config.startAt, bytes: 0, at: Date.now() };
  let beaten = false;
  return new Promise((resolve, reject) => {
    let stats: LoopStats | undefined;
    let stoppedAt: Ended['stoppedAt'];
    const watchdog = setInterval(() => {
      const silent = Date.now() - last.at;
      if (silent > hangLimitMs(last.bytes)) {
        stoppedAt = { i: last.i, why: `no progress for ${(silent / 1000).toFixed(0)} s on an input of ${last.bytes} bytes` };
        void worker.terminate();
      }
    }, 1000);
    worker.on('message', (m: LoopMessage) => {
      if (m.type === 'beat') {
        last = { i: m.i, bytes: m.bytes, at: Date.now() };
        beaten = true;
      }
      if (m.type === 'stats' || m.type === 'done') stats = m.stats;
      onMessage(m);
    });
    worker.on('error', (err) => {
      // Before the first input the fault is the fuzzer's own (corpus, engine load), not an input's.
      if (!beaten) reject(err);
      stoppedAt ??= { i: last.i, why: `the fuzz worker died: ${err.stack ?? err.message}` };
    });
    worker.on('exit', () => {
      clearInterval(watchdog);
      resolve({ stats, stoppedAt, tried: beaten ? last.i - config.startAt + 1 : 0 });
    });
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const failures: FuzzFailure[] = [];
  const total: LoopStats = { execs: 0, skipped: 0, worstBudgetShare: 0, repeats: 0 };
  let corpus: Corpus | undefined;
  let startAt = 0;
  const skip = options.skip ?? [];
  const skipArg = skip.length > 0 ? ` --skip ${skip.join(',')}` : '';
  log(`fuzz: seed ${options.seed}, ${options.seconds} s${skip.length > 0 ? `, without ${skip.join(', ')}` : ''} (replay: npm run fuzz -- --seed ${options.seed} --seconds ${options.seconds}${skipArg})`);
  for (;;) {
    const config: LoopConfig = { seed: options.seed, startAt, deadline, minimizeMs: (options.minimizeSeconds ?? 60) * 1000, sampleSize: options.sampleSize ?? 200, skip };
    const ended = await runWorker(config, (m) => {
      if (m.type === 'start' && startAt === 0) log(`fuzz: corpus of ${m.testdata} testdata and ${m.stdlib} stdlib files`);
      if (m.type === 'failure') {
        const saved = saveRegression(m.regression);
        failures.push({ invariant: m.violation.invariant, detail: m.violation.detail, foundBy: m.regression.foundBy, saved, bytes: { original: m.originalBytes, minimized: Buffer.byteLength(m.regression.input.text) } });
        log(`fuzz: FAILED ${m.violation.invariant} (${m.regression.foundBy}): ${m.violation.detail.split('\n')[0]}\n      minimized ${m.originalBytes} -> ${Buffer.byteLength(m.regression.input.text)} bytes, saved as ${saved}`);
      }
    });
    merge(total, ended.stats);
    total.execs += ended.tried;
    if (!ended.stoppedAt) break;
    // The input that stopped the worker is rebuilt here and saved as it was: minimizing a hang
    // would take a worker per attempt.
    const { i, why } = ended.stoppedAt;
    corpus ??= loadCorpus(options.seed, options.sampleSize ?? 200);
    const { input, foundBy } = generateInput(corpus, { seed: options.seed, skip }, i);
    const violation: Violation = { invariant: 'hang', signature: 'hang', detail: why };
    const saved = saveRegression({ input, invariant: violation.invariant, detail: why, foundBy });
    failures.push({ invariant: 'hang', detail: why, foundBy, saved, bytes: { original: Buffer.byteLength(input.text), minimized: Buffer.byteLength(input.text) } });
    log(`fuzz: FAILED hang (${foundBy}): ${why.split('\n')[0]}, saved as ${saved}`);
    startAt = i + 1;
    if (Date.now() >= deadline) break;
  }
  const seconds = (Date.now() - started) / 1000;
  return { seed: options.seed, seconds, execs: total.execs, execsPerSecond: total.execs / seconds, skipped: total.skipped, repeats: total.repeats, failures, worst: total.worst, worstBudgetShare: total.worstBudgetShare };
}

function merge(total: LoopStats, part: LoopStats | undefined): void {
  if (!part) return;
  total.skipped += part.skipped;
  total.repeats += part.repeats;
  total.worstBudgetShare = Math.max(total.worstBudgetShare, part.worstBudgetShare);
  if (part.worst && part.worst.msPerKb > (total.worst?.msPerKb ?? 0)) total.worst = part.worst;
}

export function formatSummary(s: FuzzSummary): string[] {
  return [
    `fuzz: seed ${s.seed}: ${s.execs} inputs in ${s.seconds.toFixed(1)} s (${s.execsPerSecond.toFixed(1)}/s), ${s.skipped} skipped as binary, ${s.failures.length} failures (+${s.repeats} repeats)`,
    `fuzz: worst time per KB ${s.worst ? `${s.worst.msPerKb.toFixed(2)} ms/KB (${s.worst.ms.toFixed(0)} ms for ${(s.worst.bytes / 1024).toFixed(1)} KB; ${s.worst.foundBy})` : 'n/a'}; at most ${(s.worstBudgetShare * 100).toFixed(0)}% of the time budget`,
  ];
}
