// Analyzes directories of Go files on worker threads, one directory per task so that a package's
// files share one parse and one index. Tasks go to whichever worker is idle; results stream back.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult } from '../engine';

export interface WorkerRequest {
  id: number;
  files: string[];
  /** The editor's explicitly set values, layered over each file's config file. */
  editor?: unknown;
  /** The CLI's --config: one file for everything. */
  configFile?: string;
  /** Bumped when a config file changed on disk: the worker drops what it cached. */
  configEpoch?: number;
}

export interface WorkerResult {
  id: number;
  results: ({ path: string } & AnalysisResult)[];
}

export interface PoolRun {
  groups: string[][];
  editor?: unknown;
  configFile?: string;
  configEpoch?: number;
  onResult: (result: WorkerResult['results'][number]) => void;
  /** Checked before each task is handed out: a cancelled run hands out no more. */
  cancelled?: () => boolean;
}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export class ScanPool {
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private disposed = false;

  constructor(private readonly size = defaultJobs(), private readonly script = path.join(__dirname, 'worker.js')) {}

  /** Resolves when every group was analyzed, or when the run was cancelled and in-flight tasks returned. */
  async run(job: PoolRun): Promise<void> {
    const queue = job.groups.filter((g) => g.length > 0);
    if (this.disposed) return;
    const count = Math.min(this.size, queue.length);
    while (this.workers.length < count) this.workers.push(new Worker(this.script));
    await Promise.all(this.workers.slice(0, count).map((_, slot) => this.drain(slot, queue, job)));
  }

  private async drain(slot: number, queue: string[][], job: PoolRun): Promise<void> {
    for (let files = queue.shift(); files && !job.cancelled?.() && !this.disposed; files = queue.shift()) {
      const request: WorkerRequest = { id: this.nextId++, files, editor: job.editor, configFile: job.configFile, configEpoch: job.configEpoch };
      let reply: WorkerResult;
      try {
        reply = await this.ask(this.workers[slot], request);
      } catch (err) {
        if (this.disposed) return;
        // A worker that died (out of memory, a wasm trap) takes only its directory with it.
        void this.workers[slot].terminate();
        this.workers[slot] = new Worker(this.script);
        const message = `worker failed: ${err instanceof Error ? err.message : String(err)}`;
        reply = { id: request.id, results: files.map((p) => ({ path: p, findings: [], errors: [message] })) };
      }
      for (const r of reply.results) job.onResult(r);
    }
  }

  private ask(worker: Worker, request: WorkerRequest): Promise<WorkerResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerResult) => {
        if (reply.id !== request.id) return;
        cleanup();
        resolve(reply);
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const onExit = (code: number) => onError(new Error(`exited with code ${code}`));
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  /** Stops the idle workers (each holds a parser's memory); the next run starts new ones. */
  async release(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}
