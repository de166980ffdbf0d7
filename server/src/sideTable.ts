/**
 * A value kept on an object for as long as the object lives, like a WeakMap entry, but stored
 * on the object itself (under a symbol of its own). For objects made on every keystroke (trees,
 * their nodes, function models): V8's scavenger treats a WeakMap entry whose key is still young
 * as strong, so a WeakMap keyed by them carried each keystroke's nodes into the old generation
 * (574 MB promoted over 800 keystrokes in a 10,000-line file, 326 MB once trees kept their own
 * indexes), and the next scavenges copied them there first. Long-lived keys (interned texts)
 * keep their WeakMaps.
 */
export class SideTable<K extends object, V> {
  private readonly slot: symbol;

  constructor(name: string) {
    this.slot = Symbol(name);
  }

  get(key: K): V | undefined {
    return (key as unknown as Record<symbol, V | undefined>)[this.slot];
  }

  set(key: K, value: V): void {
    (key as unknown as Record<symbol, V | undefined>)[this.slot] = value;
  }

  delete(key: K): void {
    (key as unknown as Record<symbol, V | undefined>)[this.slot] = undefined;
  }
}
