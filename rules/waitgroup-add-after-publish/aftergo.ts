import type { GoStart, JoinOp } from '../../server/src/analysis/goroutines';
import type { FunctionModel } from '../../server/src/analysis/model';
import { lowerBound } from '../../server/src/analysis/search';
import { blockStatements, enclosingFunction, methodCall, Node, rangeOf, startingWithin } from '../../server/src/analysis/syntax';
import type { RuleFinding } from '../../server/src/rule';
import type { Fix, Related } from '../../server/src/types';
import { callsDone, countedBefore, FIX_TITLE, isAddStatement, looksLikeWaitGroup } from './goroutine';
import { crossesDefinition, leavesEarly, moveEdits, plainArguments, waitsBetween } from './move';
import type { Scope } from './scope';
import { SideTable } from '../../server/src/sideTable';

/** The `go` statements a statement holds (itself, or inside a loop or block), not those inside func literals. */
function goStartsIn(scope: Scope, stmt: Node): GoStart[] {
  const fn = enclosingFunction(stmt)?.id;
  return startingWithin(scope.model.goStarts, (g) => g.statement.startIndex, stmt).filter((g) => enclosingFunction(g.statement)?.id === fn);
}

/** A block's statements, read once per function: every Add in a block of thousands asks for them. */
const blocks = new SideTable<FunctionModel, Map<number, Node[]>>('blocks', 'model');

function statementsOf(scope: Scope, block: Node | null): Node[] {
  if (!block) return [];
  let byId = blocks.get(scope.model);
  if (!byId) blocks.set(scope.model, (byId = new Map()));
  let list = byId.get(block.id);
  if (!list) byId.set(block.id, (list = blockStatements(block).filter((s) => s.type !== 'comment')));
  return list;
}

function addsTo(scope: Scope, stmt: Node, target: string): boolean {
  return startingWithin(scope.model.joinsOn(target), (j) => j.call.startIndex, stmt).some((j) => j.op === 'Add');
}

function moveBeforeFix(scope: Scope, add: JoinOp, anchor: Node, between: Node[]): Fix | undefined {
  const stmt = add.call.parent!;
  if (!plainArguments(add.call) || leavesEarly(between) || waitsBetween(scope.model, add.target, anchor.startIndex, stmt.startIndex)) return undefined;
  const args = add.call.childForFieldName('arguments')!;
  if (crossesDefinition(scope.model, [args], [methodCall(add.call)!.receiver], anchor.startIndex, stmt.startIndex)) return undefined;
  const edits = moveEdits(scope.text, { statement: stmt, anchor });
  return edits && { title: FIX_TITLE, preferred: true, edits };
}

/** Where `stmt` is among its block's statements (in document order): a binary search. */
function indexOfStatement(siblings: readonly Node[], stmt: Node): number {
  const i = lowerBound(siblings.length, (k) => siblings[k].startIndex, stmt.startIndex);
  return siblings[i]?.id === stmt.id ? i : -1;
}

/**
 * `go func() { defer wg.Done(); ... }()` followed by `wg.Add(1)`: the goroutine was started
 * uncounted, so its Done can run first (a negative counter panics) and a Wait in between
 * returns early. Only when nothing counted it before the `go`, and no later `go` in the same
 * block is the one this Add is for.
 */
export function addAfterGo(scope: Scope, add: JoinOp): RuleFinding[] {
  if (!isAddStatement(add)) return [];
  const stmt = add.call.parent!;
  const siblings = statementsOf(scope, stmt.parent);
  const at = indexOfStatement(siblings, stmt);
  let first: { anchor: Node; go: GoStart } | undefined;
  for (let k = at - 1; k >= 0 && !addsTo(scope, siblings[k], add.target); k--) {
    const uncounted = goStartsIn(scope, siblings[k]).find((g) => callsDone(scope, g, add.target) && !countedBefore(scope, g, add.target));
    if (uncounted) first = { anchor: siblings[k], go: uncounted };
  }
  if (!first) return [];
  for (let k = at + 1; k < siblings.length && !addsTo(scope, siblings[k], add.target); k++) {
    if (goStartsIn(scope, siblings[k]).some((g) => callsDone(scope, g, add.target))) return [];
  }
  const x = methodCall(add.call)!.receiver;
  const evidence = looksLikeWaitGroup(scope, x, add.target);
  if (!evidence) return [];
  const related: Related[] = [{ range: rangeOf(first.go.statement.firstChild!), message: 'the goroutine that calls Done starts here' }];
  if (typeof evidence === 'object') related.push(evidence);
  const between = siblings.slice(siblings.indexOf(first.anchor), at);
  const fix = moveBeforeFix(scope, add, first.anchor, between);
  return [{
    range: rangeOf(add.call),
    message: `${add.target}.Add runs after the go statement whose goroutine calls ${add.target}.Done: Done can run first, and a concurrent Wait can return early`,
    related,
    fixes: fix ? [fix] : [],
  }];
}
