import { FunctionModel } from '../../server/src/analysis/model';
import { fileHead, inCleanDeclaration, indentOf, Node, rangeOf, startsLine } from '../../server/src/analysis/syntax';
import type { Fix, Position, TextEdit } from '../../server/src/types';
import { identifiersIn } from '../../server/src/workspace/funcSummary';
import type { Helper, PackageIndex } from '../../server/src/workspace/index';
import type { Site } from './tracking';
import { importEdit } from './imports';
import { descendants } from '../../server/src/analysis/descendants';
import { SideTable } from '../../server/src/sideTable';

const CONSTANT_ARG = new Set([
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal',
  'interpreted_string_literal', 'raw_string_literal', 'true', 'false', 'nil', 'iota', 'func_literal',
]);

/** Declared by a loop header: before Go 1.22 one variable is shared by every iteration. */
function isLoopVariable(decl: Node): boolean {
  for (let p = decl.parent; p && p.type !== 'block'; p = p.parent) {
    if (p.type === 'range_clause' || p.type === 'for_clause') return true;
  }
  return false;
}

/**
 * A name whose value at the `go` statement is still its value when the wrapped closure runs: a
 * local declared once and never assigned again (and not a loop variable, whatever the module's
 * Go version), or a constant, function or package name. Package variables can change any time.
 */
function isStableName(name: string, site: Site, index: PackageIndex): boolean {
  const decls = site.model.locals.get(name);
  if (decls) return decls.length === 1 && !isLoopVariable(decls[0]) && !site.model.writes.some((w) => w.name === name);
  return !index.vars.has(name);
}

/**
 * An argument the wrapped closure may evaluate later without changing its value: a constant, a
 * func literal, a stable name, or the address of any variable (the variable stays the same).
 */
function isSimple(arg: Node, site: Site, index: PackageIndex): boolean {
  if (CONSTANT_ARG.has(arg.type)) return true;
  if (arg.type === 'identifier') return arg.text !== '_' && isStableName(arg.text, site, index);
  if (arg.type === 'unary_expression' && arg.childForFieldName('operator')?.type === '&') {
    return arg.childForFieldName('operand')?.type === 'identifier';
  }
  if (arg.type === 'variadic_argument') {
    const inner = arg.namedChild(0);
    return !!inner && isSimple(inner, site, index);
  }
  return false;
}

/**
 * `f`, `pkg.F`, or `x.m` where `m` is a method of the receiver's type and `x` the unchanged
 * receiver: evaluating it later gives the same function. A function-valued field (`h.restart`)
 * is read at the `go`, so it is bound first.
 */
function isSimpleCallee(callee: Node, site: Site, index: PackageIndex): boolean {
  if (callee.type === 'identifier') return isStableName(callee.text, site, index);
  if (callee.type !== 'selector_expression') return false;
  const operand = callee.childForFieldName('operand');
  const member = callee.childForFieldName('field')?.text ?? '';
  if (operand?.type !== 'identifier') return false;
  const recv = site.model.receiver;
  if (recv && operand.text === recv.name) {
    // The method value copies a pointer receiver, so later writes to its fields do not matter.
    const reassigned = site.model.writes.some((w) => w.name === recv.name && (!recv.pointer || w.node.type === 'identifier'));
    return !reassigned && !!index.method(recv.type, member);
  }
  // Not a local nor a package-level name: an imported package, whose functions do not change.
  return !site.model.locals.has(operand.text) && !index.topLevel.has(operand.text);
}

/** Scanned once per function: a function with thousands of `go` statements asks for each of them. */
const functionIdentifiers = new SideTable<FunctionModel, Set<string>>('functionIdentifiers', 'model');

/** A name not used anywhere in the function or the package: `base`, `base2`, ... */
function freshNamer(model: FunctionModel, index: PackageIndex, text: string) {
  let inFunction = functionIdentifiers.get(model);
  if (!inFunction) functionIdentifiers.set(model, (inFunction = identifiersIn(text.slice(model.node.startIndex, model.node.endIndex))));
  // Looked up, not copied: a copy of both sets per go statement is quadratic in a big package.
  const chosen = new Set<string>();
  const taken = (name: string) => inFunction.has(name) || index.topLevel.has(name) || chosen.has(name);
  return (base: string) => {
    let name = base;
    for (let i = 2; taken(name); i++) name = `${base}${i}`;
    chosen.add(name);
    return name;
  };
}

/** Multi-line raw strings cannot be re-indented without changing their value. */
function hasMultilineRawString(node: Node): boolean {
  return descendants(node, 'raw_string_literal').some((s) => s.startPosition.row !== s.endPosition.row);
}

function reindent(code: string, indent: string): string {
  return code.replace(/\n(?=[^\n])/g, `\n${indent}`);
}

/**
 * Edits that turn `go <call>` into `helper(func() { <call> })`, keeping the moment arguments are
 * evaluated: arguments that could change are bound to fresh variables on the line before.
 */
export function wrapEdits(site: Site, index: PackageIndex, text: string, helperCall: string): TextEdit[] | undefined {
  const { go, model } = site;
  const stmt = go.statement;
  if (!inCleanDeclaration(stmt)) return undefined;
  // The common shape `go func() {...}()`: two small edits keep every byte of the body as it was.
  if (go.literal && go.args.length === 0) {
    return [
      { range: { start: rangeOf(stmt).start, end: rangeOf(go.literal).start }, newText: `${helperCall}(` },
      { range: { start: rangeOf(go.literal).end, end: rangeOf(stmt).end }, newText: ')' },
    ];
  }
  const multiLine = stmt.startPosition.row !== stmt.endPosition.row;
  const needsBinding = go.args.some((a) => !isSimple(a, site, index)) || (go.callee !== null && !isSimpleCallee(go.callee, site, index));
  if ((multiLine || needsBinding) && !startsLine(text, stmt)) return undefined;
  if (hasMultilineRawString(stmt)) return undefined;

  const indent = indentOf(text, stmt);
  const fresh = freshNamer(model, index, text);
  const bindings: string[] = [];
  const bind = (base: string, expr: Node) => {
    const name = fresh(base);
    bindings.push(`${name} := ${expr.text}`);
    return name;
  };
  // Evaluation order is the callee, then the arguments left to right, as the go statement did.
  const fn = go.literal ? go.literal.text : go.callee && !isSimpleCallee(go.callee, site, index) ? bind('fn', go.callee) : go.callee!.text;
  const args = go.args.map((a) => {
    if (isSimple(a, site, index)) return a.text;
    if (a.type === 'variadic_argument') return `${bind('arg', a.namedChild(0)!)}...`;
    return bind('arg', a);
  });
  const call = `${fn}(${args.join(', ')})`;
  const body = call.includes('\n') ? `func() {\n${indent}\t${reindent(call, '\t')}\n${indent}}` : `func() { ${call} }`;
  const prefix = bindings.map((b) => `${b}\n${indent}`).join('');
  return [{ range: rangeOf(stmt), newText: `${prefix}${helperCall}(${body})` }];
}

/** The helper to wrap with: the receiver's own helper method first, then a package function. */
export function chooseHelper(site: Site, helpers: Helper[]): { call: string; helper: Helper } | undefined {
  const recv = site.model.receiver;
  const method = recv && helpers.find((h) => h.receiverType === recv.type && h.wrappable);
  if (method && recv) return { call: `${recv.name}.${method.name}`, helper: method };
  const func = helpers.find((h) => !h.receiverType && h.wrappable);
  return func ? { call: func.name, helper: func } : undefined;
}

function helperSource(helper: string, wg: string, sync: string): string {
  return [
    `// ${wg} counts the goroutines started with ${helper}; tests and shutdown call ${wg}.Wait()`,
    '// so that no goroutine outlives them.',
    `var ${wg} ${sync}.WaitGroup`,
    '',
    `// ${helper} runs fn in a goroutine that ${wg} tracks.`,
    `func ${helper}(fn func()) {`,
    `\t${wg}.Add(1)`,
    '\tgo func() {',
    `\t\tdefer ${wg}.Done()`,
    '\t\tfn()',
    '\t}()',
    '}',
  ].join('\n');
}

/** Per tree: a file with thousands of untracked `go` statements asks for each of them. */
const heads = new SideTable<Node['tree'], { sync: { name: string; edits: TextEdit[] }; end: Position } | null>('heads', 'tree');

/** The file head's part of the helper fix: the `sync` import and where the helper goes. */
function headOf(root: Node, text: string): { sync: { name: string; edits: TextEdit[] }; end: Position } | undefined {
  let head = heads.get(root.tree);
  if (head === undefined) {
    const sync = importEdit(root, text, 'sync');
    // Right after the imports: the same place for every finding of the file (so fix-all adds it
    // once), and above the code being typed, whose half-written end could swallow it.
    const decls = fileHead(root).filter((n) => n.type !== 'comment');
    const anchor = decls.at(-1);
    head = sync && anchor && !decls.some((d) => d.hasError) ? { sync, end: rangeOf(anchor).end } : null;
    heads.set(root.tree, head);
  }
  // Copies: each finding's fix owns its edits.
  return head ? { sync: { name: head.sync.name, edits: head.sync.edits.map((e) => ({ ...e })) }, end: head.end } : undefined;
}

/** Adds a package-level WaitGroup and helper to this file and wraps the `go` in it. */
export function addHelperFix(site: Site, index: PackageIndex, text: string, root: Node, names: readonly string[]): Fix | undefined {
  const helper = names.find((n) => !index.topLevel.has(n));
  if (!helper) return undefined;
  let wg = 'asyncWG';
  for (let i = 2; index.topLevel.has(wg); i++) wg = `asyncWG${i}`;
  const head = headOf(root, text);
  if (!head) return undefined;
  const { sync, end } = head;
  const wrap = wrapEdits(site, index, text, helper);
  if (!wrap) return undefined;
  const decl: TextEdit = { range: { start: end, end }, newText: `\n\n${helperSource(helper, wg, sync.name)}` };
  return {
    title: `Add a tracked goroutine helper (${helper}) and use it`,
    preferred: true,
    edits: [...wrap, ...sync.edits, decl],
  };
}

export function exemptFix(site: Site, text: string, directive: string): Fix | undefined {
  const stmt = site.go.statement;
  if (!startsLine(text, stmt)) return undefined;
  const at = { line: stmt.startPosition.row, character: 0 };
  return {
    title: `Mark as ${directive}`,
    preferred: false,
    edits: [{ range: { start: at, end: at }, newText: `${indentOf(text, stmt)}// ${directive}: TODO say why this goroutine may outlive its caller\n` }],
  };
}
