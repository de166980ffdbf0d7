import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Node, Parser } from 'web-tree-sitter';
import { enclosingDeclaration, enclosingFunction } from '../../server/src/analysis/syntax';
import { createGoParser } from '../../server/src/trees';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

/** The answer of a plain walk up the parents: what enclosingFunction must agree with. */
function byParents(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (['function_declaration', 'method_declaration', 'func_literal'].includes(p.type)) return p;
  return null;
}

function agreesEverywhere(text: string): void {
  const tree = parser.parse(text)!;
  try {
    const cursor = tree.walk();
    let checked = 0;
    for (let more = true; more; ) {
      const node = cursor.currentNode;
      assert.equal(enclosingFunction(node)?.id ?? null, byParents(node)?.id ?? null, `${node.type} at ${node.startIndex} in ${JSON.stringify(text)}`);
      checked++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) { more = false; break; }
    }
    cursor.delete();
    assert.ok(checked > 10);
  } finally {
    tree.delete();
  }
}

// Found by fuzz seed 303 (e3fa157bf885): walking up from a node 33k levels down a generated
// expression chain asked tree-sitter for 33k parents, each a search down from the root: 2 minutes.
test('enclosingFunction, found from function spans, agrees with a walk up the parents on every node', () => {
  agreesEverywhere('package p\n\nfunc f() {\n\tgo func() {\n\t\tg(func() { h() })\n\t}()\n\tfunc() {}\n\tx := 1\n}\n\nvar v = func() int { return 1 }\n\nfunc (s *S) m() { s.f = func() {} }\n');
  agreesEverywhere('package p\n\nfunc f() {\n\tgo func() {\n\t\tmu.Lock(\n}\n\nfunc g() { go func() {}() }\n');
  agreesEverywhere('func() { go f() }\nfunc h(x int) {\n');
});

test('enclosingDeclaration is the top-level function or method around a node, itself included', () => {
  const tree = parser.parse('package p\n\nfunc f() {\n\tgo func() { g() }()\n}\n')!;
  const call = tree.rootNode.descendantsOfType('call_expression').find((c) => c?.text === 'g()')!;
  assert.equal(enclosingDeclaration(call)?.type, 'function_declaration');
  assert.equal(enclosingDeclaration(tree.rootNode.namedChildren[1]!)?.type, 'function_declaration');
  tree.delete();
});
