import type { TextKey } from '../../server/src/analysis/textKeys';

/** A cheap look at the text before the function model is built: most functions never lock. */
export const LOCKS = /\.R?Lock\(\s*\)/;
const RECEIVER = /^func\s*\(\s*(\w+)\s+\*?\s*([A-Za-z_]\w*)/;

/**
 * What this rule reads outside the declaration it judges: the evidence of in-place writes comes
 * from the other methods of the same receiver type (for state behind a receiver's lock) or from
 * every function of the file (for state behind a package-level lock). A declaration that takes
 * no lock is never judged, so it depends on nothing else. Worked out from the texts' keys alone:
 * a keystroke reads no node of the 1,100 declarations of a big file for it.
 */
export function unitContext(keys: readonly TextKey[]): (key: TextKey) => string {
  // The texts it depends on, named by their keys' ids (an id names one text for the process's life).
  let byType: Map<string, number[]> | undefined;
  const methodsOf = (type: string) => {
    if (!byType) {
      byType = new Map();
      for (const key of keys) {
        const { receiverType } = factsOf(key);
        if (!receiverType) continue;
        const list = byType.get(receiverType);
        if (list) list.push(key.id);
        else byType.set(receiverType, [key.id]);
      }
    }
    return byType.get(type) ?? [];
  };
  const contexts = new Map<string, string>();
  return (key) => {
    const { scope } = factsOf(key);
    if (!scope) return '';
    let context = contexts.get(scope);
    if (context === undefined) {
      const ids = scope !== '*' ? methodsOf(scope) : keys.filter((k) => factsOf(k).isFunction).map((k) => k.id);
      contexts.set(scope, (context = `${scope}:${ids.join(',')}`));
    }
    return context;
  };
}

interface TextFacts {
  /** A function or method declaration (or, in broken code, something else that starts like one: it only adds to a context). */
  isFunction: boolean;
  receiverType?: string;
  /** '' without a lock; the receiver's type when it locks through the receiver; '*' for another lock. */
  scope: string;
}

/**
 * What a declaration's text says, kept while that text's key lives: a keystroke reads only the
 * declaration it changed, not every declaration of the file again.
 */
const known = new WeakMap<TextKey, TextFacts>();
function factsOf(key: TextKey): TextFacts {
  let facts = known.get(key);
  if (!facts) {
    const { text } = key;
    const recv = RECEIVER.exec(text);
    const scope = !LOCKS.test(text) ? '' : recv && lockOn(recv[1]).test(text) ? recv[2] : '*';
    known.set(key, (facts = { isFunction: /^func\b/.test(text), receiverType: recv?.[2], scope }));
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
