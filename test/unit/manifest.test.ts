// The manifest, the config-file schema and the engine's settings describe the same keys.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULE_IDS } from '../../server/src/engine';
import { DEFAULT_SETTINGS, normalizeSettings, SETTING_KEYS } from '../../server/src/settings';
import { ROOT } from '../support/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props: Record<string, { default?: unknown; properties?: Record<string, unknown> }> = pkg.contributes.configuration.properties;
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'go-race-hazards.schema.json'), 'utf8'));

test('every engine setting is an editor setting with the same default, and a schema key', () => {
  for (const key of SETTING_KEYS) {
    const setting = props[`goRaceHazards.${key}`];
    assert.ok(setting, `goRaceHazards.${key} is not in package.json`);
    assert.deepEqual(setting.default, DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS], `default of ${key}`);
    assert.ok(schema.properties[key], `${key} is not in the config schema`);
  }
  assert.deepEqual(Object.keys(schema.properties).filter((k) => k !== '$schema').sort(), [...SETTING_KEYS].sort());
  assert.equal(schema.additionalProperties, false, 'unknown keys are flagged in the editor too');
});

test('the config schema is generated from the settings (node scripts/schema.mjs)', async () => {
  const { configSchema } = (await import(path.join(ROOT, 'scripts', 'schema.mjs'))) as { configSchema: (p: unknown) => string };
  assert.equal(fs.readFileSync(path.join(ROOT, 'schemas', 'go-race-hazards.schema.json'), 'utf8'), configSchema(pkg), 'run node scripts/schema.mjs');
});

test('every rule has a severity setting, and the schema is registered for the config file', () => {
  assert.deepEqual(Object.keys(props['goRaceHazards.severity'].properties ?? {}).sort(), [...RULE_IDS].sort());
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.go-race-hazards.json', url: './schemas/go-race-hazards.schema.json' }]);
  // The defaults of the manifest pass the engine's own validation.
  const defaults = Object.fromEntries(SETTING_KEYS.map((k) => [k, props[`goRaceHazards.${k}`].default]));
  assert.deepEqual(normalizeSettings(defaults, DEFAULT_SETTINGS, true).problems, []);
});

test('the commands the client registers are contributed', () => {
  const client = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  const registered = [...client.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
});
