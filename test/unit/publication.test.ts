import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { argumentFor } from '../../server/src/analysis/goroutines';
import { buildFileModel, declarationOf, FunctionModel } from '../../server/src/analysis/model';
import { publicationsIn, storedValues } from '../../server/src/analysis/publication';
import type { Node } from '../../server/src/analysis/syntax';
import { createGoParser, parseGo } from '../../server/src/trees';
import { inFile, summarizeFile } from '../../server/src/workspace/summary';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

function parse(src: string) {
  const text = `package p\n\n${src}\n`;
  return { tree: parseGo(parser, text)!, text };
}

/** The model of the function `name` in a one-file package built from `src`. */
function model(src: string, name: string): FunctionModel {
  const { tree, text } = parse(src);
  const file = buildFileModel(tree, text, '/virtual/p.go');
  const decl = tree.rootNode.namedChildren.find((n) => n?.childForFieldName('name')?.text === name);
  assert.ok(decl, `no function ${name}`);
  return file.functionOf(decl.childForFieldName('body')!)!;
}

function published(src: string, name: string, vars: string[] = []): string[] {
  return publicationsIn(model(src, name), new Set(vars)).map((p) => `${p.kind} ${p.target.text} = ${p.value.text}`);
}

describe('publications', () => {
  test('stores into a pointer receiver field, a shared map, a package variable; sends; Store calls', () => {
    const src = [
      'func (c *C) f(m map[string]*S, out chan<- *S) {',
      '\ts := &S{}',
      '\tc.cur = s',
      '\tc.byID[s.id] = s',
      '\tm["k"] = s',
      '\tlatest = s',
      '\tout <- s',
      '\tc.ptr.Store(s)',
      '\tc.list = append(c.list, s)',
      '}',
    ].join('\n');
    assert.deepEqual(published(src, 'f', ['latest']), [
      'field c.cur = s',
      'index c.byID[s.id] = s',
      'index m["k"] = s',
      'package latest = s',
      'send out = s',
      'store c.ptr = s',
      'field c.list = append(c.list, s)',
    ]);
  });

  test('locals, value receivers, := and compound assignments publish nothing', () => {
    const src = [
      'func (c C) f() {',
      '\ts := &S{}',
      '\tc.cur = s',
      '\tlocal := map[string]*S{}',
      '\tlocal["k"] = s',
      '\tholder := &H{}',
      '\tholder.s = s',
      '\tlatest := s',
      '\tcount += 1',
      '\tq := make(chan *S, 1)',
      '\tq <- s',
      '\t_, _ = latest, count',
      '}',
    ].join('\n');
    assert.deepEqual(published(src, 'f', ['count']), []);
  });

  test('a local channel publishes once a goroutine started before the send was handed it', () => {
    const src = 'func f() {\n\tq := make(chan *S)\n\tgo consume(q)\n\tq <- &S{}\n}';
    assert.deepEqual(published(src, 'f'), ['send q = &S{}']);
  });

  test('a local shadowing a package variable is not the package variable', () => {
    const src = 'func f() {\n\tlatest := &S{}\n\tlatest = &S{}\n}';
    assert.deepEqual(published(src, 'f', ['latest']), []);
  });

  test('stored values look through &, parentheses and append', () => {
    const { tree } = parse('var _ = append(list, &a, (b), c...)');
    const call = tree.rootNode.descendantsOfType('call_expression')[0]!;
    assert.deepEqual(storedValues(call).map((n) => n.text), ['a', 'b']);
  });
});

describe('declarations', () => {
  function uses(fn: FunctionModel, name: string): Node[] {
    return fn.body!.descendantsOfType('identifier').filter((n): n is Node => n?.text === name);
  }

  test('a use resolves to the nearest declaration whose scope holds it', () => {
    const src = 'func f(s int) {\n\t_ = s\n\t{\n\t\ts := 2\n\t\t_ = s\n\t}\n\t_ = s\n\tfor s := range xs {\n\t\t_ = s\n\t}\n}';
    const fn = model(src, 'f');
    const rows = uses(fn, 's').map((u) => declarationOf(fn, u)?.startPosition.row);
    // the parameter (row 2), the block local (its declaration and use, row 5), the parameter
    // again, the range variable (its declaration and use, row 9)
    assert.deepEqual(rows, [2, 5, 5, 2, 9, 9]);
  });

  test('package-level and unknown names have no local declaration', () => {
    const fn = model('func f() {\n\t_ = latest\n}', 'f');
    assert.equal(declarationOf(fn, uses(fn, 'latest')[0]), undefined);
  });
});

describe('goroutine literal arguments', () => {
  test('a parameter maps to the argument the go statement passes', () => {
    const fn = model('func f() {\n\tgo func(a int, wg *sync.WaitGroup) {}(1, &group)\n}', 'f');
    const go = fn.goStarts[0];
    assert.equal(argumentFor(go, 'wg')?.text, '&group');
    assert.equal(argumentFor(go, 'a')?.text, '1');
    assert.equal(argumentFor(go, 'other'), undefined);
  });
});

describe('function summaries: waits and self-counting', () => {
  test('Wait statements are listed with their receiver, literals included', () => {
    const { tree, text } = parse('func (s *S) Close() {\n\tgo func() { s.wg.Wait() }()\n\tx := ctx.Wait()\n\t_ = x\n}');
    const fn = summarizeFile(tree, text, '/virtual/p.go').funcs[0];
    assert.deepEqual(fn.waitCalls.map((w) => `${w.target}@${inFile(fn, w.range).start.line}`), ['s.wg@3']);
  });

  test('Add and Done on a parameter or the receiver, in the body itself, count the goroutine itself', () => {
    const src = [
      'func worker(n int, wg *sync.WaitGroup) {\n\twg.Add(1)\n\tdefer wg.Done()\n}',
      'func (s *S) serve() {\n\ts.wg.Add(1)\n\tdefer s.wg.Done()\n}',
      'func spawner(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\twg.Add(1)\n\tgo child(wg)\n}',
      'func literal(wg *sync.WaitGroup) {\n\tf := func() { wg.Add(1) }\n\tf()\n\twg.Done()\n}',
      'func local() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\twg.Done()\n}',
      'func giveBack(wg *sync.WaitGroup) {\n\twg.Add(-1)\n\twg.Done()\n}',
      'func inflight(wg *sync.WaitGroup, reqs []func()) {\n\tfor _, r := range reqs {\n\t\twg.Add(1)\n\t\tr()\n\t\twg.Done()\n\t}\n}',
    ].join('\n\n');
    const { tree, text } = parse(src);
    const counts = summarizeFile(tree, text, '/virtual/p.go').funcs.map((f) => `${f.name}:${f.countsItself.map((c) => `${c.param}${c.path}`).join(',')}`);
    assert.deepEqual(counts, ['worker:1', 'serve:-1.wg', 'spawner:', 'literal:', 'local:', 'giveBack:', 'inflight:']);
  });
});
