// Writes schemas/go-race-hazards.schema.json (the .go-race-hazards.json schema registered through
// contributes.jsonValidation) from the goRaceHazards.* settings in package.json, so the two
// cannot drift: test/unit/manifest.test.ts fails until this is run after a settings change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const EDITOR_ONLY = new Set(['debounceMs', 'trace.server']);

export function configSchema(pkg) {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Go Race Hazards team configuration (.go-race-hazards.json)',
    description: 'The same keys as the editor settings goRaceHazards.*; editor settings that are set explicitly win.',
    type: 'object',
    additionalProperties: false,
    properties: { $schema: { type: 'string' } },
  };
  for (const [key, value] of Object.entries(pkg.contributes.configuration.properties)) {
    const name = key.slice('goRaceHazards.'.length);
    if (EDITOR_ONLY.has(name)) continue;
    const { scope: _scope, ...rest } = value;
    schema.properties[name] = rest;
  }
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(root, 'schemas', 'go-race-hazards.schema.json'), configSchema(pkg));
}
