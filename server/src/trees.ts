import * as fs from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Node, Parser, Tree } from 'web-tree-sitter';
import { carryTextKeys } from './analysis/textKeys';
import { SideTable } from './sideTable';

export type { Tree, Edit };

/**
 * The .wasm files sit next to the bundle in dist/; when running from tsc output (tests) they are
 * resolved from node_modules instead.
 */
function locate(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

/** The remembered facts' slots, added to a node all at once, in this order (named stores: cheap, and one hidden class). */
function addRememberedSlots(node: Record<string, unknown>): void {
  node.remembered_typeId = undefined;
  node.remembered_endIndex = undefined;
  node.remembered_endPosition = undefined;
  node.remembered_parent = undefined;
  node.remembered_text = undefined;
}

/**
 * A web-tree-sitter Node is a snapshot of one node: it holds its start and asks wasm for
 * everything else, on every read. The rules read the type, end, parent and text of the same
 * nodes many times, so each is remembered on the object the first time it is read. That is
 * sound because a tree is never edited while it is analyzed: an open document's tree is edited
 * only to parse the next version from it, and its nodes are not read after that. The facts
 * remembered are those addRememberedSlots adds, so the two cannot drift apart.
 */
function rememberNodeFacts(): void {
  const probe: Record<string, unknown> = {};
  addRememberedSlots(probe);
  const slots = Object.keys(probe);
  for (const slot of slots) {
    const name = slot.slice('remembered_'.length);
    const read = Object.getOwnPropertyDescriptor(Node.prototype, name)?.get;
    if (!read) continue;
    Object.defineProperty(Node.prototype, name, {
      configurable: true,
      get(this: Record<string, unknown>) {
        let value = this[slot];
        if (value === undefined) {
          // All of them at once, in one order: added as each was first read, they gave nodes a
          // hidden class per order of first reads, and every read of a node's fields met many.
          if (!(slots[0] in this)) addRememberedSlots(this);
          this[slot] = value = read.call(this);
        }
        return value;
      },
    });
  }
}

let loading: Promise<Language> | undefined;

/** Loads the tree-sitter runtime and the Go grammar once per process. */
export function loadGo(): Promise<Language> {
  loading ??= (async () => {
    rememberNodeFacts();
    await Parser.init({ locateFile: () => locate('web-tree-sitter.wasm', 'web-tree-sitter') });
    return Language.load(locate('tree-sitter-go.wasm', 'tree-sitter-go'));
  })();
  return loading;
}

export async function createGoParser(): Promise<Parser> {
  const language = await loadGo(); // also initializes the runtime, which `new Parser()` needs
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** No single parse may hold the thread longer than this: a pathological file is skipped instead. */
export const PARSE_BUDGET_MS = 5_000;

/** Why a parse returned no tree: the user reads it in the Output channel or the CLI's `skipped`. */
export const PARSE_CANCELLED = `parse took longer than ${PARSE_BUDGET_MS / 1000} s and was cancelled`;

/**
 * Parses `text`, reusing `old` when given (it must already carry the edits that turned its
 * text into `text`). Returns undefined when the parse runs over its time budget.
 */
export function parseGo(parser: Parser, text: string, old?: Tree, budgetMs = PARSE_BUDGET_MS): Tree | undefined {
  const deadline = performance.now() + budgetMs;
  // The callback's boolean result cancels the parse; the typings declare it as void.
  const progressCallback = (() => performance.now() > deadline) as () => void;
  const tree = parser.parse(text, old ?? null, { progressCallback }) ?? undefined;
  if (tree) SideTable.prepare(tree, 'tree');
  return tree;
}

interface Entry {
  version: number;
  tree: Tree;
}

/**
 * Trees of open documents only. Each document's pending edits are applied to its old tree
 * in the order they happened, then the new text is parsed incrementally.
 */
export class TreeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parser: Parser) {}

  get(uri: string, version: number, text: string, pendingEdits: readonly Edit[]): Tree | undefined {
    const entry = this.entries.get(uri);
    if (entry && entry.version === version) return entry.tree;
    let old: Tree | undefined;
    if (entry) {
      old = entry.tree;
      for (const edit of pendingEdits) old.edit(edit);
    }
    const tree = parseGo(this.parser, text, old);
    if (old && tree) carryTextKeys(old, tree);
    if (!tree) {
      // The old tree already carries the edits; a later call must not apply them twice.
      this.delete(uri);
      return undefined;
    }
    entry?.tree.delete();
    this.entries.set(uri, { version, tree });
    return tree;
  }

  delete(uri: string): void {
    this.entries.get(uri)?.tree.delete();
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** ERROR nodes plus missing-token recoveries in `text`: a fix may never raise this count. */
export function syntaxErrorCount(parser: Parser, text: string): number {
  const tree = parseGo(parser, text);
  if (!tree) return Number.POSITIVE_INFINITY;
  try {
    let n = 0;
    const cursor = tree.walk();
    // A pre-order walk that descends only into subtrees holding an error: cheap on clean files.
    for (let more = true; more; ) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) n++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
    cursor.delete();
    return n;
  } finally {
    tree.delete();
  }
}
