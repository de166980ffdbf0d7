// Installs what the browser e2e suite runs on, once, and caches it (see
// ../shared/recipes/real-vscode.md for why each step is needed on a machine without internet):
// Debian packages (Chromium, ripgrep, the headers code-server's native modules build against) and
// code-server itself, unpacked and built under .cache/e2e/. A finished install is marked by a
// file written last, so an interrupted one is redone from scratch and a finished one is reused.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3'; // the newest that runs on Node 20
export const CHROMIUM = '/usr/bin/chromium';

const APT_PACKAGES = [
  'chromium', 'ripgrep',
  // Headers and tools that code-server's native modules (kerberos, node-pty, ...) build with.
  'libkrb5-dev', 'pkg-config', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'make', 'g++', 'python3',
];
// Modules whose install scripts we skipped (one of them downloads rg from GitHub) and that must
// be built for this Node; the rest of code-server is plain JavaScript.
const VSCODE_NATIVE = ['kerberos', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'native-watchdog', 'node-pty'];
const TOP_NATIVE = ['argon2'];

function run(cmd, args, cwd, env = {}) {
  console.log(`e2e: $ ${[cmd, ...args].join(' ')}${cwd ? `   (in ${cwd})` : ''}`);
  const result = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function installed(pkg) {
  const q = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8' });
  return q.status === 0 && q.stdout.trim() === 'installed';
}

/** Installs the missing Debian packages (as root, as CI runs); otherwise says what to install. */
export function ensureSystemPackages() {
  const missing = APT_PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages; install them first:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], undefined, env);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], undefined, env);
}

/** Returns the directory of a built code-server, building it into `cacheDir` the first time. */
export function ensureCodeServer(cacheDir) {
  const dir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const done = path.join(dir, '.installed');
  if (fs.existsSync(done)) return dir;

  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  run('npm', ['pack', '--silent', `code-server@${CODE_SERVER_VERSION}`], partial);
  run('tar', ['xzf', `code-server-${CODE_SERVER_VERSION}.tgz`, '--strip-components=1'], partial);
  fs.rmSync(path.join(partial, `code-server-${CODE_SERVER_VERSION}.tgz`));

  // Scripts are skipped everywhere and only the native modules are rebuilt: code-server's own
  // postinstall would reinstall lib/vscode with scripts on, and @vscode/ripgrep's fetches rg.
  const vscode = path.join(partial, 'lib', 'vscode');
  const npmInstall = ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  // npx node-gyp (node-pty) must not stop to ask; root may run the build scripts.
  const buildEnv = { npm_config_yes: 'true', npm_config_unsafe_perm: 'true' };
  run('npm', npmInstall, partial);
  run('npm', npmInstall, vscode);
  run('npm', npmInstall, path.join(vscode, 'extensions'));
  run('npm', ['rebuild', ...VSCODE_NATIVE], vscode, buildEnv);
  run('npm', ['rebuild', ...TOP_NATIVE], partial, buildEnv);

  const rg = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  fs.mkdirSync(path.dirname(rg), { recursive: true });
  fs.copyFileSync('/usr/bin/rg', rg);
  fs.chmodSync(rg, 0o755);
  // VS Code and its built-in extensions look for modules in node_modules.asar.
  fs.symlinkSync('node_modules', path.join(vscode, 'node_modules.asar'));

  fs.writeFileSync(path.join(partial, '.installed'), `code-server ${CODE_SERVER_VERSION}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}
