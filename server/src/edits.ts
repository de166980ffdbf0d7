import { Finding, Position, TextEdit } from './types';

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Offsets of each line start, so positions convert without rescanning the text. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(starts: readonly number[], text: string, pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  return Math.min(starts[pos.line] + pos.character, lineEnd);
}

/**
 * Applies edits computed against `text`. Identical edits are applied once (two fixes that
 * both add the same helper or import); overlapping edits are refused, never merged.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique = dedupeEdits(edits);
  const starts = lineStarts(text);
  const located = unique
    .map((e) => ({ from: offsetAt(starts, text, e.range.start), to: offsetAt(starts, text, e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < located.length; i++) {
    if (located[i].from < located[i - 1].to) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const e of located) {
    out += text.slice(at, e.from) + e.text;
    at = e.to;
  }
  return out + text.slice(at);
}

export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const e of edits) {
    const key = `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point do overlap in meaning: their order would be arbitrary.
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0
    || (compare(a.range.start, b.range.start) === 0 && compare(a.range.end, b.range.end) === 0);
}

/**
 * The edits of every finding's preferred fix that can be applied together. A fix whose edits
 * collide with an already chosen fix is left for the next round (the caller re-analyzes).
 */
export function preferredEdits(findings: readonly Finding[]): { edits: TextEdit[]; applied: Finding[]; deferred: Finding[] } {
  const chosen: TextEdit[] = [];
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    const fresh = dedupeEdits(fix.edits).filter((e) => !chosen.some((c) => sameEdit(c, e)));
    if (fresh.some((e) => chosen.some((c) => overlaps(c, e)))) {
      deferred.push(finding);
      continue;
    }
    chosen.push(...fresh);
    applied.push(finding);
  }
  return { edits: chosen, applied, deferred };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return compare(a.range.start, b.range.start) === 0 && compare(a.range.end, b.range.end) === 0 && a.newText === b.newText;
}
