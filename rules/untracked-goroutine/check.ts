import { goStartOf } from '../../server/src/analysis/goroutines';
import { MAY_GO } from '../../server/src/analysis/model';
import { commentsAbove, commentsOnLine, enclosingDeclaration, enclosingFunction, Node, rangeOf } from '../../server/src/analysis/syntax';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/rule';
import type { Fix, Range } from '../../server/src/types';
import type { PackageIndex } from '../../server/src/workspace/index';
import { addHelperFix, chooseHelper, exemptFix, wrapEdits } from './fixes';
import { sharedAccess } from './shared';
import { isTracked, Site } from './tracking';

const directivePatterns = new Map<string, RegExp>();

/** Kept per directive name: the rule asks for it on every check, which is every keystroke. */
function directivePattern(name: string): RegExp {
  let pattern = directivePatterns.get(name);
  if (!pattern) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // `// goAsync-exempt: reason` or `// goAsync-exempt (REF-1): reason`; a mention in prose is not one.
    if (directivePatterns.size >= 100) directivePatterns.clear();
    directivePatterns.set(name, (pattern = new RegExp(`(?:^|[^\\w-])${escaped}\\s*[:(]`)));
  }
  return pattern;
}

function hasDirective(comments: Node[], pattern: RegExp): boolean {
  return comments.some((c) => pattern.test(c.text));
}

/**
 * Exempt by a directive above or on its line, by one above the `go` it directly follows, or by the
 * function's doc. `runs` remembers each walked statement's verdict, so a run of n `go` statements
 * costs n steps, not n² (generated code can hold thousands in a row).
 */
function isExempt(go: Node, pattern: RegExp, runs: Map<number, boolean>): boolean {
  const walked: Node[] = [];
  let exempt = false;
  for (let g: Node | null = go; g?.type === 'go_statement'; g = g.previousNamedSibling) {
    const known = runs.get(g.id);
    if (known !== undefined) {
      exempt = known;
      break;
    }
    walked.push(g);
    if (hasDirective(commentsAbove(g), pattern) || hasDirective(commentsOnLine(g), pattern)) {
      exempt = true;
      break;
    }
    if (commentsAbove(g).length > 0) break; // a comment of its own ends the run of pumps
  }
  for (const g of walked) runs.set(g.id, exempt);
  if (exempt) return true;
  const decl = enclosingDeclaration(go);
  return !!decl && hasDirective(commentsAbove(decl), pattern);
}

/**
 * A goroutine started once per process (from init, main or TestMain, from what only they call,
 * or inside `once.Do`) lives as long as the process by construction: no caller to outlive.
 */
function processScoped(go: Node, index: PackageIndex): boolean {
  for (let f = enclosingFunction(go); f; f = enclosingFunction(f)) {
    if (f.type === 'func_literal' && f.parent?.parent?.type === 'call_expression' && /\.Do$/.test(f.parent.parent.childForFieldName('function')?.text ?? '')) return true;
  }
  const decl = enclosingDeclaration(go);
  return decl?.type === 'function_declaration' && index.processScoped.has(decl.childForFieldName('name')?.text ?? '');
}

/** The first line of the statement: a squiggle under a whole goroutine body would bury the code. */
function headRange(stmt: Node): Range {
  const r = rangeOf(stmt);
  if (r.start.line === r.end.line) return r;
  const firstLine = stmt.text.split('\n', 1)[0].replace(/\s*\{?\s*$/, '');
  return { start: r.start, end: { line: r.start.line, character: r.start.character + firstLine.length } };
}

function check(ctx: RuleContext): RuleFinding[] {
  const { file, index, settings } = ctx;
  const findings: RuleFinding[] = [];
  const pattern = directivePattern(settings.exemptDirective);
  const helpers = index.helpers(settings.asyncHelpers);
  const optedIn = helpers.length > 0;
  const runs = new Map<number, boolean>();
  for (const stmt of file.goStatements()) {
    const go = goStartOf(stmt);
    const model = go && file.functionOf(stmt);
    const parent = enclosingFunction(stmt);
    if (!go || !model || !parent) continue;
    // Error recovery can shape a half-typed line into a `go` statement: judge only clean ones.
    if (stmt.hasError) continue;
    const site: Site = { go, model, parent };
    if (processScoped(stmt, index) || isTracked(site, index) || isExempt(stmt, pattern, runs)) continue;
    const access = sharedAccess(site, index);
    if (!access && !optedIn && !settings.reportAllUntracked) continue;

    const why = access
      ? `${access.reason}, and nothing waits for it`
      : optedIn
        ? `this package tracks goroutines with ${helpers[0].name}, but nothing waits for this one`
        : 'nothing waits for it';
    const fixes: Fix[] = [];
    const chosen = chooseHelper(site, helpers);
    if (chosen && !chosen.helper.recovers) {
      const edits = wrapEdits(site, index, file.text, chosen.call);
      if (edits) fixes.push({ title: `Wrap in ${chosen.call}`, preferred: true, edits });
    } else if (!optedIn) {
      const add = addHelperFix(site, index, file.text, file.tree.rootNode, settings.asyncHelpers);
      if (add) fixes.push(add);
    }
    const exempt = exemptFix(site, file.text, settings.exemptDirective);
    if (exempt) fixes.push(exempt);
    findings.push({
      range: headRange(stmt),
      message: `untracked goroutine: ${why}; it can outlive its caller and race with what runs next`,
      related: access && access.at.startPosition.row !== stmt.startPosition.row
        ? [{ range: rangeOf(access.at), message: access.where ?? 'shared state the goroutine touches' }]
        : [],
      fixes,
    });
  }
  return findings;
}

export const untrackedGoroutine: Rule = {
  id: 'untracked-goroutine',
  title: 'A bare go statement whose goroutine nothing waits for',
  defaultSeverity: 'warning',
  // Every finding is a go statement.
  mayFind: (code) => MAY_GO.test(code),
  check,
};
