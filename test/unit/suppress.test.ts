import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../server/src/edits';
import { Engine, RULE_IDS } from '../../server/src/engine';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';
import type { Finding } from '../../server/src/types';

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});

/** A file whose only hazard is the `go` statement on line 5 (0-based), preceded by `above`. */
function source(above: string, trailing = ''): string {
  return `package p\n\nvar n int\n\nfunc F() {\n${above}\tgo func() { n++ }()${trailing}\n}\n`;
}

function analyze(text: string, settings = DEFAULT_SETTINGS): Finding[] {
  const result = engine.analyzeText('/virtual/p.go', text, settings);
  assert.deepEqual(result.errors, []);
  return result.findings;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.rule}:${f.severity}${f.unnecessary ? ':unnecessary' : ''}`);

describe('suppression directives', () => {
  test('without a directive the hazard is reported', () => {
    assert.deepEqual(summary(analyze(source(''))), ['5:untracked-goroutine:warning']);
  });

  test('//race:ignore with a reason, on the line above or at the end of the line', () => {
    assert.deepEqual(analyze(source('\t//race:ignore untracked-goroutine the process owns it\n')), []);
    assert.deepEqual(analyze(source('', ' //race:ignore untracked-goroutine joined in Close')), []);
    assert.deepEqual(analyze(source(`\t//race:ignore ${RULE_IDS.at(-1)},untracked-goroutine both fine here\n`)), []);
  });

  test('a directive two lines up does not reach, and is itself reported as unused', () => {
    const found = analyze(source('\t//race:ignore untracked-goroutine reason\n\n'));
    assert.deepEqual(summary(found), ['5:suppression:hint:unnecessary', '7:untracked-goroutine:warning']);
    assert.match(found[0].message, /unused race:ignore directive: no untracked-goroutine finding/);
  });

  test('a race:ignore without a reason or with an unknown rule is reported and suppresses nothing', () => {
    const noReason = analyze(source('\t//race:ignore untracked-goroutine\n'));
    assert.deepEqual(summary(noReason), ['5:suppression:warning', '6:untracked-goroutine:warning']);
    assert.match(noReason[0].message, /needs a reason/);
    const unknown = analyze(source('\t//race:ignore untracked-goroutines typo\n'));
    assert.deepEqual(summary(unknown), ['5:suppression:warning', '6:untracked-goroutine:warning']);
    assert.match(unknown[0].message, /unknown rule: untracked-goroutines/);
    assert.match(analyze(source('\t//race:ignore\n'))[0].message, /needs a rule id and a reason/);
  });

  test("golangci-lint's //nolint:racehazards, with or without a reason, and a bare //nolint", () => {
    assert.deepEqual(analyze(source('\t//nolint:racehazards\n')), []);
    assert.deepEqual(analyze(source('', ' //nolint:errcheck,racehazards // started once per process')), []);
    assert.deepEqual(analyze(source('', ' //nolint')), []);
    // Another linter's directive is not ours: it neither suppresses nor counts as unused.
    assert.deepEqual(summary(analyze(source('\t//nolint:errcheck\n'))), ['6:untracked-goroutine:warning']);
    // A bare //nolint may be there for other linters: never reported as unused.
    assert.deepEqual(analyze('package p\n\nfunc F() {} //nolint\n'), []);
  });

  test('a prose mention or a directive inside a string is not a directive', () => {
    assert.deepEqual(summary(analyze(source('\t// see race:ignore in the README\n'))), ['6:untracked-goroutine:warning']);
    assert.deepEqual(summary(analyze(source('\t_ = "//race:ignore untracked-goroutine x"\n'))), ['6:untracked-goroutine:warning']);
  });

  test('a directive for a rule that is switched off is not reported as unused', () => {
    const off = normalizeSettings({ severity: { 'untracked-goroutine': 'off' } }).settings;
    assert.deepEqual(analyze(source('\t//race:ignore untracked-goroutine reason\n\n'), off), []);
  });

  test('in a CRLF file directives work the same, and their ranges stop before the line break', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assert.deepEqual(analyze(crlf(source('\t//race:ignore untracked-goroutine the process owns it\n'))), []);
    assert.deepEqual(analyze(crlf(source('', ' //race:ignore untracked-goroutine joined in Close'))), []);
    const noReason = analyze(crlf(source('\t//race:ignore untracked-goroutine\n')));
    assert.deepEqual(summary(noReason), ['5:suppression:warning', '6:untracked-goroutine:warning']);
    assert.deepEqual(noReason[0].range.end, { line: 5, character: '\t//race:ignore untracked-goroutine'.length });
  });

  test('every finding offers "Suppress <rule> on this line", and applying it silences it', () => {
    const text = source('');
    const [finding] = analyze(text);
    const fix = finding.fixes.find((f) => f.title === 'Suppress untracked-goroutine on this line');
    assert.ok(fix, finding.fixes.map((f) => f.title).join(', '));
    assert.equal(fix.preferred, false);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /\n\t\/\/race:ignore untracked-goroutine TODO: say why this is safe\n\tgo func/);
    assert.deepEqual(analyze(fixed), []);
  });
});
