// Findings as LSP diagnostics and code actions. Pure: no connection, no documents.
//
// Diagnostics are pushed (textDocument/publishDiagnostics), not pulled (LSP 3.17
// workspace/diagnostic), on purpose: the workspace review streams results as worker threads
// finish directories, open documents are re-published per version as soon as the debounced
// analysis ends, and files that vanish are cleared by us. With pull, the editor decides when to
// ask, so a scan of thousands of files would have to be held until polled, and the order between
// an open document's fresh result and a scan's older one would be the client's to get right.
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionContext, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag,
  TextDocumentEdit, TextEdit, VersionedTextDocumentIdentifier,
} from 'vscode-languageserver/node';
import { preferredEdits } from './edits';
import { RULE_IDS } from './engine';
import { ruleDocPath } from './install';
import { Finding, Severity } from './types';

export const SOURCE = 'race-hazards';
export const FIX_ALL_KIND = 'source.fixAll.raceHazards';
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

const hrefs = new Map<string, string>();

/** A rule's page as a file URL: the same for all of a publish's hundreds of diagnostics. */
function ruleDocHref(rule: string): string {
  let href = hrefs.get(rule);
  if (!href) hrefs.set(rule, (href = pathToFileURL(ruleDocPath(rule)).href));
  return href;
}

export function toDiagnostic(uri: string, version: number, finding: Finding, index: number): Diagnostic {
  return {
    range: finding.range,
    message: finding.message,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    // Problems with the suppression directives themselves have no rule page.
    ...(RULE_IDS.includes(finding.rule) ? { codeDescription: { href: ruleDocHref(finding.rule) } } : {}),
    ...(finding.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    relatedInformation: finding.related.map((r) => ({
      location: { uri: r.file ? pathToFileURL(r.file).href : uri, range: r.range },
      message: r.message,
    })),
    // `index` points into the cached findings of `version`; code actions still re-check the range.
    data: { version, index },
  };
}

const sameRange = (a: Diagnostic['range'], b: Finding['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character
  && a.end.line === b.end.line && a.end.character === b.end.character;

/** Whether `kind` passes the client's `only` filter (kinds are hierarchical: `source` covers `source.fixAll.x`). */
const wanted = (only: string[] | undefined, kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));

/**
 * Code actions for the document at `version`, whose findings are `current`. A diagnostic from an
 * older version gets fixes only if its finding is still there, unmoved: every edit is computed
 * for the text the client has now, never for the text the diagnostic was made from.
 */
export function codeActions(uri: string, version: number, current: readonly Finding[], context: CodeActionContext): CodeAction[] {
  const edit = (edits: TextEdit[]) => ({ documentChanges: [TextDocumentEdit.create(VersionedTextDocumentIdentifier.create(uri, version), edits)] });
  const actions: CodeAction[] = [];
  if (wanted(context.only, CodeActionKind.QuickFix)) {
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const hint = (diag.data as { index?: number } | undefined)?.index;
      const matches = (f: Finding | undefined) => !!f && f.rule === diag.code && sameRange(diag.range, f.range);
      const finding = typeof hint === 'number' && matches(current[hint]) ? current[hint] : current.find(matches);
      for (const fix of finding?.fixes ?? []) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diag], edit: edit(fix.edits) });
      }
    }
  }
  if (context.only && wanted(context.only, FIX_ALL_KIND)) {
    const all = preferredEdits(current).edits;
    if (all.length > 0) actions.push({ title: 'Fix all race hazards', kind: FIX_ALL_KIND, edit: edit(all) });
  }
  return actions;
}
