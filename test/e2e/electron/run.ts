import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../cli';

// The e2e scenarios through the `vscode` API in VS Code desktop (Electron), for machines that
// have it: VSCODE_EXECUTABLE_PATH names a VS Code binary, or E2E_ELECTRON_DOWNLOAD=1 lets
// @vscode/test-electron download one. Run after `npm run package` (scripts/e2e.mjs does both).

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable && process.env.E2E_ELECTRON_DOWNLOAD !== '1') {
    console.log([
      'SKIPPED: the @vscode/test-electron suite (test/e2e/electron) did not run.',
      '  It needs VS Code desktop, and this machine has none: VSCODE_EXECUTABLE_PATH is not set, and',
      '  downloading VS Code needs internet access (set E2E_ELECTRON_DOWNLOAD=1 where there is some).',
      '  The same scenarios ran above in the browser suite, in code-server.',
    ].join('\n'));
    return 0;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'go-race-hazards-electron-'));
  try {
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user')],
      extensionTestsEnv: { E2E_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`electron suite failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
