import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestingDepth } from '../../server/src/nesting';

// Tree-sitter does not read an unclosed raw string or block comment to the end of the file: it
// recovers and parses what follows as code, so its brackets must count (fuzz seed 202, iteration
// 1920: a stray backquote hid 16k nested braces, and the analysis took 11 s on 36 KB).
test('nesting depth counts brackets after an unclosed raw string or block comment', () => {
  assert.equal(nestingDepth('package p\nvar a = 1\n`\n{{{{ }}}}\n'), 4);
  assert.equal(nestingDepth('package p\n/*\nfunc f() { if x { g() } }\n'), 3);
  assert.equal(nestingDepth('package p\nvar s = `{{{{` /* (((( */\n'), 0);
});
