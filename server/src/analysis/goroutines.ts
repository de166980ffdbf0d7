import { blockStatements, callArguments, methodCall, Node } from './syntax';
import { descendants } from './descendants';

/** A `go` statement: the goroutine it starts and what that goroutine runs. */
export interface GoStart {
  statement: Node;
  call: Node;
  /** `go func(...) {...}(args)`: the literal; null for `go f(args)`. */
  literal: Node | null;
  /** `go f(args)` / `go x.m(args)`: the function expression; null for a literal. */
  callee: Node | null;
  args: Node[];
}

export type JoinOpKind = 'Add' | 'Done' | 'Wait' | 'Go';

/** A WaitGroup- or errgroup-shaped call: `x.Add(n)`, `x.Done()`, `x.Wait()`, `x.Go(fn)`. */
export interface JoinOp {
  op: JoinOpKind;
  target: string;
  call: Node;
  /** The call's value is discarded: `wg.Done()` counts, `<-ctx.Done()` does not. */
  asStatement: boolean;
}

export type ChannelOpKind = 'send' | 'close' | 'receive' | 'range';

export interface ChannelOp {
  op: ChannelOpKind;
  /** The channel expression as written (`done`, `s.errc`). */
  channel: string;
  node: Node;
}

export function goStartOf(statement: Node): GoStart | undefined {
  const call = statement.namedChildren.find((n) => n?.type === 'call_expression');
  if (!call) return undefined;
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const literal = fn.type === 'func_literal' ? fn : null;
  return { statement, call, literal, callee: literal ? null : fn, args: callArguments(call) };
}

const JOIN_OPS = new Set<string>(['Add', 'Done', 'Wait', 'Go']);

function discarded(call: Node): boolean {
  const parent = call.parent;
  return !!parent && (parent.type === 'expression_statement' || parent.type === 'defer_statement');
}

export function joinOpsIn(scope: Node): JoinOp[] {
  const out: JoinOp[] = [];
  for (const call of descendants(scope, 'call_expression')) {
    const m = methodCall(call);
    if (!m || !JOIN_OPS.has(m.method)) continue;
    out.push({ op: m.method as JoinOpKind, target: m.receiver.text, call, asStatement: discarded(call) });
  }
  return out;
}

/** By (mentions `<-`) + 2 * (mentions `close`): the types whose nodes can be channel operations there. */
const CHANNEL_OP_TYPES = [
  ['range_clause'],
  ['send_statement', 'unary_expression', 'range_clause'],
  ['range_clause', 'call_expression'],
  ['send_statement', 'unary_expression', 'range_clause', 'call_expression'],
];

export function channelOpsIn(scope: Node): ChannelOp[] {
  const out: ChannelOp[] = [];
  // Sends and receives are written with `<-`, and a close names close: most scopes only range.
  const text = scope.text;
  for (const node of descendants(scope, CHANNEL_OP_TYPES[(text.includes('<-') ? 1 : 0) + (text.includes('close') ? 2 : 0)])) {
    switch (node.type) {
      case 'send_statement': {
        const ch = node.childForFieldName('channel');
        if (ch) out.push({ op: 'send', channel: ch.text, node });
        break;
      }
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        if (operand && node.childForFieldName('operator')?.type === '<-') out.push({ op: 'receive', channel: operand.text, node });
        break;
      }
      case 'range_clause': {
        const right = node.childForFieldName('right');
        if (right) out.push({ op: 'range', channel: right.text, node });
        break;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'identifier' || fn.text !== 'close') break;
        const args = callArguments(node);
        if (args.length === 1) out.push({ op: 'close', channel: args[0].text, node });
        break;
      }
    }
  }
  return out;
}

/**
 * For a goroutine literal's parameter `name`, the argument the `go` statement passes for it
 * (`go func(c chan<- int) {...}(ch)`: `c` → the `ch` node); undefined for any other name.
 */
export function argumentFor(go: GoStart, name: string): Node | undefined {
  const params = go.literal?.childForFieldName('parameters')?.namedChildren ?? [];
  let i = 0;
  for (const p of params) {
    for (const n of p?.childrenForFieldName('name') ?? []) {
      if (n.text === name) return go.args[i];
      i++;
    }
  }
  return undefined;
}

/** `&wg` → `wg`, `(x)` → `x`: the expression an argument refers to. */
export function stripAddress(arg: Node): string {
  return arg.text.replace(/^&\s*/, '').replace(/^\((.*)\)$/s, '$1').trim();
}

/**
 * How a channel is named across a package: `s.done` on the receiver of type T → `T.done`, `v.done`
 * on a package variable → `v.done`, a package variable → its name, a field reached any other way
 * (`c.conns[id].done`, a local of unknown type) → `.done`, and a local channel → undefined.
 */
export function channelKey(expr: string, isLocal: (name: string) => boolean, receiver?: { name: string; type: string }): string | undefined {
  const text = expr.replace(/^\((.*)\)$/s, '$1').trim();
  if (/^[A-Za-z_]\w*$/.test(text)) return isLocal(text) ? undefined : text;
  const direct = /^([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)$/.exec(text);
  if (direct && receiver && direct[1] === receiver.name) return `${receiver.type}.${direct[2]}`;
  if (direct && !isLocal(direct[1])) return `${direct[1]}.${direct[2]}`;
  const field = lastField(text);
  return field ? `.${field}` : undefined;
}

/**
 * `done` for `c.conns[id].done`: scanned back from the end, since an unanchored regexp tries every
 * position of the text, and each of a generated `<-<-<-…ch` chain's 40k operands is asked for.
 */
function lastField(text: string): string | undefined {
  let start = text.length;
  while (start > 0 && /\w/.test(text[start - 1])) start--;
  const word = text.slice(start);
  if (!/^[A-Za-z_]/.test(word)) return undefined;
  let dot = start - 1;
  while (dot >= 0 && /\s/.test(text[dot])) dot--;
  return text[dot] === '.' ? word : undefined;
}

/** Two channel keys that may name the same channel: equal, or one is a bare field of the other's name. */
export function sameChannel(a: string, b: string): boolean {
  if (a === b) return true;
  const field = (k: string) => k.slice(k.lastIndexOf('.'));
  return (a.startsWith('.') || b.startsWith('.')) && a.includes('.') && b.includes('.') && field(a) === field(b);
}

/** Function literals run by `X.Do(func() {...})` and the names passed as `X.Do(f)`: run once. */
export function onceBodies(scope: Node): { literals: Node[]; names: string[] } {
  const literals: Node[] = [];
  const names: string[] = [];
  for (const call of descendants(scope, 'call_expression')) {
    const m = methodCall(call);
    if (!m || m.method !== 'Do') continue;
    const args = callArguments(call);
    if (args.length !== 1) continue;
    if (args[0].type === 'func_literal') literals.push(args[0]);
    else if (args[0].type === 'identifier') names.push(args[0].text);
  }
  return { literals, names };
}

/**
 * Loops whose whole body is one send, `for n := cap(sem); n > 0; n-- { sem <- token{} }`: filling
 * a semaphore channel to capacity waits until every goroutine holding a slot has released it.
 */
export function fillLoops(scope: Node): ChannelOp[] {
  const out: ChannelOp[] = [];
  for (const loop of descendants(scope, 'for_statement')) {
    const body = loop?.childForFieldName('body');
    const stmts = body ? blockStatements(body) : [];
    const send = stmts.length === 1 && stmts[0].type === 'send_statement' ? stmts[0] : undefined;
    const ch = send?.childForFieldName('channel');
    if (send && ch) out.push({ op: 'send', channel: ch.text, node: send });
  }
  return out;
}
