// The CLI's --fix: applies every preferred fix, a file at a time, re-analyzing each file just
// before fixing it so that a package-level edit made in one file (a helper added) is seen by its
// siblings instead of being added twice. Each file is written atomically.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, preferredEdits } from './edits';
import type { Engine } from './engine';
import type { Settings } from './settings';
import { syntaxErrorCount } from './trees';
import type { Finding } from './types';

export interface FixOutcome {
  file: string;
  /** The findings whose fixes were written. */
  fixed: Finding[];
  /** Why the file was left untouched, when it was. */
  refused?: string;
}

/** At most this many rounds per file: fixes whose edits overlap wait for the next round. */
const ROUNDS = 5;

export function fixFile(engine: Engine, file: string, settings: Settings): FixOutcome {
  let original: string;
  try {
    original = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { file, fixed: [], refused: `cannot read: ${(err as Error).message}` };
  }
  let text = original;
  const fixed: Finding[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const result = engine.analyzeText(file, text, settings);
    const { edits, applied } = preferredEdits(result.findings);
    if (edits.length === 0) break;
    try {
      text = applyEdits(text, edits);
    } catch (err) {
      return { file, fixed: [], refused: `fixes could not be applied: ${(err as Error).message}` };
    }
    fixed.push(...applied);
  }
  if (text === original) return { file, fixed: [] };
  const before = syntaxErrorCount(engine.parser, original);
  const after = syntaxErrorCount(engine.parser, text);
  if (after > before) return { file, fixed: [], refused: `the fixed text would not parse (${after} syntax errors, ${before} before); left untouched` };
  try {
    writeAtomically(file, text);
  } catch (err) {
    return { file, fixed: [], refused: `cannot write: ${(err as Error).message}` };
  }
  engine.packages.forget(file);
  return { file, fixed };
}

/** Temp file in the same directory, then rename: a reader sees the old file or the new one. */
function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.race-hazards-${process.pid}.tmp`);
  const mode = fs.statSync(file).mode;
  try {
    fs.writeFileSync(tmp, text, { mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
