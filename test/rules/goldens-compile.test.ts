// A fix must compile, not only parse. A rule whose testdata/ holds a go.mod opts in: its
// packages, as written and with every golden in place of its file, must pass `go vet`.
// Directories starting with `_` (half-typed code) are left out, as the go command does.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../support/paths';

const RULES_DIR = path.join(ROOT, 'rules');
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };

function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A copy of `testdata` with each `x.go.golden` written over `x.go` when `goldens` is set. */
function copyOf(testdata: string, goldens: boolean): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goldens-'));
  fs.cpSync(testdata, tmp, { recursive: true, filter: (src) => !src.endsWith('.golden') });
  if (goldens) {
    for (const entry of fs.readdirSync(testdata, { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.go.golden')) fs.copyFileSync(path.join(testdata, entry), path.join(tmp, entry.slice(0, -'.golden'.length)));
    }
  }
  return tmp;
}

function vet(dir: string): { ok: boolean; output: string } {
  const r = spawnSync('go', ['vet', './...'], { cwd: dir, env: GO_ENV, encoding: 'utf8', timeout: 300_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const goAvailable = hasGo();
const opted = fs.readdirSync(RULES_DIR).filter((r) => fs.existsSync(path.join(RULES_DIR, r, 'testdata', 'go.mod')));

for (const rule of opted) {
  describe(`rule ${rule}: testdata compiles`, { skip: goAvailable ? false : 'Go toolchain not on PATH' }, () => {
    const testdata = path.join(RULES_DIR, rule, 'testdata');
    for (const goldens of [false, true]) {
      test(goldens ? 'with every fix applied (the goldens), go vet passes' : 'as written, go vet passes', () => {
        const dir = copyOf(testdata, goldens);
        try {
          const r = vet(dir);
          assert.ok(r.ok, `go vet fails:\n${r.output}`);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
