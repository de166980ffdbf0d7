// The directive grammar, tokenized the way VS Code does it (vscode-textmate on the oniguruma
// wasm), injected into a stand-in Go grammar whose comment rules have the scopes of VS Code's
// built-in one (source.go: comment.line.double-slash.go, comment.block.go).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { IGrammar, INITIAL, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';
import { ROOT } from '../support/paths';

const GRAMMAR = path.join(ROOT, 'syntaxes', 'race-hazards-directives.tmLanguage.json');
const INJECTION = 'comment.directive.race-hazards.injection';

/** The comment and string rules of VS Code's Go grammar; strings keep `//` in them out of comments. */
const GO_STAND_IN = {
  scopeName: 'source.go',
  patterns: [
    { name: 'comment.block.go', begin: '(/\\*)', beginCaptures: { 1: { name: 'punctuation.definition.comment.go' } }, end: '(\\*/)', endCaptures: { 1: { name: 'punctuation.definition.comment.go' } } },
    { name: 'comment.line.double-slash.go', begin: '(//)', beginCaptures: { 1: { name: 'punctuation.definition.comment.go' } }, end: '(?:\\n|$)' },
    { name: 'string.quoted.double.go', begin: '"', end: '"' },
    { name: 'keyword.control.go', match: '\\b(go|func|return)\\b' },
  ],
};

let go: IGrammar;
before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new OnigScanner(s), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'source.go') return parseRawGrammar(JSON.stringify(GO_STAND_IN), 'go.tmLanguage.json');
      if (scope === INJECTION) return parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      return null;
    },
    // What `"injectTo": ["source.go"]` in package.json makes VS Code do.
    getInjections: (scope) => (scope === 'source.go' ? [INJECTION] : undefined),
  });
  go = (await registry.loadGrammar('source.go'))!;
});

interface Token { text: string; scopes: string[] }

function tokenize(lines: string[]): Token[][] {
  let stack: StateStack = INITIAL;
  return lines.map((line) => {
    const r = go.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The tokens our grammar scoped, as [text, our innermost scope without the `.race-hazards` suffix]. */
function ours(line: string, before: string[] = []): [string, string][] {
  const tokens = tokenize([...before, line]).at(-1)!;
  return tokens.flatMap((t) => {
    const own = t.scopes.filter((s) => s.endsWith('.race-hazards'));
    return own.length > 0 ? [[t.text, own.at(-1)!.replace(/\.race-hazards$/, '')] as [string, string]] : [];
  });
}

/** A negative must still be a comment (or not), or the test would pass for the wrong reason. */
function scopesOf(line: string, text: string): string[] {
  const t = tokenize([line])[0].find((x) => x.text.includes(text));
  assert.ok(t, `a token containing ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
  return t.scopes;
}

const KW = 'keyword.other.directive';

describe('directive grammar', () => {
  test('the grammar file declares the scope name and injection selector that package.json contributes', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, INJECTION);
    assert.equal(raw.injectionSelector, 'L:comment.line.double-slash.go, L:comment.block.go');
  });

  test('//race:ignore: keyword, each rule id, the reason', () => {
    assert.deepEqual(ours('\t//race:ignore untracked-goroutine the process owns it'), [
      ['race:ignore', `${KW}.race-ignore`],
      ['untracked-goroutine', 'constant.other.rule-id'],
      ['the process owns it', 'meta.reason'],
    ]);
    assert.deepEqual(ours('\tgo s.loop() // race:ignore untracked-goroutine,stop-before-swap joined in Close  '), [
      ['race:ignore', `${KW}.race-ignore`],
      ['untracked-goroutine', 'constant.other.rule-id'],
      [',', 'punctuation.separator.comma'],
      ['stop-before-swap', 'constant.other.rule-id'],
      ['joined in Close', 'meta.reason'],
    ]);
    // Without a reason (the engine reports it) the parts that are there are still scoped.
    assert.deepEqual(ours('//race:ignore untracked-goroutine'), [['race:ignore', `${KW}.race-ignore`], ['untracked-goroutine', 'constant.other.rule-id']]);
  });

  test('//nolint:racehazards, in a list and with a // reason', () => {
    assert.deepEqual(ours('\tgo serve(ln) //nolint:racehazards'), [
      ['nolint', `${KW}.nolint`],
      [':', 'punctuation.separator.key-value'],
      ['racehazards', 'constant.other.linter'],
    ]);
    const tokens = ours('//nolint:errcheck,racehazards,gosec // started once per process');
    assert.deepEqual(tokens, [
      ['nolint', `${KW}.nolint`],
      [':', 'punctuation.separator.key-value'],
      [',', 'punctuation.separator.comma'],
      ['racehazards', 'constant.other.linter'],
      [',', 'punctuation.separator.comma'],
      ['//', 'punctuation.definition.reason'],
      ['started once per process', 'meta.reason'],
    ]);
    // Other linters' names keep the plain comment scope, inside our directive.
    assert.deepEqual(scopesOf('//nolint:errcheck,racehazards', 'errcheck').slice(1), ['comment.line.double-slash.go']);
  });

  test('// goAsync-exempt: reason, with a reference, at the end of a line, in a block comment', () => {
    assert.deepEqual(ours('\t// goAsync-exempt: connection-scoped; readLoop ends when conn closes.'), [
      ['goAsync-exempt', `${KW}.exempt`],
      [':', 'punctuation.separator.key-value'],
      ['connection-scoped; readLoop ends when conn closes.', 'meta.reason'],
    ]);
    assert.deepEqual(ours('\tgo c.janitor() // goAsync-exempt (REF-1): process lifetime'), [
      ['goAsync-exempt', `${KW}.exempt`],
      ['(', 'punctuation.definition.reference.begin'],
      ['REF-1', 'constant.other.reference'],
      [')', 'punctuation.definition.reference.end'],
      [':', 'punctuation.separator.key-value'],
      ['process lifetime', 'meta.reason'],
    ]);
    assert.deepEqual(ours('\t/* goAsync-exempt: listener-scoped */ go s.accept(ln)'), [
      ['goAsync-exempt', `${KW}.exempt`],
      [':', 'punctuation.separator.key-value'],
      ['listener-scoped', 'meta.reason'],
    ]);
    // The second line of a block comment is still inside comment.block.go.
    assert.deepEqual(ours('goAsync-exempt: both loops live as long as the listener.', ['/* Serve starts the loops.']), [
      ['goAsync-exempt', `${KW}.exempt`],
      [':', 'punctuation.separator.key-value'],
      ['both loops live as long as the listener.', 'meta.reason'],
    ]);
  });

  test('prose mentions stay plain comments', () => {
    const prose = [
      '// Suppress it with race:ignore untracked-goroutine and a reason.',
      '// see //race:ignore in the README',
      '// this was goAsync-exempt once',
      '// nolint:racehazards is not a directive with a space after the //',
      '//nolint:errcheck // another linter',
      '//nolint:racehazardsx',
      '/* race:ignore untracked-goroutine block comments are not read by the engine */',
      '// not-goAsync-exempt: a longer name',
    ];
    for (const line of prose) {
      assert.deepEqual(ours(line), [], line);
      assert.ok(scopesOf(line, line.slice(3, 12)).some((s) => s.startsWith('comment.')), `${line} is a comment`);
    }
  });

  test('code is not a comment: directives in strings and identifiers are not highlighted', () => {
    const code = [
      '\tmsg := "//race:ignore untracked-goroutine reason"',
      '\tlabel := "goAsync-exempt: no"',
      '\trace := ignore // an ordinary comment',
    ];
    for (const line of code) assert.deepEqual(ours(line), [], line);
    assert.ok(scopesOf(code[0], 'race:ignore').includes('string.quoted.double.go'));
  });
});
