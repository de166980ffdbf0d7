/**
 * A value kept on an object for as long as the object lives, like a WeakMap entry, but stored
 * on the object itself (under a symbol of its own). For objects made on every keystroke (trees,
 * their nodes, function models): V8's scavenger treats a WeakMap entry whose key is still young
 * as strong, so a WeakMap keyed by them carried each keystroke's nodes into the old generation
 * (574 MB promoted over 800 keystrokes in a 10,000-line file, 326 MB once trees kept their own
 * indexes), and the next scavenges copied them there first. Long-lived keys (interned texts)
 * keep their WeakMaps.
 *
 * The tables of one kind of object (`kind`: trees, function models) are all added at once, in
 * the order they were made: trees get them at birth (parseGo), other objects the first time any
 * of them is set. Added one by one, in the order each object happened to need them, they gave
 * the objects of one class many hidden classes. Every read of a tree's fields (web-tree-sitter
 * reads `node.tree[0]` in each node getter) then met shapes its optimized code had not seen, and
 * V8 threw that code away and compiled it again: the CLI on the 10 packages of the bench's go vet
 * section hit 85-92 deoptimizations, and 56-68 after, and used 7% less CPU (3.70 against 3.99 s,
 * 5 alternating runs each; it is a cold process, where the compiler's threads take a third of it).
 */
const slotsByKind = new Map<string, symbol[]>();

/** The slots `record` lacks, in their order. */
function addSlots(record: Record<symbol, unknown>, slots: readonly symbol[]): void {
  for (const slot of slots) if (!(slot in record)) record[slot] = undefined;
}

export class SideTable<K extends object, V> {
  private readonly slot: symbol;
  private readonly kindSlots: readonly symbol[];

  constructor(name: string, kind: string) {
    this.slot = Symbol(name);
    let slots = slotsByKind.get(kind);
    if (!slots) slotsByKind.set(kind, (slots = []));
    slots.push(this.slot);
    this.kindSlots = slots;
  }

  get(key: K): V | undefined {
    return (key as unknown as Record<symbol, V | undefined>)[this.slot];
  }

  /** Adds the slots of every table of `kind` to `object` (at its birth, for one hidden class from the start). */
  static prepare(object: object, kind: string): void {
    addSlots(object as Record<symbol, unknown>, slotsByKind.get(kind) ?? []);
  }

  set(key: K, value: V): void {
    const record = key as unknown as Record<symbol, V | undefined>;
    if (!(this.slot in record)) addSlots(record, this.kindSlots);
    record[this.slot] = value;
  }

  delete(key: K): void {
    (key as unknown as Record<symbol, V | undefined>)[this.slot] = undefined;
  }
}
