import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { forgetDescendants } from '../analysis/descendants';
import { parseGo } from '../trees';
import { hash } from '../hash';
import { PackageIndex } from './index';
import { FileSummary, summarizeFile } from './summary';

interface Cached {
  key: string;
  summary: FileSummary | undefined;
}

/** Files bigger than this are not read for the index (generated tables, vendored blobs). */
const MAX_INDEXED_BYTES = 1_000_000;

/**
 * Builds the package index of a file from the other .go files in its directory. Summaries of
 * files on disk are cached by size and mtime; open documents' text (the overlay) wins over disk.
 */
export class PackageStore {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly parser: Parser) {}

  indexFor(filePath: string, current: FileSummary, overlay?: (p: string) => string | undefined): PackageIndex {
    const dir = path.dirname(filePath);
    const summaries: FileSummary[] = [current];
    for (const sibling of this.siblings(dir)) {
      if (path.resolve(sibling) === path.resolve(filePath)) continue;
      const s = this.summary(sibling, overlay?.(sibling));
      // `package p_test` in the same directory is another package.
      if (s && s.packageName === current.packageName) summaries.push(s);
    }
    return new PackageIndex(summaries);
  }

  private siblings(dir: string): string[] {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.go'))
        .map((e) => path.join(dir, e.name));
    } catch {
      return []; // an unreadable or virtual directory: analyze the file on its own
    }
  }

  private summary(file: string, overlayText: string | undefined): FileSummary | undefined {
    let key: string;
    let text = overlayText;
    if (text !== undefined) {
      key = `overlay:${hash(text)}`;
    } else {
      try {
        const st = fs.statSync(file);
        if (st.size > MAX_INDEXED_BYTES) return undefined;
        key = diskKey(st);
      } catch {
        return undefined;
      }
    }
    const hit = this.cache.get(file);
    if (hit && hit.key === key) return hit.summary;
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    }
    let summary: FileSummary | undefined;
    if (!text.includes('\0')) {
      const tree = parseGo(this.parser, text);
      if (tree) {
        summary = summarizeFile(tree, text, file);
        // Its nodes are garbage now: dropped at once, they die young instead of filling the old generation.
        forgetDescendants(tree);
        tree.delete();
      }
    }
    this.cache.set(file, { key, summary });
    return summary;
  }

  /** Records the summary of a file just read from disk, so its siblings need not parse it again. */
  remember(file: string, stat: fs.Stats, summary: FileSummary): void {
    this.cache.set(file, { key: diskKey(stat), summary });
  }

  /** Drops a file's cached summary (it changed or was deleted). */
  forget(file: string): void {
    this.cache.delete(file);
  }
}

function diskKey(st: fs.Stats): string {
  return `disk:${st.size}:${st.mtimeMs}`;
}
