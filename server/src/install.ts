import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the extension (or the npm package) is installed: the nearest directory above this code
 * that holds our package.json. The same from the bundle in dist/ and from tsc output in out/.
 */
function findRoot(): { dir: string; version: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'go-race-hazards') return { dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // no package.json here: keep climbing
    }
    if (path.dirname(dir) === dir) return { dir: path.join(__dirname, '..'), version: '0.0.0' };
  }
}

let root: { dir: string; version: string } | undefined;

export function installRoot(): string {
  return (root ??= findRoot()).dir;
}

export function toolVersion(): string {
  return (root ??= findRoot()).version;
}

/** Where a rule's documentation lives inside the installed extension (or the repository). */
export function ruleDocPath(rule: string): string {
  return path.join(installRoot(), 'rules', rule, 'README.md');
}
