import type { PackageIndex } from '../../server/src/workspace/index';
import type { StructSummary } from '../../server/src/workspace/summary';
import { isHandle, plainPointee, shapeOf, structNamed, underlying } from './types';

const SCALARS = new Set([
  'bool', 'string', 'error', 'byte', 'rune', 'uintptr', 'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'complex64', 'complex128',
]);
/** Types of other packages known to hold nothing a copy would share mutably. Any other is refused. */
const KNOWN_VALUES = new Set([
  'time.Time', 'time.Duration', 'time.Month', 'time.Weekday', '*time.Location',
  'netip.Addr', 'netip.Prefix', 'netip.AddrPort', 'json.Number',
]);

/** What the generated statements may refer to. */
export interface CopyEnv {
  index: PackageIndex;
  /** The import names of `slices` and `maps` in this file, when imported (evidence the module's Go has them). */
  slices?: string;
  maps?: string;
  /** Can `type` be written here (its package qualifiers are imported, its names not shadowed)? */
  usable(type: string): boolean;
  /** A name that shadows nothing the function or the package uses: the first free base, else the first with a number. */
  fresh(...bases: string[]): string;
  /** Gives back a fresh name that went unused. */
  release(name: string): void;
}

const tab = (lines: string[]) => lines.map((l) => `\t${l}`);

/**
 * Builds statements (one per line, indented with tabs relative to the insertion point) that
 * make a variable hold its own deep-enough copy: slices and maps of plain values are cloned,
 * plain-data pointees are copied. Undefined when unsure: a lock or an atomic copied by value
 * (vet's copylocks), a pointer to mutable data, a type from another package not known to be a
 * value, an interface.
 */
export class Copier {
  constructor(private readonly env: CopyEnv) {}

  fresh(...bases: string[]): string {
    return this.env.fresh(...bases);
  }

  /** Shares nothing mutable between a copy and its original. */
  private isValue(type: string, depth = 0): boolean {
    const t = type.trim();
    if (SCALARS.has(t) || KNOWN_VALUES.has(t) || /^func\b/.test(t)) return true;
    if (depth > 4) return false;
    const shape = shapeOf(t);
    if (shape.kind === 'array') return this.isValue(shape.elem, depth + 1);
    if (shape.kind === 'pointer') {
      const st = structNamed(shape.elem, this.env.index);
      return !!st && isHandle(st, this.env.index); // sharing a handle is how it is used
    }
    if (shape.kind !== 'named' || shape.qualified) return false;
    const st = this.env.index.struct(shape.name);
    if (st) return st.fields.every((f) => this.isValue(f.type, depth + 1));
    const def = this.env.index.typeDef(shape.name);
    return def !== undefined && this.isValue(def, depth + 1);
  }

  private cloneSlice(lv: string): string {
    return this.env.slices ? `${this.env.slices}.Clone(${lv})` : `append(${lv}[:0:0], ${lv}...)`;
  }

  private cloneMap(lv: string, type: string): string[] | undefined {
    if (this.env.maps) return [`${lv} = ${this.env.maps}.Clone(${lv})`];
    if (!this.env.usable(type)) return undefined;
    const names = [this.env.fresh('m'), this.env.fresh('k'), this.env.fresh('v')];
    const [m, k, v] = names;
    // The names live only inside the `if`: later statements may reuse them.
    names.forEach((n) => this.env.release(n));
    return [`if ${lv} != nil {`, `\t${m} := make(${type}, len(${lv}))`, `\tfor ${k}, ${v} := range ${lv} {`, `\t\t${m}[${k}] = ${v}`, '\t}', `\t${lv} = ${m}`, '}'];
  }

  /** Statements that make the struct value at `lv` (already a shallow copy) share no slices or maps with its original. */
  deepen(lv: string, st: StructSummary, depth = 0): string[] | undefined {
    const out: string[] = [];
    for (const f of st.fields) {
      if (this.isValue(f.type)) continue;
      if (f.name === '_' || depth > 3) return undefined;
      const path = `${lv}.${f.name}`;
      const shape = underlying(f.type, this.env.index);
      let lines: string[] | undefined;
      if (shape.kind === 'slice' && this.isValue(shape.elem)) lines = [`${path} = ${this.cloneSlice(path)}`];
      else if (shape.kind === 'map' && this.isValue(shape.elem)) lines = this.cloneMap(path, f.type);
      else if (shape.kind === 'named' && !shape.qualified && this.env.index.struct(shape.name)) lines = this.deepen(path, this.env.index.struct(shape.name)!, depth + 1);
      if (!lines) return undefined;
      out.push(...lines);
    }
    return out;
  }

  /** One expression that copies a slice or map of plain values, when there is one. */
  cloneExpr(src: string, type: string): string | undefined {
    const shape = underlying(type, this.env.index);
    if ((shape.kind !== 'slice' && shape.kind !== 'map') || !this.isValue(shape.elem)) return undefined;
    if (shape.kind === 'slice') return this.cloneSlice(src);
    return this.env.maps ? `${this.env.maps}.Clone(${src})` : undefined;
  }

  /**
   * Statements after which the variable `lv` of type `type` holds its own copy; with `src`,
   * they first declare `lv` from it.
   */
  copy(lv: string, type: string, src?: string): string[] | undefined {
    const shape = underlying(type, this.env.index);
    const declare = src === undefined ? [] : [`${lv} := ${src}`];
    if (shape.kind === 'pointer') {
      const st = plainPointee(type, this.env.index);
      const c = this.env.fresh('c');
      const body = st && this.deepen(c, st);
      return body && [...declare, `if ${lv} != nil {`, `\t${c} := *${lv}`, ...tab(body), `\t${lv} = &${c}`, '}'];
    }
    if (shape.kind !== 'slice' && shape.kind !== 'map') return undefined;
    const clone = shape.kind === 'map' && !this.env.maps ? this.cloneMap(lv, type) : [];
    if (!clone) return undefined;
    const key = this.env.fresh(shape.kind === 'slice' ? 'i' : 'k');
    const each = this.element(`${lv}[${key}]`, shape.elem, shape.kind === 'slice');
    if (each?.length === 0) this.env.release(key);
    if (!each) return undefined;
    const loop = each.length > 0 ? [`for ${key} := range ${lv} {`, ...tab(each), '}'] : [];
    if (shape.kind === 'slice') {
      const clone = src === undefined ? `${lv} = ${this.cloneSlice(lv)}` : `${lv} := ${this.cloneSlice(src)}`;
      return [clone, ...loop];
    }
    if (this.env.maps) return [src === undefined ? `${lv} = ${this.env.maps}.Clone(${lv})` : `${lv} := ${this.env.maps}.Clone(${src})`, ...loop];
    return [...declare, ...clone, ...loop];
  }

  private element(lv: string, type: string, addressable: boolean): string[] | undefined {
    if (this.isValue(type)) return [];
    if (plainPointee(type, this.env.index)) return this.copy(lv, type);
    // Map elements are not addressable: `m[k].Tags = …` does not compile.
    const st = addressable ? structNamed(type, this.env.index) : undefined;
    return st && !isHandle(st, this.env.index) ? this.deepen(lv, st) : undefined;
  }
}
