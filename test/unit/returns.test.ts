import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Node, Parser } from 'web-tree-sitter';
import { bindingsIn, handoutsOf, reachingBinding, writesThroughResults } from '../../server/src/analysis/returns';
import { createGoParser, parseGo } from '../../server/src/trees';
import { PackageIndex } from '../../server/src/workspace/index';
import { inFile, summarizeFile } from '../../server/src/workspace/summary';

let parser: Parser;
before(async () => {
  parser = await createGoParser();
});

function decl(src: string, name: string): Node {
  const tree = parseGo(parser, `package p\n\n${src}\n`)!;
  const d = tree.rootNode.namedChildren.find((n) => n?.childForFieldName('name')?.text === name);
  assert.ok(d, `no function ${name}`);
  return d;
}

/** Each handout as `via value <- origin` (with `[]` for an element of origin, `...` for a spread). */
function handouts(src: string, name: string): string[] {
  return handoutsOf(decl(src, name)).map(
    (h) => `${h.via} ${h.value.text}${h.spread ? '...' : ''} <- ${h.origin.text}${h.element ? '[]' : ''}`,
  );
}

describe('handouts', () => {
  test('a result as written, and one followed through a comma-ok binding', () => {
    const src = 'func (s *S) f(k string) (*T, bool) {\n\tif k == "" {\n\t\treturn s.m[""], true\n\t}\n\tv, ok := s.m[k]\n\treturn v, ok\n}';
    assert.deepEqual(handouts(src, 'f'), ['return s.m[""] <- s.m[""]', 'return true <- true', 'return v <- s.m[k]', 'return ok <- ok']);
  });

  test('a range value is an element of the range expression', () => {
    const src = 'func (s *S) f() *T {\n\tfor _, v := range s.m {\n\t\tif v.ok {\n\t\t\treturn v\n\t\t}\n\t}\n\treturn nil\n}';
    assert.deepEqual(handouts(src, 'f'), ['return v <- s.m[]', 'return nil <- nil']);
  });

  test('appends and stores into a returned local, and a spread', () => {
    const src = [
      'func (s *S) f() ([]*T, map[string]*T) {',
      '\tout := []*T{}',
      '\tby := map[string]*T{}',
      '\tfor k, v := range s.m {',
      '\t\tout = append(out, v)',
      '\t\tby[k] = v',
      '\t}',
      '\tout = append(out, s.list...)',
      '\tother := []*T{}',
      '\tother = append(other, s.first)',
      '\treturn out, by',
      '}',
    ].join('\n');
    assert.deepEqual(handouts(src, 'f'), [
      'return out <- append(out, s.list...)',
      'return by <- map[string]*T{}',
      'append v <- s.m[]',
      'store v <- s.m[]',
      'append s.list... <- s.list',
    ]);
  });

  test('a bare return hands out the named results', () => {
    const src = 'func (s *S) f(k string) (v *T) {\n\tv = s.m[k]\n\treturn\n}';
    const [h] = handoutsOf(decl(src, 'f'));
    assert.equal(h.statement.type, 'return_statement');
    assert.equal(h.origin.text, 's.m[k]');
  });

  test('returns inside a func literal belong to the literal', () => {
    const src = 'func (s *S) f() func() *T {\n\treturn func() *T { return s.p }\n}';
    assert.deepEqual(handouts(src, 'f'), ['return func() *T { return s.p } <- func() *T { return s.p }']);
  });

  test('a binding in an inner block does not reach a return outside it', () => {
    const src = 'func (s *S) f(v *T) *T {\n\tif true {\n\t\tv := s.p\n\t\t_ = v\n\t}\n\treturn v\n}';
    assert.deepEqual(handouts(src, 'f'), ['return v <- v']);
  });

  test('the last binding in the text wins', () => {
    const src = 'func f(s *S) *T {\n\tv := s.p\n\tc := *v\n\tv = &c\n\treturn v\n}';
    assert.deepEqual(handouts(src, 'f'), ['return v <- &c']);
  });
});

describe('bindings', () => {
  test('a range value is bound only inside its loop', () => {
    const d = decl('func f(m map[string]*T) {\n\tfor _, v := range m {\n\t\t_ = v\n\t}\n\tuse(v)\n}', 'f');
    const use = d.descendantsOfType('call_expression').find((c) => c?.text === 'use(v)')!;
    assert.equal(reachingBinding(bindingsIn(d), 'v', use), undefined);
  });

  test('v, err := f() binds v to the call', () => {
    const d = decl('func g() {\n\tv, err := load()\n\t_, _ = v, err\n}', 'g');
    const b = bindingsIn(d).find((x) => x.name.text === 'v');
    assert.equal(b?.value?.text, 'load()');
    assert.equal(bindingsIn(d).find((x) => x.name.text === 'err')?.value, undefined);
  });
});

describe('writes through results', () => {
  const writes = (src: string, name: string) => writesThroughResults(decl(src, name)).map((w) => `${w.method ? '.' : ''}${w.callee}: ${w.target.text}`);

  test('through a variable, a chained call, a range value, and a first result', () => {
    const src = [
      'func h(st *Store) {',
      '\ts := st.Get("a")',
      '\ts.State = "x"',
      '\tst.Get("b").N++',
      '\tfor _, x := range st.List() {',
      '\t\tx.Tags[0] = "t"',
      '\t}',
      '\tf, err := lookup(1)',
      '\tf.pos += 1',
      '\t_ = err',
      '}',
    ].join('\n');
    assert.deepEqual(writes(src, 'h'), ['.Get: s.State', '.Get: st.Get("b").N', '.List: x.Tags[0]', 'lookup: f.pos']);
  });

  test('rebinding the variable is not a write through it', () => {
    assert.deepEqual(writes('func h(st *Store) {\n\ts := st.Get("a")\n\ts = nil\n\t_ = s\n}', 'h'), []);
  });

  // Only statements that may bind the name are read for bindings: a whole word, not `s` in `st`,
  // `s.x` or `ss`; in broken code any mention counts.
  test('the binding that reaches a write is found among statements that mention the name otherwise', () => {
    const src = [
      'func h(st *Store) {',
      '	ss, st2 := st.Get("a"), st',
      '	s := st.Get("b")',
      '	s.x, ss.y = 1, 2',
      '	for s.i = 0; s.i < 3; s.i++ {',
      '	}',
      '	s.State = "x"',
      '	_ = st2',
      '}',
    ].join('\n');
    assert.deepEqual(writes(src, 'h'), ['.Get: s.x', '.Get: ss.y', '.Get: s.i', '.Get: s.i', '.Get: s.State']);
    assert.deepEqual(writes(src.replace('\ts := st.Get("b")', '\ts := st.Get("b")\n\ts, t = nil, 0'), 'h'), ['.Get: ss.y']);
    assert.deepEqual(writes(src.replace('\t_ = st2', '\t_ = st2 +'), 'h'), ['.Get: s.x', '.Get: ss.y', '.Get: s.i', '.Get: s.i', '.Get: s.State']);
  });
});

describe('package index additions', () => {
  const src = [
    'package p',
    'import "sync"',
    'type byID map[string]*T',
    'type T struct{ N int }',
    'var (',
    '\tmu sync.Mutex',
    '\tall = map[string]*T{}',
    '\tcur = &T{}',
    '\tlist = make([]*T, 0)',
    '\tone = new(T)',
    '\tn = compute()',
    ')',
    'func (t *T) Inc() { mu.Lock(); t.N++; mu.Unlock() }',
    'func use(s *Store) { x := s.Get(); x.N = 1 }',
  ].join('\n');

  test('variable types, named types, locks and writes through results', () => {
    const tree = parseGo(parser, src)!;
    const summary = summarizeFile(tree, src, '/virtual/p.go');
    const index = new PackageIndex([summary]);
    assert.equal(index.varType('mu'), 'sync.Mutex');
    assert.equal(index.varType('all'), 'map[string]*T');
    assert.equal(index.varType('cur'), '*T');
    assert.equal(index.varType('list'), '[]*T');
    assert.equal(index.varType('one'), '*T');
    assert.equal(index.varType('n'), undefined);
    assert.equal(index.typeDef('byID'), 'map[string]*T');
    assert.equal(index.typeDef('T'), undefined, 'structs are in struct(), not typeDef()');
    assert.deepEqual(index.methodsOf('T').map((m) => [m.name, m.locks]), [['Inc', ['mu']]]);
    const use = index.func('use')!;
    assert.deepEqual(use.resultWrites.map((w) => [w.callee, w.method, w.text, inFile(use, w.range).start.line]), [['Get', true, 'x.N', 13]]);
  });
});
