/**
 * The Russian production calendar (производственный календарь) of a five-day week: Saturdays and
 * Sundays off, the non-working holidays of ТК РФ ст. 112 and the transfers of the Government's
 * yearly decree. The years are data, in sheets-templates/production-calendar.json: a year not there
 * counts the holidays of ст. 112 alone, and `yearStatus` says so, for the documents to warn.
 */
import * as z from "zod/mini";
import calendarJson from "../../../sheets-templates/production-calendar.json";
import { addDays, utcDate } from "../dates";

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const calendarSchema = z.object({
  version: z.int(),
  source: z.string(),
  holidays: z.array(z.string().check(z.regex(/^\d{2}-\d{2}$/))),
  years: z.array(
    z.object({
      year: z.int(),
      decree: z.string(),
      confirmed: z.boolean(),
      note: z.optional(z.string()),
      transfers: z.array(z.object({ from: isoDay, to: isoDay, byLaw: z.optional(z.boolean()) })),
      nonWorking: z.array(isoDay),
      working: z.array(isoDay),
      workingDays: z.int(),
    }),
  ),
});
export type ProductionCalendarData = z.infer<typeof calendarSchema>;
export type CalendarYear = ProductionCalendarData["years"][number];

let cache: ProductionCalendarData | undefined;

/** The calendar data, validated once. */
export function productionCalendar(): ProductionCalendarData {
  if (!cache) cache = calendarSchema.parse(calendarJson);
  return cache;
}

/** «2026-03-09» of a calendar date. */
export function isoDayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A calendar of working days from the data (tests may pass their own). */
export class ProductionCalendar {
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  private readonly years = new Map<number, CalendarYear>();

  constructor(readonly data: ProductionCalendarData = productionCalendar()) {
    for (const y of data.years) {
      this.years.set(y.year, y);
      for (const d of y.nonWorking) this.off.add(d);
      for (const d of y.working) this.on.add(d);
    }
  }

  /** The year's entry, or null when the data do not have it. */
  year(year: number): CalendarYear | null {
    return this.years.get(year) ?? null;
  }

  /** True for a working day of a five-day week. */
  isWorkingDay(d: Date): boolean {
    const iso = isoDayOf(d);
    if (this.on.has(iso)) return true;
    if (this.off.has(iso)) return false;
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    // A year without data: the holidays of ст. 112 still are not working days.
    if (!this.years.has(d.getUTCFullYear()) && this.data.holidays.includes(iso.slice(5))) return false;
    return true;
  }

  /**
   * The `n`-th working day after `from` (ТК РФ ст. 14: a term starts the day after the date that
   * begins it). addWorkingDays(Monday, 3) is Thursday in a week without holidays.
   */
  addWorkingDays(from: Date, n: number): Date {
    let d = from;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days from `from` to `to`, both included. */
  workingDaysBetween(from: Date, to: Date): number {
    let n = 0;
    for (let d = from; d.getTime() <= to.getTime(); d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** Working days of a whole calendar year. */
  workingDaysInYear(year: number): number {
    return this.workingDaysBetween(utcDate(year, 1, 1), utcDate(year, 12, 31));
  }

  /**
   * A Russian warning when a period touches a year the data do not confirm by a decree, else null.
   */
  warningFor(from: Date, to: Date): string | null {
    const out: string[] = [];
    for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) {
      const entry = this.years.get(y);
      if (!entry)
        out.push(
          `Производственного календаря на ${y} год в программе нет: учтены только праздники ст. 112 ТК РФ — проверьте дату по постановлению Правительства о переносе выходных дней.`,
        );
      else if (!entry.confirmed)
        out.push(
          `Производственный календарь на ${y} год не подтверждён постановлением Правительства о переносе выходных дней (учтены только праздники ст. 112 ТК РФ): проверьте дату.`,
        );
    }
    return out.length ? out.join(" ") : null;
  }
}
