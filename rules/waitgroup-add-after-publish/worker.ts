import type { GoStart } from '../../server/src/analysis/goroutines';
import { blockStatements, Node, rangeOf } from '../../server/src/analysis/syntax';
import type { RuleFinding } from '../../server/src/rule';
import type { Fix, Range, Related } from '../../server/src/types';
import { inFile, type FuncSummary, type SelfCount } from '../../server/src/workspace/summary';
import { argumentTarget, calleeOf, countedBefore, FIX_TITLE, looksLikeWaitGroup } from './goroutine';
import { constantArguments, leavesEarly, moveEdits } from './move';
import type { Scope } from './scope';
import { waitOnField } from './waitgroups';
import { descendants } from '../../server/src/analysis/descendants';

/** Is `name` used nowhere in the package but at this one `go` (so moving its Add out changes no other caller)? */
function onlyStartedHere(scope: Scope, go: GoStart, name: string): boolean {
  const uses = descendants(scope.root, 'identifier').filter((n) => n.text === name && n.parent?.type !== 'function_declaration');
  if (uses.length !== 1 || uses[0]?.id !== go.callee?.id) return false;
  return scope.index.files.every((f) => f.path === scope.path || f.funcs.every((fn) => !fn.idents.includes(name)));
}

function callAt(decl: Node, range: Range): Node | undefined {
  return descendants(decl, 'call_expression').find((n) => n.startPosition.row === range.start.line && n.startPosition.column === range.start.character);
}

/**
 * Moves `wg.Add(n)` out of `worker` to before `go worker(&wg)`: only for a plain function of this
 * file that nothing else calls, whose Add is a top-level statement with a constant count.
 */
function moveOutFix(scope: Scope, go: GoStart, f: FuncSummary, count: SelfCount, target: string): Fix | undefined {
  if (go.callee?.type !== 'identifier' || f.receiverType || !onlyStartedHere(scope, go, f.name)) return undefined;
  const decl = scope.root.namedChildren.find((n): n is Node => n?.type === 'function_declaration' && n.childForFieldName('name')?.text === f.name);
  const call = decl && callAt(decl, inFile(f, count.add));
  const stmt = call?.parent;
  const body = blockStatements(decl?.childForFieldName('body') ?? null);
  if (!call || !stmt || !body.some((s) => s.id === stmt.id) || !constantArguments(call)) return undefined;
  if (leavesEarly(body.filter((s) => s.startIndex < stmt.startIndex))) return undefined;
  const edits = moveEdits(scope.text, { statement: stmt, anchor: go.statement, receiver: target });
  return edits && { title: FIX_TITLE, preferred: true, edits };
}

/**
 * `go worker(&wg)` (or `go s.loop()`) where the same-package function calls `wg.Add` and
 * `wg.Done` on the WaitGroup it is handed: it counts itself from inside the goroutine, after
 * a Wait may already have returned. Reported at the `go`, the one place the caller can fix.
 */
export function addInsideStartedFunction(scope: Scope, go: GoStart): RuleFinding[] {
  if (go.literal || go.statement.hasError) return [];
  const f = calleeOf(scope, go);
  const file = f && scope.index.files.find((s) => s.funcs.includes(f));
  if (!f || !file) return [];
  const findings: RuleFinding[] = [];
  for (const count of f.countsItself) {
    const target = argumentTarget(go, count.param, count.path);
    const arg = count.param >= 0 ? go.args[count.param] : undefined;
    const x = arg?.type === 'unary_expression' ? arg.childForFieldName('operand') : arg;
    if (!target || countedBefore(scope, go, target)) continue;
    const field = count.path.split('.').pop();
    const evidence = count.path === ''
      ? !!x && looksLikeWaitGroup(scope, x, target)
      : (field && waitOnField(field, scope.index, scope.path)) || scope.model.joinsOn(target).some((j) => j.op === 'Wait');
    if (!evidence) continue;
    const where = f.receiverType ? `${f.receiverType}.${f.name}` : f.name;
    const related: Related[] = [{ range: inFile(f, count.add), message: `${where} calls Add here, inside the goroutine`, ...(file.path === scope.path ? {} : { file: file.path }) }];
    if (typeof evidence === 'object') related.push(evidence);
    const fix = moveOutFix(scope, go, f, count, target);
    findings.push({
      range: rangeOf(go.statement),
      message: `${where} calls ${target}.Add inside the goroutine it counts: a concurrent Wait can run before it and return early`,
      related,
      fixes: fix ? [fix] : [],
    });
  }
  return findings;
}
