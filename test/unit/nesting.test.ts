import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { MAX_NESTING, nestingDepth } from '../../server/src/nesting';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

test('nesting depth counts brackets, not those in strings, runes or comments', () => {
  assert.equal(nestingDepth('package p\nfunc f() { if x { g(a[1]) } }\n'), 4);
  assert.equal(nestingDepth('package p\nvar s = "{{{{" + `((((` + string(\'[\') // {{{{\n/* (((( */\n'), 1);
  assert.equal(nestingDepth('}}}} {'), 1, 'stray closers do not go below zero');
});

test('a file nested deeper than any real Go is skipped with a message, not analyzed for minutes', async () => {
  const engine = await Engine.create();
  const deep = `package p\n\nfunc f() {\n${'{'.repeat(MAX_NESTING + 10)}\n\tgo func() {}()\n${'}'.repeat(MAX_NESTING + 10)}\n}\n`;
  const result = engine.analyzeText('/virtual/deep.go', deep, DEFAULT_SETTINGS);
  assert.match(result.skipped ?? '', /^brackets nest 268 deep, over 256/);
  const ok = `package p\n\nvar n int\n\nfunc f() {\n${'{'.repeat(50)}\n\tgo func() { n++ }()\n${'}'.repeat(50)}\n}\n`;
  assert.equal(engine.analyzeText('/virtual/ok.go', ok, DEFAULT_SETTINGS).findings.filter((f) => f.rule === 'untracked-goroutine').length, 1);
});
