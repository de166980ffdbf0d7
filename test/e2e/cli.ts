import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/edits';

// The CLI runs the same engine as the language server, so it says what the editor must show for
// a file's text on disk: which lines, which messages, which fixes and what they leave behind.

/** The repository root, from out/e2e/test/e2e/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface CliEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface CliFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  fixes: { title: string; preferred: boolean; edits: CliEdit[] }[];
}

/** Findings for `files` (relative to `workspace`, and reported relative to it). */
export function cliFindings(workspace: string, files: string[]): CliFinding[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...files], {
    cwd: workspace,
    encoding: 'utf8',
    // In VS Code's extension host (the electron suite) execPath is the editor: run it as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  // Exit code 1 means "findings", which is what we are asking for.
  if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI failed (${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: CliFinding[] }).findings;
}

/** `text` after the finding's preferred fix: what the editor must hold once the fix is applied. */
export function applyPreferredFix(text: string, finding: CliFinding): { title: string; text: string } {
  const fix = finding.fixes.find((f) => f.preferred);
  if (!fix) throw new Error(`no preferred fix for ${finding.file}:${finding.line} (${finding.rule})`);
  // The CLI's positions are 1-based; the engine's are 0-based.
  const edits = fix.edits.map((e) => ({
    range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } },
    newText: e.newText,
  }));
  return { title: fix.title, text: applyEdits(text, edits) };
}
