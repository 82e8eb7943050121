/**
 * Building blocks of «Отозвать согласие» (152-ФЗ): what replaces a person's data, and a text
 * scrubber that removes their e-mail, names and phone from free text anywhere in the workbook.
 */
import { isBlank } from "../cells";
import { toCalendarDate, utcDate } from "../dates";
import type { Cell } from "../ports";

/** What a participant's name becomes: not empty, so anonymous counts (indicators) still see a row. */
export const ERASED_NAME = "[данные удалены]";
/** What a removed e-mail, phone or fragment of text becomes inside a longer text. */
export const ERASED_TEXT = "[удалено]";
/** The mark left on an anonymised record (with the date). */
export const ERASED_MARK = "Данные удалены по отзыву согласия";
/** Eligibility of an anonymised participant: never matched again. */
export const ERASED_ELIGIBILITY = "нет — согласие на обработку персональных данных отозвано";

/**
 * A birth date reduced to its school cohort: 1 September of the year that ends the cohort
 * (born 02.09.(X−1) … 01.09.X → 01.09.X). Every «aged N on 1 September» test (indicators 1 and 2)
 * gives the same answer for the cohort date as for the exact one, so the counts do not change,
 * while the day and month of birth are gone. null when the cell is not a date.
 */
export function cohortBirthDate(v: Cell): Date | null {
  const d = toCalendarDate(v);
  if (!d) return null;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const end = m < 9 || (m === 9 && day === 1) ? y : y + 1;
  return utcDate(end, 9, 1);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern for a name: any spacing, «е» and «ё» alike, case ignored. */
function namePattern(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((part) => escapeRe(part).replace(/[её]/gi, "[её]"))
    .join("[\\s\\u00a0]+");
}

/** «Орлова Марина Сергеевна» → patterns of «Орлова М. С.» and «Орлова М.С.». */
function shortNamePattern(name: string): string | null {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return null;
  const initials = parts
    .slice(1, 3)
    .map((p) => `${escapeRe(p[0]).replace(/[её]/gi, "[её]")}\\.`)
    .join("\\s*");
  return `${escapeRe(parts[0]).replace(/[её]/gi, "[её]")}[\\s\\u00a0]+${initials}`;
}

/** A name's short form «Фамилия И. О.», normalised for comparison. */
export function shortNameKey(name: string): string {
  const parts = name.trim().toLowerCase().replace(/ё/g, "е").split(/\s+/);
  if (parts.length < 2) return "";
  return `${parts[0]} ${parts
    .slice(1, 3)
    .map((p) => p[0])
    .join("")}`;
}

/** A full name normalised for comparison (case, ё, spacing). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
}

export interface ScrubTargets {
  emails: string[];
  /** Full names to remove (only those that identify this person alone: see erase.ts). */
  names: string[];
  /** Short forms («Фамилия И. О.») to remove, as full names whose short form is unambiguous. */
  shortNames: string[];
  phones: string[];
}

/** Removes every occurrence of the targets from texts. */
export class Scrubber {
  private readonly patterns: { re: RegExp; by: string }[] = [];

  constructor(readonly targets: ScrubTargets) {
    const add = (pattern: string, by: string) => this.patterns.push({ re: new RegExp(pattern, "gi"), by });
    for (const e of targets.emails) if (e.trim() !== "") add(escapeRe(e.trim()), ERASED_TEXT);
    for (const n of targets.names) if (n.trim().length >= 4) add(namePattern(n), ERASED_NAME);
    for (const n of targets.shortNames) {
      const p = shortNamePattern(n);
      if (p) add(p, ERASED_NAME);
    }
    for (const p of targets.phones) {
      const digits = p.replace(/\D/g, "");
      if (digits.length >= 7) add(escapeRe(p.trim()), ERASED_TEXT);
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** The text without the targets; the same string when none occurs. */
  text(s: string): string {
    let out = s;
    for (const { re, by } of this.patterns) {
      re.lastIndex = 0;
      if (re.test(out)) {
        re.lastIndex = 0;
        out = out.replace(re, by);
      }
    }
    return out;
  }

  /** True when a text holds any target. */
  hits(s: string): boolean {
    for (const { re } of this.patterns) {
      re.lastIndex = 0;
      if (re.test(s)) return true;
    }
    return false;
  }

  /** A cell without the targets (strings only; numbers, dates and booleans are left). */
  cell(v: Cell): Cell {
    return typeof v === "string" && !isBlank(v) ? this.text(v) : v;
  }
}
