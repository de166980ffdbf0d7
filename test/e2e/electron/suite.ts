import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyPreferredFix, cliFindings } from '../cli';
import { OPENED, TYPED, UNOPENED } from '../hazards';

// The browser suite's scenarios through the `vscode` API, inside VS Code desktop's extension host
// (started by run.ts). What the browser suite reads off the screen, this reads from the API:
// diagnostics instead of squiggles and the Problems panel, code actions instead of the menu.

const WORKSPACE = process.env.E2E_WORKSPACE ?? '';
const uriOf = (file: string) => vscode.Uri.file(path.join(WORKSPACE, file));
const key = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;

interface Shown {
  file: string;
  line: number;
  rule: string;
  message: string;
  target?: vscode.Uri;
}

/** Our diagnostics for `file`, with 1-based lines as the hazard list has them. */
function shown(file: string): Shown[] {
  return vscode.languages.getDiagnostics(uriOf(file)).filter((d) => d.source === 'race-hazards').map((d) => {
    const code = typeof d.code === 'object' ? d.code : { value: d.code, target: undefined };
    return { file, line: d.range.start.line + 1, rule: String(code.value), message: d.message, target: code.target };
  });
}

const lines = (found: { line: number }[]) => JSON.stringify(found.map((f) => f.line).sort((a, b) => a - b));

/** Resolves once `ready()` holds, checking again on every change of diagnostics. */
function until(what: string, ready: () => boolean, timeout = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (err?: Error) => {
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => ready() && finish());
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeout);
    if (ready()) finish();
  });
}

async function open(file: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(file)));
}

const scenarios: [string, () => Promise<void>][] = [
  ['diagnostics appear on the hazards of each opened file, and nowhere else', async () => {
    for (const file of new Set(OPENED.map((h) => h.file))) {
      await open(file);
      const want = lines(OPENED.filter((h) => h.file === file));
      await until(`diagnostics on lines ${want} of ${file}`, () => lines(shown(file)) === want);
    }
  }],
  ['each diagnostic has the engine\'s message and links to its rule', async () => {
    for (const h of OPENED) {
      const diagnostic = shown(h.file).find((s) => key(s) === key(h));
      const finding = cliFindings(WORKSPACE, [h.file]).find((f) => key(f) === key(h));
      assert.ok(diagnostic && finding, key(h));
      assert.equal(diagnostic.message, finding.message);
      assert.match(diagnostic.target?.path ?? '', new RegExp(`/rules/${h.rule}/README\\.md$`));
      assert.ok(fs.existsSync(diagnostic.target!.fsPath), `${diagnostic.target} exists`);
    }
  }],
  ['findings of files never opened (whole-workspace review)', async () => {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.some((c) => c.startsWith('goRaceHazards.') && /scan/i.test(c))) {
      console.log('PENDING: no whole-workspace review in this build (issue 6); only opened files are reported.');
      return;
    }
    for (const h of UNOPENED) await until(`a diagnostic for ${key(h)}`, () => shown(h.file).some((s) => key(s) === key(h)));
  }],
  ['the preferred code action fixes the hazard; undo brings it back', async () => {
    for (const h of OPENED) {
      const editor = await open(h.file);
      const original = editor.document.getText();
      const finding = cliFindings(WORKSPACE, [h.file]).find((f) => key(f) === key(h))!;
      const fixed = applyPreferredFix(original, finding);
      const at = new vscode.Range(h.line - 1, finding.column - 1, h.line - 1, finding.column - 1);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, at, vscode.CodeActionKind.QuickFix.value);
      for (const fix of finding.fixes) assert.ok(actions.some((a) => a.title === fix.title), `"${fix.title}" offered`);
      const preferred = actions.find((a) => a.isPreferred);
      assert.equal(preferred?.title, fixed.title);
      assert.ok(await vscode.workspace.applyEdit(preferred!.edit!));
      assert.equal(editor.document.getText(), fixed.text);
      await editor.document.save();
      const after = cliFindings(WORKSPACE, [h.file]);
      await until(`diagnostics on lines ${lines(after)} after the fix`, () => lines(shown(h.file)) === lines(after));
      assert.ok(!after.some((f) => key(f) === key(h)), 'the engine no longer reports it');

      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original);
      await editor.document.save();
      await until(`the diagnostic on line ${h.line} back after undo`, () => shown(h.file).some((s) => key(s) === key(h)));
    }
  }],
  ['a hazard typed into the editor gets its diagnostic', async () => {
    const editor = await open(TYPED.file);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, TYPED.before + TYPED.after)));
    const line = end.line + TYPED.before.split('\n').length - 1; // 0-based
    let lastKeyAt = 0;
    for (const [i, ch] of [...TYPED.hazard].entries()) {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(line, i), ch)));
      lastKeyAt = performance.now();
    }
    await until(`a diagnostic on typed line ${line + 1}`, () => shown(TYPED.file).some((s) => s.line === line + 1 && s.rule === TYPED.rule));
    console.log(`keystroke to diagnostic: ${Math.round(performance.now() - lastKeyAt)} ms`);
  }],
];

/** Called by VS Code's extension host (see run.ts); throws when a scenario failed. */
export async function run(): Promise<void> {
  const failed: string[] = [];
  for (const [name, scenario] of scenarios) {
    try {
      await scenario();
      console.log(`ok - ${name}`);
    } catch (err) {
      failed.push(name);
      console.log(`not ok - ${name}\n  ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  console.log(`${scenarios.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) throw new Error(`${failed.length} e2e scenario(s) failed: ${failed.join('; ')}`);
}
