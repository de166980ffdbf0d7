// Plain data shared by the engine, the rules, the server and the CLI. Nothing here knows LSP,
// but positions use LSP's convention (0-based lines, UTF-16 columns) so no layer converts them.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Every field of T, the optional ones too: an object built field by field in one literal (for
 * one hidden class, see placedAt) fails to compile when a field is left out.
 */
export type AllFields<T> = { [K in keyof Required<T>]: T[K] };
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** The safe fix: the one "fix all" and the CLI's --fix apply. At most one per finding. */
  preferred: boolean;
  edits: TextEdit[];
}

/** The other side of the hazard. `file` is absent when it is in the same file as the finding. */
export interface Related {
  range: Range;
  message: string;
  file?: string;
}

export interface Finding {
  rule: string;
  range: Range;
  message: string;
  severity: Severity;
  related: Related[];
  fixes: Fix[];
  /** Code that does nothing (an unused suppression): editors grey it out. */
  unnecessary?: boolean;
}
