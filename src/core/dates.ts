/** School calendar. Calendar dates are Date objects at midnight UTC; no machine time zone is used. */

export function utcDate(year: number, month1: number, day: number): Date {
  return new Date(Date.UTC(year, month1 - 1, day));
}

/** The calendar date (midnight) of a wall-clock time. */
export function calendarDate(wallClock: Date): Date {
  return utcDate(wallClock.getUTCFullYear(), wallClock.getUTCMonth() + 1, wallClock.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Day arithmetic: the one place a day's length is written

/** A day in milliseconds: calendar dates are midnights UTC, so every day is this long. */
export const DAY_MS = 86400000;

/** The day of a date (or wall-clock time) counted from 1 January 1970; the time of day is dropped. */
export function dayNumber(d: Date): number {
  return Math.floor(d.getTime() / DAY_MS);
}

/** The calendar date (midnight) of a day number. */
export function fromDayNumber(n: number): Date {
  return new Date(n * DAY_MS);
}

/** The moment `days` days later (earlier when negative); the time of day is kept. */
export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** The calendar date `days` days after the day of `d` (the time of day is dropped). */
export function addCalendarDays(d: Date, days: number): Date {
  return fromDayNumber(dayNumber(d) + days);
}

/** Whole days from `a` to `b`, rounded (calendar dates give exact differences). */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

/** Spreadsheet serial day 0 (Sheets and Excel): 30 December 1899. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as a spreadsheet serial day (wall-clock time in the UTC fields, fractions for times). */
export function toSerial(d: Date): number {
  return (d.getTime() - SERIAL_EPOCH) / DAY_MS;
}

/** The date (and time) of a spreadsheet serial day, to the millisecond. */
export function fromSerial(serial: number): Date {
  return new Date(SERIAL_EPOCH + serial * DAY_MS);
}

/** The date and time of a spreadsheet serial day, rounded to the second (times typed in exports). */
export function fromSerialToSecond(serial: number): Date {
  return new Date(SERIAL_EPOCH + Math.round(serial * 86400) * 1000);
}

/** A real instant as wall-clock time of a zone (used by the Node clock). */
export function toWallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetHours(timeZone) * 3600_000);
}

/**
 * The school's time zone as «Настройки» offers it (parameter «time_zone»): a Russian label — the
 * way Russian schools name their time, by Moscow time — and the IANA zone Apps Script takes
 * (Spreadsheet.setSpreadsheetTimeZone, ClockTriggerBuilder.inTimezone). The labels are the list of
 * sheets-templates/workbook.json «Настройки» (a test keeps them equal).
 */
export const SCHOOL_TIME_ZONES: readonly { label: string; zone: string }[] = [
  { label: "Калининград (МСК−1)", zone: "Europe/Kaliningrad" },
  { label: "Москва (МСК)", zone: "Europe/Moscow" },
  { label: "Самара (МСК+1)", zone: "Europe/Samara" },
  { label: "Екатеринбург (МСК+2)", zone: "Asia/Yekaterinburg" },
  { label: "Омск (МСК+3)", zone: "Asia/Omsk" },
  { label: "Красноярск (МСК+4)", zone: "Asia/Krasnoyarsk" },
  { label: "Иркутск (МСК+5)", zone: "Asia/Irkutsk" },
  { label: "Якутск (МСК+6)", zone: "Asia/Yakutsk" },
  { label: "Владивосток (МСК+7)", zone: "Asia/Vladivostok" },
  { label: "Магадан (МСК+8)", zone: "Asia/Magadan" },
  { label: "Камчатка (МСК+9)", zone: "Asia/Kamchatka" },
];

export const DEFAULT_SCHOOL_TIME_ZONE = "Europe/Moscow";

const IANA_ZONE = /^(?:UTC|GMT|Etc\/[A-Za-z0-9+-]+|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * The IANA zone of a «Часовой пояс» value: a label of SCHOOL_TIME_ZONES (its city alone will do,
 * in any case, with «-» for «−»), or an IANA name (the value of books made before the list); null
 * when it is neither.
 */
export function schoolTimeZone(value: string): string | null {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\u2212\u2013\u2014-]/g, "-")
      .replace(/\s+/g, " ")
      .replace(/ё/g, "е");
  const v = norm(value);
  if (v === "") return null;
  for (const z of SCHOOL_TIME_ZONES) {
    const label = norm(z.label);
    if (v === label || v === label.replace(/ \(.*\)$/, "") || v === z.zone.toLowerCase()) return z.zone;
  }
  return IANA_ZONE.test(value.trim()) ? value.trim() : null;
}

/** The «Настройки» label of an IANA zone of the list, else the zone itself. */
export function schoolTimeZoneLabel(zone: string): string {
  return SCHOOL_TIME_ZONES.find((z) => z.zone === zone)?.label ?? zone;
}

/** Standard offsets of Russian zones (no DST since 2014). Unknown zones fall back to Moscow. */
export function zoneOffsetHours(timeZone: string): number {
  const zones: Record<string, number> = {
    UTC: 0,
    GMT: 0,
    "Europe/Kaliningrad": 2,
    "Europe/Moscow": 3,
    "Europe/Samara": 4,
    "Asia/Yekaterinburg": 5,
    "Asia/Omsk": 6,
    "Asia/Novosibirsk": 7,
    "Asia/Krasnoyarsk": 7,
    "Asia/Irkutsk": 8,
    "Asia/Yakutsk": 9,
    "Asia/Vladivostok": 10,
    "Asia/Magadan": 11,
    "Asia/Kamchatka": 12,
  };
  return zones[timeZone] ?? 3;
}

/** The first calendar year of the school year containing the date (1 September – 31 August). */
export function schoolYearStartYear(date: Date): number {
  return date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

export function schoolYearLabel(startYear: number): string {
  return `${startYear}/${startYear + 1}`;
}

/** Parses «2026/2027», «2026-2027», «2026–27»: the first calendar year, or null. */
export function parseSchoolYear(text: string): number | null {
  const m = /^\s*(\d{4})\s*[/\-–—]\s*(\d{2,4})\s*$/.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
  return second === first + 1 ? first : null;
}

/** «dd.mm.yyyy» or a Date → calendar Date; null when it is not a date. */
export function toCalendarDate(v: unknown): Date | null {
  if (Object.prototype.toString.call(v) === "[object Date]") {
    const d = v as Date;
    if (Number.isNaN(d.getTime())) return null;
    return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof v !== "string") return null;
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$/.exec(v) ?? null;
  if (m) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(year, Number(m[2]), Number(m[1]));
  }
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

function validDate(y: number, m: number, d: number): Date | null {
  const date = utcDate(y, m, d);
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** «01.09.2026». */
export function formatDateRu(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}.${mm}.${d.getUTCFullYear()}`;
}
