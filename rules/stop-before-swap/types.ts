import type { FunctionModel } from '../../server/src/analysis/model';
import type { Node } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';
import type { StructSummary } from '../../server/src/workspace/summary';

/** `*pkg.T[K]` → `pkg.T`: the named type a value's methods and fields come from. */
export function baseType(type: string): string {
  return type.replace(/^\*/, '').replace(/\[.*$/, '').trim();
}

/** The element type of `map[K]V` or `[]V` (bracket-aware, so `map[[2]int]V` works). */
export function elementType(type: string): string | undefined {
  const t = type.replace(/^\*/, '');
  if (t.startsWith('[]')) return t.slice(2);
  if (!t.startsWith('map[')) return undefined;
  let depth = 0;
  for (let i = 3; i < t.length; i++) {
    if (t[i] === '[') depth++;
    else if (t[i] === ']' && --depth === 0) return t.slice(i + 1);
  }
  return undefined;
}

/** The declared type of a local: a parameter, `var x T`, `x := &T{...}`, `x := new(T)`, `x := y.f`. */
function localType(decl: Node, typeOf: (expr: Node | null, depth?: number) => string | undefined, depth: number): string | undefined {
  const parent = decl.parent;
  if (!parent) return undefined;
  if (parent.type === 'parameter_declaration' || parent.type === 'var_spec') {
    const type = parent.childForFieldName('type')?.text;
    if (type) return type;
  }
  const owner = parent.type === 'expression_list' ? parent.parent : parent;
  if (owner?.type !== 'short_var_declaration' && owner?.type !== 'var_spec') return undefined;
  const left = owner.type === 'var_spec' ? owner.childrenForFieldName('name') : owner.childForFieldName('left')?.namedChildren ?? [];
  const right = owner.childForFieldName(owner.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
  if (left.length !== right.length) return undefined;
  let value: Node | null | undefined = right[left.findIndex((n) => n?.id === decl.id)];
  let pointer = '';
  if (value?.type === 'unary_expression' && value.childForFieldName('operator')?.type === '&') {
    value = value.childForFieldName('operand');
    pointer = '*';
  }
  if (value?.type === 'composite_literal') {
    const type = value.childForFieldName('type')?.text;
    return type ? pointer + type : undefined;
  }
  if (value && !pointer && /^(identifier|selector_expression|index_expression)$/.test(value.type)) return typeOf(value, depth + 1);
  if (value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'new') {
    const arg = value.childForFieldName('arguments')?.namedChild(0)?.text;
    return arg ? `*${arg}` : undefined;
  }
  return undefined;
}

/**
 * A best-effort static type of `expr` from declarations in sight: the receiver, parameters,
 * locals with a written type, struct fields of package types, map and slice elements. Structs
 * are looked up through `struct`, which prefers this file's declarations: files for other
 * platforms may declare the same type with other fields.
 * Undefined when it cannot be told without a type checker.
 */
export function typeResolver(model: FunctionModel, struct: (name: string) => StructSummary | undefined, aliasSource: (name: string) => { source: Node; element: boolean } | undefined) {
  const typeOf = (expr: Node | null, depth = 0): string | undefined => {
    if (!expr || depth > 8) return undefined;
    switch (expr.type) {
      case 'parenthesized_expression':
        return typeOf(expr.namedChild(0), depth + 1);
      case 'identifier': {
        const recv = model.receiver;
        if (recv && expr.text === recv.name) return (recv.pointer ? '*' : '') + recv.type;
        const alias = aliasSource(expr.text);
        if (alias) {
          const type = typeOf(alias.source, depth + 1);
          return type && alias.element ? elementType(type) : type;
        }
        const decls = model.locals.get(expr.text);
        return decls?.length === 1 ? localType(decls[0], typeOf, depth) : undefined;
      }
      case 'selector_expression': {
        const owner = typeOf(expr.childForFieldName('operand'), depth + 1);
        const field = expr.childForFieldName('field')?.text;
        if (!owner || !field) return undefined;
        return struct(baseType(owner))?.fields.find((f) => f.name === field)?.type;
      }
      case 'index_expression': {
        const container = typeOf(expr.childForFieldName('operand'), depth + 1);
        return container ? elementType(container) : undefined;
      }
      default:
        return undefined;
    }
  };
  return typeOf;
}

/** Teardowns of these types return at once: they wait for nothing. */
const NON_BLOCKING = /^(time\.(Timer|Ticker)|context\.Cancel(Cause)?Func)$/;

/**
 * Timers are not components that serve readers: stopping one and arming another (under the
 * lock or not) is how deadlines are reset, so their teardowns are not reported at all.
 */
export function isTimer(type: string | undefined): boolean {
  return !!type && /^time\.(Timer|Ticker)$/.test(baseType(type));
}

/**
 * Can `method` on a value of `type` wait for something (a goroutine to exit, I/O to drain)?
 * Unknown types and methods are assumed to: that is what Stop and Shutdown are for.
 */
export function mayBlock(type: string | undefined, method: string, index: PackageIndex, stopMethods: readonly string[], depth = 0): boolean {
  if (!type) return true;
  const base = baseType(type);
  if (NON_BLOCKING.test(base)) return false;
  const summary = index.method(base, method);
  if (!summary || depth > 3) return true;
  if (summary.waits) return true;
  // Another teardown inside (`r.srv.Shutdown(ctx)`) may wait; its receiver's type is not known here.
  return summary.calls.some((c) => stopMethods.includes(c) || (c !== method && !!index.method(base, c) && mayBlock(type, c, index, stopMethods, depth + 1)));
}
