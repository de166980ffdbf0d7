import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Go files under the given paths, walked the way `go vet ./...` walks them: directories named
 * `testdata` or `vendor`, or starting with `.` or `_`, are left out unless named explicitly.
 * `dir/...` means `dir`. Paths that do not exist are returned in `missing`, not thrown.
 */
export function discoverGoFiles(args: readonly string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args.length > 0 ? args : ['.']) {
    const target = arg === '...' ? '.' : arg.replace(/[/\\]\.\.\.$/, '') || '.';
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      missing.push(arg);
      continue;
    }
    if (stat.isDirectory()) walk(target, files);
    else if (stat.isFile()) files.add(path.normalize(target));
    else missing.push(arg);
  }
  return { files: [...files].sort(), missing };
}

const SKIPPED_DIR = /^(?:[._].*|testdata|vendor)$/;

function walk(dir: string, out: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to analyze there
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIR.test(e.name)) walk(p, out);
    } else if (e.isFile() && e.name.endsWith('.go') && !e.name.startsWith('.') && !e.name.startsWith('_')) {
      out.add(path.normalize(p));
    }
  }
}
