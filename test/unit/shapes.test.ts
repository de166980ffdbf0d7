// Objects of one class should share one hidden class in V8, whatever path each took through the
// engine: the side tables kept on trees and function models are added all at once, in one order
// (see SideTable), a node's remembered facts too (see trees.ts), and nothing else is kept on a
// node; summaries and facts are built in one literal. The order of an object's own keys is the
// order its hidden class added them in, which plain JS can read; where that is not enough (two
// objects with the same keys in different classes), V8's natives syntax in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { topLevelOf } from '../../server/src/analysis/descendants';
import { enclosingFunction } from '../../server/src/analysis/syntax';
import { analyzedOnce, textKeys } from '../../server/src/analysis/textKeys';
import { Engine } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { SideTable } from '../../server/src/sideTable';
import { parseGo } from '../../server/src/trees';
import { UnitCache } from '../../server/src/unitCache';
import { goFilesUnder, ROOT } from '../support/paths';
import type { Node } from 'web-tree-sitter';

const symbolsOf = (o: object) => Object.getOwnPropertySymbols(o).map((s) => s.description);

/** What `script` writes to stdout, as JSON, run where V8's natives syntax can see hidden classes. */
function natives(script: string): unknown {
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('the side tables of one kind are added together, in the order they were made, whichever is set first', () => {
  const first = new SideTable<object, number>('first', 'shapes-test');
  const second = new SideTable<object, number>('second', 'shapes-test');
  const other = new SideTable<object, number>('other', 'shapes-test-other');
  const a = {};
  const b = {};
  second.set(a, 2);
  first.set(b, 1);
  other.set(b, 3);
  assert.deepEqual(symbolsOf(a), ['first', 'second']);
  assert.deepEqual(symbolsOf(b), ['first', 'second', 'other']);
  assert.deepEqual([first.get(a), second.get(a), first.get(b), second.get(b)], [undefined, 2, 1, undefined]);
  const born = {};
  SideTable.prepare(born, 'shapes-test');
  assert.deepEqual(symbolsOf(born), ['first', 'second']);
});

test('trees are born with their side tables, and an editor tree and a scan tree end with the same ones, in the same order', async () => {
  const engine = await Engine.create();
  const text = 'package p\n\nvar hits int\n\ntype S struct{}\n\nfunc (s *S) Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
  const fresh = parseGo(engine.parser, text)!;
  const editor = parseGo(engine.parser, text)!;
  const scanned = parseGo(engine.parser, text)!;
  try {
    const born = symbolsOf(fresh);
    assert.ok(born.includes('descendants') && born.includes('textKeys') && born.includes('analyzedOnce'), `a fresh tree has ${JSON.stringify(born)}`);
    // The editor's path: keys first, then the analysis with a unit cache (which also lets go of the index).
    textKeys(editor);
    assert.equal(engine.analyze('/nonexistent/p.go', text, editor, DEFAULT_SETTINGS, undefined, new UnitCache()).findings.length, 1);
    // A scan's path: marked as analyzed once, then analyzed without a cache.
    analyzedOnce(scanned);
    assert.equal(engine.analyze('/nonexistent/p.go', text, scanned, DEFAULT_SETTINGS).findings.length, 1);
    assert.deepEqual(symbolsOf(editor), born);
    assert.deepEqual(symbolsOf(scanned), born);
  } finally {
    for (const t of [fresh, editor, scanned]) t.delete();
  }
});

test('nodes whose facts were first read in different orders keep them in the same order', async () => {
  const engine = await Engine.create();
  const tree = parseGo(engine.parser, 'package p\n\nfunc f() {\n\tg(1)\n\th(2)\n}\n')!;
  try {
    const [a, b] = tree.rootNode.descendantsOfType('call_expression') as Node[];
    assert.ok(a.text < b.text && a.endIndex < b.endIndex);
    void b.parent;
    void a.type;
    assert.deepEqual(Object.keys(a), Object.keys(b));
    assert.ok(Object.keys(a).some((k) => k.startsWith('remembered_')), `no remembered facts: ${Object.keys(a).join(', ')}`);
  } finally {
    tree.delete();
  }
});

test('what is worked out per top-level declaration is not kept on its node', async () => {
  const engine = await Engine.create();
  const text = 'package p\n\nfunc f() {\n\tgo func() {\n\t\tprintln(1)\n\t}()\n}\n';
  const tree = parseGo(engine.parser, text)!;
  try {
    const goStatement = tree.rootNode.descendantsOfType('go_statement')[0]!;
    // Asks for the spans of the functions in f's declaration, kept per top-level node.
    assert.equal(enclosingFunction(goStatement)?.type, 'function_declaration');
    const tops = topLevelOf(tree);
    assert.equal(tops.length, 2);
    for (const top of tops) assert.deepEqual(symbolsOf(top), [], `${top.type} has ${JSON.stringify(symbolsOf(top))}`);
    // Asked again, the spans are found where they were kept.
    assert.equal(enclosingFunction(goStatement)?.id, tops[1].id);
  } finally {
    tree.delete();
  }
});

test('function and file summaries, declarations\' facts and writes through results each share one hidden class, whether their facts were copied (editor) or not (scan), and after a keystroke', { timeout: 60_000 }, () => {
  // Hidden classes are visible only to V8's natives syntax: a child process of its own. The
  // rules' testdata, every other file read as a scan reads it.
  const out = path.join(__dirname, '..', '..');
  const files = goFilesUnder(path.join(ROOT, 'rules'));
  const script = `
    const fs = require('node:fs');
    const { createGoParser, parseGo } = require(${JSON.stringify(path.join(out, 'server/src/trees.js'))});
    const { analyzedOnce } = require(${JSON.stringify(path.join(out, 'server/src/analysis/textKeys.js'))});
    const { summarizeFile } = require(${JSON.stringify(path.join(out, 'server/src/workspace/summary.js'))});
    const { cachedFacts } = require(${JSON.stringify(path.join(out, 'server/src/workspace/declarationFacts.js'))});
    const { topLevelOf } = require(${JSON.stringify(path.join(out, 'server/src/analysis/descendants.js'))});
    const { textKeys } = require(${JSON.stringify(path.join(out, 'server/src/analysis/textKeys.js'))});
    const { writesThroughResults } = require(${JSON.stringify(path.join(out, 'server/src/analysis/returns.js'))});
    createGoParser().then((parser) => {
      const files = [];
      const facts = [];
      const writes = [];
      const funcs = ${JSON.stringify(files)}.flatMap((file, i) => {
        const text = fs.readFileSync(file, 'utf8');
        const tree = parseGo(parser, text);
        if (i % 2) analyzedOnce(tree);
        const summary = summarizeFile(tree, text, file);
        files.push(summary);
        const keys = textKeys(tree);
        topLevelOf(tree).forEach((top, k) => {
          const made = cachedFacts(top, keys[k], text);
          if (made) facts.push(made);
          if (top.type.endsWith('_declaration')) writes.push(...writesThroughResults(top));
        });
        // A keystroke in the last function's body: the summary is updated from the last one.
        const at = text.lastIndexOf('}');
        if (i % 2 === 0 && at > 0) files.push(summarizeFile(parseGo(parser, text.slice(0, at) + '_ = 0\\n' + text.slice(at)), text, file));
        return summary.funcs;
      });
      const count = (objects) => {
        const classes = [];
        for (const o of objects) if (!classes.some((c) => %HaveSameMap(c, o))) classes.push(o);
        return classes.length;
      };
      process.stdout.write(JSON.stringify({ funcs: funcs.length, classes: count(funcs), files: files.length, fileClasses: count(files), facts: facts.length, factClasses: count(facts), writes: writes.length, writeClasses: count(writes) }));
    });`;
  const { funcs, classes, files: summaries, fileClasses, facts, factClasses, writes, writeClasses } = natives(script) as Record<string, number>;
  assert.ok(funcs > 200 && summaries > files.length && facts > funcs && writes > 5, `only ${funcs} functions, ${summaries} file summaries, ${facts} declarations' facts, ${writes} writes through results`);
  assert.equal(factClasses, 1, `${facts} declarations' facts in ${factClasses} hidden classes`);
  assert.equal(writeClasses, 1, `${writes} writes through results in ${writeClasses} hidden classes`);
  assert.equal(classes, 1, `${funcs} function summaries in ${classes} hidden classes`);
  assert.equal(fileClasses, 1, `${summaries} file summaries in ${fileClasses} hidden classes`);
});

test('copies made by ownStrings of an object literal keep fast properties and share one hidden class, however many fields', () => {
  const script = `
    const { ownStrings } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'server/src/ownStrings.js'))});
    const make = (i) => ({ ${Array.from({ length: 21 }, (_, k) => `field${k}: ${k % 3 ? `'text of ' + i + ' and ${k}'` : `[${k}, 'item ' + i]`}`).join(', ')} });
    const copies = Array.from({ length: 20 }, (_, i) => ownStrings(make(i)));
    for (const c of copies) void c.field0;
    // The first copy may keep the class it was made with, before V8 settled the fields' kinds.
    const rest = copies.slice(1);
    process.stdout.write(JSON.stringify({ fast: copies.every((c) => %HasFastProperties(c)), same: rest.every((c) => %HaveSameMap(c, rest[0])), equal: JSON.stringify(copies[3]) === JSON.stringify(make(3)) }));`;
  assert.deepEqual(natives(script), { fast: true, same: true, equal: true });
});
