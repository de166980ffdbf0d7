// The CLI as CI runs it: dist/cli.js in a child process, its stdout, stderr and exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyEdits } from '../../server/src/edits';
import { formatGo, gofmt, hasGo, ROOT, writeUnder } from '../support/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const SAMPLES = path.join(ROOT, 'samples');

function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonEdit { line: number; column: number; endLine: number; endColumn: number; newText: string }
interface JsonFinding extends Omit<JsonEdit, 'newText'> {
  file: string; rule: string; severity: string; message: string;
  fixes: { title: string; preferred: boolean; edits: JsonEdit[] }[];
}
interface JsonReport { version: string; findings: JsonFinding[]; skipped: { file: string; reason: string }[] }

function json(args: string[], cwd = ROOT): { code: number | null; report: JsonReport; stderr: string } {
  const r = cli(['--format', 'json', ...args], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

let tmp: string;
before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} exists (npm test builds it)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-cli-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string | Buffer): string {
  return writeUnder(tmp, rel, text);
}

describe('go-race-hazards CLI', () => {
  test('text: path:line:col: message (rule-id), exit 1 on findings', () => {
    const r = cli(['samples']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    // One sample per rule (see samples/): every rule reports through the CLI.
    assert.deepEqual(lines.map((l) => `${l.split(': ')[0]} ${/\(([\w-]+)\)$/.exec(l)?.[1]}`), [
      'samples/audit/audit.go:16:2 untracked-goroutine',
      'samples/audit/audit.go:29:2 untracked-goroutine',
      'samples/policy/policy.go:46:3 stop-before-swap',
      'samples/store/store.go:23:9 guarded-pointer-escape',
      'samples/stream/stream.go:27:2 waitgroup-add-after-publish',
    ]);
    for (const line of lines) assert.match(line, /^samples\/\w+\/\w+\.go:\d+:\d+: .+ \([\w-]+\)$/);
  });

  test('json: the documented shape, 1-based positions, paths relative to the current directory', () => {
    const { code, report } = json(['.'], SAMPLES);
    assert.equal(code, 1);
    assert.deepEqual(Object.keys(report), ['version', 'findings', 'skipped']);
    assert.match(report.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(report.skipped, []);
    assert.equal(report.findings.length, 5);
    const [first] = report.findings;
    assert.deepEqual(Object.keys(first), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'fixes']);
    assert.deepEqual([first.file, first.line, first.column, first.rule, first.severity], ['audit/audit.go', 16, 2, 'untracked-goroutine', 'warning']);
    const fix = first.fixes.find((f) => f.preferred);
    assert.ok(fix, 'a preferred fix');
    assert.deepEqual(Object.keys(fix), ['title', 'preferred', 'edits']);
    assert.deepEqual(Object.keys(fix.edits[0]), ['line', 'column', 'endLine', 'endColumn', 'newText']);
  });

  test('sarif: one run whose results are the json findings, relative to the current directory', () => {
    const r = cli(['--format', 'sarif', '.'], SAMPLES);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
      `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}:${x.ruleId}`);
    const findings = json(['.'], SAMPLES).report.findings.map((f) => `${f.file}:${f.line}:${f.rule}`);
    assert.deepEqual(results, findings);
  });

  test('`./...` is accepted as Go users type it, and finds the same as `.`', () => {
    assert.deepEqual(json(['./...'], SAMPLES).report, json(['.'], SAMPLES).report);
  });

  test('json fixes, applied as given, remove every fixable finding and leave gofmt-clean Go', () => {
    const dir = path.join(tmp, 'fixme');
    fs.cpSync(SAMPLES, dir, { recursive: true });
    const { report } = json(['.'], dir);
    const byFile = new Map<string, JsonEdit[]>();
    const unfixable: string[] = [];
    for (const f of report.findings) {
      const fix = f.fixes.find((x) => x.preferred);
      if (!fix) unfixable.push(`${f.file}:${f.line}`);
      else byFile.set(f.file, [...(byFile.get(f.file) ?? []), ...fix.edits]);
    }
    // The store's writer goes through the returned pointer: a copy would drop its write, so no fix.
    assert.deepEqual(unfixable, ['store/store.go:23']);
    for (const [file, edits] of byFile) {
      const abs = path.join(dir, file);
      const zeroBased = edits.map((e) => ({
        range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } },
        newText: e.newText,
      }));
      const fixed = applyEdits(fs.readFileSync(abs, 'utf8'), zeroBased);
      fs.writeFileSync(abs, fixed);
      if (gofmt()) {
        const formatted = formatGo(fixed);
        assert.ok(formatted.ok && formatted.text === fixed, `${file} is not gofmt-clean after the fixes`);
      }
    }
    const again = cli(['.'], dir);
    assert.equal(again.code, 1);
    assert.deepEqual(again.stdout.trim().split('\n').map((l) => l.split(': ')[0]), ['store/store.go:23:9'], 'only the unfixable finding remains');
    if (hasGo()) assert.equal(spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8' }).status, 0, 'the fixed samples pass go vet');
  });

  test('columns count UTF-16 units, as LSP does', () => {
    // 😀 is two UTF-16 units (four UTF-8 bytes): the `go` starts after 8 units, column 9 (11 if bytes were counted).
    write('utf16/a.go', 'package a\n\nvar n int\n\nfunc F() {\n\t/*😀*/ go func() { n++ }()\n}\n');
    const { report } = json([path.join(tmp, 'utf16')]);
    assert.equal(report.findings.length, 1);
    assert.deepEqual([report.findings[0].line, report.findings[0].column], [6, 9]);
  });

  test('worker threads (--jobs 2) report exactly what one thread does', () => {
    const testdata = path.join(ROOT, 'rules', 'untracked-goroutine', 'testdata');
    const one = cli(['--format', 'json', '--jobs', '1', testdata]);
    const two = cli(['--format', 'json', '--jobs', '2', testdata]);
    assert.equal(one.code, 1);
    assert.ok(JSON.parse(one.stdout).findings.length > 10);
    assert.deepEqual([two.code, two.stdout], [one.code, one.stdout]);
    assert.match(cli(['--jobs', '0']).stderr, /--jobs must be a positive whole number/);
  });

  test('no findings: exit 0 and no output', () => {
    write('clean/a.go', 'package a\n\nfunc F() int { return 1 }\n');
    const r = cli([path.join(tmp, 'clean')]);
    assert.deepEqual([r.code, r.stdout], [0, '']);
  });

  test('binary and broken files are reported or skipped; the scan goes on', () => {
    write('mixed/bin.go', Buffer.from([0x70, 0x61, 0x63, 0x6b, 0x00, 0x01, 0x02]));
    write('mixed/broken.go', 'package mixed\n\nvar hits int\n\nfunc Broken( {\n\t@@ ##\n}\n\nfunc Good() {\n\tgo func() { hits++ }()\n}\n');
    write('mixed/latin1.go', Buffer.concat([Buffer.from('package mixed\n\n// caf'), Buffer.from([0xe9]), Buffer.from('\nfunc H() {}\n')]));
    const { code, report } = json([path.join(tmp, 'mixed')], tmp);
    assert.equal(code, 1);
    assert.deepEqual(report.skipped, [{ file: 'mixed/bin.go', reason: 'binary file (contains NUL bytes)' }]);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}`), ['mixed/broken.go:10']);
    const text = cli([path.join(tmp, 'mixed')], tmp);
    assert.match(text.stderr, /^mixed\/bin\.go: skipped: binary file/m);
  });

  test('testdata, vendor, dot and underscore directories are skipped unless named', () => {
    const hazard = 'package a\n\nvar n int\n\nfunc F() {\n\tgo func() { n++ }()\n}\n';
    for (const d of ['testdata', 'vendor', '.hidden', '_old']) write(`walk/${d}/a.go`, hazard);
    assert.equal(cli([path.join(tmp, 'walk')]).code, 0);
    assert.equal(cli([path.join(tmp, 'walk', 'testdata')]).code, 1);
  });

  test('usage errors exit 2 with a message naming the problem', () => {
    const flag = cli(['--frobnicate']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /unknown flag --frobnicate/);
    const format = cli(['--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of text, json, sarif, got "xml"/);
    const missing = cli([path.join(tmp, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: .*nope/);
    assert.equal(cli(['--help']).code, 0);
  });
});
