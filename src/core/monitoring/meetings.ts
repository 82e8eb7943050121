import { daysBetween, formatDateRu } from "../dates";
import { normalizeHeader, plural } from "../text";
import { PAIR_STATUS } from "../workbook/statuses";
import {
  type MeetingRecord,
  mean,
  monthIndexOfDate,
  monthLabel,
  type PairRecord,
  type ReportRecord,
  round1,
} from "./data";

/**
 * The work of one pair from the meeting log (seeds 001 3c, 002): the required meetings
 * (встреча-знакомство, пробная рабочая встреча, встреча-планирование, регулярные встречи, итоговая
 * встреча), meetings per month against the cadence (weekly, four a month), the mentor's monthly
 * reports, and the «требует внимания» flag for an approved pair that has not met for too long.
 */

export const MEETING_TYPES = [
  "встреча-знакомство",
  "пробная рабочая встреча",
  "встреча-планирование",
  "регулярная встреча",
  "итоговая встреча",
] as const;

export type MeetingKind = "intro" | "trial" | "planning" | "regular" | "final";
export const MEETING_KINDS: readonly MeetingKind[] = ["intro", "trial", "planning", "regular", "final"];
export const MEETING_TYPE_OF: Record<MeetingKind, (typeof MEETING_TYPES)[number]> = {
  intro: "встреча-знакомство",
  trial: "пробная рабочая встреча",
  planning: "встреча-планирование",
  regular: "регулярная встреча",
  final: "итоговая встреча",
};

/** The kind of a meeting type as typed («пробная встреча» of seed 001 too); null if unknown. */
export function meetingKind(type: string): MeetingKind | null {
  const t = normalizeHeader(type);
  if (t === "") return null;
  if (t.includes("знакомств")) return "intro";
  if (t.includes("пробн")) return "trial";
  if (t.includes("планир")) return "planning";
  if (t.includes("итогов") || t.includes("заключит")) return "final";
  if (t.includes("регуляр") || t.includes("рабоч") || t.includes("очередн")) return "regular";
  return null;
}

/** An average month, in days (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

export interface ActivityOptions {
  today: Date;
  meetingsPerMonth: number;
  stallDays: number;
}

export interface PairActivity {
  pairId: string;
  mentorName: string;
  menteeName: string;
  form: string;
  status: string;
  since: Date | null;
  /** Meetings dated up to today (or undated). */
  meetings: number;
  lastMeeting: Date | null;
  /** Days from the last meeting (or, with none, the start) to today or the pair's end. */
  daysWithout: number | null;
  /** Days the pair has worked: from its start to its end or today. */
  daysActive: number;
  perMonth: number | null;
  norm: number;
  /** Meetings expected by the norm over the days worked; 0 before the first month. */
  expected: number;
  /** Held / expected in %, rounded; null before the first month. */
  cadence: number | null;
  /** First date of each required meeting type. */
  firstOf: Partial<Record<MeetingKind, Date>>;
  regular: number;
  missingTypes: string[];
  ratings: number[];
  avgRating: number | null;
  reports: ReportRecord[];
  reportsReceived: number;
  reportsDue: number;
  reportsMissing: string[];
  attention: boolean;
  /** «да — нет встреч 20 дней (допустимо 14)», "" when all is well. */
  attentionText: string;
}

/**
 * The activity of one pair. `meetings` are the pair's own rows of «Встречи»; `reports` the rows
 * of «Отчёты наставников» of its mentor (reports are per mentor, so a mentor with two pairs
 * reports for both).
 *
 * Rules:
 * - The pair works from its start date (else its approval) to its end date (else today).
 * - Cadence: meetings held ÷ (norm per month × months worked), once the pair has worked a month.
 * - Reports: one per complete month of work, from the month of the start; the month in progress
 *   (or of the pair's end) is not yet due.
 * - «Требует внимания»: an approved pair whose last meeting (or, with none, its start) is more
 *   than `stallDays` days ago. Exactly `stallDays` days is still fine.
 */
export function pairActivity(
  pair: PairRecord,
  meetings: MeetingRecord[],
  reports: ReportRecord[],
  opts: ActivityOptions,
): PairActivity {
  const { today } = opts;
  const held = meetings.filter((m) => m.date === null || m.date.getTime() <= today.getTime());
  let lastMeeting: Date | null = null;
  const firstOf: Partial<Record<MeetingKind, Date>> = {};
  let regular = 0;
  const ratings: number[] = [];
  for (const m of held) {
    if (m.date && (!lastMeeting || m.date.getTime() > lastMeeting.getTime())) lastMeeting = m.date;
    const kind = meetingKind(m.type);
    if (kind === "regular") regular++;
    if (kind && m.date) {
      const first = firstOf[kind];
      if (!first || m.date.getTime() < first.getTime()) firstOf[kind] = m.date;
    } else if (kind && !(kind in firstOf)) firstOf[kind] = undefined;
    if (m.mentorRating !== null) ratings.push(m.mentorRating);
    if (m.menteeRating !== null) ratings.push(m.menteeRating);
  }
  const missingTypes = MEETING_KINDS.filter((k) => !(k in firstOf)).map((k) =>
    k === "regular" ? "регулярные встречи" : MEETING_TYPE_OF[k],
  );

  const end = pair.endDate && pair.endDate.getTime() < today.getTime() ? pair.endDate : today;
  const daysActive = pair.since ? Math.max(0, daysBetween(pair.since, end)) : 0;
  const months = daysActive / DAYS_PER_MONTH;
  const norm = opts.meetingsPerMonth;
  const enough = pair.since !== null && daysActive >= 30 && norm > 0;
  const expected = enough ? norm * months : 0;
  const cadence = enough ? Math.round((held.length / expected) * 100) : null;
  const perMonth = pair.since ? round1(held.length / Math.max(months, 1)) : null;

  // Reports: months from the start's month to the last month due.
  const ownReports: ReportRecord[] = [];
  let reportsDue = 0;
  const reportsMissing: string[] = [];
  let received = 0;
  if (pair.since) {
    const first = monthIndexOfDate(pair.since);
    // Each complete month of work owes a report; the month in progress (or of the end) does not.
    const lastCounted = monthIndexOfDate(end);
    const lastDue = lastCounted - 1;
    const months = new Set<number>();
    for (const r of reports) {
      if (r.monthIndex === null || r.monthIndex < first || r.monthIndex > lastCounted) continue;
      ownReports.push(r);
      months.add(r.monthIndex);
    }
    received = months.size;
    for (let m = first; m <= lastDue; m++) {
      reportsDue++;
      if (!months.has(m)) reportsMissing.push(monthLabel(m));
    }
  }

  const ref = lastMeeting ?? pair.since;
  const daysWithout = ref ? Math.max(0, daysBetween(ref, end)) : null;
  const attention =
    pair.status === PAIR_STATUS.approved && daysWithout !== null && daysWithout > opts.stallDays;
  const days = (n: number) => `${n} ${plural(n, "день", "дня", "дней")}`;
  const attentionText = !attention
    ? ""
    : lastMeeting
      ? `да — нет встреч ${days(daysWithout!)}, с ${formatDateRu(lastMeeting)} (допустимо ${days(opts.stallDays)})`
      : `да — ни одной встречи за ${days(daysWithout!)} работы пары (допустимо ${days(opts.stallDays)})`;

  const avg = mean(ratings);
  return {
    pairId: pair.id,
    mentorName: pair.mentorName,
    menteeName: pair.menteeName,
    form: pair.form,
    status: pair.status,
    since: pair.since,
    meetings: held.length,
    lastMeeting,
    daysWithout,
    daysActive,
    perMonth,
    norm,
    expected,
    cadence,
    firstOf,
    regular,
    missingTypes,
    ratings,
    avgRating: avg === null ? null : round1(avg),
    reports: ownReports,
    reportsReceived: received,
    reportsDue,
    reportsMissing,
    attention,
    attentionText,
  };
}
