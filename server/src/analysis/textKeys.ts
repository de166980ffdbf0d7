// One object per distinct text of a top-level declaration, shared by every cache that keeps
// something per declaration (its summary, its findings, what the rules read around it).
import type { Node, Tree } from 'web-tree-sitter';
import { topLevelOf } from './descendants';
import { lowerBound } from './search';
import { ownCopy } from '../ownStrings';
import { SideTable } from '../sideTable';

/**
 * A declaration's text, interned. Caches keyed by it look up in constant time: keyed by the
 * text itself, each lookup hashed and compared the declaration's whole text, and a keystroke in
 * a 10,000-line file paid that for all of its 1,100 declarations in each of three caches.
 */
export interface TextKey {
  readonly text: string;
  /** Unique in the process: a short name for the text, where a digest of it would have to read it all. */
  readonly id: number;
  /** Made for a tree analyzed once (see analyzedOnce): not interned, and what is kept under it need not own its strings. */
  readonly once?: true;
}

let nextId = 0;

/** Texts seen lately. Bounded, oldest first out: what a cache keeps under a key lives as long as the key. */
const interned = new Map<string, TextKey>();
const MAX_INTERNED = 5_000;

function intern(text: string): TextKey {
  let key = interned.get(text);
  if (!key) {
    if (interned.size >= MAX_INTERNED) interned.delete(interned.keys().next().value!);
    key = { text: ownCopy(text), id: nextId++ };
    interned.set(key.text, key);
  }
  return key;
}

/** Each tree's keys, in the order of topLevelOf(tree). */
const byTree = new SideTable<Tree, readonly TextKey[]>('textKeys', 'tree');

const once = new SideTable<Tree, true>('analyzedOnce', 'tree');

/**
 * Marks a tree that is analyzed once and then deleted with everything made from it (a workspace
 * scan's). Its keys are not interned: interning copies and hashes each declaration's text, and
 * over the standard library those copies and the facts' own strings were a quarter of what
 * outlived a scavenge, to be kept only for keystrokes that never come.
 */
export function analyzedOnce(tree: Tree): void {
  once.set(tree, true);
}

/**
 * The keys of `tree`'s top-level nodes. With `previous` (the tree this one was parsed from), a
 * node whose text equals that of the node at the same place from the start or from the end of
 * the previous tree takes its key: comparing equal strings is a memory compare, while interning
 * hashes the text. A keystroke changes one declaration, so the others are all found that way.
 */
export function textKeys(tree: Tree, previous?: readonly TextKey[]): readonly TextKey[] {
  let keys = byTree.get(tree);
  if (keys) return keys;
  const tops = topLevelOf(tree);
  if (once.get(tree)) {
    keys = tops.map((top) => ({ text: top.text, id: nextId++, once: true }));
    byTree.set(tree, keys);
    return keys;
  }
  const shift = previous ? previous.length - tops.length : 0;
  keys = tops.map((top, i) => {
    const text = top.text;
    const same = previous?.[i]?.text === text ? previous[i] : previous?.[i + shift]?.text === text ? previous[i + shift] : undefined;
    return same ?? intern(text);
  });
  byTree.set(tree, keys);
  return keys;
}

/**
 * Gives `to`, parsed incrementally from `from`, the keys of `from`'s unchanged declarations, when
 * `from` had keys (made before it was edited for the new parse: they hold texts, not positions,
 * and the text comparison makes the carry right whatever the edits were).
 */
export function carryTextKeys(from: Tree, to: Tree): void {
  const previous = byTree.get(from);
  if (previous) textKeys(to, previous);
}

/** The key of one top-level node (a root's named child) of a tree. */
export function textKeyOf(top: Node): TextKey {
  const tops = topLevelOf(top.tree);
  const keys = textKeys(top.tree);
  for (let i = lowerBound(tops.length, (k) => tops[k].startIndex, top.startIndex); i < tops.length; i++) {
    if (tops[i].id === top.id) return keys[i];
  }
  // Not a top-level node: its text, interned, still names it.
  return intern(top.text);
}
