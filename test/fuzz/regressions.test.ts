// Replays every input the fuzzer saved through the same invariants: a fixed failure stays fixed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { Engine } from '../../server/src/engine';
import { check } from './invariants';
import { parseRegression, savedRegressions } from './regressions';

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});

for (const file of savedRegressions()) {
  const { input, invariant } = parseRegression(file);
  test(`fuzz regression ${path.basename(file)} (once broke ${invariant})`, () => {
    const { violation } = check(engine, input);
    assert.equal(violation, undefined, violation && `${violation.invariant}: ${violation.detail}`);
  });
}
