import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import { RULES } from '../../rules/index';
import { buildFileModel } from './analysis/model';
import { PackageStore } from './workspace/packages';
import { Settings } from './settings';
import { createGoParser, parseGo } from './trees';
import { Finding } from './types';

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was not analyzed at all, with the reason a user should read. */
  skipped?: string;
  /** A rule that threw: the other rules' findings are still returned. */
  errors: string[];
}

/** Text of other open documents, which take precedence over the files on disk. */
export type Overlay = (filePath: string) => string | undefined;

/** Why a file's content is not analyzed, or undefined when it should be. */
export function skipReason(text: string, byteLength: number, settings: Settings): string | undefined {
  if (byteLength > settings.maxFileSize) {
    return `file is ${byteLength} bytes, over maxFileSize (${settings.maxFileSize})`;
  }
  if (text.includes('\0')) return 'binary file (contains NUL bytes)';
  return undefined;
}

/** Where a rule's documentation lives inside the installed extension (or the repository). */
export function ruleDocPath(rule: string): string {
  // dist/server.js and out/server/src/engine.js both reach the rules/ folder this way.
  const candidates = [path.join(__dirname, '..', 'rules', rule, 'README.md'), path.join(__dirname, '..', '..', 'rules', rule, 'README.md')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** The one engine the server, the CLI and the tests share. */
export class Engine {
  readonly packages: PackageStore;

  private constructor(readonly parser: Parser) {
    this.packages = new PackageStore(parser);
  }

  static async create(): Promise<Engine> {
    return new Engine(await createGoParser());
  }

  /** Analyzes a file whose tree the caller owns (the server's open documents). */
  analyze(filePath: string, text: string, tree: Tree, settings: Settings, overlay?: Overlay): AnalysisResult {
    const skipped = skipReason(text, Buffer.byteLength(text), settings);
    if (skipped) return { findings: [], skipped, errors: [] };
    const file = buildFileModel(tree, text, filePath);
    const index = this.packages.indexFor(filePath, file.summary, overlay);
    const findings: Finding[] = [];
    const errors: string[] = [];
    for (const rule of RULES) {
      const severity = settings.severity[rule.id] ?? rule.defaultSeverity;
      if (severity === 'off') continue;
      try {
        for (const f of rule.check({ file, index, settings })) {
          findings.push({ rule: rule.id, severity, range: f.range, message: f.message, related: f.related ?? [], fixes: f.fixes ?? [] });
        }
      } catch (err) {
        errors.push(`${rule.id} failed on ${filePath}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
    }
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { findings, errors };
  }

  /** Parses and analyzes text that has no cached tree (CLI, workspace scan, tests). */
  analyzeText(filePath: string, text: string, settings: Settings, overlay?: Overlay): AnalysisResult {
    const skipped = skipReason(text, Buffer.byteLength(text), settings);
    if (skipped) return { findings: [], skipped, errors: [] };
    const tree = parseGo(this.parser, text);
    if (!tree) return { findings: [], skipped: 'parse was cancelled', errors: [] };
    try {
      return this.analyze(filePath, text, tree, settings, overlay);
    } finally {
      tree.delete();
    }
  }
}
