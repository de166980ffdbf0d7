import { DECLARATION_TYPES, declaredNames, contains, Node } from '../../server/src/analysis/syntax';
import { heldLocks } from '../../server/src/analysis/model';
import type { PackageIndex } from '../../server/src/workspace/index';
import type { FuncSummary } from '../../server/src/workspace/summary';
import { calleeSummary, Site } from './tracking';
import { descendants } from '../../server/src/analysis/descendants';

/** Why the goroutine can race with its caller: what it touches, and where. */
export interface SharedAccess {
  reason: string;
  /** The other side of the race, shown as related information. */
  at: Node;
  /** What happens `at`, when it is not the shared state itself. */
  where?: string;
}

function declaredInside(scope: Node): Set<string> {
  const names = new Set<string>();
  for (const d of descendants(scope, DECLARATION_TYPES)) {
    if (d) for (const n of declaredNames(d)) names.add(n.text);
  }
  return names;
}

/** Identifiers used as values (not composite-literal keys, not labels). */
function valueIdentifiers(scope: Node): Node[] {
  // The keys found from the literals down: a parent read per identifier costs tree-sitter a search
  // from the root, and `x := a + a + …` nests 260k deep (fuzz seed 606, 540756d28a50).
  const keys = new Set<number>();
  for (const k of scope.descendantsOfType('keyed_element')) {
    const key = k?.childForFieldName('key');
    if (key?.type === 'literal_element') for (const id of key.namedChildren) if (id?.type === 'identifier') keys.add(id.id);
  }
  return descendants(scope, 'identifier').filter((id) => !keys.has(id.id));
}

/** A loop inside the parent function that contains both nodes: the next iteration runs "after". */
function sharedLoop(site: Site, a: Node, b: Node): Node | undefined {
  for (let p = a.parent; p && p.id !== site.parent.id; p = p.parent) {
    if (p.type === 'for_statement' && contains(p, b.startIndex)) return p;
  }
  return undefined;
}


/** True when both accesses hold a common mutex: they cannot race with each other. */
function commonLock(site: Site, a: Node, b: Node): boolean {
  const held = heldLocks(site.model, a);
  return heldLocks(site.model, b).some((m) => held.includes(m));
}

/**
 * Where the caller reads, after the `go`, what the goroutine wrote: the variable itself for a
 * plain assignment, the same path (`rt.res`, not just `rt`) for a write through it.
 */
function readByCallerAfter(site: Site, target: Node, inLiteral: (n: Node) => boolean): Node | undefined {
  return descendants(site.parent, target.type).find((r) => r.text === target.text && !inLiteral(r) && r.startIndex >= site.go.statement.endIndex && !commonLock(site, r, target)) ?? undefined;
}

/** Does the goroutine use `path` (`m.Error`), or the variable `use` whole (not as `m.Other`)? */
function touchesPath(literal: Node, path: Node, use: Node): boolean {
  const whole = !(use.parent?.type === 'selector_expression' && use.parent.childForFieldName('operand')?.id === use.id);
  return whole || descendants(literal, path.type).some((n) => n.text === path.text);
}

/** What a goroutine literal touches that its caller can also touch. */
function literalAccess(site: Site, literal: Node, index: PackageIndex): SharedAccess | undefined {
  const { model, go } = site;
  const own = declaredInside(literal);
  const recv = model.receiver;
  const inLiteral = (n: Node) => contains(literal, n.startIndex);
  const parentWrites = model.writes.filter((w) => contains(site.parent, w.node.startIndex) && !inLiteral(w.node));
  const goroutineWrites = model.writes.filter((w) => inLiteral(w.node));
  for (const id of valueIdentifiers(literal)) {
    const name = id.text;
    if (own.has(name)) continue;
    if (recv && name === recv.name) {
      const sel = id.parent?.type === 'selector_expression' && id.parent.childForFieldName('operand')?.id === id.id ? id.parent : undefined;
      const member = sel?.childForFieldName('field')?.text;
      if (member && !index.isRacyMember(recv.type, member)) continue;
      return { reason: `it uses the receiver (${sel?.text ?? name})`, at: id };
    }
    if (model.locals.has(name)) {
      const declaredAt = model.locals.get(name)![0];
      const later = parentWrites.find((w) => {
        if (w.name !== name || commonLock(site, w.node, id)) return false;
        // `m.Error = err` races only with a goroutine that touches m.Error (or m as a whole).
        if (w.node.type !== 'identifier' && !touchesPath(literal, w.node, id)) return false;
        if (w.node.startIndex >= go.statement.endIndex) return true;
        const loop = sharedLoop(site, go.statement, w.node);
        return !!loop && !contains(loop, declaredAt.startIndex);
      });
      if (later) {
        const what = later.node.type === 'identifier' ? `assigns again` : `writes ${later.node.text}`;
        return { reason: `it captures ${name}, which the caller ${what} after starting it`, at: later.node, where: `the caller ${what.replace(/ again$/, ` ${name} again`)} here` };
      }
      const written = goroutineWrites.find((w) => w.name === name);
      const readAfter = written && readByCallerAfter(site, written.node, inLiteral);
      if (written && readAfter) {
        const what = written.node.type === 'identifier' ? `assigns ${name}` : `writes ${written.node.text}`;
        return { reason: `it ${what}, which the caller reads after starting it`, at: readAfter, where: `the caller reads it here` };
      }
      continue;
    }
    if (index.vars.has(name)) {
      const writes = goroutineWrites.some((w) => w.name === name);
      // A variable only initialized (in its declaration or init()) is read-only by now.
      if (writes || index.mutableVars.has(name)) return { reason: `it ${writes ? 'writes' : 'reads'} package variable ${name}`, at: id };
    }
  }
  return undefined;
}

/** The package state a same-package function touches: variables it writes, or reads while others write them. */
function touchedVar(f: FuncSummary, index: PackageIndex): string | undefined {
  return f.writes.find((n) => index.vars.has(n)) ?? f.idents.find((n) => index.mutableVars.has(n));
}

/** What `go f(args)` touches: f's body (from the package index), the receiver, package variables. */
function callAccess(site: Site, index: PackageIndex): SharedAccess | undefined {
  const { model, go } = site;
  const callee = go.callee!;
  const recv = model.receiver;
  const root = callee.type === 'selector_expression' ? callee.childForFieldName('operand') : callee;
  if (recv && root?.type === 'identifier' && root.text === recv.name) {
    const member = callee.type === 'selector_expression' ? callee.childForFieldName('field')?.text ?? '' : '';
    const method = index.method(recv.type, member);
    // A method known to the index touches the receiver when it selects a racy member of it.
    const racy = !method || method.receiverSelectors.some((m) => index.isRacyMember(recv.type, m)) || touchedVar(method, index);
    if (racy) return { reason: `it runs ${callee.text} on the receiver`, at: callee };
  }
  // `go pkgVar.M()` evaluates pkgVar in the caller: the goroutine itself never reads the variable.
  for (const f of calleeSummary(site, index)) {
    const v = touchedVar(f, index);
    if (v) return { reason: `${f.name} touches package variable ${v}`, at: callee };
  }
  for (const arg of go.args) {
    const name = arg.text.replace(/^&\s*/, '');
    if (recv && name === recv.name) return { reason: `it hands the receiver ${name} to ${callee.text}`, at: arg };
  }
  return undefined;
}

export function sharedAccess(site: Site, index: PackageIndex): SharedAccess | undefined {
  return site.go.literal ? literalAccess(site, site.go.literal, index) : callAccess(site, index);
}
