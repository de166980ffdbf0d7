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
        const { receiverType, digest } = factsOf(u.text);
        if (!receiverType) continue;
        const list = byType.get(receiverType);
        if (list) list.push(digest);
        else byType.set(receiverType, [digest]);
      }
    }
    return byType.get(type) ?? [];
  };
  const hashes = new Map<string, string>();
  const hashOf = (key: string, digests: () => string[]) => hashes.get(key) ?? hashes.set(key, hash(digests().join('\0'))).get(key)!;
  return (unit) => {
    const { scope } = factsOf(unit.text);
    if (!scope) return '';
    return scope !== '*' ? `${scope}:${hashOf(scope, () => methodsOf(scope))}` : `*:${hashOf('*', () => functions.map((u) => factsOf(u.text).digest))}`;
  };
}

interface TextFacts {
  digest: string;
  receiverType?: string;
  /** '' without a lock; the receiver's type when it locks through the receiver; '*' for another lock. */
  scope: string;
}

/**
 * What a declaration's text says, kept while that text is seen: a keystroke reads and hashes
 * only the declaration it changed, not every declaration of the file again (the lookup reuses
 * the string's hash, which the unit cache computed already). Bounded: cleared past many files.
 */
const known = new Map<string, TextFacts>();
function factsOf(text: string): TextFacts {
  let facts = known.get(text);
  if (!facts) {
    if (known.size >= 20_000) known.clear();
    const recv = RECEIVER.exec(text);
    const scope = !LOCKS.test(text) ? '' : recv && lockOn(recv[1]).test(text) ? recv[2] : '*';
    known.set(text, (facts = { digest: hash(text), receiverType: recv?.[2], scope }));
  }
  return facts;
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
