/** Text helpers shared by every use-case. */

/** Header text reduced to what identifies it: case, ё, spaces and punctuation do not count. */
export function normalizeHeader(text: unknown): string {
  return String(text ?? "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/[«»"'.,:;!?()[\]{}\-–—/\\]/g, "")
    .replace(/\s+/g, "")
    .trim();
}

/** True for a string that a spreadsheet would read as a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/** Russian plural: plural(5, "пара", "пары", "пар") → "пар". */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = Math.abs(n) % 10;
  const m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
