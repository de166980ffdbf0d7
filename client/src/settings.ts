import * as vscode from 'vscode';

const SECTION = 'goRaceHazards';
/** Client-side only: the server never sees them. */
const CLIENT_ONLY = new Set(['trace.server']);

/**
 * The `goRaceHazards.*` values the user set explicitly (folder, workspace or user), not the
 * defaults: the team's .go-race-hazards.json must win over a default, and lose to a choice.
 * Also the editor's files.exclude globs, which the workspace scan honours.
 */
export function explicitSettings(scope: vscode.Uri | undefined, keys: readonly string[]): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (CLIENT_ONLY.has(key)) continue;
    const seen = config.inspect(key);
    const value = seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  const excluded = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  out.filesExclude = Object.entries(excluded).filter(([, on]) => on === true).map(([glob]) => glob);
  return out;
}

/** The setting keys this extension contributes, without the section prefix. */
export function contributedKeys(packageJSON: { contributes?: { configuration?: { properties?: Record<string, unknown> } } }): string[] {
  return Object.keys(packageJSON.contributes?.configuration?.properties ?? {})
    .filter((k) => k.startsWith(`${SECTION}.`))
    .map((k) => k.slice(SECTION.length + 1));
}
