// Drives the VS Code workbench served by code-server through Debian's Chromium, reading what a
// person sees. The selectors are VS Code 1.100 internals: keep code-server pinned
// (CODE_SERVER_VERSION) and fix them here, in one place, when it moves.
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { currentCaseName } from './e2eCase';
import { REPO_ROOT, sleep, startCodeServer, type CodeServer, type CodeServerOptions, type WorkbenchPayload } from './codeServer';

/** CHROMIUM_PATH is the browser binary (Debian's chromium; never `playwright install`). */
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** CHROMIUM_ARGS are the flags measured to work headless, as root, with no network but npm. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** ARTIFACTS_DIR is where screenshots go (git-ignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

/** DEFAULT_TIMEOUT_MS bounds every wait here; generous because a cold 2-core start is slow. */
export const DEFAULT_TIMEOUT_MS = 90_000;

/** Workbench is one open VS Code window with the server and browser behind it. */
export interface Workbench {
  /** The workbench page. */
  readonly page: Page;
  /** The browser context owning the page. */
  readonly context: BrowserContext;
  /** The code-server serving it. */
  readonly server: CodeServer;
  /** Absolute path of the opened folder. */
  readonly folder: string;
  /** Page console errors seen so far (useful in failure messages). */
  readonly consoleErrors: string[];
}

/** OpenWorkbenchOptions configures the page that opens a folder. */
export interface OpenWorkbenchOptions extends WorkbenchPayload {
  /** Page size; screenshots have this size. */
  viewport?: { width: number; height: number };
  /** Bound on waitForWorkbenchReady. */
  timeoutMs?: number;
}

/** WorkbenchSessionOptions is everything withWorkbench needs: server, folder and page options. */
export interface WorkbenchSessionOptions extends CodeServerOptions, OpenWorkbenchOptions {
  /** Absolute path of the folder to open. */
  folder: string;
  /** Base name for the failure screenshot; defaults to the running case's name. */
  name?: string;
}

/** GutterDecoration is one `.cgmr` glyph-margin element of the active editor. */
export interface GutterDecoration {
  /** 1-based line it sits on. */
  line: number;
  /** Its class list (VS Code's generated decoration classes included). */
  className: string;
  /** Its computed background-image (gutter icons), or 'none'. */
  backgroundImage: string;
}

/** DecorationTexts is the generated content of the `before`/`after` decorations on one line. */
export interface DecorationTexts {
  /** Text of each `::before`, left to right. */
  before: string[];
  /** Text of each `::after`, left to right. */
  after: string[];
}

/** ExtensionTestsResult is what the workbench reports through `codeAutomationExit`. */
export interface ExtensionTestsResult {
  /** 0 when the extension tests' run() resolved. */
  code: number;
  /** The workbench's log files, as VS Code passes them (shape is VS Code's). */
  logs: unknown;
  /** Page console lines, which include what the tests printed in the extension host. */
  output: string[];
}

// Private browser homes not yet removed; the 'exit' hook covers browsers a timed-out case left.
const browserHomes = new Set<string>();
process.on('exit', () => {
  for (const home of browserHomes) rmSync(home, { recursive: true, force: true });
});

/** launchBrowser starts headless Chromium with the guide's flags. The caller closes it. */
export async function launchBrowser(): Promise<Browser> {
  // Chromium writes crash reports and dconf state under $HOME even with a temp profile:
  // give it a home of its own, removed when the browser goes away.
  const home = mkdtempSync(path.join(tmpdir(), 'pprof-lens-chromium-'));
  browserHomes.add(home);
  const removeHome = (): void => {
    rmSync(home, { recursive: true, force: true });
    browserHomes.delete(home);
  };
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') };
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], env });
    browser.on('disconnected', removeHome);
    return browser;
  } catch (err) {
    removeHome();
    throw err;
  }
}

/**
 * openWorkbench opens `folder` in a new context of `browser` and waits until the workbench is
 * ready. `extensionDevelopmentPath`/`extensionTestsPath` go into the URL's payload.
 */
export async function openWorkbench(browser: Browser, server: CodeServer, folder: string, options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(server.workbenchUrl(folder, options), { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  await waitForWorkbenchReady(page, options.timeoutMs);
  return { page, context, server, folder, consoleErrors };
}

/**
 * waitForWorkbenchReady resolves once the workbench is laid out, the folder's explorer tree
 * exists and the command palette keybinding answers.
 */
export async function waitForWorkbenchReady(page: Page, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
  // The explorer tree appears once the remote file system answers for the folder.
  await page.locator('.explorer-folders-view .monaco-list').first().waitFor({ state: 'attached', timeout: timeoutMs });
  // Keybindings are registered a little after layout: prove F1 works before handing over.
  await openQuickInput(page, timeoutMs);
  await closeQuickInput(page);
}

/**
 * withWorkbench starts code-server and Chromium, opens `options.folder`, runs fn, and always
 * tears both down; on failure it saves `<name>-failure.png` first.
 */
export async function withWorkbench<T>(options: WorkbenchSessionOptions, fn: (wb: Workbench) => Promise<T>): Promise<T> {
  const server = await startCodeServer(options);
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  try {
    browser = await launchBrowser();
    wb = await openWorkbench(browser, server, options.folder, options);
    return await fn(wb);
  } catch (err) {
    const page = wb?.page ?? browser?.contexts()[0]?.pages()[0];
    if (page) {
      const file = await screenshot(page, `${options.name ?? currentCaseName() ?? 'e2e'}-failure`).catch(() => undefined);
      if (file && err instanceof Error) {
        // The runner prints the stack, which was captured before we got here: extend both.
        const note = `screenshot: ${path.relative(REPO_ROOT, file)}`;
        err.message += `\n${note}`;
        if (err.stack) err.stack += `\n${note}`;
      }
    }
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/**
 * runExtensionTests loads `extensionDevelopmentPath` and runs the module at `extensionTestsPath`
 * (absolute, without `.js`, exporting `run(): Promise<void>`) inside the real extension host;
 * resolves with the exit code the workbench reports. The server starts no extension host until a
 * browser connects, hence the page.
 */
export async function runExtensionTests(
  server: CodeServer,
  options: { folder: string; extensionDevelopmentPath: string; extensionTestsPath: string; timeoutMs?: number },
): Promise<ExtensionTestsResult> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const output: string[] = [];
    // Extension-host console lines arrive styled ("%c INFO color: #33f text"): keep level and text.
    page.on('console', (msg) => {
      const line = msg.text().replace(/^%c\s*(\w+)\s+color:\s*#[0-9a-fA-F]+\s?/, '$1 ');
      output.push(line);
      if (process.env.E2E_VERBOSE) console.log(`    [ext host] ${line}`);
    });
    let finish: (result: ExtensionTestsResult) => void = () => undefined;
    const done = new Promise<ExtensionTestsResult>((resolve) => (finish = resolve));
    // The workbench calls window.codeAutomationExit(code, logs) when run() settles.
    await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => finish({ code, logs, output }));
    const timeoutMs = options.timeoutMs ?? 5 * DEFAULT_TIMEOUT_MS;
    await page.goto(server.workbenchUrl(options.folder, options), { timeout: timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // The extension host's own output (mocha's progress) says which test hung; the server's log follows.
      timer = setTimeout(
        () => reject(new Error(`extension tests did not finish within ${timeoutMs} ms\nextension host output (last 60 lines):\n${output.slice(-60).join('\n')}\n${server.logTail()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** runCommand runs a command by its palette title (e.g. "Smoke: Hello"): F1, type, Enter. */
export async function runCommand(page: Page, title: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  await typeAndAccept(page, `>${title}`, title, timeoutMs);
}

/**
 * openFile opens a workspace file through quick open (F1 with the name and no `>`) and waits
 * until its editor is the active one. `name` is what you would type: a base name or a path.
 */
export async function openFile(page: Page, name: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const parts = name.split(/[\\/]/);
  const base = parts.pop() ?? name;
  // Quick open shows the folder as the row's description: use it when the caller gave one, so
  // two files with the same base name cannot be confused.
  await typeAndAccept(page, name, base, timeoutMs, parts.length > 0 ? parts.join('/') : undefined);
  await page
    .locator('.editor-group-container.active .tab.active .label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(base)}\\s*$`) })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** activeEditor is the text editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** gutterDecorations lists the `.cgmr` glyph-margin decorations of the active editor's visible lines. */
export async function gutterDecorations(page: Page): Promise<GutterDecoration[]> {
  return activeEditor(page).evaluate((editor) => {
    const lines = lineNumberRows(editor);
    const out: { line: number; className: string; backgroundImage: string }[] = [];
    for (const el of Array.from(editor.querySelectorAll<HTMLElement>('.cgmr'))) {
      const line = lineAt(lines, el.getBoundingClientRect());
      if (line !== undefined) out.push({ line, className: el.className, backgroundImage: getComputedStyle(el).backgroundImage });
    }
    return out.sort((a, b) => a.line - b.line);

    // Both helpers are inlined because evaluate() ships only this function's source.
    function lineNumberRows(root: Element): { line: number; top: number; bottom: number }[] {
      return Array.from(root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers'))
        .map((n) => ({ line: Number(n.textContent?.trim()), rect: n.getBoundingClientRect() }))
        .filter((n) => Number.isInteger(n.line) && n.line > 0)
        .map((n) => ({ line: n.line, top: n.rect.top, bottom: n.rect.bottom }));
    }
    function lineAt(rows: { line: number; top: number; bottom: number }[], r: DOMRect): number | undefined {
      const mid = (r.top + r.bottom) / 2;
      return rows.find((row) => mid >= row.top && mid < row.bottom)?.line;
    }
  });
}

/**
 * decorationTexts reads the `::before`/`::after` generated content of the decorations on a
 * visible 1-based line of the active editor (needs `editor.lineNumbers` on).
 */
export async function decorationTexts(page: Page, line: number): Promise<DecorationTexts> {
  return activeEditor(page).evaluate((editor, wanted) => {
    const number = Array.from(editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers'))
      .find((n) => Number(n.textContent?.trim()) === wanted);
    if (!number) throw new Error(`line ${wanted} is not rendered (scrolled away, or line numbers off)`);
    const r = number.getBoundingClientRect();
    const mid = (r.top + r.bottom) / 2;
    const viewLine = Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line')).find((v) => {
      const vr = v.getBoundingClientRect();
      return mid >= vr.top && mid < vr.bottom;
    });
    const out = { before: [] as string[], after: [] as string[] };
    if (!viewLine) return out;
    for (const span of Array.from(viewLine.querySelectorAll<HTMLElement>('span'))) {
      for (const pseudo of ['before', 'after'] as const) {
        const text = cssContent(getComputedStyle(span, `::${pseudo}`).content);
        if (text !== undefined) out[pseudo].push(text);
      }
    }
    return out;

    // Computed `content` is a quoted, escaped CSS string, or none/normal.
    function cssContent(content: string): string | undefined {
      const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(content);
      if (!m) return undefined;
      return (m[1] ?? '').replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/gs, (_, hex: string | undefined, ch: string | undefined) =>
        hex ? String.fromCodePoint(parseInt(hex, 16)) : (ch ?? ''));
    }
  }, line);
}

/** cursorPosition reads the 1-based cursor position from the status bar's "Ln X, Col Y". */
export async function cursorPosition(page: Page, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ line: number; column: number }> {
  const item = page.locator('[id="status.editor.selection"]');
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const text = (await item.textContent()) ?? '';
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected status bar selection text: ${JSON.stringify(text)}`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

/** cursorLine is the 1-based line of the cursor, from the status bar. */
export async function cursorLine(page: Page, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
  return (await cursorPosition(page, timeoutMs)).line;
}

/** webviewFrame is the content frame of the most recently shown webview (panel or custom editor). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** notifications returns the messages of the notification toasts visible now. */
export async function notifications(page: Page): Promise<string[]> {
  const messages = page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
  return (await messages.allTextContents()).map((t) => t.trim());
}

/**
 * waitForNotification waits for a toast whose message contains `match` (or matches the regex)
 * and returns its text. Toasts fade: call it right after the action.
 */
export async function waitForNotification(page: Page, match: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  const test = (m: string): boolean => (typeof match === 'string' ? m.includes(match) : match.test(m));
  let seen: string[] = [];
  const found = await waitUntil(async () => {
    seen = await notifications(page);
    return seen.find(test);
  }, timeoutMs);
  if (found === undefined) throw new Error(`no notification matching ${String(match)} within ${timeoutMs} ms (visible: ${JSON.stringify(seen)})`);
  return found;
}

/** screenshot saves the page as `test-results/e2e/<name>.png` and returns the file path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * waitUntil polls probe until it returns something other than undefined/false/null and returns
 * that, or undefined after timeoutMs. Callers decide how to fail (with what they last saw).
 */
export async function waitUntil<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 200): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(intervalMs);
  }
}

/** openQuickInput presses F1 until the quick input shows and returns its text box. */
export async function openQuickInput(page: Page, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input').first();
  const deadline = Date.now() + timeoutMs;
  // Early in startup F1 can land before keybindings exist: press again until it shows.
  for (;;) {
    if (!(await widget.isVisible())) await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      return input;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
  }
}

/** closeQuickInput dismisses the quick input if it is open (Escape only then: it also hides toasts). */
export async function closeQuickInput(page: Page): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

/** The quick pick row labelled exactly `label` (and described by `description`, when given). */
function quickPickRow(page: Page, label: string, description?: string): Locator {
  let rows = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
  if (description !== undefined) {
    rows = rows.filter({ has: page.locator('.label-description', { hasText: new RegExp(`(^|[\\s/\\\\])${escapeRegExp(description)}\\s*$`) }) });
  }
  return rows.first();
}

/**
 * Types `text` into the quick input until the row labelled `label` shows, then accepts it. A
 * webview that takes focus as it finishes loading (a profile opened just before) closes the
 * quick input, before or after the typing: then it is opened and typed into again.
 */
async function typeAndAccept(page: Page, text: string, label: string, timeoutMs: number, description?: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const row = quickPickRow(page, label, description);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const input = await openQuickInput(page, Math.max(3_000, deadline - Date.now()));
    const typed = await input.fill(text, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    const seen = typed
      ? await waitUntil(async () => ((await row.isVisible()) ? 'row' : (await widget.isVisible()) ? undefined : 'closed'), Math.max(0, deadline - Date.now()), 100)
      : undefined;
    if (seen === 'row') break;
    if (Date.now() >= deadline) throw new Error(`quick input: no row "${label}" after typing "${text}" (${timeoutMs} ms)`);
  }
  await acceptQuickPick(page, label, timeoutMs, description);
}

// Waits for a row labelled exactly `label` and accepts it: Enter when it is the focused row
// (what a person does), a click when fuzzy ranking put another row first.
async function acceptQuickPick(page: Page, label: string, timeoutMs: number, description?: string): Promise<void> {
  const exact = quickPickRow(page, label, description);
  await exact.waitFor({ state: 'visible', timeout: timeoutMs });
  const focused = (await exact.getAttribute('class'))?.split(/\s+/).includes('focused') ?? false;
  if (focused) await page.keyboard.press('Enter');
  else await exact.click();
  // Accepted: the row is gone, with the widget or because a command put its own pick in the same
  // widget (which then never hides in between).
  await exact.waitFor({ state: 'hidden', timeout: timeoutMs });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rows of the Leak Suspects view, as their visible text (the view is expanded if collapsed). */
export async function suspectRows(page: Page): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Leak Suspects/i }) });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return (await pane.locator('.monaco-list-row').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}
