// Whole-workspace review: every Go file of the workspace folders is analyzed on worker threads
// and its findings pushed to the editor's Problems panel, without the file being opened.
import * as path from 'node:path';
import type { Settings } from '../settings';
import type { Finding } from '../types';
import { byDirectory, discoverGoFiles } from './discover';
import { ScanPool } from './pool';
import { collectGarbage } from '../memory';

export interface Progress {
  report(percentage: number, message: string): void;
  done(): void;
  /** The user pressed Cancel on the progress notification. */
  readonly cancelled: boolean;
}

export interface ScanHost {
  folders(): string[];
  /** Settings for a file, with the editor's explicit values over its config file. */
  settingsAt(file: string): Settings;
  /** The editor's explicit values, handed to the workers as they are. */
  editor(): unknown;
  /** Changes whenever a config file changed on disk. */
  configEpoch(): number;
  /** Open documents are analyzed from their unsaved text by the server itself. */
  isOpen(file: string): boolean;
  publish(file: string, findings: Finding[]): void;
  progress(title: string): Promise<Progress>;
  log(message: string): void;
}

export class WorkspaceScanner {
  private readonly pool: ScanPool;
  /** Files whose findings the scan published, so that a vanished file gets its list cleared. */
  private readonly published = new Set<string>();
  /** Bumped by each full scan: a newer one, or cancel(), stops the older one. Rescans run alongside. */
  private generation = 0;
  /** Runs in flight: when the last one ends, the workers are let go, and their memory with them. */
  private running = 0;

  constructor(private readonly host: ScanHost, jobs?: number) {
    this.pool = new ScanPool(jobs);
  }

  /** Re-scans every folder; a scan already running is cancelled first. Resolves with the count of findings. */
  async scanAll(): Promise<number> {
    const files = discoverGoFiles(this.host.folders(), (f) => this.host.settingsAt(f)).files.map((f) => path.resolve(f));
    const gone = [...this.published].filter((f) => !files.includes(f));
    for (const f of gone) this.clear(f);
    const generation = ++this.generation;
    return this.run(files, `Scanning ${files.length} Go files`, () => generation !== this.generation);
  }

  /** Re-analyzes the packages of changed files (their siblings' index changed too). */
  async rescan(changed: readonly string[], deleted: readonly string[] = []): Promise<number> {
    for (const f of deleted) this.clear(path.resolve(f));
    const dirs = [...new Set(changed.concat(deleted).map((f) => path.dirname(path.resolve(f))))];
    const files = discoverGoFiles(dirs, (f) => this.host.settingsAt(f)).files.filter((f) => dirs.includes(path.dirname(path.resolve(f))));
    return this.run(files.map((f) => path.resolve(f)), undefined, () => false);
  }

  cancel(): void {
    this.generation++;
  }

  dispose(): Promise<void> {
    this.cancel();
    return this.pool.dispose();
  }

  private clear(file: string): void {
    if (!this.published.delete(file)) return;
    if (!this.host.isOpen(file)) this.host.publish(file, []);
  }

  private async run(files: string[], title: string | undefined, superseded: () => boolean): Promise<number> {
    const progress = title && files.length > 0 ? await this.host.progress(title) : undefined;
    const cancelled = () => superseded() || !!progress?.cancelled;
    this.running++;
    let done = 0;
    let findings = 0;
    try {
      await this.pool.run({
        groups: byDirectory(files),
        editor: this.host.editor(),
        configEpoch: this.host.configEpoch(),
        cancelled,
        onResult: (r) => {
          done++;
          progress?.report(Math.floor((done * 100) / files.length), `${done}/${files.length} files`);
          if (cancelled()) return;
          for (const e of r.errors) this.host.log(e);
          if (r.skipped) this.host.log(`Skipped ${r.path}: ${r.skipped}`);
          findings += r.findings.length;
          const file = path.resolve(r.path);
          if (this.host.isOpen(file)) return;
          const had = this.published.has(file);
          if (r.findings.length > 0) this.published.add(file);
          else this.published.delete(file);
          if (r.findings.length > 0 || had) this.host.publish(file, r.findings);
        },
      });
    } finally {
      progress?.done();
      if (--this.running === 0) {
        await this.pool.release();
        collectGarbage();
      }
    }
    if (progress?.cancelled) this.host.log(`Workspace scan cancelled after ${done} of ${files.length} files`);
    return findings;
  }
}
