import type { Node } from '../../server/src/analysis/syntax';
import { hash } from '../../server/src/workspace/packages';

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
  const hashOf = (key: string, texts: () => string[]) => hashes.get(key) ?? hashes.set(key, hash(texts().join('\0'))).get(key)!;
  return (unit) => {
    if (!LOCKS.test(unit.text)) return '';
    const recv = RECEIVER.exec(unit.text);
    const lockedOnReceiver = !!recv && new RegExp(`\\b${recv[1]}(?:\\.\\w+)*\\.R?Lock\\(`).test(unit.text);
    return lockedOnReceiver ? `${recv[2]}:${hashOf(recv[2], () => methodsOf(recv[2]))}` : `*:${hashOf('*', () => functions.map((u) => u.text))}`;
  };
}
