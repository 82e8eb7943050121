import { exportedText } from "../cells";
import type { Cell, CellInput, WorkbookPort } from "../ports";
import { sheetName } from "../templates/load";
import { FIRST_DATA_ROW } from "./repair";

export type JournalLevel = "ошибка" | "предупреждение" | "информация";

export interface JournalEntry {
  at: Date;
  level: JournalLevel;
  operation: string;
  message: string;
  /** Whom the line is about: their full name, else their address («[данные удалены]» once erased). */
  person?: string;
  /** The sheet and row of the workbook the line is about: «Встречи», строка 14 (В-0012). */
  place?: string;
  source?: string;
  /**
   * What a participant submitted, kept whole: as readable text («Поле: значение; …», column
   * `details`) and as JSON in the hidden column `original`, which is what erasure reads.
   */
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

const clip = (text: string) =>
  text.length > CELL_TEXT_LIMIT ? text.slice(0, CELL_TEXT_LIMIT - 1) + "…" : text;

/** The fields of a submission as «Журнал» names them. */
const FIELD_NAMES: Record<string, string> = {
  email: "E-mail",
  submittedAt: "Время ответа",
  file: "Файл",
  columns: "Столбцы",
};

/** A time serialised by JSON.stringify (the submission time of journals' JSON). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return exportedText(v);
  if (typeof v === "string") {
    const t = ISO_TIME.test(v.trim()) ? exportedText(new Date(v.trim())) : v;
    return t.replace(/\s*[\r\n]+\s*/g, " / ").trim();
  }
  if (typeof v === "number" || typeof v === "boolean") return exportedText(v);
  if (Array.isArray(v))
    return v
      .map(valueText)
      .filter((x) => x !== "")
      .join(", ");
  return fieldsText(v as Record<string, unknown>).join("; ");
}

/** «Поле: значение» for every field with a value; the answers of a submission are its fields. */
function fieldsText(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k === "answers" && v !== null && typeof v === "object" && !Array.isArray(v)) {
      out.push(...fieldsText(v as Record<string, unknown>));
      continue;
    }
    const text = valueText(v);
    if (text !== "") out.push(`${FIELD_NAMES[k] ?? k}: ${text}`);
  }
  return out;
}

/**
 * What a participant submitted, as a person reads it: «E-mail: …; Время ответа: 17.09.2026 12:47;
 * ФИО: …; …», blank answers left out (the JSON copy keeps them); several rows one per line.
 */
export function describeOriginal(original: unknown): string {
  if (original === undefined || original === null) return "";
  if (typeof original === "string") return clip(original);
  if (Array.isArray(original)) {
    const rows = original.map(valueText);
    return clip(rows.length === 1 ? rows[0] : rows.map((r, i) => `Строка ${i + 1}: ${r}`).join("\n"));
  }
  return clip(valueText(original));
}

/** The readable text of a JSON copy already in «Журнал» (lines written before `details` existed). */
export function describeSerialised(text: string): string {
  const t = text.trim();
  if (t === "") return "";
  if (!t.startsWith("{") && !t.startsWith("[")) return clip(t);
  try {
    return describeOriginal(JSON.parse(t));
  } catch (_e) {
    // Cut at the cell limit or not JSON at all: shown as it is.
    return clip(t);
  }
}

/**
 * The person a submission is from: the answer to one of `nameTitles` (the questions that fill a
 * «ФИО» column), else the sender's address; "" when the original says neither.
 */
export function personOfOriginal(original: unknown, nameTitles: ReadonlySet<string>): string {
  if (original === null || typeof original !== "object" || Array.isArray(original)) return "";
  const o = original as Record<string, unknown>;
  const answers = (o.answers && typeof o.answers === "object" ? o.answers : o) as Record<string, unknown>;
  for (const [k, v] of Object.entries(answers))
    if (nameTitles.has(k.trim())) {
      const name = valueText(v);
      if (name !== "") return name;
    }
  return typeof o.email === "string" ? o.email.trim() : "";
}

/**
 * Lines written before «Журнал» had `details` and `person` (the JSON only): their readable text and
 * person filled in from the JSON, which stays as it was. Returns how many lines changed.
 */
export function upgradeJournalGrid(
  grid: Cell[][],
  columns: Record<string, number>,
  nameTitles: ReadonlySet<string>,
): number {
  const { original, details, person } = columns;
  if (original === undefined || details === undefined) return 0;
  let changed = 0;
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) {
    const row = grid[r];
    const json = typeof row[original] === "string" ? (row[original] as string) : "";
    if (json.trim() === "" || String(row[details] ?? "").trim() !== "") continue;
    row[details] = describeSerialised(json);
    if (person !== undefined && String(row[person] ?? "").trim() === "") {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(json);
      } catch (_e) {
        parsed = null;
      }
      row[person] = personOfOriginal(Array.isArray(parsed) ? parsed[0] : parsed, nameTitles);
    }
    changed++;
  }
  return changed;
}

/** «Встречи», строка 14 (В-0012): a row of a table by its 0-based index among the data rows. */
export function rowPlace(sheet: string, row: number, id?: string): string {
  const at = `«${sheet}», строка ${FIRST_DATA_ROW + row + 1}`;
  return id && id.trim() !== "" ? `${at} (${id.trim()})` : at;
}

/** The place of a source that is a row of a sheet («лист «Ответы», строка 5» → «Ответы», строка 5). */
export function placeOfSource(source: string | undefined): string {
  const m = /^лист «(.+)», строка (\d+)$/.exec((source ?? "").trim());
  return m ? `«${m[1]}», строка ${m[2]}` : "";
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
    put("person", e.person ?? "");
    put("place", e.place ?? "");
    put("source", e.source ?? "");
    put("details", describeOriginal(e.original));
    put("original", serialiseOriginal(e.original));
    put("user", e.user ?? "");
    return row;
  });
  wb.append(sheetName("log"), rows);
}
