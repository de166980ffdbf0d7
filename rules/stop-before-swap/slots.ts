import type { FunctionModel } from '../../server/src/analysis/model';
import { enclosingFunction, Node } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';
import { descendants } from '../../server/src/analysis/descendants';

/**
 * A registry slot: a map or slice element (`s.runners[netID]`), a field (`s.runner`), or a
 * package variable, named by its text without spaces. The hazard is about one slot's occupant.
 */
export type Slot = string;

export type TeardownKind = 'stop' | 'cancel' | 'delete';

/** Stopping, cancelling or deleting the current occupant of a slot. */
export interface Teardown {
  kind: TeardownKind;
  slot: Slot;
  call: Node;
  /** The expression the occupant is reached through: the slot itself or a local alias of it. */
  target: Node | null;
  method: string;
}

/** `slot = value` with a value that is not nil: a new occupant. */
export interface Store {
  slot: Slot;
  statement: Node;
  target: Node;
}

/** A local that holds the occupant: `old := s.runners[id]`, `old, ok := ...`, `for id, r := range s.runners`. */
export interface Alias {
  name: string;
  slot: Slot;
  /** The declaration: the short var declaration, var spec or range clause. */
  declaration: Node;
  /** The comma-ok name beside it, if any. */
  ok?: string;
  /** The expression it was read from; for a range variable, the map or slice ranged over. */
  source: Node;
  element: boolean;
}

export interface FunctionSlots {
  teardowns: Teardown[];
  stores: Store[];
  aliases: Map<string, Alias>;
}

const norm = (text: string) => text.replace(/\s+/g, '');

/** `a`, `a.b.c`: an identifier with selectors, nothing called. */
function isPath(node: Node | null): boolean {
  // A loop, not recursion: a fuzzed line of 100k `.x` selectors overflowed the stack.
  let n = node;
  while (n?.type === 'selector_expression') n = n.childForFieldName('operand');
  return n?.type === 'identifier';
}

/** An index that names the same element each time it is evaluated: no calls, no receives. */
function isStableIndex(node: Node | null): boolean {
  if (!node) return false;
  if (isPath(node)) return true;
  return /^(int_literal|interpreted_string_literal|raw_string_literal|rune_literal|true|false)$/.test(node.type);
}

export function slotOf(expr: Node | null, model: FunctionModel, index: PackageIndex): Slot | undefined {
  if (!expr) return undefined;
  if (expr.type === 'parenthesized_expression') return slotOf(expr.namedChild(0), model, index);
  if (expr.type === 'index_expression') {
    const operand = expr.childForFieldName('operand');
    return isPath(operand) && isStableIndex(expr.childForFieldName('index')) ? norm(expr.text) : undefined;
  }
  if (expr.type === 'selector_expression') return isPath(expr) ? norm(expr.text) : undefined;
  if (expr.type === 'identifier') return index.vars.has(expr.text) && !model.locals.has(expr.text) ? expr.text : undefined;
  return undefined;
}

/** The last name of a slot: `cancel` for `s.cancel`, `runners` for `s.runners[id]`. */
export function slotName(slot: Slot): string {
  return /(\w+)(?:\[[^\]]*\])?$/.exec(slot)?.[1] ?? slot;
}

/** The function a node runs in: teardown and store must be in the same one, not in a literal run later. */
function ownerOf(node: Node): number | undefined {
  return enclosingFunction(node)?.id;
}

function aliasesIn(scope: Node, model: FunctionModel, index: PackageIndex): Map<string, Alias> {
  const out = new Map<string, Alias>();
  const once = (name: string) =>
    name !== '_' && model.locals.get(name)?.length === 1 && !model.writes.some((w) => w.name === name && w.node.type === 'identifier');
  for (const d of descendants(scope, ['short_var_declaration', 'var_spec', 'range_clause'])) {
    const left = d.type === 'var_spec' ? d.childrenForFieldName('name') : d.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    const rightList = d.childForFieldName(d.type === 'var_spec' ? 'value' : 'right');
    if (d.type === 'range_clause') {
      // `for k, v := range s.m`: v is the occupant of s.m[k] during the iteration.
      if (left.length !== 2 || !rightList || !isPath(rightList) || !/:=/.test(d.text) || !once(left[1].text)) continue;
      out.set(left[1].text, { name: left[1].text, slot: `${norm(rightList.text)}[${left[0].text}]`, declaration: d, source: rightList, element: true });
      continue;
    }
    const right = rightList?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
    if (right.length !== 1 || left.length < 1 || left.length > 2 || !once(left[0].text)) continue;
    const slot = slotOf(right[0], model, index);
    // `v, ok := m[k]` is a lookup; `a, b := s.x` does not parse as Go, so two names mean comma-ok.
    if (slot && (left.length === 1 || right[0].type === 'index_expression')) {
      const ok = left[1]?.text !== '_' ? left[1]?.text : undefined;
      out.set(left[0].text, { name: left[0].text, slot, declaration: d, ok, source: right[0], element: false });
    }
  }
  return out;
}

/** A stored func that tears something down: a context.CancelFunc, or a slot named after a stop method (`s.cancel`, `stopFn`). */
function isCancelLike(slot: Slot, stopMethods: readonly string[], type: string | undefined): boolean {
  if (type && /^context\.Cancel(Cause)?Func$/.test(type)) return true;
  const name = slotName(slot).toLowerCase();
  return stopMethods.some((m) => name.includes(m.toLowerCase()));
}

/**
 * The teardowns and stores of the function `unit` (a declaration or func literal), not counting
 * those in func literals inside it, nor deferred or `go` calls: they run some other time.
 */
export function slotsOf(
  unit: Node,
  model: FunctionModel,
  index: PackageIndex,
  stopMethods: readonly string[],
  typeOf: (expr: Node) => string | undefined,
): FunctionSlots {
  const body = unit.childForFieldName('body');
  const result: FunctionSlots = { teardowns: [], stores: [], aliases: new Map() };
  if (!body) return result;
  const aliases = aliasesIn(body, model, index);
  result.aliases = aliases;
  const own = (n: Node) => ownerOf(n) === unit.id;
  const slotOrAlias = (e: Node | null) => {
    if (!e) return undefined;
    if (e.type === 'identifier' && aliases.has(e.text)) return aliases.get(e.text)!.slot;
    return slotOf(e, model, index);
  };

  // Found from the statements down, not from each call up: reading a node's parent costs
  // tree-sitter a search from the root, and a generated `f()()()…` is 40k calls deep.
  const later = new Set(descendants(body, ['defer_statement', 'go_statement']).flatMap((s) => s.namedChildren.map((c) => c?.id)));
  for (const call of descendants(body, 'call_expression')) {
    if (later.has(call.id) || !own(call) || call.hasError) continue;
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (fn?.type === 'identifier' && fn.text === 'delete' && args.length === 2) {
      if (isPath(args[0]) && isStableIndex(args[1])) {
        result.teardowns.push({ kind: 'delete', slot: `${norm(args[0].text)}[${norm(args[1].text)}]`, call, target: null, method: 'delete' });
      }
      continue;
    }
    if (fn?.type === 'selector_expression') {
      const method = fn.childForFieldName('field')?.text ?? '';
      const operand = fn.childForFieldName('operand');
      const slot = stopMethods.includes(method) ? slotOrAlias(operand) : undefined;
      if (slot && operand) {
        result.teardowns.push({ kind: 'stop', slot, call, target: operand, method });
        continue;
      }
    }
    // Calling a stored cancel func: `s.cancel()`, `cancel := s.cancels[id]; cancel()`.
    const slot = slotOrAlias(fn);
    if (fn && slot && isCancelLike(slot, stopMethods, typeOf(fn))) {
      result.teardowns.push({ kind: 'cancel', slot, call, target: fn, method: '' });
    }
  }

  for (const stmt of descendants(body, 'assignment_statement')) {
    if (!own(stmt) || stmt.hasError || stmt.childForFieldName('operator')?.text !== '=') continue;
    const left = stmt.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    const right = stmt.childForFieldName('right')?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
    left.forEach((target, i) => {
      const slot = slotOf(target, model, index);
      const value = right.length === left.length ? right[i] : null;
      if (slot && value?.type !== 'nil') result.stores.push({ slot, statement: stmt, target });
    });
  }
  return result;
}
