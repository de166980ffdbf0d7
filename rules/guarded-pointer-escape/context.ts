import type { Node } from '../../server/src/analysis/syntax';
import { hash } from '../../server/src/hash';

const LOCKS = /\.R?Lock\(\s*\)/;
const RECEIVER = /^func\s*\(\s*(\w+)\s+\*?\s*([A-Za-z_]\w*)/;

/**
 * What this rule reads outside the declaration it judges: the evidence of in-place writes comes
 * from the other methods of the same receiver type (for state behind a receiver's lock) or from
 * every function of the file (for state behind a package-level lock). A declaration that takes
 * no lock is never judged, so it depends on nothing else.
 */
export function unitContext(units: readonly Node[]): (unit: Node) => string {
  const functions = units.filter((u) => u.type === 'function_declaration' || u.type === 'method_declaration');
  // Read on the first declaration that locks: on most keystrokes the cache asks for none.
  let byType: Map<string, string[]> | undefined;
  const methodsOf = (type: string) => {
    if (!byType) {
      byType = new Map();
      for (const u of functions) {
        const t = RECEIVER.exec(u.text)?.[2];
        if (!t) continue;
        const list = byType.get(t);
        if (list) list.push(u.text);
        else byType.set(t, [u.text]);
      }
    }
    return byType.get(type) ?? [];
  };
  const hashes = new Map<string, string>();
  const hashOf = (key: string, texts: () => string[]) => hashes.get(key) ?? hashes.set(key, hash(texts().map(textHash).join('\0'))).get(key)!;
  return (unit) => {
    if (!LOCKS.test(unit.text)) return '';
    const recv = RECEIVER.exec(unit.text);
    const lockedOnReceiver = !!recv && lockOn(recv[1]).test(unit.text);
    return lockedOnReceiver ? `${recv[2]}:${hashOf(recv[2], () => methodsOf(recv[2]))}` : `*:${hashOf('*', () => functions.map((u) => u.text))}`;
  };
}

/**
 * Each declaration's own digest, kept while its text is seen: a keystroke hashes only the
 * declaration it changed, not every method of the type again (the lookup reuses the string's
 * hash, which the unit cache computed already). Bounded: cleared when it grows past many files.
 */
const textHashes = new Map<string, string>();
function textHash(text: string): string {
  let h = textHashes.get(text);
  if (h === undefined) {
    if (textHashes.size >= 20_000) textHashes.clear();
    textHashes.set(text, (h = hash(text)));
  }
  return h;
}

const lockPatterns = new Map<string, RegExp>();
/** `recv.mu.Lock(` for one receiver name; receivers are few, so their patterns are kept. */
function lockOn(receiver: string): RegExp {
  let re = lockPatterns.get(receiver);
  if (!re) {
    if (lockPatterns.size >= 1_000) lockPatterns.clear();
    lockPatterns.set(receiver, (re = new RegExp(`\\b${receiver}(?:\\.\\w+)*\\.R?Lock\\(`)));
  }
  return re;
}
