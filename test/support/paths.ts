import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/** The repository root, from compiled tests in out/test/<suite>/ or out/test/support/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

let gofmtPath: string | null | undefined;

/** gofmt from the Go toolchain on PATH, or null when Go is not installed. */
export function gofmt(): string | null {
  if (gofmtPath !== undefined) return gofmtPath;
  try {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    gofmtPath = path.join(goroot, 'bin', 'gofmt');
  } catch {
    gofmtPath = null;
  }
  return gofmtPath;
}

/** The .go files under `dir`, at any depth, sorted by path. */
export function goFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.go')).sort().map((f) => path.join(dir, f));
}

/** Writes `text` to `root/rel`, creating its directories; returns the file's path. */
export function writeUnder(root: string, rel: string, text: string | Buffer): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Whether the Go toolchain is on PATH. */
export function hasGo(): boolean {
  return gofmt() !== null;
}

/** gofmt's output for `text`, or its error message. */
export function formatGo(text: string): { ok: true; text: string } | { ok: false; error: string } {
  const bin = gofmt();
  if (!bin) throw new Error('gofmt is not available');
  try {
    return { ok: true, text: execFileSync(bin, [], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { ok: false, error: e.stderr || e.message };
  }
}
