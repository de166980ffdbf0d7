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
];

for (const { what, input } of GENERATED) test(`fuzz regression, generated (once broke ${what})`, () => replay(input));
