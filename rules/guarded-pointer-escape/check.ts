import { FunctionModel, heldLocks } from '../../server/src/analysis/model';
import { Handout, handoutsOf } from '../../server/src/analysis/returns';
import { enclosingFunction, Node, rangeOf, rootIdentifier } from '../../server/src/analysis/syntax';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/rule';
import type { Related } from '../../server/src/types';
import type { StructSummary } from '../../server/src/workspace/summary';
import { LOCKS, unitContext } from './context';
import { inPlaceWrite, pointeeWrite, writesThrough } from './evidence';
import { copyFix } from './fixes';
import { elementOf, plainPointee, plainStruct, TypeEnv, typeOf, underlying } from './types';

/** A handout of guarded state, classified. */
export interface Escape {
  handout: Handout;
  /**
   * `pointer`: a *T to plain data; `address`: &x of a guarded struct; `pointers`: a slice or map
   * of *T; `collection`: the guarded map or slice itself, which other methods change in place.
   */
  kind: 'pointer' | 'address' | 'pointers' | 'collection';
  /** The guarded expression that was read (`s.sessions[id]`, or the collection a range value came from). */
  read: Node;
  /** The type of the value handed out. */
  type: string;
  struct?: StructSummary;
  mutex: string;
  /** The lock was released between the read and the handout. */
  released: boolean;
  inPlace?: Node;
  /** The collection is a map (not a slice). */
  map?: boolean;
}

function mutexRoot(mutex: string): string {
  return /^[A-Za-z_]\w*/.exec(mutex)?.[0] ?? '';
}

/** The mutex held at `read` that guards its root: the receiver's own, or a package-level one for package state. */
function guardOf(read: Node, model: FunctionModel, env: TypeEnv): string | undefined {
  const root = rootIdentifier(read);
  if (!root) return undefined;
  const held = heldLocks(model, read);
  const recv = model.receiver;
  if (recv && root.text === recv.name) {
    // A selection of the receiver, not the receiver itself (nor a local that shadows it).
    if (read.id === root.id || (model.locals.get(recv.name)?.length ?? 0) > 1) return undefined;
    const member = /^\.(\w+)/.exec(read.text.slice(root.text.length))?.[1];
    if (!member || !env.index.isRacyMember(recv.type, member)) return undefined;
    return held.find((m) => mutexRoot(m) === recv.name && m !== read.text);
  }
  const isPackageVar = (name: string) => env.index.vars.has(name) && !model.locals.has(name);
  if (!isPackageVar(root.text)) return undefined;
  return held.find((m) => isPackageVar(mutexRoot(m)) && m !== read.text && mutexRoot(m) !== root.text);
}

/** The guarded collection itself: a receiver field or package variable, or a reslice of one. */
function collectionRef(read: Node, model: FunctionModel): { path: string; receiverType?: string } | undefined {
  const coll = read.type === 'slice_expression' ? read.childForFieldName('operand') : read;
  if (!coll || (coll.type !== 'selector_expression' && coll.type !== 'identifier')) return undefined;
  if (!/^[\w.]+$/.test(coll.text)) return undefined;
  const root = rootIdentifier(coll)!;
  const recv = model.receiver;
  if (recv && root.text === recv.name) return { path: coll.text.slice(root.text.length), receiverType: recv.type };
  return coll.type === 'identifier' ? { path: coll.text } : undefined;
}

function classify(h: Handout, decl: Node, model: FunctionModel, env: TypeEnv): Escape | undefined {
  let read = h.origin;
  const address = read.type === 'unary_expression' && read.childForFieldName('operator')?.text === '&';
  if (address) read = read.childForFieldName('operand')!;
  if (enclosingFunction(read)?.id !== decl.id || read.hasError || h.statement.hasError) return undefined;
  const mutex = guardOf(read, model, env);
  if (!mutex) return undefined;
  let type = typeOf(read, env);
  if (type !== undefined && h.element) type = elementOf(type, env.index);
  if (type === undefined) return undefined;
  const released = !heldLocks(model, h.statement).includes(mutex);
  const base = { handout: h, read, mutex, released };
  if (address) {
    const struct = plainStruct(type, env.index);
    return struct && !h.spread ? { ...base, kind: 'address', type: `*${type}`, struct } : undefined;
  }
  const elem = h.spread ? elementOf(type, env.index) : undefined;
  const single = plainPointee(elem ?? type, env.index);
  if (single) return { ...base, kind: h.spread ? 'pointers' : 'pointer', type, struct: single };
  const shape = underlying(type, env.index);
  if (shape.kind !== 'map' && shape.kind !== 'slice' && shape.kind !== 'array') return undefined;
  const pointee = plainPointee(shape.elem, env.index);
  if (pointee) return { ...base, kind: 'pointers', type, struct: pointee };
  const ref = !h.element && shape.kind !== 'array' ? collectionRef(read, model) : undefined;
  const inPlace = ref && inPlaceWrite(decl.tree.rootNode, ref);
  return inPlace ? { ...base, kind: 'collection', type, inPlace, map: shape.kind === 'map' } : undefined;
}

interface Evidence {
  note: string;
  related: Related[];
  /** The package writes through the result, relying on the pointer being live. */
  writers?: boolean;
}

/** Where the pointers handed out live: a pointer field, or the elements of a collection. */
function pointeeRef(e: Escape, model: FunctionModel): { ref: ReturnType<typeof collectionRef>; element: boolean } {
  if (e.handout.element || e.kind === 'pointers') return { ref: collectionRef(e.read, model), element: true };
  if (e.read.type === 'index_expression') return { ref: collectionRef(e.read.childForFieldName('operand')!, model), element: true };
  return { ref: collectionRef(e.read, model), element: false };
}

/**
 * A pointer is a hazard only if what it points to changes after it is handed out. The evidence,
 * strongest first: the package writes through what the function returns; the file writes the
 * pointee in place; or callers in other packages can (an exported function handing out a
 * struct with exported fields). Without any, it is taken for an immutable snapshot.
 */
function mutation(e: Escape, name: string, decl: Node, model: FunctionModel, through: Related[]): Evidence | undefined {
  if (e.kind === 'collection') return { note: '', related: [{ range: rangeOf(e.inPlace!), message: 'the collection is changed in place here' }] };
  if (through.length > 0) {
    // Those writes are meant to reach the guarded state: a copy would silently drop them.
    const note = `; ${through[0].message.replace(' through the result', ' through what it returns')}: route such writes through a method that holds the lock`;
    return { note, related: through, writers: true };
  }
  const { ref, element } = pointeeRef(e, model);
  const written = ref && pointeeWrite(decl.tree.rootNode, ref, element);
  if (written) return { note: '; the package writes it in place', related: [{ range: rangeOf(written), message: 'the pointee is written here' }] };
  const exported = /^[A-Z]/.test(name) && e.struct!.fields.some((f) => /^[A-Z]/.test(f.name));
  return exported ? { note: '', related: [] } : undefined;
}

function describe(e: Escape, fn: string): string {
  const h = e.handout;
  const guard = e.released ? `read under ${e.mutex}, which is unlocked before it leaves` : `guarded by ${e.mutex}`;
  const what = e.struct ? `*${e.struct.name}` : '';
  switch (e.kind) {
    case 'pointer':
      if (h.via !== 'return') return `${fn} ${h.via === 'append' ? 'appends' : 'stores'} live ${what} pointers from ${e.read.text}, ${guard}, into the ${h.via === 'append' ? 'slice' : 'map'} it returns: callers use them without the lock`;
      return `${fn} returns a live ${what} from ${e.read.text}, ${guard}: callers use it without the lock`;
    case 'address':
      return `${fn} returns &${e.read.text}, a pointer into state ${guard}: callers use it without the lock`;
    case 'pointers':
      return `${fn} hands out ${e.read.text} (${e.type}), ${guard}: callers use the ${what} pointers in it without the lock`;
    case 'collection':
      return `${fn} returns the ${e.map ? 'map' : 'slice'} ${e.read.text} itself, ${guard}: callers read it while the package changes it in place`;
  }
}

function check(ctx: RuleContext): RuleFinding[] {
  const { file, index } = ctx;
  const findings: RuleFinding[] = [];
  for (const decl of file.units()) {
    if (decl?.type !== 'function_declaration' && decl?.type !== 'method_declaration') continue;
    const body = decl.childForFieldName('body');
    const name = decl.childForFieldName('name')?.text;
    // Half-typed code shapes locks and returns by guesswork: judge only functions that parse.
    if (!body || !name || !LOCKS.test(file.text.slice(body.startIndex, body.endIndex)) || decl.hasError) continue;
    const model = file.functionOf(body);
    if (!model || model.sections.length === 0) continue;
    const env: TypeEnv = { index, receiver: model.receiver, isLocal: (n) => model.locals.has(n) };
    const escapes = handoutsOf(decl).map((h) => classify(h, decl, model, env)).filter((e): e is Escape => !!e);
    for (const escape of escapes) {
      const h = escape.handout;
      const crowded = escapes.some((o) => o !== escape && o.handout.statement.id === h.statement.id);
      const evidence = mutation(escape, name, decl, model, writesThrough(index, name, model.receiver?.type, file.path));
      if (!evidence) continue;
      const fix = evidence.writers ? undefined : copyFix(escape, { file, index, model, decl, crowded });
      findings.push({
        range: rangeOf(h.value.startIndex < h.statement.startIndex ? h.statement : h.value),
        message: describe(escape, name) + evidence.note,
        related: evidence.related,
        fixes: fix ? [fix] : [],
      });
    }
  }
  return findings;
}

export const guardedPointerEscape: Rule = {
  id: 'guarded-pointer-escape',
  title: 'A method holds a lock and returns a pointer into the state that lock guards',
  defaultSeverity: 'warning',
  unitContext,
  // Only a function that takes a lock is judged.
  mayFind: (code) => LOCKS.test(code),
  check,
};
