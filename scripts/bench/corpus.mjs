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

async function timed(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push((performance.now() - start) / 1000);
  }
  return { seconds: median(times), all: times };
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
  const rate = (s) => ({ seconds: s, mbPerSec: corpus.bytes / 1e6 / s, linesPerSec: corpus.lines / s });
  return {
    parse: rate(parse.seconds),
    analysis: { ...rate(analysis.seconds), findings, ratioToParse: parse.seconds / analysis.seconds },
    parallel: { ...rate(parallel.seconds), jobs, speedup: analysis.seconds / parallel.seconds },
  };
}
