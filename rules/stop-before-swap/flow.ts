import { blockStatements, Node } from '../../server/src/analysis/syntax';

const BRANCHING = new Set(['if_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);
const BRANCH_PARTS = new Set(['block', 'expression_case', 'default_case', 'type_case', 'communication_case']);

/**
 * `node` and its ancestors up to the root, innermost first. Found from the root down: tree-sitter
 * answers each `parent` by a search from the root, so a walk up from a call 40k levels down a
 * generated `s.cancel()()()…` chain took half a minute.
 */
function ancestors(node: Node): Node[] {
  const down: Node[] = [];
  for (let n: Node | null = node.tree.rootNode; n && n.id !== node.id; n = n.childWithDescendant(node)) down.push(n);
  return [node, ...down.reverse()];
}

/** A statement that ends the path through its block: what follows it in the block is not reached from before it. */
function isJump(stmt: Node): boolean {
  if (/^(return|goto|break|continue)_statement$/.test(stmt.type)) return true;
  return stmt.type === 'expression_statement' && /^panic\s*\(/.test(stmt.text);
}

/**
 * Can control go from `from` to `to`, both in one function, in a single pass (no loop back
 * edge)? Not when `to` is earlier, when they sit in different branches of an if/switch/select,
 * or when a block between them jumps away after `from` (`if ok { old.Stop(); return }`).
 */
export function flowsTo(from: Node, to: Node): boolean {
  if (from.endIndex > to.startIndex) return false;
  const up = ancestors(from);
  const ids = new Set(up.map((n) => n.id));
  const lca = ancestors(to).find((n) => ids.has(n.id));
  if (!lca) return false;
  // Below the common ancestor, every block that holds `from` must carry on to its end.
  for (const [i, node] of up.entries()) {
    if (node.id === lca.id) break;
    const block = up[i + 1];
    if (block?.id === lca.id) break; // the common block itself goes on to `to`
    if (block?.type !== 'statement_list' && block?.type !== 'block') continue;
    const stmts = block.type === 'block' ? blockStatements(block) : block.namedChildren.filter((n): n is Node => !!n);
    const at = stmts.findIndex((s) => s.id === node.id);
    if (at >= 0 && stmts.slice(at).some(isJump)) return false;
  }
  if (BRANCHING.has(lca.type)) {
    // Both inside the statement: fine when `from` is in its header (`if old := m[k]; ...`).
    const fromPart = up[up.findIndex((n) => n.id === lca.id) - 1];
    return !!fromPart && !BRANCH_PARTS.has(fromPart.type) && fromPart.type !== 'if_statement';
  }
  return true;
}
