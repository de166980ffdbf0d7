// A short fuzz run on every `npm test`: ~15 s in CI (seed fixed), 5 s locally (seed random), FUZZ_SECONDS to change it.
// The seed is in the test's name; FUZZ_SEED replays it. Failures are minimized and saved under
// test/fuzz/regressions/, where regressions.test.ts keeps replaying them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSummary, fuzzArgs, runFuzz } from './runner';

// CI replays a fixed seed unless FUZZ_SEED says otherwise: a gate must not fail at random on an
// input no one has seen. Exploring new seeds is what `npm run fuzz` (random seeds) is for.
const CI_SEED = '20261123';
// No time budget in a test (see invariants.check); set before the fuzz workers start.
process.env.FUZZ_TIMING = 'off';
const env = process.env.CI === 'true' && !process.env.FUZZ_SEED ? { ...process.env, FUZZ_SEED: CI_SEED } : process.env;
const { seconds, seed, skip } = fuzzArgs([], env, process.env.CI === 'true' ? 15 : 5);

test(`fuzz the engine: seed ${seed}, ${seconds} s (FUZZ_SEED=${seed} replays it)`, { timeout: (seconds + 300) * 1000 }, async (t) => {
  console.log(`fuzz seed ${seed}`);
  const summary = await runFuzz({ seconds, seed, skip, minimizeSeconds: 20, sampleSize: 100, log: (l) => t.diagnostic(l) });
  for (const line of formatSummary(summary)) t.diagnostic(line);
  assert.ok(summary.execs > 0, 'no input was tried');
  assert.deepEqual(
    summary.failures.map((f) => `${f.invariant}: ${f.detail.split('\n')[0]} (saved as ${f.saved})`),
    [],
    `the fuzzer found failures with seed ${seed}`,
  );
});
