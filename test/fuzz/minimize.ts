// Delta debugging (Zeller's ddmin, complements only): remove ever smaller chunks while the input
// still fails the same way. Lines first, since most failures need only a few of them, then
// characters (code points, so no surrogate pair is split that the input did not split already).

/** Gives up refining at `deadline` (epoch ms) and keeps the smallest failing input found so far. */
export function ddmin<T>(units: readonly T[], fails: (units: readonly T[]) => boolean, deadline: number): T[] {
  let current = [...units];
  let n = 2;
  while (current.length >= 2 && Date.now() < deadline) {
    const chunk = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && Date.now() < deadline; start += chunk) {
      const candidate = current.slice(0, start).concat(current.slice(start + chunk));
      if (fails(candidate)) {
        current = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  return current;
}

export function minimizeText(text: string, fails: (text: string) => boolean, deadline: number): string {
  const lines = ddmin(text.split(/(?<=\n)/), (u) => fails(u.join('')), deadline);
  return ddmin(Array.from(lines.join('')), (u) => fails(u.join('')), deadline).join('');
}
