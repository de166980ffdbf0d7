import type { FuncSummary } from './summary';

/**
 * The plain functions that run only from `roots`, from `once.Do(f)`, or from functions whose
 * every caller is one of those (a `setupConfig` that only TestMain calls). With roots init and
 * TestMain, their writes to package variables happen before the package's goroutines can run;
 * with main as well, the goroutines they start live as long as the process.
 */
export function onlyCalledFrom(roots: readonly string[], funcs: readonly FuncSummary[]): Set<string> {
  const plain = funcs.filter((f) => !f.receiverType);
  const setup = new Set<string>(plain.filter((f) => roots.includes(f.name)).map((f) => f.name));
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
