// The command-line face of the engine, for CI: the same rules and settings the editor uses.
// Exit codes: 0 no findings, 1 findings, 2 usage error.
import { Engine } from './engine';
import { toolVersion } from './install';
import { FileReport, toJson, toText, displayPath } from './report';
import { DEFAULT_SETTINGS } from './settings';
import { discoverGoFiles } from './workspace/discover';

const USAGE = `usage: go-race-hazards [--format text|json] [PATH ...]

Reports Go concurrency hazards in the .go files under each PATH (default ".").
"./..." is accepted as Go tools spell it; testdata, vendor and directories starting
with "." or "_" are skipped unless named explicitly.

  --format text   path:line:col: message (rule-id), one line per finding (default)
  --format json   {"version", "findings": [...], "skipped": [...]}
  --version       print the version
  -h, --help      print this help

Exit status: 0 no findings, 1 findings, 2 usage error.`;

type Format = 'text' | 'json';
export type Parsed = { kind: 'run'; format: Format; paths: string[] } | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string };

export function parseArgs(argv: readonly string[]): Parsed {
  let format: Format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return { kind: 'error', message: `--format must be text or json, got ${value === undefined ? 'nothing' : JSON.stringify(value)}` };
      format = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `unknown flag ${arg}` };
    paths.push(arg);
  }
  return { kind: 'run', format, paths };
}

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`go-race-hazards ${toolVersion()}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`go-race-hazards: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { files, missing } = discoverGoFiles(parsed.paths);
  if (missing.length > 0) {
    process.stderr.write(`go-race-hazards: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const engine = await Engine.create();
  const reports: FileReport[] = [];
  for (const { path, result } of engine.analyzeFiles(files, DEFAULT_SETTINGS)) {
    reports.push({ path, findings: result.findings, skipped: result.skipped });
    // A rule that threw is a bug of ours, not the user's: say so, keep the other rules' findings.
    for (const error of result.errors) process.stderr.write(`go-race-hazards: internal error: ${error}\n`);
  }
  if (parsed.format === 'json') {
    process.stdout.write(`${JSON.stringify(toJson(reports, toolVersion(), cwd), null, 2)}\n`);
  } else {
    const lines = toText(reports, cwd);
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    for (const r of reports) if (r.skipped) process.stderr.write(`${displayPath(r.path, cwd)}: skipped: ${r.skipped}\n`);
  }
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}

if (require.main === module) {
  // Piping into `head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`go-race-hazards: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
