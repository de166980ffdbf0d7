import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { applyPreferredFix, cliFindings, ROOT } from './cli';
import { Hazard, OPENED, TYPED, UNOPENED } from './hazards';
import * as wb from './workbench';

// The packaged extension in a real VS Code (code-server) in Chromium, used as a person would.
// scripts/e2e.mjs (npm run test:e2e) starts both and says where they are in E2E_* variables.

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite with npm run test:e2e`);
  return value;
}

const WORKSPACE = env('E2E_WORKSPACE'); // a throwaway copy of test/e2e/workspace
const EXTENSION = env('E2E_EXTENSION'); // the .vsix as installed
const MEDIA = env('E2E_MEDIA'); // docs/media: the README shows these screenshots
const FAILURES = path.join(ROOT, '.cache', 'e2e', 'logs');

const filesOf = (hazards: Hazard[]) => [...new Set(hazards.map((h) => h.file))];
const onDisk = (file: string) => fs.readFileSync(path.join(WORKSPACE, file), 'utf8');
const key = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;

/** What the client says once when the server died and it started a new one (client/src/crashPolicy.ts). */
const RESTARTED = 'Go Race Hazards: the language server stopped unexpectedly and was restarted.';

/** The language servers running for the installed extension: node processes of its dist/server.js. */
function serverPids(): number[] {
  const server = path.join(EXTENSION, 'dist', 'server.js');
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(server) ? [Number(pid)] : [];
    } catch {
      return []; // the process ended while we looked
    }
  });
}

describe('Go Race Hazards in VS Code (code-server in Chromium)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await chromium.connectOverCDP(env('E2E_CDP'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await wb.openWorkbench(page, env('E2E_URL'));
  });

  after(async () => {
    await browser?.close();
  });

  /** A test that keeps a screenshot of the editor when it fails. */
  function scenario(name: string, fn: () => Promise<void>): void {
    test(name, { timeout: 180_000 }, async () => {
      try {
        await fn();
      } catch (err) {
        const shot = path.join(FAILURES, `failed-${name.replace(/\W+/g, '-')}.png`);
        await page.screenshot({ path: shot }).then(() => console.error(`screenshot: ${shot}`), () => undefined);
        throw err;
      }
    });
  }

  scenario('the hazard list is what the engine reports, nothing more', async () => {
    const all = [...OPENED, ...UNOPENED];
    assert.deepEqual(cliFindings(WORKSPACE, ['.']).map(key).sort(), all.map(key).sort());
    assert.ok(filesOf(OPENED).includes(TYPED.file), 'the typed hazard goes into a file the suite opens');
  });

  scenario('squiggles appear on the hazards of each opened file, and nowhere else', async () => {
    for (const file of filesOf(OPENED)) {
      await wb.openFile(page, file);
      await wb.waitForSquiggles(page, OPENED.filter((h) => h.file === file).map((h) => h.line));
    }
  });

  scenario('hovering a squiggle shows the message and a link to the rule', async () => {
    for (const [i, h] of OPENED.entries()) {
      await wb.openFile(page, h.file);
      const finding = cliFindings(WORKSPACE, [h.file]).find((f) => key(f) === key(h))!;
      const hover = await wb.hoverSquiggle(page, h.line);
      if (i === 0) await page.screenshot({ path: path.join(MEDIA, 'hover.png') });
      assert.equal(hover.message, finding.message);
      assert.equal(hover.code, h.rule);
      assert.match(hover.href, new RegExp(`/rules/${h.rule}/README\\.md$`));
      assert.ok(fs.existsSync(path.join(EXTENSION, 'rules', h.rule, 'README.md')), 'the linked README ships in the .vsix');
      await wb.closeHover(page);
    }
  });

  /** The picture of the Problems panel, beside the editor showing `h`; then closes the panel. */
  async function showProblems(h: Hazard): Promise<void> {
    await wb.openFile(page, h.file);
    await wb.goTo(page, h.line);
    await page.screenshot({ path: path.join(MEDIA, 'problems.png') });
    await wb.closePanel(page);
  }

  /** `found` lists every hazard of `hazards`. */
  const lists = (hazards: Hazard[]) => (found: wb.Problem[]) => hazards.every((h) => found.some((r) => key(r) === key(h)));
  const missing = (h: Hazard, found: wb.Problem[]) => `${key(h)} missing from ${JSON.stringify(found.map(key))}`;

  scenario('the Problems panel lists the findings of the opened files', async () => {
    const rows = await wb.problems(page, WORKSPACE, lists(OPENED));
    await showProblems(OPENED[0]);
    for (const h of OPENED) assert.ok(rows.some((r) => key(r) === key(h)), missing(h, rows));
  });

  scenario('the Problems panel lists the findings of files never opened (whole-workspace review)', async () => {
    // The review runs on its own once the server starts; its results may still be on their way.
    const rows = await wb.problems(page, WORKSPACE, lists(UNOPENED));
    await showProblems(OPENED[0]);
    for (const h of UNOPENED) assert.ok(rows.some((r) => key(r) === key(h)), missing(h, rows));
  });

  scenario('Ctrl+. offers the fixes and applies the preferred one; undo brings the hazard back', async () => {
    for (const [i, h] of OPENED.entries()) {
      await wb.openFile(page, h.file);
      const original = onDisk(h.file);
      const findings = cliFindings(WORKSPACE, [h.file]);
      const finding = findings.find((f) => key(f) === key(h))!;
      const fixed = applyPreferredFix(original, finding);

      await wb.goTo(page, finding.line, finding.column);
      const menu = await wb.quickFixMenu(page);
      if (i === 0) await page.screenshot({ path: path.join(MEDIA, 'quick-fix.png') });
      for (const fix of finding.fixes) assert.ok(menu.includes(fix.title), `"${fix.title}" missing from the menu ${JSON.stringify(menu)}`);
      await wb.chooseAction(page, fixed.title);
      await wb.save(page);
      assert.equal(onDisk(h.file), fixed.text);

      const after = cliFindings(WORKSPACE, [h.file]);
      assert.equal(after.filter((f) => f.rule === h.rule).length, findings.filter((f) => f.rule === h.rule).length - 1);
      await wb.goTo(page, 1);
      await wb.waitForSquiggles(page, after.map((f) => f.line));

      // Each fix starts from the original file, so no fix moves the lines of the next hazard.
      await page.keyboard.press('Control+Z');
      await wb.save(page);
      assert.equal(onDisk(h.file), original);
      await wb.waitForSquiggles(page, findings.map((f) => f.line));
    }
  });

  // After the screenshots: Scan Workspace's message stays in the status bar for 5 s.
  scenario('the status bar counts the findings of the whole workspace, and Scan Workspace reports the same count', async () => {
    const total = cliFindings(WORKSPACE, ['.']).length;
    await wb.statusBar(page, `${total} race hazard${total === 1 ? '' : 's'}`);
    await wb.runCommand(page, 'Go Race Hazards: Scan Workspace');
    await wb.statusBar(page, `Go Race Hazards: ${total} finding${total === 1 ? '' : 's'} in the workspace`);
  });

  /**
   * Types TYPED's hazard into its file, which must be the active editor and as on disk: its frame
   * first, then the hazard key by key. Resolves with the hazard's line and the milliseconds from
   * the last keystroke to the squiggle.
   */
  async function typeHazard(): Promise<{ line: number; ms: number }> {
    const last = onDisk(TYPED.file).split('\n').length; // the empty line after the final newline
    await wb.goTo(page, last);
    await page.keyboard.type(TYPED.before + TYPED.after);
    const line = last + TYPED.before.split('\n').length - 1;
    await wb.goTo(page, line);
    return { line, ms: await wb.typeUntilSquiggle(page, TYPED.hazard, line) };
  }

  scenario('when the language server dies, the user is told it was restarted, and edits get squiggles again', async () => {
    await wb.openFile(page, TYPED.file);
    const before = cliFindings(WORKSPACE, [TYPED.file]).map((f) => f.line);
    await wb.waitForSquiggles(page, before);
    const running = serverPids();
    assert.equal(running.length, 1, `one language server for ${EXTENSION}, found pids ${JSON.stringify(running)}`);
    process.kill(running[0], 'SIGKILL');

    await wb.notification(page, RESTARTED);
    await typeHazard(); // the new server's diagnostics: the hazard does not parse before its last key
    const now = serverPids();
    assert.ok(now.length === 1 && now[0] !== running[0], `a new language server, found pids ${JSON.stringify(now)} (killed ${running[0]})`);

    await wb.runCommand(page, 'File: Revert File');
    await page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
    await wb.waitForSquiggles(page, before);
  });

  scenario('a hazard typed into the editor gets its squiggle', async () => {
    await wb.openFile(page, TYPED.file);
    const { line, ms } = await typeHazard();
    console.log(`keystroke to squiggle: ${Math.round(ms)} ms (last keydown to the first frame showing it; includes the server's debounce)`);
    await wb.save(page);
    assert.ok(cliFindings(WORKSPACE, [TYPED.file]).some((f) => f.line === line && f.rule === TYPED.rule), 'the engine reports the typed hazard too');
  });
});
