// The batch path (Engine.analyzeFiles: a directory parsed at once, descendants indexes kept or
// let go by the directory's size) must report what analyzing each file on its own reports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { parseGo } from '../../server/src/trees';
import type { Finding } from '../../server/src/types';
import { ROOT, writeUnder } from '../support/paths';
import { countingParses } from '../support/parses';

let engine: Engine;
let root: string;
before(async () => {
  engine = await Engine.create();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-batch-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A package of the rule's positives, plus `fillerKB` of plain methods in another file. */
function makePackage(dir: string, fillerKB: number): string[] {
  const testdata = path.join(ROOT, 'rules', 'untracked-goroutine', 'testdata', 'withhelper');
  const files = fs.readdirSync(testdata).filter((f) => f.endsWith('.go')).map((f) => writeUnder(root, path.join(dir, f), fs.readFileSync(path.join(testdata, f))));
  const pkg = /^package (\w+)/m.exec(fs.readFileSync(files[0], 'utf8'))![1];
  const filler = [`package ${pkg}`, ''];
  for (let i = 0; filler.join('\n').length < fillerKB * 1024; i++) filler.push(`func filler${i}(xs []int) int {`, '\tn := 0', '\tfor _, x := range xs {', '\t\tn += x', '\t}', '\treturn n', '}', '');
  files.push(writeUnder(root, path.join(dir, 'filler.go'), filler.join('\n')));
  return files;
}

function alone(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const tree = parseGo(engine.parser, text)!;
  try {
    return engine.analyze(file, text, tree, DEFAULT_SETTINGS).findings;
  } finally {
    tree.delete();
  }
}

describe('analyzeFiles', () => {
  for (const [name, fillerKB] of [['a small directory (indexes kept)', 4], ['a directory over 1 MB (indexes let go)', 1100]] as const) {
    test(`${name} reports what each file analyzed alone reports`, () => {
      const files = makePackage(name.replace(/\W+/g, '-'), fillerKB);
      const batch = new Map([...engine.analyzeFiles(files, DEFAULT_SETTINGS)].map((r) => [r.path, r.result]));
      assert.equal(batch.size, files.length);
      let findings = 0;
      for (const f of files) {
        assert.deepEqual(batch.get(f)?.errors, [], f);
        assert.deepEqual(batch.get(f)?.findings, alone(f), path.basename(f));
        findings += batch.get(f)!.findings.length;
      }
      assert.ok(findings > 3, `the positives are reported (${findings})`);
    });
  }
});

describe('analyzeFiles screens directories (mayReport)', () => {
  /** Runs the batch while counting the parser's parses, and the trees alive as each file's result comes. */
  function parsesOf(files: string[]): { parses: number; results: Map<string, Finding[]>; liveAt: Map<string, number> } {
    const results = new Map<string, Finding[]>();
    const liveAt = new Map<string, number>();
    const { parses } = countingParses(engine.parser, (live) => {
      for (const r of engine.analyzeFiles(files, DEFAULT_SETTINGS)) {
        results.set(r.path, r.result.findings);
        liveAt.set(r.path, live());
      }
    });
    return { parses, results, liveAt };
  }

  const plain = 'package q\n\n// Sum does not start a goroutine (go f() would); no mu.Lock() either.\nfunc Sum(xs []int) int {\n\tn := 0\n\tfor _, x := range xs {\n\t\tn += x\n\t}\n\treturn n\n}\n';

  test('a directory where no file can report anything is not parsed, and reports nothing', () => {
    const files = [writeUnder(root, 'screened/a.go', plain), writeUnder(root, 'screened/b.go', plain.replace('Sum', 'Total'))];
    const { parses, results } = parsesOf(files);
    assert.equal(parses, 0);
    assert.deepEqual([...results.values()], [[], []]);
  });

  test('one file that can report, and every file of its directory is parsed for its package index', () => {
    // The goroutine writes hits, a package variable that only the screened sibling declares.
    const racy = 'package q\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
    const files = [writeUnder(root, 'mixed/a.go', plain), writeUnder(root, 'mixed/b.go', racy), writeUnder(root, 'mixed/c.go', 'package q\n\nvar hits int\n')];
    const { parses, results } = parsesOf(files);
    assert.equal(parses, 3);
    assert.deepEqual(results.get(files[0]), []);
    assert.deepEqual(results.get(files[1]), alone(files[1]));
    assert.equal(results.get(files[1])?.length, 1, 'the goroutine that writes the sibling\'s variable is reported');
  });

  test('the trees of files that cannot report go once they are summarized, before the rules run', () => {
    const racy = 'package q\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
    const files = [writeUnder(root, 'order/a.go', racy), writeUnder(root, 'order/b.go', plain), writeUnder(root, 'order/c.go', 'package q\n\nvar hits int\n')];
    const { parses, results, liveAt } = parsesOf(files);
    assert.equal(parses, 3);
    assert.equal(results.get(files[0])?.length, 1);
    // Results still come in the directory's order; b.go's and c.go's trees were not kept for them.
    assert.deepEqual([...results.keys()], files);
    assert.equal(liveAt.get(files[0]), 0, 'trees of the files that cannot report were alive while the rules ran');
  });

  test('files of a package no reporting file is in (p_test beside p) are not parsed, and what is reported is the same', () => {
    const racy = 'package q\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
    const external = plain.replace('package q', '// Build tags and comments may come first.\n\npackage q_test');
    const files = [writeUnder(root, 'tests/a.go', racy), writeUnder(root, 'tests/a_test.go', external), writeUnder(root, 'tests/c.go', 'package q\n\nvar hits int\n')];
    const { parses, results } = parsesOf(files);
    assert.equal(parses, 2, 'a.go and c.go are parsed, a_test.go is not');
    assert.deepEqual(new Set(results.keys()), new Set(files));
    assert.deepEqual(results.get(files[1]), []);
    assert.equal(results.get(files[0])?.length, 1);
    assert.deepEqual(results.get(files[0]), alone(files[0]));
  });

  test('the reporting file is the external test: the package beside it is not parsed', () => {
    const racy = 'package q_test\n\nvar hits int\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
    const files = [writeUnder(root, 'xtest/a.go', plain), writeUnder(root, 'xtest/a_test.go', racy), writeUnder(root, 'xtest/b.go', plain.replace('Sum', 'Total'))];
    const { parses, results } = parsesOf(files);
    assert.equal(parses, 1);
    assert.deepEqual(results.get(files[1]), alone(files[1]));
    assert.equal(results.get(files[1])?.length, 1);
  });

  test("a directory's packages are checked one after the other: none of p's trees is alive while p_test is checked", () => {
    const racy = (pkg: string) => `package ${pkg}\n\nvar hits int\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n`;
    const files = [writeUnder(root, 'two/a.go', racy('q')), writeUnder(root, 'two/a_test.go', racy('q_test')), writeUnder(root, 'two/b.go', plain)];
    const { parses, results, liveAt } = parsesOf(files);
    assert.equal(parses, 3);
    assert.deepEqual(new Set(results.keys()), new Set(files));
    for (const f of files) assert.deepEqual(results.get(f), alone(f), path.basename(f));
    assert.equal(results.get(files[1])?.length, 1);
    // Checked together, a_test.go's tree was parsed before a.go was checked, and alive at its result.
    for (const f of files) assert.equal(liveAt.get(f), 0, `trees alive at ${path.basename(f)}'s result`);
  });

  test('in a directory checked whole (one text in doubt), files of a package no reporting file is in are still not parsed', () => {
    const racy = 'package q\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n';
    // Two clauses: this file's package is the tree's to say, so the directory is one batch.
    const doubtful = 'package q\n\nvar hits int\n\npackage q\n';
    const files = [writeUnder(root, 'whole/a.go', racy), writeUnder(root, 'whole/a_test.go', plain.replace('package q', 'package q_test')), writeUnder(root, 'whole/c.go', doubtful)];
    const { parses, results } = parsesOf(files);
    assert.equal(parses, 2, 'a.go and c.go are parsed, a_test.go is not');
    assert.deepEqual(results.get(files[1]), []);
    assert.deepEqual(results.get(files[0]), alone(files[0]));
  });

  test('a reporting file whose text leaves its package in doubt has every file of the directory parsed', () => {
    // Two package clauses: the tree, not the text, says which one counts.
    const racy = 'package q\n\nfunc Touch() {\n\tgo func() {\n\t\thits++\n\t}()\n}\n\npackage r\n';
    const files = [writeUnder(root, 'doubt/a.go', racy), writeUnder(root, 'doubt/b.go', plain.replace('package q', 'package r')), writeUnder(root, 'doubt/c.go', 'package q\n\nvar hits int\n')];
    assert.equal(parsesOf(files).parses, 3);
  });
});
