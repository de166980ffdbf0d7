// The scan pool's tasks: a directory, or its package and its external tests apart (byPackageGroups).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { byPackageGroups } from '../../server/src/workspace/discover';
import { writeUnder } from '../support/paths';

let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'race-hazards-groups-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const rel = (groups: string[][]) => groups.map((g) => g.map((f) => path.relative(root, f)));

describe('byPackageGroups', () => {
  test("a directory's external tests are a group of their own; its internal tests stay with the package", () => {
    const files = [
      writeUnder(root, 'p/a.go', 'package p\n'),
      writeUnder(root, 'p/a_test.go', '//go:build linux\n\n/* The package\n   is tested from outside. */\npackage p_test\n'),
      writeUnder(root, 'p/b_test.go', 'package p\n'),
      writeUnder(root, 'p/c_test.go', '// Copyright\n\npackage p_test // import "p"\n'),
      writeUnder(root, 'r/r.go', 'package r\n'),
      writeUnder(root, 'r/r_test.go', 'package r\n'),
    ];
    assert.deepEqual(rel(byPackageGroups(files)), [['p/a.go', 'p/b_test.go'], ['p/a_test.go', 'p/c_test.go'], ['r/r.go', 'r/r_test.go']]);
  });

  test('a directory of external tests only, a clause past the head, or an unreadable file: one group', () => {
    const far = `/*\n${'license text\n'.repeat(400)}*/\npackage s_test\n`;
    const files = [writeUnder(root, 's/a.go', 'package s\n'), writeUnder(root, 's/far_test.go', far), path.join(root, 's/gone_test.go')];
    assert.deepEqual(rel(byPackageGroups(files)), [['s/a.go', 's/far_test.go', 's/gone_test.go']]);
    const only = [writeUnder(root, 't/a_test.go', 'package t_test\n'), writeUnder(root, 't/b_test.go', 'package t_test\n')];
    assert.deepEqual(rel(byPackageGroups(only)), [['t/a_test.go', 't/b_test.go']]);
  });
});
