import { enclosingFunction, Node } from '../../server/src/analysis/syntax';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/rule';
import { addAfterGo } from './aftergo';
import { addInsideGoroutine } from './goroutine';
import { addsAfterPublish } from './published';
import type { Scope } from './scope';
import { addInsideStartedFunction } from './worker';
import { descendants } from '../../server/src/analysis/descendants';
import { MAY_GO, MAY_JOIN } from '../../server/src/analysis/model';

/** Can `text` hold an Add, Done, Wait or go statement? Every check starts from one. */
const mayHoldJoinOrGo = (text: string) => MAY_JOIN.test(text) || MAY_GO.test(text);

/** Function and method declarations, and func literals at package level (`var f = sync.OnceFunc(func() {...})`). */
function functionScopes(ctx: RuleContext): Scope[] {
  const { file, index } = ctx;
  const root = file.tree.rootNode;
  const units: Node[] = [];
  // Only the declarations the engine asks about (see FileModel.units), and of those only the ones
  // that can hold an Add, Done, Wait or go statement: every check starts from one (the function
  // models' joins and goStarts are empty otherwise), and a model made for each function of a
  // scan cost this rule more than all the others together.
  for (const decl of file.units()) {
    if (!mayHoldJoinOrGo(decl.text)) continue;
    if (decl?.type === 'function_declaration' || decl?.type === 'method_declaration') units.push(decl);
    if (decl?.type === 'var_declaration') {
      units.push(...descendants(decl, 'func_literal').filter((l) => !enclosingFunction(l)));
    }
  }
  const scopes: Scope[] = [];
  for (const unit of units) {
    const body = unit.childForFieldName('body');
    const model = body && file.functionOf(body);
    if (model && model.node.id === unit.id) scopes.push({ model, index, text: file.text, root, path: file.path });
  }
  return scopes;
}

function check(ctx: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  // One finding per Add: the publication shape first, since its fix also covers a go before it.
  const take = (list: RuleFinding[]) => {
    for (const f of list) {
      const key = `${f.range.start.line}:${f.range.start.character}`;
      if (!seen.has(key)) findings.push(f);
      seen.add(key);
    }
  };
  for (const scope of functionScopes(ctx)) {
    take(addsAfterPublish(scope, scope.model.joins));
    for (const go of scope.model.goStarts) {
      take(addInsideGoroutine(scope, go));
      take(addInsideStartedFunction(scope, go));
    }
    for (const add of scope.model.joins) take(addAfterGo(scope, add));
  }
  return findings;
}

export const waitgroupAddAfterPublish: Rule = {
  id: 'waitgroup-add-after-publish',
  title: 'WaitGroup.Add after the WaitGroup became visible to other goroutines',
  defaultSeverity: 'warning',
  // Every finding is an Add, or a goroutine that calls Add (see functionScopes).
  mayFind: mayHoldJoinOrGo,
  check,
};
