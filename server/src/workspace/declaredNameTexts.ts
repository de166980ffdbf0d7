// The names a declaration-like node declares, as strings, read from its text where its text
// leaves no doubt: every function's summary asks this of each of its parameters and `:=`, and
// asking the tree costs a few wasm calls and a JS object per name. Anything unusual (a comment,
// a line break, a non-ASCII name, an array type, a keyword or `iota` where a name would be) goes to the tree.
import { declaredNames, Node } from '../analysis/syntax';

/** Words that are never an identifier node: Go's keywords, and the predeclared names tree-sitter-go gives node types of their own. */
const NOT_IDENTIFIERS = new Set([
  'false', 'iota', 'nil', 'true',
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go',
  'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

const NAMES = String.raw`[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*`;
/** `a, b :=`: the names up to the operator (short variable declarations, `:=` range clauses and receives). */
const DEFINE = new RegExp(String.raw`^(${NAMES})[ \t]*:=`);
/** `a, b =`: assigns, declares nothing. */
const ASSIGN = new RegExp(String.raw`^${NAMES}[ \t]*=(?!=)`);
/** `a, b T`: names, then a type that cannot be mistaken for the rest of one (`pkg . T`, `List [T]`). */
const TYPED = new RegExp(String.raw`^(${NAMES})[ \t]+(?:[A-Za-z_*]|\[\]|<-)`);
/** `a, b = ...` in a var spec. */
const VALUED = new RegExp(String.raw`^(${NAMES})[ \t]*=(?!=)`);
/** `args ...T`. */
const VARIADIC = new RegExp(String.raw`^([A-Za-z_]\w*)[ \t]*\.\.\.`);
/** A lone type, `T` or `pkg.T`, or a `...T` without a name: no names. */
const UNNAMED = /^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?$|\.\.\.|\*|\[\])/;

function split(names: string): string[] | undefined {
  const out = names.split(',').map((n) => n.trim());
  return out.some((n) => NOT_IDENTIFIERS.has(n)) ? undefined : out;
}

function fromText(node: Node, text: string): string[] | undefined {
  let m: RegExpExecArray | null;
  switch (node.type) {
    case 'short_var_declaration':
      return (m = DEFINE.exec(text)) ? split(m[1]) : undefined;
    case 'range_clause':
    case 'receive_statement':
      if ((m = DEFINE.exec(text))) return split(m[1]);
      return ASSIGN.test(text) && split(text.slice(0, text.indexOf('='))) ? [] : undefined;
    case 'parameter_declaration':
      if ((m = TYPED.exec(text))) return split(m[1]);
      return UNNAMED.test(text) && !NOT_IDENTIFIERS.has(text) ? [] : undefined;
    case 'variadic_parameter_declaration':
      if ((m = VARIADIC.exec(text))) return split(m[1]);
      return text.startsWith('...') ? [] : undefined;
    case 'var_spec':
      return (m = TYPED.exec(text) ?? VALUED.exec(text)) ? split(m[1]) : undefined;
    default:
      return undefined;
  }
}

/** `declaredNames(node)`, as texts. */
export function declaredNameTexts(node: Node): string[] {
  return fromText(node, node.text) ?? declaredNames(node).map((n) => n.text);
}
