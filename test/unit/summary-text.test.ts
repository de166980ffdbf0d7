// The package summary reads some facts from a body's text with regular expressions; on hostile text
// (a 1 MB string literal, a line of `a[a[a[`) each must cost the text once, not once per character.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createGoParser, parseGo } from '../../server/src/trees';
import { identifiersIn } from '../../server/src/workspace/funcSummary';
import { summarizeFile } from '../../server/src/workspace/summary';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

function summary(body: string) {
  const text = `package p\n\nfunc f() {\n${body}\n}\n`;
  const tree = parseGo(parser, text)!;
  const fn = summarizeFile(tree, text, '/virtual/p.go').funcs.find((f) => f.name === 'f');
  tree.delete();
  assert.ok(fn);
  return fn;
}

describe('summary text scans', () => {
  test('locks: the mutex expression of each Lock, RLock, TryLock and TryRLock call', () => {
    const fn = summary('\tmu.Lock()\n\ts.mu.RLock( )\n\tx.y[1].TryLock()\n\ts.mu.TryRLock()\n\tmu.Unlock()\n\tLock()');
    assert.deepEqual(fn.locks, ['mu', 's.mu', 'x.y[1]']);
  });

  test('resultWrites: field and element writes through a call\'s result, in every assignment shape, not comparisons', () => {
    assert.equal(summary('\tv := get()\n\tv.n = 1').resultWrites.length, 1);
    assert.equal(summary('\tv := get()\n\tv[k] += 1').resultWrites.length, 1);
    assert.equal(summary('\tv := get()\n\t_ = v.n == 1').resultWrites.length, 0);
    // A regular expression screened bodies before, and missed these (the standard library writes
    // `fd.data, err = os.OpenFile(...)` and `got[i], err = strconv.Unquote(...)`).
    assert.deepEqual(summary('\tv := get()\n\tv.n, err = load()').resultWrites.map((w) => [w.callee, w.text]), [['get', 'v.n']]);
    assert.deepEqual(summary('\tv := get()\n\tv[k[0]] = 1').resultWrites.map((w) => [w.callee, w.text]), [['get', 'v[k[0]]']]);
    assert.deepEqual(summary('\tv := get()\n\tn, v.n = 1,\n\t\t2').resultWrites.map((w) => w.text), ['v.n']);
  });

  test('identifiers: an unclosed comment runs to the end, an unclosed string or rune to the end of its line', () => {
    assert.deepEqual([...identifiersIn('a /* b */ c "d" `e` \'f\' g.h')], ['a', 'c', 'g']);
    assert.deepEqual([...identifiersIn('a "b\\" c\nd \'e\nf /* g\nh')], ['a', 'd', 'f']);
  });

  // Each of these took minutes before (backtracking over the rest of the text from each character).
  // No time is asserted: a hang fails by the runner's timeout. In a raw string, the body parses.
  test('a megabyte of hostile text is scanned, in a body and for identifiers', () => {
    const mb = 1 << 20;
    const hostile = ['a'.repeat(mb), 'a.'.repeat(mb / 2), 'a['.repeat(mb / 2), '/* '.repeat(mb / 3), '"\\'.repeat(mb / 2), "'\\".repeat(mb / 2)];
    for (const text of hostile) {
      assert.deepEqual(summary(`\ts := \`${text}\`\n\tmu.Lock()`).locks, ['mu']);
      identifiersIn(text);
    }
  });
});
