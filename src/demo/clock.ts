/** The sample school's calendar: a fixed clock for each step of its year, and the demo's default date. */
import { schoolYearStartYear, utcDate } from "../core/dates";
import type { ClockPort } from "../core/ports";

/** A fixed wall clock (calendar date at 9:00) for one step of the simulated year. */
export function clockAt(day: Date, hour = 9): ClockPort {
  const t = new Date(day.getTime() + hour * 3600000);
  return { now: () => new Date(t.getTime()) };
}

/** The demo's default date: 25 May of the school year in course, when every stage has data. */
export function defaultDemoDate(now: Date): Date {
  return utcDate(schoolYearStartYear(now) + 1, 5, 25);
}
