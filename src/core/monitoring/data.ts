import { cellDecimal, isBlank, lowerText, plainText } from "../cells";
import { toCalendarDate, utcDate } from "../dates";
import { type Cell, isDate } from "../ports";
import type { Table } from "../workbook/table";

/**
 * The records monitoring reads, typed once from their sheets. Values are parsed leniently (a
 * curator types dates as text, ratings as «8»); what cannot be read counts as absent, never as 0.
 */

export const SURVEY_ROLE = { mentor: "наставник", mentee: "наставляемый" } as const;
export type SurveyRole = (typeof SURVEY_ROLE)[keyof typeof SURVEY_ROLE];
export const SURVEY_STAGE = { entry: "входная", exit: "итоговая" } as const;

/** A partner organisation's employee (mentor category of «Справочники»): indicator 7. */
export const PARTNER_CATEGORY = "сотрудник организации-партнёра";

/** The scope of the whole program's row in «Мониторинг» (the others are pair IDs). */
export const PROGRAM_SCOPE = "Программа в целом";

export interface PairRecord {
  /** Row index in the «Пары» table. */
  row: number;
  id: string;
  mentorId: string;
  menteeId: string;
  mentorName: string;
  menteeName: string;
  form: string;
  roleModel: string;
  status: string;
  approvedAt: Date | null;
  startDate: Date | null;
  /** When the pair's work is counted from: its start, else its approval. */
  since: Date | null;
  endDate: Date | null;
  outcome: string;
}

export interface PersonRecord {
  row: number;
  id: string;
  email: string;
  name: string;
  category: string;
  status: string;
  interviewDate: Date | null;
  trainingDate: Date | null;
  comment: string;
}

export interface MeetingRecord {
  pairId: string;
  date: Date | null;
  type: string;
  mentorRating: number | null;
  menteeRating: number | null;
}

export interface ReportRecord {
  email: string;
  /** The pair the report is about (a pre-filled link fills it), or "" for all the mentor's pairs. */
  pairId: string;
  /** «MM.YYYY» of the reported month, or null when unreadable. */
  month: string | null;
  /** Months since year 0 (for ranges), or null. */
  monthIndex: number | null;
  menteeActivity: number | null;
  application: number | null;
}

export interface SurveyRecord {
  email: string;
  name: string;
  role: string;
  stage: string;
  submittedAt: Date | null;
  values: Record<string, Cell>;
}

/** A rating of 1–10 (number or its text, «8» or «8,5»); null otherwise. */
export function rating(v: Cell | undefined): number | null {
  const n = cellDecimal(v);
  return n !== null && n >= 1 && n <= 10 ? n : null;
}

/** «MM.YYYY» (or a date, or «M/YYYY») → months since year 0. */
export function monthIndexOf(v: Cell | undefined): number | null {
  if (v === undefined || isBlank(v)) return null;
  if (isDate(v)) return v.getUTCFullYear() * 12 + v.getUTCMonth();
  const m = /^\s*(\d{1,2})[./-](\d{4})\s*$/.exec(String(v));
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return Number(m[2]) * 12 + Number(m[1]) - 1;
  const d = toCalendarDate(v);
  return d ? d.getUTCFullYear() * 12 + d.getUTCMonth() : null;
}

export function monthIndexOfDate(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** 24312 → «01.2026». */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  return `${String((index % 12) + 1).padStart(2, "0")}.${y}`;
}

export function firstDayOfMonth(index: number): Date {
  return utcDate(Math.floor(index / 12), (index % 12) + 1, 1);
}

export function readPairs(t: Table<"pairs">): PairRecord[] {
  return t.records().map(({ row, values: v }) => {
    const approvedAt = toCalendarDate(v.approved_at);
    const startDate = toCalendarDate(v.start_date);
    return {
      row,
      id: plainText(v.pair_id),
      mentorId: plainText(v.mentor_id),
      menteeId: plainText(v.mentee_id),
      mentorName: plainText(v.mentor_name),
      menteeName: plainText(v.mentee_name),
      form: plainText(v.form),
      roleModel: plainText(v.role_model),
      status: lowerText(v.status),
      approvedAt,
      startDate,
      since: startDate ?? approvedAt,
      endDate: toCalendarDate(v.end_date),
      outcome: plainText(v.outcome),
    };
  });
}

export function readPeople(t: Table<"mentors" | "mentees">): PersonRecord[] {
  return t.records().map(({ row, values: v }) => ({
    row,
    id: plainText(v.id),
    email: lowerText(v.email),
    name: plainText(v.full_name),
    category: lowerText(v.category),
    status: lowerText(v.status),
    // Only mentors are interviewed and trained.
    interviewDate: toCalendarDate("interview_date" in v ? v.interview_date : undefined),
    trainingDate: toCalendarDate("training_date" in v ? v.training_date : undefined),
    comment: plainText(v.comment),
  }));
}

export function readMeetings(t: Table<"meetings">): MeetingRecord[] {
  return t.records().map(({ values: v }) => ({
    pairId: plainText(v.pair_id),
    date: toCalendarDate(v.date),
    type: plainText(v.type),
    mentorRating: rating(v.mentor_rating),
    menteeRating: rating(v.mentee_rating),
  }));
}

export function readReports(t: Table<"mentor_reports">): ReportRecord[] {
  return t.records().map(({ values: v }) => {
    const monthIndex = monthIndexOf(v.month);
    return {
      email: lowerText(v.email),
      pairId: plainText(v.pair_id),
      month: monthIndex === null ? null : monthLabel(monthIndex),
      monthIndex,
      menteeActivity: rating(v.mentee_activity),
      application: rating(v.application),
    };
  });
}

export function readSurveys(t: Table<"surveys">): SurveyRecord[] {
  return t.records().map(({ values: v }) => {
    const at = v.submitted_at;
    return {
      email: lowerText(v.email),
      name: plainText(v.full_name),
      role: lowerText(v.role),
      stage: lowerText(v.stage),
      submittedAt: isDate(at) ? at : toCalendarDate(at),
      values: v,
    };
  });
}

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, x) => s + x, 0) / values.length;
}

/** One decimal, Russian comma: 8.25 → «8,3», 8 → «8». */
export function formatNumber(n: number): string {
  return String(Math.round(n * 10) / 10).replace(".", ",");
}

/** Rounded to one decimal, for a number cell. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** «Орлова Марина Сергеевна» → «Орлова М. С.». */
export function shortName(full: string): string {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return full.trim();
  return `${parts[0]} ${parts
    .slice(1, 3)
    .map((p) => `${p[0]}.`)
    .join(" ")}`;
}
