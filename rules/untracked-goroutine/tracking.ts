import type { FunctionModel } from '../../server/src/analysis/model';
import { argumentFor, GoStart, stripAddress } from '../../server/src/analysis/goroutines';
import { contains, Node } from '../../server/src/analysis/syntax';
import type { FuncSummary, PackageIndex } from '../../server/src/workspace/index';

/** Where the goroutine is started: the innermost function around the `go`, minus the goroutine itself. */
export interface Site {
  go: GoStart;
  model: FunctionModel;
  parent: Node;
}

function inParent(site: Site, node: Node): boolean {
  return contains(site.parent, node.startIndex) && !(site.go.literal && contains(site.go.literal, node.startIndex));
}

function inGoroutine(site: Site, node: Node): boolean {
  return !!site.go.literal && contains(site.go.literal, node.startIndex);
}

/** The same-package function or method a `go f(...)` / `go x.m(...)` runs, when the index knows it. */
export function calleeSummary(site: Site, index: PackageIndex): FuncSummary[] {
  const callee = site.go.callee;
  if (!callee) return [];
  if (callee.type === 'identifier') {
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

/** Does the parent wait for `channel`: receive, range, return it, or hand it to someone after the go? */
function parentConsumes(site: Site, channel: string): boolean {
  const m = site.model;
  if (m.channels.some((c) => (c.op === 'receive' || c.op === 'range') && c.channel === channel && inParent(site, c.node))) return true;
  for (const ret of site.parent.descendantsOfType('return_statement')) {
    // `return ch`, or `return r` where the goroutine signals `r.done`: whoever gets it can wait.
    const values = ret && inParent(site, ret) ? ret.namedChild(0)?.namedChildren ?? [] : [];
    if (values.some((e) => e && (e.text === channel || channel.startsWith(`${e.text}.`)))) return true;
  }
  return false;
}

/**
 * A goroutine is tracked when something joins it: it counts itself down on a WaitGroup, the
 * parent passes it a WaitGroup or a channel it then waits on, or it signals a channel that the
 * parent receives from or returns.
 */
export function isTracked(site: Site, index: PackageIndex): boolean {
  const { go, model } = site;
  const addBefore = model.joins.some((j) => j.op === 'Add' && inParent(site, j.call) && j.call.startIndex < go.statement.startIndex);
  if (go.literal) {
    const inside = model.joins.filter((j) => inGoroutine(site, j.call));
    if (inside.some((j) => j.op === 'Done' && j.asStatement)) return true;
    if (addBefore) {
      // `wg.Add(1); go func() { work(); finish() }()` where finish is the one calling Done.
      const called = go.literal.descendantsOfType('call_expression').map((c) => c?.childForFieldName('function')?.text ?? '');
      if (called.some((name) => index.func(name)?.callsDone)) return true;
    }
    for (const c of model.channels) {
      if ((c.op === 'send' || c.op === 'close') && inGoroutine(site, c.node) && parentConsumes(site, channelName(site, c.channel))) return true;
    }
  }
  for (const arg of go.args) {
    const name = stripAddress(arg);
    if (model.joins.some((j) => (j.op === 'Wait' || j.op === 'Add') && j.target === name && inParent(site, j.call))) return true;
    if (parentConsumes(site, name)) return true;
  }
  if (!go.literal && addBefore && calleeSummary(site, index).some((f) => f.callsDone)) return true;
  return false;
}
