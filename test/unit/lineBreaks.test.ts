import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/edits';
import { toLspPositions } from '../../server/src/lineBreaks';
import type { Finding, Range } from '../../server/src/types';

function finding(range: Range): Finding {
  return { rule: 'r', range, message: 'm', severity: 'warning', related: [{ range, message: 'here' }], fixes: [{ title: 'f', preferred: true, edits: [{ range, newText: 'X' }] }] };
}

const at = (line: number, character: number) => ({ line, character });

describe('toLspPositions', () => {
  test('a lone \\r starts a new LSP line but not a tree-sitter row', () => {
    const text = 'ab\rcd\nef';
    // Tree-sitter: row 0 is "ab\rcd", so "cd" is at columns 3..5; in LSP it is line 1.
    const [f] = toLspPositions([finding({ start: at(0, 3), end: at(0, 5) })], text);
    assert.deepEqual(f.range, { start: at(1, 0), end: at(1, 2) });
    assert.deepEqual(f.related[0].range, f.range);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'ab\rX\nef');
    const [g] = toLspPositions([finding({ start: at(1, 0), end: at(1, 2) })], text);
    assert.deepEqual(g.range, { start: at(2, 0), end: at(2, 2) });
  });

  test('a line comment that tree-sitter ends after the \\r of a CRLF ends at its line end', () => {
    const [f] = toLspPositions([finding({ start: at(0, 2), end: at(0, 8) })], 'x //abc\r\ny');
    assert.deepEqual(f.range, { start: at(0, 2), end: at(0, 7) });
  });

  test('text without \\r is left as it is', () => {
    const findings = [finding({ start: at(0, 0), end: at(0, 1) })];
    assert.equal(toLspPositions(findings, 'ab\ncd'), findings);
  });
});
