import { answerText, isBlank, plainText } from "../cells";
import { type Cell, isDate } from "../ports";
import { normalizeHeader } from "../text";
import type { Submission } from "./submission";

/** Column titles Google Forms gives the timestamp and the collected e-mail (ru and en accounts). */
export const TIMESTAMP_TITLES = ["Отметка времени", "Timestamp", "Время создания", "Дата создания"].map(
  normalizeHeader,
);
export const EMAIL_TITLES = [
  "Адрес электронной почты",
  "Email Address",
  "Электронная почта",
  "E-mail",
  "Email",
].map(normalizeHeader);

/**
 * Submissions from a response sheet read in one batch: row 0 holds the question titles, then one
 * row per response. `first` and `last` (0-based grid rows, inclusive) narrow it to the rows a
 * trigger reported. Blank rows are skipped; every other row becomes a submission.
 */
export function submissionsFromGrid(
  grid: Cell[][],
  sourceLabel: (row1: number) => string,
  first = 1,
  last = grid.length - 1,
): Submission[] {
  if (grid.length === 0) return [];
  const headers = grid[0].map((h) => plainText(h));
  const tsCol = headers.findIndex((h) => TIMESTAMP_TITLES.includes(normalizeHeader(h)));
  const emailCol = headers.findIndex((h) => EMAIL_TITLES.includes(normalizeHeader(h)));
  const out: Submission[] = [];
  for (let r = Math.max(1, first); r <= Math.min(last, grid.length - 1); r++) {
    const row = grid[r];
    if (row.every(isBlank)) continue;
    const answers: Record<string, string> = Object.create(null);
    headers.forEach((h, c) => {
      if (c === tsCol || c === emailCol || h === "") return;
      answers[h] = answerText(row[c]);
    });
    const ts = tsCol >= 0 ? row[tsCol] : "";
    out.push({
      submittedAt: isDate(ts) ? new Date(ts.getTime()) : null,
      email: emailCol >= 0 ? plainText(row[emailCol]) : "",
      answers,
      source: sourceLabel(r + 1),
      responseId: String(r + 1),
    });
  }
  return out;
}
