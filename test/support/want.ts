/** One `// want "regexp"` expectation (analysistest's convention), by 0-based line. */
export interface Want {
  line: number;
  pattern: RegExp;
  source: string;
}

const WANT = /\/\/\s*want\s+((?:"(?:[^"\\]|\\.)*"\s*)+)$/;
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

export function parseWants(text: string): Want[] {
  const wants: Want[] = [];
  text.split('\n').forEach((lineText, line) => {
    const m = WANT.exec(lineText.trimEnd());
    if (!m) return;
    for (const q of m[1].matchAll(QUOTED)) {
      let source = q[1];
      try {
        source = JSON.parse(`"${q[1]}"`) as string; // Go's escapes, where JSON agrees
      } catch {
        // `\.` and friends: keep the regexp as written
      }
      wants.push({ line, pattern: new RegExp(source), source });
    }
  });
  return wants;
}
