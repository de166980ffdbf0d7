// The settings the server analyzes with: each file's team config file, under the values the user
// set explicitly in the editor (the client sends only those), plus the editor's files.exclude.
import { ConfigResolver } from './config';
import { Settings } from './settings';

export class EditorSettings {
  /** Explicitly set `goRaceHazards.*` values, as the client sent them. */
  private explicit: Record<string, unknown> = {};
  private readonly configs = new ConfigResolver();
  private readonly reported = new Set<string>();
  /** Counts config-file changes, so that scan workers know to drop their caches. */
  epoch = 0;

  /** `report` is called once per distinct problem (a bad key in a config file or in the editor) per session. */
  constructor(private readonly report: (problem: string) => void, private readonly fallbackDebounceMs = () => 150) {}

  update(raw: unknown): void {
    this.explicit = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  }

  /** A config file changed on disk. */
  invalidate(): void {
    this.configs.invalidate();
    this.epoch++;
  }

  /** What the scan workers need to rebuild the same settings: the explicit values only. */
  editorValues(): Record<string, unknown> {
    const { debounceMs: _d, filesExclude: _f, ...values } = this.explicit;
    return values;
  }

  settingsFor(file: string, forScan = false): Settings {
    const { settings, problems } = this.configs.settingsFor(file, this.editorValues());
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.report(p);
    }
    if (!forScan) return settings;
    const filesExclude = this.explicit.filesExclude;
    const extra = Array.isArray(filesExclude) ? filesExclude.filter((g): g is string => typeof g === 'string') : [];
    return extra.length > 0 ? { ...settings, exclude: [...settings.exclude, ...extra] } : settings;
  }

  debounceMs(): number {
    const d = this.explicit.debounceMs;
    return typeof d === 'number' && d >= 0 ? d : this.fallbackDebounceMs();
  }
}
