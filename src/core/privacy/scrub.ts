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

/** Letters: a name never matches inside a longer word («Ильин» in «Ильина»). */
const LETTER = "A-Za-zА-Яа-яЁё";
const NOT_AFTER_LETTER = `(?<![${LETTER}])`;
const NOT_BEFORE_LETTER = `(?![${LETTER}])`;

/** One word of a name: «е» and «ё» alike. */
function wordPattern(word: string): string {
  return escapeRe(word).replace(/[её]/gi, "[её]");
}

/**
 * A pattern for a written form of a name («Макарова Романа», «Р. С. Макаров»): its words in order,
 * any spacing (none needed after an initial's dot), case ignored, never inside a longer word.
 */
export function formPattern(form: string): string {
  const words = form
    .trim()
    .replace(/\.(?=\S)/g, ". ")
    .split(/\s+/)
    .filter(Boolean);
  let out = "";
  words.forEach((w, i) => {
    if (i > 0) out += words[i - 1].endsWith(".") ? "[\\s\\u00a0]*" : "[\\s\\u00a0]+";
    out += wordPattern(w);
  });
  return `${NOT_AFTER_LETTER}${out}${endGuard(words)}`;
}

function endGuard(words: string[]): string {
  return words.length > 0 && words[words.length - 1].endsWith(".") ? "" : NOT_BEFORE_LETTER;
}

/** A pattern for a full name: any spacing, «е» and «ё» alike, case ignored. */
function namePattern(name: string): string {
  return formPattern(name);
}

/** «Орлова Марина Сергеевна» → patterns of «Орлова М. С.» and «Орлова М.С.». */
function shortNamePattern(name: string): string | null {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return null;
  const initials = parts
    .slice(1, 3)
    .map((p) => `${p[0]}.`)
    .join(" ");
  return formPattern(`${parts[0]} ${initials}`);
}

/**
 * A phone found by its digits, however written: «+7 (912) 345-67-89», «8-912-345-67-89» and
 * «89123456789» are one number (a Russian number's trunk +7, 7 or 8 is optional); never inside a
 * longer run of digits.
 */
export function phonePattern(phone: string): string | null {
  let digits = phone.replace(/\D/g, "");
  if (digits.length === 11 && /^[78]/.test(digits)) digits = digits.slice(1);
  if (digits.length < 7) return null;
  const sep = "[\\s\\u00a0()\\-.]*";
  const trunk = digits.length === 10 ? `(?:(?:\\+\\s*7|7|8)${sep})?` : "";
  return `(?<![\\d+])${trunk}${digits.split("").join(sep)}(?!\\d)`;
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
  /** Other written forms of the names (declined, reordered, initials): see nameForms in documents/names.ts. */
  forms?: string[];
}

/** Removes every occurrence of the targets from texts. */
export class Scrubber {
  private readonly patterns: { re: RegExp; by: string }[] = [];

  constructor(readonly targets: ScrubTargets) {
    const add = (pattern: string, by: string) => this.patterns.push({ re: new RegExp(pattern, "gi"), by });
    for (const e of targets.emails) if (e.trim() !== "") add(escapeRe(e.trim()), ERASED_TEXT);
    // Longest forms first: «Макарова Романа Сергеевича» goes whole, not leaving «Сергеевича».
    const names = new Set<string>();
    for (const n of targets.names) if (n.trim().length >= 4) names.add(namePattern(n));
    for (const n of targets.shortNames) {
      const p = shortNamePattern(n);
      if (p) names.add(p);
    }
    for (const f of targets.forms ?? []) if (f.replace(/[\s.]/g, "").length >= 3) names.add(formPattern(f));
    for (const p of [...names].sort((a, b) => b.length - a.length)) add(p, ERASED_NAME);
    for (const phone of targets.phones) {
      const p = phonePattern(phone);
      if (p) add(p, ERASED_TEXT);
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
