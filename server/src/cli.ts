// The command-line face of the engine, for CI: the same rules, exclusions and configuration
// the editor uses. Exit codes: 0 no findings, 1 findings, 2 usage or configuration error.
import * as fs from 'node:fs';
import { ConfigResolver } from './config';
import { AnalysisResult, Engine } from './engine';
import { fixFile } from './fixfiles';
import { toolVersion } from './install';
import { displayPath, FileReport, toJson, toText } from './report';
import { toSarif } from './sarif';
import { byDirectory, discoverGoFiles, SettingsAt } from './workspace/discover';
import { defaultJobs, ScanPool } from './workspace/pool';

const USAGE = `usage: go-race-hazards [--format text|json|sarif] [--fix] [--config FILE] [--jobs N] [PATH ...]

Reports Go concurrency hazards in the .go files under each PATH (default ".").
"./..." is accepted as Go tools spell it. Directories starting with "." or "_",
and what the exclude globs match (by default vendor and testdata), are skipped
unless named explicitly.

  --format text   path:line:col: message (rule-id), one line per finding (default)
  --format json   {"version", "findings": [...], "skipped": [...]}
  --format sarif  SARIF 2.1.0 for GitHub code scanning, paths relative to the current directory
  --fix           apply every preferred fix, then report what remains
  --config FILE   use FILE instead of the .go-race-hazards.json found above each file
  --jobs N        analyze on N worker threads (default: one per core; 1 = no workers)
  --version       print the version
  -h, --help      print this help

Exit status: 0 no findings, 1 findings, 2 usage or configuration error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
interface Options {
  format: Format;
  fix: boolean;
  config?: string;
  jobs: number;
  paths: string[];
}
export type Parsed = ({ kind: 'run' } & Options) | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string };

export function parseArgs(argv: readonly string[]): Parsed {
  const options: Options = { format: 'text', fix: false, jobs: defaultJobs(), paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--fix') {
      options.fix = true;
      continue;
    }
    const flag = /^--(format|config|jobs)(?:=(.*))?$/.exec(arg);
    if (flag) {
      const value = flag[2] ?? argv[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `--${flag[1]} needs a value` };
      if (flag[1] === 'config') {
        options.config = value;
        continue;
      }
      if (flag[1] === 'jobs') {
        if (!/^[1-9]\d{0,3}$/.test(value)) return { kind: 'error', message: `--jobs must be a positive whole number, got ${JSON.stringify(value)}` };
        options.jobs = Number(value);
        continue;
      }
      if (!(FORMATS as readonly string[]).includes(value)) return { kind: 'error', message: `--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}` };
      options.format = value as Format;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `unknown flag ${arg}` };
    options.paths.push(arg);
  }
  return { kind: 'run', ...options };
}

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') return out(`${USAGE}\n`), 0;
  if (parsed.kind === 'version') return out(`go-race-hazards ${toolVersion()}\n`), 0;
  if (parsed.kind === 'error') return err(`go-race-hazards: ${parsed.message}\n\n${USAGE}\n`), 2;

  const configs = new ConfigResolver(parsed.config);
  const problems = new Set<string>();
  const settingsAt = (file: string) => {
    const { settings, problems: found } = configs.settingsFor(file);
    for (const p of found) problems.add(p);
    return settings;
  };
  const { files, missing } = discoverGoFiles(parsed.paths, settingsAt);
  if (missing.length > 0) return err(`go-race-hazards: no such file or directory: ${missing.join(', ')}\n`), 2;
  // A broken team configuration must fail CI loudly, not silently check with defaults.
  if (parsed.config) settingsAt(parsed.config);
  if (problems.size > 0) return err([...problems].map((p) => `go-race-hazards: ${p}\n`).join('')), 2;

  const engine = await Engine.create();
  if (parsed.fix) {
    for (const file of files) {
      const outcome = fixFile(engine, file, settingsAt(file));
      const shown = displayPath(file, cwd);
      if (outcome.refused) err(`${shown}: not fixed: ${outcome.refused}\n`);
      for (const f of outcome.fixed) {
        err(`${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}: fixed: ${f.fixes.find((x) => x.preferred)?.title} (${f.rule})\n`);
      }
    }
  }
  const progress = process.stderr.isTTY && files.length >= 500;
  const internalErrors: string[] = [];
  const reports = await analyze(engine, files, parsed, settingsAt, internalErrors, (done) => {
    if (progress && done % 100 === 0) err(`\r${done}/${files.length} files`);
  });
  if (progress) err('\r\x1b[K');
  if (parsed.format === 'json') {
    out(`${JSON.stringify(toJson(reports, toolVersion(), cwd), null, 2)}\n`);
  } else if (parsed.format === 'sarif') {
    const fileText = (p: string) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    out(`${JSON.stringify(toSarif(reports, { baseDir: cwd, fileText, internalErrors }), null, 2)}\n`);
  } else {
    const lines = toText(reports, cwd);
    if (lines.length > 0) out(`${lines.join('\n')}\n`);
    for (const r of reports) if (r.skipped) err(`${displayPath(r.path, cwd)}: skipped: ${r.skipped}\n`);
  }
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}

/** Every file's result, in the order of `files`, on worker threads when there are several jobs. */
async function analyze(engine: Engine, files: string[], options: Options, settingsAt: SettingsAt, internalErrors: string[], tick: (done: number) => void): Promise<FileReport[]> {
  const byPath = new Map<string, FileReport>();
  const record = (p: string, result: AnalysisResult) => {
    byPath.set(p, { path: p, findings: result.findings, skipped: result.skipped });
    // A rule that threw is a bug of ours, not the user's: say so, keep the other rules' findings.
    for (const error of result.errors) err(`go-race-hazards: internal error: ${error}\n`);
    internalErrors.push(...result.errors);
    tick(byPath.size);
  };
  const groups = byDirectory(files);
  if (options.jobs > 1 && groups.length > 1) {
    const pool = new ScanPool(options.jobs);
    try {
      await pool.run({ groups, configFile: options.config, onResult: (r) => record(r.path, r) });
    } finally {
      await pool.dispose();
    }
  } else {
    for (const { path, result } of engine.analyzeFiles(files, settingsAt)) record(path, result);
  }
  return files.map((f) => byPath.get(f) ?? { path: f, findings: [], skipped: 'not analyzed' });
}

if (require.main === module) {
  // Piping into `head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      err(`go-race-hazards: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
