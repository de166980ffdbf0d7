/**
 * Comments, string literals and rune literals, as Go's lexer (and tree-sitter's) reads them:
 * leftmost first, so a `//` inside a string is no comment and a quote inside a comment opens no
 * string. An unterminated literal matches nothing here and stays code, the cautious reading.
 */
const LITERAL = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'/g;

/**
 * Go source with every comment and string or rune literal replaced by a space: what is left is
 * the code, where a keyword or a call can be looked for with a regular expression (a `go` in a
 * comment is no go statement). About 200 MB/s, against 5 MB/s for a parse.
 */
export function codeText(text: string): string {
  return text.replace(LITERAL, ' ');
}
