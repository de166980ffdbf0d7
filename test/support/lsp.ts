// A test client for the real server (dist/server.js) over stdio, as an editor would drive it.
// Every wait ends on the event it expects; the timeout only guards against a hang.
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT } from './paths';

export const TIMEOUT_MS = 15_000;

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly errorLogs: string[] = [];
  /** `$/progress` payloads, in order. */
  readonly progress: { token: unknown; value: { kind: string; percentage?: number; message?: string; title?: string } }[] = [];
  /** What the client answers to workspace/configuration for the goRaceHazards section. */
  configuration: Record<string, unknown> = {};
  stderr = '';
  conn!: MessageConnection;
  child!: ChildProcess;
  private readonly listeners = new Set<() => void>();

  /** Starts the server with `rootDir` as the workspace folder and runs initialize/initialized. */
  async start(rootDir: string, options: { progress?: boolean; initializationOptions?: object } = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const server = path.join(ROOT, 'dist', 'server.js');
    // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (NODE_OPTIONS refuses --cpu-prof).
    const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.push(() => this.published.push(p)));
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => this.push(() => {
      this.logs.push(p.message);
      if (p.type === 1) this.errorLogs.push(p.message);
    }));
    this.conn.onNotification('window/showMessage', (p: { message: string }) => this.push(() => this.logs.push(`showMessage: ${p.message}`)));
    this.conn.onNotification('$/progress', (p: LspClient['progress'][number]) => this.push(() => this.progress.push(p)));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.configuration));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
    const root = pathToFileURL(rootDir).href;
    const result = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: path.basename(rootDir) }],
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
      capabilities: {
        window: { workDoneProgress: !!options.progress },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } }, codeAction: { dynamicRegistration: false } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  private push(record: () => void): void {
    record();
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first value `pick` returns (checked now and after every message), or rejects after `timeoutMs`. */
  waitFor<T>(what: string, pick: () => T | undefined, timeoutMs = TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = pick();
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs}ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The first publishDiagnostics for `uri`, published after index `since`, that `accept` takes. */
  diagnosticsFor(uri: string, since: number, accept: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics ${what} for ${uri}`, () => this.published.slice(since).find((p) => p.uri === uri && accept(p)));
  }

  /** The latest diagnostics published for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  async stop(): Promise<number | string | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref())]);
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.conn?.dispose();
    if (this.child && this.child.exitCode === null) this.child.kill();
  }
}

export function assertNoErrors(client: LspClient): void {
  assert.deepEqual(client.errorLogs, []);
  assert.ok(!/Error/.test(client.stderr), `stderr: ${client.stderr}`);
}
