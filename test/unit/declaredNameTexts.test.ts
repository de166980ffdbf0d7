// The text fast path of declared names must say what the tree says, or leave the question to it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DECLARATION_TYPES, declaredNames } from '../../server/src/analysis/syntax';
import { createGoParser, parseGo } from '../../server/src/trees';
import { declaredNameTexts } from '../../server/src/workspace/declaredNameTexts';
import { goFilesUnder, ROOT } from '../support/paths';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

/** Each declaration-like node of `text`: the tree's names and the fast path's. */
function compare(text: string): { node: string; tree: string[]; fast: string[] }[] {
  const tree = parseGo(parser, text)!;
  try {
    return tree.rootNode.descendantsOfType(DECLARATION_TYPES).map((n) => ({
      node: `${n!.type} ${JSON.stringify(n!.text.slice(0, 60))}`,
      tree: declaredNames(n!).map((x) => x.text),
      fast: declaredNameTexts(n!),
    }));
  } finally {
    tree.delete();
  }
}

// Shapes where a reading of the text alone would go wrong: iota and true are not identifiers,
// `pkg . T` and `List [T]` are types, a comment or a line break hides the layout.
const TRICKY = `package p

func f(a, b int, c pkg . T, List [T], d []int, e *T, g <-chan int, h ...int, ...string) (n int, err error) {
	iota := 1
	true, x := 2, 3
	y, z = 4, 5
	p, q := 6, 7
	for k, v := range m {}
	for k = range m {}
	for range m {}
	select {
	case r, ok := <-ch:
	case s = <-ch:
	}
	var u, w int = 1, 2
	var t = 3
	var arr [4]int
	aé := 1
	l /* c */ := 2
	m,
		o := 3, 4
	switch sw := v.(type) {}
	const C, D = 1, 2
	var fn func(int, string) bool
	fn2 := func(i int, chan int) {}
}
`;

describe('declaredNameTexts', () => {
  test('agrees with declaredNames on shapes a text reading could get wrong', () => {
    const rows = compare(TRICKY);
    assert.ok(rows.length > 20, `declarations found: ${rows.length}`);
    for (const r of rows) assert.deepEqual(r.fast, r.tree, r.node);
  });

  test('agrees with declaredNames on every declaration of every rule testdata file', () => {
    const rules = path.join(ROOT, 'rules');
    const files = goFilesUnder(rules).filter((f) => f.split(path.sep).includes('testdata'));
    assert.ok(files.length > 20, `testdata found: ${files.length}`);
    let count = 0;
    for (const f of files) {
      for (const r of compare(fs.readFileSync(f, 'utf8'))) {
        assert.deepEqual(r.fast, r.tree, `${path.relative(rules, f)}: ${r.node}`);
        count++;
      }
    }
    assert.ok(count > 500, `declarations compared: ${count}`);
  });
});
