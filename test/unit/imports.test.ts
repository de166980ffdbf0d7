import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { importEdit } from '../../rules/untracked-goroutine/imports';
import { applyEdits } from '../../server/src/edits';
import { createGoParser, syntaxErrorCount } from '../../server/src/trees';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

function addSync(text: string): string | undefined {
  const tree = parser.parse(text)!;
  try {
    const edit = importEdit(tree.rootNode, text, 'sync');
    return edit && applyEdits(text, edit.edits);
  } finally {
    tree.delete();
  }
}

const BODY = '\n\nfunc f() {}\n';

test('importing sync into the usual import shapes gives gofmt-shaped Go', () => {
  assert.equal(addSync(`package p\n\nimport "fmt"${BODY}`), `package p\n\nimport (\n\t"fmt"\n\t"sync"\n)${BODY}`);
  assert.equal(addSync(`package p\n\nimport (\n\t"fmt"\n\t"time"\n)${BODY}`), `package p\n\nimport (\n\t"fmt"\n\t"sync"\n\t"time"\n)${BODY}`);
  assert.equal(addSync(`package p${BODY}`), `package p\n\nimport "sync"${BODY}`);
});

// Fuzz seed 303 (8f4d1df1a7b7): the spec's "indent" was `import(`, so a second `import(` was added.
test('a parenthesized import list on one line is rewritten as a block, not extended by a line', () => {
  for (const imports of ['import ("fmt")', 'import ("fmt"; "time")', 'import (\n\t"fmt")', 'import ("fmt"\n)']) {
    const text = `package p\n\n${imports}${BODY}`;
    const fixed = addSync(text);
    assert.ok(fixed, imports);
    assert.equal(syntaxErrorCount(parser, fixed), 0, fixed);
    assert.match(fixed, /import \(\n\t"fmt"\n\t"sync"\n/, fixed);
  }
  assert.equal(addSync(`package p\n\nimport ("fmt" /* why */)${BODY}`), undefined, 'a comment in a one-line list: no edit rather than a lost comment');
});
