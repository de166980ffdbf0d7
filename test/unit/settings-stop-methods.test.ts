import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';

describe('settings: stopMethods', () => {
  test('defaults to Stop, Close, Shutdown and Cancel', () => {
    assert.deepEqual(DEFAULT_SETTINGS.stopMethods, ['Stop', 'Close', 'Shutdown', 'Cancel']);
    const { settings, problems } = normalizeSettings({});
    assert.deepEqual(settings.stopMethods, ['Stop', 'Close', 'Shutdown', 'Cancel']);
    assert.deepEqual(problems, []);
  });

  test('a list of Go method names replaces the default, as a copy', () => {
    const raw = { stopMethods: ['Halt', 'Drain_2'] };
    const { settings, problems } = normalizeSettings(raw);
    assert.deepEqual(settings.stopMethods, ['Halt', 'Drain_2']);
    assert.deepEqual(problems, []);
    raw.stopMethods.push('Later');
    assert.deepEqual(settings.stopMethods, ['Halt', 'Drain_2']);
  });

  test('anything else falls back to the default and is reported', () => {
    for (const bad of ['Stop', ['Stop', 3], ['x.Stop'], ['Stop()'], [''], null]) {
      const { settings, problems } = normalizeSettings({ stopMethods: bad });
      assert.deepEqual(settings.stopMethods, DEFAULT_SETTINGS.stopMethods, JSON.stringify(bad));
      assert.deepEqual(problems, ['stopMethods: expected an array of Go method names'], JSON.stringify(bad));
    }
  });
});
