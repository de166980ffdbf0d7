// Suppression directives, applied by the engine after the rules ran, so no rule knows of them:
//   //race:ignore <rule-id>[,<rule-id>...] <reason>   (the reason is required)
//   //nolint:racehazards[,other] [// reason]           (golangci-lint's form; bare //nolint too)
// A directive covers findings that start on its own line or on the line below it.
import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Range } from './types';

/** The pseudo-rule under which the engine reports problems with the directives themselves. */
export const SUPPRESSION_RULE = 'suppression';

export interface Directive {
  form: 'race:ignore' | 'nolint';
  /** The rule ids it silences; `all` for a bare `//nolint`. */
  rules: string[] | 'all';
  line: number;
  range: Range;
  /** Missing rule id, missing reason, unknown rule: reported, and it suppresses nothing. */
  problem?: string;
}

const RACE_IGNORE = /^\/\/\s*race:ignore\b(.*)$/;
const NOLINT = /^\/\/nolint(?::([\w,-]+))?(?=\s|$)/;
const OUR_LINTER = 'racehazards';

function parse(comment: Node, ruleIds: readonly string[]): Directive | undefined {
  // In a CRLF file a line comment ends with the \r, which `.` and `$` do not match and which
  // belongs to the line break, not to the directive's range.
  const cr = comment.text.endsWith('\r') ? 1 : 0;
  const text = comment.text.slice(0, comment.text.length - cr);
  const range: Range = {
    start: { line: comment.startPosition.row, character: comment.startPosition.column },
    end: { line: comment.endPosition.row, character: comment.endPosition.column - cr },
  };
  const base = { line: comment.startPosition.row, range };
  const ignore = RACE_IGNORE.exec(text);
  if (ignore) {
    const [list = '', ...reason] = ignore[1].trim().split(/\s+/);
    const rules = list.split(',').filter(Boolean);
    const unknown = rules.filter((r) => !ruleIds.includes(r));
    let problem: string | undefined;
    if (rules.length === 0) problem = 'race:ignore needs a rule id and a reason: //race:ignore <rule-id> <reason>';
    else if (unknown.length > 0) problem = `race:ignore names an unknown rule: ${unknown.join(', ')} (rules: ${ruleIds.join(', ')})`;
    else if (reason.join('').length === 0) problem = `race:ignore ${list} needs a reason after the rule id`;
    return { form: 'race:ignore', rules, problem, ...base };
  }
  const nolint = NOLINT.exec(text);
  if (!nolint) return undefined;
  if (nolint[1] === undefined) return { form: 'nolint', rules: 'all', ...base };
  const linters = nolint[1].split(',');
  if (!linters.includes(OUR_LINTER) && !linters.includes('all')) return undefined;
  return { form: 'nolint', rules: linters.includes('all') ? 'all' : ruleIds.slice(), ...base };
}

/** Can `text` hold a directive? A look at the text alone, so that a file without one costs no walk. */
export function mayHaveDirectives(text: string): boolean {
  return /race:ignore|nolint/.test(text);
}

/** Every directive in the file. Cheap when there is none: the text is searched before the tree. */
export function findDirectives(tree: Tree, text: string, ruleIds: readonly string[]): Directive[] {
  if (!mayHaveDirectives(text)) return [];
  const out: Directive[] = [];
  for (const comment of tree.rootNode.descendantsOfType('comment')) {
    const d = comment && parse(comment, ruleIds);
    if (d) out.push(d);
  }
  return out;
}

function covers(d: Directive, f: Finding): boolean {
  const line = f.range.start.line;
  return (line === d.line || line === d.line + 1) && (d.rules === 'all' || d.rules.includes(f.rule));
}

/**
 * Drops suppressed findings, and adds findings for malformed directives and for directives that
 * silence nothing (a hint the editor greys out). A directive aimed only at rules that are off
 * is not "unused": it may be needed where the rule is on.
 */
export function applySuppressions(findings: readonly Finding[], directives: readonly Directive[], enabled: (rule: string) => boolean): Finding[] {
  // Most files have none: no array per finding for the directives that cover it.
  if (directives.length === 0) return [...findings];
  const used = new Set<Directive>();
  const valid = directives.filter((d) => !d.problem);
  const kept = findings.filter((f) => {
    const by = valid.filter((d) => covers(d, f));
    for (const d of by) used.add(d);
    return by.length === 0;
  });
  const own = (range: Range, message: string, severity: Finding['severity'], unnecessary?: boolean): Finding => ({
    rule: SUPPRESSION_RULE, range, message, severity, related: [], fixes: [], ...(unnecessary ? { unnecessary } : {}),
  });
  for (const d of directives) {
    if (d.problem) kept.push(own(d.range, d.problem, 'warning'));
    else if (!used.has(d) && d.rules !== 'all' && d.rules.some(enabled)) {
      kept.push(own(d.range, `unused ${d.form} directive: no ${d.rules.join(' or ')} finding on this line or the next`, 'hint', true));
    }
  }
  return kept;
}

/** "Suppress <rule> on this line": a directive with a reason placeholder on the line above. */
export function suppressFix(f: Finding, text: string, lineStarts: readonly number[]): Finding['fixes'][number] {
  const line = f.range.start.line;
  const start = lineStarts[line] ?? text.length;
  const indent = /^[ \t]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
  const at = { line, character: 0 };
  return {
    title: `Suppress ${f.rule} on this line`,
    preferred: false,
    edits: [{ range: { start: at, end: at }, newText: `${indent}//race:ignore ${f.rule} TODO: say why this is safe\n` }],
  };
}
