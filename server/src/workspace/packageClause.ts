// A file's package name read from its text, so that a file of another package in the same
// directory (`package p_test` beside `package p`) need not be parsed for an index that would
// only leave its summary out.

/** The file's first code: `package name`, then the end of the line or `;`. */
const CLAUSE = /^[ \t\r\n]*package[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*;?[ \t\r]*(?:\n|$)/;
const KEYWORD = /\bpackage\b/g;

/**
 * The name the file's tree gives its package (FileSummary.packageName), where its text leaves
 * no doubt: the code starts with a plain package clause and has no other. Otherwise (a clause
 * after other code, a second one, a non-ASCII name, anything unusual) undefined: parse to know.
 * `code` is the file's codeText: its comments and literals blanked.
 */
export function packageClauseName(code: string): string | undefined {
  const m = CLAUSE.exec(code);
  if (!m) return undefined;
  KEYWORD.lastIndex = m[0].length;
  return KEYWORD.test(code) ? undefined : m[1];
}
