import type { FuncSummary } from './index';

/**
 * Functions that run only before the package's goroutines can: init, TestMain, functions run
 * through `once.Do(f)`, and functions whose every caller is one of those (a `setupConfig` that
 * only TestMain calls). Their writes to package variables cannot race with a goroutine's reads.
 */
export function setupOnlyFunctions(funcs: readonly FuncSummary[]): Set<string> {
  const plain = funcs.filter((f) => !f.receiverType);
  const setup = new Set<string>(plain.filter((f) => f.name === 'init' || f.name === 'TestMain').map((f) => f.name));
  for (const f of funcs) for (const name of f.onceCalls) setup.add(name);
  const callers = new Map<string, FuncSummary[]>();
  for (const f of funcs) {
    for (const callee of f.calls) {
      const list = callers.get(callee);
      if (list) list.push(f);
      else callers.set(callee, [f]);
    }
  }
  const isSetup = (f: FuncSummary) => !f.receiverType && setup.has(f.name);
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of plain) {
      if (setup.has(f.name)) continue;
      const by = callers.get(f.name) ?? [];
      if (by.length > 0 && by.every(isSetup)) {
        setup.add(f.name);
        grew = true;
      }
    }
  }
  return setup;
}
