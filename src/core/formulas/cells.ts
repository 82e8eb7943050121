/**
 * Live figures written twice from one definition: as a spreadsheet formula and as the value core
 * computes for it. Every figure of «Сводка» and of «Показатели» is an `Expr` built here, so the
 * formula a curator sees and the number `mentor summary` prints cannot drift apart.
 *
 * The formulas use only functions Google Sheets, Excel and LibreOffice compute alike (COUNTIFS,
 * SUMIFS, SUMPRODUCT, SMALL, MAX, ROW, INDEX, MATCH, ROUND, IF, IFERROR, AND, ISNUMBER, COUNTIF),
 * over bounded ranges (rows 3..LAST_ROW) found by the hidden key row at build time. The value side
 * follows the engines' rules exactly:
 * - text matches ignore case, never trim, and never match a number;
 * - COUNTIFS criteria are escaped (`~*`, `~?`, `~~`, a leading `=`) so user text is literal;
 * - numeric criteria see numbers and dates (as serial days), never text;
 * - "<>" means a non-empty cell, "" an empty one.
 */

import { toSerial } from "../dates";
import { type Cell, isDate } from "../ports";
import { columnLetter as letter } from "../workbook/a1";
import { FIRST_DATA_ROW } from "../workbook/repair";
import type { Table } from "../workbook/table";

/** The last sheet row (1-based) a range covers at least, however few rows a sheet holds. */
export const LAST_ROW = 5000;

/**
 * The last sheet row (1-based) the ranges of a sheet holding `dataRows` data rows cover: at least
 * LAST_ROW, and half as many rows again as the sheet holds, rounded up to a thousand, so the ranges
 * grow with the data and keep room for the rows added before the formulas are next written.
 */
export function lastRowFor(dataRows: number): number {
  const wanted = FIRST_DATA_ROW + Math.ceil(dataRows * 1.5);
  return Math.max(LAST_ROW, Math.ceil(wanted / 1000) * 1000);
}

/** A formula's value as the engines give it: a number, a text, or "" for an empty text. */
export type Value = number | string;

/** A formula fragment (no leading "=") and the value it computes. */
export interface Expr {
  f: string;
  v: Value;
}

/**
 * A sheet read once, its columns by key, its data rows. The ranges cover sheet rows
 * FIRST_DATA_ROW+1 .. `last` (lastRowFor of the rows read unless given); the rows below the last
 * one read, down to `last`, are blank: the ranges cover them too.
 */
export interface Source {
  sheet: string;
  columns: Record<string, number>;
  rows: Cell[][];
  /** The last sheet row (1-based) the ranges cover. */
  last?: number;
}

export function sourceOf(t: Table): Source {
  return { sheet: t.sheet, columns: t.columns, rows: t.rows, last: lastRowFor(t.rows.length) };
}

/** The last sheet row the ranges of a source cover. */
export function lastRowOf(s: Source): number {
  return s.last ?? lastRowFor(s.rows.length);
}

/** Data rows covered by a source's ranges. */
function dataRowsOf(s: Source): number {
  return lastRowOf(s) - FIRST_DATA_ROW;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function colIndex(s: Source, col: string): number {
  const c = s.columns[col];
  if (c === undefined) throw new Error(`Unknown column ${col} on ${s.sheet}`);
  return c;
}

/** The data range of a column: 'Лист'!$C$3:$C$5000 (further down on a longer sheet). */
export function range(s: Source, col: string): string {
  const l = letter(colIndex(s, col));
  return `${quoteSheet(s.sheet)}!$${l}$${FIRST_DATA_ROW + 1}:$${l}$${lastRowOf(s)}`;
}

/** The column from sheet row 1, for INDEX by sheet row number: 'Лист'!$C$1:$C$5000. */
export function fullRange(s: Source, col: string): string {
  const l = letter(colIndex(s, col));
  return `${quoteSheet(s.sheet)}!$${l}$1:$${l}$${lastRowOf(s)}`;
}

export function cellOf(s: Source, row: number, col: string): Cell {
  const v = s.rows[row]?.[colIndex(s, col)];
  return v === undefined || v === null ? "" : v;
}

// ---------------------------------------------------------------------------------------------
// Values as the engines see them

/** A date as a spreadsheet serial day (the engines' own name for `toSerial`). */
export const serial = toSerial;

/** A cell as a number for numeric criteria: numbers and dates; null for text, blanks, booleans. */
export function numeric(v: Cell): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (isDate(v)) return serial(v);
  return null;
}

const lower = (s: string) => s.toLowerCase();

/** The text of a cell as `&""` gives it (text lists only: numbers in general format). */
export function asText(v: Cell): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isDate(v)) return String(serial(v));
  return "";
}

function textEquals(v: Cell, want: string): boolean {
  return typeof v === "string" && lower(v) === lower(want);
}

/** True for text a COUNTIFS criterion would read as a number ("1", " 2,5"…). */
function numberLike(s: string): boolean {
  return /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?\s*$/i.test(s);
}

function wildcardRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".indexOf(pattern[i + 1]) >= 0) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

/**
 * Whether a cell meets a COUNTIFS criterion given as text (what `range&""` hands it): an optional
 * operator (=, <>, <, <=, >, >=), wildcards * and ? with ~ as escape, case ignored.
 */
export function criterionMatches(v: Cell, criterion: string): boolean {
  const m = /^(<>|<=|>=|=|<|>)?([\s\S]*)$/.exec(criterion)!;
  const op = m[1] ?? "";
  const operand = m[2];
  if (op === "" || op === "=" || op === "<>") {
    let hit: boolean;
    if (operand === "") hit = v === "";
    else if (numberLike(operand)) {
      const n = Number(operand.trim().replace(",", "."));
      hit = numeric(v) === n || textEquals(v, operand);
    } else hit = typeof v === "string" && wildcardRegex(operand).test(v);
    return op === "<>" ? !hit : hit;
  }
  const n = numberLike(operand) ? Number(operand.trim().replace(",", ".")) : null;
  if (n !== null) {
    const x = numeric(v);
    if (x === null) return false;
    return op === "<" ? x < n : op === "<=" ? x <= n : op === ">" ? x > n : x >= n;
  }
  if (typeof v !== "string") return false;
  const a = lower(v);
  const b = lower(operand);
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

// ---------------------------------------------------------------------------------------------
// Formula text

/** A text literal in a formula. */
export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number literal in a formula. */
export function numLiteral(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** User text as a COUNTIFS criterion that matches it literally. */
export function literalCriterion(text: string): string {
  const escaped = text.replace(/[~*?]/g, "~$&");
  return /^[=<>]/.test(escaped) ? `=${escaped}` : escaped;
}

export const lit = {
  num: (n: number): Expr => ({ f: numLiteral(n), v: n }),
  text: (s: string): Expr => ({ f: str(s), v: s }),
  /** DATE(y,m,d) and its serial day. */
  date: (y: number, m: number, d: number): Expr => ({
    f: `DATE(${y},${m},${d})`,
    v: serial(new Date(Date.UTC(y, m - 1, d))),
  }),
};

/** A reference to a cell of the sheet being built and the value it will hold. */
export function ref(a1: string, v: Value): Expr {
  return { f: a1, v };
}

// ---------------------------------------------------------------------------------------------
// Conditions on one row

export type Cond =
  /** Text equal (case ignored). */
  | { col: string; is: string }
  /** Not that text (blanks and numbers included). */
  | { col: string; isNot: string }
  /** A number equal to (numbers and dates only). */
  | { col: string; equals: number }
  /** Text of a code such as "1": equals the number 1 or the text "1" (COUNTIFS only). */
  | { col: string; code: string }
  | { col: string; filled: true }
  | { col: string; empty: true }
  /** Text containing (case ignored; COUNTIFS only). */
  | { col: string; contains: string }
  /** Not matching a wildcard pattern (* and ?), blanks and numbers included (COUNTIFS only). */
  | { col: string; unlike: string }
  /** Numeric comparison with a live value (numbers and dates only). */
  | { col: string; cmp: ">=" | "<=" | ">" | "<"; to: Expr }
  /** Text equal to a label cell of the sheet being built (SUMPRODUCT only). */
  | { col: string; sameAs: Expr };

function condHolds(s: Source, row: number, c: Cond): boolean {
  const v = cellOf(s, row, c.col);
  if ("is" in c) return textEquals(v, c.is);
  if ("isNot" in c) return !textEquals(v, c.isNot);
  if ("equals" in c) return numeric(v) === c.equals;
  if ("code" in c) return criterionMatches(v, c.code);
  if ("filled" in c) return v !== "";
  if ("empty" in c) return v === "";
  if ("contains" in c) return typeof v === "string" && lower(v).indexOf(lower(c.contains)) >= 0;
  if ("unlike" in c) return !(typeof v === "string" && wildcardRegex(c.unlike).test(v));
  if ("cmp" in c) {
    const x = numeric(v);
    const to = c.to.v;
    if (x === null || typeof to !== "number") return false;
    return c.cmp === ">=" ? x >= to : c.cmp === "<=" ? x <= to : c.cmp === ">" ? x > to : x < to;
  }
  return textEquals(v, String(c.sameAs.v));
}

/** Whether a data row meets every condition. */
export function rowHolds(s: Source, row: number, conds: Cond[]): boolean {
  for (const c of conds) if (!condHolds(s, row, c)) return false;
  return true;
}

/** Data rows (0-based among data rows, down to the source's last row) that meet every condition, in sheet order. */
export function matchingRows(s: Source, conds: Cond[]): number[] {
  const out: number[] = [];
  const covered = dataRowsOf(s);
  const read = Math.min(s.rows.length, covered);
  for (let r = 0; r < read; r++) if (rowHolds(s, r, conds)) out.push(r);
  // The blank rows below: all of them or none.
  if (read < covered && rowHolds(s, covered, conds)) for (let r = read; r < covered; r++) out.push(r);
  return out;
}

function countifsCriterion(c: Cond): string {
  if ("is" in c) {
    if (awkward(c.is)) throw new Error(`Not a COUNTIFS text criterion: ${c.is}`);
    return str(literalCriterion(c.is));
  }
  if ("isNot" in c) {
    if (awkward(c.isNot)) throw new Error(`Not a COUNTIFS text criterion: ${c.isNot}`);
    return str(`<>${c.isNot.replace(/[~*?]/g, "~$&")}`);
  }
  if ("equals" in c) return numLiteral(c.equals);
  if ("code" in c) return str(c.code);
  if ("filled" in c) return str("<>");
  if ("empty" in c) return str("");
  if ("contains" in c) return str(`*${c.contains.replace(/[~*?]/g, "~$&")}*`);
  if ("unlike" in c) return str(`<>${c.unlike}`);
  if ("cmp" in c) return `${str(c.cmp)}&${c.to.f}`;
  throw new Error("A label-cell condition needs SUMPRODUCT");
}

/** One condition as a 0/1 array factor of SUMPRODUCT. */
function productFactor(s: Source, c: Cond): string {
  const r = range(s, c.col);
  if ("is" in c) return `(${r}=${str(c.is)})`;
  if ("isNot" in c) return `(${r}<>${str(c.isNot)})`;
  if ("equals" in c) return `ISNUMBER(${r})*(${r}=${numLiteral(c.equals)})`;
  if ("filled" in c) return `(${r}<>"")`;
  if ("empty" in c) return `(${r}="")`;
  if ("cmp" in c) return `ISNUMBER(${r})*(${r}${c.cmp}${c.to.f})`;
  if ("sameAs" in c) return `(${r}=${c.sameAs.f})`;
  if ("unlike" in c && !/[*~]/.test(c.unlike)) {
    // Only ? and literal characters: the length and each literal character.
    const fixed = c.unlike
      .split("")
      .map((ch, i) => (ch === "?" ? "" : `*(MID(${r},${i + 1},1)=${str(ch)})`))
      .join("");
    return `(1-(LEN(${r})=${c.unlike.length})${fixed})`;
  }
  throw new Error("A code, contains or unlike (with *) condition needs COUNTIFS");
}

/**
 * Text a COUNTIFS criterion cannot carry literally: it reads like a number (and would match
 * numbers too), or it is longer than Excel's 255 characters.
 */
function awkward(text: string): boolean {
  return numberLike(text) || text.length > 200;
}

function needsProduct(conds: Cond[]): boolean {
  return conds.some(
    (c) => "sameAs" in c || ("is" in c && awkward(c.is)) || ("isNot" in c && awkward(c.isNot)),
  );
}

/** The 0/1 product of conditions, for use inside SUMPRODUCT. */
export function product(s: Source, conds: Cond[]): string {
  return conds.map((c) => productFactor(s, c)).join("*");
}

/** How many data rows meet every condition: COUNTIFS, or SUMPRODUCT for label cells. */
export function count(s: Source, conds: Cond[]): Expr {
  if (conds.length === 0) throw new Error("count needs a condition");
  const v = matchingRows(s, conds).length;
  if (needsProduct(conds)) return { f: `SUMPRODUCT(1*${product(s, conds)})`, v };
  return { f: `COUNTIFS(${conds.map((c) => `${range(s, c.col)},${countifsCriterion(c)}`).join(",")})`, v };
}

/** The sum of a column's numbers (and dates) over the rows meeting every condition: SUMIFS. */
export function sumIfs(s: Source, col: string, conds: Cond[]): Expr {
  if (needsProduct(conds)) throw new Error("sumIfs takes COUNTIFS criteria only");
  let v = 0;
  for (const r of matchingRows(s, conds)) v += numeric(cellOf(s, r, col)) ?? 0;
  const crit = conds.map((c) => `${range(s, c.col)},${countifsCriterion(c)}`).join(",");
  return { f: `SUMIFS(${range(s, col)},${crit})`, v };
}

/**
 * Rows meeting `common` and any one of `variants` (variants must exclude each other, e.g. two
 * values of one column): a sum of COUNTIFS.
 */
export function countAny(s: Source, common: Cond[], variants: Cond[][]): Expr {
  return sum(variants.map((v) => ({ sign: 1 as const, e: count(s, [...common, ...v]) })));
}

/** Σ sign × term, as "(a+b-c)". */
export function sum(terms: { sign: 1 | -1; e: Expr }[]): Expr {
  if (terms.length === 1 && terms[0].sign === 1) return terms[0].e;
  let v = 0;
  let f = "";
  terms.forEach((t, i) => {
    v += t.sign * Number(t.e.v);
    f += (t.sign < 0 ? "-" : i === 0 ? "" : "+") + t.e.f;
  });
  return { f: `(${f})`, v };
}

/** Excel's ROUND(x, digits) for the values used here (half away from zero, decimal halves). */
export function round(x: number, digits: number): number {
  const p = 10 ** digits;
  const scaled = Number((Math.abs(x) * p).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / p;
}

/** 100 × part ÷ whole, one decimal; "" when the whole is not above zero. */
export function percent(part: Expr, whole: Expr, digits = 1): Expr {
  const w = Number(whole.v);
  const v = typeof whole.v === "number" && w > 0 ? round((100 * Number(part.v)) / w, digits) : "";
  return { f: `IF(${whole.f}>0,ROUND(100*${part.f}/${whole.f},${digits}),"")`, v };
}

/**
 * Distinct values of `col` (case ignored, as MATCH compares) among the rows meeting `common` and
 * one of `variants`: a row counts when it is the first of its value —
 * SUMPRODUCT(m × (MATCH(key, keys, 0) = its index)), keys being "|" & the value where the row
 * qualifies, with * ? ~ replaced so that no engine reads them as wildcards.
 */
export function countDistinct(s: Source, col: string, common: Cond[], variants: Cond[][]): Expr {
  const members = new Set<number>();
  for (const v of variants) for (const r of matchingRows(s, [...common, ...v])) members.add(r);
  const seen = new Set<string>();
  for (const i of [...members].sort((a, b) => a - b)) seen.add(lower(asText(cellOf(s, i, col))));
  const m = `${product(s, common)}*(${variants.map((v) => product(s, v)).join("+")})`;
  const r = range(s, col);
  // Wildcard characters are replaced (injectively) so MATCH compares plain text everywhere.
  const plain = (x: string) =>
    `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},"¤","¤0"),"~","¤1"),"*","¤2"),"?","¤3")`;
  const keys = plain(`"|"&REPT(${r},${m})`);
  return {
    f: `SUMPRODUCT(${m}*(MATCH(${keys},${keys},0)=ROW(${r})-${FIRST_DATA_ROW}))`,
    v: seen.size,
  };
}

/**
 * The sheet row (1-based) of the k-th data row meeting the conditions, or "" when fewer match.
 * `matches` is a cell counting them (to skip the search when there are fewer).
 */
export function kthRow(s: Source, conds: Cond[], k: number, matches: Expr): Expr {
  const rows = matchingRows(s, conds);
  const v = rows.length >= k ? rows[k - 1] + FIRST_DATA_ROW + 1 : "";
  const p = product(s, conds);
  const anyRange = range(s, conds[0].col);
  return {
    f: `IF(${matches.f}<${k},"",SUMPRODUCT(SMALL(${p}*ROW(${anyRange})+(1-${p})*1000000,${k})))`,
    v,
  };
}

/** The last sheet row (1-based) of a data row meeting the conditions, or 0. */
export function lastRow(s: Source, conds: Cond[]): Expr {
  const rows = matchingRows(s, conds);
  const v = rows.length > 0 ? rows[rows.length - 1] + FIRST_DATA_ROW + 1 : 0;
  return { f: `SUMPRODUCT(MAX(${product(s, conds)}*ROW(${range(s, conds[0].col)})))`, v };
}

/** A column's text at a sheet row held in `row` ("" for none): INDEX(…)&"". */
export function textAt(s: Source, col: string, row: Expr): Expr {
  const v =
    typeof row.v === "number" && row.v > FIRST_DATA_ROW
      ? asText(cellOf(s, row.v - FIRST_DATA_ROW - 1, col))
      : "";
  return { f: `IF(${row.f}="","",INDEX(${fullRange(s, col)},${row.f})&"")`, v };
}

/**
 * A column's cell at a sheet row held in `row`: its number or text; `none` when the row is 0,
 * `blank` when the cell is empty.
 */
export function valueAt(s: Source, col: string, row: Expr, none: string, blank: string): Expr {
  const at = `INDEX(${fullRange(s, col)},${row.f})`;
  let v: Value = none;
  if (typeof row.v === "number" && row.v > FIRST_DATA_ROW) {
    const c = cellOf(s, row.v - FIRST_DATA_ROW - 1, col);
    v =
      c === ""
        ? blank
        : typeof c === "number"
          ? c
          : isDate(c)
            ? serial(c)
            : typeof c === "string"
              ? c
              : c
                ? 1
                : 0;
  }
  return { f: `IF(${row.f}=0,${str(none)},IF(${at}="",${str(blank)},${at}))`, v };
}

/** Two text columns at a sheet row held in `row`, joined by `sep` ("" for none). */
export function textsAt(s: Source, cols: string[], sep: string, row: Expr): Expr {
  const ok = typeof row.v === "number" && row.v > FIRST_DATA_ROW;
  const v = ok ? cols.map((c) => asText(cellOf(s, (row.v as number) - FIRST_DATA_ROW - 1, c))).join(sep) : "";
  const parts = cols.map((c) => `INDEX(${fullRange(s, c)},${row.f})`).join(`&${str(sep)}&`);
  return { f: `IF(${row.f}="","",${parts})`, v };
}

export { letter };
