// Team configuration: `.go-race-hazards.json`, found by walking up from the analyzed file, holds
// the same keys as the editor's `goRaceHazards.*` settings, so the editor and CI agree. Layers,
// weakest first: defaults, the config file, the editor's explicitly set values.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from './settings';

export const CONFIG_FILE = '.go-race-hazards.json';

export interface LoadedConfig {
  file: string;
  settings: Settings;
  /** Each names the file and the key: `path/.go-race-hazards.json: severity.x: expected ...`. */
  problems: string[];
}

/** Reads and validates one config file over the defaults; never throws. */
export function loadConfigFile(file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `invalid JSON: ${err.message}` : `cannot read: ${(err as Error).message}`;
    return { file, settings: DEFAULT_SETTINGS, problems: [`${file}: ${why}`] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { file, settings: DEFAULT_SETTINGS, problems: [`${file}: expected a JSON object of settings`] };
  }
  const { $schema: _schema, ...keys } = raw as Record<string, unknown>;
  const { settings, problems } = normalizeSettings(keys, DEFAULT_SETTINGS, true);
  return { file, settings, problems: problems.map((p) => `${file}: ${p}`) };
}

/**
 * Finds and caches config files per directory. `invalidate()` after a config file changes.
 * With `fixed`, every file uses that one config (the CLI's --config).
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, { mtimeMs: number; config: LoadedConfig }>();

  constructor(private readonly fixed?: string) {}

  /** The config that applies to `filePath`, or undefined when none is found. */
  configFor(filePath: string): LoadedConfig | undefined {
    const file = this.fixed ?? this.find(path.dirname(path.resolve(filePath)));
    if (!file) return undefined;
    let mtimeMs = -1;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      // missing: loadConfigFile reports it
    }
    const hit = this.loaded.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.config;
    const config = loadConfigFile(file);
    this.loaded.set(file, { mtimeMs, config });
    return config;
  }

  /** Settings for a file: defaults, then its config file, then `editor` (explicitly set values only). */
  settingsFor(filePath: string, editor?: unknown): { settings: Settings; problems: string[] } {
    const config = this.configFor(filePath);
    const base = config?.settings ?? DEFAULT_SETTINGS;
    if (editor === undefined) return { settings: base, problems: config?.problems ?? [] };
    const layered = normalizeSettings(editor, base);
    return { settings: layered.settings, problems: [...(config?.problems ?? []), ...layered.problems] };
  }

  invalidate(): void {
    this.byDir.clear();
    this.loaded.clear();
  }

  private find(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | null | undefined;
    for (let d = dir; ; d = path.dirname(d)) {
      found = this.byDir.get(d);
      if (found !== undefined) break;
      seen.push(d);
      const candidate = path.join(d, CONFIG_FILE);
      if (fs.existsSync(candidate)) {
        found = candidate;
        break;
      }
      if (path.dirname(d) === d) {
        found = null;
        break;
      }
    }
    for (const d of seen) this.byDir.set(d, found);
    return found ?? undefined;
  }
}
