// Wall time of `go vet` (and staticcheck, when the Go module proxy can install it) beside ours,
// on the same fixed list of standard-library packages. Each tool runs `runs` times after one
// warm-up; the median is kept. go vet caches results of unchanged packages, so its warm runs are
// what a developer's second run costs; a cold run, with an empty build cache, is what a CI
// machine without a cache pays.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, procCpuSeconds, ROOT } from './common.mjs';

export const PACKAGES = ['context', 'sync', 'os/exec', 'net/http', 'net/rpc', 'database/sql', 'encoding/json', 'go/types', 'runtime/pprof', 'testing'];
const STATICCHECK = 'honnef.co/go/tools/cmd/staticcheck@v0.8.2';

/** Wall time, and the CPU time of the command and everything it ran (go vet compiles and vets in parallel). */
function wall(cmd, args, opts = {}) {
  const cpuStart = procCpuSeconds('self', { children: true });
  const start = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  const seconds = (performance.now() - start) / 1000;
  return { seconds, cpuSeconds: procCpuSeconds('self', { children: true }) - cpuStart, status: r.status, error: r.error, stderr: r.stderr };
}

function series(runs, fn) {
  const first = fn();
  const rest = Array.from({ length: runs }, fn);
  return { firstSeconds: first.seconds, seconds: median(rest.map((r) => r.seconds)), cpuSeconds: median(rest.map((r) => r.cpuSeconds)), status: first.status };
}

function staticcheckBinary() {
  const bin = path.join(ROOT, '.cache', 'bin');
  const exe = path.join(bin, 'staticcheck');
  if (fs.existsSync(exe)) return { exe };
  const r = spawnSync('go', ['install', STATICCHECK], { env: { ...process.env, GOBIN: bin, GOFLAGS: '' }, encoding: 'utf8', timeout: 600_000 });
  return r.status === 0 && fs.existsSync(exe) ? { exe } : { reason: `go install ${STATICCHECK} failed: ${(r.stderr || String(r.error)).trim().split('\n').at(-1)}` };
}

export function vetBench(goroot, runs) {
  const dirs = PACKAGES.map((p) => path.join(goroot, 'src', p));
  const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.go')).map((f) => path.join(d, f)));
  const env = { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local' };
  // Cold: an empty build cache, as on a CI machine that keeps none (vet then type-checks every
  // dependency from source). Warm: the cache of the runs before, where vet reuses its results.
  const coldCache = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-gocache-'));
  let coldVet;
  try {
    coldVet = wall('go', ['vet', ...PACKAGES], { env: { ...env, GOCACHE: coldCache }, cwd: path.join(goroot, 'src') });
  } finally {
    fs.rmSync(coldCache, { recursive: true, force: true });
  }
  const vet = series(runs, () => wall('go', ['vet', ...PACKAGES], { env, cwd: path.join(goroot, 'src') }));
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const ours = series(runs, () => wall(process.execPath, [cli, '--jobs', '1', ...files]));
  const oursParallel = series(runs, () => wall(process.execPath, [cli, ...files]));
  const sc = staticcheckBinary();
  const staticcheck = sc.exe ? series(runs, () => wall(sc.exe, PACKAGES, { env, cwd: path.join(goroot, 'src') })) : { unavailable: sc.reason };
  return {
    packages: PACKAGES,
    files: files.length,
    goVet: { ...vet, coldSeconds: coldVet.seconds, coldCpuSeconds: coldVet.cpuSeconds },
    staticcheck,
    ours,
    oursParallel,
    vetOverOurs: vet.seconds / ours.seconds,
    vetFirstOverOurs: vet.firstSeconds / ours.seconds,
    vetColdOverOurs: coldVet.seconds / ours.seconds,
    // go vet runs its packages in parallel by default, as our CLI runs workers by default: both at their defaults.
    vetColdOverOursParallel: coldVet.seconds / oursParallel.seconds,
    // The work each did, whatever the cores: cold vet keeps both cores of this machine busy.
    vetColdCpuOverOursCpu: coldVet.cpuSeconds / ours.cpuSeconds,
    staticcheckOverOurs: staticcheck.seconds ? staticcheck.seconds / ours.seconds : undefined,
  };
}
