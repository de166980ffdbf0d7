// The CLI's --fix and --config, and the team configuration it shares with the editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { fixFile } from '../../server/src/fixfiles';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { formatGo, gofmt, ROOT } from '../support/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const HAZARD = 'package a\n\nvar n int\n\nfunc F() {\n\tgo func() { n++ }()\n}\n';

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-fix-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function cli(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--fix', () => {
  test('fixes every file of a package once: the helper is added to one file, the sibling reuses it', () => {
    write('pkg/a.go', HAZARD);
    write('pkg/b.go', 'package a\n\nvar m int\n\nfunc G() {\n\tgo func() { m++ }()\n}\n');
    const r = cli(['--fix', 'pkg']);
    assert.equal(r.code, 0, `findings remain:\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^pkg\/a\.go:6:2: fixed: Add a tracked goroutine helper \(goAsync\) and use it \(untracked-goroutine\)$/m);
    assert.match(r.stderr, /^pkg\/b\.go:6:2: fixed: Wrap in goAsync \(untracked-goroutine\)$/m);
    const a = fs.readFileSync(path.join(tmp, 'pkg/a.go'), 'utf8');
    const b = fs.readFileSync(path.join(tmp, 'pkg/b.go'), 'utf8');
    assert.equal((a + b).match(/^func goAsync/gm)?.length, 1, 'exactly one helper in the package');
    assert.match(b, /\tgoAsync\(func\(\) \{ m\+\+ \}\)\n/);
    if (gofmt()) for (const text of [a, b]) assert.deepEqual(formatGo(text), { ok: true, text });
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'pkg')).sort(), ['a.go', 'b.go'], 'no temp files left behind');
  });

  test('a file whose fixed text would not parse is left untouched and reported', async () => {
    const engine = await Engine.create();
    const file = write('refuse/a.go', HAZARD);
    // An engine whose only finding carries a fix that breaks the syntax: fixFile must refuse it.
    const broken = Object.create(engine) as Engine;
    broken.analyzeText = () => ({
      errors: [],
      findings: [{
        rule: 'untracked-goroutine', severity: 'warning', message: 'm', related: [],
        range: { start: { line: 5, character: 1 }, end: { line: 5, character: 3 } },
        fixes: [{ title: 'break it', preferred: true, edits: [{ range: { start: { line: 5, character: 1 }, end: { line: 5, character: 1 } }, newText: 'func ((( ' }] }],
      }],
    });
    const outcome = fixFile(broken, file, DEFAULT_SETTINGS);
    assert.match(outcome.refused ?? '', /would not parse/);
    assert.deepEqual(outcome.fixed, []);
    assert.equal(fs.readFileSync(file, 'utf8'), HAZARD, 'the file is unchanged');
  });
});

describe('configuration', () => {
  test('a .go-race-hazards.json above the files applies to the CLI', () => {
    write('cfg/.go-race-hazards.json', JSON.stringify({ severity: { 'untracked-goroutine': 'error' } }));
    write('cfg/p/a.go', HAZARD);
    const r = cli(['--format', 'json', 'cfg']);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].severity, 'error');
    write('off/.go-race-hazards.json', JSON.stringify({ severity: { 'untracked-goroutine': 'off' } }));
    write('off/p/a.go', HAZARD);
    assert.deepEqual([cli(['off']).code, cli(['off']).stdout], [0, '']);
  });

  test('--config FILE replaces the files found by walking up', () => {
    write('explicit/p/a.go', HAZARD);
    const config = write('team.json', JSON.stringify({ exclude: ['p/**'] }));
    assert.equal(cli(['explicit']).code, 1);
    assert.equal(cli(['--config', config, 'explicit']).code, 0);
  });

  test('an invalid configuration exits 2 naming the file and the key', () => {
    const bad = write('invalid/.go-race-hazards.json', JSON.stringify({ severity: { 'untracked-goroutine': 'loud' } }));
    write('invalid/a.go', HAZARD);
    const r = cli(['invalid']);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`${bad}: severity.untracked-goroutine: expected one of`), r.stderr);
    const missing = cli(['--config', path.join(tmp, 'nope.json'), 'invalid']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: cannot read/);
  });

  test('generated files are skipped, with the reason, unless skipGenerated is false', () => {
    write('gen/a.go', `// Code generated by hand-rolled tool. DO NOT EDIT.\n\n${HAZARD}`);
    const r = cli(['--format', 'json', 'gen']);
    assert.equal(r.code, 0);
    assert.match(JSON.parse(r.stdout).skipped[0].reason, /^generated file/);
    write('gen/.go-race-hazards.json', JSON.stringify({ skipGenerated: false }));
    assert.equal(cli(['gen']).code, 1);
  });
});
