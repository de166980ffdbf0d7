import { blockStatements, methodCall, Node } from './syntax';
import { descendants } from './descendants';

export type LockOp = 'Lock' | 'RLock' | 'Unlock' | 'RUnlock';

export interface LockEvent {
  op: LockOp;
  /** The mutex expression as written: `s.mu`, `mu`, or `s` for an embedded mutex (`s.Lock()`). */
  mutex: string;
  call: Node;
  /** The statement that holds the call (`defer mu.Unlock()` for a deferred unlock). */
  statement: Node;
  deferred: boolean;
}

export interface CriticalSection {
  mutex: string;
  read: boolean;
  lock: LockEvent;
  /** The unlock that ends it on the straight-line path; absent when deferred or never unlocked. */
  unlock?: LockEvent;
  deferred: boolean;
  /** Offsets: from the end of the Lock statement to the start of the ending unlock (or block end). */
  start: number;
  end: number;
}

const LOCK_OPS = new Set<string>(['Lock', 'RLock', 'Unlock', 'RUnlock']);

/** The lock event of a statement that is exactly `x.Lock()` / `defer x.Unlock()` and so on. */
export function lockEventOf(statement: Node): LockEvent | undefined {
  let call: Node | null = null;
  const deferred = statement.type === 'defer_statement';
  if (statement.type === 'expression_statement' || deferred) call = statement.namedChild(0);
  if (!call) return undefined;
  const m = methodCall(call);
  if (!m || !LOCK_OPS.has(m.method)) return undefined;
  if ((call.childForFieldName('arguments')?.namedChildCount ?? 0) !== 0) return undefined;
  return { op: m.method as LockOp, mutex: m.receiver.text, call, statement, deferred };
}

function unlockFor(op: LockOp): LockOp {
  return op === 'RLock' ? 'RUnlock' : 'Unlock';
}

/** True when every path through `node` leaves the function (ends with return or panic). */
function terminates(node: Node): boolean {
  const stmts = node.type === 'block' ? blockStatements(node) : [node];
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.type === 'return_statement') return true;
  if (last.type === 'expression_statement' && /^panic\(/.test(last.text)) return true;
  if (last.type === 'block') return terminates(last);
  return false;
}

/** Does `statement` unlock `mutex` on a path that continues after it (not an early return)? */
function unlocksAndContinues(statement: Node, mutex: string, op: LockOp): LockEvent | undefined {
  for (const call of descendants(statement, 'call_expression')) {
    const m = methodCall(call);
    if (!m || m.method !== op || m.receiver.text !== mutex) continue;
    // Skip unlocks inside func literals: they run some other time.
    let inLiteral = false;
    let block: Node | null = null;
    for (let p = call.parent; p && p.id !== statement.id; p = p.parent) {
      if (p.type === 'func_literal') inLiteral = true;
      if (!block && p.type === 'block') block = p;
    }
    if (inLiteral) continue;
    if (block && terminates(block)) continue; // `if err != nil { mu.Unlock(); return err }`
    const stmt = call.parent;
    return stmt ? { op, mutex, call, statement: stmt, deferred: stmt.type === 'defer_statement' } : undefined;
  }
  return undefined;
}

/**
 * Critical sections of one function body, found structurally: a Lock statement opens a
 * section that lasts until the next statement of the same block that unlocks the same mutex
 * and carries on (a deferred unlock lasts to the end of the function). Unlocks on
 * early-return paths do not end it.
 */
export function criticalSections(body: Node): { events: LockEvent[]; sections: CriticalSection[] } {
  const events: LockEvent[] = [];
  const sections: CriticalSection[] = [];
  // descendantsOfType includes the node itself when it matches.
  const blocks = descendants(body, 'block');
  for (const block of blocks) {
    const stmts = blockStatements(block);
    for (let i = 0; i < stmts.length; i++) {
      const ev = lockEventOf(stmts[i]);
      if (!ev) continue;
      events.push(ev);
      if (ev.op !== 'Lock' && ev.op !== 'RLock') continue;
      const want = unlockFor(ev.op);
      let section: CriticalSection | undefined;
      for (let j = i + 1; j < stmts.length && !section; j++) {
        const direct = lockEventOf(stmts[j]);
        if (direct && direct.op === want && direct.mutex === ev.mutex) {
          section = {
            mutex: ev.mutex, read: ev.op === 'RLock', lock: ev, deferred: direct.deferred,
            unlock: direct.deferred ? undefined : direct,
            start: ev.statement.endIndex,
            end: direct.deferred ? functionEnd(block) : stmts[j].startIndex,
          };
          continue;
        }
        if (!direct) {
          const nested = unlocksAndContinues(stmts[j], ev.mutex, want);
          if (nested) {
            section = { mutex: ev.mutex, read: ev.op === 'RLock', lock: ev, unlock: nested, deferred: false, start: ev.statement.endIndex, end: stmts[j].startIndex };
          }
        }
      }
      sections.push(section ?? { mutex: ev.mutex, read: ev.op === 'RLock', lock: ev, deferred: false, start: ev.statement.endIndex, end: block.endIndex });
    }
  }
  sections.sort((a, b) => a.start - b.start);
  return { events: events.sort((a, b) => a.call.startIndex - b.call.startIndex), sections };
}

/** End of the function whose body contains `block` (where a deferred unlock runs). */
function functionEnd(block: Node): number {
  for (let p: Node | null = block; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return p.endIndex;
  }
  return block.endIndex;
}
