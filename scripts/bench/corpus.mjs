// Throughput on a corpus of Go files: raw tree-sitter parsing, the full engine on one thread,
// and the full engine on the worker pool. Each section runs `runs` times; the median is kept.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { lib, median } from './common.mjs';

const { Engine } = lib('server/src/engine.js');
const { DEFAULT_SETTINGS } = lib('server/src/settings.js');
const { parseGo } = lib('server/src/trees.js');
const { byDirectory, discoverGoFiles } = lib('server/src/workspace/discover.js');
const { ScanPool, defaultJobs } = lib('server/src/workspace/pool.js');

export function corpusFiles(root) {
  const files = discoverGoFiles([root], () => DEFAULT_SETTINGS).files;
  let bytes = 0;
  let lines = 0;
  const kept = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    // The engine skips files over maxFileSize and binary files; the parse baseline must too.
    if (Buffer.byteLength(text) > DEFAULT_SETTINGS.maxFileSize || text.includes('\0')) continue;
    kept.push(f);
    bytes += Buffer.byteLength(text);
    lines += text.split('\n').length;
  }
  return { files: kept, bytes, lines };
}

/**
 * Wall and CPU seconds (the whole process: worker threads and V8's GC and compiler threads too)
 * of each of `runs` runs; the medians. Their ratio is the cores a run kept busy.
 */
async function timed(runs, fn) {
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpuStart);
    times.push((performance.now() - start) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  return { seconds: median(times), cpuSeconds: median(cpu), all: times };
}

export async function corpusBench(corpus, runs) {
  const engine = await Engine.create();
  // Both passes read each file from disk (the page cache, after the first run) and parse it.
  const parse = await timed(runs, () => {
    for (const f of corpus.files) parseGo(engine.parser, fs.readFileSync(f, 'utf8'))?.delete();
  });
  let findings = 0;
  const analysis = await timed(runs, () => {
    findings = 0;
    for (const { result } of engine.analyzeFiles(corpus.files, DEFAULT_SETTINGS)) findings += result.findings.length;
  });
  const jobs = defaultJobs();
  const pool = new ScanPool(jobs);
  // One untimed run starts the workers and loads their wasm: a server keeps its pool warm.
  await pool.run({ groups: byDirectory(corpus.files.slice(0, jobs * 20)), onResult: () => undefined });
  let poolFindings = 0;
  const parallel = await timed(runs, () => {
    poolFindings = 0;
    return pool.run({ groups: byDirectory(corpus.files), onResult: (r) => (poolFindings += r.findings.length) });
  });
  await pool.dispose();
  if (poolFindings !== findings) throw new Error(`the pool found ${poolFindings}, one thread ${findings}`);
  const rate = (t) => ({ seconds: t.seconds, cpuSeconds: t.cpuSeconds, coresUsed: t.cpuSeconds / t.seconds, mbPerSec: corpus.bytes / 1e6 / t.seconds, linesPerSec: corpus.lines / t.seconds });
  return {
    parse: rate(parse),
    analysis: { ...rate(analysis), findings, ratioToParse: parse.seconds / analysis.seconds },
    parallel: {
      ...rate(parallel), jobs, speedup: analysis.seconds / parallel.seconds,
      // "One thread" keeps more than one core busy (V8 collects and compiles on threads of its
      // own). One worker per core, needing no more CPU than the one thread, can go no faster.
      speedupCeiling: (jobs * analysis.seconds) / analysis.cpuSeconds,
    },
  };
}
