import type { FileModel } from './analysis/model';
import type { TextKey } from './analysis/textKeys';
import type { PackageIndex } from './workspace/index';
import type { Settings } from './settings';
import type { Fix, Range, Related, Severity } from './types';

/** What a rule sees: the analyzed file and its package. No files, no LSP, no settings lookups of its own. */
export interface RuleContext {
  file: FileModel;
  index: PackageIndex;
  settings: Settings;
}

/**
 * A finding before the engine stamps the rule id and the effective severity on it. Messages name
 * no line numbers: point at the other place with `related` instead (the engine moves findings
 * of unchanged code by whole lines while a document is edited, and a line in a message would go
 * stale).
 */
export interface RuleFinding {
  range: Range;
  message: string;
  related?: Related[];
  fixes?: Fix[];
}

export interface Rule {
  id: string;
  /** One line, as in the rule's README title. */
  title: string;
  defaultSeverity: Severity;
  /**
   * For a rule whose findings in a declaration also depend on the syntax of other declarations
   * of the file (not only on the package index): given the text keys of every top-level
   * declaration, a function that names, for one declaration's key, what else it depends on (the
   * ids of the texts it reads).
   * While a document is edited, a declaration's cached findings are reused only when that
   * context is unchanged too.
   */
  unitContext?(keys: readonly TextKey[]): (key: TextKey) => string;
  /**
   * Can this rule report anything in a file whose code (codeText: comments and literals blanked)
   * is `code`? A cheap test on the text that must never say no to a file the rule would report
   * in: a workspace scan does not parse a directory none of whose files any enabled rule may
   * report in (see Engine.analyzeFiles).
   */
  mayFind(code: string): boolean;
  check(ctx: RuleContext): RuleFinding[];
}
