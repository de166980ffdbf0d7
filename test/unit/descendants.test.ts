import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { descendants, forgetDescendants } from '../../server/src/analysis/descendants';
import { createGoParser, parseGo } from '../../server/src/trees';
import { ROOT } from '../support/paths';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

const RULES = path.join(ROOT, 'rules');

/** Every rule's testdata: real-looking Go with goroutines, locks, fixes, comments and broken code. */
function testdata(): string[] {
  return fs
    .readdirSync(RULES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.split(path.sep).includes('testdata') && f.endsWith('.go'))
    .map((f) => path.join(RULES, f));
}

const QUERIES: string[][] = [
  ['call_expression'],
  ['identifier'],
  ['comment'],
  // One group, several types: the answer interleaves them in document order.
  ['go_statement', 'call_expression', 'func_literal'],
  // Across groups: an identifier inside a selector comes after the selector that holds it.
  ['selector_expression', 'identifier'],
  ['index_expression', 'selector_expression', 'identifier', 'comment'],
  // The summaries' group and the rules' group of statements and blocks.
  ['return_statement', 'call_expression', 'block', 'func_literal', 'break_statement'],
  // Not indexed: answered by a walk of its own.
  ['if_statement', 'identifier'],
];

/** The nodes below which the engine asks: declarations, blocks, statements, and a few leaves. */
function askedAt(tree: Tree): Node[] {
  return [tree.rootNode, ...tree.rootNode.descendantsOfType(['function_declaration', 'method_declaration', 'block', 'go_statement', 'expression_statement', 'identifier', 'comment'])]
    .filter((n): n is Node => !!n)
    .filter((_, i) => i % 3 === 0);
}

const ids = (nodes: readonly (Node | null)[]) => nodes.map((n) => `${n!.type}@${n!.startIndex}-${n!.endIndex}#${n!.id}`);

describe('descendants', () => {
  test('answers as node.descendantsOfType does, in the same order, for every rule testdata file', () => {
    const files = testdata();
    assert.ok(files.length > 20, `testdata found: ${files.length}`);
    let compared = 0;
    for (const file of files) {
      const tree = parseGo(parser, fs.readFileSync(file, 'utf8'))!;
      try {
        for (const node of askedAt(tree)) {
          for (const types of QUERIES) {
            assert.deepEqual(ids(descendants(node, types)), ids(node.descendantsOfType(types)), `${path.basename(file)}: ${types} below ${node.type} at ${node.startIndex}`);
            compared++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 1000, `compared ${compared}`);
  });

  test('a tree whose index was let go answers the same again', () => {
    const src = 'package p\n\n// doc\nfunc f(s *S) {\n\tgo func() { s.mu.Lock() /* held */ }()\n\tx := s.m[k].v\n\t_ = x\n}\n';
    const tree = parseGo(parser, src)!;
    const types = ['go_statement', 'selector_expression', 'identifier', 'comment'];
    const first = ids(descendants(tree.rootNode, types));
    forgetDescendants(tree);
    assert.deepEqual(ids(descendants(tree.rootNode, types)), first);
    assert.deepEqual(first, ids(tree.rootNode.descendantsOfType(types)));
    tree.delete();
  });
});
