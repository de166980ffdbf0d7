// Findings of an open document, remembered per top-level declaration, so that a keystroke
// re-checks only the declaration it changed. A declaration's findings are reused when its text
// is the same, it still starts at column 0 (so they move by whole lines), and nothing they depend
// on outside it changed: the settings, the package index and the file's head (package clause and
// imports, where fixes add imports and helpers) are the cache key (see cacheKey()).
import type { Node } from 'web-tree-sitter';
import type { Finding, Range } from './types';
import type { PackageIndex } from './workspace/index';
import { TextKey, textKeyOf } from './analysis/textKeys';
import { ownStrings } from './ownStrings';

interface Entry {
  /** Findings as they were reported when the declaration started at line `first`. */
  findings: Finding[];
  first: number;
  /** What the findings depend on outside the declaration's text (see Rule.unitContext). */
  context: string;
  /** The last plan that found it still there (see UnitCache.plan); set from the start, so no entry changes shape. */
  seen: number;
}

/** What a declaration's findings depend on outside its text (the rules' unitContext, joined), by its text's key. */
export type ContextOf = (key: TextKey) => string;

/** Moves ranges inside the declaration (at or below `from`) by `lines`; ranges in the head stay. */
function shiftFinding(f: Finding, from: number, lines: number): Finding {
  // Most keystrokes move no declaration: the cached finding itself serves (nothing mutates one).
  if (lines === 0) return f;
  const shift = (r: Range): Range => (r.start.line < from ? r : {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  return {
    ...f,
    range: shift(f.range),
    related: f.related.map((r) => ({ ...r, range: shift(r.range) })),
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, range: shift(e.range) })) })),
  };
}

/** Everything a finding points at lies inside the declaration's lines or in the head (and in this file). */
function contained(f: Finding, first: number, last: number, headEnd: number): boolean {
  const inside = (r: Range) => (r.start.line >= first && r.end.line <= last) || r.end.line <= headEnd;
  return inside(f.range) && f.related.every((r) => !r.file && inside(r.range)) && f.fixes.every((x) => x.edits.every((e) => inside(e.range)));
}



const keys = new WeakMap<PackageIndex, { group: string; key: string }>();

/**
 * What a declaration's findings may depend on beyond its own text: `group` (the settings and the
 * text of the file's head, as JSON) and the package index, with each function's identifiers
 * narrowed to package-level names (a renamed local changes nothing elsewhere). Kept per index: a
 * keystroke that changes nothing the package sees gets the same index (see PackageIndex.sameAs),
 * and its key.
 */
export function cacheKey(group: string, index: PackageIndex): string {
  const known = keys.get(index);
  if (known?.group === group) return known.key;
  // Lines are left out: typing Enter above a function moves it without changing what it does.
  const files = index.files.map((f) => `${f.digest} ${f.funcs.map((fn) => index.fingerprint(fn)).join(' ')}`);
  const key = `${group}\0${JSON.stringify(files)}`;
  keys.set(index, { group, key });
  return key;
}

/** Generations kept: a keystroke that changes the package index and the next that undoes it both hit. */
const GENERATIONS = 3;

export class UnitCache {
  /** One map of declarations per cache key, most recent last, with the settings and head it was made under. */
  private readonly generations = new Map<string, { group: string; entries: Map<TextKey, Entry> }>();
  private byText = new Map<TextKey, Entry>();
  private plans = 0;

  /**
   * The cached findings, moved to where their declarations are now, and the declarations to
   * check. `keys` are the units' text keys, in the same order (textKeys of their tree). `group`
   * names the settings and file head the key was made from. With `allowStale`,
   * a key never seen before, from an edit that changed only the package index, reuses the latest
   * generation of the same group anyway, and says so: the findings of unchanged declarations
   * may then be out of date until an exact pass follows. A changed setting is never reused across.
   */
  plan(units: readonly Node[], keys: readonly TextKey[], key: string, contextOf: ContextOf = () => '', group = '', allowStale = false): { cached: Finding[]; todo: Node[]; stale: boolean } {
    const exact = this.generations.get(key)?.entries;
    const latest = [...this.generations.values()].at(-1);
    const stale = !exact && allowStale && latest?.group === group && latest.entries.size > 0;
    const known = exact ?? (stale ? latest!.entries : new Map<TextKey, Entry>());
    this.generations.delete(key);
    const cached: Finding[] = [];
    const todo: Node[] = [];
    // The generation this plan leaves: the exact one, updated in place (a keystroke keeps most
    // of its 1,100 entries), or a new one. A stale pass stores nothing under the new key: its
    // reused entries were made for another one.
    const live = exact ?? (stale ? undefined : new Map<TextKey, Entry>());
    const seen = ++this.plans;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i];
      const unitKey = unit.startPosition.column === 0 ? keys[i] : undefined;
      const hit = unitKey !== undefined ? known.get(unitKey) : undefined;
      if (!hit || hit.context !== contextOf(unitKey!)) {
        if (hit && live === known) known.delete(unitKey!);
        todo.push(unit);
        continue;
      }
      hit.seen = seen;
      if (live !== known) live?.set(unitKey!, hit);
      for (const f of hit.findings) cached.push(shiftFinding(f, hit.first, unit.startPosition.row - hit.first));
    }
    // Forget declarations that no longer exist, so each generation stays the size of the document.
    // (forEach: an entries() loop makes a pair array for each of the 1,100.)
    if (live === known) known.forEach((e, k) => e.seen !== seen && known.delete(k));
    this.byText = live ?? new Map();
    if (live) this.generations.set(key, { group, entries: live });
    while (this.generations.size > GENERATIONS) this.generations.delete(this.generations.keys().next().value!);
    return { cached, todo, stale };
  }

  /** Remembers the findings of freshly checked declarations; those with outside references are not kept. */
  store(units: readonly Node[], findings: readonly Finding[], head: number, contextOf: ContextOf = () => ''): void {
    for (const unit of units) {
      const first = unit.startPosition.row;
      const last = unit.endPosition.row;
      if (unit.startPosition.column !== 0 || first <= head) continue;
      const mine = findings.filter((f) => f.range.start.line >= first && f.range.start.line <= last);
      if (!mine.every((f) => contained(f, first, last, head))) continue;
      const key = textKeyOf(unit);
      // Its own strings: kept while the declaration is unchanged, over many versions of the text.
      this.byText.set(key, { findings: ownStrings(mine), first, context: contextOf(key), seen: 0 });
    }
  }
}
