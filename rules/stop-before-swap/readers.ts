import { enclosingDeclaration, Node, rangeOf, rootIdentifier } from '../../server/src/analysis/syntax';
import type { RuleContext } from '../../server/src/rule';
import type { Related } from '../../server/src/types';
import type { FileSummary, FuncSummary } from '../../server/src/workspace/summary';
import { baseType } from './types';
import { descendants } from '../../server/src/analysis/descendants';

const READER_NAME = /^(Get|Lookup|Load|Find|Current)/;

/** Is this mention a read: not an assignment target, not the map handed to delete? */
function isRead(node: Node): boolean {
  let top = node;
  while (top.parent?.type === 'index_expression' && top.parent.childForFieldName('operand')?.id === top.id) top = top.parent;
  const parent = top.parent;
  if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement' && parent.parent.childForFieldName('left')?.id === parent.id) return false;
  if (parent?.type === 'argument_list' && parent.parent?.childForFieldName('function')?.text === 'delete') return false;
  return true;
}

/** The first read of the slot's field (or package variable) in the declaration that starts on `line`. */
function readIn(ctx: RuleContext, line: number, matches: (n: Node) => boolean): Node | undefined {
  // Climb from the line's first node to its top-level declaration: no walk over every declaration.
  let decl: Node | null = ctx.file.tree.rootNode.namedDescendantForPosition({ row: line, column: 0 });
  while (decl?.parent && decl.parent.type !== 'source_file') decl = decl.parent;
  if (decl?.startPosition.row !== line) return undefined;
  return decl && descendants(decl, ['selector_expression', 'identifier']).find((n) => matches(n) && isRead(n));
}

/**
 * Another function of the package that reads the slot while the window is open: a method of
 * the slot's owner type that uses the same field (a `Get`), or a function that uses the same
 * package variable. Without one, nothing can observe the gap between teardown and store.
 */
export function readerOf(slot: string, target: Node, unit: Node, ctx: RuleContext, typeOf: (n: Node | null) => string | undefined): Related | undefined {
  const decl = enclosingDeclaration(unit) ?? unit;
  const current = decl.startPosition.row;
  const root = rootIdentifier(target);
  if (!root) return undefined;
  const field = /^\w+\.(\w+)/.exec(slot)?.[1];
  let wanted: (fn: FuncSummary) => boolean;
  let matches: (n: Node) => boolean;
  let label: string;
  if (!field) {
    wanted = (fn) => fn.idents.includes(slot);
    matches = (n) => n.type === 'identifier' && n.text === slot;
    label = slot;
  } else {
    const owner = typeOf(root);
    if (!owner) return undefined;
    const type = baseType(owner);
    wanted = (fn) => fn.receiverType === type && fn.receiverSelectors.includes(field);
    matches = (n) => n.type === 'selector_expression' && n.childForFieldName('field')?.text === field && n.childForFieldName('operand')?.type === 'identifier';
    label = `${type}.${field}`;
  }
  const candidates: { file: FileSummary; fn: FuncSummary }[] = [];
  for (const file of ctx.index.files) {
    const here = file.path === ctx.file.path;
    for (const fn of file.funcs) {
      if (here && fn.line === current) continue;
      if (wanted(fn)) candidates.push({ file, fn });
    }
  }
  const pick = candidates.find((c) => READER_NAME.test(c.fn.name)) ?? candidates[0];
  if (!pick) return undefined;
  if (pick.file.path === ctx.file.path) {
    const at = readIn(ctx, pick.fn.line, matches);
    if (at) return { range: rangeOf(at), message: `${pick.fn.name} reads ${label}` };
  }
  // The summary of another file tells that the function uses the field, not how.
  const line = { line: pick.fn.line, character: 0 };
  const message = `${pick.fn.name} uses ${label}`;
  return { range: { start: line, end: line }, message, ...(pick.file.path === ctx.file.path ? {} : { file: pick.file.path }) };
}
