import { type FunctionModel, MAY_LOCK } from '../../server/src/analysis/model';
import type { CriticalSection } from '../../server/src/analysis/locks';
import { enclosingFunction, FUNCTION_TYPES, Node, rangeOf } from '../../server/src/analysis/syntax';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/rule';
import type { Related } from '../../server/src/types';
import { flowsTo } from './flow';
import { registerFirstFix } from './fix';
import { readerOf } from './readers';
import { FunctionSlots, slotsOf, Store, Teardown } from './slots';
import { isTimer, mayBlock, typeResolver } from './types';
import { descendants } from '../../server/src/analysis/descendants';

/** The critical sections of `model` that hold at `node`, in the function `node` runs in. */
function sectionsAt(model: FunctionModel, node: Node): CriticalSection[] {
  const fn = enclosingFunction(node)?.id;
  return model.sections.filter((s) => s.start <= node.startIndex && node.startIndex < s.end && enclosingFunction(s.lock.statement)?.id === fn);
}

/** One replacement: the store and the teardowns of the same slot that run before it. */
export interface Swap {
  store: Store;
  /** Every teardown of the slot that flows to the store, in order. */
  teardowns: Teardown[];
  /** The mutexes that guard the slot here: held at the store, else at the teardown. */
  guards: string[];
  /** A teardown that can block runs while a guard is held. */
  blockingUnderLock?: Teardown;
  /** A teardown with a gap after it: the guard is released before the store. */
  window?: Teardown;
  /** Another function that reads the slot: the one that sees the gap or waits. */
  reader?: Related;
  model: FunctionModel;
  aliases: FunctionSlots['aliases'];
  typeOf: (expr: Node | null) => string | undefined;
}

const VERB: Record<Teardown['kind'], string> = { stop: 'stopped', cancel: 'cancelled', delete: 'deleted' };

function message(swap: Swap): string {
  const slot = swap.store.slot;
  const guard = swap.guards[0];
  const parts: string[] = [];
  if (swap.blockingUnderLock) {
    const t = swap.blockingUnderLock;
    parts.push(`${t.call.text.split('\n')[0]} stops the old occupant of ${slot} while ${guard} is held, so every reader of ${slot} blocks behind the shutdown`);
  }
  if (swap.window) {
    const verb = VERB[swap.window.kind];
    parts.push(`${slot} is ${verb} before its replacement is stored, and ${guard} is released in between: a reader in that window sees ${swap.window.kind === 'delete' ? 'no' : `a ${verb}`} component`);
  }
  return `stop before swap: ${parts.join('; and ')}. Register the new one first, unlock, then stop the old one`;
}

function swapsOf(unit: Node, ctx: RuleContext): Swap[] {
  const { file, index, settings } = ctx;
  const model = file.functionOf(unit.childForFieldName('body') ?? unit);
  if (!model || model.sections.length === 0) return [];
  // Aliases are found with the slots, and typing an alias needs them: resolve lazily.
  let aliases: FunctionSlots['aliases'] = new Map();
  const typeOf = typeResolver(model, (name) => file.summary.structs.find((s) => s.name === name) ?? index.struct(name), (name) => aliases.get(name));
  const slots = slotsOf(unit, model, index, settings.stopMethods, typeOf);
  aliases = slots.aliases;
  const byStore = new Map<string, Swap>();
  for (const t of slots.teardowns) {
    if (t.kind === 'stop' && isTimer(typeOf(t.target))) continue;
    const store = slots.stores
      .filter((s) => s.slot === t.slot && flowsTo(t.call, s.statement))
      .sort((a, b) => a.statement.startIndex - b.statement.startIndex)[0];
    if (!store) continue;
    const key = `${store.statement.id}:${t.slot}`;
    const atStore = sectionsAt(model, store.statement);
    const atTeardown = sectionsAt(model, t.call);
    let swap = byStore.get(key);
    if (!swap) {
      const guards = [...new Set((atStore.length > 0 ? atStore : atTeardown).map((s) => s.mutex))];
      byStore.set(key, (swap = { store, teardowns: [], guards, model, aliases, typeOf }));
    }
    swap.teardowns.push(t);
    const held = atTeardown.filter((s) => swap.guards.includes(s.mutex));
    if (held.length === 0 && atStore.length === 0) continue; // no lock in sight: not a guarded registry
    if (t.kind === 'stop' && held.length > 0 && mayBlock(typeOf(t.target), t.method, index, settings.stopMethods)) swap.blockingUnderLock ??= t;
    if (!held.some((s) => s.start <= store.statement.startIndex && store.statement.startIndex < s.end)) swap.window ??= t;
  }
  const swaps = [...byStore.values()].filter((s) => s.guards.length > 0 && (s.blockingUnderLock || s.window));
  for (const swap of swaps) {
    swap.reader = readerOf(swap.store.slot, swap.store.target, unit, ctx, typeOf);
    // A gap nobody else looks into is the function's own business (a slot only it uses).
    if (!swap.reader) swap.window = undefined;
  }
  return swaps.filter((s) => s.blockingUnderLock || s.window);
}

function check(ctx: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  // Functions (and func literals) inside the declarations the engine asks about: see FileModel.units.
  // A swap needs a critical section, and most declarations lock nothing: their text says so.
  const { text } = ctx.file;
  const locking = ctx.file.units().filter((u) => MAY_LOCK.test(text.slice(u.startIndex, u.endIndex)));
  const units = locking.flatMap((u) => descendants(u, [...FUNCTION_TYPES]));
  for (const unit of units) {
    for (const swap of swapsOf(unit, ctx)) {
      const at = swap.blockingUnderLock ?? swap.window!;
      const related: Related[] = [{ range: rangeOf(swap.store.statement), message: `the replacement is stored in ${swap.store.slot} only here` }];
      if (swap.reader) related.push({ ...swap.reader, message: `${swap.reader.message}: ${swap.window ? 'it can run in the gap' : 'it waits for the lock while the old one stops'}` });
      const fix = registerFirstFix(swap, unit, ctx);
      findings.push({ range: rangeOf(at.call), message: message(swap), related, fixes: fix ? [fix] : [] });
    }
  }
  return findings;
}

export const stopBeforeSwap: Rule = {
  id: 'stop-before-swap',
  title: 'A registered component is stopped or removed before its replacement is stored',
  defaultSeverity: 'warning',
  // A swap needs a critical section.
  mayFind: (code) => MAY_LOCK.test(code),
  check,
};
