import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from '../settings';

const matchers = new Map<string, (p: string) => boolean>();

function matcher(globs: readonly string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = globs.length > 0 ? picomatch([...globs], { dot: true }) : () => false));
  return m;
}

/**
 * Is `file` left out by the `exclude` globs? They match the path relative to `root` (the
 * workspace folder, or the directory the CLI was asked to scan), with `/` separators. A
 * directory is tested with a trailing `/`, so `**\/vendor/**` prunes the whole walk there.
 */
export function isExcluded(file: string, root: string, settings: Settings, isDir = false): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('..')) return false;
  return matcher(settings.exclude)(isDir ? `${rel}/` : rel);
}

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

/** Go's convention (go help generate): the marker line comes before the package clause. */
export function isGenerated(text: string): boolean {
  const head = text.slice(0, Math.max(0, text.search(/^package\s/m)));
  return GENERATED.test(head);
}
