import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrashPolicy } from '../../client/src/crashPolicy';

test('a crash restarts the server and tells the user once', () => {
  let now = 0;
  const policy = new CrashPolicy(3, 180_000, () => now);
  const first = policy.onCrash();
  assert.equal(first.restart, true);
  assert.match(first.message ?? '', /stopped unexpectedly and was restarted/);
  now += 200_000; // outside the window: the earlier crash no longer counts
  assert.deepEqual(policy.onCrash(), { restart: true, message: undefined });
});

test('a crash loop stops after the allowed restarts, with a message naming what to do', () => {
  let now = 0;
  const policy = new CrashPolicy(3, 180_000, () => now);
  const decisions = [0, 1, 2, 3].map(() => {
    now += 1_000;
    return policy.onCrash();
  });
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, false]);
  assert.match(decisions[3].message ?? '', /crashed 4 times in 3 minutes and will not be restarted.*Restart Server/);
  policy.reset();
  assert.equal(policy.onCrash().restart, true, 'a manual restart starts counting afresh');
});
