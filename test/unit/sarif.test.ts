// The SARIF log of real engine output, checked against the official SARIF 2.1.0 schema (the
// copy Microsoft's SARIF SDK ships in @microsoft/jest-sarif) and field by field against the
// findings it was made from: what GitHub code scanning reads must be right, not just valid.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../rules/index';
import { applyEdits } from '../../server/src/edits';
import { Engine } from '../../server/src/engine';
import { ruleDocPath, toolVersion } from '../../server/src/install';
import type { FileReport } from '../../server/src/report';
import { readRuleHelp, toSarif } from '../../server/src/sarif';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import type { Finding, Range, TextEdit } from '../../server/src/types';
import { goFilesUnder, ROOT } from '../support/paths';

interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface Loc { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Region }; message?: { text: string } }
interface Result {
  ruleId: string; ruleIndex: number; level: string; message: { text: string };
  locations: Loc[]; relatedLocations?: Loc[]; partialFingerprints?: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}
interface Descriptor { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; defaultConfiguration: { level: string } }
interface Run {
  tool: { driver: { name: string; version: string; rules: Descriptor[] } };
  originalUriBaseIds: Record<string, { uri: string }>; columnKind: string; results: Result[];
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations?: Loc[] }[] }[];
}
interface Log { version: string; runs: Run[] }

const SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const TESTDATA = path.join(ROOT, 'rules', 'untracked-goroutine', 'testdata');

function validator() {
  // The schema's `language` pattern has a stray `]`, which is legal only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
}

const readText = (p: string) => fs.readFileSync(p, 'utf8');
/** The log as a CI job writing it to a file and GitHub reading it back would see it. */
const roundTrip = (log: object) => JSON.parse(JSON.stringify(log)) as Log;

function toEdit(r: Region, newText: string): TextEdit {
  return { range: { start: { line: r.startLine - 1, character: r.startColumn - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } }, newText };
}

let engine: Engine;
let reports: FileReport[];
let findings: { path: string; finding: Finding }[];
let run: Run;
before(async () => {
  engine = await Engine.create();
  reports = [];
  for (const { path: p, result } of engine.analyzeFiles(goFilesUnder(TESTDATA), DEFAULT_SETTINGS)) {
    reports.push({ path: p, findings: result.findings, skipped: result.skipped });
  }
  findings = reports.flatMap((r) => r.findings.map((finding) => ({ path: r.path, finding })));
  run = roundTrip(toSarif(reports, { baseDir: ROOT, fileText: readText })).runs[0];
});

describe('SARIF output', () => {
  test('validates against the SARIF 2.1.0 schema, and the schema does reject a broken log', () => {
    assert.ok(findings.length >= 10, `testdata yields findings (${findings.length})`);
    const validate = validator();
    const log = roundTrip(toSarif(reports, { baseDir: ROOT, fileText: readText }));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    log.runs[0].results[0].locations[0].physicalLocation.region!.startLine = 0; // lines are 1-based
    assert.equal(validate(log), false);
  });

  test('one run: the driver names the tool and its version, columns are UTF-16 code units', () => {
    assert.equal(run.tool.driver.name, 'go-race-hazards');
    assert.equal(run.tool.driver.version, toolVersion());
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.invocations.map((i) => i.executionSuccessful), [true]);
  });

  test('every result is its finding: rule, level, message, 1-based region on the reported text', () => {
    assert.equal(run.results.length, findings.length);
    run.results.forEach((res, i) => {
      const { path: p, finding } = findings[i];
      assert.equal(res.ruleId, finding.rule);
      assert.equal(res.level, finding.severity);
      assert.equal(res.message.text, finding.message);
      const region = res.locations[0].physicalLocation.region!;
      const r = finding.range;
      assert.deepEqual(region, { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
      // Read back through the region alone: an off-by-one would not land on the `go` keyword.
      const line = readText(p).split('\n')[region.startLine - 1];
      if (finding.rule === 'untracked-goroutine') assert.match(line.slice(region.startColumn - 1), /^go\b/, `${p}:${region.startLine}`);
    });
    assert.ok(run.results.some((r) => r.locations[0].physicalLocation.region!.startColumn > 1), 'some finding is indented');
  });

  test('uris are relative to %SRCROOT%, which resolves them to the analyzed files', () => {
    const base = run.originalUriBaseIds['%SRCROOT%'].uri;
    assert.match(base, /^file:\/\/.*\/$/);
    const locations = run.results.flatMap((r) => [...r.locations, ...(r.relatedLocations ?? [])]);
    for (const { physicalLocation: { artifactLocation: a } } of locations) {
      assert.equal(a.uriBaseId, '%SRCROOT%');
      assert.match(a.uri, /^rules\/untracked-goroutine\/testdata\/\w+\/\w+\.go$/);
      assert.ok(fs.existsSync(fileURLToPath(new URL(a.uri, base))), a.uri);
    }
  });

  test('every ruleId has a descriptor at ruleIndex, with help from the rule README', () => {
    const rules = run.tool.driver.rules;
    for (const res of run.results) assert.equal(rules[res.ruleIndex]?.id, res.ruleId);
    for (const rule of RULES) {
      const d = rules.find((x) => x.id === rule.id)!;
      const readme = readText(ruleDocPath(rule.id));
      assert.equal(d.shortDescription.text, rule.title);
      // The first paragraph after the title line, whitespace folded.
      const firstParagraph = readme.split(/\n\s*\n/)[1].replace(/\s+/g, ' ').trim();
      assert.equal(d.fullDescription.text, firstParagraph);
      assert.ok(readme.includes(d.help.markdown.slice(0, 200)) && d.help.markdown.includes('## Bad'), 'help is the README body');
      assert.match(d.help.text, /Documentation: https:\/\//);
      assert.match(d.helpUri, new RegExp(`/rules/${rule.id}/README\\.md$`));
      assert.equal(d.defaultConfiguration.level, rule.defaultSeverity === 'error' ? 'error' : rule.defaultSeverity === 'warning' ? 'warning' : 'note');
    }
    assert.ok(rules.some((d) => d.id === 'suppression' && d.help.markdown.includes('//race:ignore')));
  });

  // A consumer may read every replacement against the original text or apply them in turn;
  // either way it must get what the engine's own edits give.
  test('fixes round-trip: SARIF replacements applied to the file give what the finding\'s edits give', () => {
    let checked = 0;
    run.results.forEach((res, i) => {
      const { path: p, finding } = findings[i];
      const text = readText(p);
      assert.equal(res.fixes?.length ?? 0, finding.fixes.length);
      res.fixes?.forEach((fix, j) => {
        assert.equal(fix.description.text, finding.fixes[j].title);
        assert.equal(fix.artifactChanges.length, 1);
        assert.equal(fix.artifactChanges[0].artifactLocation.uri, res.locations[0].physicalLocation.artifactLocation.uri);
        const edits = fix.artifactChanges[0].replacements.map((r) => toEdit(r.deletedRegion, r.insertedContent.text));
        const expected = applyEdits(text, finding.fixes[j].edits);
        assert.equal(applyEdits(text, edits), expected, 'every region read against the original text');
        assert.equal(edits.reduce((t, e) => applyEdits(t, [e]), text), expected, 'or one after the other, in array order');
        checked++;
      });
    });
    assert.ok(checked >= findings.length, `${checked} fixes`);
  });

  test('insertions at one point keep their order, before a replacement there, when applied in turn', () => {
    const text = 'foo bar\n';
    const at = (a: number, b: number): Range => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    const edits: TextEdit[] = [{ range: at(0, 3), newText: 'X' }, { range: at(0, 0), newText: 'a' }, { range: at(0, 0), newText: 'b' }, { range: at(4, 4), newText: 'c' }];
    const finding: Finding = { rule: 'untracked-goroutine', range: at(0, 3), message: 'm', severity: 'warning', related: [], fixes: [{ title: 't', preferred: true, edits }] };
    const res = roundTrip(toSarif([{ path: path.join(ROOT, 'f.go'), findings: [finding] }], { baseDir: ROOT })).runs[0].results[0];
    const sarifEdits = res.fixes![0].artifactChanges[0].replacements.map((r) => toEdit(r.deletedRegion, r.insertedContent.text));
    assert.equal(applyEdits(text, edits), 'abX cbar\n');
    assert.equal(sarifEdits.reduce((t, e) => applyEdits(t, [e]), text), 'abX cbar\n');
  });

  test('partialFingerprints follow the line content, not its number, and tell identical lines apart', () => {
    const src = 'package p\n\nvar n int\n\nfunc F() {\n\tgo func() { n++ }()\n\tgo func() { n++ }()\n}\n';
    const moved = src.replace('func F() {\n', '// F starts two goroutines.\n//\n// Both write n.\nfunc F() {\n');
    const prints = (text: string) => {
      const file = path.join(ROOT, 'virtual', 'p.go');
      const result = engine.analyzeText(file, text, DEFAULT_SETTINGS);
      const log = roundTrip(toSarif([{ path: file, findings: result.findings }], { baseDir: ROOT, fileText: () => text }));
      return log.runs[0].results.map((r) => ({ line: r.locations[0].physicalLocation.region!.startLine, print: r.partialFingerprints?.['goRaceHazards/v1'] }));
    };
    const a = prints(src);
    const b = prints(moved);
    assert.deepEqual(a.map((x) => x.line), [6, 7]);
    assert.deepEqual(b.map((x) => x.line), [9, 10]);
    assert.deepEqual(b.map((x) => x.print), a.map((x) => x.print));
    assert.match(a[0].print!, /^[0-9a-f]{32}:1$/);
    assert.equal(a[1].print, a[0].print!.replace(/:1$/, ':2'));
    const other = prints(src.replace('go func() { n++ }()\n}', 'go func() { n-- }()\n}'));
    assert.notEqual(other[1].print!.split(':')[0], a[1].print!.split(':')[0]);
  });

  test('columns count UTF-16 code units, as the engine reports them', () => {
    const text = 'package p\n\nvar n int\n\nfunc F() {\n\t/* ünïcode 😀 */ go func() { n++ }()\n}\n';
    const file = path.join(ROOT, 'virtual', 'u.go');
    const result = engine.analyzeText(file, text, DEFAULT_SETTINGS);
    const res = roundTrip(toSarif([{ path: file, findings: result.findings }], { baseDir: ROOT })).runs[0].results[0];
    const region = res.locations[0].physicalLocation.region!;
    assert.equal(region.startColumn, text.split('\n')[5].indexOf('go ') + 1);
    assert.equal(res.partialFingerprints, undefined, 'no text, no fingerprint');
  });

  test('levels, related locations, skipped files, files outside the base and rule crashes', () => {
    const at = (line: number): Range => ({ start: { line, character: 1 }, end: { line, character: 4 } });
    const finding = (severity: Finding['severity'], related: Finding['related'] = []): Finding => ({ rule: 'untracked-goroutine', range: at(2), message: 'm', severity, related, fixes: [] });
    const outside = path.resolve(ROOT, '..', 'elsewhere', 'x.go');
    const log = roundTrip(toSarif([
      { path: path.join(ROOT, 'a.go'), findings: [finding('error', [{ range: at(7), message: 'written here', file: path.join(ROOT, 'sub', 'b c.go') }]), finding('warning'), finding('information'), finding('hint')] },
      { path: outside, findings: [finding('warning'), { ...finding('error'), rule: 'config' }] },
      { path: path.join(ROOT, 'big.go'), findings: [], skipped: 'file is 2000000 bytes, over maxFileSize (1000000)' },
    ], { baseDir: ROOT, internalErrors: ['untracked-goroutine: boom'] }));
    assert.ok(validator()(log));
    const results = log.runs[0].results;
    assert.deepEqual(results.map((r) => r.level), ['error', 'warning', 'note', 'note', 'warning', 'error']);
    // A rule id the engine gains later (not in RULES) still gets a descriptor.
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual([rules[results[5].ruleIndex].id, rules[results[5].ruleIndex].defaultConfiguration.level], ['config', 'error']);
    assert.deepEqual(results[0].relatedLocations, [{
      id: 0,
      physicalLocation: { artifactLocation: { uri: 'sub/b%20c.go', uriBaseId: '%SRCROOT%' }, region: { startLine: 8, startColumn: 2, endLine: 8, endColumn: 5 } },
      message: { text: 'written here' },
    }]);
    assert.deepEqual(results[4].locations[0].physicalLocation.artifactLocation, { uri: new URL(`file://${outside}`).href });
    const { executionSuccessful, toolExecutionNotifications } = log.runs[0].invocations[0];
    assert.equal(executionSuccessful, true);
    assert.deepEqual(toolExecutionNotifications, [
      { level: 'warning', message: { text: 'skipped: file is 2000000 bytes, over maxFileSize (1000000)' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'big.go', uriBaseId: '%SRCROOT%' } } }] },
      { level: 'error', message: { text: 'internal error: untracked-goroutine: boom' } },
    ]);
  });

  test('rule help is read from the README, and is absent when the README is', () => {
    const help = readRuleHelp('untracked-goroutine')!;
    assert.match(help.summary, /^A `go` statement that no WaitGroup, errgroup or channel joins starts a goroutine that can outlive/);
    assert.match(help.summary, /do not report this shape\.$/, 'the first paragraph, up to the blank line');
    assert.ok(!help.summary.includes('\n'), 'joined into one line of plain text');
    assert.ok(!help.markdown.startsWith('# '), 'the title line is dropped: shortDescription has it');
    assert.equal(readRuleHelp('untracked-goroutine', path.join(ROOT, 'rules', 'no-such-rule', 'README.md')), undefined);
  });
});
