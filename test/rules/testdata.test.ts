// The rules' testdata runner, after Go's analysistest: every `// want "re"` line must be reported
// with a matching message, every other line must stay silent, and `name.go.golden` must equal
// `name.go` with every preferred fix applied (parsing cleanly and gofmt-clean).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { applyEdits, preferredEdits } from '../../server/src/edits';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from '../../server/src/settings';
import { parseGo } from '../../server/src/trees';
import { formatGo, gofmt, ROOT } from '../support/paths';
import { parseWants } from '../support/want';

const RULES_DIR = path.join(ROOT, 'rules');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function goFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.go')).sort().map((f) => path.join(dir, f));
}

/** Each testdata directory is one Go package; `settings.json` beside the files overrides defaults. */
function packages(rule: string): string[] {
  const root = path.join(RULES_DIR, rule, 'testdata');
  if (!fs.existsSync(root)) return [];
  const dirs = [root, ...fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name))];
  return dirs.filter((d) => goFiles(d).length > 0);
}

function settingsFor(dir: string): Settings {
  const file = path.join(dir, 'settings.json');
  if (!fs.existsSync(file)) return DEFAULT_SETTINGS;
  const { settings, problems } = normalizeSettings(JSON.parse(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(problems, [], `${file} has problems`);
  return settings;
}

function errorCount(engine: Engine, text: string): number {
  const tree = parseGo(engine.parser, text)!;
  const n = tree.rootNode.descendantsOfType('ERROR').length + (tree.rootNode.hasError ? 1 : 0);
  tree.delete();
  return n;
}

const rules = fs.readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});
after(() => {
  if (!gofmt()) console.warn('\n*** gofmt not found: fix goldens were NOT checked for gofmt-cleanliness ***\n');
});

for (const rule of rules) {
  describe(`rule ${rule}`, () => {
    test('has a README and testdata', () => {
      assert.ok(fs.existsSync(path.join(RULES_DIR, rule, 'README.md')), 'README.md missing');
      assert.ok(packages(rule).length > 0, 'no testdata');
    });
    for (const dir of packages(rule)) {
      for (const file of goFiles(dir)) {
        const name = path.relative(path.join(RULES_DIR, rule, 'testdata'), file);
        test(name, () => {
          const text = fs.readFileSync(file, 'utf8');
          const settings = settingsFor(dir);
          const result = engine.analyzeText(file, text, settings);
          assert.deepEqual(result.errors, [], 'a rule threw');
          assert.equal(result.skipped, undefined);
          const findings = result.findings.filter((f) => f.rule === rule);
          const wants = parseWants(text);
          const unmatched = [...wants];
          const extra: string[] = [];
          for (const f of findings) {
            const i = unmatched.findIndex((w) => w.line === f.range.start.line && w.pattern.test(f.message));
            if (i >= 0) unmatched.splice(i, 1);
            else extra.push(`${name}:${f.range.start.line + 1}: unexpected finding: ${f.message}`);
          }
          const missing = unmatched.map((w) => `${name}:${w.line + 1}: no finding matching /${w.source}/`);
          assert.deepEqual([...missing, ...extra], [], 'findings differ from the // want comments');

          const goldenPath = `${file}.golden`;
          const { edits, deferred } = preferredEdits(findings);
          assert.deepEqual(deferred.map((f) => f.range.start.line + 1), [], 'preferred fixes overlap');
          if (edits.length === 0) {
            assert.ok(!fs.existsSync(goldenPath), 'golden exists but no preferred fix was offered');
            return;
          }
          const fixed = applyEdits(text, edits);
          if (UPDATE) fs.writeFileSync(goldenPath, fixed);
          assert.ok(fs.existsSync(goldenPath), `missing ${path.basename(goldenPath)} (UPDATE_GOLDEN=1 writes it; review it by hand)`);
          assert.equal(fixed, fs.readFileSync(goldenPath, 'utf8'), 'fixed text differs from the golden');
          assert.ok(errorCount(engine, fixed) <= errorCount(engine, text), 'the fix introduced syntax errors');
          if (gofmt() && errorCount(engine, text) === 0) {
            const formatted = formatGo(fixed);
            assert.ok(formatted.ok, `gofmt rejects the fixed text: ${formatted.ok ? '' : formatted.error}`);
            assert.equal(fixed, formatted.text, 'the fixed text is not gofmt-clean');
          }
        });
      }
    }
  });
}
