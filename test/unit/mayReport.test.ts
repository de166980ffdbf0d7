// The scan's screen (mayReport): a directory where no file can report anything is not parsed.
// It must never say no to a file the engine reports in, or a finding silently disappears from
// every workspace scan and CI run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { codeText } from '../../server/src/codeText';
import { RULES } from '../../rules/index';
import { Engine, mayReport } from '../../server/src/engine';
import { mayHaveDirectives } from '../../server/src/suppress';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings';
import { goFilesUnder, ROOT } from '../support/paths';

let engine: Engine;
before(async () => {
  engine = await Engine.create();
});

describe('codeText', () => {
  test('blanks comments, strings and runes, and keeps the code', () => {
    const code = codeText('x := "go f()" // go g()\n/* go h()\n*/ y := `go\ni()` + \'"\' + "\\"go" ; go k()\n');
    assert.doesNotMatch(code, /go [fghi]/);
    assert.match(code, /^x := +\n +y := +\+ +\+ +; go k\(\)\n$/);
  });

  test('a // inside a string opens no comment, a quote inside a comment opens no string', () => {
    assert.match(codeText('u := "http://x"; go f()'), /go f\(\)/);
    assert.match(codeText('// it\'s\ngo f()'), /go f\(\)/);
  });

  test('an unterminated literal stays code: what tree-sitter makes of it is not known here', () => {
    assert.match(codeText('s := "abc\ngo f()\n'), /go f\(\)/);
    assert.match(codeText('s := `abc\ngo f()\n'), /go f\(\)/);
    assert.match(codeText('/* abc\ngo f()\n'), /go f\(\)/);
  });
});

describe('mayReport', () => {
  test('code that a rule looks for: a go statement, a lock, a WaitGroup call', () => {
    for (const text of ['package p\nfunc f() { go g() }', 'package p\nfunc f() { mu.Lock() }', 'package p\nfunc f() { wg.Add(1) }', 'package p\nfunc f() { g.Go(h) }']) {
      assert.ok(mayReport(text, DEFAULT_SETTINGS), text);
    }
  });

  test('the same words in comments and strings are no code', () => {
    const text = 'package p\n\n// go f() starts it; mu.Lock() guards it\nfunc f() string { return "wg.Add(1); go g()" }\n';
    assert.equal(mayReport(text, DEFAULT_SETTINGS), false);
  });

  test('a suppression directive is reported even without code a rule looks for (it may be unused)', () => {
    assert.ok(mayReport('package p\n\n//race:ignore untracked-goroutine gone\nfunc f() {}\n', DEFAULT_SETTINGS));
    assert.ok(mayReport('package p\n\nfunc f() {} //nolint\n', DEFAULT_SETTINGS));
  });

  test('only enabled rules count', () => {
    const off: Settings = { ...DEFAULT_SETTINGS, severity: { 'untracked-goroutine': 'off', 'waitgroup-add-after-publish': 'off' } };
    assert.equal(mayReport('package p\nfunc f() { go g() }', off), false);
    assert.ok(mayReport('package p\nfunc f() { mu.Lock() }', off));
  });

  test('says yes to every file of the testdata and samples that the engine reports anything in, for each rule that reports', () => {
    const files = [...goFilesUnder(path.join(ROOT, 'rules')), ...goFilesUnder(path.join(ROOT, 'samples')), ...goFilesUnder(path.join(ROOT, 'test', 'race'))];
    const reportedBy = new Map<string, number>();
    let screened = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const code = codeText(text);
      for (const f of engine.analyzeText(file, text, DEFAULT_SETTINGS).findings) {
        const rule = RULES.find((r) => r.id === f.rule);
        const may = rule ? rule.mayFind(code) : mayHaveDirectives(text);
        assert.ok(may && mayReport(text, DEFAULT_SETTINGS), `${path.relative(ROOT, file)}:${f.range.start.line + 1}: ${f.rule} reports here, but the screen says it cannot`);
        reportedBy.set(f.rule, (reportedBy.get(f.rule) ?? 0) + 1);
      }
      if (!mayReport(text, DEFAULT_SETTINGS)) screened++;
    }
    for (const rule of RULES) assert.ok((reportedBy.get(rule.id) ?? 0) >= 5, `${rule.id} has findings to check against (${reportedBy.get(rule.id) ?? 0})`);
    assert.ok(screened > 5, `the screen leaves some files out (${screened})`);
  });
});
