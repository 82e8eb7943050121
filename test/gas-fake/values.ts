/**
 * Cell values: how a written value is stored (as Sheets parses what a user types) and how stored
 * values are displayed.
 */
import { formatInstant, tzOffsetMinutes, wallToUtc } from "./dates";

/** A stored cell value. Blank cells have no value; getValues reports them as "". */
export type Scalar = string | number | boolean | Date;

export interface CellContent {
  value?: Scalar;
  /** The formula text, "=..." (getFormulas). */
  formula?: string;
  /** The written text was not a valid formula: Sheets shows #ERROR!. */
  formulaError?: boolean;
}

export interface InputOptions {
  /** The cell's number format is "@" (plain text): strings are stored as typed. */
  plainText: boolean;
  /** Also turn "TRUE"/"FALSE", "50%", "2024-09-01" and "01.09.2024" into booleans, numbers, dates. */
  extended: boolean;
  timeZone: string;
}

export const MAX_CELL_CHARS = 50000;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Works across realms (a Date made inside a vm context is not `instanceof Date` here). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/**
 * What Sheets stores when `input` is written by setValue(s) (the USER_ENTERED way):
 * - null/undefined/"" clear the cell; numbers, booleans and dates are kept (dates copied);
 * - "'text" is literal text without the apostrophe;
 * - "=..." is a formula;
 * - a plain number ("42", "-3.5", "007") becomes a number;
 * - other text starting with "+", "-" or "@" is parsed as a formula and fails: #ERROR!;
 * - any other text stays text.
 * In a cell formatted "@" (plain text), strings are kept as typed (a leading apostrophe is still
 * dropped).
 */
export function parseInput(
  input: unknown,
  opts: InputOptions,
  fail: (message: string) => Error,
): CellContent {
  if (input === null || input === undefined) return {};
  if (isDate(input)) return { value: new Date(input.getTime()) };
  if (typeof input === "number") return Number.isFinite(input) ? { value: input } : { value: String(input) };
  if (typeof input === "boolean") return { value: input };
  const text = typeof input === "string" ? input : String(input);
  if (text.length > MAX_CELL_CHARS) {
    throw fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  if (text === "") return {};
  if (text.startsWith("'")) return text.length > 1 ? { value: text.slice(1) } : {};
  if (opts.plainText) return { value: text };
  if (text.startsWith("=")) return { formula: text };
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) {
    const n = Number(trimmed);
    return { value: Object.is(n, -0) ? 0 : n };
  }
  if (opts.extended) {
    const extended = parseExtended(trimmed, opts.timeZone);
    if (extended !== undefined) return { value: extended };
  }
  if (/^[+\-@]/.test(text)) return { formula: `=${text}`, formulaError: true };
  return { value: text };
}

function parseExtended(text: string, tz: string): Scalar | undefined {
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  const percent = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/.exec(text);
  if (percent) return Number(percent[1]) / 100;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const parts = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : ru
      ? [ru[3], ru[2], ru[1], ru[4], ru[5], ru[6]]
      : undefined;
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return new Date(wallToUtc(Date.UTC(y, mo - 1, d, h, mi, s), tz));
}

/**
 * The Apps Script name of a value's type, as in "The parameters (String,number) don't match the
 * method signature for ...".
 */
export function gasTypeName(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) {
    const inner = v.length > 0 ? gasTypeName(v[0]) : "Object";
    return `${inner === "null" || inner === "undefined" ? "Object" : inner}[]`;
  }
  if (isDate(v)) return "Date";
  switch (typeof v) {
    case "string":
      return "String";
    case "number":
      return "number";
    case "boolean":
      return "Boolean";
    case "function":
      return "Function";
    default: {
      const gasType = (v as { gasType?: unknown }).gasType;
      return typeof gasType === "string" ? gasType : "Object";
    }
  }
}

export interface DisplayOptions {
  numberFormat: string | undefined;
  locale: string;
  timeZone: string;
}

/** What the cell shows (getDisplayValues): the value through its number format. */
export function displayValue(value: Scalar | undefined, opts: DisplayOptions): string {
  if (value === undefined || value === "") return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const ru = opts.locale.toLowerCase().startsWith("ru");
  if (isDate(value)) {
    const pattern = opts.numberFormat ? sheetsDatePattern(opts.numberFormat) : undefined;
    if (pattern) return formatInstant(value.getTime(), opts.timeZone, pattern);
    const offset = tzOffsetMinutes(opts.timeZone, value.getTime());
    const midnight = (value.getTime() + offset * 60000) % 86400000 === 0;
    const datePart = ru ? "dd.MM.yyyy" : "M/d/yyyy";
    return formatInstant(value.getTime(), opts.timeZone, midnight ? datePart : `${datePart} H:mm:ss`);
  }
  return formatNumber(value, opts.numberFormat, ru);
}

function formatNumber(n: number, format: string | undefined, ru: boolean): string {
  const decimalSep = ru ? "," : ".";
  const groupSep = ru ? "\u00a0" : ",";
  const f = format && format !== "@" && !format.startsWith("0.###") ? format : undefined;
  let text: string;
  if (f && /^[#0,]*0(\.0+)?%?$/.test(f)) {
    const percent = f.endsWith("%");
    const decimals = (/\.(0+)/.exec(f)?.[1] ?? "").length;
    text = (percent ? n * 100 : n).toFixed(decimals);
    if (f.includes(",")) text = text.replace(/^(-?\d+)/, (int) => int.replace(/\B(?=(\d{3})+$)/g, "\uE000"));
    if (percent) text += "%";
  } else {
    text = String(n);
  }
  return text.replace(".", decimalSep).replace(/\uE000/g, groupSep);
}

/**
 * Converts a Sheets date/time number format ("dd.mm.yyyy", "yyyy-mm-dd hh:mm") to a Java
 * pattern, or undefined if the format is not a date format. "m"/"mm" is minutes after an hour
 * or before seconds, else month.
 */
export function sheetsDatePattern(format: string): string | undefined {
  const runs = format.match(/"[^"]*"|[a-zA-Z]+|[^a-zA-Z"]+/g) ?? [];
  if (!runs.some((r) => /^[dDyYhHsS]/.test(r))) return undefined;
  const out: string[] = [];
  runs.forEach((run, i) => {
    if (run.startsWith('"')) {
      out.push(`'${run.slice(1, -1).replace(/'/g, "''")}'`);
      return;
    }
    if (!/^[a-zA-Z]/.test(run)) {
      out.push(/[a-zA-Z']/.test(run) ? `'${run.replace(/'/g, "''")}'` : run);
      return;
    }
    const lower = run.toLowerCase();
    const prev = runs
      .slice(0, i)
      .reverse()
      .find((r) => /^[a-zA-Z]/.test(r))
      ?.toLowerCase();
    const next = runs
      .slice(i + 1)
      .find((r) => /^[a-zA-Z]/.test(r))
      ?.toLowerCase();
    switch (lower[0]) {
      case "y":
        out.push(lower.length <= 2 ? "yy" : "yyyy");
        break;
      case "d":
        out.push(lower.length >= 4 ? "EEEE" : lower.length === 3 ? "EEE" : lower);
        break;
      case "h":
        out.push(lower.length >= 2 ? "HH" : "H");
        break;
      case "s":
        out.push(lower.length >= 2 ? "ss" : "s");
        break;
      case "m":
        if (lower.length <= 2 && (prev?.startsWith("h") || next?.startsWith("s"))) out.push(lower);
        else out.push(lower.length >= 4 ? "MMMM" : lower.length === 3 ? "MMM" : lower.toUpperCase());
        break;
      default:
        out.push(`'${run}'`);
    }
  });
  return out.join("");
}
