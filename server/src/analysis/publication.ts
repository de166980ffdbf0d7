import type { FunctionModel } from './model';
import { callArguments, methodCall, Node, rootIdentifier } from './syntax';
import { descendants } from './descendants';

/**
 * How a value becomes visible to other goroutines: assigned to a field of a pointer receiver,
 * stored at an index of a shared map or slice, assigned to a package-level variable, sent on a
 * channel, or handed to `Store`/`Swap`/`LoadOrStore`/`CompareAndSwap` of shared state (an
 * atomic pointer, a sync.Map).
 */
export type PublicationKind = 'field' | 'index' | 'package' | 'send' | 'store';

export interface Publication {
  kind: PublicationKind;
  /** The statement that stores: an assignment, a send, or the `Store` call's statement. */
  statement: Node;
  /** Where the value goes: `c.stream`, `c.streams[id]`, `current`, `ch`, `c.active`. */
  target: Node;
  /** The stored expression as written. */
  value: Node;
}

const STORE_METHODS = new Set(['Store', 'Swap', 'LoadOrStore', 'CompareAndSwap']);

/** Where the name was declared as a parameter (of the function or of one of its literals). */
function isParameter(model: FunctionModel, name: string): boolean {
  const decls = model.locals.get(name) ?? [];
  return decls.length > 0 && decls.every((d) => d.parent?.type === 'parameter_declaration' || d.parent?.type === 'variadic_parameter_declaration');
}

function isPackageVar(model: FunctionModel, name: string, packageVars: ReadonlySet<string>): boolean {
  return packageVars.has(name) && !model.locals.has(name);
}

/**
 * The kind of publication a store into `target` is, or undefined when the target is local to
 * this call (a variable declared here, a field of a value receiver or of a local struct).
 */
function targetKind(model: FunctionModel, target: Node, packageVars: ReadonlySet<string>): PublicationKind | undefined {
  const root = rootIdentifier(target);
  if (!root) return undefined;
  const name = root.text;
  const packageVar = isPackageVar(model, name, packageVars);
  const recv = model.receiver;
  const isReceiver = !!recv && name === recv.name;
  // A map or slice is shared even through a value receiver or a parameter; a field is not.
  if (target.type === 'index_expression') return packageVar || isReceiver || isParameter(model, name) ? 'index' : undefined;
  if (packageVar) return 'package';
  if (target.type === 'selector_expression' && isReceiver && recv.pointer) return 'field';
  return undefined;
}

/**
 * A channel other goroutines can receive from: reached through the receiver, a parameter or a
 * package variable, or a local one that a goroutine started before the send was handed.
 */
function sharedChannel(model: FunctionModel, channel: Node, send: Node, packageVars: ReadonlySet<string>): boolean {
  const root = rootIdentifier(channel);
  if (!root) return true; // `<-f() <- v`: a channel from a call comes from elsewhere
  const name = root.text;
  if (name === model.receiver?.name || isParameter(model, name) || isPackageVar(model, name, packageVars)) return true;
  if (!model.locals.has(name)) return true;
  const mentions = (n: Node) => descendants(n, 'identifier').some((id) => id?.text === name);
  return model.goStarts.some((g) => g.statement.startIndex < send.startIndex && mentions(g.statement));
}

/** Stores, sends and Store calls in the function (and its literals) that publish a value. */
export function publicationsIn(model: FunctionModel, packageVars: ReadonlySet<string>): Publication[] {
  const out: Publication[] = [];
  if (!model.body) return out;
  for (const node of descendants(model.body, ['assignment_statement', 'send_statement', 'call_expression'])) {
    if (node.hasError) continue;
    if (node.type === 'send_statement') {
      const channel = node.childForFieldName('channel');
      const value = node.childForFieldName('value');
      if (channel && value && sharedChannel(model, channel, node, packageVars)) out.push({ kind: 'send', statement: node, target: channel, value });
      continue;
    }
    if (node.type === 'call_expression') {
      const m = methodCall(node);
      const args = callArguments(node);
      if (!m || !STORE_METHODS.has(m.method) || args.length === 0 || node.parent?.type !== 'expression_statement') continue;
      const root = rootIdentifier(m.receiver);
      const recv = model.receiver;
      const shared = !!root && ((recv?.pointer && root.text === recv.name) || isPackageVar(model, root.text, packageVars) || isParameter(model, root.text));
      if (shared) out.push({ kind: 'store', statement: node.parent, target: m.receiver, value: args[args.length - 1] });
      continue;
    }
    // `=` only: `:=` declares locals, and `+=` and friends do not store a new value.
    if (node.childForFieldName('operator')?.type !== '=') continue;
    const left = node.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    const right = node.childForFieldName('right')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    if (left.length !== right.length) continue; // `a, b = f()`: the values come from a call
    left.forEach((target, i) => {
      const kind = targetKind(model, target, packageVars);
      if (kind) out.push({ kind, statement: node, target, value: right[i] });
    });
  }
  return out.sort((a, b) => a.statement.startIndex - b.statement.startIndex);
}

/**
 * The expressions whose value a stored expression hands over: `s` for `s`, `&s`, `(s)`, and
 * for `append(list, a, b)` the appended `a` and `b`.
 */
export function storedValues(value: Node): Node[] {
  let v = value;
  while (v.type === 'parenthesized_expression' && v.namedChild(0)) v = v.namedChild(0)!;
  if (v.type === 'unary_expression' && v.childForFieldName('operator')?.type === '&') {
    const operand = v.childForFieldName('operand');
    return operand ? storedValues(operand) : [];
  }
  if (v.type === 'call_expression' && v.childForFieldName('function')?.text === 'append') {
    return callArguments(v).slice(1).flatMap((a) => (a.type === 'variadic_argument' ? [] : storedValues(a)));
  }
  return [v];
}
