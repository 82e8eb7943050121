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

/**
 * Russian plural, the one rule of every count in every text: plural(5, "пара", "пары", "пар") → "пар",
 * plural(21, "балл", "балла", "баллов") → "балл". A fraction takes the genitive singular, the `few`
 * form: «12,5 балла». After «из» pass the genitive forms: plural(31, "мероприятия", "мероприятий",
 * "мероприятий") → «из 31 мероприятия».
 */
export function plural(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const m10 = Math.abs(n) % 10;
  const m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** A count with its word: count(46, "пара", "пары", "пар") → «46 пар». */
export function count(n: number, one: string, few: string, many: string): string {
  return `${n} ${plural(n, one, few, many)}`;
}
