import type { FileModel, FunctionModel } from '../../server/src/analysis/model';
import { bindingsIn, reachingBinding, scopeOf } from '../../server/src/analysis/returns';
import { contains, enclosingFunction, indentOf, Node, rangeOf, startsLine, writeTargets } from '../../server/src/analysis/syntax';
import { identifiersIn } from '../../server/src/workspace/funcSummary';
import { PackageIndex } from '../../server/src/workspace/index';
import type { Fix, TextEdit } from '../../server/src/types';
import type { Escape } from './check';
import { Copier } from './copies';
import { descendants } from '../../server/src/analysis/descendants';

export interface FixContext {
  file: FileModel;
  index: PackageIndex;
  model: FunctionModel;
  decl: Node;
  /** Another escape leaves through the same statement: fresh names would collide. */
  crowded: boolean;
}

const RESERVED = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
  'append', 'cap', 'clear', 'close', 'copy', 'delete', 'len', 'make', 'max', 'min', 'new', 'nil', 'panic', 'print',
  'println', 'recover', 'true', 'false', 'iota', 'any', 'error', 'string', 'bool', 'byte', 'rune', 'int',
]);

/** The name `importPath` is imported under in this file, when it is imported and not shadowed. */
function importName(root: Node, importPath: string, model: FunctionModel): string | undefined {
  for (const spec of descendants(root, 'import_spec')) {
    if (spec.childForFieldName('path')?.text.slice(1, -1) !== importPath) continue;
    const name = spec.childForFieldName('name')?.text ?? importPath;
    return name === '_' || name === '.' || model.locals.has(name) ? undefined : name;
  }
  return undefined;
}

/** A statement of its own, on lines of its own, in a block or case body: code can go on the line above. */
function standsAlone(stmt: Node, text: string): boolean {
  if (stmt.parent?.type !== 'statement_list' && stmt.parent?.type !== 'block') return false;
  const lineEnd = text.indexOf('\n', stmt.endIndex);
  const rest = text.slice(stmt.endIndex, lineEnd < 0 ? text.length : lineEnd);
  return startsLine(text, stmt) && /^\s*(?:\/\/.*)?$/.test(rest);
}

function lowerFirst(name: string): string {
  return /^[A-Z0-9_]+$/.test(name) ? name.toLowerCase() : name[0].toLowerCase() + name.slice(1);
}

function copierFor(ctx: FixContext): Copier {
  const { file, index, model, decl } = ctx;
  const root = file.tree.rootNode;
  const imports = new Set(descendants(root, 'import_spec').map((s) => s?.childForFieldName('name')?.text ?? s?.childForFieldName('path')?.text.slice(1, -1).split('/').pop() ?? ''));
  // A method's own name is not in scope in its body: a local may take it.
  const parts = ['receiver', 'parameters', 'result', 'body'].map((f) => decl.childForFieldName(f)?.text ?? '');
  const taken = new Set([...identifiersIn(parts.join('\n')), ...index.topLevel, ...imports]);
  const slices = importName(root, 'slices', model);
  const maps = importName(root, 'maps', model);
  return new Copier({
    index,
    slices,
    maps,
    usable: (type) =>
      [...type.matchAll(/([A-Za-z_]\w*)\s*\./g)].every((m) => imports.has(m[1]) && !model.locals.has(m[1])) &&
      [...identifiersIn(type)].every((n) => !model.locals.has(n)),
    fresh(...bases) {
      const free = (n: string) => !taken.has(n) && !RESERVED.has(n);
      let name = bases.find(free) ?? bases[0];
      for (let i = 2; !free(name); i++) name = `${bases[0]}${i}`;
      taken.add(name);
      return name;
    },
    release: (name) => taken.delete(name),
  });
}

function insertBefore(stmt: Node, text: string, lines: string[]): TextEdit {
  const indent = indentOf(text, stmt);
  const at = { line: stmt.startPosition.row, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => `${indent}${l}\n`).join('') };
}

/** The statement that ends the critical section the value was read in (when the unlock is not deferred). */
function unlockAfterRead(e: Escape, model: FunctionModel): Node | undefined {
  const fn = enclosingFunction(e.read);
  const section = model.sections.find(
    (s) => s.mutex === e.mutex && s.start <= e.read.startIndex && e.read.startIndex < s.end && enclosingFunction(s.lock.statement)?.id === fn?.id,
  );
  return section?.unlock?.statement;
}

/** Does anything after `stmt` (in the variable's scope) still use the variable that a copy would replace? */
function usedAfter(name: string, stmt: Node, decl: Node): boolean {
  const declared = reachingBinding(bindingsIn(decl).filter((b) => b.node.type !== 'assignment_statement'), name, stmt);
  const scope = (declared && scopeOf(declared.node)) ?? decl;
  return descendants(scope, 'identifier').some((id) => id?.text === name && id.startIndex >= stmt.endIndex);
}

/** Other operands of the statement that a binding placed before it would now run after: calls and receives. */
function reordersEffects(e: Escape): boolean {
  const value = e.handout.value;
  return descendants(e.handout.statement, ['call_expression', 'unary_expression']).some((n) => {
    if (contains(value, n.startIndex)) return false;
    if (n.type === 'unary_expression') return n.childForFieldName('operator')?.text === '<-';
    return n.childForFieldName('function')?.text !== 'append';
  });
}

/** "Return a copy": the value is copied under the lock, where it was read, and the signature stays. */
export function copyFix(e: Escape, ctx: FixContext): Fix | undefined {
  const h = e.handout;
  const text = ctx.file.text;
  if (h.spread || !standsAlone(h.statement, text)) return undefined;
  const copier = copierFor(ctx);
  const edits: TextEdit[] = [];
  const variable = h.bindings[0];
  if (variable) {
    const name = variable.name.text;
    let at = h.statement;
    if (e.released) {
      // Copy before the unlock, from the binding the handout sees, and nothing may touch it after.
      const unlock = unlockAfterRead(e, ctx.model);
      if (!unlock || !standsAlone(unlock, text) || variable.name.startIndex >= unlock.startIndex) return undefined;
      if (reachingBinding(bindingsIn(ctx.decl), name, unlock)?.name.id !== variable.name.id) return undefined;
      if (writeTargets(ctx.decl).some((w) => w.name === name && w.node.startIndex > unlock.startIndex)) return undefined;
      at = unlock;
    } else if (h.via !== 'return' && usedAfter(name, h.statement, ctx.decl)) {
      return undefined;
    }
    const lines = copier.copy(name, e.type);
    if (!lines) return undefined;
    edits.push(insertBefore(at, text, lines));
  } else {
    if (e.released || ctx.crowded || reordersEffects(e)) return undefined;
    const clone = copier.cloneExpr(h.value.text, e.type);
    if (clone) return { title: 'Return a copy', preferred: true, edits: [{ range: rangeOf(h.value), newText: clone }] };
    const field = /(\w+)$/.exec(e.read.text.replace(/\[.*$/, ''))?.[1] ?? 'out';
    const name = e.kind === 'pointer' || e.kind === 'address' ? copier.fresh(lowerFirst(e.struct!.name)) : copier.fresh(field, 'out');
    const deep = e.kind === 'address' && copier.deepen(name, e.struct!);
    const lines = e.kind === 'address' ? deep && [`${name} := ${e.read.text}`, ...deep] : copier.copy(name, e.type, h.value.text);
    if (!lines) return undefined;
    edits.push(insertBefore(h.statement, text, lines));
    edits.push({ range: rangeOf(h.value), newText: e.kind === 'address' ? `&${name}` : name });
  }
  return { title: 'Return a copy', preferred: true, edits };
}
