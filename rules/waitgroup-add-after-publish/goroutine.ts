import { argumentFor, GoStart, JoinOp, stripAddress } from '../../server/src/analysis/goroutines';
import { declarationOf } from '../../server/src/analysis/model';
import { blockStatements, contains, enclosingFunction, inLoopWithin, methodCall, Node, rangeOf, startingWithin } from '../../server/src/analysis/syntax';
import type { RuleFinding } from '../../server/src/rule';
import type { Fix, Related } from '../../server/src/types';
import type { FuncSummary } from '../../server/src/workspace/summary';
import { crossesDefinition, leavesEarly, moveEdits, plainArguments } from './move';
import type { Scope } from './scope';
import { fieldName, isWaitGroup, localTypeName, typeOf, waitOnField } from './waitgroups';
import { descendants } from '../../server/src/analysis/descendants';

export const FIX_TITLE = 'Move wg.Add before the go statement';

/** `X.Add(n)` as a statement of its own, raising the counter: `Add(-1)` is a Done. */
export function isAddStatement(j: JoinOp): boolean {
  if (j.op !== 'Add' || !j.asStatement || j.call.parent?.type !== 'expression_statement' || j.call.hasError) return false;
  return !/^\(*-/.test(j.call.childForFieldName('arguments')?.namedChild(0)?.text ?? '');
}

/** The joins a function body makes itself, not those of func literals inside it. */
function ownJoins(joins: JoinOp[], fn: Node): JoinOp[] {
  return startingWithin(joins, (j) => j.call.startIndex, fn).filter((j) => enclosingFunction(j.call)?.id === fn.id);
}

/**
 * What a WaitGroup expression inside a goroutine literal is in the parent: a parameter maps to
 * the argument passed for it (`&wg` → `wg`), a captured name stays; a name the literal declares
 * itself has no parent counterpart.
 */
export function parentTarget(scope: Scope, go: GoStart, target: string, at: Node): string | undefined {
  const root = /^\w+/.exec(target)?.[0];
  if (!root || !go.literal) return undefined;
  const id = descendants(at, 'identifier').find((n) => n.text === root);
  const decl = id ? declarationOf(scope.model, id) : undefined;
  if (decl && contains(go.literal, decl.startIndex)) {
    const arg = argumentFor(go, root);
    return arg && decl.parent?.type === 'parameter_declaration' ? stripAddress(arg) + target.slice(root.length) : undefined;
  }
  return target;
}

/** Was the goroutine already counted: an Add on the same WaitGroup before the go, in its function or one around it? */
export function countedBefore(scope: Scope, go: GoStart, target: string): boolean {
  return scope.model.joinsOn(target).some((j) => {
    if (j.op !== 'Add' || j.call.startIndex >= go.statement.startIndex) return false;
    const fn = enclosingFunction(j.call);
    return !!fn && contains(fn, go.statement.startIndex);
  });
}

/** The same-package function or method a `go f(...)` / `go x.m(...)` runs. */
export function calleeOf(scope: Scope, go: GoStart): FuncSummary | undefined {
  const { model, index } = scope;
  const callee = go.callee;
  if (callee?.type === 'identifier') return model.locals.has(callee.text) ? undefined : index.func(callee.text);
  if (callee?.type !== 'selector_expression') return undefined;
  const operand = callee.childForFieldName('operand');
  const method = callee.childForFieldName('field')?.text ?? '';
  if (!operand) return undefined;
  const type = typeOf(operand, model, index, scope.root);
  const name = type && localTypeName(type);
  if (name) return index.method(name, method);
  // An operand that is neither a local nor a package variable is an imported package.
  const root = /^\w+/.exec(operand.text)?.[0] ?? '';
  if (!model.locals.has(root) && !index.vars.has(root)) return undefined;
  const candidates = index.methodsNamed(method);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The WaitGroup expression a callee's self-count stands for at this `go`: `&s.wg` → `s.wg`. */
export function argumentTarget(go: GoStart, param: number, path: string): string | undefined {
  if (param < 0) {
    const operand = go.callee?.type === 'selector_expression' ? go.callee.childForFieldName('operand') : null;
    return operand ? operand.text + path : undefined;
  }
  const arg = go.args[param];
  return arg ? stripAddress(arg) + path : undefined;
}

/** Does the goroutine call Done on the parent's WaitGroup `target`? */
export function callsDone(scope: Scope, go: GoStart, target: string): boolean {
  if (go.literal) {
    return ownJoins(scope.model.joins, go.literal).some((j) => j.op === 'Done' && j.asStatement && parentTarget(scope, go, j.target, j.call) === target);
  }
  const f = calleeOf(scope, go);
  if (!f?.callsDone) return false;
  if (go.args.some((a) => stripAddress(a) === target)) return true;
  const operand = go.callee?.type === 'selector_expression' ? go.callee.childForFieldName('operand')?.text : undefined;
  return !!operand && target.startsWith(`${operand}.`) && f.receiverSelectors.includes(target.slice(operand.length + 1).split('.')[0]);
}

/**
 * Is the target a WaitGroup: typed as one, or waited on (here, on a field of that name, or,
 * for a package variable declared in another file, anywhere in the package)?
 */
export function looksLikeWaitGroup(scope: Scope, x: Node, target: string): Related | boolean {
  const field = fieldName(x);
  const wait = field ? waitOnField(field, scope.index, scope.path) : undefined;
  if (wait) return wait;
  if (isWaitGroup(x, scope.model, scope.index, scope.root) || scope.model.joinsOn(target).some((j) => j.op === 'Wait')) return true;
  const packageVar = x.type === 'identifier' && !scope.model.locals.has(x.text) && scope.index.vars.has(x.text);
  return packageVar && scope.index.files.some((f) => f.funcs.some((fn) => fn.waitCalls.some((w) => w.target === x.text)));
}

/** The first statement of a goroutine literal's body, comments aside. */
function firstStatement(literal: Node): Node | undefined {
  return blockStatements(literal.childForFieldName('body')).find((s) => s.type !== 'comment');
}

/**
 * `wg.Add` inside the goroutine literal it counts (the literal also calls `wg.Done`), and the
 * goroutine was not counted before the `go`. The shape where the Add is the literal's first
 * statement is left to go vet's waitgroup analyzer and staticcheck's SA2000, which gopls
 * already shows: reporting it here would put two diagnostics on one line.
 */
export function addInsideGoroutine(scope: Scope, go: GoStart): RuleFinding[] {
  if (!go.literal || go.statement.hasError) return [];
  // In a loop, Add and Done count work items (in-flight requests), not the goroutine.
  const own = ownJoins(scope.model.joins, go.literal).filter((j) => !inLoopWithin(j.call, go.literal!));
  const findings: RuleFinding[] = [];
  for (const add of own.filter(isAddStatement)) {
    if (!own.some((j) => j.op === 'Done' && j.asStatement && j.target === add.target)) continue;
    const stmt = add.call.parent!;
    if (firstStatement(go.literal)?.id === stmt.id) continue;
    // An Add followed by a go inside the goroutine may be counting that inner goroutine.
    if (descendants(go.literal, 'go_statement').some((g) => g.startIndex > add.call.startIndex)) continue;
    const target = parentTarget(scope, go, add.target, add.call);
    const x = methodCall(add.call)!.receiver;
    if (!target || countedBefore(scope, go, target)) continue;
    const evidence = looksLikeWaitGroup(scope, x, target);
    if (!evidence) continue;
    const related: Related[] = [{ range: rangeOf(go.statement.firstChild!), message: 'the goroutine starts here, before the Add runs' }];
    if (typeof evidence === 'object') related.push(evidence);
    const fixes: Fix[] = [];
    const body = go.literal.childForFieldName('body');
    const before = blockStatements(body).filter((s) => s.startIndex < stmt.startIndex);
    const receiver = target === add.target ? undefined : target;
    if (stmt.parent?.id === before[0]?.parent?.id && plainArguments(add.call) && !leavesEarly(before)) {
      const args = add.call.childForFieldName('arguments')!;
      const edits = !crossesDefinition(scope.model, [args], receiver ? [] : [x], go.statement.startIndex, stmt.startIndex) && moveEdits(scope.text, { statement: stmt, anchor: go.statement, receiver });
      if (edits) fixes.push({ title: FIX_TITLE, preferred: true, edits });
    }
    findings.push({
      range: rangeOf(add.call),
      message: `${add.target}.Add runs inside the goroutine it counts: a concurrent Wait can run before it and return early`,
      related,
      fixes,
    });
  }
  return findings;
}
