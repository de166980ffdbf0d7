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
  const byType = new Map<string, string[]>();
  for (const u of functions) {
    const type = RECEIVER.exec(u.text)?.[2];
    if (type) byType.set(type, [...(byType.get(type) ?? []), u.text]);
  }
  const hashes = new Map<string, string>();
  const hashOf = (key: string, texts: () => string[]) => hashes.get(key) ?? hashes.set(key, hash(texts().join('\0'))).get(key)!;
  return (unit) => {
    if (!LOCKS.test(unit.text)) return '';
    const recv = RECEIVER.exec(unit.text);
    const lockedOnReceiver = !!recv && new RegExp(`\\b${recv[1]}(?:\\.\\w+)*\\.R?Lock\\(`).test(unit.text);
    return lockedOnReceiver ? `${recv[2]}:${hashOf(recv[2], () => byType.get(recv[2]) ?? [])}` : `*:${hashOf('*', () => functions.map((u) => u.text))}`;
  };
}
