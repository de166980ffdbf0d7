import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { Edit, type Parser } from 'web-tree-sitter';
import { topLevelOf } from '../../server/src/analysis/descendants';
import { analyzedOnce, textKeyOf, textKeys } from '../../server/src/analysis/textKeys';
import { Engine } from '../../server/src/engine';
import { MAX_NESTING } from '../../server/src/nesting';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { createGoParser, parseGo, TreeCache } from '../../server/src/trees';
import { summarizeFile } from '../../server/src/workspace/summary';
import { goFilesUnder, ROOT } from '../support/paths';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

const SOURCE = ['package p', '', 'func a() { x := 1; _ = x }', '', 'func b() { y := 2; _ = y }', '', 'func c() { z := 3; _ = z }', ''].join('\n');

/** The edit that replaces `from` (its first occurrence) by `to` in a one-line-per-declaration text. */
function replace(text: string, from: string, to: string): { text: string; edit: Edit } {
  const start = text.indexOf(from);
  const row = text.slice(0, start).split('\n').length - 1;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const edit = new Edit({
    startIndex: start, oldEndIndex: start + from.length, newEndIndex: start + to.length,
    startPosition: { row, column }, oldEndPosition: { row, column: column + from.length }, newEndPosition: { row, column: column + to.length },
  });
  return { text: text.slice(0, start) + to + text.slice(start + from.length), edit };
}

test('an incremental parse keeps the keys of unchanged declarations and gives the changed one a new key', () => {
  const cache = new TreeCache(parser);
  const first = textKeys(cache.get('u', 1, SOURCE, [])!);
  // Same length: only the text comparison, not the spans, can tell this declaration changed.
  const { text, edit } = replace(SOURCE, 'y := 2', 'y := 7');
  const tree = cache.get('u', 2, text, [edit])!;
  const second = textKeys(tree);
  assert.equal(second.length, 4);
  assert.equal(second[0], first[0], 'package clause');
  assert.equal(second[1], first[1], 'func a');
  assert.notEqual(second[2], first[2], 'func b changed');
  assert.equal(second[2].text, 'func b() { y := 7; _ = y }');
  assert.equal(second[3], first[3], 'func c');
  cache.delete('u');
});

test('declarations after an edit that adds one keep their keys, found from the end', () => {
  const cache = new TreeCache(parser);
  const first = textKeys(cache.get('u', 1, SOURCE, [])!);
  const { text, edit } = replace(SOURCE, 'func b()', 'func n() {}\n\nfunc b()');
  const second = textKeys(cache.get('u', 2, text, [edit])!);
  assert.deepEqual(second.map((k) => first.indexOf(k)), [0, 1, -1, 2, 3]);
  cache.delete('u');
});

test('the same text gets the same key in another tree, and textKeyOf agrees with textKeys', () => {
  const one = parseGo(parser, SOURCE)!;
  const two = parseGo(parser, `${SOURCE}\nfunc d() {}\n`)!;
  try {
    assert.deepEqual(textKeys(two).slice(0, 4), textKeys(one));
    const tops = topLevelOf(two);
    tops.forEach((top, i) => assert.equal(textKeyOf(top), textKeys(two)[i]));
    assert.notEqual(textKeys(two)[4], undefined);
    assert.equal(new Set(textKeys(two).map((k) => k.id)).size, 5, 'ids name distinct texts');
  } finally {
    one.delete();
    two.delete();
  }
});

test('a declaration nested too deep is skipped alike by an editor analysis and by a scan', async () => {
  const engine = await Engine.create();
  // With a go statement: a scan parses only directories with code a rule looks for (mayReport).
  const deep = `package p\n\nfunc f() {\n\tgo g()\n${'{'.repeat(MAX_NESTING + 10)}\n${'}'.repeat(MAX_NESTING + 10)}\n}\n`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-deep-'));
  try {
    const file = path.join(dir, 'deep.go');
    fs.writeFileSync(file, deep);
    const inEditor = engine.analyzeText(file, deep, DEFAULT_SETTINGS).skipped;
    const [scanned] = [...engine.analyzeFiles([file], DEFAULT_SETTINGS)];
    assert.match(inEditor ?? '', /^brackets nest 267 deep/);
    assert.equal(scanned.result.skipped, inEditor);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a tree analyzed once gets keys of its own, not interned, and the same file summary as any other tree', () => {
  const files = goFilesUnder(path.join(ROOT, 'rules')).filter((f) => f.split(path.sep).includes('testdata'));
  assert.ok(files.length > 20, `${files.length} testdata files`);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const kept = parseGo(parser, text)!;
    const scanned = parseGo(parser, text)!;
    analyzedOnce(scanned);
    try {
      const [a, b] = [textKeys(kept), textKeys(scanned)];
      assert.deepEqual(b.map((k) => k.text), a.map((k) => k.text), file);
      assert.ok(b.every((k, i) => k !== a[i] && k.once), `${file}: a scan's keys are its own`);
      const { path: _a, ...editor } = summarizeFile(kept, text, `${file}#editor`);
      const { path: _b, ...scan } = summarizeFile(scanned, text, `${file}#scan`);
      assert.deepEqual(scan, editor, file);
    } finally {
      kept.delete();
      scanned.delete();
    }
  }
});
