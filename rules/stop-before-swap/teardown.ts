import { Node } from '../../server/src/analysis/syntax';
import type { Alias, Teardown } from './slots';
import { Unit, unitsOf } from './units';
import { descendants } from '../../server/src/analysis/descendants';

/** A block-level statement that only tears the slot's occupant down, in a shape the fix can rebuild. */
export interface TeardownUnit {
  unit: Unit;
  teardowns: Teardown[];
  /** The alias an `if old, ok := m[k]; ok {...}` declares in its header. */
  headerAlias?: Alias;
  /** Body lines of the `if` (or the statement itself), each a unit. */
  body: Unit[];
  hasDelete: boolean;
}

const norm = (text: string) => text.replace(/\s+/g, '');

/** `ok`, `old != nil`, `s.runners[id] != nil`: a condition that means "there is an occupant". */
function isPresenceCheck(cond: Node | null, slot: string, aliases: Map<string, Alias>): boolean {
  if (!cond) return false;
  if (cond.type === 'identifier') return [...aliases.values()].some((a) => a.slot === slot && a.ok === cond.text);
  if (cond.type !== 'binary_expression' || cond.childForFieldName('operator')?.type !== '!=') return false;
  const left = cond.childForFieldName('left');
  if (cond.childForFieldName('right')?.type !== 'nil' || !left) return false;
  return aliases.get(left.text)?.slot === slot || norm(left.text) === slot;
}

/**
 * Recognizes `x.Stop()`, `delete(m, k)`, `cancel()` as a statement, or an `if` without else
 * whose header checks for an occupant and whose body holds only such teardowns.
 */
export function teardownUnit(unit: Unit, slot: string, teardowns: Teardown[], aliases: Map<string, Alias>): TeardownUnit | undefined {
  const stmt = unit.stmt;
  const byCall = (n: Node | null) => teardowns.find((t) => t.call.id === n?.id);
  if (stmt.type === 'expression_statement') {
    const t = byCall(stmt.namedChild(0));
    return t ? { unit, teardowns: [t], body: [unit], hasDelete: t.kind === 'delete' } : undefined;
  }
  if (stmt.type !== 'if_statement' || stmt.childForFieldName('alternative')) return undefined;
  const init = stmt.childForFieldName('initializer');
  const headerAlias = init ? [...aliases.values()].find((a) => a.declaration.id === init.id && a.slot === slot) : undefined;
  if (init && !headerAlias) return undefined;
  if (!isPresenceCheck(stmt.childForFieldName('condition'), slot, aliases)) return undefined;
  const consequence = stmt.childForFieldName('consequence');
  if (!consequence) return undefined;
  const body = unitsOf(consequence);
  // A comment after the last statement belongs to no unit and would be lost.
  const kept = new Set(body.flatMap((u) => u.comments.map((c) => c.id)));
  if (body.length === 0 || descendants(consequence, 'comment').some((c) => !kept.has(c.id) && !isInsideStatement(c, body))) return undefined;
  const found: Teardown[] = [];
  for (const u of body) {
    const t = u.stmt.type === 'expression_statement' ? byCall(u.stmt.namedChild(0)) : undefined;
    if (!t) return undefined;
    found.push(t);
  }
  return { unit, teardowns: found, headerAlias, body, hasDelete: found.some((t) => t.kind === 'delete') };
}

function isInsideStatement(node: Node, units: Unit[]): boolean {
  return units.some((u) => u.stmt.startIndex <= node.startIndex && node.endIndex <= u.stmt.endIndex);
}

/** Replaces the slot (and an alias being renamed) by `name` in a node's text. */
function rewrite(node: Node, text: string, slot: string, renamed: Set<string>, name: string): string {
  const edits: { from: number; to: number }[] = [];
  const visit = (n: Node) => {
    if ((n.type === 'index_expression' || n.type === 'selector_expression') && norm(n.text) === slot) {
      edits.push({ from: n.startIndex, to: n.endIndex });
      return;
    }
    if (n.type === 'identifier' && (renamed.has(n.text) || n.text === slot)) {
      edits.push({ from: n.startIndex, to: n.endIndex });
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(node);
  let out = '';
  let at = node.startIndex;
  for (const e of edits) {
    out += text.slice(at, e.from) + name;
    at = e.to;
  }
  return out + text.slice(at, node.endIndex);
}

function isDelete(t: TeardownUnit, u: Unit): boolean {
  return t.teardowns.some((d) => d.kind === 'delete' && d.call.id === u.stmt.namedChild(0)?.id);
}

/**
 * The teardowns as they will run after the unlock, on the captured occupant `name`: each keeps
 * its own condition (`if ok {`, `if old != nil {`, none), so the stop runs exactly when it ran
 * before. Deletes are dropped: the store overwrote the entry. Returned as lines for the caller
 * to join with the block's indent; continuation lines inside one keep their absolute indents.
 */
export function stopsAfterUnlock(units: TeardownUnit[], text: string, slot: string, name: string, renamed: Set<string>): string[] {
  const code = (u: Unit) => text.slice(u.first.startIndex, u.stmt.startIndex) + rewrite(u.stmt, text, slot, renamed, name) + text.slice(u.stmt.endIndex, u.last.endIndex);
  const out: string[] = [];
  for (const t of units) {
    const kept = t.body.filter((u) => !isDelete(t, u));
    if (kept.length === 0) continue;
    if (t.body[0] === t.unit) {
      out.push(code(t.unit));
      continue;
    }
    const { stmt, comments, last } = t.unit;
    const cond = stmt.childForFieldName('condition')!;
    out.push(...comments.filter((c) => c.endIndex <= stmt.startIndex).map((c) => c.text));
    const trailing = last.id !== stmt.id ? text.slice(stmt.endIndex, last.endIndex) : '';
    out.push(`if ${rewrite(cond, text, slot, renamed, name)} {`, ...kept.map((u) => `\t${code(u)}`), `}${trailing}`);
  }
  return out;
}

/** Does the rebuilt code still use `name` (the comma-ok flag) in a kept teardown's condition? */
export function conditionUses(units: TeardownUnit[], name: string): boolean {
  return units.some((t) => t.body[0] !== t.unit && t.body.some((u) => !isDelete(t, u)) && t.unit.stmt.childForFieldName('condition')?.text === name);
}

/** The comments of teardowns the rebuilt code has no statement for: deletes, and `if`s left empty. */
export function deleteComments(units: TeardownUnit[]): Node[] {
  const out: Node[] = [];
  for (const t of units) {
    const kept = t.body.filter((u) => !isDelete(t, u));
    if (kept.length === 0 && t.body[0] !== t.unit) out.push(...t.unit.comments);
    for (const u of t.body) if (isDelete(t, u)) out.push(...u.comments);
  }
  return out;
}
