import { errors, type Page } from 'playwright-core';

// Drives VS Code's workbench the way a person does (keyboard, mouse) and reads back what it
// shows. Every wait is for something on screen; the timeouts only bound how long a failure takes.

const SLOW = 60_000; // the first diagnostics wait for the extension host and the server to start
const editor = '.part.editor .editor-group-container.active .monaco-editor';

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: SLOW });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: SLOW });
  await page.evaluate(`window.squiggles = ${squigglesOnScreen.toString()}`);
  await page.evaluate(`window.problemRows = ${problemRowsOnScreen.toString()}`);
}

/**
 * Quick Open (Ctrl+P) the workspace-relative `file` and wait until its tab is the active one.
 * Enter accepts the list's focused row, and Quick Open shows what matches the typed text only
 * after a merge delay (200 ms): until then it still lists the recently opened files, the active
 * one focused. So Enter waits for `file` to be the focused row, not merely a listed one.
 */
export async function openFile(page: Page, file: string): Promise<void> {
  const name = file.split('/').pop()!;
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input');
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label^="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab.active[data-resource-name="${name}"]`);
  await page.waitForSelector(`${editor}.focused`);
}

/**
 * Go to Line (Ctrl+G) `line:column`, the column counted in characters as the CLI counts them, and
 * wait for the status bar to show the cursor on that line (it shows the column with tabs expanded).
 */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget .quick-input-box input');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  await page.waitForSelector(`#status\\.editor\\.selection[aria-label^="Ln ${line}, Col "]`);
}

declare global {
  interface Window {
    squiggles(selector: string): { line: number; x: number; y: number }[];
    problemRows(): ProblemRow[];
    lastKeyAt: number;
  }
}

/**
 * Runs in the page: each squiggle on screen with its line (1-based) and centre. Overlays and line
 * numbers are positioned per line with the same `top`, which is what ties a squiggle to its line.
 */
function squigglesOnScreen(selector: string): { line: number; x: number; y: number }[] {
  const root = document.querySelector(selector);
  if (!root) return [];
  const lineAt = new Map<string, number>();
  for (const n of root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
    lineAt.set(n.parentElement!.style.top, Number(n.textContent));
  }
  return [...root.querySelectorAll<HTMLElement>('.view-overlays [class*="squiggly-"]')].flatMap((s) => {
    const line = lineAt.get(s.parentElement!.style.top);
    const r = s.getBoundingClientRect();
    return line === undefined ? [] : [{ line, x: r.x + r.width / 2, y: r.y + r.height / 2 }];
  });
}

/** The squiggled lines on screen, sorted, each once. */
export async function squiggles(page: Page): Promise<number[]> {
  const found = await page.evaluate((selector) => window.squiggles(selector).map((s) => s.line), editor);
  return [...new Set(found)].sort((a, b) => a - b);
}

/** Waits until the squiggled lines on screen are exactly `lines`; fails with what it saw. */
export async function waitForSquiggles(page: Page, lines: number[], timeout = SLOW): Promise<void> {
  const want = JSON.stringify([...lines].sort((a, b) => a - b));
  try {
    await page.waitForFunction(
      ([selector, expected]) => JSON.stringify([...new Set(window.squiggles(selector).map((s) => s.line))].sort((a, b) => a - b)) === expected,
      [editor, want] as const,
      { timeout, polling: 'raf' },
    );
  } catch (err) {
    throw new Error(`squiggles on lines ${JSON.stringify(await squiggles(page))}, expected ${want}: ${(err as Error).message}`);
  }
}

/**
 * Types `text` key by key and resolves, once a squiggle shows on `line`, with the milliseconds
 * between the last keydown and that frame, measured in the page.
 */
export async function typeUntilSquiggle(page: Page, text: string, line: number): Promise<number> {
  await page.evaluate(() => document.addEventListener('keydown', () => (window.lastKeyAt = performance.now()), true));
  await page.keyboard.type(text.slice(0, -1));
  if ((await squiggles(page)).includes(line)) throw new Error(`line ${line} was squiggled before its last keystroke`);
  await page.keyboard.type(text.slice(-1));
  const elapsed = await page.waitForFunction(
    ([selector, at]) => window.squiggles(selector).some((s) => s.line === at) && performance.now() - window.lastKeyAt,
    [editor, line] as const,
    { timeout: SLOW, polling: 'raf' },
  );
  return Number(await elapsed.jsonValue());
}

export interface Hover {
  message: string;
  code: string;
  href: string;
}

/** Moves the mouse onto the squiggle of `line` and reads the diagnostic hover that opens. */
export async function hoverSquiggle(page: Page, line: number): Promise<Hover> {
  const at = (await page.evaluate((selector) => window.squiggles(selector), editor)).find((s) => s.line === line);
  if (!at) throw new Error(`no squiggle on line ${line} to hover`);
  await page.mouse.move(at.x, at.y);
  const hover = '.monaco-hover:not(.hidden)';
  await page.waitForSelector(`${hover} .marker.hover-contents`);
  // The "Quick Fix..." action shows once the code actions for the range have arrived.
  await page.waitForSelector(`${hover} .hover-row.status-bar:has-text("Quick Fix")`);
  return page.$eval(`${hover} .marker.hover-contents`, (el) => ({
    message: el.querySelector('span')?.textContent ?? '',
    code: el.querySelector('a.code-link')?.textContent ?? '',
    href: el.querySelector('a.code-link')?.getAttribute('href') ?? '',
  }));
}

export async function closeHover(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.monaco-hover:not(.hidden) .marker.hover-contents', { state: 'hidden' });
}

/** Opens the quick-fix menu (Ctrl+.) at the cursor and returns its entries. */
export async function quickFixMenu(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget .monaco-list-row.action');
  return page.$$eval('.action-widget .monaco-list-row.action', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** Moves the menu's focus down to `title` and presses Enter, as a keyboard user applies a fix. */
export async function chooseAction(page: Page, title: string): Promise<void> {
  const focused = '.action-widget .monaco-list-row.action.focused';
  const seen: string[] = [];
  for (let label = await page.getAttribute(focused, 'aria-label'); label !== title; label = await page.getAttribute(focused, 'aria-label')) {
    if (label === null || seen.includes(label)) throw new Error(`"${title}" is not in the menu ${JSON.stringify(seen)}`);
    seen.push(label);
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector(`${focused}:not([aria-label="${label}"])`);
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('.action-widget', { state: 'hidden' });
}

/**
 * Waits for the active tab to show unsaved changes (an applied fix or an undo lands
 * asynchronously), presses Ctrl+S and waits until the tab shows them saved.
 */
export async function save(page: Page): Promise<void> {
  await page.waitForSelector('.tabs-container .tab.active.dirty');
  await page.keyboard.press('Control+S');
  await page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
}

export interface Problem {
  file: string;
  line: number;
  rule: string;
  message: string;
}

/** A row of the Problems panel as rendered: a file (level 1), a finding (2) or related information (3). */
interface ProblemRow {
  index: number;
  last: boolean;
  level: string | null;
  path: string;
  line: number;
  rule: string;
  message: string;
}

/**
 * Runs in the page: the Problems panel's rows on screen (the list renders only those in view),
 * not the copies of their parents that sticky scroll pins above them.
 */
function problemRowsOnScreen(): ProblemRow[] {
  return [...document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-rows > .monaco-list-row')].map((el) => ({
    index: Number(el.getAttribute('data-index')),
    last: el.getAttribute('data-last-element') === 'true',
    level: el.getAttribute('aria-level'),
    path: el.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '',
    line: Number(/Ln (\d+)/.exec(el.querySelector('.marker-line')?.textContent ?? '')?.[1]),
    rule: el.querySelector('.marker-code')?.textContent ?? '',
    message: el.querySelector('.marker-message')?.textContent ?? '',
  })).sort((a, b) => a.index - b.index);
}

/**
 * Every row of the Problems panel, read the way a person reads it: by looking, and scrolling with
 * the mouse wheel when the list is longer than the panel. Not with the keyboard: the panel's
 * selection follows its focus, and every row selected from the keyboard opens its file in a
 * preview editor (after a 75 ms debounce), which would change the editors under the suite's feet.
 * Also returns the rows on screen at the end, to tell when the panel changes.
 */
async function readProblemRows(page: Page): Promise<{ rows: ProblemRow[]; shown: string }> {
  const byIndex = new Map<number, ProblemRow>();
  let shown: ProblemRow[] = [];
  const take = async () => {
    shown = await page.evaluate(() => window.problemRows());
    for (const r of shown) byIndex.set(r.index, r);
  };
  const complete = () => [...byIndex.values()].some((r) => r.last && byIndex.size === r.index + 1);
  const result = () => ({ rows: [...byIndex.values()].sort((a, b) => a.index - b.index), shown: JSON.stringify(shown) });
  await take();
  if (complete()) return result();

  // Longer than the panel: up to the first row, down to the last, and back to the top as found.
  // A turn of half the panel's height scrolls less than a panel (VS Code scrolls a fixed step
  // per wheel event), so no row is skipped.
  const box = (await page.locator('.markers-panel .monaco-list').boundingBox())!;
  const step = box.height / 2;
  const atTop = async () => {
    await take();
    return shown.some((r) => r.index === 0);
  };
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await wheelUntil(page, -step, atTop);
  await wheelUntil(page, step, async () => {
    await take();
    return complete();
  });
  await wheelUntil(page, -step, atTop);
  await page.mouse.move(0, 0); // a pointer resting on a row opens its hover
  const read = result();
  if (read.rows.some((r, i) => r.index !== i)) throw new Error(`scrolling skipped rows of the Problems panel: read ${read.rows.map((r) => r.index)}`);
  return read;
}

/** Turns the wheel over the Problems panel until `done`, each time waiting for the list to move. */
async function wheelUntil(page: Page, deltaY: number, done: () => Promise<boolean>): Promise<void> {
  // The list moves this container by the distance scrolled, and renders the rows that came into view.
  const rows = '.markers-panel .monaco-list-rows';
  while (!(await done())) {
    const top = await page.$eval(rows, (el) => (el as HTMLElement).style.top);
    await page.mouse.wheel(0, deltaY);
    await page.waitForFunction(([selector, was]) => document.querySelector<HTMLElement>(selector)?.style.top !== was, [rows, top] as const, { polling: 'raf' });
  }
}

/**
 * Opens the Problems panel (Ctrl+Shift+M, which opens and focuses it) unless it shows already,
 * and returns its findings once `until` holds for them, reading again whenever the panel
 * changes; after `timeout`, it returns what the panel shows then, for the caller to report.
 */
export async function problems(page: Page, workspace: string, until: (found: Problem[]) => boolean = () => true, timeout = SLOW): Promise<Problem[]> {
  // Ctrl+Shift+M closes the panel when the panel has the focus.
  if (!(await page.isVisible('.markers-panel'))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row');
  const deadline = Date.now() + timeout;
  for (;;) {
    const { rows, shown } = await readProblemRows(page);
    const found: Problem[] = [];
    let file = '';
    for (const row of rows) {
      if (row.level === '1') file = row.path.startsWith(`${workspace}/`) ? row.path.slice(workspace.length + 1) : row.path;
      // Level 3 is a finding's related information (where the shared state is touched), not a finding.
      else if (row.level === '2') found.push({ file, line: row.line, rule: row.rule, message: row.message });
    }
    if (until(found) || Date.now() >= deadline) return found;
    await page.waitForFunction((before) => JSON.stringify(window.problemRows()) !== before, shown, { timeout: Math.max(1, deadline - Date.now()), polling: 'raf' })
      .catch((err: unknown) => {
        if (!(err instanceof errors.TimeoutError)) throw err; // at the deadline, one last reading above
      });
  }
}

/** Ctrl+J closes the panel, which otherwise covers half of the editor. */
export async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Control+J');
  await page.waitForSelector('.monaco-workbench.nopanel');
}

/** Runs a command from the Command Palette (F1), as a keyboard user does, by its full title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget .quick-input-box input');
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label^="${title}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
}

/** Waits for a notification toast that says `message`, then closes it with its own button. */
export async function notification(page: Page, message: string): Promise<void> {
  const toast = page.locator('.notification-toast', { hasText: message });
  await toast.waitFor({ timeout: SLOW });
  await toast.hover();
  await toast.locator('.codicon-notifications-clear').click();
  await toast.waitFor({ state: 'hidden' });
}

/** Waits until the status bar shows an item whose whole text is `text` (icons have none). */
export async function statusBar(page: Page, text: string): Promise<void> {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator('.part.statusbar .statusbar-item', { hasText: exact }).first().waitFor({ timeout: SLOW });
}
