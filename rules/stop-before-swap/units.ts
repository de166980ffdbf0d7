import { blockStatements, Node } from '../../server/src/analysis/syntax';

/**
 * A statement of a block with the comments that travel with it: the comment lines directly
 * above it (up to the previous statement) and a comment that ends its line.
 */
export interface Unit {
  stmt: Node;
  /** First node of the unit's text: its first comment above, or the statement. */
  first: Node;
  /** Last node: the trailing comment on its line, or the statement. */
  last: Node;
  comments: Node[];
  /** A blank line separated it from what came before. */
  blankBefore: boolean;
}

/** The statements of `block` as units, in order. Comments at the end of the block belong to none. */
export function unitsOf(block: Node): Unit[] {
  const children = blockStatements(block);
  const units: Unit[] = [];
  let pending: Node[] = [];
  for (const child of children) {
    const prev = units[units.length - 1];
    if (child.type === 'comment') {
      if (pending.length === 0 && prev && prev.last.id === prev.stmt.id && child.startPosition.row === prev.stmt.endPosition.row) {
        prev.last = child;
        prev.comments.push(child);
      } else {
        pending.push(child);
      }
      continue;
    }
    const first = pending[0] ?? child;
    const before = prev ? prev.last.endPosition.row : -1;
    units.push({ stmt: child, first, last: child, comments: pending, blankBefore: prev !== undefined && first.startPosition.row > before + 1 });
    pending = [];
  }
  return units;
}

/** The unit's source text, from its first comment to its trailing comment, as written. */
export function unitText(text: string, unit: Unit): string {
  return text.slice(unit.first.startIndex, unit.last.endIndex);
}
