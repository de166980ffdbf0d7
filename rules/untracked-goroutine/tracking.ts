import type { FunctionModel } from '../../server/src/analysis/model';
import { argumentFor, channelKey, fillLoops, GoStart, stripAddress } from '../../server/src/analysis/goroutines';
import { contains, isAncestor, Node, startingWithin } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';
import type { FuncSummary } from '../../server/src/workspace/summary';
import { descendants } from '../../server/src/analysis/descendants';
import { SideTable } from '../../server/src/sideTable';

/** Where the goroutine is started: the innermost function around the `go`, minus the goroutine itself. */
export interface Site {
  go: GoStart;
  model: FunctionModel;
  parent: Node;
}

function inParent(site: Site, node: Node): boolean {
  return contains(site.parent, node.startIndex) && !(site.go.literal && contains(site.go.literal, node.startIndex));
}

/** The same-package function or method a `go f(...)` / `go x.m(...)` runs, when the index knows it. */
export function calleeSummary(site: Site, index: PackageIndex): FuncSummary[] {
  const callee = site.go.callee;
  if (!callee) return [];
  if (callee.type === 'identifier') {
    // A local func variable shadows the package function of the same name.
    if (site.model.locals.has(callee.text)) return [];
    const f = index.func(callee.text);
    return f ? [f] : [];
  }
  if (callee.type === 'selector_expression') {
    const operand = callee.childForFieldName('operand');
    const method = callee.childForFieldName('field')?.text ?? '';
    const recv = site.model.receiver;
    if (recv && operand?.text === recv.name) {
      const m = index.method(recv.type, method);
      return m ? [m] : [];
    }
    return index.methodsNamed(method);
  }
  return [];
}

/**
 * The channel a goroutine literal's name stands for in the parent: the argument passed for a
 * parameter, so `go func(c chan<- int) { c <- 1 }(ch)` is seen as sending on `ch`.
 */
function channelName(site: Site, name: string): string {
  const arg = argumentFor(site.go, name);
  return arg ? stripAddress(arg) : name;
}

/** Scanned once per function: a function with thousands of `go` statements asks for each of them. */
const scans = new SideTable<FunctionModel, Map<string, Node[]>>('scans', 'model');

/** `compute` over the function that starts the goroutine, once per function and `what`. */
function perFunction(site: Site, what: string, compute: (fn: Node) => Node[]): Node[] {
  let byKey = scans.get(site.model);
  if (!byKey) scans.set(site.model, (byKey = new Map()));
  const key = `${site.parent.id}:${what}`;
  let nodes = byKey.get(key);
  if (!nodes) byKey.set(key, (nodes = compute(site.parent)));
  return nodes;
}

/** The nodes of `type` in the function that starts the goroutine. */
function inFunction(site: Site, type: string): Node[] {
  return perFunction(site, type, (fn) => descendants(fn, type));
}

/** Does the parent wait for `channel`: receive, range, return it, or hand it to someone after the go? */
function parentConsumes(site: Site, channel: string): boolean {
  const m = site.model;
  if (m.channels.some((c) => (c.op === 'receive' || c.op === 'range') && c.channel === channel && inParent(site, c.node))) return true;
  for (const ret of inFunction(site, 'return_statement')) {
    // `return ch`, or `return r` where the goroutine signals `r.done`: whoever gets it can wait.
    const values = inParent(site, ret) ? ret.namedChild(0)?.namedChildren ?? [] : [];
    if (values.some((e) => e && (e.text === channel || channel.startsWith(`${e.text}.`)))) return true;
  }
  return false;
}

/**
 * Does someone wait for the goroutine's signal on `channel`: the parent (receive, range, return),
 * or, for a channel reached through a field or package variable (directly, or after the parent
 * stores it there), a receive anywhere in the package such as a Stop or Close method.
 */
function signalAwaited(site: Site, channel: string, index: PackageIndex): boolean {
  if (parentConsumes(site, channel)) return true;
  const recv = site.model.receiver;
  const isLocal = (n: string) => site.model.locals.has(n) && n !== recv?.name;
  const key = channelKey(channel, isLocal, recv);
  if (key) return index.isReceived(key);
  for (const assign of inFunction(site, 'assignment_statement')) {
    const right = assign.childForFieldName('right')?.namedChildren ?? [];
    const left = assign.childForFieldName('left')?.namedChildren ?? [];
    const i = right.findIndex((r) => r?.text === channel);
    const stored = i >= 0 ? left[i] && channelKey(left[i]!.text, isLocal, recv) : undefined;
    if (stored && index.isReceived(stored)) return true;
  }
  return false;
}

/** The goroutine releases a semaphore slot (`<-sem`) that the parent or a flush fills to capacity afterwards. */
function releasesFilledSemaphore(site: Site, index: PackageIndex): boolean {
  const recv = site.model.receiver;
  const isLocal = (n: string) => site.model.locals.has(n) && n !== recv?.name;
  let statements: Set<number | undefined> | undefined;
  for (const c of channelsInGoroutine(site)) {
    if (c.op !== 'receive') continue;
    // Statements down, not each receive up: a parent costs a search from the root, and `<-<-…` nests 40k deep.
    statements ??= new Set(site.go.literal?.descendantsOfType('expression_statement').map((s) => s?.namedChild(0)?.id));
    if (!statements.has(c.node.id)) continue;
    const name = channelName(site, c.channel);
    const key = channelKey(name, isLocal, recv);
    const fills = () => perFunction(site, 'fill loops', (fn) => fillLoops(fn).map((f) => f.node));
    if (key ? index.isFilled(key) : fills().some((n) => n.childForFieldName('channel')?.text === name && n.startIndex > site.go.statement.endIndex)) return true;
  }
  return false;
}

function channelsInGoroutine(site: Site): FunctionModel['channels'] {
  return site.go.literal ? startingWithin(site.model.channels, (c) => c.node.startIndex, site.go.literal) : [];
}

const bubbles = new SideTable<FunctionModel, Node[]>('bubbles', 'model');

/**
 * Inside a synctest bubble, `synctest.Test`/`Run` wait for every goroutine, and `Wait` orders them.
 * The calls are found by span, not by walking up from the go: a step up costs tree-sitter a
 * search down from the root, and a generated expression chain can be 30k levels deep.
 */
function inSynctestBubble(site: Site): boolean {
  let calls = bubbles.get(site.model);
  if (!calls) {
    const unit = site.model.node;
    const isBubble = (c: Node) => /^synctest\.(?:Test|Run)$/.test(c.childForFieldName('function')?.text ?? '');
    calls = /synctest\./.test(unit.text) ? descendants(unit, 'call_expression').filter(isBubble) : [];
    bubbles.set(site.model, calls);
  }
  return calls.some((c) => isAncestor(c, site.go.statement));
}

/**
 * A goroutine is tracked when something joins it: it counts itself down on a WaitGroup, the
 * parent passes it a WaitGroup or a channel it then waits on, or it signals a channel that the
 * parent receives from or returns.
 */
export function isTracked(site: Site, index: PackageIndex): boolean {
  const { go, model } = site;
  // An Add before the go is in the parent, not in the goroutine: the parent's first Add tells.
  const adds = perFunction(site, 'adds', (fn) => startingWithin(model.joins, (j) => j.call.startIndex, fn).filter((j) => j.op === 'Add').map((j) => j.call));
  const addBefore = adds.length > 0 && adds[0].startIndex < go.statement.startIndex;
  if (go.literal) {
    const inside = startingWithin(model.joins, (j) => j.call.startIndex, go.literal);
    if (inside.some((j) => j.op === 'Done' && j.asStatement)) return true;
    if (addBefore) {
      // `wg.Add(1); go func() { work(); finish() }()` where finish is the one calling Done.
      const called = descendants(go.literal, 'call_expression').map((c) => c?.childForFieldName('function')?.text ?? '');
      if (called.some((name) => index.func(name)?.callsDone)) return true;
    }
    for (const c of channelsInGoroutine(site)) {
      if ((c.op === 'send' || c.op === 'close') && signalAwaited(site, channelName(site, c.channel), index)) return true;
    }
  }
  if (inSynctestBubble(site)) return true;
  if (go.literal && releasesFilledSemaphore(site, index)) return true;
  for (const arg of go.args) {
    const name = stripAddress(arg);
    if (model.joinsOn(name).some((j) => (j.op === 'Wait' || j.op === 'Add') && inParent(site, j.call))) return true;
    // `go c.watchCtx(resultc)` where resultc is also stored in `c.ctxResult`, which Wait receives.
    if (signalAwaited(site, name, index)) return true;
  }
  const callees = calleeSummary(site, index);
  if (!go.literal && addBefore && callees.some((f) => f.callsDone)) return true;
  // `go s.loop()` where loop ends with `close(s.done)` and Stop does `<-s.done`.
  if (callees.some((f) => f.signals.some((k) => index.isReceived(k)))) return true;
  return false;
}
