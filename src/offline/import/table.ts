/**
 * A table of rows (from CSV or XLSX) → submissions: finds the header, the time, e-mail and answer-ID
 * columns, and turns every other column into an answer keyed by its title.
 */

import { exportedText, isBlank } from "../../core/cells";
import type { Submission } from "../../core/intake/submission";
import {
  cleanTitle,
  columnLetter,
  EMAIL_TITLES,
  GOOGLE_TIMESTAMP_TITLES,
  OTHER_TIMESTAMP_TITLES,
  titleKey,
  uniqueTitles,
} from "./headers";
import { detectSlashOrder, parseTimestampCell } from "./timestamp";
import type { ExportFormat, RawRow } from "./types";
import {
  isYandexHeader,
  normalizeChoices,
  stripQuestionNumbers,
  YANDEX_ID_TITLES,
  YANDEX_TIME_TITLES,
} from "./yandex";

/** How far down a header row is looked for (title rows above it are skipped). */
const HEADER_SEARCH_ROWS = 20;

const KNOWN_TITLES = new Set([
  ...GOOGLE_TIMESTAMP_TITLES,
  ...OTHER_TIMESTAMP_TITLES,
  ...YANDEX_TIME_TITLES,
  ...YANDEX_ID_TITLES,
  ...EMAIL_TITLES,
]);

function isBlankRow(row: RawRow): boolean {
  return row.cells.every(isBlank);
}

/**
 * The header row: the first of the top non-blank rows that has a known time / e-mail / answer-ID
 * title, else the first non-blank row. `index` is into `rows`; -1 when every row is blank.
 */
export function findHeaderRow(rows: RawRow[]): { index: number; known: boolean } {
  let first = -1;
  let seen = 0;
  for (let i = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    if (isBlankRow(rows[i])) continue;
    if (first === -1) first = i;
    seen++;
    if (rows[i].cells.some((c) => typeof c === "string" && KNOWN_TITLES.has(titleKey(c)))) {
      return { index: i, known: true };
    }
  }
  return { index: first, known: false };
}

function listRows(numbers: number[]): string {
  const shown = numbers.slice(0, 10).join(", ");
  return numbers.length > 10 ? `${shown} и ещё ${numbers.length - 10}` : shown;
}

export interface TableContext {
  fileName: string;
  container: "csv" | "xlsx";
  formTitle?: string;
  /** Inserted into `source` after the file name, e.g. «лист «Ответы»». */
  sourceSuffix?: string;
  /** For telling an Excel-RU CSV from another CSV. */
  delimiter?: string;
  encoding?: string;
}

export interface TableResult {
  format: ExportFormat;
  submissions: Submission[];
  warnings: string[];
  /** The answer columns' titles. */
  titles: string[];
}

function findColumn(keys: string[], titles: readonly string[]): number {
  return keys.findIndex((k) => titles.includes(k));
}

/** The heart of the import: one table → submissions and warnings. */
export function interpretTable(rows: RawRow[], ctx: TableContext): TableResult {
  const file = `«${ctx.fileName}»`;
  const warnings: string[] = [];
  const header = findHeaderRow(rows);
  if (header.index === -1) {
    return {
      format: genericFormat(ctx),
      submissions: [],
      warnings: [`${file}: в файле нет ни одной заполненной строки.`],
      titles: [],
    };
  }
  const skippedAbove = rows
    .slice(0, header.index)
    .filter((r) => !isBlankRow(r))
    .map((r) => r.rowNumber);
  if (skippedAbove.length > 0) {
    warnings.push(
      skippedAbove.length === 1
        ? `${file}: строка ${skippedAbove[0]} над заголовком таблицы пропущена.`
        : `${file}: строки ${listRows(skippedAbove)} над заголовком таблицы пропущены.`,
    );
  }
  const headerRow = rows[header.index];
  const dataRows = rows.slice(header.index + 1).filter((r) => !isBlankRow(r));

  // Width: the last titled column or the last column holding data, whichever is further right.
  let width = 0;
  headerRow.cells.forEach((c, i) => {
    if (!isBlank(c)) width = Math.max(width, i + 1);
  });
  for (const r of dataRows) {
    r.cells.forEach((c, i) => {
      if (!isBlank(c)) width = Math.max(width, i + 1);
    });
  }
  const titles = Array.from({ length: width }, (_, i) => cleanTitle(exportedText(headerRow.cells[i])));
  const keys = titles.map(titleKey);

  const google = keys.some((k) => GOOGLE_TIMESTAMP_TITLES.includes(k));
  const yandex = !google && isYandexHeader(titles);
  let timeCol = findColumn(keys, GOOGLE_TIMESTAMP_TITLES);
  if (timeCol === -1) timeCol = findColumn(keys, YANDEX_TIME_TITLES);
  if (timeCol === -1) timeCol = findColumn(keys, OTHER_TIMESTAMP_TITLES);
  const idCol = yandex ? findColumn(keys, YANDEX_ID_TITLES) : -1;
  const emailCol = findColumn(keys, EMAIL_TITLES);

  // Answer columns and their titles.
  const answerCols: number[] = [];
  let answerTitles: string[] = [];
  for (let i = 0; i < width; i++) {
    if (i === timeCol || i === idCol || i === emailCol) continue;
    if (titles[i] === "") {
      if (!dataRows.some((r) => !isBlank(r.cells[i]))) continue;
      const name = `Столбец ${columnLetter(i)}`;
      warnings.push(
        `${file}: у столбца ${columnLetter(i)} нет заголовка; его ответы записаны под названием «${name}».`,
      );
      answerTitles.push(name);
    } else {
      answerTitles.push(titles[i]);
    }
    answerCols.push(i);
  }
  if (yandex) answerTitles = stripQuestionNumbers(answerTitles);
  const unique = uniqueTitles(answerTitles);
  for (const r of unique.renamed) {
    warnings.push(`${file}: несколько столбцов называются «${r.from}»; следующий прочитан как «${r.to}».`);
  }
  answerTitles = unique.titles;

  const slashOrder = timeCol === -1 ? "mdy" : detectSlashOrder(dataRows.map((r) => r.cells[timeCol] ?? null));
  const zones = new Set<string>();
  const prefix = ctx.formTitle ? `${ctx.formTitle}: ` : "";
  const where = ctx.sourceSuffix ? `, ${ctx.sourceSuffix}` : "";
  const submissions: Submission[] = [];

  for (const row of dataRows) {
    const at = `${file}, строка ${row.rowNumber}`;
    const answers: Record<string, string> = {};
    let answered = false;
    answerCols.forEach((col, k) => {
      let value = exportedText(row.cells[col]);
      if (yandex) value = normalizeChoices(value);
      if (value !== "") answered = true;
      // defineProperty: a column titled «__proto__» stays an ordinary key.
      Object.defineProperty(answers, answerTitles[k], {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    if (!answered) {
      warnings.push(`${at}: нет ни одного ответа — строка пропущена.`);
      continue;
    }
    let submittedAt: Date | null = null;
    if (timeCol !== -1) {
      const cell = row.cells[timeCol] ?? null;
      const parsed = parseTimestampCell(cell, slashOrder);
      if (parsed) {
        submittedAt = parsed.date;
        if (parsed.zone) zones.add(parsed.zone);
      } else if (isBlank(cell)) {
        warnings.push(`${at}: не указано время отправки.`);
      } else {
        warnings.push(`${at}: не удалось прочитать время отправки «${exportedText(cell)}»; оно не указано.`);
      }
    }
    const email = emailCol === -1 ? "" : exportedText(row.cells[emailCol]);
    const id = idCol === -1 ? "" : exportedText(row.cells[idCol]);
    submissions.push({
      submittedAt,
      email,
      answers,
      source: `${prefix}файл ${ctx.fileName}${where}, строка ${row.rowNumber}`,
      responseId: id || String(row.rowNumber),
    });
  }

  if (zones.size > 0) {
    warnings.push(
      `${file}: у времени отправки указан часовой пояс (${[...zones].join(", ")}); время взято как записано, без пересчёта.`,
    );
  }
  if (timeCol === -1 && submissions.length > 0) {
    warnings.push(
      `${file}: нет столбца со временем отправки («Отметка времени», «Время создания»); у анкет оно не указано.`,
    );
  }
  if (dataRows.length === 0) warnings.push(`${file}: под заголовком нет ни одной анкеты.`);
  if (ctx.container === "csv" && width < 2 && dataRows.length > 0) {
    warnings.push(
      `${file}: в таблице один столбец — проверьте разделитель (точка с запятой, запятая или табуляция).`,
    );
  }

  let format: ExportFormat;
  if (google && ctx.container === "xlsx") format = "google-forms-xlsx";
  // Google writes UTF-8 with commas; ";" or Windows-1251 means Excel has re-saved the file.
  else if (google) format = isExcelRu(ctx) ? "excel-ru-csv" : "google-forms-csv";
  else if (yandex) format = ctx.container === "csv" ? "yandex-forms-csv" : "yandex-forms-xlsx";
  else format = genericFormat(ctx);
  return { format, submissions, warnings, titles: answerTitles };
}

function isExcelRu(ctx: TableContext): boolean {
  return ctx.delimiter === ";" || ctx.encoding === "windows-1251";
}

function genericFormat(ctx: TableContext): ExportFormat {
  if (ctx.container === "xlsx") return "xlsx";
  return isExcelRu(ctx) ? "excel-ru-csv" : "csv";
}
