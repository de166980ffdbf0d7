// The package name read from a file's text must be the one its tree gives, or no answer at all:
// a file of another package is not parsed on its word (Engine.analyzeFiles, PackageStore).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { codeText } from '../../server/src/codeText';
import { packageClauseName } from '../../server/src/workspace/packageClause';
import { summarizeFile } from '../../server/src/workspace/summary';
import { createGoParser, parseGo } from '../../server/src/trees';
import { goFilesUnder, ROOT } from '../support/paths';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

const clause = (text: string) => packageClauseName(codeText(text));

function treeSays(text: string): string {
  const tree = parseGo(parser, text)!;
  try {
    return summarizeFile(tree, text, `clause-${Math.random()}.go`).packageName;
  } finally {
    tree.delete();
  }
}

describe('packageClauseName', () => {
  const sure: [string, string][] = [
    ['package p\n', 'p'],
    ['//go:build linux\n\n// Package p does things; package is a word here.\npackage p_test\n\nfunc F() {}\n', 'p_test'],
    ['/* a block\n comment */ package p // import "example.com/p"\n', 'p'],
    ['package p;\nvar s = "package q"\n', 'p'],
    ['\r\npackage p\r\n\r\nfunc F() {}\r\n', 'p'],
    ['package _\n', '_'],
  ];
  for (const [text, name] of sure) {
    test(`reads ${JSON.stringify(text.slice(0, 40))} as ${name}, as the tree does`, () => {
      assert.equal(clause(text), name);
      assert.equal(treeSays(text), name);
    });
  }

  const doubtful = [
    'func F() {}\n',
    'var x int\npackage p\n',
    'package p\n\npackage q\n',
    'package p.q\n',
    'package π\n',
    'package\np\n',
    '\uFEFFpackage p\n',
  ];
  for (const text of doubtful) {
    test(`gives no answer for ${JSON.stringify(text)}`, () => {
      assert.equal(clause(text), undefined);
    });
  }

  test("agrees with the tree on every Go file of the rules' testdata and the test fixtures", () => {
    let answered = 0;
    for (const file of [...goFilesUnder(path.join(ROOT, 'rules')), ...goFilesUnder(path.join(ROOT, 'test'))]) {
      const text = fs.readFileSync(file, 'utf8');
      const name = clause(text);
      if (name === undefined) continue;
      answered++;
      assert.equal(name, treeSays(text), path.relative(ROOT, file));
    }
    assert.ok(answered > 50, `answered for ${answered} files`);
  });
});
