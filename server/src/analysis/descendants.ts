import type { Node, Tree } from 'web-tree-sitter';
import { lowerBound } from './search';
import { SideTable } from '../sideTable';

/**
 * Every node type the engine looks for below a node, in groups. Each top-level declaration is
 * walked once per group, for all of the group's types together, the first time one of them is
 * asked for inside it: a walk of the tree in wasm costs about a quarter of parsing it, and the
 * summaries, the function models and the rules used to walk each declaration a dozen times
 * between them. Identifiers and selectors (five nodes in ten) and comments (one in ten) have
 * groups of their own: only the rules' fixes ask for them, in the few declarations that have a
 * finding, and making a JS object of each for every declaration cost more than all the other
 * types together. The first group is what every function's summary and the rules' function
 * spans ask for; the second (blocks, jumps, indexes: a quarter of the rest) only the rules ask
 * for, in the few functions that lock or start goroutines, and in fixes.
 * A type missing here still works (it falls back to a walk of its own), only slower.
 */
const GROUPS: readonly (readonly string[])[] = [
  [
    'assignment_statement', 'call_expression', 'const_spec', 'dec_statement', 'for_statement', 'func_literal',
    'function_declaration', 'go_statement', 'inc_statement', 'method_declaration', 'parameter_declaration', 'range_clause',
    'receive_statement', 'select_statement', 'send_statement', 'short_var_declaration', 'type_switch_statement',
    'unary_expression', 'var_spec', 'variadic_parameter_declaration',
  ],
  [
    'block', 'break_statement', 'continue_statement', 'defer_statement', 'goto_statement', 'import_spec',
    'index_expression', 'raw_string_literal', 'return_statement',
  ],
  ['identifier', 'selector_expression'],
  ['comment'],
];
const GROUP_OF = new Map(GROUPS.flatMap((types, g) => types.map((t) => [t, g] as const)));

/**
 * `types` as an array whose `includes` is a set lookup. web-tree-sitter's descendantsOfType
 * finds the grammar's symbols for the types asked by calling `types.includes(name)` for each of
 * the grammar's 219 names: for the first group's 20 types, 4,400 string comparisons per call.
 * Over the 940 top-level declarations of net/http's server.go that was 40% of the calls' time
 * (12.2 against 8.2 ms), whether or not they found anything. An array still, its answers the same.
 */
function withSetLookup(types: readonly string[]): string[] {
  const list = [...types];
  const set = new Set(types);
  Object.defineProperty(list, 'includes', { value: (type: string, from?: number) => (from ? Array.prototype.includes.call(list, type, from) : set.has(type)) });
  return list;
}

const GROUP_LISTS = GROUPS.map(withSetLookup);

/** The nodes of one group below one top-level node, in the order of a depth-first walk (document order). */
interface TopIndex {
  nodes: Node[];
  starts: number[];
  byType: Map<string, number[]>;
}

interface TreeIndex {
  /** The root's named children: any named node below the root is inside one. */
  tops: Node[];
  /** By top-level node id, then by group. */
  indexes: Map<number, (TopIndex | undefined)[]>;
  /** By PerTop table, then by top-level node id. */
  memos: Map<number, unknown>[];
}

const trees = new SideTable<Tree, TreeIndex>('descendants', 'tree');

function treeIndex(tree: Tree): TreeIndex {
  let index = trees.get(tree);
  if (!index) {
    const tops = tree.rootNode.namedChildren.filter((n): n is Node => !!n);
    index = { tops, indexes: new Map(), memos: [] };
    trees.set(tree, index);
  }
  return index;
}

/**
 * The first top-level node that ends at or after `offset`. Found from the starts, which a node
 * carries in JS: its end is a call into wasm, and reading the ends of a 10,000-line file's 1,100
 * declarations on every keystroke cost more than half a millisecond. Siblings do not overlap, so
 * their ends rise with their starts: the answer is the last node starting at or before `offset`,
 * or one of the few before it that touch `offset` (empty nodes of error recovery), or the next.
 */
function firstEndingFrom(tops: readonly Node[], offset: number): number {
  let i = lowerBound(tops.length, (k) => tops[k].startIndex, offset + 1) - 1;
  if (i < 0) return 0;
  while (i > 0 && tops[i - 1].endIndex >= offset) i--;
  return tops[i].endIndex >= offset ? i : i + 1;
}

function topIndex(index: TreeIndex, top: Node, group: number): TopIndex {
  let groups = index.indexes.get(top.id);
  if (!groups) index.indexes.set(top.id, (groups = []));
  let found = groups[group];
  if (!found) {
    const nodes = top.descendantsOfType(GROUP_LISTS[group]).filter((n): n is Node => !!n);
    const byType = new Map<string, number[]>();
    nodes.forEach((n, i) => {
      const list = byType.get(n.type);
      if (list) list.push(i);
      else byType.set(n.type, [i]);
    });
    found = groups[group] = { nodes, starts: nodes.map((n) => n.startIndex), byType };
  }
  return found;
}

/**
 * A node whose span does not settle whether it is below `node`: the same span (a parent and
 * its only child), or an empty one on the edge (a missing token). Its parents decide.
 */
function isBelow(candidate: Node, node: Node): boolean {
  for (let p: Node | null = candidate; p && p.startIndex >= node.startIndex && p.endIndex <= node.endIndex; p = p.parent) {
    if (p.id === node.id) return true;
  }
  return false;
}

function inTop(top: TopIndex, node: Node, types: readonly string[], out: Node[]): void {
  const positions: number[] = [];
  for (const type of types) {
    const list = top.byType.get(type);
    if (!list) continue;
    for (let i = lowerBound(list.length, (k) => top.starts[list[k]], node.startIndex); i < list.length; i++) {
      const n = top.nodes[list[i]];
      if (n.startIndex > node.endIndex) break;
      if (n.endIndex > node.endIndex) continue;
      const edge = (n.startIndex === node.startIndex && n.endIndex === node.endIndex) || (n.startIndex === n.endIndex && (n.startIndex === node.startIndex || n.startIndex === node.endIndex));
      if (edge && n.id !== node.id && !isBelow(n, node)) continue;
      positions.push(list[i]);
    }
  }
  if (types.length > 1) positions.sort((a, b) => a - b);
  for (const p of positions) out.push(top.nodes[p]);
}

/**
 * Document order across groups: by start, the longer (the ancestor) first. On a tie of both
 * ends, the earlier group holds the ancestor: identifiers and comments are leaves, and no
 * statement or call the first group indexes spans exactly a selector (a type's `pkg.T` is a
 * qualified_type, not a selector_expression).
 */
function byDocumentOrder(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex || (GROUP_OF.get(a.type) ?? 0) - (GROUP_OF.get(b.type) ?? 0);
}

/**
 * Lets go of a tree's index (its nodes, as JS objects) before the tree itself is let go: see
 * Engine.analyzeFiles. The next question builds it again, for what it asks.
 */
export function forgetDescendants(tree: Tree): void {
  trees.delete(tree);
}

let perTopTables = 0;

/**
 * A value worked out once per top-level node, kept with the tree's index and let go with it.
 * Kept on the node itself, it gave top-level nodes a hidden class other nodes lack, and every
 * read of a node's fields (web-tree-sitter's getters, the rules) met both.
 */
export class PerTop<T> {
  private readonly table = perTopTables++;

  get(top: Node, make: (top: Node) => T): T {
    const index = treeIndex(top.tree);
    const memo = (index.memos[this.table] ??= new Map());
    let value = memo.get(top.id) as T | undefined;
    if (value === undefined) memo.set(top.id, (value = make(top)));
    return value;
  }
}

/** The top-level declarations (and comments, and statements error recovery put there), read once per tree. */
export function topLevelOf(tree: Tree): readonly Node[] {
  return treeIndex(tree).tops;
}

/** The root's named child that `node` is (or is inside), found by span: no walk up the parents. */
export function topLevelAround(node: Node): Node | undefined {
  const { tops } = treeIndex(node.tree);
  const top = tops[firstEndingFrom(tops, node.endIndex)];
  return top && top.startIndex <= node.startIndex ? top : undefined;
}

const groupsByType = new Map<string, readonly (number | undefined)[]>();
const groupsByList = new WeakMap<readonly string[], readonly (number | undefined)[]>();

/** The groups a question needs (undefined for a type not indexed), worked out once per type or list. */
function groupsOf(types: string | readonly string[], list: readonly string[]): readonly (number | undefined)[] {
  const known = typeof types === 'string' ? groupsByType.get(types) : groupsByList.get(types);
  if (known) return known;
  const groups = [...new Set(list.map((t) => GROUP_OF.get(t)))];
  if (typeof types === 'string') groupsByType.set(types, groups);
  else groupsByList.set(types, groups);
  return groups;
}

/**
 * `node.descendantsOfType(types)` (the node itself included when it matches), answered from one
 * walk per top-level declaration that every later question shares. The tree must not be edited
 * after the first question (trees of open documents are replaced, not edited, once parsed).
 */
export function descendants(node: Node, types: string | readonly string[]): Node[] {
  const list = typeof types === 'string' ? [types] : types;
  const groups = groupsOf(types, list);
  if (groups.includes(undefined)) return node.descendantsOfType(list as string[]).filter((n): n is Node => !!n);
  const index = treeIndex(node.tree);
  const out: Node[] = [];
  const { tops } = index;
  for (let i = firstEndingFrom(tops, node.startIndex); i < tops.length && tops[i].startIndex <= node.endIndex; i++) {
    for (const g of groups) inTop(topIndex(index, tops[i], g!), node, list, out);
  }
  if (groups.length > 1) out.sort(byDocumentOrder);
  return out;
}
