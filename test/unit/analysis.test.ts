import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { buildFileModel, FunctionModel } from '../../server/src/analysis/model';
import { createGoParser, parseGo } from '../../server/src/trees';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

/** The model of the function `name` in a one-file package built from `body`. */
function model(src: string, name: string): { fn: FunctionModel; text: string } {
  const text = `package p\n\n${src}\n`;
  const tree = parseGo(parser, text)!;
  const file = buildFileModel(tree, text, '/virtual/p.go');
  const decl = tree.rootNode.namedChildren.find((n) => n?.childForFieldName('name')?.text === name);
  assert.ok(decl, `no function ${name}`);
  return { fn: file.functionOf(decl.childForFieldName('body')!.namedChild(0) ?? decl.childForFieldName('body')!)!, text };
}

/** The source text between two offsets, trimmed: what a section covers. */
function covered(text: string, start: number, end: number): string {
  return text.slice(start, end).trim();
}

describe('critical sections', () => {
  test('explicit Lock/Unlock pair', () => {
    const { fn, text } = model('func f() {\n\tmu.Lock()\n\tx = 1\n\tmu.Unlock()\n\ty = 2\n}', 'f');
    assert.equal(fn.sections.length, 1);
    const s = fn.sections[0];
    assert.equal(s.mutex, 'mu');
    assert.equal(s.read, false);
    assert.equal(covered(text, s.start, s.end), 'x = 1');
    assert.equal(s.unlock?.op, 'Unlock');
  });

  test('deferred unlock lasts to the end of the function', () => {
    const { fn, text } = model('func (s *S) f() int {\n\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\treturn s.n\n}', 'f');
    const s = fn.sections[0];
    assert.equal(s.mutex, 's.mu');
    assert.equal(s.read, true);
    assert.equal(s.deferred, true);
    assert.ok(covered(text, s.start, s.end).includes('return s.n'));
    assert.equal(s.end, fn.node.endIndex);
  });

  test('embedded mutex called as s.Lock()', () => {
    const { fn } = model('func (s *S) f() {\n\ts.Lock()\n\ts.n++\n\ts.Unlock()\n}', 'f');
    assert.deepEqual(fn.locks.map((e) => `${e.op} ${e.mutex}`), ['Lock s', 'Unlock s']);
    assert.equal(fn.sections[0].mutex, 's');
  });

  test('an unlock on an early-return path does not end the section', () => {
    const src = 'func f() error {\n\tmu.Lock()\n\tif bad {\n\t\tmu.Unlock()\n\t\treturn err\n\t}\n\tx = 1\n\tmu.Unlock()\n\treturn nil\n}';
    const { fn, text } = model(src, 'f');
    assert.equal(fn.sections.length, 1);
    const body = covered(text, fn.sections[0].start, fn.sections[0].end);
    assert.ok(body.includes('x = 1'), body);
    assert.ok(body.endsWith('x = 1'), body);
  });

  test('an unlock in a branch that carries on ends the section there', () => {
    const src = 'func f() {\n\tmu.Lock()\n\tif ok {\n\t\tmu.Unlock()\n\t} else {\n\t\tmu.Unlock()\n\t}\n\tx = 1\n}';
    const { fn, text } = model(src, 'f');
    assert.equal(covered(text, fn.sections[0].start, fn.sections[0].end), '');
  });

  test('Lock without Unlock covers the rest of its block; unlocks inside func literals do not count', () => {
    const src = 'func f() {\n\tmu.Lock()\n\tcb := func() { mu.Unlock() }\n\tx = 1\n\t_ = cb\n}';
    const { fn, text } = model(src, 'f');
    const body = covered(text, fn.sections[0].start, fn.sections[0].end);
    assert.ok(body.includes('x = 1') && body.includes('_ = cb'), body);
  });

  test('Lock with arguments or a value use is not a lock event', () => {
    const { fn } = model('func f() {\n\tfile.Lock(path)\n\tok := mu.TryLock()\n\t_ = ok\n}', 'f');
    assert.deepEqual(fn.locks, []);
  });
});

describe('goroutine starts', () => {
  test('literal, call and method forms', () => {
    const src = 'func (s *S) f(x int) {\n\tgo func(n int) { _ = n }(x)\n\tgo work(x, 2)\n\tgo s.loop()\n}';
    const { fn } = model(src, 'f');
    assert.equal(fn.goStarts.length, 3);
    const [lit, call, method] = fn.goStarts;
    assert.ok(lit.literal);
    assert.equal(lit.callee, null);
    assert.deepEqual(lit.args.map((a) => a.text), ['x']);
    assert.equal(call.literal, null);
    assert.equal(call.callee?.text, 'work');
    assert.deepEqual(call.args.map((a) => a.text), ['x', '2']);
    assert.equal(method.callee?.text, 's.loop');
    assert.deepEqual(fn.receiver, { name: 's', type: 'S', pointer: true });
  });

  test('goroutines inside func literals belong to the enclosing declaration', () => {
    const { fn } = model('func f() {\n\thandle(func() {\n\t\tgo g()\n\t})\n}', 'f');
    assert.equal(fn.goStarts.length, 1);
  });
});

describe('join evidence', () => {
  test('WaitGroup Add/Done/Wait and Go; value uses are not statements', () => {
    const src = 'func f() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\t<-ctx.Done()\n\t}()\n\tg.Go(func() error { return nil })\n\twg.Wait()\n}';
    const { fn } = model(src, 'f');
    const ops = fn.joins.map((j) => `${j.op} ${j.target} ${j.asStatement ? 'stmt' : 'value'}`);
    assert.deepEqual(ops, ['Add wg stmt', 'Done wg stmt', 'Done ctx value', 'Go g stmt', 'Wait wg stmt']);
  });

  test('channel sends, closes, receives and ranges', () => {
    const src = 'func f() {\n\tgo func() {\n\t\terrc <- err\n\t\tclose(done)\n\t}()\n\tselect {\n\tcase <-done:\n\tcase v := <-s.results:\n\t\t_ = v\n\t}\n\tfor x := range jobs {\n\t\t_ = x\n\t}\n\t<-errc\n}';
    const { fn } = model(src, 'f');
    const ops = fn.channels.map((c) => `${c.op} ${c.channel}`).sort();
    assert.deepEqual(ops, ['close done', 'range jobs', 'receive done', 'receive errc', 'receive s.results', 'send errc']);
  });
});

describe('locals and writes', () => {
  test('declarations of every kind are locals; assignments and ++ are writes to the root identifier', () => {
    const src = 'func (s *S) f(a int, rest ...string) (out int) {\n\tb := 1\n\tvar c int\n\tfor i, v := range xs {\n\t\t_ = i + v\n\t}\n\tselect {\n\tcase m := <-ch:\n\t\t_ = m\n\t}\n\tswitch t := y.(type) {\n\tdefault:\n\t\t_ = t\n\t}\n\ts.n = 2\n\tc++\n\tb, out = 3, 4\n\tpkgVar.field[1] = 5\n}';
    const { fn } = model(src, 'f');
    for (const name of ['s', 'a', 'rest', 'out', 'b', 'c', 'i', 'v', 'm', 't']) assert.ok(fn.locals.has(name), `local ${name}`);
    assert.ok(!fn.locals.has('pkgVar'));
    assert.deepEqual(fn.writes.map((w) => w.name), ['_', 's', 'c', 'b', 'out', 'pkgVar'].filter((n) => n !== '_'));
  });
});
