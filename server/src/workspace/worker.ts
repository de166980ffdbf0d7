// A scan worker: owns one engine (its own wasm parser) and analyzes one directory at a time,
// as the pool hands them out. Results are plain data; trees never leave the worker.
import { parentPort } from 'node:worker_threads';
import { ConfigResolver } from '../config';
import { Engine } from '../engine';
import type { WorkerRequest, WorkerResult } from './pool';

const port = parentPort;
if (!port) throw new Error('worker.js must run in a worker thread');

const ready = Engine.create();
let configs = new ConfigResolver();
let configKey: string | undefined;

port.on('message', async (req: WorkerRequest) => {
  const engine = await ready;
  const key = `${req.configFile ?? ''}\0${req.configEpoch ?? 0}\0${JSON.stringify(req.editor ?? null)}`;
  if (key !== configKey) {
    configs = new ConfigResolver(req.configFile);
    configKey = key;
  }
  const results: WorkerResult['results'] = [];
  try {
    // Configuration problems are reported by whoever started the scan, which validated it first.
    const settingsAt = (file: string) => configs.settingsFor(file, req.editor).settings;
    for (const { path, result } of engine.analyzeFiles(req.files, settingsAt)) results.push({ path, ...result });
  } catch (err) {
    // One bad directory must not stop the scan: report it and let the pool go on.
    const message = err instanceof Error ? err.stack ?? err.message : String(err);
    for (const f of req.files) if (!results.some((r) => r.path === f)) results.push({ path: f, findings: [], errors: [message] });
  }
  const reply: WorkerResult = { id: req.id, results };
  port.postMessage(reply);
});
