import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createGoParser, parseGo } from '../../server/src/trees';
import { summarizeFile } from '../../server/src/workspace/summary';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

function summary(src: string, name: string) {
  const text = `package p\n\n${src}\n`;
  const tree = parseGo(parser, text)!;
  const fn = summarizeFile(tree, text, '/virtual/p.go').funcs.find((f) => f.name === name);
  tree.delete();
  assert.ok(fn, `no function ${name}`);
  return fn;
}

describe('function summaries: calls and waits', () => {
  test('calls lists called names, by identifier or selected method', () => {
    const fn = summary('func (r *R) Stop() {\n\tr.cancel()\n\tr.srv.Shutdown(ctx)\n\tcleanup(r)\n}', 'Stop');
    assert.deepEqual([...fn.calls].sort(), ['Shutdown', 'cancel', 'cleanup']);
    assert.equal(fn.waits, false);
  });

  test('receives, sends, selects, Wait and Sleep wait', () => {
    for (const body of ['<-r.done', 'r.quit <- struct{}{}', 'select {\n\tcase <-r.done:\n\t}', 'r.wg.Wait()', 'time.Sleep(d)']) {
      assert.equal(summary(`func (r *R) Stop() {\n\t${body}\n}`, 'Stop').waits, true, body);
    }
  });

  test('what a started goroutine does is not waiting', () => {
    const fn = summary('func (r *R) Stop() {\n\tgo func() {\n\t\t<-r.done\n\t\tr.wg.Wait()\n\t}()\n\tr.on = false\n}', 'Stop');
    assert.equal(fn.waits, false);
    assert.deepEqual(fn.calls, []);
  });
});
