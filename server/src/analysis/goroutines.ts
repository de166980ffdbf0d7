import { callArguments, methodCall, Node } from './syntax';

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
  for (const call of scope.descendantsOfType('call_expression')) {
    if (!call) continue;
    const m = methodCall(call);
    if (!m || !JOIN_OPS.has(m.method)) continue;
    out.push({ op: m.method as JoinOpKind, target: m.receiver.text, call, asStatement: discarded(call) });
  }
  return out;
}

export function channelOpsIn(scope: Node): ChannelOp[] {
  const out: ChannelOp[] = [];
  for (const node of scope.descendantsOfType(['send_statement', 'unary_expression', 'range_clause', 'call_expression'])) {
    if (!node) continue;
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
        const args = callArguments(node);
        if (fn?.type === 'identifier' && fn.text === 'close' && args.length === 1) out.push({ op: 'close', channel: args[0].text, node });
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
