import { Severity, SeveritySetting } from './types';

/** Everything a user or team can configure. The server reads it from `goRaceHazards.*`. */
export interface Settings {
  /** Per-rule override; a rule absent here uses its default severity. */
  severity: Record<string, SeveritySetting>;
  /** Names of tracked goroutine helpers (functions or methods), in addition to structural detection. */
  asyncHelpers: string[];
  /** The comment directive that marks a `go` statement as intentionally untracked. */
  exemptDirective: string;
  /** Report every untracked `go` statement, not only those that touch shared state. */
  reportAllUntracked: boolean;
  /** Methods that stop or tear down a registered component (stop-before-swap). */
  stopMethods: string[];
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize: number;
  /** Globs (relative to the workspace folder or scanned root) left out of workspace scans. */
  exclude: string[];
  /** Leave out files marked `// Code generated ... DO NOT EDIT.` */
  skipGenerated: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  severity: {},
  asyncHelpers: ['goAsync', 'globalGoAsync'],
  exemptDirective: 'goAsync-exempt',
  reportAllUntracked: false,
  stopMethods: ['Stop', 'Close', 'Shutdown', 'Cancel'],
  maxFileSize: 1_000_000,
  exclude: ['**/vendor/**', '**/testdata/**'],
  skipGenerated: true,
});

/** The keys a team configuration file may set: the same as the editor's `goRaceHazards.*`. */
export const SETTING_KEYS: readonly string[] = Object.keys(DEFAULT_SETTINGS);

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Builds Settings from an untrusted object (editor configuration, a config file) laid over
 * `base`: keys it sets win, per rule for severities. Ill-typed values keep the base value and
 * are reported, never thrown; with `strict`, unknown keys are reported too.
 */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS, strict = false): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings: Settings = { ...base, severity: { ...base.severity } };
  if (strict) for (const key of Object.keys(src)) if (!SETTING_KEYS.includes(key)) problems.push(`${key}: unknown key (known: ${SETTING_KEYS.join(', ')})`);

  const sev = src.severity;
  if (sev !== undefined) {
    if (sev && typeof sev === 'object' && !Array.isArray(sev)) {
      for (const [rule, value] of Object.entries(sev as Record<string, unknown>)) {
        if (typeof value === 'string' && SEVERITIES.includes(value)) {
          settings.severity[rule] = value as SeveritySetting;
        } else {
          problems.push(`severity.${rule}: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(value)}`);
        }
      }
    } else {
      problems.push('severity: expected an object mapping rule ids to severities');
    }
  }
  if (src.asyncHelpers !== undefined) {
    if (Array.isArray(src.asyncHelpers) && src.asyncHelpers.every((s) => typeof s === 'string' && /^[A-Za-z_]\w*$/.test(s))) {
      settings.asyncHelpers = [...(src.asyncHelpers as string[])];
    } else {
      problems.push('asyncHelpers: expected an array of Go identifiers');
    }
  }
  if (src.exemptDirective !== undefined) {
    if (typeof src.exemptDirective === 'string' && /^[\w.-]+$/.test(src.exemptDirective)) {
      settings.exemptDirective = src.exemptDirective;
    } else {
      problems.push('exemptDirective: expected a word such as "goAsync-exempt"');
    }
  }
  if (src.reportAllUntracked !== undefined) {
    if (typeof src.reportAllUntracked === 'boolean') settings.reportAllUntracked = src.reportAllUntracked;
    else problems.push('reportAllUntracked: expected true or false');
  }
  if (src.stopMethods !== undefined) {
    if (Array.isArray(src.stopMethods) && src.stopMethods.every((s) => typeof s === 'string' && /^[A-Za-z_]\w*$/.test(s))) {
      settings.stopMethods = [...(src.stopMethods as string[])];
    } else {
      problems.push('stopMethods: expected an array of Go method names');
    }
  }
  if (src.maxFileSize !== undefined) {
    if (typeof src.maxFileSize === 'number' && src.maxFileSize > 0) settings.maxFileSize = src.maxFileSize;
    else problems.push('maxFileSize: expected a positive number of bytes');
  }
  if (src.exclude !== undefined) {
    if (Array.isArray(src.exclude) && src.exclude.every((g) => typeof g === 'string' && g.length > 0)) settings.exclude = [...(src.exclude as string[])];
    else problems.push('exclude: expected an array of glob patterns such as "**/vendor/**"');
  }
  if (src.skipGenerated !== undefined) {
    if (typeof src.skipGenerated === 'boolean') settings.skipGenerated = src.skipGenerated;
    else problems.push('skipGenerated: expected true or false');
  }
  return { settings, problems };
}

export function effectiveSeverity(settings: Settings, rule: string, fallback: Severity): SeveritySetting {
  return settings.severity[rule] ?? fallback;
}
