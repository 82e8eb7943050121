/**
 * Yandex Forms exports (forms.yandex.ru), XLSX or CSV.
 *
 * What was found before writing this (looked up in stored public material):
 * - Yandex's help page «Получить ответы» (yandex.ru/support/forms/ru/answers.md): answers are
 *   viewed in the «Ответы» tab, downloaded as a file or saved to Yandex Disk. The part that was
 *   readable does not list the file's columns.
 * - The Yandex Forms API reference, «Ответы» → «Экспортировать ответы» / «Получить результат
 *   экспорта ответов» (POST /v1/surveys/{id}/answers/export, then GET …/answers/export-results?
 *   task_id=…): the export is a CSV or XLSX file; a public API client's description ("forms
 *   answers export", ycli) says the format defaults to xlsx.
 * - A public importer of «выгрузка личной Яндекс Формы (XLSX/CSV)» (a Python module
 *   ext_forms_import.py and its tests on GitHub): the first row is the header, the answer ID sits
 *   in a column titled «ID ответа» (it also accepts «ID», «Номер ответа», "answer id"), the time in
 *   «Время создания» (also «Время отправки»); every other column is a question titled with its
 *   text, and two questions may share a title. Times are "2026-10-01 10:00:00" in XLSX (also real
 *   date cells) and "01.10.2026 10:00:00" in CSV, taken as Moscow wall-clock time, not UTC. IDs
 *   can be numeric cells. CSV comes as UTF-8 (with a BOM) or Windows-1251, ";" or "," separated.
 * Not confirmed by any source, so handled as plausible variants: «Дата создания» for the time;
 * "22.11.2026 14:03" without seconds; question titles numbered «1. Вопрос» (the numbers are
 * removed only when every question column carries one, so a single question that starts with a
 * number keeps it); several choices in one cell joined with "; " (rewritten to ", ", as the core
 * expects checkbox answers). An «Email» / «Электронная почта» column gives `email`; other
 * respondent columns (login, name) are kept as answers.
 */

import { titleKey } from "./headers";

/** The answer's ID. */
export const YANDEX_ID_TITLES = [
  "id",
  "id ответа",
  "ид ответа",
  "номер ответа",
  "№ ответа",
  "answer id",
  "answer_id",
  "response id",
];

/** The answer's creation (submission) time. */
export const YANDEX_TIME_TITLES = [
  "время создания",
  "дата создания",
  "время создания ответа",
  "дата создания ответа",
  "время отправки",
  "время отправки ответа",
  "дата отправки",
  "время ответа",
  "дата ответа",
  "created",
  "created at",
  "creation time",
  "date created",
];

/** IDs that only Yandex-like exports use (a bare «ID» needs a Yandex time column beside it). */
const SPECIFIC_ID_TITLES = new Set(YANDEX_ID_TITLES.filter((t) => t !== "id"));

/** True when a header row is a Yandex Forms export's. */
export function isYandexHeader(titles: string[]): boolean {
  const keys = titles.map(titleKey);
  const hasId = keys.some((k) => YANDEX_ID_TITLES.includes(k));
  const hasTime = keys.some((k) => YANDEX_TIME_TITLES.includes(k));
  return (hasId && hasTime) || keys.some((k) => SPECIFIC_ID_TITLES.has(k));
}

const NUMBER_PREFIX = /^\d{1,3}[.)]\s*(?=[^\d\s])/;

/**
 * «1. ФИО», «2) Роль» → «ФИО», «Роль» when every question title is numbered; otherwise unchanged.
 */
export function stripQuestionNumbers(titles: string[]): string[] {
  const questions = titles.filter((t) => t !== "");
  if (questions.length === 0 || !questions.every((t) => NUMBER_PREFIX.test(t))) return titles;
  return titles.map((t) => t.replace(NUMBER_PREFIX, "").trim() || t);
}

/** Longest part a "; "-joined cell may have to count as a list of chosen options. */
const MAX_OPTION_LENGTH = 200;

/**
 * Several chosen options joined with "; " → joined with ", ". Only one-line cells whose every part
 * is short, non-empty and comma-free are touched, so most prose with a semicolon stays as written.
 */
export function normalizeChoices(value: string): string {
  if (!value.includes(";") || value.includes("\n")) return value;
  const parts = value.split(/\s*;\s*/);
  // A part with a comma would blur the ", " list (and is more likely prose): leave the cell alone.
  if (parts.length < 2 || parts.some((p) => p === "" || p.length > MAX_OPTION_LENGTH || p.includes(","))) {
    return value;
  }
  return parts.join(", ");
}
