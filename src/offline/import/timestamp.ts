/**
 * Submission times as they come in exports, parsed into wall-clock Dates (the school zone's clock
 * encoded in the UTC fields, as everywhere in core). No Date parsing of strings and no machine zone.
 */

import { fromSerialToSecond } from "../../core/dates";
import type { RawCell } from "./types";

/** How a "A/B/YYYY" date is read: Google's English accounts write M/D/YYYY. */
export type SlashOrder = "mdy" | "dmy";

export interface ParsedTimestamp {
  date: Date;
  /** A zone suffix that was present and ignored ("GMT+3", "Z", "+03:00"), or null. */
  zone: string | null;
}

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?\s*[Mm]\.?)?)?`;
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})г?\.?${TIME}$`);
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`);
const ZONE = /\s*(?:(?:GMT|UTC|МСК|MSK)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?|Z|[+-]\d{2}:?\d{2})$/i;

/** Splits a zone suffix off a timestamp text. */
function splitZone(text: string): { body: string; zone: string | null } {
  // A bare "-0300"-like tail must not eat the seconds of "14:03:12": require a time before it.
  const m = ZONE.exec(text);
  if (!m || m.index === 0) return { body: text, zone: null };
  const body = text.slice(0, m.index);
  if (!/\d$/.test(body) && !/[AaPp]\.?\s*[Mm]\.?$/.test(body)) return { body: text, zone: null };
  if (/^[+-]/.test(m[0].trim()) && !/\d:\d{2}(?::\d{2})?$/.test(body)) return { body: text, zone: null };
  return { body, zone: m[0].trim() };
}

function build(
  year: number,
  month: number,
  day: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  ampm: string | undefined,
): Date | null {
  if (year < 100) year += 2000;
  let hour = hh === undefined ? 0 : Number(hh);
  const minute = mm === undefined ? 0 : Number(mm);
  const second = ss === undefined ? 0 : Number(ss);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm.toLowerCase() === "p";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** A text timestamp → wall-clock Date; null when it is not one. */
export function parseTimestampText(text: string, slashOrder: SlashOrder = "mdy"): ParsedTimestamp | null {
  const cleaned = text.replace(/[\s\u00a0]+/g, " ").trim();
  if (!cleaned) return null;
  const { body, zone } = splitZone(cleaned);
  let m = DOTTED.exec(body);
  if (m) return wrap(build(Number(m[3]), Number(m[2]), Number(m[1]), m[4], m[5], m[6], m[7]), zone);
  m = ISO.exec(body) ?? YMD_SLASH.exec(body);
  if (m) return wrap(build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]), zone);
  m = SLASHED.exec(body);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [month, day] = slashOrder === "mdy" ? [a, b] : [b, a];
    return wrap(build(Number(m[3]), month, day, m[4], m[5], m[6], m[7]), zone);
  }
  return null;
}

function wrap(date: Date | null, zone: string | null): ParsedTimestamp | null {
  return date ? { date, zone } : null;
}

/** An Excel serial day number → wall-clock Date (seconds rounded); null outside 1954–2119. */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 20000 || serial > 80000) return null;
  return fromSerialToSecond(serial);
}

/** Any cell of a timestamp column → wall-clock Date; null when blank or not a time. */
export function parseTimestampCell(cell: RawCell, slashOrder: SlashOrder = "mdy"): ParsedTimestamp | null {
  if (cell === null || cell === undefined || typeof cell === "boolean") return null;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : { date: new Date(cell.getTime()), zone: null };
  }
  if (typeof cell === "number") {
    const date = excelSerialToDate(cell);
    return date ? { date, zone: null } : null;
  }
  return parseTimestampText(cell, slashOrder);
}

/**
 * The order of "A/B/YYYY" dates in a column: D/M when some first part exceeds 12 (a British or
 * Russian locale), otherwise M/D as Google's English accounts write it.
 */
export function detectSlashOrder(values: RawCell[]): SlashOrder {
  for (const v of values) {
    if (typeof v !== "string") continue;
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/\d{2,4}/.exec(v);
    if (m && Number(m[1]) > 12) return "dmy";
  }
  return "mdy";
}
