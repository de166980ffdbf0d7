// Tree-sitter counts rows at \n only; LSP, and with it the editor, applyEdits, the CLI and SARIF,
// also breaks lines at a lone \r. Rules work in tree-sitter's positions; the engine hands out LSP's.
import { lineStarts } from './edits';
import type { Finding, Position, Range } from './types';
import { lowerBound } from './analysis/search';

/** Offsets of each tree-sitter row start. */
export function rowStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * `findings` with every position moved from tree-sitter rows to LSP lines. Without a \r in the
 * text both agree, but for a line comment's end, which tree-sitter puts after the \r of a CRLF.
 */
export function toLspPositions(findings: Finding[], text: string): Finding[] {
  if (!text.includes('\r')) return findings;
  const rows = rowStarts(text);
  const lines = lineStarts(text);
  const lineEnd = (line: number) => {
    if (line + 1 === lines.length) return text.length;
    const next = lines[line + 1];
    return next - (text[next - 1] === '\n' && text[next - 2] === '\r' ? 2 : 1);
  };
  const position = (p: Position): Position => {
    const offset = Math.min((rows[p.line] ?? text.length) + p.character, text.length);
    // The last line starting at or before the offset (lines[0] is 0).
    const line = lowerBound(lines.length, (k) => lines[k], offset + 1) - 1;
    return { line, character: Math.min(offset, lineEnd(line)) - lines[line] };
  };
  const range = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });
  return findings.map((f) => ({
    ...f,
    range: range(f.range),
    related: f.related.map((r) => (r.file ? r : { ...r, range: range(r.range) })),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: range(e.range) })) })),
  }));
}
