import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

// What the .vsix ships, checked through vsce itself so .vscodeignore is read exactly as packaging
// reads it. Needs a built dist/ (npm test builds it first).

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/unit → repo root
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

const REQUIRED = [
  'dist/server.js',
  'dist/client.js',
  'dist/cli.js',
  'dist/worker.js',
  'schemas/go-race-hazards.schema.json',
  'syntaxes/race-hazards-directives.tmLanguage.json',
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-go.wasm',
  'package.json',
  'README.md',
  'LICENSE',
];
const RULE_README = /^rules\/[^/]+\/README\.md$/;
const FORBIDDEN: [RegExp, string][] = [
  [/\.ts$/, 'TypeScript source'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/(^|\/)testdata\//, 'testdata'],
  [/^test\//, 'tests'],
  [/^out\//, 'tsc output'],
  [/^samples\//, 'samples'],
  [/^scripts\//, 'scripts'],
];
// Everything the extension may ship; a new kind of file must be added here and in .vscodeignore.
const ALLOWED = [/^(package\.json|README\.md|LICENSE)$/, /^dist\/[^/]+\.(js|wasm)$/, RULE_README, /^syntaxes\/[^/]+\.json$/, /^schemas\/[^/]+\.json$/];

function vsce(...args: string[]): string {
  return execFileSync(process.execPath, [VSCE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // never wait on a y/N prompt
    timeout: 120_000,
  });
}

/** The vsce arguments of `npm run package`, writing to `out` instead, so the two cannot drift. */
function packageArgs(out: string): string[] {
  const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.package;
  const match = /\bvsce (package\b[^&|;]*)/.exec(script);
  assert.ok(match, `no "vsce package" in the package script: ${script}`);
  const args = match[1].trim().split(/\s+/);
  const at = args.indexOf('--out');
  if (at >= 0) args.splice(at, 2);
  return [...args, '--out', out];
}

test('vsce ls: the package holds the bundles, wasm, docs and nothing else', () => {
  const files = vsce('ls', '--no-dependencies')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

  for (const file of REQUIRED) assert.ok(files.includes(file), `missing ${file} in:\n${files.join('\n')}`);
  assert.ok(files.some((f) => RULE_README.test(f)), 'no rules/<id>/README.md shipped');
  for (const file of files) {
    for (const [pattern, what] of FORBIDDEN) assert.ok(!pattern.test(file), `ships ${what}: ${file}`);
    assert.ok(ALLOWED.some((p) => p.test(file)), `unexpected file in the package: ${file}`);
  }
});

test('vsce package: writes a zip under 5 MB that contains the bundles', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grh-vsix-'));
  try {
    const out = path.join(dir, 'x.vsix');
    vsce(...packageArgs(out));
    assert.ok(fs.existsSync(out), 'no .vsix written');
    const bytes = fs.readFileSync(out);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'not a zip');
    assert.ok(bytes.length < 5 * 1024 * 1024, `.vsix is ${bytes.length} bytes`);
    // Zip entry names are stored uncompressed, so a text search finds them. vsce stores README.md
    // as readme.md and LICENSE as LICENSE.txt, hence lower case and a prefix match.
    const names = bytes.toString('latin1').toLowerCase();
    for (const file of REQUIRED) {
      assert.ok(names.includes(`extension/${file.toLowerCase()}`), `missing extension/${file} in the .vsix`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
