import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Edit } from 'web-tree-sitter';

export interface OpenDocument {
  uri: string;
  document: TextDocument;
  /** Tree-sitter edits not yet applied to the cached tree, oldest first. */
  pendingEdits: Edit[];
}

/** Where `text` ends when it is inserted at `start` (row/column in UTF-16 units). */
function endAfterInsert(start: { row: number; column: number }, text: string): { row: number; column: number } {
  let row = start.row;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
      row++;
      lineStart = i + 1;
    }
  }
  return row === start.row ? { row, column: start.column + text.length } : { row, column: text.length - lineStart };
}

/** The tree-sitter edit for one content change, measured against the text before it. */
export function editFor(doc: TextDocument, change: TextDocumentContentChangeEvent): Edit {
  if (!('range' in change)) {
    const oldEnd = doc.positionAt(doc.getText().length);
    const oldEndPosition = { row: oldEnd.line, column: oldEnd.character };
    return new Edit({
      startIndex: 0,
      oldEndIndex: doc.getText().length,
      newEndIndex: change.text.length,
      startPosition: { row: 0, column: 0 },
      oldEndPosition,
      newEndPosition: endAfterInsert({ row: 0, column: 0 }, change.text),
    });
  }
  const startIndex = doc.offsetAt(change.range.start);
  const oldEndIndex = doc.offsetAt(change.range.end);
  // Normalize positions the client may give past a line's end, as offsetAt does.
  const start = doc.positionAt(startIndex);
  const oldEnd = doc.positionAt(oldEndIndex);
  const startPosition = { row: start.line, column: start.character };
  return new Edit({
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + change.text.length,
    startPosition,
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition: endAfterInsert(startPosition, change.text),
  });
}

/**
 * Open documents. Every change of a didChange is applied on its own, in order, because each
 * change's range refers to the text left by the one before it (multi-cursor edits send several).
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const entry = { uri, document: TextDocument.create(uri, languageId, version, text), pendingEdits: [] };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    for (const change of changes) {
      entry.pendingEdits.push(editFor(entry.document, change));
      entry.document = TextDocument.update(entry.document, [change], version);
    }
    return entry;
  }

  /** Hands the pending edits to the caller (the tree cache), who applies them exactly once. */
  takeEdits(uri: string): Edit[] {
    const entry = this.docs.get(uri);
    if (!entry) return [];
    const edits = entry.pendingEdits;
    entry.pendingEdits = [];
    return edits;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.docs.values();
  }
}
