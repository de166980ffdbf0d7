/**
 * The first position in 0..length whose key is at least `value`, for keys that never decrease
 * (offsets in document order): a binary search.
 */
export function lowerBound(length: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
