// `npm start [-- PATH ...]`: the main job. Runs the CLI (built by the npm script first) over the
// bundled samples/ workspace, or over the paths given. Finding hazards is what this job is for,
// so exit code 1 (findings) is reported and mapped to success; 2 (usage error) stays a failure.
// For CI gating, run dist/cli.js directly: it exits 1 on findings.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const paths = args.some((a) => !a.startsWith('-')) ? args : [...args, path.relative(process.cwd(), path.join(root, 'samples')) || '.'];
const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...paths], { stdio: 'inherit' });
if (run.error) throw run.error;
if (run.status === 1) console.error('\ngo-race-hazards: hazards found (the CLI exits 1 for this; CI gating relies on it)');
else if (run.status === 0) console.error('\ngo-race-hazards: no hazards found');
process.exit(run.status === 1 ? 0 : run.status ?? 2);
