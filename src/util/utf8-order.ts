/**
 * String order as the server has it: Go and C++ compare strings by their UTF-8 bytes, which is
 * code point order. JS compares UTF-16 code units, which differs only when a surrogate (a code
 * point above U+FFFF) meets a unit in U+E000..U+FFFF; those are remapped at the first difference.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}
