/**
 * Reading a cell: the one place a cell value becomes text, a number, a date or yes / no. Where two
 * readings differ on purpose, both are here under their own names:
 *
 * - blank: `isBlank` (empty or only spaces), `isEmptyCell` (nothing written: spaces count);
 * - text: `cellText` (trimmed, dates «dd.mm.yyyy»), `plainText` / `lowerText` (trimmed `String` of
 *   the value, for cells that hold no dates: names, IDs, addresses), `textWithIsoDates` (dates as
 *   ISO instants), `answerText` (a questionnaire answer: dates «dd.mm.yyyy», yes / no «да» / «нет»,
 *   untrimmed), `displayText` (as written: dates «dd.mm.yyyy», untrimmed, booleans «true»),
 *   `exportedText` (a cell of an exported answers file: times kept, numbers to 15 digits);
 * - numbers: `cellNumber` (the number the text starts with: «7 дней» → 7), `cellDecimal` (the
 *   whole text is the number: «8,5»), `cellAmount` (`cellDecimal`, «45 %» → 45 too);
 * - dates: `cellDate` (also spreadsheet serial days and «2026 г.»); `toCalendarDate` of
 *   core/dates.ts reads only a Date or «dd.mm.yyyy» / ISO text;
 * - yes / no: `cellBool` (да / нет, 1 / 0, вкл / выкл…; null when neither), `isYes` (only «да»,
 *   «yes» and TRUE are yes).
 */
import { formatDateRu, fromSerial, toCalendarDate } from "./dates";
import { type Cell, isDate } from "./ports";

/** A value as a cell may hold it, or nothing at all (a missing column, a short row). */
type CellValue = Cell | null | undefined;

// ---------------------------------------------------------------------------------------------
// Blank

/** Nothing but spaces: "", null, undefined or a string of white space. */
export function isBlank(v: unknown): boolean {
  return v === "" || v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Nothing written at all ("", null, undefined); a string of spaces is not empty. */
export function isEmptyCell(v: CellValue): boolean {
  return v === undefined || v === "" || v === null;
}

// ---------------------------------------------------------------------------------------------
// Text

/** A cell as trimmed text; dates as «dd.mm.yyyy». */
export function cellText(v: CellValue): string {
  if (v === undefined || v === null) return "";
  if (isDate(v)) return formatDateRu(v);
  return String(v).trim();
}

/** The trimmed `String` of a cell, "" for nothing: for cells that hold no dates (a Date gives JavaScript's long form). */
export function plainText(v: unknown): string {
  return v === undefined || v === null ? "" : String(v).trim();
}

/** `plainText` in lower case: addresses, statuses and answers compared as typed. */
export function lowerText(v: unknown): string {
  return plainText(v).toLowerCase();
}

/** A cell as trimmed text with dates as ISO instants («2026-09-01T00:00:00.000Z»). */
export function textWithIsoDates(v: CellValue): string {
  if (v === undefined || v === null) return "";
  if (isDate(v)) return v.toISOString();
  return String(v).trim();
}

/** A cell as a questionnaire answer: dates «dd.mm.yyyy», TRUE / FALSE «да» / «нет», otherwise as written. */
export function answerText(v: CellValue): string {
  if (isDate(v)) return formatDateRu(v);
  if (typeof v === "boolean") return v ? "да" : "нет";
  return String(v ?? "");
}

/** A cell as written, untrimmed: dates «dd.mm.yyyy», booleans «true» / «false», "" for nothing. */
export function displayText(v: CellValue): string {
  if (v === undefined || v === null) return "";
  if (isDate(v)) return formatDateRu(v);
  return String(v);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** A Date cell as the text a Russian spreadsheet shows: «22.11.2026», «22.11.2026 14:03», «14:03». */
function exportedDateText(d: Date): string {
  const time =
    d.getUTCSeconds() !== 0
      ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
      : `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  // Excel keeps a time of day as a date on its epoch (30.12.1899).
  if (d.getUTCFullYear() === 1899 && d.getUTCMonth() === 11 && d.getUTCDate() >= 30) return time;
  const date = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return midnight ? date : `${date} ${time}`;
}

function exportedNumberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/**
 * A cell of an exported answers file (CSV, XLSX) as answer text: trimmed, line breaks as "\n",
 * numbers to 15 significant digits, TRUE / FALSE «да» / «нет», dates with their time of day (an
 * invalid date gives ""); formula-like text stays text.
 */
export function exportedText(c: CellValue): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "string") return c.replace(/\r\n?/g, "\n").trim();
  if (typeof c === "number") return exportedNumberText(c);
  if (typeof c === "boolean") return c ? "да" : "нет";
  return Number.isNaN(c.getTime()) ? "" : exportedDateText(c);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A number from a number or from the number a text starts with («7», «7 дней», «7,5»); null when there is none. */
export function cellNumber(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean" || v === undefined || v === null || isDate(v)) return null;
  const m = /^\s*([-+]?\d+(?:[.,]\d+)?)(?:\s|$|[^\d.,])/.exec(String(v).replace(/\u00a0/g, " "));
  if (!m) return null;
  const n = Number(m[1].replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

function decimal(v: CellValue, percent: boolean): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string" || v.trim() === "") return null;
  let s = v.trim().replace(",", ".");
  if (percent) s = s.replace(/\s*%$/, "");
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A number from a number or from a text that is a number as a whole («8», «8,5»); null for blanks, booleans, dates and any other text. */
export function cellDecimal(v: CellValue): number | null {
  return decimal(v, false);
}

/** `cellDecimal` that also reads a percentage as its number («45 %» → 45): documents' figures. */
export function cellAmount(v: CellValue): number | null {
  return decimal(v, true);
}

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * A calendar date from a Date, «dd.mm.yyyy» / «dd.mm.yy» / «yyyy-mm-dd» text (a «г.» after it
 * allowed), or a spreadsheet serial number (a date cell formatted as a number); null when it is
 * none of them.
 */
export function cellDate(v: CellValue): Date | null {
  if (v === undefined) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 20000 || v > 80000) return null;
    return toCalendarDate(fromSerial(Math.floor(v)));
  }
  if (typeof v === "string") {
    const s = v.trim().replace(/\s*г\.?$/, "");
    return toCalendarDate(s);
  }
  return toCalendarDate(v);
}

// ---------------------------------------------------------------------------------------------
// Yes / no

/** Yes and no as the program writes them into a yes / no column. */
export const YES = "да";
export const NO = "нет";

/** A yes / no as the program writes it: «да» or «нет». */
export function yesNo(b: boolean): string {
  return b ? YES : NO;
}

/** «да»/«нет», TRUE/FALSE, 1/0, yes/no, «вкл»/«выкл»; null when neither. */
export function cellBool(v: CellValue): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : null;
  const s = cellText(v).toLowerCase().replace(/ё/g, "е");
  if (/^(да|д|yes|y|true|истина|1|вкл|включено)$/.test(s)) return true;
  if (/^(нет|н|no|n|false|ложь|0|выкл|выключено)$/.test(s)) return false;
  return null;
}

/** Only «да», «yes» and TRUE (any case) are yes: a questionnaire's yes / no answer. */
export function isYes(v: unknown): boolean {
  return /^(да|yes|true)$/i.test(String(v ?? "").trim());
}
