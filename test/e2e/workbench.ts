import type { Page } from 'playwright-core';

// Drives VS Code's workbench the way a person does (keyboard, mouse) and reads back what it
// shows. Every wait is for something on screen; the timeouts only bound how long a failure takes.

const SLOW = 60_000; // the first diagnostics wait for the extension host and the server to start
const editor = '.part.editor .editor-group-container.active .monaco-editor';

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: SLOW });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: SLOW });
  await page.evaluate(`window.squiggles = ${squigglesOnScreen.toString()}`);
}

/** Quick Open (Ctrl+P) the workspace-relative `file` and wait until its tab is the active one. */
export async function openFile(page: Page, file: string): Promise<void> {
  const name = file.split('/').pop()!;
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input');
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label^="${name}"]`);
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

/**
 * Opens the Problems panel (Ctrl+Shift+M) and reads every row, walking the list with the
 * keyboard as a screen reader would: the list only renders the rows in view.
 */
export async function problems(page: Page, workspace: string): Promise<Problem[]> {
  const focused = '.markers-panel .monaco-list:focus .monaco-list-row.focused';
  // Ctrl+Shift+M opens and focuses the panel, but closes it when it already has the focus.
  if (!(await page.$(focused))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector(focused);
  await page.keyboard.press('Home');
  await page.waitForSelector(`${focused}[data-index="0"]`);
  const found: Problem[] = [];
  let file = '';
  for (let index = 0; ; index++) {
    const row = await page.$eval(focused, (el) => ({
      last: el.getAttribute('data-last-element') === 'true',
      level: el.getAttribute('aria-level'),
      path: el.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '',
      line: /Ln (\d+)/.exec(el.querySelector('.marker-line')?.textContent ?? '')?.[1],
      rule: el.querySelector('.marker-code')?.textContent ?? '',
      message: el.querySelector('.marker-message')?.textContent ?? '',
    }));
    if (row.level === '1') file = row.path.startsWith(`${workspace}/`) ? row.path.slice(workspace.length + 1) : row.path;
    else found.push({ file, line: Number(row.line), rule: row.rule, message: row.message });
    if (row.last) break;
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector(`${focused}[data-index="${index + 1}"]`);
  }
  return found;
}

/** Ctrl+J closes the panel, which otherwise covers half of the editor. */
export async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Control+J');
  await page.waitForSelector('.monaco-workbench.nopanel');
}
