import { declaredNames, DECLARATION_TYPES, Node } from './syntax';
import { descendants } from './descendants';

/**
 * What a statement reads and writes, as access paths (`s.runners`, `r`, `netID`), so a fix can
 * tell whether two statements may trade places. Paths stop at an index or a call: a write to
 * `s.runners[k]` is a write of `s.runners`, and `s.srv.Close()` may write `s.srv`.
 */
export interface Accesses {
  reads: Set<string>;
  writes: Set<string>;
  /** Control can leave the statement other than at its end: return, goto, panic, or a break/continue out of it. */
  exits: boolean;
}

/** Builtins that modify their first argument. */
const MUTATING_BUILTINS = new Set(['delete', 'close', 'clear', 'copy']);

/**
 * `a.b.c` for each identifier that roots a selector chain, and whether the chain ends in a method
 * call's receiver (`x.m(...)`: m is a method, not part of the state; the call may change x).
 * Built from each chain's top down: walking up from the identifier reads a parent per link, and
 * tree-sitter finds each parent by a search from the root, so a 40k-link chain took minutes.
 */
function chainPaths(node: Node): Map<number, { path: string; method: boolean }> {
  const selectors = descendants(node, 'selector_expression');
  const operands = new Set(selectors.map((s) => s.childForFieldName('operand')?.id));
  const calledFields = new Set(descendants(node, 'call_expression').map((c) => c.childForFieldName('function')?.id));
  const out = new Map<number, { path: string; method: boolean }>();
  for (const top of selectors) {
    if (operands.has(top.id)) continue;
    const chain: Node[] = [];
    let n: Node | null = top;
    for (; n?.type === 'selector_expression'; n = n.childForFieldName('operand')) chain.push(n);
    if (n?.type !== 'identifier') continue;
    let path = n.text;
    let method = false;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (calledFields.has(chain[i].id)) {
        method = true;
        break;
      }
      path += `.${chain[i].childForFieldName('field')?.text ?? ''}`;
    }
    out.set(n.id, { path, method });
  }
  return out;
}

/** The path an assignment target, `&x` operand or builtin argument names (`m[k]` → `m`, `*p` → `p`). */
function targetPath(node: Node): string | undefined {
  let n: Node | null = node;
  while (n && (n.type === 'index_expression' || n.type === 'slice_expression' || n.type === 'parenthesized_expression' || n.type === 'unary_expression')) {
    n = n.type === 'parenthesized_expression' ? n.namedChild(0) : n.childForFieldName('operand');
  }
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text === '_' ? undefined : n.text;
  if (n.type !== 'selector_expression') return undefined;
  let root: Node | null = n;
  while (root?.type === 'selector_expression') root = root.childForFieldName('operand');
  return root?.type === 'identifier' ? n.text.replace(/\s+/g, '') : undefined;
}

function isInside(node: Node, types: readonly string[], stop: Node): boolean {
  for (let p = node.parent; p && p.id !== stop.id; p = p.parent) if (types.includes(p.type)) return true;
  return false;
}

/** Does control leave `node` early? Breaks and continues of loops nested inside it stay inside. */
function exitsEarly(node: Node): boolean {
  const jumps = descendants(node, ['return_statement', 'goto_statement', 'break_statement', 'continue_statement', 'call_expression']);
  for (const j of jumps) {
    if (isInside(j, ['func_literal'], node)) continue;
    switch (j.type) {
      case 'return_statement':
      case 'goto_statement':
        return true;
      case 'break_statement':
      case 'continue_statement': {
        if (j.namedChildCount > 0) return true; // a label may name a loop outside
        const loops = j.type === 'break_statement' ? ['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'] : ['for_statement'];
        if (!isInside(j, loops, node) && !loops.includes(node.type)) return true;
        break;
      }
      case 'call_expression': {
        const fn = j.childForFieldName('function');
        if (fn?.type === 'identifier' && fn.text === 'panic') return true;
      }
    }
  }
  return false;
}

/**
 * The accesses of `node` (a statement or an expression). Names in `ignore` (imported packages)
 * are neither read nor written: `log.Printf` in two statements does not order them.
 */
export function accessesOf(node: Node, ignore: ReadonlySet<string> = new Set()): Accesses {
  const reads = new Set<string>();
  const writes = new Set<string>();
  const write = (target: Node | null) => {
    const p = target && targetPath(target);
    if (p && !ignore.has(p.split('.')[0])) writes.add(p);
  };
  const chains = chainPaths(node);
  for (const id of descendants(node, 'identifier')) {
    if (ignore.has(id.text) || id.text === '_') continue;
    const { path, method } = chains.get(id.id) ?? { path: id.text, method: false };
    reads.add(path);
    if (method) writes.add(path);
  }
  for (const n of descendants(node, ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression', 'send_statement', 'call_expression'])) {
    switch (n.type) {
      case 'assignment_statement':
        for (const t of n.childForFieldName('left')?.namedChildren ?? []) write(t);
        break;
      case 'inc_statement':
      case 'dec_statement':
        write(n.namedChild(0));
        break;
      case 'unary_expression': {
        const op = n.childForFieldName('operator')?.type;
        if (op === '&' || op === '<-') write(n.childForFieldName('operand'));
        break;
      }
      case 'send_statement':
        write(n.childForFieldName('channel'));
        break;
      case 'call_expression': {
        const fn = n.childForFieldName('function');
        const first = n.childForFieldName('arguments')?.namedChildren.find((a) => a?.type !== 'comment');
        if (fn?.type === 'identifier' && MUTATING_BUILTINS.has(fn.text) && first) write(first);
      }
    }
  }
  for (const d of descendants(node, DECLARATION_TYPES)) {
    if (d) for (const name of declaredNames(d)) writes.add(name.text);
  }
  return { reads, writes, exits: exitsEarly(node) };
}

/** Do two access paths name overlapping state? `s` covers `s.runners`; `s.a` and `s.b` do not overlap. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

function touches(writes: Set<string>, other: Accesses): boolean {
  for (const w of writes) {
    for (const r of other.reads) if (overlaps(w, r)) return true;
    for (const x of other.writes) if (overlaps(w, x)) return true;
  }
  return false;
}

/**
 * May two statements run in the other order without changing what either computes? Neither
 * may leave early, and neither may write what the other reads or writes. Opaque calls to
 * functions are not ordered against each other: only the data they are handed is.
 */
export function canSwap(a: Accesses, b: Accesses): boolean {
  return !a.exits && !b.exits && !touches(a.writes, b) && !touches(b.writes, a);
}
