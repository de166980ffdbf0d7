import type { FileModel } from './analysis/model';
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
   * Set when a finding can depend on the syntax of other declarations of the same file (not only
   * on its own declaration and the package index): the engine then checks the whole file on
   * every edit instead of reusing findings of unchanged declarations, and units() is every one.
   */
  wholeFile?: boolean;
  check(ctx: RuleContext): RuleFinding[];
}
