// SARIF 2.1.0 for GitHub code scanning, as a pure function of the engine's findings. The only
// files it reads are the rules' README.md (rule help); the analyzed files' text comes from the
// caller, because only the caller knows which text the findings were computed on.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../rules/index';
import { ruleDocPath, toolVersion } from './install';
import type { FileReport } from './report';
import { SUPPRESSION_RULE } from './suppress';
import type { Position, Range, Severity, TextEdit } from './types';

/** package.json's repository: where the rule READMEs are published for readers of an alert. */
export const INFORMATION_URI = 'https://example.invalid/go-race-hazards';
const SRCROOT = '%SRCROOT%';
/**
 * Our own fingerprint key. GitHub reserves `primaryLocationLineHash` and recomputes it from the
 * file; a value of ours under that name would be reported as inconsistent on upload.
 */
const FINGERPRINT = 'goRaceHazards/v1';

export interface SarifOptions {
  /** Paths are written relative to it (the repository root in CI) under uriBaseId %SRCROOT%. */
  baseDir: string;
  /** The analyzed text of a file, for partialFingerprints; without it a result gets none. */
  fileText?: (filePath: string) => string | undefined;
  /**
   * Rule crashes (the engine's `errors`): error notifications, not results. The run still
   * completed and its other findings stand, so executionSuccessful stays true.
   */
  internalErrors?: readonly string[];
}

type Level = 'error' | 'warning' | 'note';

function level(severity: Severity): Level {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

export interface RuleHelp {
  /** The README's first paragraph, as plain text. */
  summary: string;
  markdown: string;
}

/** The rule's README from the installed extension, or undefined when it is not there. */
export function readRuleHelp(ruleId: string, docPath = ruleDocPath(ruleId)): RuleHelp | undefined {
  let markdown: string;
  try {
    markdown = fs.readFileSync(docPath, 'utf8').replace(/\r\n/g, '\n');
  } catch {
    return undefined;
  }
  // The title line repeats shortDescription, which GitHub already shows above the help.
  const body = markdown.replace(/^# [^\n]*\n+/, '');
  const summary = body.split(/\n\s*\n/, 1)[0].replace(/\s*\n\s*/g, ' ').trim();
  return { summary, markdown: body.trimEnd() };
}

const SUPPRESSION_HELP = [
  'A suppression directive that is malformed (no rule id, no reason, an unknown rule) suppresses',
  'nothing and is reported as a warning; one that matches no finding on its line or the next is',
  'reported as a note, so stale suppressions do not pile up.',
  '',
  '```go',
  '//race:ignore untracked-goroutine the listener lives as long as the process',
  'go serve(ln)',
  '',
  'go serve(ln) //nolint:racehazards // process-scoped',
  '```',
].join('\n');

function descriptor(id: string, title: string, severity: Severity, help: RuleHelp | undefined, helpUri: string): object {
  const summary = help?.summary || title;
  return {
    id,
    name: id,
    shortDescription: { text: title },
    fullDescription: { text: summary },
    help: { text: `${summary}\n\nDocumentation: ${helpUri}`, markdown: help?.markdown ?? title },
    helpUri,
    defaultConfiguration: { level: level(severity) },
  };
}

function ruleDescriptors(): { id: string; body: object }[] {
  const rules = RULES.map((r) => ({
    id: r.id,
    body: descriptor(r.id, r.title, r.defaultSeverity, readRuleHelp(r.id), `${INFORMATION_URI}/blob/v${toolVersion()}/rules/${r.id}/README.md`),
  }));
  const suppression = descriptor(
    SUPPRESSION_RULE,
    'Malformed or unused suppression directive',
    'warning',
    { summary: 'A //race:ignore or //nolint:racehazards directive that is malformed or silences nothing.', markdown: SUPPRESSION_HELP },
    `${INFORMATION_URI}#suppression`,
  );
  return [...rules, { id: SUPPRESSION_RULE, body: suppression }];
}

/** A relative URI under %SRCROOT%, or an absolute file URI when the file is not below it. */
function artifact(filePath: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(baseDir, filePath);
  const rel = path.relative(baseDir, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF lines and columns are 1-based; columns stay UTF-16 units (run.columnKind). */
function region(range: Range): object {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * Edits from the end of the file backwards: a consumer that applies them one at a time, each to
 * the text the previous one left, then gets the same text as one that reads them all against
 * the original. Insertions at one point keep their order by going in reverse.
 */
function lastFirst(edits: readonly TextEdit[]): TextEdit[] {
  const cmp = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => cmp(b.e.range.start, a.e.range.start) || cmp(b.e.range.end, a.e.range.end) || b.i - a.i)
    .map(({ e }) => e);
}

function fingerprinter(options: SarifOptions): (rule: string, filePath: string, uri: string, line: number) => string | undefined {
  const lines = new Map<string, string[] | undefined>();
  const seen = new Map<string, number>();
  return (rule, filePath, uri, line) => {
    if (!lines.has(filePath)) lines.set(filePath, options.fileText?.(filePath)?.split(/\r?\n|\r/));
    const text = lines.get(filePath)?.[line];
    if (text === undefined) return undefined;
    // The line's content, not its number: the result keeps its identity when code above moves.
    const hash = createHash('sha256').update(`${rule}\0${uri}\0${text.trim()}`).digest('hex').slice(0, 32);
    // Identical lines in one file (two `go s.loop()`) are told apart by their order.
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
}

export function toSarif(reports: readonly FileReport[], options: SarifOptions): object {
  const rules = ruleDescriptors();
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprint = fingerprinter(options);
  const location = (filePath: string, range: Range) => ({ physicalLocation: { artifactLocation: artifact(filePath, options.baseDir), region: region(range) } });

  const results = reports.flatMap((report) =>
    report.findings.map((f) => {
      let ruleIndex = indexOf.get(f.rule);
      if (ruleIndex === undefined) {
        // A pseudo-rule the engine gained later still gets metadata, so the log stays valid.
        indexOf.set(f.rule, (ruleIndex = rules.length));
        rules.push({ id: f.rule, body: descriptor(f.rule, f.rule, f.severity, undefined, INFORMATION_URI) });
      }
      const uri = artifact(report.path, options.baseDir);
      const hash = fingerprint(f.rule, report.path, uri.uri, f.range.start.line);
      return {
        ruleId: f.rule,
        ruleIndex,
        level: level(f.severity),
        message: { text: f.message },
        locations: [location(report.path, f.range)],
        ...(f.related.length > 0
          ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.file ?? report.path, r.range), message: { text: r.message } })) }
          : {}),
        ...(hash ? { partialFingerprints: { [FINGERPRINT]: hash } } : {}),
        ...(f.fixes.length > 0
          ? {
              fixes: f.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [{
                  artifactLocation: uri,
                  replacements: lastFirst(fix.edits).map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                }],
                ...(fix.preferred ? { properties: { preferred: true } } : {}),
              })),
            }
          : {}),
      };
    }),
  );

  const skipped = reports.filter((r) => r.skipped !== undefined).map((r) => ({
    level: 'warning',
    message: { text: `skipped: ${r.skipped}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(r.path, options.baseDir) } }],
  }));
  const crashes = (options.internalErrors ?? []).map((text) => ({ level: 'error', message: { text: `internal error: ${text}` } }));
  const version = toolVersion();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'go-race-hazards', version, semanticVersion: version, informationUri: INFORMATION_URI, rules: rules.map((r) => r.body) } },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(path.resolve(options.baseDir)).href.replace(/\/?$/, '/') } },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: [...skipped, ...crashes] }],
    }],
  };
}
