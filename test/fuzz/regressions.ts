// Saved failing inputs: test/fuzz/regressions/<hash>.go, a header of `//fuzz:` lines that says
// what broke and how to rebuild the input's context, then the input itself, byte for byte.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import type { FuzzInput } from './invariants';

export const REGRESSIONS_DIR = path.join(ROOT, 'test', 'fuzz', 'regressions');

const MARK = '//fuzz: ';

export interface Regression {
  input: FuzzInput;
  invariant: string;
  detail: string;
  /** How it was found: seed, iteration, source file and mutations. */
  foundBy: string;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 300);
}

/** UTF-8 cannot carry a lone surrogate: such inputs are stored as one JSON string instead. */
function survivesUtf8(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

export function formatRegression(r: Regression): string {
  const json = !survivesUtf8(r.input.text);
  const header = [
    `broke ${r.invariant}: ${oneLine(r.detail)}`,
    `found by ${oneLine(r.foundBy)}`,
    `file ${r.input.name}`,
    `settings ${JSON.stringify(r.input.settings)}`,
    ...(json ? ['body json (the input holds lone surrogates, which UTF-8 cannot store)'] : []),
    'the input starts on the next line; test/fuzz/regressions.test.ts replays it',
  ];
  return header.map((h) => MARK + h + '\n').join('') + (json ? JSON.stringify(r.input.text) : r.input.text);
}

export function parseRegression(file: string): { input: FuzzInput; invariant: string } {
  let rest = fs.readFileSync(file, 'utf8');
  const fields = new Map<string, string>();
  while (rest.startsWith(MARK)) {
    const nl = rest.indexOf('\n');
    const line = rest.slice(MARK.length, nl);
    const space = line.indexOf(' ');
    fields.set(line.slice(0, space), line.slice(space + 1));
    rest = rest.slice(nl + 1);
  }
  const text = fields.has('body') ? (JSON.parse(rest) as string) : rest;
  return {
    input: { name: fields.get('file') ?? 'x.go', settings: JSON.parse(fields.get('settings') ?? '{}') as Record<string, unknown>, text },
    invariant: (fields.get('broke') ?? '?').split(':')[0],
  };
}

/** Writes the regression unless the same input is already saved; returns its path. */
export function saveRegression(r: Regression): string {
  const hash = createHash('sha256').update(JSON.stringify([r.input.name, r.input.settings, r.input.text])).digest('hex').slice(0, 12);
  const file = path.join(REGRESSIONS_DIR, `${hash}.go`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(REGRESSIONS_DIR, { recursive: true });
    fs.writeFileSync(file, formatRegression(r));
  }
  return file;
}

export function savedRegressions(): string[] {
  if (!fs.existsSync(REGRESSIONS_DIR)) return [];
  return fs.readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.go')).sort().map((f) => path.join(REGRESSIONS_DIR, f));
}
