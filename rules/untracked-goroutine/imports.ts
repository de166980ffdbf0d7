import { fileHead, Node, rangeOf, startsLine } from '../../server/src/analysis/syntax';
import type { TextEdit } from '../../server/src/types';
import { descendants } from '../../server/src/analysis/descendants';

/** The path of an import spec's source text (`f "fmt"` → `fmt`): gofmt sorts specs by it. */
function specText(spec: string): string {
  return /["`]([^"`]*)["`]/.exec(spec)?.[1] ?? spec;
}

/** Import specs as source lines, in gofmt's order (by path; the sort is stable on ties). */
function sortSpecs(specs: string[]): string[] {
  return specs.sort((a, b) => (specText(a) < specText(b) ? -1 : specText(a) > specText(b) ? 1 : 0));
}

/** Only whitespace before `spec` on its line, and only whitespace or a line comment after it. */
function onOwnLine(text: string, spec: Node): boolean {
  const eol = text.indexOf('\n', spec.endIndex);
  return startsLine(text, spec) && /^\s*(?:\/\/.*)?$/.test(text.slice(spec.endIndex, eol < 0 ? text.length : eol));
}

function specPath(spec: Node): string {
  return spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
}

/**
 * The name under which `importPath` (a standard-library path) is usable in this file, with the
 * edits that import it if it is not imported yet. New specs go where gofmt keeps them: sorted
 * into the block of standard-library imports. Undefined when it cannot be imported cleanly
 * (imported as `_` or `.`).
 */
export function importEdit(root: Node, text: string, importPath: string): { name: string; edits: TextEdit[] } | undefined {
  const decls = fileHead(root).filter((n) => n.type === 'import_declaration');
  const specs = decls.flatMap((d) => descendants(d, 'import_spec'));
  const existing = specs.find((s) => specPath(s) === importPath);
  if (existing) {
    const alias = existing.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') return undefined;
    return { name: alias ?? importPath.split('/').pop()!, edits: [] };
  }
  const name = importPath.split('/').pop()!;
  const line = `"${importPath}"`;
  const list = decls.map((d) => d.namedChildren.find((n) => n?.type === 'import_spec_list')).find((l): l is Node => !!l);
  if (list) {
    const listSpecs = list.namedChildren.filter((n): n is Node => n?.type === 'import_spec');
    // `import ("fmt")`: a spec sharing its line has no line of its own to add one after.
    if (!listSpecs.every((s) => onOwnLine(text, s))) {
      if (list.namedChildren.some((n) => n?.type !== 'import_spec')) return undefined; // comments would need placing
      const lines = sortSpecs([...listSpecs.map((s) => s.text), line]);
      return { name, edits: [{ range: rangeOf(list), newText: `(\n\t${lines.join('\n\t')}\n)` }] };
    }
    // Groups are separated by blank lines; gofmt sorts within each. Use the first group whose
    // paths look like the standard library (no dot in the first element).
    const groups: Node[][] = [];
    for (const s of listSpecs) {
      const prev = groups[groups.length - 1]?.at(-1);
      if (prev && s.startPosition.row === prev.endPosition.row + 1) groups[groups.length - 1].push(s);
      else groups.push([s]);
    }
    const std = groups.find((g) => g.every((s) => !specPath(s).split('/')[0].includes('.'))) ?? groups[0];
    if (!std) return undefined;
    const after = std.find((s) => specPath(s) > importPath);
    const indent = text.slice(text.lastIndexOf('\n', std[0].startIndex - 1) + 1, std[0].startIndex);
    if (after) {
      const at = { line: after.startPosition.row, character: 0 };
      return { name, edits: [{ range: { start: at, end: at }, newText: `${indent}${line}\n` }] };
    }
    const last = std[std.length - 1];
    const at = { line: last.endPosition.row + 1, character: 0 };
    return { name, edits: [{ range: { start: at, end: at }, newText: `${indent}${line}\n` }] };
  }
  const single = decls[decls.length - 1];
  if (single) {
    // `import "fmt"` becomes a block holding both, sorted.
    const only = specs.length === 1 && decls.length === 1 ? specs[0] : undefined;
    if (only) {
      return { name, edits: [{ range: rangeOf(single), newText: `import (\n\t${sortSpecs([only.text, line]).join('\n\t')}\n)` }] };
    }
    const end = rangeOf(single).end;
    return { name, edits: [{ range: { start: end, end }, newText: `\nimport ${line}` }] };
  }
  const pkg = fileHead(root).find((n) => n.type === 'package_clause');
  if (!pkg) return undefined;
  const end = rangeOf(pkg).end;
  return { name, edits: [{ range: { start: end, end }, newText: `\n\nimport ${line}` }] };
}
