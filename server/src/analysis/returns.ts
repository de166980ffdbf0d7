import { contains, enclosingFunction, Node } from './syntax';
import { descendants } from './descendants';

/** Where a local variable got its value. */
export interface Binding {
  /** The identifier as it is bound (left of `:=`/`=`, in a var spec, a range clause or a parameter list). */
  name: Node;
  /** The statement, spec, range clause or parameter that binds it. */
  node: Node;
  /**
   * The expression whose value it holds when known: `s.m[k]` for `v := s.m[k]` and `v, ok := s.m[k]`;
   * the call for `v, err := f()` (v holds its first result).
   */
  value?: Node;
  /** It holds an element of `value`: `for _, v := range value`. */
  element: boolean;
}

/** A value that leaves a function: a result, or a value put into a local slice or map that is returned. */
export interface Handout {
  value: Node;
  /** The return, `out = append(out, …)` or `out[k] = …` statement. */
  statement: Node;
  via: 'return' | 'append' | 'store';
  /** `append(out, xs...)`: every element of `value` leaves. */
  spread: boolean;
  /** What `value` holds, followed through local bindings: the expression that was read (or `value`). */
  origin: Node;
  /** `value` holds an element of `origin` (a range value). */
  element: boolean;
  /** The bindings followed from `value` to `origin`, nearest first. */
  bindings: Binding[];
}

/** A write through a function's result: `s := st.Get(k); s.State = x`, `st.Get(k).N++`, `for _, s := range st.List() { s.N = 0 }`. */
export interface ResultWrite {
  callee: string;
  /** Called as `x.callee(…)` rather than `callee(…)`. */
  method: boolean;
  target: Node;
}

const SCOPE_STEPS = new Set(['statement_list', 'for_clause', 'var_spec_list', 'var_declaration', 'expression_list', 'parameter_list']);

/** The node a declaration's names are visible in (a block, a case clause, an if/for/switch, the function). */
export function scopeOf(decl: Node): Node | null {
  let p = decl.parent;
  while (p && SCOPE_STEPS.has(p.type)) p = p.parent;
  return p;
}

function named(list: Node | null): Node[] {
  if (!list) return [];
  const items = list.type === 'expression_list' ? list.namedChildren : [list];
  return items.filter((n): n is Node => !!n && n.type !== 'comment');
}

/** The value bound to the `i`-th of `left` from `right`: pairwise, or the first of `v, ok := m[k]` and `v, err := f()`. */
function valueFor(left: Node[], right: Node[], i: number): Node | undefined {
  if (left.length === right.length) return right[i];
  const only = right.length === 1 ? right[0] : undefined;
  const first = only && ['index_expression', 'type_assertion_expression', 'unary_expression', 'call_expression'].includes(only.type);
  return first && i === 0 ? only : undefined;
}

const BINDING_TYPES = ['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause', 'parameter_declaration', 'receive_statement'];

/** The bindings `node` makes; with `only`, none when it binds no name `only` (its values are then not read). */
function bindingsOf(node: Node, only?: string): Binding[] {
  if (node.type === 'parameter_declaration' || node.type === 'var_spec') {
    const names = node.childrenForFieldName('name');
    if (only !== undefined && !names.some((n) => n.text === only)) return [];
    const values = named(node.childForFieldName('value'));
    return names.map((name, i) => ({ name, node, value: values[i], element: false }));
  }
  if (node.type === 'assignment_statement' && node.childForFieldName('operator')?.text !== '=') return [];
  const left = named(node.childForFieldName('left'));
  if (only !== undefined && !left.some((n) => n.text === only)) return [];
  const right = named(node.childForFieldName('right'));
  return left.flatMap((name, i): Binding[] => {
    if (name.type !== 'identifier' || name.text === '_') return [];
    if (node.type === 'range_clause') return [{ name, node, value: i === 1 ? right[0] : undefined, element: true }];
    return [{ name, node, value: node.type === 'receive_statement' ? undefined : valueFor(left, right, i), element: false }];
  });
}

/** Every binding of every name inside `fn` (its parameters, and its literals' bindings too). */
export function bindingsIn(fn: Node): Binding[] {
  return descendants(fn, BINDING_TYPES).flatMap((n) => bindingsOf(n));
}

/**
 * The binding of `name` that last precedes `at` in the text and is in scope there. Textual
 * order stands in for flow: a branch that rebinds the name later in the text wins.
 */
export function reachingBinding(bindings: readonly Binding[], name: string, at: Node): Binding | undefined {
  let best: Binding | undefined;
  for (const b of bindings) {
    if (b.name.text !== name || b.name.startIndex >= at.startIndex) continue;
    const declares = b.node.type !== 'assignment_statement';
    const scope = declares ? scopeOf(b.node) : null;
    if (declares && (!scope || !contains(scope, at.startIndex))) continue;
    // A range value is bound only inside its loop.
    if (b.element && !contains(b.node.parent ?? b.node, at.startIndex)) continue;
    if (!best || b.name.startIndex > best.name.startIndex) best = b;
  }
  return best;
}

function ownedBy(fn: Node, node: Node): boolean {
  return enclosingFunction(node)?.id === fn.id;
}

function follow(bindings: readonly Binding[], value: Node, at: Node): Pick<Handout, 'origin' | 'element' | 'bindings'> {
  const chain: Binding[] = [];
  let origin = value;
  let element = false;
  // A few steps cover `v := s.m[k]; w := v`; a cycle (`v = v`) stops at the first repeat.
  while (origin.type === 'identifier' && !element && chain.length < 4) {
    const b = reachingBinding(bindings, origin.text, chain.length === 0 ? at : origin);
    if (!b?.value || chain.includes(b)) break;
    chain.push(b);
    origin = b.value;
    element = b.element;
  }
  return { origin, element, bindings: chain };
}

function resultNames(fn: Node): Node[] {
  const result = fn.childForFieldName('result');
  if (result?.type !== 'parameter_list') return [];
  return result.namedChildren.flatMap((p) => (p?.type === 'parameter_declaration' ? p.childrenForFieldName('name') : []));
}

/** What `fn` hands out, from its own body (func literals inside it return their own values). */
export function handoutsOf(fn: Node): Handout[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const bindings = bindingsIn(fn);
  const out: Handout[] = [];
  const namedResults = resultNames(fn);
  const returned = new Set(namedResults.map((n) => n.text));
  const add = (value: Node, statement: Node, via: Handout['via'], spread = false) =>
    out.push({ value, statement, via, spread, ...follow(bindings, value, value.startIndex < statement.startIndex ? statement : value) });
  for (const ret of descendants(body, 'return_statement')) {
    if (!ownedBy(fn, ret)) continue;
    const results = named(ret.namedChildren.find((n) => n?.type === 'expression_list') ?? null);
    // A bare return hands out the named results (the value node is then the name in the signature).
    if (results.length === 0) for (const n of namedResults) add(n, ret, 'return');
    for (const r of results) {
      add(r, ret, 'return');
      if (r.type === 'identifier') returned.add(r.text);
    }
  }
  for (const stmt of descendants(body, 'assignment_statement')) {
    if (!ownedBy(fn, stmt) || stmt.childForFieldName('operator')?.text !== '=') continue;
    const left = named(stmt.childForFieldName('left'));
    const right = named(stmt.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1) continue;
    const target = left[0];
    if (target.type === 'index_expression') {
      const coll = target.childForFieldName('operand');
      if (coll?.type === 'identifier' && returned.has(coll.text)) add(right[0], stmt, 'store');
      continue;
    }
    const call = right[0];
    if (target.type !== 'identifier' || !returned.has(target.text) || call.type !== 'call_expression') continue;
    if (call.childForFieldName('function')?.text !== 'append') continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
    if (args[0]?.text !== target.text) continue;
    for (const arg of args.slice(1)) {
      if (arg.type === 'variadic_argument') add(arg.namedChild(0) ?? arg, stmt, 'append', true);
      else add(arg, stmt, 'append');
    }
  }
  return out;
}

/** The call at the bottom of `x.f`, `x[i].f`: the write goes into whatever the call returned. */
function calleeOf(call: Node): { callee: string; method: boolean } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return { callee: fn.text, method: false };
  const field = fn?.type === 'selector_expression' ? fn.childForFieldName('field') : null;
  return field ? { callee: field.text, method: true } : undefined;
}

/**
 * Can `text` (a statement's) hold `name` as a name it binds? Only where `name` is a whole
 * identifier: the lexer would have read a word character after it into the same identifier. In a
 * `clean` tree (no ERROR or MISSING node) a bound name is not followed by `.` either (`s.x` is a selector).
 */
function mayBind(text: string, name: string, clean: boolean): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const next = text.charCodeAt(i + name.length);
    if (Number.isNaN(next)) return true;
    const word = (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95;
    if (!word && !(clean && next === 46)) return true;
  }
  return false;
}

const WRITE_AND_BINDING_TYPES = ['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause', 'inc_statement', 'dec_statement'];

/** Writes through a result of a call, inside `decl` (a function declaration or literal). */
export function writesThroughResults(decl: Node): ResultWrite[] {
  // One walk finds the writes and the bindings a call result can reach (not parameters, not
  // receives): this runs for every function of every file.
  const nodes = descendants(decl, WRITE_AND_BINDING_TYPES);
  const out: ResultWrite[] = [];
  // Only the bindings of the names written through: a binding's name is in its statement's text.
  const bindingsOfName = new Map<string, Binding[]>();
  let clean: boolean | undefined;
  for (const stmt of nodes) {
    if (stmt.type !== 'assignment_statement' && stmt.type !== 'inc_statement' && stmt.type !== 'dec_statement') continue;
    // A target written through is a selector or an index: a statement without `.` or `[` has none.
    const text = stmt.text;
    if (!text.includes('.') && !text.includes('[')) continue;
    const targets = named(stmt.type === 'assignment_statement' ? stmt.childForFieldName('left') : stmt.namedChild(0));
    for (const target of targets) {
      if (target.type !== 'selector_expression' && target.type !== 'index_expression') continue;
      let base: Node | null = target;
      while (base && (base.type === 'selector_expression' || base.type === 'index_expression' || base.type === 'parenthesized_expression')) {
        base = base.type === 'parenthesized_expression' ? base.namedChild(0) : base.childForFieldName('operand');
      }
      if (!base) continue;
      if (base.type === 'identifier') {
        const name = base.text;
        let bindings = bindingsOfName.get(name);
        if (!bindings) bindingsOfName.set(name, (bindings = nodes.filter((n) => mayBind(n.text, name, clean ??= !decl.hasError)).flatMap((n) => bindingsOf(n, name))));
        base = reachingBinding(bindings, name, target)?.value ?? null;
      }
      const callee = base && calleeOf(base);
      // Field by field: spread, these came in many hidden classes (--log-ic), and every function's summary reads them.
      if (callee) out.push({ callee: callee.callee, method: callee.method, target });
    }
  }
  return out;
}
