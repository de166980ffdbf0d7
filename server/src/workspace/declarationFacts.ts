// What one top-level declaration adds to its file's summary, worked out once per text of it.
import type { Node } from 'web-tree-sitter';
import { descendants } from '../analysis/descendants';
import type { TextKey } from '../analysis/textKeys';
import { hash } from '../hash';
import { ownCopy, ownStrings } from '../ownStrings';
import type { AllFields } from '../types';
import { summarizeFunc } from './funcSummary';
import type { FileSummary, FuncSummary, StructSummary } from './summary';

/** The type of a package variable from its declaration: written, or evident from the initializer. */
function varType(spec: Node, i: number): string | undefined {
  const written = spec.childForFieldName('type');
  if (written) return written.text;
  const value = spec.childForFieldName('value')?.namedChildren.filter((n) => n?.type !== 'comment')[i];
  if (!value) return undefined;
  const literal = value.type === 'unary_expression' && value.childForFieldName('operator')?.text === '&' ? value.childForFieldName('operand') : value;
  const type = literal?.type === 'composite_literal' ? literal.childForFieldName('type')?.text : undefined;
  if (type) return literal === value ? type : `*${type}`;
  const fn = value.type === 'call_expression' ? value.childForFieldName('function')?.text : undefined;
  const arg = value.childForFieldName('arguments')?.namedChildren[0]?.text;
  if (fn === 'make' && arg) return arg;
  if (fn === 'new' && arg) return `*${arg}`;
  return undefined;
}

function summarizeStruct(spec: Node): StructSummary | undefined {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || type?.type !== 'struct_type') return undefined;
  const fields: StructSummary['fields'] = [];
  const list = type.namedChildren.find((n) => n?.type === 'field_declaration_list');
  for (const decl of list?.namedChildren ?? []) {
    if (decl?.type !== 'field_declaration') continue;
    const ftype = decl.childForFieldName('type')?.text ?? '';
    const names = decl.childrenForFieldName('name');
    // An embedded field is named after its type: `sync.Mutex` is field `Mutex`.
    if (names.length === 0) fields.push({ name: ftype.replace(/^\*/, '').replace(/^.*\./, ''), type: ftype });
    for (const n of names) fields.push({ name: n.text, type: ftype });
  }
  return { name, fields };
}

/** What one top-level declaration adds to its file's summary. */
export interface DeclarationFacts {
  packageName?: string;
  vars: string[];
  topLevel: string[];
  structs: StructSummary[];
  varTypes: FileSummary['varTypes'];
  typeDefs: FileSummary['typeDefs'];
  func?: Omit<FuncSummary, 'line'>;
  /** The function's summary at each line it was seen on: the same object while it stays there (see unitCache's key). */
  placed?: Map<number, FuncSummary>;
  /** Of what it adds to the file's summary, its function left out (see FileSummary.digest). */
  digest: string;
}

function declarationFacts(decl: Node, text: string): DeclarationFacts {
  // Every field from the start, the optional ones too: one hidden class for the facts of every kind of declaration.
  const facts: AllFields<DeclarationFacts> = { packageName: undefined, vars: [], topLevel: [], structs: [], varTypes: [], typeDefs: [], func: undefined, placed: undefined, digest: '' };
  switch (decl.type) {
    case 'package_clause':
      facts.packageName = decl.namedChild(0)?.text ?? '';
      break;
    case 'var_declaration':
    case 'const_declaration':
      for (const spec of descendants(decl, decl.type === 'var_declaration' ? 'var_spec' : 'const_spec')) {
        spec.childrenForFieldName('name').forEach((n, i) => {
          if (n.text === '_') return;
          facts.topLevel.push(n.text);
          if (decl.type !== 'var_declaration') return;
          facts.vars.push(n.text);
          const type = varType(spec, i);
          if (type) facts.varTypes.push({ name: n.text, type });
        });
      }
      break;
    case 'type_declaration':
      for (const spec of decl.namedChildren) {
        if (spec?.type !== 'type_spec' && spec?.type !== 'type_alias') continue;
        const name = spec.childForFieldName('name')?.text;
        if (name) facts.topLevel.push(name);
        const struct = summarizeStruct(spec);
        const underlying = spec.childForFieldName('type');
        if (struct) facts.structs.push(struct);
        else if (name && underlying && spec.type === 'type_spec') facts.typeDefs.push({ name, type: underlying.text });
      }
      break;
    case 'function_declaration':
    case 'method_declaration': {
      facts.func = summarizeFunc(decl, text);
      facts.placed = new Map();
      const name = decl.childForFieldName('name')?.text;
      if (name && decl.type === 'function_declaration') facts.topLevel.push(name);
      break;
    }
  }
  const { packageName, vars, topLevel, structs, varTypes, typeDefs } = facts;
  facts.digest = hash(JSON.stringify([packageName, vars, topLevel, structs, varTypes, typeDefs]));
  return facts;
}

/** `facts` with strings of their own (see ownStrings), in declarationFacts' literal: the facts of a scan's trees, not copied, share their hidden class. */
function ownFacts(f: DeclarationFacts): DeclarationFacts {
  const own: AllFields<DeclarationFacts> = {
    packageName: f.packageName === undefined ? undefined : ownCopy(f.packageName), vars: ownStrings(f.vars), topLevel: ownStrings(f.topLevel),
    structs: ownStrings(f.structs), varTypes: ownStrings(f.varTypes), typeDefs: ownStrings(f.typeDefs), func: f.func && ownStrings(f.func), placed: f.placed, digest: f.digest,
  };
  return own;
}

/**
 * What a declaration contributes depends only on its text, so it is kept by its text's key: while
 * typing, only the declaration being edited is summarized again. It lives as long as the key.
 */
const declarations = new WeakMap<TextKey, DeclarationFacts | null>();
const SUMMARIZED = new Set(['package_clause', 'var_declaration', 'const_declaration', 'type_declaration', 'function_declaration', 'method_declaration']);

/** The facts of a declaration, or null for one that adds nothing (imports, comments): kept by key, so a keystroke reads no node's type for the unchanged ones. */
export function cachedFacts(decl: Node, key: TextKey, text: string): DeclarationFacts | null {
  let facts = declarations.get(key);
  if (facts === undefined) {
    const made = SUMMARIZED.has(decl.type) ? declarationFacts(decl, text) : null;
    // Its own strings: kept by key, the facts outlive the text of the version they were read
    // from. A key of a tree analyzed once lives no longer than its text.
    declarations.set(key, (facts = made && !key.once ? ownFacts(made) : made));
  }
  return facts;
}
