// Mutations of real Go files: the kinds of text an editor hands the engine mid-keystroke, after a
// bad paste or a bad decode, and generated or hostile files.
import { Rng } from './random';

/** Tokens whose insertion or deletion changes the concurrency shapes the rules look for. */
export const TOKENS: readonly string[] = [
  '{', '}', '(', ')', '[', ']', 'go ', 'func', 'func() {', '}()', 'defer ', 'mu.Lock()', 'mu.Unlock()',
  'defer mu.Unlock()', 'wg.Add(1)', 'wg.Done()', 'wg.Wait()', 'wg.Go(func() {', '<-', 'ch <- ', 'select {',
  'case ', 'return', ':=', '=', ';', ',', '"', '`', "'", '/*', '*/', '//', '\n', 'chan ', 'package ',
  'import "sync"', 'var mu sync.Mutex', 'goAsync(func() {', '//race:ignore untracked-goroutine because',
  '//nolint:racehazards', '// goAsync-exempt: process-scoped', 'new(', 'type T struct {', '&', '*', '.',
];

const CHARS: readonly string[] = [
  ...'abcxyz_019 \t\n{}()[];:,.=+-*/&|^!<>"\'`\\',
  'é', 'ß', '世', '😀', '\uFFFD', '\u00A0', '\u2028', '\u200B', '\r', '\v', '\f',
];

function offset(text: string, rng: Rng): number {
  return rng.int(text.length + 1);
}

/** A line start, so inserted statements land where statements go more often than not. */
function lineStart(text: string, rng: Rng): number {
  const at = offset(text, rng);
  const nl = text.lastIndexOf('\n', at - 1);
  return nl + 1;
}

function insert(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

function insertToken(text: string, rng: Rng): string {
  const token = rng.pick(TOKENS);
  return insert(text, rng.chance(0.5) ? lineStart(text, rng) : offset(text, rng), token);
}

function deleteToken(text: string, rng: Rng): string {
  const token = rng.pick(TOKENS);
  const hits: number[] = [];
  for (let i = text.indexOf(token); i >= 0 && hits.length < 10_000; i = text.indexOf(token, i + 1)) hits.push(i);
  if (hits.length === 0) return text;
  const at = rng.pick(hits);
  return text.slice(0, at) + text.slice(at + token.length);
}

function insertChars(text: string, rng: Rng): string {
  let s = '';
  for (let n = rng.between(1, 8); n > 0; n--) s += rng.pick(CHARS);
  return insert(text, offset(text, rng), s);
}

function deleteChars(text: string, rng: Rng): string {
  const from = offset(text, rng);
  const len = rng.chance(0.8) ? rng.between(1, 16) : rng.int(Math.max(1, text.length >> 3));
  return text.slice(0, from) + text.slice(from + len);
}

function truncate(text: string, rng: Rng): string {
  return text.slice(0, offset(text, rng));
}

function unbalance(text: string, rng: Rng): string {
  return insert(text, offset(text, rng), rng.pick(['{', '}', '(', ')', '[', ']']).repeat(rng.between(1, 50)));
}

/** Thousands of levels: recursion over the tree, in the parser or in a rule, is what breaks. */
function deepNesting(text: string, rng: Rng): string {
  const n = rng.between(1_000, 20_000);
  const shapes = [
    () => '{'.repeat(n),
    () => '('.repeat(n),
    () => '{'.repeat(n) + 'go f()\n' + '}'.repeat(n),
    () => 'x = ' + '('.repeat(n) + 'y' + ')'.repeat(n) + '\n',
    () => 'go func() {\n'.repeat(n) + 'mu.Lock()\n' + '}()\n'.repeat(n),
    () => 'if x {\n'.repeat(n) + 'go f()\n' + '}\n'.repeat(n),
    () => 'var x ' + '[]'.repeat(n) + '*'.repeat(n) + 'T\n',
    () => 'x := ' + 'f('.repeat(n) + ')'.repeat(n) + '\n',
  ];
  return insert(text, lineStart(text, rng), rng.pick(shapes)());
}

/** One line of up to 1 MB: minified or generated code, a pasted blob. */
function longLine(text: string, rng: Rng): string {
  const size = rng.chance(0.5) ? 1 << 20 : rng.between(1 << 14, 1 << 20);
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  const shapes = [
    () => `s := "${fill('a')}"`,
    () => `// ${fill('a')}`,
    () => `x := ${fill('a + ')}a`,
    () => `f(${fill('a, ')}a)`,
    () => fill('a'),
    () => `x := y${fill('.y')}`,
    () => fill('go f(); '),
    () => fill('mu.Lock(); x++; mu.Unlock(); '),
    () => fill('wg.Add(1); go func() { defer wg.Done() }(); '),
    () => `s := \`${fill('`+`')}\``,
  ];
  return insert(text, lineStart(text, rng), rng.pick(shapes)() + '\n');
}

function nul(text: string, rng: Rng): string {
  return insert(text, offset(text, rng), '\0');
}

/** Invalid bytes as the editor or the CLI would hand them over: decoded, so each becomes U+FFFD. */
function invalidUtf8(text: string, rng: Rng): string {
  const bytes = Buffer.from(text, 'utf8');
  const at = rng.int(bytes.length + 1);
  const junk = Buffer.from(Array.from({ length: rng.between(1, 4) }, () => rng.between(0x80, 0xff)));
  const replaced = rng.chance(0.5) ? Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]) : Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at + junk.length)]);
  return replaced.toString('utf8');
}

function lineEndings(text: string, rng: Rng): string {
  switch (rng.int(3)) {
    case 0:
      return text.replace(/\n/g, '\r\n');
    case 1:
      return text.replace(/\n/g, (nl) => (rng.chance(0.3) ? '\r\n' : nl));
    default:
      return insert(text, offset(text, rng), '\r');
  }
}

/** Half of a surrogate pair, sometimes splitting a real pair (an emoji in a comment or string). */
function loneSurrogate(text: string, rng: Rng): string {
  const unit = String.fromCharCode(rng.chance(0.5) ? rng.between(0xd800, 0xdbff) : rng.between(0xdc00, 0xdfff));
  return insert(text, offset(text, rng), unit);
}

/** Code moved to another place: the structure stays Go-like while its context changes. */
function spliceLines(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const from = rng.int(lines.length);
  const chunk = lines.slice(from, from + rng.between(1, 20));
  lines.splice(rng.int(lines.length + 1), rng.chance(0.3) ? 1 : 0, ...chunk);
  return lines.join('\n');
}

function bom(text: string): string {
  return '\uFEFF' + text;
}

export const MUTATIONS: readonly { name: string; weight: number; apply: (text: string, rng: Rng) => string }[] = [
  { name: 'truncate', weight: 3, apply: truncate },
  { name: 'insert-chars', weight: 3, apply: insertChars },
  { name: 'delete-chars', weight: 3, apply: deleteChars },
  { name: 'insert-token', weight: 6, apply: insertToken },
  { name: 'delete-token', weight: 4, apply: deleteToken },
  { name: 'unbalance', weight: 2, apply: unbalance },
  { name: 'deep-nesting', weight: 1, apply: deepNesting },
  { name: 'long-line', weight: 1, apply: longLine },
  { name: 'nul', weight: 0.5, apply: nul },
  { name: 'invalid-utf8', weight: 2, apply: invalidUtf8 },
  { name: 'line-endings', weight: 2, apply: lineEndings },
  { name: 'lone-surrogate', weight: 2, apply: loneSurrogate },
  { name: 'splice-lines', weight: 3, apply: spliceLines },
  { name: 'bom', weight: 0.5, apply: bom },
];

function pickMutation(rng: Rng, from: readonly (typeof MUTATIONS)[number][]): (typeof MUTATIONS)[number] {
  let r = rng.next() * from.reduce((s, m) => s + m.weight, 0);
  for (const m of from) if ((r -= m.weight) < 0) return m;
  return from[from.length - 1];
}

/**
 * One to four mutations; the names say what was done, for the regression header. `skip` leaves
 * some out, to look past a known failure while its cause is open.
 */
export function mutate(text: string, rng: Rng, skip: readonly string[] = []): { text: string; applied: string[] } {
  const from = MUTATIONS.filter((m) => !skip.includes(m.name));
  const applied: string[] = [];
  for (let n = rng.chance(0.5) ? 1 : rng.between(2, 4); n > 0; n--) {
    const m = pickMutation(rng, from);
    text = m.apply(text, rng);
    applied.push(m.name);
  }
  return { text, applied };
}
