import { lockEventOf } from '../../server/src/analysis/locks';
import { Accesses, accessesOf, canSwap, overlaps } from '../../server/src/analysis/reorder';
import { inCleanDeclaration, methodCall, Node, rangeOf } from '../../server/src/analysis/syntax';
import type { RuleContext } from '../../server/src/rule';
import type { Fix } from '../../server/src/types';
import { identifiersIn } from '../../server/src/workspace/funcSummary';
import type { Swap } from './check';
import { conditionUses, deleteComments, stopsAfterUnlock, teardownUnit, TeardownUnit } from './teardown';
import { Unit, unitsOf, unitText } from './units';
import { descendants } from '../../server/src/analysis/descendants';

/** Names imported packages go by in this file: calls through them do not order statements. */
function importNames(root: Node): Set<string> {
  const out = new Set<string>();
  for (const spec of descendants(root, 'import_spec')) {
    const name = spec.childForFieldName('name')?.text;
    const path = spec.childForFieldName('path')?.text.replace(/"/g, '') ?? '';
    if (name && name !== '_' && name !== '.') out.add(name);
    else if (!name) out.add(path.split('/').filter((p) => !/^v\d+$/.test(p)).at(-1) ?? path);
  }
  return out;
}

type Item = { kind: 'other' | 'store' | 'capture' | 'teardown'; at: number; acc: Accesses; unit?: Unit; zone?: 'before' | 'inside'; deletes?: boolean };

/** Statements that keep their relative order may stay; any pair that trades places must be independent. */
function orderIsSafe(items: Item[], order: Item[]): boolean {
  const pos = new Map(order.map((it, i) => [it, i]));
  for (const a of items) {
    for (const b of items) {
      if (a.at >= b.at || pos.get(a)! < pos.get(b)!) continue;
      // A delete followed by the store of the same slot is what the store alone does.
      if (a.deletes && (b.kind === 'store' || b.kind === 'capture')) continue;
      if (!canSwap(a.acc, b.acc)) return false;
    }
  }
  return true;
}

/**
 * "Register the new one first": rewrites the statements from the first lock (or teardown) to the
 * unlock after the store as: construction that needs no lock, Lock, `old := slot`, the store,
 * Unlock, then the stop on `old` under the condition it had (`if old != nil { old.Stop() }`). Refused when any statement would trade places with a
 * return or with a statement it depends on, or when the shape is not one it can rebuild.
 */
export function registerFirstFix(swap: Swap, fn: Node, ctx: RuleContext): Fix | undefined {
  const { file, index } = ctx;
  const text = file.text;
  const store = swap.store;
  const list = store.statement.parent;
  const block = list?.type === 'statement_list' ? list.parent : list;
  if (!list || !block || !inCleanDeclaration(block) || swap.guards.length !== 1) return undefined;
  const guard = swap.guards[0];
  const units = unitsOf(block);
  const direct = (n: Node) => {
    for (let p: Node | null = n; p; p = p.parent) if (p.parent?.id === list.id) return units.findIndex((u) => u.stmt.id === p!.id);
    return -1;
  };
  const sections = swap.model.sections.filter((s) => s.mutex === guard && !s.read);
  const sectionOf = (n: Node) => sections.find((s) => s.start <= n.startIndex && n.startIndex < s.end);
  const storeSection = sectionOf(store.statement);
  if (!storeSection?.unlock || direct(storeSection.unlock.statement) < 0) return undefined;

  const tds = new Map<number, TeardownUnit>();
  for (const t of swap.teardowns) {
    const i = direct(t.call);
    const td = i >= 0 ? tds.get(i) ?? teardownUnit(units[i], store.slot, swap.teardowns, swap.aliases) : undefined;
    if (!td) return undefined;
    tds.set(i, td);
  }
  const aliasNames = new Set(swap.teardowns.map((t) => t.target?.text ?? '').filter((n) => swap.aliases.has(n)));
  if (aliasNames.size > 1) return undefined;
  const alias = aliasNames.size === 1 ? swap.aliases.get([...aliasNames][0]) : undefined;
  const aliasAt = alias ? direct(alias.declaration) : -1;
  const inHeader = !!alias && [...tds.values()].some((t) => t.headerAlias === alias);
  if (alias && !inHeader && (aliasAt < 0 || units[aliasAt].stmt.id !== (alias.declaration.type === 'var_spec' ? alias.declaration.parent?.id : alias.declaration.id))) return undefined;

  const storeAt = direct(store.statement);
  const last = direct(storeSection.unlock.statement);
  const anchors = [...tds.keys(), ...(aliasAt >= 0 && !inHeader ? [aliasAt] : [])];
  let first = Math.min(...anchors);
  for (const i of anchors) {
    const s = sectionOf(units[i].stmt);
    if (!s) continue;
    const lockAt = direct(s.lock.statement);
    if (lockAt < 0) return undefined;
    first = Math.min(first, lockAt);
  }
  if (first > storeAt || storeAt > last) return undefined;

  // The old value must not be used by anything the fix keeps.
  const dropped = new Set([...tds.keys(), ...(aliasAt >= 0 && !inHeader ? [aliasAt] : [])]);
  const fnBody = fn.childForFieldName('body');
  const usedOutside = (name: string) =>
    !!fnBody && descendants(fnBody, 'identifier').some((id) => id?.text === name && !dropped.has(direct(id)) && !(alias && id.startIndex >= alias.declaration.startIndex && id.endIndex <= alias.declaration.endIndex));
  if (alias?.ok && usedOutside(alias.ok)) return undefined;
  let name = alias?.name;
  if (name && usedOutside(name)) {
    if (!inHeader) return undefined;
    name = undefined;
  }
  if (!name) {
    const taken = identifiersIn(fn.text);
    for (const n of index.topLevel) taken.add(n);
    name = ['old', 'prev', 'previous'].find((n) => !taken.has(n));
    if (!name) return undefined;
  }
  const needStop = swap.teardowns.some((t) => t.kind !== 'delete');
  const captureCode = `${alias?.ok && conditionUses([...tds.values()], alias.ok) ? `${name}, ${alias.ok}` : name} := ${store.target.text}`;

  const ignore = importNames(file.tree.rootNode);
  const guardRoot = guard.split('.')[0];
  const guarded = [guardRoot, store.slot.split(/[.[]/)[0], ...(guard.includes('.') ? [] : index.mutableVars)];
  const touchesGuarded = (acc: Accesses) => [...acc.reads, ...acc.writes].some((p) => guarded.some((g) => overlaps(p, g)));
  const oldAcc: Accesses = { reads: new Set([name]), writes: new Set([name]), exits: false };

  let lockUnit: Unit | undefined;
  let unlockUnit: Unit | undefined;
  let depth = 0;
  const items: Item[] = [];
  for (let i = first; i <= last; i++) {
    const u = units[i];
    const ev = lockEventOf(u.stmt);
    if (ev) {
      if (ev.mutex !== guard || ev.deferred || (ev.op !== 'Lock' && ev.op !== 'Unlock')) return undefined;
      if (ev.op === 'Lock' ? depth++ !== 0 : --depth !== 0) return undefined;
      if (ev.op === 'Lock' && !lockUnit) lockUnit = u;
      else if (i === last) unlockUnit = u;
      else if (u.comments.length > 0) return undefined; // a comment on a lock the fix merges away
      continue;
    }
    const td = tds.get(i);
    if (td) {
      const acc = td.teardowns.map((t) => (t.kind === 'delete' ? accessesOf(t.call, ignore) : argsAccesses(t.call, ignore)));
      items.push({ kind: 'teardown', at: i, acc: merge([oldAcc, ...acc]), deletes: td.hasDelete });
      if (inHeader && td.headerAlias === alias) items.push({ kind: 'capture', at: i, acc: captureAcc(store.target, name, ignore) });
      continue;
    }
    if (i === aliasAt) {
      items.push({ kind: 'capture', at: i, acc: captureAcc(store.target, name, ignore) });
      continue;
    }
    // A statement after the stop that reads the old occupant through the slot sees it stopped.
    if (i > Math.min(...tds.keys()) && mentionsSlot(u.stmt, store.slot, store.target, text)) return undefined;
    const acc = accessesOf(u.stmt, ignore);
    const inside = !!sectionOf(u.stmt);
    if (hasGuardCall(u.stmt, guard) && !acc.exits) return undefined;
    items.push({ kind: i === storeAt ? 'store' : 'other', at: i, acc, unit: u, zone: inside && touchesGuarded(acc) ? 'inside' : 'before' });
  }
  if (!lockUnit || !unlockUnit || depth !== 0) return undefined;
  if (!items.some((it) => it.kind === 'capture')) items.push({ kind: 'capture', at: Math.min(...tds.keys()), acc: captureAcc(store.target, name, ignore) });

  // Prefer moving construction out of the lock; else keep it inside, where it was.
  const layouts = [(it: Item) => it.zone, (it: Item) => (sectionOf(it.unit!.stmt) ? 'inside' : 'before')];
  for (const zoneOf of layouts) {
    const others = items.filter((it) => it.kind === 'other' || it.kind === 'store');
    if (others.some((it) => it.kind === 'store' && zoneOf(it) === 'before')) continue;
    const before = others.filter((it) => zoneOf(it) === 'before');
    const inside = others.filter((it) => zoneOf(it) === 'inside');
    const capture = items.find((it) => it.kind === 'capture')!;
    const storeItem = inside.find((it) => it.kind === 'store')!;
    const insideOrder = inside.flatMap((it) => (it === storeItem && needStop ? [capture, it] : [it]));
    const teardowns = items.filter((it) => it.kind === 'teardown');
    const order = [...before, ...insideOrder, ...teardowns];
    if (!orderIsSafe(needStop ? items : items.filter((it) => it !== capture), order)) continue;

    // Lines of the block, each joined to the next by a newline and the block's indent.
    const emitted: { code: string; blank?: boolean }[] = [];
    const push = (u: Unit) => emitted.push({ code: unitText(text, u), blank: u.blankBefore && emitted.length > 0 });
    before.forEach((it) => push(it.unit!));
    push(lockUnit);
    const notes = [...(aliasAt >= 0 && !inHeader ? units[aliasAt].comments : []), ...deleteComments([...tds.values()])].map((c) => ({ code: c.text }));
    if (!needStop) emitted.push(...notes);
    const lockAt = emitted.length;
    for (const it of insideOrder) {
      // The capture belongs with the store: a blank line before the store goes before it
      // (unless that would open the critical section with a blank line).
      const blank = units[storeAt].blankBefore && emitted.length > lockAt;
      if (it.kind === 'capture') emitted.push(...notes.map((n, i) => ({ ...n, blank: i === 0 && blank })), { code: captureCode, blank: notes.length === 0 && blank });
      else if (it.kind === 'store' && needStop) emitted.push({ code: unitText(text, it.unit!) });
      else push(it.unit!);
    }
    push(unlockUnit);
    const sorted = [...tds.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    const renamed = new Set([...aliasNames].filter((n) => n !== name));
    emitted.push(...stopsAfterUnlock(sorted, text, store.slot, name, renamed).map((code) => ({ code })));
    const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', units[first].first.startIndex - 1) + 1))![0];
    const newText = emitted.map((e, i) => (i === 0 ? e.code : `${e.blank ? '\n' : ''}\n${indent}${e.code}`)).join('');
    return {
      title: 'Register the new one first, stop the old one after unlocking',
      preferred: true,
      edits: [{ range: { start: rangeOf(units[first].first).start, end: rangeOf(units[last].last).end }, newText }],
    };
  }
  return undefined;
}

function merge(list: Accesses[]): Accesses {
  return { reads: new Set(list.flatMap((a) => [...a.reads])), writes: new Set(list.flatMap((a) => [...a.writes])), exits: list.some((a) => a.exits) };
}

/** What a stop call reads besides the old value: its arguments (`Shutdown(ctx)`). */
function argsAccesses(call: Node, ignore: ReadonlySet<string>): Accesses {
  const args = call.childForFieldName('arguments');
  return args ? accessesOf(args, ignore) : { reads: new Set(), writes: new Set(), exits: false };
}

function captureAcc(target: Node, name: string, ignore: ReadonlySet<string>): Accesses {
  const acc = accessesOf(target, ignore);
  return { reads: acc.reads, writes: new Set([name]), exits: false };
}

function mentionsSlot(stmt: Node, slot: string, storeTarget: Node, text: string): boolean {
  return descendants(stmt, ['index_expression', 'selector_expression', 'identifier']).some(
    (n) => n.id !== storeTarget.id && equalIgnoringSpace(text, n.startIndex, n.endIndex, slot),
  );
}

/**
 * `text[from, to)` without its whitespace equals `slot`? Read in place, bailing at the first
 * difference: every link of a 40k-deep chain is asked, and each one's own text costs its length.
 */
function equalIgnoringSpace(text: string, from: number, to: number, slot: string): boolean {
  if (to - from < slot.length) return false;
  let j = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (j >= slot.length || c !== slot.charCodeAt(j)) return false;
    j++;
  }
  return j === slot.length;
}

/** Does the statement lock or unlock the guard somewhere inside (`if closed { mu.Unlock(); return }`)? */
function hasGuardCall(stmt: Node, guard: string): boolean {
  return descendants(stmt, 'call_expression').some((c) => {
    const m = c && methodCall(c);
    return !!m && m.receiver.text === guard && /^(R?Lock|R?Unlock)$/.test(m.method);
  });
}
