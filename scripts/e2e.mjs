// `npm run test:e2e`: the extension in a real VS Code. Installs (once, cached) code-server and
// Chromium, packages the .vsix, installs it into a throwaway profile, starts code-server on a
// loopback port over a copy of test/e2e/workspace and a headless Chromium, runs the browser suite
// (test/e2e/browser.test.ts) against them, then the @vscode/test-electron runner (which says why
// it skips here). Every process it starts runs in its own process group and is stopped on the way
// out, whether the suite passed, failed, threw or was interrupted.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, ensureCodeServer, ensureSystemPackages } from './e2e-install.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = path.join(ROOT, '.cache', 'e2e');
const LOGS = path.join(CACHE, 'logs');
const OUT = path.join(ROOT, 'out', 'e2e', 'test', 'e2e');
const STARTUP_MS = 60_000;

const groups = new Set(); // child processes, each the leader of its own process group
let scratch; // the throwaway profile, extensions and workspace
let interrupted = false; // set by a signal: start nothing more, the signal handler exits

function notInterrupted() {
  if (interrupted) throw new Error('interrupted');
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Starts a process group and resolves with the first match of `ready` in its output. */
function startGroup(name, cmd, args, ready, env = {}) {
  notInterrupted();
  const log = fs.createWriteStream(path.join(LOGS, `${name}.log`));
  const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  groups.add(child);
  child.on('exit', () => groups.delete(child));
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${STARTUP_MS} ms; see ${log.path}`)), STARTUP_MS);
    const onData = (chunk) => {
      log.write(chunk);
      seen += chunk;
      const match = ready.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready; see ${log.path}`)));
  });
}

/** SIGTERM to every group, SIGKILL to whatever is left once its leader is gone or 5 s passed. */
async function stopAll() {
  const kill = (child, signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  await Promise.all([...groups].map((child) => new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kill(child, 'SIGTERM');
  }).then(() => kill(child, 'SIGKILL'))));
  groups.clear();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** Runs a node script in its own group (so an interrupt stops it too); resolves with its exit code. */
function runNode(args, env) {
  notInterrupted();
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  groups.add(child);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      groups.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const start = Date.now();
  fs.mkdirSync(LOGS, { recursive: true });
  ensureSystemPackages();
  const codeServer = ensureCodeServer(CACHE);
  console.log(`e2e: code-server ${path.basename(codeServer)} and Chromium ready after ${seconds(start)}`);

  run('npm', ['run', '--silent', 'package']);
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test/e2e']);

  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-race-hazards-e2e-'));
  const dirs = Object.fromEntries(['user', 'extensions', 'workspace', 'chromium', 'xdg-config', 'xdg-data'].map((d) => [d, path.join(scratch, d)]));
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  // Editor settings that make typed text land as typed (no auto-closing, no suggestions) and
  // screenshots steady (no animations, no blinking cursor).
  fs.copyFileSync(path.join(ROOT, 'test', 'e2e', 'user-settings.json'), path.join(dirs.user, 'User', 'settings.json'));

  const entry = path.join(codeServer, 'out', 'node', 'entry.js');
  const profile = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions];
  // code-server keeps a config file and logs under XDG dirs: keep those throwaway as well.
  const xdg = { XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'] };
  run(process.execPath, [entry, ...profile, '--install-extension', path.join(ROOT, 'go-race-hazards.vsix')], { env: { ...process.env, ...xdg } });
  const [extension] = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('go-race-hazards.'));

  const [, url] = await startGroup('code-server', process.execPath, [
    entry, '--auth', 'none', '--bind-addr', '127.0.0.1:0', ...profile,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', dirs.workspace,
  ], /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//, xdg);
  const [, cdp] = await startGroup('chromium', CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${dirs.chromium}`, 'about:blank',
  ], /DevTools listening on (ws:\/\/\S+)/);
  console.log(`e2e: code-server at ${url}, Chromium at ${cdp}, ${seconds(start)} after start`);

  const suiteStart = Date.now();
  // E2E_ONLY=regexp runs only the scenarios whose names match, for working on one of them.
  const only = process.env.E2E_ONLY ? ['--test-name-pattern', process.env.E2E_ONLY] : [];
  const status = await runNode(['--test', '--test-reporter=spec', ...only, path.join(OUT, 'browser.test.js')], {
    E2E_URL: `${url}/?folder=${encodeURIComponent(dirs.workspace)}`,
    E2E_CDP: cdp,
    E2E_WORKSPACE: dirs.workspace,
    E2E_EXTENSION: path.join(dirs.extensions, extension),
    E2E_MEDIA: path.join(ROOT, 'docs', 'media'),
  });
  notInterrupted();
  console.log(`e2e: browser suite ${status === 0 ? 'passed' : 'FAILED'} in ${seconds(suiteStart)}, ${seconds(start)} in all`);
  const electron = await runNode([path.join(OUT, 'electron', 'run.js')], {});
  return status || electron;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`e2e: ${signal}, stopping what was started`);
    stopAll().finally(() => process.exit(130));
  });
}

async function finish(status) {
  if (interrupted) return; // the signal handler stops everything and exits
  await stopAll();
  process.exit(status);
}

main().then(finish, (err) => {
  if (!interrupted) console.error(`e2e: ${err instanceof Error ? err.stack : err}`);
  return finish(1);
});
