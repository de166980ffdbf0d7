// Replays every input the fuzzer saved through the same invariants: a fixed failure stays fixed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { check, FuzzInput } from './invariants';
import { parseRegression, savedRegressions } from './regressions';

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});

function replay(input: FuzzInput): void {
  const { violation } = check(engine, input, { timing: false });
  assert.equal(violation, undefined, violation && `${violation.invariant}: ${violation.detail}`);
}

for (const file of savedRegressions()) {
  const { input, invariant } = parseRegression(file);
  test(`fuzz regression ${path.basename(file)} (once broke ${invariant})`, () => replay(input));
}

/** Failures whose inputs are hundreds of KB of one repeated statement: rebuilt here, not stored. */
const GENERATED: { what: string; input: FuzzInput }[] = [
  {
    what: 'rule-error: a block of 200,000 statements overflowed the call stack in blockStatements (push(...list); found while reducing seed 4, iteration 64)',
    input: { name: 'x.go', settings: {}, text: `package p\n\nfunc f() {\n\tgo g()\n${'x; '.repeat(200_000)}\n}\n` },
  },
  ...deepChains(40_000),
];

/** Chains that nest one syntax level per link without brackets, so the nesting limit lets them in. */
function deepChains(n: number): { what: string; input: FuzzInput }[] {
  const file = (body: string): FuzzInput => ({ name: 'x.go', settings: {}, text: `package p\n\nimport "sync"\n\nvar wg sync.WaitGroup\n\nfunc (s *S) F() {\n${body}\n}\n` });
  return [
    {
      what: 'rule-error: typeOf (waitgroup-add-after-publish) recursed once per field of an Add receiver 40k fields deep',
      input: file(`\tgo func() { defer s${'.b'.repeat(n)}.Done() }()\n\ts${'.b'.repeat(n)}.Add(1)`),
    },
    {
      what: 'rule-error: plainArguments recursed once per operator of wg.Add(1 + a + a ...)',
      input: file(`\tgo func() { defer wg.Done() }()\n\twg.Add(1${' + a'.repeat(n)})`),
    },
    {
      what: 'rule-error: leavesEarly recursed once per operator of a statement between the go and the Add',
      input: file(`\tgo func() { defer wg.Done() }()\n\tx = 1${' + a'.repeat(n)}\n\twg.Add(1)`),
    },
    {
      what: 'rule-error: typeOf (guarded-pointer-escape) recursed once per link of a pointer returned under the lock, 40k fields or indexes deep',
      input: file(`\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\tif x {\n\t\treturn &s${'.items'.repeat(n)}\n\t}\n\treturn s.items${'[k]'.repeat(n)}`),
    },
    {
      what: 'budget: walks up the parents from 40k levels down a call chain (slotsOf, flowsTo in stop-before-swap) cost a search from the root per step, 30-40 s',
      input: file(`\ts.mu.Lock()\n\ts.cancel${'()'.repeat(n)}\n\ts${'.f()'.repeat(n)}.Stop()\n\ts.cancel = c\n\ts.mu.Unlock()`),
    },
    {
      what: 'budget: accessesOf walked up from each identifier through its selector chain, and the goroutine semaphore check up from each of 40k nested receives',
      input: file(`\ts.mu.Lock()\n\ts${'.b'.repeat(n)}.Stop()\n\ts${'.b'.repeat(n)} = New()\n\ts.mu.Unlock()\n\tgo func() { ${'<-'.repeat(n)}s.done }()`),
    },
  ];
}

for (const { what, input } of GENERATED) test(`fuzz regression, generated (once broke ${what})`, () => replay(input));
