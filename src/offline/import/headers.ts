import { columnLetter } from "../../core/workbook/a1";
/** Header titles of exports: how they are cleaned, recognised and made unique. */

/** A header as an answer key: trimmed, every run of whitespace (also NBSP, line breaks) one space. */
export function cleanTitle(text: string): string {
  return text.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, " ").trim();
}

/** A header reduced for matching known titles: case, «ё», spaces and a trailing colon do not count. */
export function titleKey(text: string): string {
  return cleanTitle(text).toLowerCase().replace(/ё/g, "е").replace(/\s*:$/, "");
}

/** The submission time of a Google Forms response sheet (Russian / English account). */
export const GOOGLE_TIMESTAMP_TITLES = ["отметка времени", "timestamp"];

/**
 * The respondent's address: Google Forms' own column, and the titles the core's response-sheet
 * reader (src/core/intake/grid.ts) also takes for it, so both paths give the same submissions.
 */
export const EMAIL_TITLES = [
  "адрес электронной почты",
  "email address",
  "e-mail address",
  "электронная почта",
  "e-mail",
  "email",
];

/** Other titles a submission-time column gets in tables people make or convert. */
export const OTHER_TIMESTAMP_TITLES = [
  "дата и время",
  "дата и время заполнения",
  "дата заполнения",
  "время заполнения",
  "дата и время отправки",
  "submission time",
  "submitted at",
  "submitted",
];

/**
 * Makes titles unique: the second «ФИО» becomes «ФИО (2)», the third «ФИО (3)». Returns the new
 * titles and, for each renamed one, the original.
 */
export function uniqueTitles(titles: string[]): {
  titles: string[];
  renamed: { from: string; to: string }[];
} {
  // Every title as written is reserved, so a renamed column never takes another column's own title.
  const originals = new Set(titles);
  const taken = new Set<string>();
  const seen = new Map<string, number>();
  const renamed: { from: string; to: string }[] = [];
  const out = titles.map((title) => {
    if (!taken.has(title)) {
      taken.add(title);
      seen.set(title, 1);
      return title;
    }
    let n = seen.get(title) ?? 1;
    let candidate: string;
    do {
      n += 1;
      candidate = `${title} (${n})`;
    } while (taken.has(candidate) || originals.has(candidate));
    seen.set(title, n);
    taken.add(candidate);
    renamed.push({ from: title, to: candidate });
    return candidate;
  });
  return { titles: out, renamed };
}

export { columnLetter };
