/**
 * «Список на доплату за наставничество» for one month: every mentor the article covers, with the
 * pairs of the month, the days of mentoring and the sum by the local act's rule. Each line's sum is
 * rounded to kopecks and the total is the sum of the lines, so the list adds up as printed.
 */
import { addDays, daysBetween, utcDate } from "../dates";
import type { ProductionCalendar } from "./calendar";
import type { Coverage, LabourSettings } from "./rules";

export interface LabourPair {
  id: string;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  form: string;
  status: string;
  /** First day of the mentoring: «Начало работы», else «Утверждена», else the program's start. */
  from: Date;
  /** Last day: «Окончание работы» (the early end's date too), else the program's end. */
  to: Date;
}

export interface PayMentor {
  id: string;
  name: string;
  position: string;
  /** «База для доплаты, руб.» (rule «процент от базы»). */
  base: number | null;
  coverage: Coverage;
}

export interface PayLine {
  mentorId: string;
  mentorName: string;
  position: string;
  /** The pair's ID for a line per mentee; "" for a line per pair or group. */
  pairId: string;
  mentees: string[];
  from: Date;
  to: Date;
  /** Days of mentoring counted (working or calendar days by the rule; the month's for «за полный месяц»). */
  days: number;
  daysInMonth: number;
  /** «рабочих» / «календарных». */
  dayKind: string;
  /** The month's sum for a whole month, or null when unknown (no sum or base set). */
  rate: number | null;
  /** The line's sum in roubles, rounded to kopecks; null when the rate is unknown. */
  amount: number | null;
  note: string;
}

export interface PayList {
  month: Date;
  /** «2027-04». */
  key: string;
  lines: PayLine[];
  /** The sum of the lines' sums (lines with an unknown sum are not in it). */
  total: number;
  /** Lines whose sum is unknown. */
  unknown: number;
  mentors: number;
}

/** The first day of the month of `d`. */
export function monthStart(d: Date): Date {
  return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The last day of the month of `d`. */
export function monthEnd(d: Date): Date {
  return addDays(utcDate(d.getUTCFullYear(), d.getUTCMonth() + 2, 1), -1);
}

export function monthKeyOf(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const maxDate = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** The pay list of `month` (any day of it). Pairs outside the month and uncovered mentors are not in it. */
export function buildPayList(
  month: Date,
  pairs: LabourPair[],
  mentors: Map<string, PayMentor>,
  settings: LabourSettings,
  calendar: ProductionCalendar,
): PayList {
  const first = monthStart(month);
  const last = monthEnd(month);
  const working = settings.partMonth === "working";
  const count = (from: Date, to: Date) =>
    working ? calendar.workingDaysBetween(from, to) : daysBetween(from, to) + 1;
  const inMonth = count(first, last);
  const share = (days: number) =>
    settings.partMonth === "full" ? (days > 0 ? 1 : 0) : inMonth === 0 ? 0 : days / inMonth;

  const byMentor = new Map<string, LabourPair[]>();
  for (const p of pairs) {
    if (p.to.getTime() < first.getTime() || p.from.getTime() > last.getTime()) continue;
    if (p.to.getTime() < p.from.getTime()) continue;
    const m = mentors.get(p.mentorId);
    if (m?.coverage.basis !== "paid") continue;
    byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p]);
  }

  const lines: PayLine[] = [];
  const ids = [...byMentor.keys()].sort((a, b) =>
    (mentors.get(a)?.name ?? a).localeCompare(mentors.get(b)?.name ?? b, "ru"),
  );
  for (const id of ids) {
    const m = mentors.get(id) as PayMentor;
    const list = (byMentor.get(id) ?? []).sort(
      (a, b) => a.from.getTime() - b.from.getTime() || a.id.localeCompare(b.id),
    );
    const rate =
      settings.rule === "fixed"
        ? settings.amount
        : settings.percent !== null && m.base !== null
          ? round2((settings.percent / 100) * m.base)
          : null;
    const note =
      rate !== null
        ? ""
        : settings.rule === "fixed"
          ? "не указана сумма доплаты в «Настройках»"
          : m.base === null
            ? "не указана база для доплаты на листе «Наставники»"
            : "не указан процент доплаты в «Настройках»";
    const line = (pairId: string, mentees: string[], from: Date, to: Date, days: number): PayLine => {
      const s = share(days);
      const full = settings.partMonth === "full" || days === inMonth;
      return {
        mentorId: id,
        mentorName: m.name,
        position: m.position,
        pairId,
        mentees,
        from,
        to,
        days: settings.partMonth === "full" ? inMonth : days,
        daysInMonth: inMonth,
        dayKind: working ? "рабочих" : "календарных",
        rate,
        amount: rate === null ? null : round2(rate * s),
        note: note || (full ? "" : "неполный месяц"),
      };
    };
    if (settings.per === "mentee") {
      for (const p of list) {
        const from = maxDate(p.from, first);
        const to = minDate(p.to, last);
        lines.push(line(p.id, [p.menteeName], from, to, count(from, to)));
      }
    } else {
      // One sum for the pair or group: the days on which the mentor had at least one mentee.
      const covered = new Set<number>();
      let from = last;
      let to = first;
      for (const p of list) {
        const a = maxDate(p.from, first);
        const b = minDate(p.to, last);
        from = minDate(from, a);
        to = maxDate(to, b);
        for (let d = a; d.getTime() <= b.getTime(); d = addDays(d, 1))
          if (!working || calendar.isWorkingDay(d)) covered.add(d.getTime());
      }
      lines.push(
        line(
          "",
          list.map((p) => p.menteeName),
          from,
          to,
          covered.size,
        ),
      );
    }
  }
  const known = lines.filter((l) => l.amount !== null);
  return {
    month: first,
    key: monthKeyOf(first),
    lines,
    total: round2(known.reduce((s, l) => s + (l.amount as number), 0)),
    unknown: lines.length - known.length,
    mentors: new Set(lines.map((l) => l.mentorId)).size,
  };
}
