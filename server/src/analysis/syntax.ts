import type { Node } from 'web-tree-sitter';
import type { Range } from '../types';
import { descendants, PerTop, topLevelAround } from './descendants';
import { lowerBound } from './search';

export type { Node };

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** Same as rangeOf but for an explicit span of two nodes (start of `a` to end of `b`). */
export function spanOf(a: Node, b: Node): Range {
  return { start: rangeOf(a).start, end: rangeOf(b).end };
}

/** The functions of one top-level node in document order, each with the index of the innermost one around it. */
interface FunctionSpans {
  fns: Node[];
  outer: number[];
}

const functionSpans = new PerTop<FunctionSpans>();

function spansOf(top: Node): FunctionSpans {
  return functionSpans.get(top, () => {
    const fns = descendants(top, [...FUNCTION_TYPES]);
    const outer: number[] = [];
    const open: number[] = [];
    fns.forEach((fn, i) => {
      while (open.length > 0 && fns[open[open.length - 1]].endIndex < fn.endIndex) open.pop();
      outer.push(open.at(-1) ?? -1);
      open.push(i);
    });
    return { fns, outer };
  });
}

/**
 * The innermost function-like node (declaration or literal) that contains `node`, excluding
 * itself. From the spans of the functions, not by walking up: tree-sitter finds a node's parent
 * by searching down from the root, through the children one by one, and error recovery can
 * leave an ERROR node with 100k children, where each walk up from one of them costs that many.
 */
export function enclosingFunction(node: Node): Node | null {
  const top = topLevelAround(node);
  // An empty node on a function's edge (a missing token) may be inside it or just after it.
  if (!top || node.startIndex === node.endIndex || top.id === node.id) return enclosingByParents(node);
  const { fns, outer } = spansOf(top);
  let i = lowerBound(fns.length, (k) => fns[k].startIndex, node.startIndex + 1) - 1;
  while (i >= 0 && (fns[i].id === node.id || fns[i].endIndex < node.endIndex)) i = outer[i];
  // The same span both ways (`func() {}` as a whole statement): only the parents say which is inside.
  if (i >= 0 && fns[i].startIndex === node.startIndex && fns[i].endIndex === node.endIndex) return enclosingByParents(node);
  return i >= 0 ? fns[i] : null;
}

function enclosingByParents(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) return p;
  }
  return null;
}

/**
 * Do `nodes` lie in top-level declarations that parse without ERROR or MISSING nodes? Tree-sitter
 * recovers a broken region from its surroundings, so code moved or wrapped inside one (or inside
 * a function whose own header is broken) can parse worse once the fix is applied: such fixes
 * wait until the declaration parses. A broken declaration elsewhere in the file does not count,
 * but one whose error swallowed the declarations after it does: they are not declarations then.
 */
export function inCleanDeclaration(...nodes: Node[]): boolean {
  return nodes.every((node) => {
    const top = topLevelAround(node);
    return !!top && !top.hasError;
  });
}

/** The top-level declaration (function or method) that contains `node`. */
export function enclosingDeclaration(node: Node): Node | null {
  let found: Node | null = null;
  for (let p: Node | null = node; p; p = enclosingFunction(p)) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') found = p;
  }
  return found;
}

/** Is `node` inside a `for` statement that is itself inside `within` (it may run many times per call)? */
export function inLoopWithin(node: Node, within: Node): boolean {
  for (let p = node.parent; p && p.id !== within.id; p = p.parent) if (p.type === 'for_statement') return true;
  return false;
}

export function isAncestor(ancestor: Node, node: Node): boolean {
  return ancestor.startIndex <= node.startIndex && node.endIndex <= ancestor.endIndex && ancestor.tree === node.tree;
}

export function contains(outer: Node, offset: number): boolean {
  return outer.startIndex <= offset && offset < outer.endIndex;
}

/**
 * The items of `sorted` (in document order by `startOf`) that start inside `node`: a binary
 * search, not a scan, since a function can hold thousands of go statements, joins and sends.
 */
export function startingWithin<T>(sorted: readonly T[], startOf: (item: T) => number, node: Node): T[] {
  const lo = lowerBound(sorted.length, (i) => startOf(sorted[i]), node.startIndex);
  let end = lo;
  while (end < sorted.length && startOf(sorted[end]) < node.endIndex) end++;
  return sorted.slice(lo, end);
}

/**
 * For `a.b.c`, `a[i].b`, `*a`, `(a)`, `&a.b`: the identifier everything hangs off (`a`), or null
 * when the expression is rooted in a call or a literal.
 */
export function rootIdentifier(node: Node): Node | null {
  let n: Node | null = node;
  while (n) {
    switch (n.type) {
      case 'identifier':
        return n;
      case 'selector_expression':
        n = n.childForFieldName('operand');
        break;
      case 'index_expression':
      case 'slice_expression':
        n = n.childForFieldName('operand');
        break;
      case 'parenthesized_expression':
        n = n.namedChild(0);
        break;
      case 'unary_expression':
        n = n.childForFieldName('operand');
        break;
      default:
        return null;
    }
  }
  return null;
}

/** For a call `x.y.M(...)`: the method name `M` and the receiver expression `x.y`. */
export function methodCall(call: Node): { receiver: Node; method: string } | null {
  if (call.type !== 'call_expression') return null;
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'selector_expression') return null;
  const receiver = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (!receiver || !field) return null;
  return { receiver, method: field.text };
}

export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') : [];
}

/**
 * Where `node`'s line starts, from its column: searching back for the line break would cost the
 * whole line for each node on it, and generated code can have megabyte lines.
 */
function lineStartOf(node: Node): number {
  return node.startIndex - node.startPosition.column;
}

const INDENT = /[ \t]*/y;

/** Leading whitespace of the line that `node` starts on. */
export function indentOf(text: string, node: Node): string {
  INDENT.lastIndex = lineStartOf(node);
  return (INDENT.exec(text)?.[0] ?? '').slice(0, node.startPosition.column);
}

/** True when only whitespace precedes `node` on its line. */
export function startsLine(text: string, node: Node): boolean {
  return indentOf(text, node).length === node.startPosition.column;
}

/**
 * The package clause, imports and comments that open a file, without touching the (possibly
 * thousands of) declarations after them: fixes that add an import or a helper look only here.
 */
export function fileHead(root: Node): Node[] {
  const head: Node[] = [];
  for (let i = 0; i < root.namedChildCount; i++) {
    const n = root.namedChild(i);
    if (!n || (n.type !== 'package_clause' && n.type !== 'import_declaration' && n.type !== 'comment')) break;
    head.push(n);
  }
  return head;
}

/** The named children of a statement block, looking through tree-sitter-go's statement_list. */
export function blockStatements(block: Node | null): Node[] {
  if (!block) return [];
  const out: Node[] = [];
  for (const child of block.namedChildren) {
    if (!child) continue;
    // Not push(...list): a generated block of 100k+ statements would overflow the call stack.
    if (child.type !== 'statement_list') out.push(child);
    else for (const n of child.namedChildren) if (n) out.push(n);
  }
  return out;
}

/** Identifiers declared by a declaration-like node (`a, b := …`, `var a T`, parameters, range vars). */
export function declaredNames(node: Node): Node[] {
  switch (node.type) {
    case 'short_var_declaration': {
      const left = node.childForFieldName('left');
      return left ? identifiersOf(left) : [];
    }
    case 'range_clause':
    case 'receive_statement': {
      // `for k := range` and `case v := <-ch` declare; the `=` forms assign to existing names.
      const left = node.childForFieldName('left');
      return left && hasToken(node, ':=') ? identifiersOf(left) : [];
    }
    case 'var_spec':
    case 'const_spec':
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
      return node.childrenForFieldName('name').filter((n) => n.type === 'identifier');
    case 'type_switch_statement': {
      const alias = node.childForFieldName('alias');
      return alias ? identifiersOf(alias) : [];
    }
    default:
      return [];
  }
}

function hasToken(node: Node, token: string): boolean {
  for (const child of node.children) if (child && !child.isNamed && child.type === token) return true;
  return false;
}

function identifiersOf(list: Node): Node[] {
  if (list.type === 'identifier') return [list];
  return list.namedChildren.filter((n): n is Node => !!n && n.type === 'identifier');
}

export const DECLARATION_TYPES = [
  'short_var_declaration',
  'range_clause',
  'var_spec',
  'const_spec',
  'parameter_declaration',
  'variadic_parameter_declaration',
  'receive_statement',
  'type_switch_statement',
];

/**
 * The comments directly above `node` (no blank line between), nearest first. A comment that opens
 * a block sits before tree-sitter-go's statement_list, so the search steps out of it.
 */
export function commentsAbove(node: Node): Node[] {
  const out: Node[] = [];
  let below = node;
  let prev = node.previousSibling;
  if (!prev && node.parent?.type === 'statement_list') prev = node.parent.previousSibling;
  while (prev && prev.type === 'comment' && prev.endPosition.row >= below.startPosition.row - 1) {
    // A comment ending the previous statement's line belongs to that statement.
    const before = prev.previousSibling;
    if (before && before.type !== 'comment' && before.endPosition.row === prev.startPosition.row) break;
    out.push(prev);
    below = prev;
    prev = prev.previousSibling;
  }
  return out;
}

/** Comments that start on the line where `node` starts or ends, inside or right after it. */
export function commentsOnLine(node: Node): Node[] {
  const out = descendants(node, 'comment').filter((c) => c.startPosition.row === node.startPosition.row);
  let next = node.nextSibling;
  if (!next && node.parent?.type === 'statement_list') next = node.parent.nextSibling;
  if (next && next.type === 'comment' && next.startPosition.row === node.endPosition.row) out.push(next);
  return out;
}

const WRITE_TYPES = ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression'];

/** `atomic.AddInt32(&x, 1)`: the address goes to a synchronized access, not to a plain writer. */
function isAtomicArgument(addressOf: Node): boolean {
  const call = addressOf.parent?.type === 'argument_list' ? addressOf.parent.parent : null;
  return call?.type === 'call_expression' && /^atomic\.\w+$/.test(call.childForFieldName('function')?.text ?? '');
}

/**
 * What `scope` writes, by root identifier: assignment targets, `x++`, and `&x` (whoever gets the
 * pointer may write through it). `_` is not a variable.
 */
export function writeTargets(scope: Node): { name: string; node: Node }[] {
  const out: { name: string; node: Node }[] = [];
  // Text first: most unary expressions are `-x`, `!ok`, `*p` or `<-ch`, and most scopes call nothing atomic.
  const text = scope.text;
  const at = scope.startIndex;
  const mayBeAtomic = text.includes('atomic.');
  for (const stmt of descendants(scope, WRITE_TYPES)) {
    let targets: (Node | null)[];
    if (stmt.type === 'assignment_statement') targets = stmt.childForFieldName('left')?.namedChildren ?? [];
    else if (stmt.type === 'unary_expression') {
      // A unary expression starts with its operator: with another first character it takes no address.
      const first = text[stmt.startIndex - at];
      const address = first !== undefined && first !== '&' && first !== '/' ? false : stmt.childForFieldName('operator')?.type === '&';
      targets = address && !(mayBeAtomic && isAtomicArgument(stmt)) ? [stmt.childForFieldName('operand')] : [];
    } else targets = [stmt.namedChild(0)];
    for (const t of targets) {
      const id = t && rootIdentifier(t);
      if (t && id && id.text !== '_') out.push({ name: id.text, node: t });
    }
  }
  return out;
}
