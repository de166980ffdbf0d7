// Strings read from a tree are slices of the whole file's text, and V8 keeps that whole text alive
// for as long as any slice of 13 characters or more lives. What outlives a keystroke (a cached
// declaration's facts, its cached findings, an interned text) must hold strings of its own, or
// every version of a document it was made from stays in the heap: 241 versions of a 400 KB file,
// 37 MB, after 800 keystrokes, each copied into the old generation by the scavenger first.

/** `text` in a string of its own (a concatenation and a slice make V8 copy the characters). */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/**
 * `value` with every string in it replaced by its own copy: plain objects and arrays are
 * copied, anything else (a Map, a class instance) is kept as it is. For data made once per
 * changed declaration, not on every keystroke.
 */
export function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return ownCopy(value) as T;
  if (Array.isArray(value)) return value.map(ownStrings) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  // A spread, then its values replaced: the copy keeps fast properties. Built a property at a
  // time, with computed keys, a copy of an object of more than 12 properties (a function
  // summary) fell into V8's dictionary mode, where every read of a field is a hash lookup.
  const out = { ...value } as Record<string, unknown>;
  for (const k of Object.keys(out)) out[k] = ownStrings(out[k]);
  return out as T;
}
