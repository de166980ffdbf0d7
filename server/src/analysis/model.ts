import type { Tree } from 'web-tree-sitter';
import { FileSummary, summarizeFile } from '../workspace/summary';
import { ChannelOp, channelOpsIn, GoStart, goStartOf, JoinOp, joinOpsIn } from './goroutines';
import { CriticalSection, criticalSections, LockEvent } from './locks';
import { contains, DECLARATION_TYPES, declaredNames, enclosingFunction, Node, writeTargets } from './syntax';
import { descendants, topLevelOf } from './descendants';

/** A write to a variable: the root identifier of an assignment target or `x++`. */
export interface Write {
  name: string;
  node: Node;
}

/**
 * The concurrency model of one top-level function (with every func literal inside it), built
 * once and shared by all rules. Offsets are UTF-16 indices into the file text.
 */
export interface FunctionModel {
  node: Node;
  body: Node | null;
  /** `pointer` for `(s *T)`: writes to its fields then do not change the receiver value itself. */
  receiver?: { name: string; type: string; pointer: boolean };
  /** Names declared anywhere inside (parameters, `:=`, var, range, select), with where. */
  locals: Map<string, Node[]>;
  locks: LockEvent[];
  sections: CriticalSection[];
  goStarts: GoStart[];
  joins: JoinOp[];
  /** The joins on one WaitGroup (by receiver text), in order. */
  joinsOn(target: string): JoinOp[];
  channels: ChannelOp[];
  writes: Write[];
}

export interface FileModel {
  path: string;
  text: string;
  tree: Tree;
  summary: FileSummary;
  /**
   * The top-level declarations to check: all of them, or, while a document is being edited,
   * only those whose text changed (the engine caches the others' findings). A rule reports
   * findings only for code inside these, and learns about the rest of the package (this file's
   * other declarations included) from the package index, never by walking the whole tree.
   */
  units(): Node[];
  /** Every `go` statement inside units(), in order. */
  goStatements(): Node[];
  /** The model of the top-level function or method declaration that contains `node`. */
  functionOf(node: Node): FunctionModel | undefined;
}

function receiverOf(decl: Node): FunctionModel['receiver'] {
  if (decl.type !== 'method_declaration') return undefined;
  const param = decl.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  const name = param?.childForFieldName('name')?.text;
  const written = param?.childForFieldName('type')?.text ?? '';
  const type = written.replace(/^\*/, '').replace(/\[.*$/, '');
  return name && name !== '_' && type ? { name, type, pointer: written.startsWith('*') } : undefined;
}

function localsOf(decl: Node): Map<string, Node[]> {
  const locals = new Map<string, Node[]>();
  for (const d of descendants(decl, DECLARATION_TYPES)) {
    for (const name of declaredNames(d)) {
      const list = locals.get(name.text);
      if (list) list.push(name);
      else locals.set(name.text, [name]);
    }
  }
  return locals;
}

// Cheap textual tests that rule out whole parts of the model: most functions lock nothing, start
// no goroutine and touch no channel, and walking their trees for it is most of the cost of a scan.
export const MAY_LOCK = /\b(?:R?Lock|R?Unlock)\s*\(\s*\)/;
export const MAY_GO = /\bgo\b/;
export const MAY_JOIN = /\.\s*(?:Add|Done|Wait|Go)\s*\(/;
export const MAY_USE_CHANNEL = /<-|\bclose\s*\(|\brange\b/;

/** The model of a function, each part computed the first time a rule asks for it. */
export function buildFunctionModel(decl: Node): FunctionModel {
  const body = decl.childForFieldName('body');
  const text = body?.text ?? '';
  const lazy = <T>(test: RegExp | undefined, compute: (b: Node) => T, none: T) => {
    let value: T | undefined;
    return () => (value ??= body && (!test || test.test(text)) ? compute(body) : none);
  };
  const locks = lazy(MAY_LOCK, criticalSections, { events: [], sections: [] });
  const goStarts = lazy(MAY_GO, (b) => descendants(b, 'go_statement').map(goStartOf).filter((g): g is GoStart => !!g), []);
  const joins = lazy(MAY_JOIN, joinOpsIn, []);
  const channels = lazy(MAY_USE_CHANNEL, channelOpsIn, []);
  const writes = lazy(undefined, writeTargets, []);
  let locals: Map<string, Node[]> | undefined;
  let byTarget: Map<string, JoinOp[]> | undefined;
  return {
    node: decl,
    body,
    receiver: receiverOf(decl),
    get locals() {
      return (locals ??= localsOf(decl));
    },
    get locks() {
      return locks().events;
    },
    get sections() {
      return locks().sections;
    },
    get goStarts() {
      return goStarts();
    },
    get joins() {
      return joins();
    },
    joinsOn(target) {
      if (!byTarget) {
        byTarget = new Map();
        for (const j of joins()) {
          const list = byTarget.get(j.target);
          if (list) list.push(j);
          else byTarget.set(j.target, [j]);
        }
      }
      return byTarget.get(target) ?? [];
    },
    get channels() {
      return channels();
    },
    get writes() {
      return writes();
    },
  };
}

/** The top-level declaration containing `node`, or the outermost func literal when there is none. */
function unitOf(node: Node): Node | undefined {
  let unit: Node | undefined;
  for (let p = enclosingFunction(node) ?? undefined; p; p = enclosingFunction(p) ?? undefined) unit = p;
  return unit;
}

/**
 * The model of a file, checking all its top-level declarations, or with `part` only some of them
 * (the ones a keystroke changed) under the summary the whole file's model already made.
 */
export function buildFileModel(tree: Tree, text: string, path: string, part?: { units: readonly Node[]; summary: FileSummary }): FileModel {
  let goStatements: Node[] | undefined;
  const functions = new Map<number, FunctionModel>();
  const checked = part ? [...part.units] : [...topLevelOf(tree)];
  return {
    path,
    text,
    tree,
    summary: part?.summary ?? summarizeFile(tree, text, path),
    units: () => checked,
    goStatements() {
      // Most declarations start no goroutine: their text says so without a walk.
      goStatements ??= checked.filter((u) => MAY_GO.test(text.slice(u.startIndex, u.endIndex))).flatMap((u) => descendants(u, 'go_statement'));
      return goStatements;
    },
    functionOf(node) {
      const unit = unitOf(node);
      if (!unit) return undefined;
      let model = functions.get(unit.id);
      if (!model) functions.set(unit.id, (model = buildFunctionModel(unit)));
      return model;
    },
  };
}

/** The mutexes held at `node`, by the critical sections of its own function body. */
export function heldLocks(model: FunctionModel, node: Node): string[] {
  const fn = enclosingFunction(node);
  return model.sections
    .filter((s) => s.start <= node.startIndex && node.startIndex < s.end && enclosingFunction(s.lock.statement)?.id === fn?.id)
    .map((s) => s.mutex);
}

const SCOPE_TYPES = new Set([
  'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement',
  'select_statement', 'communication_case', 'expression_case', 'type_case', 'default_case',
  'func_literal', 'function_declaration', 'method_declaration',
]);

/** The node a declared name is visible in: its block, its if/for/switch header, or its function for parameters. */
function scopeOf(declared: Node): Node | null {
  for (let p = declared.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type)) return p;
  return null;
}

/**
 * The declaration (the declared identifier) that a use of a local name refers to: the nearest
 * one before the use whose scope contains it. Undefined for package-level and unknown names.
 */
export function declarationOf(model: FunctionModel, use: Node): Node | undefined {
  let best: Node | undefined;
  for (const d of model.locals.get(use.text) ?? []) {
    const scope = scopeOf(d);
    if (d.startIndex > use.startIndex || !scope || !contains(scope, use.startIndex)) continue;
    if (!best || d.startIndex > best.startIndex) best = d;
  }
  return best;
}
