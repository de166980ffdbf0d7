import type { Node } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';
import type { StructSummary } from '../../server/src/workspace/summary';

/** The outer shape of a Go type written as text; elements stay text. */
export type Shape =
  | { kind: 'pointer'; elem: string }
  | { kind: 'slice'; elem: string }
  | { kind: 'array'; elem: string }
  | { kind: 'map'; key: string; elem: string }
  | { kind: 'named'; name: string; qualified: boolean }
  | { kind: 'other'; text: string };

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

export function shapeOf(type: string): Shape {
  const t = type.trim();
  if (t.startsWith('(') && t.endsWith(')')) return shapeOf(t.slice(1, -1));
  if (t.startsWith('*')) return { kind: 'pointer', elem: t.slice(1).trim() };
  if (t.startsWith('[]')) return { kind: 'slice', elem: t.slice(2).trim() };
  if (t.startsWith('[')) {
    const c = closing(t, 0);
    return c > 0 ? { kind: 'array', elem: t.slice(c + 1).trim() } : { kind: 'other', text: t };
  }
  if (t.startsWith('map[')) {
    const c = closing(t, 3);
    return c > 0 ? { kind: 'map', key: t.slice(4, c).trim(), elem: t.slice(c + 1).trim() } : { kind: 'other', text: t };
  }
  // Type arguments are dropped: a generic struct's fields name its parameters, not package types.
  const m = /^([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?(?:\[.*\])?$/.exec(t);
  if (m) return { kind: 'named', name: m[2] ? `${m[1]}.${m[2]}` : m[1], qualified: !!m[2] };
  return { kind: 'other', text: t };
}

/** Looks through the package's non-struct named types (`type byID map[string]*T`) to the shape beneath. */
export function underlying(type: string, index: PackageIndex): Shape {
  let shape = shapeOf(type);
  for (let i = 0; i < 5 && shape.kind === 'named' && !shape.qualified && !index.struct(shape.name); i++) {
    const def = index.typeDef(shape.name);
    if (!def) break;
    shape = shapeOf(def);
  }
  return shape;
}

/** The package struct that `type` names, after looking through named types. */
export function structNamed(type: string, index: PackageIndex): StructSummary | undefined {
  const shape = underlying(type, index);
  return shape.kind === 'named' && !shape.qualified ? index.struct(shape.name) : undefined;
}

function isEmbedded(field: { name: string; type: string }): boolean {
  return field.name === field.type.replace(/^\*/, '').replace(/\[.*$/, '').replace(/^.*\./, '');
}

/** The type of `field` selected on a value of struct `name`, through embedded structs. */
export function fieldType(index: PackageIndex, name: string, field: string, depth = 0): string | undefined {
  const st = index.struct(name);
  if (!st || depth > 3) return undefined;
  const direct = st.fields.find((f) => f.name === field);
  if (direct) return direct.type;
  for (const f of st.fields) {
    if (!isEmbedded(f)) continue;
    const inner = structNamed(f.type.replace(/^\*/, ''), index);
    const found = inner && fieldType(index, inner.name, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** What an expression's type is known to be from the receiver, package variables and struct fields. */
export interface TypeEnv {
  index: PackageIndex;
  receiver?: { name: string; type: string };
  /** Names the function declares (they shadow package variables). */
  isLocal(name: string): boolean;
}

function deref(type: string | undefined, env: TypeEnv): Shape | undefined {
  if (type === undefined) return undefined;
  const shape = underlying(type, env.index);
  return shape.kind === 'pointer' ? underlying(shape.elem, env.index) : shape;
}

/**
 * The static type of `expr` where declarations tell it. A loop over the operand chain, resolved
 * back up, not recursion: a generated `s.a.a…` or `x[k][k]…` can be 40k links deep.
 */
export function typeOf(expr: Node, env: TypeEnv): string | undefined {
  const chain: Node[] = [];
  let n: Node | null = expr;
  while (n && n.type !== 'identifier') {
    if (!CHAIN_TYPES.has(n.type)) return undefined;
    chain.push(n);
    n = n.type === 'parenthesized_expression' ? n.namedChild(0) : n.childForFieldName('operand');
  }
  if (!n) return undefined;
  let type: string | undefined = env.receiver && n.text === env.receiver.name ? `*${env.receiver.type}` : env.isLocal(n.text) ? undefined : env.index.varType(n.text);
  for (let i = chain.length - 1; i >= 0 && type !== undefined; i--) type = step(chain[i], type, env);
  return type;
}

const CHAIN_TYPES = new Set(['parenthesized_expression', 'selector_expression', 'index_expression', 'slice_expression', 'unary_expression']);

/** The type of one link of a chain, given the type of its operand. */
function step(expr: Node, inner: string, env: TypeEnv): string | undefined {
  switch (expr.type) {
    case 'parenthesized_expression':
      return inner;
    case 'selector_expression': {
      const base = deref(inner, env);
      const field = expr.childForFieldName('field')?.text;
      return base?.kind === 'named' && !base.qualified && field ? fieldType(env.index, base.name, field) : undefined;
    }
    case 'index_expression': {
      const base = deref(inner, env);
      return base && (base.kind === 'map' || base.kind === 'slice' || base.kind === 'array') ? base.elem : undefined;
    }
    case 'slice_expression': {
      const base = deref(inner, env);
      if (base?.kind === 'array') return `[]${base.elem}`;
      return base?.kind === 'slice' ? inner : undefined;
    }
    case 'unary_expression': {
      const op = expr.childForFieldName('operator')?.text;
      if (op === '&') return `*${inner}`;
      const shape = op === '*' ? underlying(inner, env.index) : undefined;
      return shape?.kind === 'pointer' ? shape.elem : undefined;
    }
    default:
      return undefined;
  }
}

/** The element type of a collection type (map value, slice or array element). */
export function elementOf(type: string, index: PackageIndex): string | undefined {
  const shape = underlying(type, index);
  return shape.kind === 'map' || shape.kind === 'slice' || shape.kind === 'array' ? shape.elem : undefined;
}

const SYNC_FIELD = /^\*?(?:sync|atomic)\.|^(?:<-\s*)?chan\b/;

/**
 * A handle synchronizes itself: a Mutex, RWMutex, Once, WaitGroup, atomic or channel field,
 * or methods that lock. Sharing a pointer to one is how it is meant to be used.
 */
export function isHandle(st: StructSummary, index: PackageIndex): boolean {
  return st.fields.some((f) => SYNC_FIELD.test(f.type)) || index.methodsOf(st.name).some((m) => m.locks.length > 0);
}

/** The package struct `type` points to, when it is plain data (a struct with fields and no synchronization of its own). */
export function plainPointee(type: string, index: PackageIndex): StructSummary | undefined {
  const shape = underlying(type, index);
  if (shape.kind !== 'pointer') return undefined;
  const st = structNamed(shape.elem, index);
  return st && st.fields.length > 0 && !isHandle(st, index) ? st : undefined;
}

/** A plain-data package struct held by value (its address handed out is a pointer into guarded state). */
export function plainStruct(type: string, index: PackageIndex): StructSummary | undefined {
  const st = structNamed(type, index);
  return st && st.fields.length > 0 && !isHandle(st, index) ? st : undefined;
}
