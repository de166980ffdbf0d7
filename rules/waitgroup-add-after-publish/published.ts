import type { JoinOp } from '../../server/src/analysis/goroutines';
import type { CriticalSection } from '../../server/src/analysis/locks';
import { declarationOf } from '../../server/src/analysis/model';
import { Publication, publicationsIn, storedValues } from '../../server/src/analysis/publication';
import { blockStatements, commentsAbove, contains, enclosingFunction, methodCall, Node, rangeOf, rootIdentifier } from '../../server/src/analysis/syntax';
import type { RuleFinding } from '../../server/src/rule';
import type { Fix, Related } from '../../server/src/types';
import { isAddStatement } from './goroutine';
import { crossesDefinition, leavesEarly, moveEdits, plainArguments, waitsBetween } from './move';
import type { Scope } from './scope';
import { fieldName, isWaitGroup, waitOnField } from './waitgroups';

/** `a.b.wg` → [`a.b.wg`, `a.b`, `a`]: everything whose publication exposes the WaitGroup. */
function owners(x: Node): Node[] {
  const out: Node[] = [];
  for (let n: Node | null = x; n; n = n.type === 'selector_expression' ? n.childForFieldName('operand') : null) {
    if (n.type !== 'selector_expression' && n.type !== 'identifier') break;
    out.push(n);
  }
  return out;
}

const JUMPS = new Set(['return_statement', 'goto_statement', 'break_statement', 'continue_statement']);

/** Does the block end by leaving (so what follows it is not reached from inside)? */
function endsEarly(block: Node): boolean {
  const last = blockStatements(block).filter((s) => s.type !== 'comment').at(-1);
  return !!last && (JUMPS.has(last.type) || (last.type === 'expression_statement' && leavesEarly([last])));
}

/** Is `later` reached after `stmt` runs: does no block between them end by leaving early? */
function reaches(stmt: Node, later: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (contains(p, later.startIndex)) return true;
    if (p.type === 'func_literal') return false;
    if (p.type === 'block' && endsEarly(p)) return false;
  }
  return false;
}

/** The owner the publication exposes, matched by value (`c.s = s`) or by target (`c.s = ...`, then `c.s.wg`). */
function exposed(p: Publication, candidates: Node[], scope: Scope): { owner: Node; byTarget: boolean } | undefined {
  const values = storedValues(p.value);
  for (const owner of candidates) {
    const value = values.find((v) => v.text === owner.text);
    const byTarget = !value && (p.kind === 'field' || p.kind === 'package' || p.kind === 'index') && p.target.text === owner.text;
    if (!value && !byTarget) continue;
    // The same variable at both places, not a second declaration of the name in between.
    const at = rootIdentifier(value ?? p.target);
    const root = rootIdentifier(owner);
    if (!at || !root || declarationOf(scope.model, at) !== declarationOf(scope.model, root)) continue;
    return { owner, byTarget };
  }
  return undefined;
}

/** Is the owner assigned anew between the publication and the Add (then the Add is on another object)? */
function reassigned(scope: Scope, owner: Node, from: number, to: number): boolean {
  return scope.model.writes.some((w) => from <= w.node.startIndex && w.node.startIndex < to && (w.node.text === owner.text || owner.text.startsWith(`${w.node.text}.`)));
}

function sectionsAround(sections: CriticalSection[], node: Node): CriticalSection[] {
  const fn = enclosingFunction(node)?.id;
  return sections.filter((s) => s.start <= node.startIndex && node.startIndex < s.end && enclosingFunction(s.lock.statement)?.id === fn);
}

function moveFix(scope: Scope, add: Node, p: Publication, owner: Node, byTarget: boolean): Fix | undefined {
  const stmt = add.parent!;
  // Same block only; and an Add under a lock of its own was put there on purpose, so leave it.
  if (stmt.parent?.id !== p.statement.parent?.id || sectionsAround(scope.model.sections, stmt).length > 0) return undefined;
  const x = methodCall(add)!.receiver;
  let receiver: string | undefined;
  if (byTarget) {
    // `c.s = s` then `c.s.wg.Add(1)`: before the store, the new value is only reachable as `s`.
    if (p.value.type !== 'identifier') return undefined;
    receiver = p.value.text + x.text.slice(owner.text.length);
  }
  const between = blockStatements(stmt.parent).filter((s) => s.startIndex >= p.statement.startIndex && s.startIndex < stmt.startIndex);
  if (!plainArguments(add) || leavesEarly(between) || waitsBetween(scope.model, x.text, p.statement.startIndex, stmt.startIndex)) return undefined;
  const args = add.childForFieldName('arguments')!;
  if (crossesDefinition(scope.model, [args], [byTarget ? p.value : x], p.statement.startIndex, stmt.startIndex)) return undefined;
  const edits = moveEdits(scope.text, { statement: stmt, anchor: p.statement, receiver });
  return edits && { title: 'Move wg.Add before publishing', preferred: true, edits };
}

const HELD_BY_CALLER = /\b(?:held|holds?|holding|locked)\b/i;

/**
 * Does the function say its caller holds the lock (`startLocked`, "c.mu must be held")? Then
 * that lock covers a plain store and the Add after it alike.
 */
function callerHoldsLock(decl: Node): boolean {
  const name = decl.childForFieldName('name')?.text ?? '';
  return /(?:^l|L)ocked$/.test(name) || commentsAbove(decl).some((c) => HELD_BY_CALLER.test(c.text));
}

/**
 * `X.wg.Add(n)` after X was published (stored where other goroutines find it), outside the
 * critical section of that store or with none: a goroutine that finds X and calls Wait can
 * see a zero counter.
 */
export function addsAfterPublish(scope: Scope, joins: JoinOp[]): RuleFinding[] {
  const { model, index } = scope;
  // Most functions call no Add: they need no search for publications.
  if (!joins.some(isAddStatement)) return [];
  const publications = publicationsIn(model, index.vars);
  const findings: RuleFinding[] = [];
  for (const j of joins) {
    const x = methodCall(j.call)?.receiver;
    if (!x || !isAddStatement(j)) continue;
    const fn = enclosingFunction(j.call)?.id;
    const candidates = owners(x);
    for (const p of publications) {
      if (p.statement.endIndex > j.call.startIndex || enclosingFunction(p.statement)?.id !== fn) continue;
      const match = exposed(p, candidates, scope);
      if (!match || reassigned(scope, match.owner, p.statement.endIndex, j.call.startIndex) || !reaches(p.statement, j.call)) continue;
      const held = sectionsAround(model.sections, p.statement);
      if (held.length === 0 && p.kind !== 'send' && p.kind !== 'store' && callerHoldsLock(model.node)) continue;
      if (held.some((s) => j.call.startIndex >= s.start && j.call.startIndex < s.end)) continue;
      if (!isWaitGroup(x, model, index, scope.root)) break;
      // An unexported WaitGroup that nothing in the package waits on cannot race with a Wait.
      const field = fieldName(x) ?? (match.owner.text === x.text && p.kind === 'field' ? fieldName(p.target) : undefined);
      const wait = field ? waitOnField(field, index, scope.path, model.node) : undefined;
      if (field && /^[a-z_]/.test(field) && !wait) break;
      const how = held.length > 0 ? `the lock ${held[0].mutex} held for that store is released first` : 'no lock orders them';
      const related: Related[] = [{ range: rangeOf(p.statement), message: `${match.owner.text} is published here` }];
      if (wait) related.push(wait);
      const fix = moveFix(scope, j.call, p, match.owner, match.byTarget);
      findings.push({
        range: rangeOf(j.call),
        message: `${x.text}.Add runs after ${match.owner.text} was published (see related) and ${how}: a concurrent Wait can see a zero counter and return early`,
        related,
        fixes: fix ? [fix] : [],
      });
      break;
    }
  }
  return findings;
}
