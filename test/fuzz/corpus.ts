import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import { Rng } from './random';

/** A real Go file the fuzzer mutates. */
export interface Sample {
  /** Where it came from, for the regression header: `GOROOT/src/...` or `rules/...`. */
  origin: string;
  text: string;
  /** Settings overrides of a testdata package (its settings.json), as raw JSON. */
  settings: Record<string, unknown>;
}

/** Larger stdlib files add parse time but no new shapes; very large inputs come from mutations. */
const MAX_SAMPLE_BYTES = 200_000;

function goFilesUnder(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) goFilesUnder(p, out);
    else if (e.isFile() && e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

export function goroot(): string | undefined {
  try {
    return execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function testdataSamples(): Sample[] {
  const rulesDir = path.join(ROOT, 'rules');
  const out: Sample[] = [];
  for (const rule of fs.readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of goFilesUnder(path.join(rulesDir, rule.name, 'testdata'))) {
      const settingsFile = path.join(path.dirname(file), 'settings.json');
      const settings = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
      out.push({ origin: path.relative(ROOT, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8'), settings });
    }
  }
  return out;
}

/**
 * Every rules testdata file plus `size` stdlib files chosen by `seed` (the same seed picks the
 * same files from the same Go installation).
 */
export function loadCorpus(seed: number, size = 200): { testdata: Sample[]; stdlib: Sample[] } {
  const testdata = testdataSamples();
  const root = goroot();
  if (!root) return { testdata, stdlib: [] };
  const src = path.join(root, 'src');
  const files = goFilesUnder(src);
  const rng = new Rng(seed ^ 0x5eed);
  const stdlib: Sample[] = [];
  for (let tries = 0; stdlib.length < size && tries < size * 4 && files.length > 0; tries++) {
    const file = files[rng.int(files.length)];
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > MAX_SAMPLE_BYTES) continue;
    stdlib.push({ origin: `GOROOT/src/${path.relative(src, file).split(path.sep).join('/')}`, text, settings: {} });
  }
  return { testdata, stdlib };
}
