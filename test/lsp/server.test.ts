import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeAction, Diagnostic, TextDocumentContentChangeEvent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/edits';
import { assertNoErrors, LspClient } from '../support/lsp';

const HAZARD = `package p

var counter int

func Start() {
	go func() {
		counter++
	}()
}
`;

const client = new LspClient();
let tmp: string;
const diagnosticsFor = client.diagnosticsFor.bind(client);

const ofVersion = (uri: string, since: number, version: number) => diagnosticsFor(uri, since, (p) => p.version === version, `of version ${version}`);

/** Writes `text` as `<tmp>/<dir>/<name>`, alone in its directory (its own package), and returns its uri. */
function goFile(dir: string, name: string, text: string): string {
  const file = path.join(tmp, dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

async function open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
  const since = client.published.length;
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
  return (await ofVersion(uri, since, version)).diagnostics;
}

async function change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
  const since = client.published.length;
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  return (await ofVersion(uri, since, version)).diagnostics;
}

function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

function documentEdit(action: CodeAction): TextDocumentEdit {
  const changes = action.edit?.documentChanges;
  assert.ok(changes && changes.length === 1 && TextDocumentEdit.is(changes[0]), `${action.title}: one versioned document edit`);
  return changes[0] as TextDocumentEdit;
}

/** The edits as incremental content changes: last position first, so each range is still valid when applied. */
function asContentChanges(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  return edits
    .map((edit, i) => ({ edit, i }))
    // At one position, applying the later edit first leaves the earlier one's text in front, as LSP orders them.
    .sort((a, b) => b.edit.range.start.line - a.edit.range.start.line || b.edit.range.start.character - a.edit.range.start.character || b.i - a.i)
    .map(({ edit }) => ({ range: edit.range, text: edit.newText }));
}

describe('language server over stdio', () => {
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-lsp-'));
    const result = await client.start(tmp);
    const caps = result.capabilities as { textDocumentSync?: { change?: number }; codeActionProvider?: unknown };
    assert.equal(caps.textDocumentSync?.change, 2, 'incremental sync');
    assert.ok(caps.codeActionProvider);
  });

  after(() => {
    client.kill();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  let first: { uri: string; text: string; diagnostic: Diagnostic };

  test('1. an opened document with a hazard gets its diagnostic', async () => {
    const uri = goFile('one', 'a.go', HAZARD);
    const diagnostics = await open(uri, HAZARD);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d.range.start.line, 5);
    assert.equal(d.code, 'untracked-goroutine');
    assert.equal(d.source, 'race-hazards');
    assert.equal(typeof d.message, 'string');
    assert.match(d.message as string, /^untracked goroutine/);
    const href = d.codeDescription?.href ?? '';
    assert.match(href, /rules\/untracked-goroutine\/README\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(href)), `${href} exists`);
    for (const r of d.relatedInformation ?? []) assert.equal(r.location.uri, uri, 'related location in the same file');
    first = { uri, text: HAZARD, diagnostic: d };
  });

  test('2. the preferred quick fix, sent back as incremental changes, clears the diagnostic', async () => {
    const { uri, text, diagnostic } = first;
    const actions = (await codeActions(uri, [diagnostic])) ?? [];
    const fixes = actions.filter((a) => a.kind === 'quickfix');
    assert.ok(fixes.length > 0, 'quick fixes offered');
    const preferred = fixes.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, 'exactly one preferred fix');
    assert.deepEqual(preferred[0].diagnostics?.map((d) => d.code), ['untracked-goroutine']);
    const edit = documentEdit(preferred[0]);
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    const edits = edit.edits as TextEdit[];
    const fixed = applyEdits(text, edits.map((e) => ({ range: e.range, newText: e.newText })));
    assert.notEqual(fixed, text);
    assert.deepEqual(await change(uri, 2, asContentChanges(edits)), []);
    first.text = fixed;
  });

  test('3. an incremental change that removes the hazard clears the diagnostics', async () => {
    const uri = goFile('three', 'b.go', HAZARD);
    assert.equal((await open(uri, HAZARD)).length, 1);
    const removeIncrement = { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' };
    assert.deepEqual(await change(uri, 2, [removeIncrement]), []);
  });

  test('4. the changes of one didChange apply in order (multi-cursor)', async () => {
    const safe = HAZARD.replace('\tgo func() {', '\tfunc() {');
    const uri = goFile('four', 'c.go', safe);
    assert.deepEqual(await open(uri, safe), []);
    const diagnostics = await change(uri, 2, [
      // Two comment lines above Start move its body down by two...
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '// Start starts.\n//\n' },
      // ...so line 7 is the closure only after the first change (before it, line 7 is `}()`).
      { range: { start: { line: 7, character: 1 }, end: { line: 7, character: 1 } }, text: 'go ' },
    ]);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual(diagnostics[0].range.start, { line: 7, character: 1 });
    assert.equal(diagnostics[0].code, 'untracked-goroutine');
  });

  test('5. a fix for a diagnostic of an older version is not offered for that version', async () => {
    const uri = goFile('five', 'd.go', HAZARD);
    const [old] = await open(uri, HAZARD);
    assert.equal(old?.range.start.line, 5);
    const since = client.published.length;
    // Two blank lines above Start move the go statement from line 5 to line 7.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '\n\n' }],
    });
    const stale = (await codeActions(uri, [old])) ?? [];
    for (const action of stale.filter((a) => a.edit)) {
      assert.equal(documentEdit(action).textDocument.version, 2, `${action.title} targets the current version`);
    }
    // The finding moved, so the old diagnostic no longer describes anything: no fix at all.
    assert.deepEqual(stale.map((a) => a.title), []);
    const [moved] = (await ofVersion(uri, since, 2)).diagnostics;
    assert.equal(moved?.range.start.line, 7);
    const current = (await codeActions(uri, [moved])) ?? [];
    assert.ok(current.some((a) => a.isPreferred && documentEdit(a).textDocument.version === 2), 'fixes for the current diagnostic');

    // A change below the finding leaves it in place: a diagnostic of version 2 still gets fixes, computed for version 3.
    const since3 = client.published.length;
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: '// trailing comment\n' }],
    });
    const unmoved = (await codeActions(uri, [moved])) ?? [];
    assert.ok(unmoved.some((a) => a.isPreferred), 'the unmoved finding keeps its fixes');
    for (const action of unmoved) assert.equal(documentEdit(action).textDocument.version, 3, `${action.title} targets version 3`);
    await ofVersion(uri, since3, 3);
  });

  test('5b. fix all returns the preferred edits at the current version', async () => {
    const uri = goFile('fixall', 'e.go', HAZARD);
    assert.equal((await open(uri, HAZARD)).length, 1);
    const actions = (await codeActions(uri, [], ['source.fixAll'])) ?? [];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.raceHazards']);
    const edit = documentEdit(actions[0]);
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    assert.deepEqual(await change(uri, 2, asContentChanges(edit.edits as TextEdit[])), []);
  });

  test('6. broken input: the server answers, stays alive, and still reports the well-formed function', async () => {
    const broken = [
      'package p', '', 'import "fmt"', '', 'var hits int', '',
      'func Broken() {', '\tfmt.Println("\x01\x1b \uFFFD garbage" +', '\t@@ ## $$ \x7f \uD800', '}', '',
      'func Good() {', '\tgo func() {', '\t\thits++', '\t}()', '}', '',
      'func (', '}}{{ if {', '',
    ].join('\n');
    const uri = goFile('six', 'f.go', broken);
    const diagnostics = await open(uri, broken);
    assert.ok(diagnostics.some((d) => d.code === 'untracked-goroutine' && d.range.start.line === 12), JSON.stringify(diagnostics));
    // Typing on: each half-typed state gets an answer.
    assert.ok(Array.isArray(await change(uri, 2, [{ range: { start: { line: 17, character: 6 }, end: { line: 17, character: 6 } }, text: 's *S) M(' }])));

    const binary = 'package p\n\x00\x00\nfunc F() {\n\tgo func() { hits++ }()\n}\n';
    const binaryUri = goFile('six-nul', 'g.go', binary);
    assert.deepEqual(await open(binaryUri, binary), [], 'a file with NUL bytes is skipped');
    assert.ok(client.logs.some((m) => m.includes('g.go') && /binary/.test(m)), `the skip is logged: ${client.logs.join(' | ')}`);

    assert.ok(Array.isArray(await codeActions(uri, diagnostics)), 'a following request still works');
  });

  test('a 50,000-line file is skipped over maxFileSize, and analyzed (without freezing the server) when allowed', async () => {
    const body = Array.from({ length: 5_000 }, (_, i) => `// F${i} ${'is generated. '.repeat(12)}\nfunc F${i}() {\n\tx := ${i}\n\t_ = x\n\tgo func() {\n\t\thits++\n\t}()\n\t_ = x\n}\n\n`).join('');
    const big = `package big\n\nvar hits int\n\n${body}`;
    assert.ok(big.split('\n').length > 50_000 && big.length > 1_000_000);
    const uri = goFile('big', 'big.go', big);
    assert.deepEqual(await open(uri, big), [], 'over maxFileSize (1 MB by default): skipped');
    assert.ok(client.logs.some((m) => m.includes('big.go') && /over maxFileSize/.test(m)), 'the skip is logged');
    client.configuration = { maxFileSize: 10_000_000 };
    const since = client.published.length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const analyzed = await client.diagnosticsFor(uri, since, (p) => p.version === 1 && p.diagnostics.length > 0, 'of the big file');
    assert.equal(analyzed.diagnostics.length, 5_000);
    // The server still answers a small document right away.
    const small = goFile('big-after', 's.go', HAZARD);
    assert.equal((await open(small, HAZARD)).length, 1);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    client.configuration = {};
  });

  test('settings are re-pulled on didChangeConfiguration; a newer change cancels a pending validation', async () => {
    const uri = goFile('eight', 'h.go', HAZARD);
    assert.equal((await open(uri, HAZARD))[0]?.severity, 2, 'warning by default');
    client.configuration = { severity: { 'untracked-goroutine': 'error', bogus: 'loud' }, debounceMs: 500 };
    let since = client.published.length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await diagnosticsFor(uri, since, (p) => p.version === 1 && p.diagnostics[0]?.severity === 1, 'with severity error');

    since = client.published.length;
    const append = (line: number) => [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '// more\n' }];
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: append(10) });
    await change(uri, 3, append(11));

    // The re-validation this triggers is scheduled last, so every earlier timer has fired once it is client.published.
    client.configuration = { severity: { bogus: 'loud' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await diagnosticsFor(uri, since, (p) => p.version === 3 && p.diagnostics[0]?.severity === 2, 'back to warning');
    const runs = client.published.slice(since).filter((p) => p.uri === uri).map((p) => `v${p.version}:${p.diagnostics[0]?.severity}`);
    assert.deepEqual(runs, ['v3:1', 'v3:2'], 'the change to version 3 cancelled the pending run for version 2');
    const bogus = client.logs.filter((m) => m.includes('severity.bogus'));
    assert.deepEqual(bogus.map((m) => m.startsWith('showMessage:')), [false, true], 'a settings problem is logged and shown once');
    client.configuration = {};
  });

  test('7. closing a document clears its diagnostics', async () => {
    const since = client.published.length;
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: first.uri } });
    const cleared = await diagnosticsFor(first.uri, since, () => true, 'after close');
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('shuts down cleanly, with no errors logged', async () => {
    assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown + exit');
    assertNoErrors(client);
  });
});
