// What outlives a keystroke (a declaration's cached facts and findings, interned texts) must hold
// strings of its own: a slice of a node's text keeps the whole text of that version alive, and
// a long editing session then kept every version of a big file (37 MB after 800 keystrokes in a
// 400 KB file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topLevelOf } from '../../server/src/analysis/descendants';
import { Engine } from '../../server/src/engine';
import { collectGarbage } from '../../server/src/memory';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { TreeCache } from '../../server/src/trees';
import { UnitCache } from '../../server/src/unitCache';
import { Edit } from 'web-tree-sitter';

function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

test('collectGarbage frees what nothing refers to any more (the server calls it when a workspace scan ends)', () => {
  const before = heapAfterGc();
  let garbage: string[][] | undefined = Array.from({ length: 200 }, (_, i) => Array.from({ length: 1_000 }, (_, j) => `${i}:${j}`.repeat(8)));
  const full = process.memoryUsage().heapUsed;
  assert.ok(full - before > 20e6 && garbage.length === 200, `the garbage took ${((full - before) / 1e6).toFixed(1)} MB`);
  garbage = undefined;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  assert.ok(after - before < (full - before) / 4, `after collecting, ${((after - before) / 1e6).toFixed(1)} MB of ${((full - before) / 1e6).toFixed(1)} MB are left`);
});

test('editing one declaration after another does not keep the old versions of the document alive', async () => {
  const engine = await Engine.create();
  const trees = new TreeCache(engine.parser);
  const cache = new UnitCache();
  // About 850 KB (a long comment); every function has a finding, and names long enough to be slices of the text.
  const fn = (i: number, suffix = '') => `func (s *ComponentRegistry) TouchEverything${i}() {\n\tgo func() {\n\t\tsharedCounterOfTouches${suffix}++\n\t}()\n}\n`;
  const head = `package p\n\n/*\n${'filler text of the retention test\n'.repeat(25_000)}*/\n\nvar sharedCounterOfTouches, sharedCounterOfTouchesx int\n\ntype ComponentRegistry struct{}\n\n`;
  const bodies = Array.from({ length: 40 }, (_, i) => fn(i));
  const file = '/nonexistent/retention/p.go';
  const versions = 30;
  let baseline = 0;
  for (let v = 0; v <= versions; v++) {
    // Each version edits another function: its facts and findings are made from this version's text.
    const before = `${head}${bodies.join('')}`;
    if (v > 0) bodies[v] = fn(v, 'x');
    const text = `${head}${bodies.join('')}`;
    let start = 0;
    while (start < text.length && before[start] === text[start]) start++;
    const row = text.slice(0, start).split('\n').length - 1;
    const column = start - text.lastIndexOf('\n', start - 1) - 1;
    const edit = v === 0 ? [] : [new Edit({ startIndex: start, oldEndIndex: start, newEndIndex: start + 1, startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row, column: column + 1 } })];
    const tree = trees.get('p.go', v, text, edit)!;
    const result = engine.analyze(file, text, tree, DEFAULT_SETTINGS, undefined, cache);
    assert.equal(result.findings.length, bodies.length, `version ${v}`);
    if (v === 0) baseline = heapAfterGc();
  }
  trees.delete('p.go');
  const grown = heapAfterGc() - baseline;
  // Each version's text is about 850 KB: thirty kept would be 25 MB.
  assert.ok(grown < 10e6, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over ${versions} versions`);
});

test('an analyzed version lets go of its node index: the tree lives until the next keystroke, its nodes need not', async () => {
  const engine = await Engine.create();
  const trees = new TreeCache(engine.parser);
  const text = `package p\n\nvar hits int\n\n${Array.from({ length: 50 }, (_, i) => `func f${i}() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n`).join('\n')}`;
  const tree = trees.get('index.go', 1, text, [])!;
  // The index the analysis builds and reads: one node object per top-level declaration.
  const tops = new WeakRef(topLevelOf(tree));
  const result = engine.analyze('/nonexistent/index/p.go', text, tree, DEFAULT_SETTINGS, undefined, new UnitCache());
  assert.equal(result.findings.length, 50);
  // A WeakRef's target is kept until the job that made it ends.
  await new Promise(setImmediate);
  collectGarbage();
  assert.equal(tops.deref(), undefined, 'the tree still holds the node index of a version whose findings are cached');
  // Asked again (the exact pass after a stale one), it is built again, from the same tree.
  assert.equal(topLevelOf(tree).length, 52);
  trees.delete('index.go');
});
