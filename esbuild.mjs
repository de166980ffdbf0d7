// Bundles the client, the language server and the CLI into dist/, and copies the two .wasm
// files next to them (server/src/trees.ts looks for them beside the bundle via __dirname).
// Usage: node esbuild.mjs [--watch]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');

const WASM = ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-go/tree-sitter-go.wasm'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: false,
  logLevel: watch ? 'info' : 'warning', // in watch mode, also report each rebuild
  absWorkingDir: root,
  // esbuild resolves `import` statements with the "import" condition, which picks
  // web-tree-sitter's ESM build; in a CJS bundle its import.meta.url is empty and Parser.init()
  // crashes. Point at the CommonJS entry instead.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

/** Marks the CLI executable after every (re)build, so `bin` works from a fresh build. */
const chmodCli = {
  name: 'chmod-cli',
  setup(build) {
    build.onEnd((result) => {
      const out = path.join(dist, 'cli.js');
      if (result.errors.length === 0 && fs.existsSync(out)) fs.chmodSync(out, 0o755);
    });
  },
};

const cliSource = path.join(root, 'server/src/cli.ts');
// A shebang already in cli.ts is kept by esbuild; adding the banner as well would put a second
// `#!` on line 2, which is a syntax error.
const cliHasShebang = fs.existsSync(cliSource) && fs.readFileSync(cliSource, 'utf8').startsWith('#!');

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // Scan workers (server and CLI): one engine per thread, loaded from dist/worker.js.
  { ...common, entryPoints: ['server/src/workspace/worker.ts'], outfile: 'dist/worker.js' },
  {
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: cliHasShebang ? undefined : { js: '#!/usr/bin/env node' },
    plugins: [chmodCli],
  },
];

function copyWasm() {
  for (const file of WASM) fs.copyFileSync(path.join(root, file), path.join(dist, path.basename(file)));
}

try {
  // Start clean so a renamed or removed output never ships in the .vsix.
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  copyWasm();
  if (watch) {
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('esbuild: watching for changes');
  } else {
    // Let every bundle finish (one broken entry should not leave the others stale), then fail.
    const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
} catch (err) {
  // esbuild has already printed located errors (logLevel); this covers everything else too.
  console.error(`esbuild: build failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
