/**
 * One questionnaire submission as it arrives from any source: a Google Forms submit event, a row
 * of a linked response sheet, a CSV/XLSX export of Google Forms or Yandex Forms. Answers are keyed
 * by the column title the source gives (the question's wording; "Question [Row]" for a grid row).
 */
export interface Submission {
  /** When the participant submitted (wall clock of the school's zone), when the source says. */
  submittedAt: Date | null;
  /** The respondent's e-mail collected by the form itself, or "" (then a question may carry it). */
  email: string;
  /** Every answer by column title, as text; checkbox answers share one cell joined with ", ". */
  answers: Record<string, string>;
  /** Where it came from, in Russian, for the log: «Ответы: Анкета наставника, строка 12». */
  source: string;
  /** A stable id of the response (row number in the source), when known. */
  responseId?: string;
}
