/** Deeper than any real Go: hostile or corrupted input, whose analysis would walk the depth again and again. */
export const MAX_NESTING = 256;

/**
 * The deepest bracket nesting of Go source (`{`, `(`, `[`), skipping strings, runes and comments:
 * one pass over the text, so it is cheap to ask before anything walks the tree.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '(' || c === '[') {
      if (++depth > max) max = depth;
    } else if ((c === '}' || c === ')' || c === ']') && depth > 0) {
      depth--;
    }
  }
  return max;
}
