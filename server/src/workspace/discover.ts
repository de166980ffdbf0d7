import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../settings';
import { isExcluded } from './exclude';

/** The settings that apply under a directory (the team config can differ per directory). */
export type SettingsAt = (file: string) => Settings;

/**
 * Go files under the given paths, walked the way `go vet ./...` walks them: directories starting
 * with `.` or `_` are left out, and so is whatever the `exclude` globs match relative to the
 * path being walked (by default `vendor` and `testdata`), unless it is the path named itself.
 * `dir/...` means `dir`. Paths that do not exist are returned in `missing`, not thrown.
 */
export function discoverGoFiles(args: readonly string[], settingsAt: SettingsAt): { files: string[]; missing: string[] } {
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
    if (stat.isDirectory()) walk(target, target, settingsAt, files);
    else if (stat.isFile()) files.add(path.normalize(target));
    else missing.push(arg);
  }
  return { files: [...files].sort(), missing };
}

function walk(dir: string, root: string, settingsAt: SettingsAt, out: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to analyze there
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!isExcluded(p, root, settingsAt(path.join(p, 'x.go')), true)) walk(p, root, settingsAt, out);
    } else if (e.isFile() && e.name.endsWith('.go') && !isExcluded(p, root, settingsAt(p))) {
      out.add(path.normalize(p));
    }
  }
}

/** Files grouped by directory: the unit of work (a package and its index). */
export function byDirectory(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const dir = path.dirname(f);
    const g = groups.get(dir);
    if (g) g.push(f);
    else groups.set(dir, [f]);
  }
  return [...groups.values()];
}
