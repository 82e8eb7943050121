import type { Cell, CellInput, WorkbookPort } from "../ports";
import { sheetName } from "../templates/load";

export type JournalLevel = "ошибка" | "предупреждение" | "информация";

export interface JournalEntry {
  at: Date;
  level: JournalLevel;
  operation: string;
  message: string;
  source?: string;
  /** What a participant submitted, kept whole (serialised as JSON). */
  original?: unknown;
  user?: string;
}

/** Longest text a Sheets cell holds. */
export const CELL_TEXT_LIMIT = 50000;

export function serialiseOriginal(original: unknown): string {
  if (original === undefined) return "";
  const text = typeof original === "string" ? original : JSON.stringify(original);
  return text.length > CELL_TEXT_LIMIT ? text.slice(0, CELL_TEXT_LIMIT - 1) + "…" : text;
}

/**
 * Appends entries to «Журнал» in one batch. The order of columns is found by key, so a curator's
 * reordering is respected.
 */
export function appendJournal(
  wb: WorkbookPort,
  entries: JournalEntry[],
  columnIndex: Record<string, number>,
) {
  if (entries.length === 0) return;
  const width = Math.max(...Object.values(columnIndex)) + 1;
  const rows: CellInput[][] = entries.map((e) => {
    const row: CellInput[] = new Array(width).fill("");
    const put = (key: string, v: Cell) => {
      if (key in columnIndex) row[columnIndex[key]] = v;
    };
    put("at", e.at);
    put("level", e.level);
    put("operation", e.operation);
    put("message", e.message);
    put("source", e.source ?? "");
    put("original", serialiseOriginal(e.original));
    put("user", e.user ?? "");
    return row;
  });
  wb.append(sheetName("log"), rows);
}
