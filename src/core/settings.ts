/**
 * «Настройки» as typed values. The sheet is read once; every value is parsed robustly, because a
 * curator types whatever looks right: a date as a real date or as «01.09.2026» text, a number as a
 * number or as «7 дней», a yes/no as «да», «Нет», TRUE. What cannot be read falls back to the
 * template's default and is reported in `warnings` (Russian, for the curator).
 */
import { cellBool, cellDate, cellNumber, cellText } from "./cells";
import {
  DEFAULT_SCHOOL_TIME_ZONE,
  parseSchoolYear,
  schoolTimeZone,
  schoolTimeZoneLabel,
  schoolYearLabel,
  schoolYearStartYear,
  utcDate,
} from "./dates";
import type { Cell, WorkbookPort } from "./ports";
import { sheetTemplate } from "./templates/load";
import type { SettingKey } from "./workbook/keys.generated";
import { Table } from "./workbook/table";

export interface MatchWeights {
  subject: number;
  competencies: number;
  interests: number;
  ageGroup: number;
  time: number;
  roleModel: number;
  preference: number;
  mutual: number;
}

export interface Settings {
  schoolName: string;
  schoolShort: string;
  schoolCity: string;
  /** First calendar year of the school year («2026/2027» → 2026); null when unknown. */
  schoolYear: number | null;
  /** «2026/2027», "" when unknown. */
  schoolYearLabel: string;
  /** 1 September of the school year; null when unknown. */
  schoolYearStart: Date | null;
  /** 31 August of the next calendar year; null when unknown. */
  schoolYearEnd: Date | null;
  /** Calendar dates (midnight UTC). Default: 1 September and 31 May of the school year. */
  programStart: Date | null;
  programEnd: Date | null;
  curatorName: string;
  /** "" when not set or not an address. */
  curatorEmail: string;
  curatorEditors: string[];
  directorName: string;
  directorEmail: string;
  psychologistName: string;
  psychologistEmail: string;
  departmentName: string;
  /** «Начальник» (the addressee of the report, nominative). */
  departmentHeadPosition: string;
  departmentHead: string;
  departmentEmail: string;
  /** IANA zone of «Часовой пояс» (a Russian label of SCHOOL_TIME_ZONES), «Europe/Moscow» by default. */
  timeZone: string;
  meetingsPerMonth: number;
  stallDays: number;
  /** Remind about roadmap deadlines this many days ahead. */
  reminderDays: number;
  satisfiedThreshold: number;
  matchMode: string;
  matchThreshold: number;
  requireTraining: boolean;
  weights: MatchWeights;
  /** Every parameter by its code, as stored (settings added later are here too). */
  values: Record<string, Cell>;
  /** Russian messages about values that could not be read; defaults were used for them. */
  warnings: string[];
}

export interface ReadSettingsOptions {
  /** Today (a calendar date): the school year when «Учебный год» is blank or unreadable. */
  today?: Date;
}

// ---------------------------------------------------------------------------------------------
// Parsers of one value, usable on any cell (the cell readers are core/cells.ts)

const EMAIL = /^(?![=+\-@.])[^\s@,;:<>"()[\]\\]+@[^\s@,;:<>"()[\]\\]+\.[^\s@,;:<>"()[\]\\.]{2,}$/;

/**
 * True for one plausible e-mail address: no spaces, quotes, brackets, commas, colons or a second
 * «@», a dotted domain, and no leading «=», «+», «-» (a formula such as
 * =HYPERLINK("mailto:a@b.ru";"почта") is not an address).
 */
export function isEmail(s: string): boolean {
  return EMAIL.test(s.trim());
}

/**
 * Addresses from a cell: separated by commas, semicolons, spaces or new lines, «Имя <a@b.ru>»
 * accepted, lower-cased, deduplicated. `invalid` lists what is not an address.
 */
export function parseEmails(v: Cell | undefined): { emails: string[]; invalid: string[] } {
  const text = cellText(v).replace(/mailto:/gi, "");
  const emails: string[] = [];
  const invalid: string[] = [];
  const angled = text.replace(/[^,;<>]*<([^>]+)>/g, (_all, a: string) => ` ${a} `);
  for (const part of angled.split(/[\s,;]+/)) {
    const p = part.trim().replace(/^[<(«"']+|[>)»"'.]+$/g, "");
    if (p === "") continue;
    if (isEmail(p)) {
      const lower = p.toLowerCase();
      if (emails.indexOf(lower) < 0) emails.push(lower);
    } else invalid.push(p);
  }
  return { emails, invalid };
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** The parameters of «Настройки» by code, read in one batch. */
export function readSettingValues(wb: WorkbookPort): Record<string, Cell> {
  const table = Table.load(wb, "settings");
  const out: Record<string, Cell> = Object.create(null);
  for (const r of table.rowIndexes()) {
    const key = String(table.get(r, "key")).trim();
    if (key !== "" && !(key in out)) out[key] = table.get(r, "value");
  }
  return out;
}

/** The template default of a parameter (numbers and texts of sheets-templates/workbook.json). */
function templateDefault(key: SettingKey): Cell | undefined {
  const row = (sheetTemplate("settings").rows ?? []).find((r) => r.key === key);
  return row?.value;
}

/** Reads «Настройки» (one read) into typed values. */
export function readSettings(wb: WorkbookPort, options: ReadSettingsOptions = {}): Settings {
  return parseSettings(readSettingValues(wb), options);
}

/** Typed settings from raw values by code (for callers that already hold them). */
export function parseSettings(values: Record<string, Cell>, options: ReadSettingsOptions = {}): Settings {
  const warnings: string[] = [];
  const param = (key: SettingKey) => {
    const row = (sheetTemplate("settings").rows ?? []).find((r) => r.key === key);
    return row ? `«${String(row.param)}»` : `«${key}»`;
  };
  const text = (key: SettingKey) => cellText(values[key]);

  const number = (key: SettingKey, min: number, max: number): number => {
    const fallback = Number(templateDefault(key) ?? min);
    const raw = values[key];
    if (raw === undefined || cellText(raw) === "") return fallback;
    const n = cellNumber(raw);
    if (n === null || n < min || n > max) {
      warnings.push(
        `Параметр ${param(key)}: значение «${cellText(raw)}» не число от ${min} до ${max}; используется ${fallback}.`,
      );
      return fallback;
    }
    return n;
  };

  const email = (key: SettingKey): string => {
    const raw = values[key];
    if (raw === undefined || cellText(raw) === "") return "";
    const { emails, invalid } = parseEmails(raw);
    if (emails.length === 0 || invalid.length > 0)
      warnings.push(`Параметр ${param(key)}: «${cellText(raw)}» не похож на адрес электронной почты.`);
    return emails[0] ?? "";
  };

  const date = (key: SettingKey): Date | null => {
    const raw = values[key];
    if (raw === undefined || cellText(raw) === "") return null;
    const d = cellDate(raw);
    if (!d) warnings.push(`Параметр ${param(key)}: «${cellText(raw)}» не дата (ожидается ДД.ММ.ГГГГ).`);
    return d;
  };

  // School year: as written, else from the program start, else from today.
  let schoolYear: number | null = null;
  const yearText = text("school_year");
  if (yearText !== "") {
    schoolYear = parseSchoolYear(yearText);
    if (schoolYear === null && /^\d{4}$/.test(yearText)) schoolYear = Number(yearText);
    if (schoolYear === null)
      warnings.push(
        `Параметр ${param("school_year")}: «${yearText}» — ожидается учебный год вида 2026/2027.`,
      );
  }
  let programStart = date("program_start");
  let programEnd = date("program_end");
  if (schoolYear === null && programStart) schoolYear = schoolYearStartYear(programStart);
  if (schoolYear === null && options.today) schoolYear = schoolYearStartYear(options.today);
  if (schoolYear !== null) {
    if (!programStart) programStart = utcDate(schoolYear, 9, 1);
    if (!programEnd) programEnd = utcDate(schoolYear + 1, 5, 31);
  }
  if (programStart && programEnd && programEnd.getTime() < programStart.getTime()) {
    warnings.push(
      `Окончание программы наставничества раньше её начала: проверьте ${param("program_start")} и ${param("program_end")}.`,
    );
  }

  const zoneText = text("time_zone");
  let timeZone = schoolTimeZone(zoneText);
  if (timeZone === null) {
    if (zoneText !== "")
      warnings.push(
        `Параметр ${param("time_zone")}: «${zoneText}» — выберите часовой пояс из списка; используется «${schoolTimeZoneLabel(DEFAULT_SCHOOL_TIME_ZONE)}».`,
      );
    timeZone = DEFAULT_SCHOOL_TIME_ZONE;
  }

  let requireTraining = false;
  const rawTraining = values.require_training;
  if (rawTraining !== undefined && cellText(rawTraining) !== "") {
    const b = cellBool(rawTraining);
    if (b === null)
      warnings.push(
        `Параметр ${param("require_training")}: «${cellText(rawTraining)}» — ожидается «да» или «нет».`,
      );
    requireTraining = b ?? false;
  }

  const editors = parseEmails(values.curator_editors);
  if (editors.invalid.length > 0)
    warnings.push(`Параметр ${param("curator_editors")}: не адреса: ${editors.invalid.join(", ")}.`);

  return {
    schoolName: text("school_name"),
    schoolShort: text("school_short"),
    schoolCity: text("school_city"),
    schoolYear,
    schoolYearLabel: schoolYear === null ? "" : schoolYearLabel(schoolYear),
    schoolYearStart: schoolYear === null ? null : utcDate(schoolYear, 9, 1),
    schoolYearEnd: schoolYear === null ? null : utcDate(schoolYear + 1, 8, 31),
    programStart,
    programEnd,
    curatorName: text("curator_name"),
    curatorEmail: email("curator_email"),
    curatorEditors: editors.emails,
    directorName: text("director_name"),
    directorEmail: email("director_email"),
    psychologistName: text("psychologist_name"),
    psychologistEmail: email("psychologist_email"),
    departmentName: text("department_name"),
    departmentHeadPosition: text("department_head_position"),
    departmentHead: text("department_head"),
    departmentEmail: email("department_email"),
    timeZone,
    meetingsPerMonth: number("meetings_per_month", 0, 100),
    stallDays: number("stall_days", 0, 365),
    reminderDays: Math.round(number("reminder_days", 0, 365)),
    satisfiedThreshold: number("satisfied_threshold", 1, 10),
    matchMode: text("match_mode") || String(templateDefault("match_mode") ?? ""),
    matchThreshold: number("match_threshold", 0, 100),
    requireTraining,
    weights: {
      subject: number("weight_subject", 0, 1000),
      competencies: number("weight_competencies", 0, 1000),
      interests: number("weight_interests", 0, 1000),
      ageGroup: number("weight_age_group", 0, 1000),
      time: number("weight_time", 0, 1000),
      roleModel: number("weight_role_model", 0, 1000),
      preference: number("weight_preference", 0, 1000),
      mutual: number("weight_mutual", 0, 1000),
    },
    values,
    warnings,
  };
}
