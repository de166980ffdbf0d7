import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CrashPolicy } from './crashPolicy';
import { contributedKeys, explicitSettings } from './settings';

// The thin client: starts the bundled server, forwards settings and file events, and shows a
// count of findings. All analysis is server-side.

/**
 * The library always pops its own "couldn't create connection" notification when a start fails;
 * while we start the server ourselves, log only, so the user sees our single message instead.
 */
class Client extends LanguageClient {
  quiet = false;
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.quiet ? false : showNotification);
  }
}

const SOURCE = 'race-hazards';
let client: Client | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const outputChannel = vscode.window.createOutputChannel('Go Race Hazards', { log: true });
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // Used when the extension runs in an Extension Development Host: attach a debugger on 6009.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const keys = contributedKeys(context.extension.packageJSON);
  const crashes = new CrashPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'go' },
      { scheme: 'untitled', language: 'go' },
    ],
    synchronize: {
      configurationSection: 'goRaceHazards',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.go,.go-race-hazards.json}'),
    },
    middleware: {
      workspace: {
        configuration: (params, token, next) =>
          params.items.some((i) => i.section === 'goRaceHazards')
            ? params.items.map((i) => (i.section === 'goRaceHazards' ? explicitSettings(i.scopeUri ? vscode.Uri.parse(i.scopeUri) : undefined, keys) : null))
            : next(params, token),
      },
    },
    outputChannel,
    errorHandler: {
      // A bad message is the server's bug, logged there; the connection itself is still good.
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const decision = crashes.onCrash();
        if (decision.message) {
          const show = decision.restart ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
          void show(decision.message, 'Show Output').then((choice) => choice && outputChannel.show());
        }
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  const c = new Client('goRaceHazards', 'Go Race Hazards', serverOptions, clientOptions);
  client = c;

  /** Starts or restarts the server; a failure is logged and shown once, never thrown. */
  const run = async (action: () => Promise<void>): Promise<void> => {
    c.quiet = true;
    try {
      await action();
      return;
    } catch (err) {
      outputChannel.error(`The server failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      c.quiet = false;
    }
    const choice = await vscode.window.showErrorMessage('Go Race Hazards: the language server failed to start.', 'Show Output');
    if (choice === 'Show Output') outputChannel.show();
  };

  const status = vscode.window.createStatusBarItem('goRaceHazards.findings', vscode.StatusBarAlignment.Left, 0);
  status.name = 'Go Race Hazards';
  status.command = 'workbench.actions.view.problems';
  const updateStatus = () => {
    let count = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) count += diagnostics.filter((d) => d.source === SOURCE).length;
    status.text = `$(pulse) ${count} race hazard${count === 1 ? '' : 's'}`;
    status.tooltip = 'Go Race Hazards: open the Problems panel';
    status.show();
  };

  context.subscriptions.push(
    outputChannel,
    status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.commands.registerCommand('goRaceHazards.restartServer', () => {
      crashes.reset();
      return run(() => (c.isRunning() ? c.restart() : c.start()));
    }),
    vscode.commands.registerCommand('goRaceHazards.showOutput', () => outputChannel.show()),
    vscode.commands.registerCommand('goRaceHazards.scanWorkspace', async () => {
      if (!c.isRunning()) return;
      const count = await c.sendRequest<number>('goRaceHazards/scanWorkspace');
      void vscode.window.setStatusBarMessage(`Go Race Hazards: ${count} finding${count === 1 ? '' : 's'} in the workspace`, 5000);
    }),
  );
  updateStatus();
  // Not awaited: activation must not wait on the server, nor on the user answering the error.
  void run(() => c.start());
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  // stop() rejects when the client never got running; there is nothing left to clean up then.
  await c?.stop().catch(() => undefined);
}
