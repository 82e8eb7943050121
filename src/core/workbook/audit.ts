/**
 * Loud on bad data (issue 15, item 4): what a sheet holds that is not what its column holds, found
 * by the template's column types. Duplicate IDs (one pair would show another's meetings), a header
 * row sorted into the data (it would become a participant), text in a number or date column («два»,
 * «вчера», «отлично»), numbers outside their scale (−3 or 99 for a rating of 1–10). Each issue names
 * its cell («Встречи»!J7) and what to do; `init` writes them to «Журнал», the commands print them.
 * The figures already leave such values out (a rating outside 1–10 or a date that is not a date is
 * read as absent, core/monitoring/data.ts); the issues say so.
 */
import { cellDate, cellDecimal, isBlank, plainText } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { workbookTemplate } from "../templates/load";
import type { ColumnTemplate, SheetTemplate } from "../templates/schema";
import { columnLetter } from "./a1";
import { appendJournal, type JournalEntry } from "./journal";
import type { SheetKey } from "./keys.generated";
import { FIRST_DATA_ROW, KEY_ROW, locateHeaderBlock } from "./repair";
import { Table } from "./table";

export type DataIssueKind = "duplicate-id" | "header-row" | "not-a-number" | "not-a-date" | "out-of-scale";

export interface DataIssue {
  sheet: string;
  /** The cell, «J7» (the first cell of the row for a header row). */
  cell: string;
  kind: DataIssueKind;
  /** Russian: what is wrong and what to do. */
  message: string;
}

/** Sheets whose cells a curator or a questionnaire fills (every other sheet the program writes). */
export const AUDITED_SHEETS: SheetKey[] = [
  "mentors",
  "mentees",
  "pairs",
  "meetings",
  "mentor_reports",
  "roadmap",
  "surveys",
  "monitoring",
  "contingent",
];

function shown(v: Cell): string {
  const s = plainText(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function scaleText(c: ColumnTemplate): string {
  if (c.min !== undefined && c.max !== undefined) return `от ${c.min} до ${c.max}`;
  if (c.min !== undefined) return `не меньше ${c.min}`;
  return `не больше ${c.max}`;
}

/** The issues of one sheet, read as a grid (key row, header row, data rows). */
export function auditGrid(template: SheetTemplate, grid: Cell[][]): DataIssue[] {
  const block = locateHeaderBlock(grid, template);
  if (block.keyRow !== KEY_ROW || grid.length <= FIRST_DATA_ROW) return [];
  const byKey = new Map<string, ColumnTemplate>();
  for (const c of template.columns) byKey.set(c.key, c);
  const columns: { index: number; column: ColumnTemplate }[] = [];
  grid[KEY_ROW].forEach((k, index) => {
    const column = byKey.get(String(k).trim());
    // The program's own columns are not checked, but for IDs (it assigns them; a curator copies rows).
    if (column && (!column.computed || column.type === "id") && !columns.some((c) => c.column === column))
      columns.push({ index, column });
  });
  const issues: DataIssue[] = [];
  const sheet = template.name;
  const firstSeen = new Map<string, number>();
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) {
    const row = grid[r];
    const sheetRow = r + 1;
    const filled = columns.filter((c) => !isBlank(row[c.index]));
    if (filled.length === 0) continue;
    // A header row sorted or pasted into the data: most of its cells are their columns' headers.
    const headerLike = filled.filter((c) => {
      const text = plainText(row[c.index]).toLowerCase();
      return text === c.column.header.trim().toLowerCase() || text === c.column.key.toLowerCase();
    }).length;
    if (headerLike >= 2 && headerLike * 2 >= filled.length) {
      issues.push({
        sheet,
        cell: `A${sheetRow}`,
        kind: "header-row",
        message: `«${sheet}», строка ${sheetRow}: это строка заголовков среди данных (её ячейки повторяют названия столбцов) — она не считается участником или записью. Удалите строку.`,
      });
      continue;
    }
    for (const { index, column } of filled) {
      const v = row[index];
      const at = `${columnLetter(index)}${sheetRow}`;
      const where = `«${sheet}»!${at} («${column.header}»)`;
      if (column.type === "id") {
        const id = plainText(v).toLowerCase();
        const first = firstSeen.get(id);
        if (first === undefined) firstSeen.set(id, sheetRow);
        else
          issues.push({
            sheet,
            cell: at,
            kind: "duplicate-id",
            message: `${where}: идентификатор «${shown(v)}» уже есть в строке ${first} — у двух записей один ID, их данные смешаются. Дайте записи свой ID.`,
          });
      } else if (column.type === "integer" || column.type === "number") {
        const n = cellDecimal(v);
        if (n === null)
          issues.push({
            sheet,
            cell: at,
            kind: "not-a-number",
            message: `${where}: «${shown(v)}» — не число; значение не учтено в расчётах. Введите число${column.min !== undefined || column.max !== undefined ? ` ${scaleText(column)}` : ""}.`,
          });
        else if ((column.min !== undefined && n < column.min) || (column.max !== undefined && n > column.max))
          issues.push({
            sheet,
            cell: at,
            kind: "out-of-scale",
            message: `${where}: ${shown(v)} — вне допустимых значений (${scaleText(column)}); значение не учтено в расчётах. Исправьте его.`,
          });
      } else if (column.type === "date" || column.type === "datetime") {
        if (cellDate(v) === null)
          issues.push({
            sheet,
            cell: at,
            kind: "not-a-date",
            message: `${where}: «${shown(v)}» — не дата; значение не учтено в расчётах. Введите дату в формате ДД.ММ.ГГГГ.`,
          });
      }
    }
  }
  return issues;
}

/** The issues of the checked sheets that exist in the workbook (each read once). */
export function auditWorkbook(wb: WorkbookPort, keys: SheetKey[] = AUDITED_SHEETS): DataIssue[] {
  const names = new Set(wb.sheetNames());
  const out: DataIssue[] = [];
  for (const sheet of workbookTemplate().sheets) {
    if (keys.indexOf(sheet.key as SheetKey) < 0 || !names.has(sheet.name) || sheet.kind !== "table") continue;
    out.push(...auditGrid(sheet, wb.read(sheet.name)));
  }
  return out;
}

/** The issues as lines for a screen: the first `limit`, then how many more. */
export function describeDataIssues(issues: DataIssue[], limit = 20): string[] {
  const lines = issues.slice(0, limit).map((i) => i.message);
  if (issues.length > limit)
    lines.push(`…и ещё ${issues.length - limit} (все — в «Журнале» после mentor init).`);
  return lines;
}

/**
 * Writes the issues not yet in «Журнал» to it (level «ошибка», operation «Проверка данных»); returns
 * how many were new. For the commands that save the workbook after reading its sheets.
 */
export function journalDataIssues(wb: WorkbookPort, issues: DataIssue[], at: Date, user?: string): number {
  if (issues.length === 0) return 0;
  const log = Table.load(wb, "log");
  const logged = new Set(log.rows.map((r) => String(r[log.columns.message] ?? "")));
  const entries: JournalEntry[] = issues
    .filter((i) => !logged.has(i.message))
    .map((i) => ({
      at,
      level: "ошибка",
      operation: "Проверка данных",
      message: i.message,
      place: `«${i.sheet}», ячейка ${i.cell}`,
      user,
    }));
  appendJournal(wb, entries, log.columns);
  return entries.length;
}
