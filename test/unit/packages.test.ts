import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { PackageStore } from '../../server/src/workspace/packages';
import { FileSummary, lineless, summarizeFile } from '../../server/src/workspace/summary';
import { parseGo } from '../../server/src/trees';
import { writeUnder } from '../support/paths';
import { countingParses } from '../support/parses';

let engine: Engine;
let root: string;
before(async () => {
  engine = await Engine.create();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-packages-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const empty = (file: string): FileSummary => ({ path: file, packageName: 'p', vars: [], topLevel: [], funcs: [], structs: [], varTypes: [], typeDefs: [], digest: '' });
const names = (file: string) => [...engine.packages.indexFor(file, empty(file)).topLevel].sort();

describe('PackageStore', () => {
  test('a sibling written, added or deleted on disk is seen once the editor reports it (forget)', () => {
    const a = writeUnder(root, 'pkg/a.go', 'package p\n\nfunc A() {}\n');
    const b = writeUnder(root, 'pkg/b.go', 'package p\n\nfunc B() {}\n');
    assert.deepEqual(names(a), ['B']);
    fs.writeFileSync(b, 'package p\n\nfunc B2() {}\n');
    const c = writeUnder(root, 'pkg/c.go', 'package p\n\nvar C int\n');
    engine.packages.forget(b);
    engine.packages.forget(c);
    assert.deepEqual(names(a), ['B2', 'C']);
    fs.rmSync(b);
    engine.packages.forget(b);
    assert.deepEqual(names(a), ['C']);
  });

  test("an open sibling's unsaved text wins over disk, and each new text is summarized again", () => {
    const a = writeUnder(root, 'open/a.go', 'package p\n\nfunc A() {}\n');
    const b = writeUnder(root, 'open/b.go', 'package p\n\nfunc OnDisk() {}\n');
    const withOverlay = (text: string | undefined) =>
      [...engine.packages.indexFor(a, empty(a), (p) => (p === b ? text : undefined)).topLevel].sort();
    assert.deepEqual(withOverlay('package p\n\nfunc Typed() {}\n'), ['Typed']);
    assert.deepEqual(withOverlay('package p\n\nfunc Typed() {}\n'), ['Typed']);
    assert.deepEqual(withOverlay('package p\n\nfunc Typed2() {}\n'), ['Typed2']);
    assert.deepEqual(withOverlay(undefined), ['OnDisk']);
    assert.deepEqual(withOverlay('package p\n\nfunc Typed() {}\n'), ['Typed']);
  });

  test('past its bound, the store lets go of the least recently indexed packages, and reads them again when asked', () => {
    const store = new PackageStore(engine.parser, 2);
    const pkg = (dir: string) => ['a', 'b', 'c'].map((n) => writeUnder(root, `lru/${dir}/${n}.go`, `package p\n\nfunc ${n.toUpperCase()}() {}\n`));
    const [one, two, three] = [pkg('one'), pkg('two'), pkg('three')];
    const sibling = (files: string[]) => store.indexFor(files[0], empty(files[0])).files[1];
    const first = sibling(one);
    assert.equal(sibling(one), first, 'cached while the store has room');
    sibling(two); // 4 summaries now, over the bound of 2: the next index lets go of the oldest package
    sibling(three);
    assert.notEqual(sibling(one), first, 'package one was let go and summarized again');
    const again = sibling(one);
    assert.equal(sibling(one), again, 'the package being indexed is never the one let go');
  });

  test('a sibling of another package (p_test beside p) is parsed only when an index of its own package asks', () => {
    const store = new PackageStore(engine.parser);
    const a = writeUnder(root, 'xtest/a.go', 'package p\n\nfunc A() {}\n');
    const t = writeUnder(root, 'xtest/a_test.go', '// Package p_test tests p.\npackage p_test\n\nfunc T() {}\n');
    writeUnder(root, 'xtest/b.go', 'package p\n\nfunc B() {}\n');
    const names = (file: string, pkg: string, overlay?: (p: string) => string | undefined) => [...store.indexFor(file, { ...empty(file), packageName: pkg }, overlay).topLevel].sort();
    const p = countingParses(engine.parser, () => [names(a, 'p'), names(a, 'p')]);
    assert.deepEqual(p.value, [['B'], ['B']]);
    assert.equal(p.parses, 1, 'b.go once, a_test.go never');
    const pt = countingParses(engine.parser, () => [names(t, 'p_test'), names(t, 'p_test')]);
    assert.deepEqual(pt.value, [[], []], "p's files are not in p_test's index");
    assert.equal(pt.parses, 0, "b.go's summary is cached; a.go is known to be of p");
    // An external test beside the one asking: its summary is made, and kept.
    const u = writeUnder(root, 'xtest/b_test.go', 'package p_test\n\nfunc U() {}\n');
    store.forget(u);
    const both = countingParses(engine.parser, () => [names(u, 'p_test'), names(u, 'p_test')]);
    assert.deepEqual(both.value, [['T'], ['T']]);
    assert.equal(both.parses, 1, 'a_test.go, once');
    // Typed in, an open sibling of another package is not parsed on each keystroke either.
    const typed = countingParses(engine.parser, () => ['func U2() {}', 'func U3() {}'].map((f) => names(a, 'p', (q) => (q === u ? `package p_test\n\n${f}\n` : undefined))));
    assert.deepEqual(typed.value, [['B'], ['B']]);
    assert.equal(typed.parses, 0);
  });

  test('a summary remembered under a relative path serves the index asked with an absolute one', () => {
    const a = writeUnder(root, 'rel/a.go', 'package p\n\nfunc A() {}\n');
    const b = writeUnder(root, 'rel/b.go', 'package p\n\nfunc B() {}\n');
    const remembered: FileSummary = { ...empty(b), topLevel: ['FromMemory'] };
    engine.packages.remember(path.relative(process.cwd(), b), fs.statSync(b), remembered);
    assert.ok(engine.packages.indexFor(a, empty(a)).files.includes(remembered), 'the remembered summary, not a new parse of b.go');
  });

  test('a keystroke that changes nothing the package sees gets the same index; one that does gets a new one', () => {
    const a = writeUnder(root, 'reuse/a.go', 'package p\n');
    writeUnder(root, 'reuse/b.go', 'package p\n\nvar n int\n\nfunc B() { go func() { n++ }() }\n');
    const indexOf = (text: string) => {
      const tree = parseGo(engine.parser, text)!;
      try {
        return engine.packages.indexFor(a, summarizeFile(tree, text, a));
      } finally {
        tree.delete();
      }
    };
    const first = indexOf('package p\n\nfunc A() {\n\tx := 1\n\t_ = x\n}\n');
    assert.ok(first.processScoped, 'a fact worked out once');
    assert.equal(indexOf('package p\n\nfunc A() {\n\tx := 12\n\t_ = x\n}\n'), first, 'a changed literal');
    assert.equal(indexOf('package p\n\nfunc A() {\n\ty := 1\n\t_ = y\n}\n'), first, 'a renamed local');
    const writes = indexOf('package p\n\nfunc A() {\n\tn = 1\n}\n');
    assert.notEqual(writes, first, 'A writes a package variable now');
    assert.deepEqual(writes.func('A')?.writes, ['n'], 'the new index has the new summary');
    assert.notEqual(indexOf('package p\n\n\nfunc A() {\n\tn = 1\n}\n'), writes, 'A moved a line down: its ranges moved');
    assert.notEqual(indexOf('package p\n\nfunc A() {\n\tn = 1\n}\n\nfunc C() {}\n'), writes, 'a new function');
  });

  test('a function moved by Enter above it is placed anew but keeps its line-less summary, and its fingerprint', () => {
    const summarize = (text: string) => {
      const tree = parseGo(engine.parser, text)!;
      try {
        return summarizeFile(tree, text, '/virtual/moved.go');
      } finally {
        tree.delete();
      }
    };
    const body = 'func A() {\n\tgo func() {}()\n}\n';
    const [before] = summarize(`package p\n\n${body}`).funcs;
    const [after] = summarize(`package p\n\n\n${body}`).funcs;
    assert.notEqual(after, before);
    assert.equal(after.line, before.line + 1);
    assert.equal(lineless(after), lineless(before));
    const [changed] = summarize(`package p\n\n${body.replace('go func() {}()', 'go func() { A() }()')}`).funcs;
    assert.notEqual(lineless(changed), lineless(before), 'another text is another summary');
  });
});
