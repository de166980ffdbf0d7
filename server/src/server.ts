// LSP wiring only: documents in, diagnostics and code actions out. Analysis is the engine's;
// what a diagnostic looks like is diagnostics.ts's; the workspace review is workspace/scan.ts's.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, CodeActionParams, createConnection, DidChangeConfigurationNotification, FileChangeType,
  InitializeResult, MessageType, ProposedFeatures, ShowMessageNotification, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { CONFIG_FILE } from './config';
import { codeActions, FIX_ALL_KIND, toDiagnostic } from './diagnostics';
import { DocumentStore, OpenDocument } from './documents';
import { EditorSettings } from './editorSettings';
import { Engine } from './engine';
import { PARSE_CANCELLED, TreeCache } from './trees';
import { Finding } from './types';
import { UnitCache } from './unitCache';
import { Progress, WorkspaceScanner } from './workspace/scan';

const SECTION = 'goRaceHazards';

const connection = createConnection(ProposedFeatures.all);
const store = new DocumentStore();
/**
 * Findings per open document, with the version they describe: code actions read fixes from here.
 * `stale` marks a fast pass (see UnitCache.plan); an exact pass for the same version follows.
 */
const findings = new Map<string, { version: number; findings: Finding[]; stale?: boolean }>();
/** After a fast pass, the exact one runs once typing pauses this long (or at the debounce, if longer). */
const SETTLE_MS = 400;
/** Cancels the validation a document has waiting, if any. */
const pendingValidation = new Map<string, () => void>();
/** Per open document: findings of unchanged declarations survive a keystroke. */
const unitCaches = new Map<string, UnitCache>();
const unitCacheOf = (uri: string) => unitCaches.get(uri) ?? unitCaches.set(uri, new UnitCache()).get(uri)!;
const loggedSkips = new Map<string, number>();
let initDebounceMs: number | undefined;
let canPullConfiguration = false;
let canRegisterConfiguration = false;
let canShowProgress = false;
let folders: string[] = [];

const message = (err: unknown) => (err instanceof Error ? err.stack ?? err.message : String(err));
const logError = (where: string, err: unknown) => connection.console.error(`${where}: ${message(err)}`);

// A bad key in a config file or in the editor settings: said once, and the rest still applies.
const settings = new EditorSettings((problem) => {
  connection.console.warn(`Configuration: ${problem}`);
  // A notification, not a request: nothing to wait for, nothing to fail.
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Go Race Hazards configuration: ${problem}` });
}, () => initDebounceMs ?? 150);

/** Every handler goes through here: a bug in one request must not take the server down. */
function guard<A extends unknown[], R>(where: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (err) {
      logError(where, err);
      return fallback;
    }
  };
}

process.on('uncaughtException', (err) => logError('uncaught exception', err));
process.on('unhandledRejection', (err) => logError('unhandled rejection', err));

// The engine loads wasm asynchronously. A parser that cannot load is reported once, and the
// server stays up with nothing to report rather than failing every request.
const engineReady: Promise<Engine | undefined> = Engine.create().catch((err) => {
  logError('cannot load the Go parser, no analysis will run', err);
  return undefined;
});
let trees: TreeCache | undefined;
// The first settings pull must finish before any analysis, or the first diagnostics would be
// computed with default severities and then flip.
let settingsPulled!: () => void;
const settingsReady = new Promise<void>((resolve) => (settingsPulled = resolve));

function filePathOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

const isGo = (uri: string, languageId?: string) => languageId === 'go' || uri.endsWith('.go');

/** Unsaved text of the other open documents wins over the disk when indexing a package. */
function overlay(): (filePath: string) => string | undefined {
  const byPath = new Map<string, string>();
  for (const doc of store.all()) byPath.set(path.resolve(filePathOf(doc.uri)), doc.document.getText());
  return (p) => byPath.get(path.resolve(p));
}

/**
 * Findings for the document's current version: cached, or computed now (synchronously). With
 * `fast`, findings of unchanged declarations may be reused across a package-index change.
 */
function analyzeNow(engine: Engine, doc: OpenDocument, fast = false): { findings: Finding[]; stale?: boolean } {
  const { uri, document } = doc;
  const cached = findings.get(uri);
  if (cached && cached.version === document.version && (fast || !cached.stale)) return cached;
  trees ??= new TreeCache(engine.parser);
  const text = document.getText();
  let result: { findings: Finding[]; stale?: boolean } = { findings: [] };
  try {
    const tree = trees.get(uri, document.version, text, store.takeEdits(uri));
    const analysis = tree
      ? engine.analyze(filePathOf(uri), text, tree, settings.settingsFor(filePathOf(uri)), overlay(), unitCacheOf(uri), fast)
      : { findings: [], skipped: PARSE_CANCELLED, errors: [] };
    if (analysis.skipped && loggedSkips.get(uri) !== document.version) {
      loggedSkips.set(uri, document.version);
      connection.console.info(`Skipped ${filePathOf(uri)} (version ${document.version}): ${analysis.skipped}`);
    }
    for (const error of analysis.errors) connection.console.error(error);
    result = { findings: analysis.findings, stale: analysis.stale };
  } catch (err) {
    logError(`analysis of ${uri} failed`, err);
  }
  findings.set(uri, { version: document.version, ...result });
  return result;
}

/**
 * Publishes the document's findings. A keystroke gets the fast pass first (only the changed
 * declarations are checked); if that reused findings across a package-index change, the exact
 * pass follows when typing pauses, and its diagnostics replace the fast ones for the same version.
 */
async function validate(uri: string, fast = true): Promise<void> {
  const engine = await engineReady;
  await settingsReady;
  const doc = store.get(uri);
  if (!engine || !doc) return; // no parser, or closed while we waited
  const version = doc.document.version;
  const result = analyzeNow(engine, doc, fast);
  if (store.get(uri)?.document.version !== version) return; // a newer validation is on its way
  const diagnostics = result.findings.map((f, i) => toDiagnostic(uri, version, f, i));
  await connection.sendDiagnostics({ uri, version, diagnostics });
  if (result.stale) schedule(uri, Math.max(SETTLE_MS, settings.debounceMs()), false);
}

/** Debounced per document; a newer change for the same document replaces the pending run. */
function schedule(uri: string, delay = settings.debounceMs(), fast = true): void {
  pendingValidation.get(uri)?.();
  const run = () => {
    pendingValidation.delete(uri);
    validate(uri, fast).catch((err) => logError(`validating ${uri}`, err));
  };
  // No debounce: still after the messages already read (a burst of edits is checked once), but
  // without the millisecond setTimeout(0) always waits.
  if (delay <= 0) {
    const immediate = setImmediate(run);
    pendingValidation.set(uri, () => clearImmediate(immediate));
  } else {
    const timer = setTimeout(run, delay);
    pendingValidation.set(uri, () => clearTimeout(timer));
  }
}

/** Files of one directory share a package index, so editing one can change its siblings' findings. */
function scheduleSiblings(uri: string): void {
  const dir = path.dirname(filePathOf(uri));
  for (const doc of store.all()) {
    if (doc.uri === uri || path.dirname(filePathOf(doc.uri)) !== dir) continue;
    findings.delete(doc.uri);
    schedule(doc.uri);
  }
}

/** Settings from `workspace/configuration`, or from a push-model didChangeConfiguration. */
async function pullSettings(pushed?: unknown): Promise<void> {
  let raw: unknown = (pushed as Record<string, unknown> | undefined)?.[SECTION] ?? {};
  if (canPullConfiguration) {
    try {
      raw = await connection.workspace.getConfiguration(SECTION);
    } catch (err) {
      connection.console.warn(`Could not read ${SECTION} settings, using defaults: ${message(err)}`);
    }
  }
  settings.update(raw);
}

const scanner = new WorkspaceScanner({
  folders: () => folders,
  settingsAt: (file) => settings.settingsFor(file, true),
  editor: () => settings.editorValues(),
  configEpoch: () => settings.epoch,
  isOpen: (file) => store.get(pathToFileURL(file).href) !== undefined,
  publish: (file, found) => void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: found.map((f, i) => toDiagnostic(pathToFileURL(file).href, -1, f, i)) }),
  progress: startProgress,
  log: (line) => connection.console.info(line),
});

/** Work-done progress the user can cancel; silent when the client cannot show it. */
async function startProgress(title: string): Promise<Progress> {
  if (!canShowProgress) return { report: () => undefined, done: () => undefined, cancelled: false };
  const reporter = await connection.window.createWorkDoneProgress();
  let cancelled = false;
  let last = -1;
  reporter.token.onCancellationRequested(() => (cancelled = true));
  reporter.begin('Go Race Hazards', 0, title, true);
  return {
    report: (percentage, text) => {
      if (percentage === last) return;
      last = percentage;
      reporter.report(percentage, text);
    },
    done: () => reporter.done(),
    get cancelled() {
      return cancelled;
    },
  };
}

function scanWorkspace(): Promise<number> {
  return scanner.scanAll().catch((err) => {
    logError('workspace scan', err);
    return 0;
  });
}

connection.onInitialize(guard('initialize', { capabilities: {} } as InitializeResult, (params) => {
  const fromInit = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
  if (typeof fromInit === 'number' && fromInit >= 0) initDebounceMs = fromInit;
  canShowProgress = !!params.capabilities.window?.workDoneProgress;
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders = roots.filter((u) => u.startsWith('file:')).map(filePathOf);
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canRegisterConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
  };
}));

connection.onInitialized(guard('initialized', undefined, async () => {
  if (canPullConfiguration && canRegisterConfiguration) {
    // Without registering, a pull-model client need not tell us the settings changed.
    connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
  }
  try {
    await pullSettings();
  } finally {
    settingsPulled(); // analysis must not wait forever on a failed pull: defaults apply then
  }
  if (await engineReady) void scanWorkspace();
}));

connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, async ({ settings: pushed }) => {
  await pullSettings(pushed);
  revalidateEverything();
}));

function revalidateEverything(): void {
  findings.clear();
  for (const doc of store.all()) schedule(doc.uri);
  void scanWorkspace();
}

// Go files changed on disk (a git checkout, a generator, another editor) and config files.
connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, ({ changes }) => {
  const files = changes.filter((c) => c.uri.startsWith('file:')).map((c) => ({ file: filePathOf(c.uri), type: c.type }));
  if (files.some((c) => path.basename(c.file) === CONFIG_FILE)) {
    settings.invalidate();
    revalidateEverything();
    return;
  }
  const go = files.filter((c) => c.file.endsWith('.go'));
  if (go.length === 0) return;
  const deleted = go.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.file);
  for (const c of go) engineReady.then((e) => e?.packages.forget(c.file));
  for (const c of go) scheduleSiblings(pathToFileURL(c.file).href);
  void scanner.rescan(go.filter((c) => c.type !== FileChangeType.Deleted).map((c) => c.file), deleted).catch((err) => logError('rescan', err));
}));

connection.onRequest('goRaceHazards/scanWorkspace', guard('scanWorkspace', 0, async () => {
  await engineReady;
  await settingsReady;
  return scanWorkspace();
}));

connection.onShutdown(() => scanner.dispose());

connection.onDidOpenTextDocument(guard('didOpen', undefined, ({ textDocument: td }) => {
  if (!isGo(td.uri, td.languageId)) return;
  store.open(td.uri, td.languageId, td.version, td.text);
  schedule(td.uri);
  scheduleSiblings(td.uri);
}));

connection.onDidChangeTextDocument(guard('didChange', undefined, ({ textDocument, contentChanges }) => {
  if (!store.change(textDocument.uri, textDocument.version, contentChanges)) return;
  schedule(textDocument.uri);
  scheduleSiblings(textDocument.uri);
}));

connection.onDidCloseTextDocument(guard('didClose', undefined, async ({ textDocument: { uri } }) => {
  if (!store.get(uri)) return;
  pendingValidation.get(uri)?.();
  pendingValidation.delete(uri);
  store.close(uri);
  trees?.delete(uri);
  unitCaches.delete(uri);
  findings.delete(uri);
  loggedSkips.delete(uri);
  scheduleSiblings(uri);
  await connection.sendDiagnostics({ uri, diagnostics: [] });
  // A closed file stays in the workspace review, analyzed from disk like any unopened file.
  if (uri.startsWith('file:')) void scanner.rescan([filePathOf(uri)]).catch((err) => logError('rescan', err));
}));

connection.onCodeAction(guard('codeAction', [] as CodeAction[], async ({ textDocument: { uri }, context }: CodeActionParams) => {
  const engine = await engineReady;
  await settingsReady;
  const doc = store.get(uri);
  if (!engine || !doc) return [];
  // Fixes are computed exactly, never from a fast pass's reused findings.
  return codeActions(uri, doc.document.version, analyzeNow(engine, doc).findings, context);
}));

connection.listen();
