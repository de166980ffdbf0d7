import { bindingsIn, reachingBinding } from '../../server/src/analysis/returns';
import { callArguments, Node, rootIdentifier } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';
import { inFile } from '../../server/src/workspace/summary';
import type { Related } from '../../server/src/types';
import { descendants } from '../../server/src/analysis/descendants';

/** How one function of the file refers to the guarded collection: `s.items` in a method of the same receiver type, or a package variable. */
export interface CollectionRef {
  /** Text after the receiver name (`.items`), or the package variable's name. */
  path: string;
  receiverType?: string;
}

function receiverOf(decl: Node): { name: string; type: string } | undefined {
  const param = decl.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  const name = param?.childForFieldName('name')?.text;
  const type = param?.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '');
  return name && type ? { name, type } : undefined;
}

function refersTo(expr: Node | null | undefined, ref: CollectionRef, recv: string | undefined): boolean {
  if (!expr) return false;
  if (!ref.receiverType) return expr.type === 'identifier' && expr.text === ref.path;
  const root = rootIdentifier(expr);
  return !!recv && root?.text === recv && expr.text === recv + ref.path;
}

/** The functions of the file that can reach the collection: methods of the receiver type, or any for package state. */
function* functionsReaching(root: Node, ref: CollectionRef): Generator<{ decl: Node; body: Node; recv?: string }> {
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'function_declaration' && decl?.type !== 'method_declaration') continue;
    const recv = receiverOf(decl);
    const body = decl.childForFieldName('body');
    if (body && (!ref.receiverType || recv?.type === ref.receiverType)) yield { decl, body, recv: recv?.name };
  }
}

const IN_PLACE_CALLS = /^(?:delete|clear|copy|sort\.\w+|slices\.(?:Sort\w*|Reverse|Delete\w*|Replace|Insert|Compact\w*))$/;

/**
 * A statement of the file that changes the collection in place (not by replacing it): an
 * element assignment, `delete`/`clear`/`copy`, an in-place sort, or reslicing it onto itself
 * (`s.items = s.items[:0]`, `s.items = append(s.items[:i], s.items[i+1:]...)`), after which
 * appends overwrite elements a caller still holds. Copy-on-write collections have none.
 */
export function inPlaceWrite(root: Node, ref: CollectionRef): Node | undefined {
  for (const { body, recv: name } of functionsReaching(root, ref)) {
    const recv = name ? { name } : undefined;
    const hit = descendants(body, ['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression']).find((n) => {
      if (!n) return false;
      if (n.type === 'call_expression') {
        if (!IN_PLACE_CALLS.test(n.childForFieldName('function')?.text ?? '')) return false;
        const first = callArguments(n)[0];
        return refersTo(first?.type === 'slice_expression' ? first.childForFieldName('operand') : first, ref, recv?.name);
      }
      const left = n.type === 'assignment_statement' ? n.childForFieldName('left')?.namedChildren ?? [] : [n.namedChild(0)];
      if (left.some((t) => t?.type === 'index_expression' && refersTo(t.childForFieldName('operand'), ref, recv?.name))) return true;
      // Elements of a slice of structs are written in place through `s.items[i].n = 1`.
      if (left.some((t) => t?.type === 'selector_expression' && t.childForFieldName('operand')?.type === 'index_expression' && refersTo(t.childForFieldName('operand')!.childForFieldName('operand'), ref, recv?.name))) return true;
      const right = n.type === 'assignment_statement' ? n.childForFieldName('right')?.namedChildren ?? [] : [];
      return left.length === 1 && refersTo(left[0], ref, recv?.name) && right.length === 1 && reslicesOnto(right[0], ref, recv?.name);
    });
    if (hit) return hit;
  }
  return undefined;
}

function targetsOf(body: Node): Node[] {
  return descendants(body, ['assignment_statement', 'inc_statement', 'dec_statement']).flatMap((n) => {
    if (!n) return [];
    const left = n.type === 'assignment_statement' ? n.childForFieldName('left')?.namedChildren ?? [] : [n.namedChild(0)];
    return left.filter((t): t is Node => !!t && (t.type === 'selector_expression' || t.type === 'index_expression'));
  });
}

/**
 * A write in the file into what the guarded state points to, not into the state itself:
 * `s.sessions[id].State = x`, `sess := s.sessions[id]; sess.State = x`, `s.current.Addr = x`.
 * With `element`, `ref` is the collection and the pointers are its elements; else `ref` is the pointer.
 */
export function pointeeWrite(root: Node, ref: CollectionRef, element: boolean): Node | undefined {
  const holds = (n: Node | null, recv: string | undefined): boolean =>
    !!n && (element ? n.type === 'index_expression' && refersTo(n.childForFieldName('operand'), ref, recv) : refersTo(n, ref, recv));
  for (const { decl, body, recv } of functionsReaching(root, ref)) {
    let bindings: ReturnType<typeof bindingsIn> | undefined;
    for (const target of targetsOf(body)) {
      for (let n = target.childForFieldName('operand'); n; n = n.type === 'parenthesized_expression' ? n.namedChild(0) : n.childForFieldName('operand')) {
        if (holds(n, recv)) return target;
        if (n.type !== 'identifier') continue;
        bindings ??= bindingsIn(decl);
        const b = reachingBinding(bindings, n.text, target);
        const value = b?.value ?? null;
        if (b && (element && b.element ? refersTo(value, ref, recv) : holds(value, recv))) return target;
      }
    }
  }
  return undefined;
}

function reslicesOnto(value: Node | null, ref: CollectionRef, recv: string | undefined): boolean {
  if (!value) return false;
  if (value.type === 'slice_expression') return refersTo(value.childForFieldName('operand'), ref, recv);
  if (value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'append') return false;
  const first = callArguments(value)[0];
  return first?.type === 'slice_expression' && refersTo(first.childForFieldName('operand'), ref, recv);
}

/** Writes through the result of `name` anywhere in the package: the other side of the race. */
export function writesThrough(index: PackageIndex, name: string, receiverType: string | undefined, path: string): Related[] {
  // A method name several types share could be any of them: no evidence is better than wrong evidence.
  if (receiverType && index.methodsNamed(name).length !== 1) return [];
  const out: Related[] = [];
  for (const file of index.files) {
    for (const fn of file.funcs) {
      if (fn.name === name && fn.receiverType === receiverType) continue;
      for (const w of fn.resultWrites) {
        if (w.callee !== name || w.method !== !!receiverType) continue;
        out.push({ range: inFile(fn, w.range), message: `${fn.name} writes ${w.text} through the result`, file: file.path === path ? undefined : file.path });
      }
    }
  }
  return out;
}
