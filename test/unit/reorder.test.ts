import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { accessesOf, canSwap, overlaps } from '../../server/src/analysis/reorder';
import { blockStatements, Node } from '../../server/src/analysis/syntax';
import { createGoParser, parseGo } from '../../server/src/trees';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

/** The statements of `func f() { <body> }`. */
function statements(body: string): Node[] {
  const tree = parseGo(parser, `package p\n\nfunc f() {\n${body}\n}\n`)!;
  const fn = tree.rootNode.namedChildren.find((n) => n?.type === 'function_declaration')!;
  return blockStatements(fn.childForFieldName('body'));
}

function sorted(set: Set<string>): string[] {
  return [...set].sort();
}

describe('statement accesses', () => {
  test('paths stop at an index; a method call may write its receiver', () => {
    const [store, call] = statements('\ts.runners[id] = r\n\ts.srv.Shutdown(ctx)');
    const a = accessesOf(store);
    assert.deepEqual(sorted(a.reads), ['id', 'r', 's.runners']);
    assert.deepEqual(sorted(a.writes), ['s.runners']);
    const b = accessesOf(call);
    assert.deepEqual(sorted(b.reads), ['ctx', 's.srv']);
    assert.deepEqual(sorted(b.writes), ['s.srv']);
  });

  test('declarations, ++, &x, sends, receives and mutating builtins write', () => {
    const stmts = statements('\tr := start(id)\n\tn++\n\tload(&cfg)\n\tch <- v\n\t<-done\n\tdelete(m, k)\n\tclose(q)');
    assert.deepEqual(stmts.map((s) => sorted(accessesOf(s).writes)), [['r'], ['n'], ['cfg'], ['ch'], ['done'], ['m'], ['q']]);
  });

  test('imported package names are neither read nor written', () => {
    const [stmt] = statements('\tlog.Printf("%v", x)');
    const acc = accessesOf(stmt, new Set(['log']));
    assert.deepEqual(sorted(acc.reads), ['x']);
    assert.deepEqual(sorted(acc.writes), []);
  });

  test('early exits: return, goto, panic, and break or continue that leave the statement', () => {
    const cases: [string, boolean][] = [
      ['\tif err != nil {\n\t\treturn\n\t}', true],
      ['\tif bad {\n\t\tpanic("bad")\n\t}', true],
      ['\tgoto done\ndone:', true],
      ['\tif x {\n\t\tbreak\n\t}', true],
      ['\tfor {\n\t\tbreak\n\t}', false],
      ['\tfor _, v := range xs {\n\t\tif v {\n\t\t\tcontinue\n\t\t}\n\t}', false],
      ['\tswitch x {\n\tcase 1:\n\t\tbreak\n\t}', false],
      ['\tfor {\n\t\tcontinue outer\n\t}', true],
      ['\tcb := func() error { return nil }', false],
    ];
    for (const [src, exits] of cases) assert.equal(accessesOf(statements(src)[0]).exits, exits, src);
  });
});

describe('reordering', () => {
  test('paths overlap when one is a prefix of the other, by whole names', () => {
    assert.ok(overlaps('s', 's.runners'));
    assert.ok(overlaps('s.runners', 's.runners'));
    assert.ok(!overlaps('s.runners', 's.runner'));
    assert.ok(!overlaps('s.gen', 's.runners'));
  });

  test('independent statements may swap; dependent ones and exits may not', () => {
    const [build, start, capture, store, count, check] = statements(
      '\tr := startRunner(id)\n\tr.Start()\n\told := s.runners[id]\n\ts.runners[id] = r\n\ts.gen++\n\tif err != nil {\n\t\treturn\n\t}',
    );
    const acc = (n: Node) => accessesOf(n);
    assert.ok(canSwap(acc(capture), acc(count)), 'reads of s.runners and a write of s.gen');
    assert.ok(!canSwap(acc(build), acc(start)), 'start uses r, which build declares');
    assert.ok(!canSwap(acc(capture), acc(store)), 'the store writes what the capture reads');
    assert.ok(!canSwap(acc(build), acc(check)), 'nothing moves across a return');
    assert.ok(canSwap(acc(build), acc(count)));
  });
});
