// npm run bench [-- PATH] [--runs N] [--edits N]: scan throughput against the parser's own
// speed, keystroke latency, memory, and the side-by-side with go vet. Prints a table and writes
// the same figures to bench-results/bench.json. Targets are reported here, never asserted in tests.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './bench/common.mjs';
import { corpusBench, corpusFiles } from './bench/corpus.mjs';
import { latencyBench, memoryBench } from './bench/lsp.mjs';
import { vetBench } from './bench/vet.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const root = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(goroot, 'src');
const runs = flag('runs', 3);
const edits = flag('edits', 200);

const machine = {
  cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version, go: execFileSync('go', ['version'], { encoding: 'utf8' }).trim(),
};
console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, node ${machine.node}, ${machine.go}`);
const corpus = corpusFiles(root);
console.log(`corpus: ${root}: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.lines} lines; median of ${runs} runs\n`);

const section = (name) => console.error(`... ${name}`);
section('throughput');
const throughput = await corpusBench(corpus, runs);
section('keystroke latency');
const latency = await latencyBench(edits, runs);
section('memory after a workspace scan');
const memory = await memoryBench(root, 600_000);
section('go vet side by side');
const vet = vetBench(goroot, runs);

const f = (n, d = 1) => (n === undefined ? 'n/a' : n.toFixed(d));
const check = (ok) => (ok ? 'met' : 'MISSED');
const rows = [
  ['1. parse only (tree-sitter-go, 1 thread)', `${f(throughput.parse.mbPerSec)} MB/s, ${f(throughput.parse.linesPerSec / 1e3, 0)}k lines/s`, ''],
  ['2. full analysis, 1 thread', `${f(throughput.analysis.mbPerSec)} MB/s, ${f(throughput.analysis.ratioToParse * 100, 0)}% of (1); ${f(throughput.analysis.coresUsed, 2)} cores busy`, `>= 85%: ${check(throughput.analysis.ratioToParse >= 0.85)}`],
  [`3. full analysis, ${throughput.parallel.jobs} workers`, `${f(throughput.parallel.mbPerSec)} MB/s, ${f(throughput.parallel.speedup, 2)}x over (2); ${f(throughput.parallel.coresUsed, 2)} cores busy; ceiling ${f(throughput.parallel.speedupCeiling, 2)}x`, `>= 1.7x: ${check(throughput.parallel.speedup >= 1.7)}`],
  [`4. keystroke -> diagnostics, ${latency.lines} lines, ${latency.edits} edits`, `p50 ${f(latency.p50ms)} ms, p95 ${f(latency.p95ms)} ms (runs: ${latency.runs.map((r) => f(r.p95ms)).join(', ')}), max ${f(latency.maxms)} ms (the ${latency.warmupEdits} warm-up edits before: p50 ${f(latency.warmupP50ms)}, p95 ${f(latency.warmupP95ms)}, max ${f(latency.warmupMaxms)} ms); server CPU ${f(latency.serverCpuMsPerEdit)} ms per edit`, `p95 <= 15 ms: ${check(latency.p95ms <= 15)}`],
  ['5. server RSS after scanning the corpus', `${f(memory.rssAfterScanMB, 0)} MB after the scan; ${f(memory.rssAfterScanAndClosesMB, 0)} MB after ${memory.opened} opens+closes and a rescan; peak during the scans ${f(memory.peakMB, 0)} MB`, `<= 250 MB after the scan: ${check(memory.rssAfterScanMB <= 250)}; after the opens and closes: ${check(memory.rssAfterScanAndClosesMB <= 250)}; peak: ${check(memory.peakMB <= 250)}`],
  [`6. go vet on ${vet.packages.length} packages (${vet.files} files)`, `vet ${f(vet.goVet.seconds, 2)} s cached, ${f(vet.goVet.coldSeconds, 1)} s cold (CPU ${f(vet.goVet.coldCpuSeconds, 1)} s), staticcheck ${vet.staticcheck.seconds ? `${f(vet.staticcheck.seconds, 2)} s` : 'n/a'}, ours ${f(vet.ours.seconds, 2)} s (1 thread; CPU ${f(vet.ours.cpuSeconds, 2)} s), ${f(vet.oursParallel.seconds, 2)} s (workers)`, `vet/ours ${f(vet.vetColdOverOurs)}x cold (>= 20x: ${check(vet.vetColdOverOurs >= 20)}; ${f(vet.vetColdOverOursParallel)}x against our workers; ${f(vet.vetColdCpuOverOursCpu)}x in CPU), ${f(vet.vetOverOurs, 2)}x cached (>= 20x: ${check(vet.vetOverOurs >= 20)})`],
];
const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value}${target ? `   [${target}]` : ''}`);
if (vet.staticcheck.unavailable) console.log(`   staticcheck: ${vet.staticcheck.unavailable}`);

const out = path.join(ROOT, 'bench-results', 'bench.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, corpus: { root, files: corpus.files.length, bytes: corpus.bytes, lines: corpus.lines }, runs, throughput, latency, memory, vet }, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
