// The CLI's output formats, as pure functions of the engine's findings. The json shape is a
// contract other tools rely on: change it only with a new major version.
import * as path from 'node:path';
import type { Finding, Range, TextEdit } from './types';

export interface FileReport {
  /** As given to the engine; printed relative to `cwd`. */
  path: string;
  findings: Finding[];
  skipped?: string;
}

interface JsonSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines and columns, columns in UTF-16 units as in LSP. */
function span(range: Range): JsonSpan {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

export function toJson(reports: readonly FileReport[], version: string, cwd: string): object {
  return {
    version,
    findings: reports.flatMap((r) =>
      r.findings.map((f) => ({
        file: displayPath(r.path, cwd),
        ...span(f.range),
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          preferred: fix.preferred,
          edits: fix.edits.map((e: TextEdit) => ({ ...span(e.range), newText: e.newText })),
        })),
      })),
    ),
    skipped: reports.filter((r) => r.skipped !== undefined).map((r) => ({ file: displayPath(r.path, cwd), reason: r.skipped! })),
  };
}

/** `path:line:col: message (rule-id)`, one line per finding, like `go vet`. */
export function toText(reports: readonly FileReport[], cwd: string): string[] {
  return reports.flatMap((r) =>
    r.findings.map((f) => `${displayPath(r.path, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message} (${f.rule})`),
  );
}
