import { declarationOf, FunctionModel } from '../../server/src/analysis/model';
import { Node } from '../../server/src/analysis/syntax';
import type { Related } from '../../server/src/types';
import type { PackageIndex } from '../../server/src/workspace/index';
import { inFile } from '../../server/src/workspace/summary';
import { descendants } from '../../server/src/analysis/descendants';

const WAITGROUP = /^\*?sync\.WaitGroup$/;

/** `&T{}` → `*T`, `T{}` → `T`, `new(T)` → `*T`: the type a value spells out, if it does. */
function typeOfValue(v: Node): string | undefined {
  if (v.type === 'unary_expression' && v.childForFieldName('operator')?.type === '&') {
    const operand = v.childForFieldName('operand');
    // `&&T{}` is no type either: one level, so a generated `& & & …` does not recurse.
    const t = operand && operand.type !== 'unary_expression' ? typeOfValue(operand) : undefined;
    return t && !t.startsWith('*') ? `*${t}` : undefined;
  }
  if (v.type === 'composite_literal') return v.childForFieldName('type')?.text;
  if (v.type === 'call_expression' && v.childForFieldName('function')?.text === 'new') {
    const args = v.childForFieldName('arguments')?.namedChildren ?? [];
    return args.length === 1 && args[0] ? `*${args[0].text}` : undefined;
  }
  return undefined;
}

/** The type written at a declaration: `var x T`, `x := &T{}`, `x := new(T)`, a parameter `x *T`. */
function declaredType(decl: Node): string | undefined {
  const parent = decl.parent;
  if (!parent) return undefined;
  if (parent.type === 'parameter_declaration') return parent.childForFieldName('type')?.text;
  if (parent.type === 'var_spec') {
    const written = parent.childForFieldName('type');
    if (written) return written.text;
    const i = parent.childrenForFieldName('name').findIndex((n) => n.id === decl.id);
    const value = parent.childForFieldName('value')?.namedChildren[i];
    return value ? typeOfValue(value) : undefined;
  }
  if (parent.type === 'expression_list' && parent.parent?.type === 'short_var_declaration') {
    const names = parent.namedChildren;
    const values = parent.parent.childForFieldName('right')?.namedChildren ?? [];
    const i = names.findIndex((n) => n?.id === decl.id);
    const value = values.length === names.length ? values[i] : null;
    return value ? typeOfValue(value) : undefined;
  }
  return undefined;
}

/** The type of a package-level variable declared in this file. */
function packageVarType(root: Node, name: string): string | undefined {
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'var_declaration') continue;
    for (const spec of descendants(decl, 'var_spec')) {
      const found = spec.childrenForFieldName('name').find((n) => n.text === name);
      if (found) return declaredType(found);
    }
  }
  return undefined;
}

/** `*T[int]` → `T`; undefined for a type of another package (`*pkg.T`). */
export function localTypeName(type: string): string | undefined {
  const t = type.replace(/^\*/, '').replace(/\[.*$/s, '');
  return /^\w+$/.test(t) ? t : undefined;
}

/**
 * The written type of a local or receiver name, of a package variable of this file, or of a field
 * chain off one. A loop over the chain, not recursion: a generated `a.b.b…` can be 40k fields deep.
 */
export function typeOf(expr: Node, model: FunctionModel, index: PackageIndex, root: Node): string | undefined {
  const fields: string[] = [];
  let n: Node | null = expr;
  for (;;) {
    if (n?.type === 'parenthesized_expression') n = n.namedChild(0);
    else if (n?.type === 'selector_expression') {
      const field = n.childForFieldName('field')?.text;
      if (!field) return undefined;
      fields.push(field);
      n = n.childForFieldName('operand');
    } else break;
  }
  if (n?.type !== 'identifier') return undefined;
  const decl = declarationOf(model, n);
  let type = decl ? declaredType(decl) : model.locals.has(n.text) ? undefined : packageVarType(root, n.text);
  for (let i = fields.length - 1; i >= 0 && type !== undefined; i--) {
    const struct = localTypeName(type);
    type = struct ? index.struct(struct)?.fields.find((f) => f.name === fields[i])?.type : undefined;
  }
  return type;
}

/**
 * Is `x` (the receiver of an `Add` call) a sync.WaitGroup? By its declared type where the code
 * spells one out (a struct of this package with an embedded WaitGroup counts); for a field
 * whose owner's type is not known, when every field of that name in the package is one.
 */
export function isWaitGroup(x: Node, model: FunctionModel, index: PackageIndex, root: Node): boolean {
  const type = typeOf(x, model, index, root);
  if (type !== undefined) {
    if (WAITGROUP.test(type)) return true;
    const name = localTypeName(type);
    const struct = name ? index.struct(name) : undefined;
    if (struct) return struct.fields.some((f) => f.name === 'WaitGroup' && WAITGROUP.test(f.type));
    if (!name) return false;
  }
  if (x.type !== 'selector_expression') return false;
  const field = x.childForFieldName('field')?.text;
  const same = index.files.flatMap((f) => f.structs).flatMap((s) => s.fields.filter((f) => f.name === field));
  return same.length > 0 && same.every((f) => WAITGROUP.test(f.type));
}

/** The field a WaitGroup expression ends in: `wg` for `s.wg`; undefined for a bare name. */
export function fieldName(x: Node): string | undefined {
  return x.type === 'selector_expression' ? x.childForFieldName('field')?.text : undefined;
}

/**
 * A `X.Wait()` on a field of this name somewhere in the package, this file first; not one
 * inside `except` (a Wait later in the function that does the Add runs after it, not alongside).
 */
export function waitOnField(field: string, index: PackageIndex, path: string, except?: Node): Related | undefined {
  const files = [...index.files].sort((a, b) => Number(b.path === path) - Number(a.path === path));
  const excluded = (f: { path: string }, line: number) =>
    !!except && f.path === path && except.startPosition.row <= line && line <= except.endPosition.row;
  for (const f of files) {
    for (const fn of f.funcs) {
      const wait = fn.waitCalls.find((w) => (w.target === field || w.target.endsWith(`.${field}`)) && !excluded(f, inFile(fn, w.range).start.line));
      if (wait) {
        const where = fn.receiverType ? `${fn.receiverType}.${fn.name}` : fn.name;
        return { range: inFile(fn, wait.range), message: `${where} waits on ${wait.target} and can run concurrently`, ...(f.path === path ? {} : { file: f.path }) };
      }
    }
  }
  return undefined;
}
