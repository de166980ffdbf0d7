import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DocumentStore } from '../../server/src/documents';
import { createGoParser, parseGo, TreeCache } from '../../server/src/trees';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

const SOURCE = `package p

import "sync"

var mu sync.Mutex

func f(x int) int {
	mu.Lock()
	defer mu.Unlock()
	go func() { println("héllo 😀", x) }()
	return x
}
`;

/** A tiny deterministic PRNG so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('DocumentStore + TreeCache', () => {
  test('a didChange with several changes applies them in order (multi-cursor)', () => {
    const store = new DocumentStore();
    store.open('file:///a.go', 'go', 1, 'abc\ndef\n');
    // The second range refers to the text after the first change: "Xabc" has 4 characters.
    store.change('file:///a.go', 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X' },
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: 'Y' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: 'g\nh' },
    ]);
    const doc = store.get('file:///a.go')!;
    assert.equal(doc.document.getText(), 'XabcY\ng\nh\n');
    assert.equal(doc.document.version, 2);
    const edits = store.takeEdits('file:///a.go');
    assert.equal(edits.length, 3);
    assert.deepEqual(edits[2].newEndPosition, { row: 2, column: 1 });
    assert.equal(store.takeEdits('file:///a.go').length, 0, 'edits are handed out once');
  });

  test('full-text changes are recorded as an edit over the whole document', () => {
    const store = new DocumentStore();
    store.open('file:///b.go', 'go', 1, 'one\ntwo');
    store.change('file:///b.go', 2, [{ text: 'three' }]);
    const [edit] = store.takeEdits('file:///b.go');
    assert.deepEqual([edit.startIndex, edit.oldEndIndex, edit.newEndIndex], [0, 7, 5]);
    assert.deepEqual(edit.oldEndPosition, { row: 1, column: 3 });
  });

  test('incremental reparse after random multi-change edits equals a fresh parse', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed);
      const store = new DocumentStore();
      const trees = new TreeCache(parser);
      const uri = `file:///r${seed}.go`;
      store.open(uri, 'go', 1, SOURCE);
      trees.get(uri, 1, SOURCE, store.takeEdits(uri));
      for (let version = 2; version < 12; version++) {
        const changes = [];
        let text = store.get(uri)!.document.getText();
        const count = 1 + Math.floor(rand() * 3);
        for (let i = 0; i < count; i++) {
          const a = Math.floor(rand() * (text.length + 1));
          const b = Math.min(text.length, a + Math.floor(rand() * 6));
          const insert = ['', 'x', '{', '}', '\n\t', 'go f()', '😀', 'mu.Unlock()\n'][Math.floor(rand() * 8)];
          changes.push({ range: { start: position(text, a), end: position(text, b) }, text: insert });
          text = text.slice(0, a) + insert + text.slice(b);
        }
        store.change(uri, version, changes);
        const doc = store.get(uri)!;
        assert.equal(doc.document.getText(), text, `seed ${seed}: document text`);
        const incremental = trees.get(uri, version, text, store.takeEdits(uri))!;
        const fresh = parseGo(parser, text)!;
        assert.equal(incremental.rootNode.toString(), fresh.rootNode.toString(), `seed ${seed} version ${version}`);
        fresh.delete();
      }
      trees.delete(uri);
      assert.equal(trees.size, 0);
    }
  });
});
