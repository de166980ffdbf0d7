import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { forgetDescendants } from '../analysis/descendants';
import { parseGo } from '../trees';
import { tooDeep } from '../nesting';
import { hash } from '../hash';
import { codeText } from '../codeText';
import { packageClauseName } from './packageClause';
import { PackageIndex } from './index';
import { FileSummary, summarizeFile } from './summary';

interface Cached {
  key: string;
  summary: FileSummary | undefined;
  /** Not parsed: its text's package clause names this package, not the one asked for. */
  elsewhere: string | undefined;
}

/** Files bigger than this are not read for the index (generated tables, vendored blobs). */
const MAX_INDEXED_BYTES = 1_000_000;

/** Indexes kept per package for keystrokes to come back to (see indexes). */
const INDEXES_KEPT = 3;

/**
 * Directories whose indexes are kept, the most recently indexed: the ones being typed in. An
 * index of a big package holds maps over thousands of functions, and keeping them for every
 * directory a session opened a file in held tens of megabytes after the files were closed.
 */
const INDEXED_DIRS_KEPT = 4;

/** How long a directory's listing and file stats are trusted without reading them again. */
const LISTING_MS = 1_000;

/**
 * Summaries kept for the editor's open documents' packages: a long session that visits many
 * packages would otherwise keep every one it saw (a big package's are tens of megabytes).
 */
const MAX_CACHED_SUMMARIES = 3_000;

/**
 * Builds the package index of a file from the other .go files in its directory. Summaries of
 * files on disk are cached by absolute path, size and mtime; open documents' text (the overlay)
 * wins over disk.
 */
export class PackageStore {
  private readonly cache = new Map<string, Cached>();
  /** Each directory's .go files with their disk keys (undefined: too large or unreadable), and when they were read. */
  private readonly listings = new Map<string, { at: number; files: { file: string; key?: string }[] }>();
  /** Open siblings' keys by the text they were made from (dropped once the file is read from disk again). */
  private readonly overlayKeys = new Map<string, { text: string; key: string }>();

  /**
   * Each directory's last indexes by package name, most recent last, served again while one
   * answers alike (PackageIndex.sameAs): a few, so that undoing a keystroke finds the one before.
   */
  private readonly indexes = new Map<string, Map<string, PackageIndex[]>>();

  /** Directories the index was asked for, least recently first: the oldest go when the cache is full. */
  private readonly recent = new Set<string>();

  constructor(private readonly parser: Parser, private readonly maxSummaries = MAX_CACHED_SUMMARIES) {}

  indexFor(filePath: string, current: FileSummary, overlay?: (p: string) => string | undefined): PackageIndex {
    const self = path.resolve(filePath);
    const dir = path.dirname(self);
    this.recent.delete(dir);
    this.recent.add(dir);
    if (this.cache.size > this.maxSummaries) this.evict(dir);
    const summaries: FileSummary[] = [current];
    for (const { file, key } of this.listing(dir)) {
      if (file === self) continue;
      const s = this.summary(file, key, overlay?.(file), current.packageName);
      // `package p_test` in the same directory is another package.
      if (s && s.packageName === current.packageName) summaries.push(s);
    }
    let byName = this.indexes.get(dir);
    this.indexes.delete(dir);
    this.indexes.set(dir, (byName ??= new Map()));
    if (this.indexes.size > INDEXED_DIRS_KEPT) this.indexes.delete(this.indexes.keys().next().value!);
    let recent = byName.get(current.packageName);
    if (!recent) byName.set(current.packageName, (recent = []));
    const known = recent.findIndex((i) => i.sameAs(summaries));
    const index = known >= 0 ? recent.splice(known, 1)[0] : new PackageIndex(summaries);
    recent.push(index);
    if (recent.length > INDEXES_KEPT) recent.shift();
    return index;
  }

  /** Drops the summaries of the least recently indexed directories (not `keep`) until the cache fits. */
  private evict(keep: string): void {
    for (const dir of this.recent) {
      if (this.cache.size <= this.maxSummaries) break;
      if (dir === keep) continue;
      for (const file of this.cache.keys()) if (path.dirname(file) === dir) this.cache.delete(file);
      this.recent.delete(dir);
      this.listings.delete(dir);
      this.indexes.delete(dir);
    }
  }

  /**
   * The directory's files, read again once they are LISTING_MS old: an index is made on every
   * keystroke, and a stat of each of a big package's hundreds of files took milliseconds of each.
   * A change the editor reports (forget) is seen at once; one it does not, within LISTING_MS.
   */
  private listing(dir: string): { file: string; key?: string }[] {
    const now = performance.now();
    const known = this.listings.get(dir);
    if (known && now - known.at < LISTING_MS) return known.files;
    let files: { file: string; key?: string }[] = [];
    try {
      files = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.go'))
        .map((e) => {
          const file = path.join(dir, e.name);
          try {
            const st = fs.statSync(file);
            return { file, key: st.size > MAX_INDEXED_BYTES ? undefined : diskKey(st) };
          } catch {
            return { file };
          }
        });
    } catch {
      // an unreadable or virtual directory: analyze the file on its own
    }
    this.listings.set(dir, { at: now, files });
    return files;
  }

  /** The file's summary, or undefined when it is unreadable, or of a package other than `wanted` (then maybe not parsed). */
  private summary(file: string, onDisk: string | undefined, overlayText: string | undefined, wanted: string): FileSummary | undefined {
    let key: string;
    let text = overlayText;
    if (text !== undefined) {
      key = this.overlayKey(file, text);
    } else if (onDisk !== undefined) {
      this.overlayKeys.delete(file);
      key = onDisk;
    } else {
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.key === key && hit.elsewhere !== wanted) return hit.summary;
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    }
    // `package p_test` beside `package p`: its summary would be left out of p's index. Known
    // from its text, it is parsed only when an index of its own package asks.
    const clause = packageClauseName(codeText(text));
    if (clause !== undefined && clause !== wanted) {
      this.cache.set(file, { key, summary: undefined, elsewhere: clause });
      return undefined;
    }
    let summary: FileSummary | undefined;
    if (!text.includes('\0')) {
      const tree = parseGo(this.parser, text);
      if (tree) {
        // Nested deeper than any real Go: not analyzed, so not summarized either (see Engine.analyze).
        if (!tooDeep(tree)) summary = summarizeFile(tree, text, file);
        // Its nodes are garbage now: dropped at once, they die young instead of filling the old generation.
        forgetDescendants(tree);
        tree.delete();
      }
    }
    this.cache.set(file, { key, summary, elsewhere: undefined });
    return summary;
  }

  /**
   * An open sibling's key, hashed again only when its text changed: every keystroke in one file
   * asks for the keys of all the open files beside it, and hashing each whole text cost its length.
   */
  private overlayKey(file: string, text: string): string {
    const known = this.overlayKeys.get(file);
    if (known?.text === text) return known.key;
    const key = `overlay:${hash(text)}`;
    this.overlayKeys.set(file, { text, key });
    return key;
  }

  /** Records the summary of a file just read from disk, so its siblings need not parse it again. */
  remember(file: string, stat: fs.Stats, summary: FileSummary): void {
    this.cache.set(path.resolve(file), { key: diskKey(stat), summary, elsewhere: undefined });
  }

  /** Records that a file just read from disk, not parsed, is of package `name` by its text (see summary). */
  rememberElsewhere(file: string, stat: fs.Stats, name: string): void {
    this.cache.set(path.resolve(file), { key: diskKey(stat), summary: undefined, elsewhere: name });
  }

  /** Drops a file's cached summary, and its directory's listing (it changed, appeared or was deleted). */
  forget(file: string): void {
    const absolute = path.resolve(file);
    this.cache.delete(absolute);
    this.listings.delete(path.dirname(absolute));
    this.indexes.delete(path.dirname(absolute));
  }
}

function diskKey(st: fs.Stats): string {
  return `disk:${st.size}:${st.mtimeMs}`;
}
