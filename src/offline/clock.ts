import { toCalendarDate, toWallClock } from "../core/dates";
import type { ClockPort } from "../core/ports";

/** The wall clock of the school's zone; `today` (dd.mm.yyyy or yyyy-mm-dd) pins it for demos and tests. */
export function nodeClock(timeZone = "Europe/Moscow", today?: string): ClockPort {
  if (today) {
    const d = toCalendarDate(today);
    if (!d) throw new Error(`Не удалось прочитать дату «${today}»: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.`);
    const fixed = new Date(d.getTime() + 9 * 3600_000);
    return { now: () => new Date(fixed.getTime()) };
  }
  return { now: () => toWallClock(new Date(), timeZone) };
}
