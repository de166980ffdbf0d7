import { declarationOf, FunctionModel } from '../../server/src/analysis/model';
import { commentsAbove, commentsOnLine, FUNCTION_TYPES, inCleanDeclaration, indentOf, Node, startsLine } from '../../server/src/analysis/syntax';
import type { TextEdit } from '../../server/src/types';
import { descendants } from '../../server/src/analysis/descendants';

/** Argument shapes whose value does not depend on when they are evaluated, given stable names. */
const PLAIN_ARG = new Set(['int_literal', 'identifier', 'selector_expression', 'field_identifier', 'binary_expression', 'parenthesized_expression', 'argument_list']);

/**
 * Are the Add's arguments plain: numbers, names, fields, arithmetic, len and cap? No other calls.
 * A loop with a stack, not recursion: `1 + a + a …` nests one level per operator.
 */
export function plainArguments(call: Node): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  const todo: Node[] = [args];
  for (let n = todo.pop(); n; n = todo.pop()) {
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function')?.text;
      const inner = n.childForFieldName('arguments');
      if ((fn !== 'len' && fn !== 'cap') || !inner) return false;
      todo.push(inner);
      continue;
    }
    if (!PLAIN_ARG.has(n.type)) return false;
    for (const c of n.namedChildren) if (c && c.type !== 'comment') todo.push(c);
  }
  return true;
}

/** Only int literals: an argument that means the same anywhere. */
export function constantArguments(call: Node): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).every((a) => !a || a.type === 'int_literal');
}

/**
 * Does moving code that reads `values` and `receivers` up to offset `from` change what it
 * reads? True when a name of theirs is declared in [from, to) (`n := len(jobs)` after the
 * store), or assigned there; for values also when its address is taken (a callee may write
 * through it), while a receiver such as `wg` stays the same variable however it is shared.
 */
export function crossesDefinition(model: FunctionModel, values: Node[], receivers: Node[], from: number, to: number): boolean {
  const between = (at: number) => from <= at && at < to;
  const ids = (nodes: Node[]) => nodes.flatMap((n) => (n.type === 'identifier' ? [n] : descendants(n, 'identifier')));
  const declared = (id: Node) => {
    const decl = declarationOf(model, id);
    return !!decl && between(decl.startIndex);
  };
  const written = (id: Node, byPointer: boolean) =>
    model.writes.some((w) => w.name === id.text && between(w.node.startIndex) && (byPointer || w.node.parent?.type !== 'unary_expression'));
  return ids(values).some((id) => declared(id) || written(id, true)) || ids(receivers).some((id) => declared(id) || written(id, false));
}

/** A Wait on the same WaitGroup between the two places: raising the counter before it would block it. */
export function waitsBetween(model: FunctionModel, target: string, from: number, to: number): boolean {
  return model.joinsOn(target).some((j) => j.op === 'Wait' && from <= j.call.startIndex && j.call.startIndex < to);
}

const EXIT_CALL = /^(?:panic|os\.Exit|runtime\.Goexit|log\.(?:Fatal|Panic)\w*|\w+\.(?:Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow))$/;
const BREAK_SCOPES = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/**
 * Can control leave `statements` other than by falling through to what follows them (return,
 * goto, panic, a labeled break or continue, or one that targets a loop around them)? Func
 * literals inside run some other time. A loop with a stack, not recursion: expressions nest
 * one level per operator, and generated ones run thousands deep.
 */
export function leavesEarly(statements: Node[]): boolean {
  const todo = statements.map((node) => ({ node, breakable: false, continuable: false }));
  for (let item = todo.pop(); item; item = todo.pop()) {
    const { node: n, breakable, continuable } = item;
    if (FUNCTION_TYPES.has(n.type)) continue;
    switch (n.type) {
      case 'return_statement':
      case 'goto_statement':
        return true;
      case 'break_statement':
        if (n.namedChildCount > 0 || !breakable) return true;
        break;
      case 'continue_statement':
        if (n.namedChildCount > 0 || !continuable) return true;
        break;
      case 'call_expression':
        if (EXIT_CALL.test(n.childForFieldName('function')?.text ?? '')) return true;
        break;
    }
    const b = breakable || BREAK_SCOPES.has(n.type);
    const c = continuable || n.type === 'for_statement';
    for (const child of n.namedChildren) if (child) todo.push({ node: child, breakable: b, continuable: c });
  }
  return false;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function isBlank(line: string | undefined): boolean {
  return line !== undefined && line.trim() === '';
}

export interface Move {
  /** The `X.Add(n)` expression statement; it must sit on lines of its own. */
  statement: Node;
  /** The statement it goes right before (above that statement's own comments). */
  anchor: Node;
  /** Replaces the Add's receiver when the name differs at the new place (`wg` → `s.wg`). */
  receiver?: string;
}

/**
 * The edits that cut the Add statement (with the comments directly above it and on its line)
 * and insert it before the anchor, re-indented. Undefined when the layout does not allow a
 * clean move (statements sharing a line, a multi-line raw string, syntax errors around either end).
 */
export function moveEdits(text: string, move: Move): TextEdit[] | undefined {
  const { statement, anchor } = move;
  if (!inCleanDeclaration(statement, anchor) || !startsLine(text, statement) || !startsLine(text, anchor)) return undefined;
  if (descendants(statement, 'raw_string_literal').some((s) => s.startPosition.row !== s.endPosition.row)) return undefined;
  const above = commentsAbove(statement);
  const trailing = commentsOnLine(statement).filter((c) => c.startIndex >= statement.endIndex);
  const first = above.at(-1) ?? statement;
  const end = Math.max(statement.endIndex, ...trailing.map((c) => c.endIndex));
  const eol = text.indexOf('\n', end);
  if (eol < 0 || text.slice(end, eol).trim() !== '') return undefined;
  const from = lineStart(text, first.startIndex);

  let cut = text.slice(from, eol + 1);
  const call = statement.namedChild(0);
  const recv = call?.childForFieldName('function')?.childForFieldName('operand');
  if (move.receiver !== undefined && recv) {
    cut = cut.slice(0, recv.startIndex - from) + move.receiver + cut.slice(recv.endIndex - from);
  }
  const source = indentOf(text, statement);
  const target = indentOf(text, anchor);
  const lines = cut.split('\n');
  lines.pop(); // the piece ends with its newline
  if (lines.some((l) => !isBlank(l) && !l.startsWith(source))) return undefined;
  const moved = lines.map((l) => `${target}${l.slice(source.length)}\n`).join('');

  // Cut whole lines, and a blank neighbour that would be left doubled or hugging a brace.
  const all = text.split('\n');
  let firstRow = first.startPosition.row;
  let lastRow = Math.max(statement.endPosition.row, ...trailing.map((c) => c.endPosition.row));
  const prev = all[firstRow - 1];
  const next = all[lastRow + 1];
  if (isBlank(prev) && (isBlank(next) || /^\s*[})]/.test(next ?? ''))) firstRow--;
  else if (/[{:]\s*$/.test(prev ?? '') && isBlank(next)) lastRow++;

  const insertAt = (commentsAbove(anchor).at(-1) ?? anchor).startPosition.row;
  if (insertAt > firstRow && insertAt <= lastRow) return undefined;
  return [
    { range: { start: { line: insertAt, character: 0 }, end: { line: insertAt, character: 0 } }, newText: moved },
    { range: { start: { line: firstRow, character: 0 }, end: { line: lastRow + 1, character: 0 } }, newText: '' },
  ];
}
