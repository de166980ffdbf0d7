// The per-declaration cache must never change what is reported: over random edits of real
// testdata, the cached analysis equals a fresh one at every step.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { topLevelOf } from '../../server/src/analysis/descendants';
import { textKeys } from '../../server/src/analysis/textKeys';
import { Engine } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { Edit } from 'web-tree-sitter';
import { parseGo, TreeCache } from '../../server/src/trees';
import { UnitCache } from '../../server/src/unitCache';
import { type FileSummary, summarizeFile } from '../../server/src/workspace/summary';
import { ROOT } from '../support/paths';

let engine: Engine;
/** Analyzes from scratch: its package index is built anew at every step (the other engine's is reused when it answers alike). */
let scratch: Engine;
before(async () => {
  engine = await Engine.create();
  scratch = await Engine.create();
});

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** The point (row, UTF-16 column) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  const row = before.split('\n').length - 1;
  return { row, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** The one edit that turns `old` into `text`: the span between their common start and end. */
function editBetween(old: string, text: string): Edit {
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  return new Edit({
    startIndex: start, oldEndIndex: old.length - end, newEndIndex: text.length - end,
    startPosition: pointAt(old, start), oldEndPosition: pointAt(old, old.length - end), newEndPosition: pointAt(text, text.length - end),
  });
}

const EDITS: ((lines: string[], at: number) => void)[] = [
  (l, at) => l.splice(at, 0, ''), // a blank line moves everything below
  (l, at) => l.splice(at, 1), // a deleted line, possibly breaking a declaration
  (l, at) => (l[at] = `${l[at] ?? ''}x`), // typing at the end of a line
  (l, at) => l.splice(at, 0, '\tgo func() { hits++ }()'), // a new hazard, maybe outside any function
  (l, at) => l.splice(at, 0, 'var hits int'), // a new package variable changes the index
];

// One positives file of every rule: a rule that walks the whole tree instead of file.units()
// reports cached declarations twice, and this test catches it.
const sources = fs.readdirSync(path.join(ROOT, 'rules'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const testdata = path.join(ROOT, 'rules', d.name, 'testdata');
    const files = fs.existsSync(testdata) ? fs.readdirSync(testdata, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.go')) : [];
    const wants = (f: string) => fs.readFileSync(path.join(testdata, f), 'utf8').split('// want').length;
    return files.sort((a, b) => wants(b) - wants(a)).slice(0, 2).map((f) => path.join('rules', d.name, 'testdata', f));
  });

for (const rel of sources) {
  test(`cached analysis equals a fresh one over 60 random edits: ${rel}`, () => {
    const file = path.join(ROOT, rel);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const cache = new UnitCache();
    // The editor's path: each version parsed incrementally from the one before (and its
    // declarations' keys carried over), checked against a parse from scratch.
    const trees = new TreeCache(engine.parser);
    let previous = lines.join('\n');
    trees.get(rel, 0, previous, []);
    const random = rng(rel.length);
    // Count the declarations served from the cache, so the test also fails if nothing ever is.
    let reused = 0;
    let stalePasses = 0;
    // Summaries updated from the last one (sharing its package-level lists), not assembled again.
    let updatedSummaries = 0;
    let lastSummary: FileSummary | undefined;
    const plan = cache.plan.bind(cache);
    cache.plan = (...args) => {
      const out = plan(...args);
      const units = args[0];
      reused += units.length - out.todo.length;
      return out;
    };
    for (let step = 0; step < 60; step++) {
      EDITS[Math.floor(random() * EDITS.length)](lines, Math.floor(random() * lines.length));
      const text = lines.join('\n');
      const tree = parseGo(scratch.parser, text)!;
      const edited = trees.get(rel, step + 1, text, [editBetween(previous, text)])!;
      previous = text;
      // The keys carried from the version before name the texts they stand for.
      assert.deepEqual(textKeys(edited).map((k) => k.text), topLevelOf(edited).map((t) => t.text), `step ${step}: the carried keys`);
      try {
        scratch.packages.forget(file);
        const fresh = scratch.analyze(file, text, tree, DEFAULT_SETTINGS);
        // The editor's fast pass may reuse findings across an index change, and says so...
        const fast = engine.analyze(file, text, edited, DEFAULT_SETTINGS, undefined, cache, true);
        if (!fast.stale) assert.deepEqual(fast, fresh, `step ${step}: a fast pass that is not stale is exact`);
        else stalePasses++;
        // ...and the exact pass that follows is never poisoned by it.
        const cached = engine.analyze(file, text, edited, DEFAULT_SETTINGS, undefined, cache);
        assert.deepEqual(cached, fresh, `step ${step}`);
        // The file summary the editor keeps up to date equals one put together from scratch (a path never seen).
        const kept = summarizeFile(edited, text, file);
        assert.deepEqual(kept, { ...summarizeFile(tree, text, `${file}#${step}`), path: file }, `step ${step}: the summary`);
        if (kept.vars === lastSummary?.vars) updatedSummaries++;
        lastSummary = kept;
      } finally {
        tree.delete();
      }
    }
    trees.delete(rel);
    assert.ok(reused > 100, `only ${reused} declarations were served from the cache`);
    assert.ok(stalePasses > 0, 'some edits changed the package index, so some fast passes were stale');
    assert.ok(updatedSummaries > 5, `only ${updatedSummaries} summaries were updated from the last one`);
  });
}
