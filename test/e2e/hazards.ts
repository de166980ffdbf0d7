// What the e2e scenarios expect, as data: a rule that lands adds its hazard here (one entry) and
// the Go file it names under workspace/. Lines are 1-based, as the editor shows them. Every
// scenario first checks this list against the CLI, so a stale line number fails loudly.

export interface Hazard {
  /** Relative to test/e2e/workspace. Keep each file short enough to fit on one screen. */
  file: string;
  line: number;
  rule: string;
}

/** Hazards in files the suite opens: squiggles, hover, quick fix. */
export const OPENED: Hazard[] = [
  { file: 'audit/audit.go', line: 27, rule: 'untracked-goroutine' },
  { file: 'gateway/gateway.go', line: 26, rule: 'stop-before-swap' },
  { file: 'stream/stream.go', line: 23, rule: 'waitgroup-add-after-publish' },
  { file: 'store/store.go', line: 22, rule: 'guarded-pointer-escape' },
];

/** Hazards in files the suite never opens: only a whole-workspace review can report them. */
export const UNOPENED: Hazard[] = [
  { file: 'jobs/jobs.go', line: 11, rule: 'untracked-goroutine' },
];

/**
 * A hazard the suite types into an opened file: `before` and `after` first, then `hazard` on the
 * line between them, one key at a time. Its last keystroke is what makes it a hazard (a `go`
 * statement without its call parentheses does not parse), so the squiggle cannot be there early.
 */
export const TYPED = {
  file: 'audit/audit.go',
  rule: 'untracked-goroutine',
  before: '\nfunc Later() {\n',
  hazard: '\tgo func() { _ = db.Ping() }()',
  after: '\n}\n',
};
