// Race ground truth: for each test/race/<rule>/, `before/` must fail `go test -race` (a data race
// or a failing test), `after/` must pass, the rule must flag `before` and stay silent on `after`,
// and `before` with every preferred fix applied must pass `go vet` and `go test -race`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { applyEdits, preferredEdits } from '../../server/src/edits';
import { Engine } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { hasGo, ROOT } from '../support/paths';

const RACE_DIR = path.join(ROOT, 'test', 'race');
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };

function goFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.go')).map((f) => path.join(dir, f));
}

function go(dir: string, ...args: string[]): { ok: boolean; output: string } {
  const r = spawnSync('go', args, { cwd: dir, env: GO_ENV, encoding: 'utf8', timeout: 300_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const cases = fs.readdirSync(RACE_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const goAvailable = hasGo();
if (!goAvailable) console.warn('\n*** SKIPPING race ground truth: the Go toolchain is not on PATH ***\n');

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});

for (const rule of cases) {
  describe(`race ground truth: ${rule}`, { skip: goAvailable ? false : 'Go toolchain not on PATH' }, () => {
    const beforeDir = path.join(RACE_DIR, rule, 'before');
    const afterDir = path.join(RACE_DIR, rule, 'after');

    const findings = (dir: string) =>
      [...engine.analyzeFiles(goFiles(dir), DEFAULT_SETTINGS)].flatMap(({ path: p, result }) =>
        result.findings.filter((f) => f.rule === rule).map((f) => ({ path: p, finding: f })),
      );

    test('the rule flags before/ and is silent on after/', () => {
      assert.ok(findings(beforeDir).length > 0, 'no finding on before/');
      assert.deepEqual(findings(afterDir).map((f) => `${path.basename(f.path)}:${f.finding.range.start.line + 1}`), []);
    });

    test('before/ races and after/ does not (go test -race -count=5)', () => {
      const bad = go(beforeDir, 'test', '-race', '-count=5', './...');
      // The race detector's report, or a test that caught the hazard's effect (a lookup that
      // saw no component during a swap is a failed assertion, not a data race).
      const caught = bad.output.includes('WARNING: DATA RACE') || /^--- FAIL: /m.test(bad.output);
      assert.ok(!bad.ok && caught, `before/ should fail with a data race or a failing test:\n${bad.output}`);
      const good = go(afterDir, 'test', '-race', '-count=5', './...');
      assert.ok(good.ok, `after/ should pass:\n${good.output}`);
    });

    test('before/ with every preferred fix applied passes go vet and go test -race', () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `race-${rule}-`));
      try {
        fs.cpSync(beforeDir, tmp, { recursive: true });
        let applied = 0;
        for (const { path: p, result } of engine.analyzeFiles(goFiles(tmp), DEFAULT_SETTINGS)) {
          const { edits } = preferredEdits(result.findings.filter((f) => f.rule === rule));
          if (edits.length === 0) continue;
          fs.writeFileSync(p, applyEdits(fs.readFileSync(p, 'utf8'), edits));
          applied += edits.length;
        }
        assert.ok(applied > 0, 'no preferred fix was offered');
        const vet = go(tmp, 'vet', './...');
        assert.ok(vet.ok, `go vet fails on the fixed code:\n${vet.output}`);
        const race = go(tmp, 'test', '-race', '-count=5', './...');
        assert.ok(race.ok, `the fixed code still fails go test -race:\n${race.output}`);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}
