/**
 * Two independent 32-bit hashes of `text` over UTF-16 units (FNV-1a and a multiply-rotate one),
 * with its length: enough to tell two versions of a document, or of a cache key, apart.
 */
export function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x85ebca6b) ^ c;
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length.toString(36)}`;
}
