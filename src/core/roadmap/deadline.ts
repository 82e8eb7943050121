/**
 * Deadlines of roadmaps («дорожные карты») as schools write them, in free Russian, turned into
 * calendar dates.
 *
 * Calendar dates are `Date` objects at midnight UTC (`new Date(Date.UTC(y, m - 1, d))`, see
 * `utcDate` in ../dates): the UTC fields carry the calendar day, the machine's time zone is never
 * read. `today` arguments must be calendar dates in the same sense (their time part is ignored).
 *
 * Choices (the seeds in ../shared/seeds are the reference):
 * - The «year» of a roadmap is [schoolYearStart, schoolYearStart + 1 year − 1 day]. Normally
 *   schoolYearStart is 1 September; a roadmap planned for a calendar year («на 2023 год») passes
 *   1 January. A month written without a year is the occurrence of that month inside this year:
 *   with 1 September, September–December fall in the first calendar year, January–August in the
 *   second.
 * - «До X» (also «к X», «не позднее X», «по X») is the window from the start of the context to X.
 *   The start of the context is the earlier of schoolYearStart and programStart; when X is before
 *   it, the window is the single day X. When «до» follows another deadline in the same cell, the
 *   window starts the day after the previous one ends. «До <месяц>» without a day ends the day
 *   before the month begins; «до конца <месяца>» ends on its last day.
 * - Two deadlines in one cell are a series («recurring»): «До 15.09.2023 В течение года» is the
 *   window up to 15.09.2023 followed by the rest of the year (16.09.2023 – 31.08.2024).
 * - «В течение (учебного) года» → whole_period of the year; «в течение всего периода (внедрения /
 *   реализации ЦМН)», «постоянно» → whole_period of the program (programStart – programEnd).
 * - «По программе наставничества», «в соответствии со сроками реализации программ наставничества»
 *   → program (the dates of the mentoring program).
 * - «в соответствии со сроками, устанавливаемыми Минпросвещения России» → external: the date is set
 *   by an outside authority and cannot be computed.
 * - «по мере необходимости» → as_needed: understood, but there is no date to track.
 * - «ежемесячно», «еженедельно», «ежеквартально» → recurring windows (calendar months, weeks
 *   Monday–Sunday, calendar quarters) clipped to the program; combined with «в течение года» or a
 *   range they are clipped to that window instead.
 * - School terms are approximated by months: I четверть September–October, II November–December,
 *   III January–March, IV April–May; I полугодие September–December, II полугодие January–May;
 *   «в начале учебного года» is September, «в конце учебного года» is May.
 * - Years: two digits mean 20xx; two consecutive years written alone («2023-2024 учебный год»)
 *   mean the school year 1 September – 31 August; a single year alone is the calendar year.
 * - «С X» without an end runs to the end of the year (or of the program, when that is later).
 * - Anything else is kept as written: { kind: "unrecognized", text }.
 */
import { addCalendarDays, dayNumber, formatDateRu, fromDayNumber, utcDate } from "../dates";
import { MONTHS_NOMINATIVE, monthOfWord } from "../months";
import { ROADMAP_STATUS } from "../workbook/statuses";

export interface DateRange {
  start: Date;
  end: Date;
}

export interface DeadlineContext {
  /** First day of the school year (normally 1 September; 1 January for a calendar-year roadmap). */
  schoolYearStart: Date;
  /** First day of the mentoring program. */
  programStart: Date;
  /** Last day of the mentoring program. */
  programEnd: Date;
}

export type DeadlineResult =
  | { kind: "none" }
  | { kind: "range"; start: Date; end: Date }
  | { kind: "recurring"; dates: DateRange[]; label: string }
  | { kind: "program"; start: Date; end: Date }
  | { kind: "whole_period"; scope: "year" | "program"; start: Date; end: Date }
  | { kind: "external"; text: string }
  | { kind: "as_needed"; text: string }
  | { kind: "unrecognized"; text: string };

/** The statuses a deadline gives by itself («отменено» is only ever typed by the curator). */
export type DeadlineStatus = (typeof ROADMAP_STATUS)["planned" | "inProgress" | "done" | "overdue"];

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

function monthRange(year: number, month1: number): DateRange {
  return { start: utcDate(year, month1, 1), end: utcDate(year, month1, daysInMonth(year, month1)) };
}

function minDate(a: Date, b: Date): Date {
  return dayNumber(a) <= dayNumber(b) ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return dayNumber(a) >= dayNumber(b) ? a : b;
}

/** The last day of the year that starts on schoolYearStart. */
export function yearEnd(ctx: DeadlineContext): Date {
  const s = ctx.schoolYearStart;
  return addCalendarDays(utcDate(s.getUTCFullYear() + 1, s.getUTCMonth() + 1, s.getUTCDate()), -1);
}

function contextStart(ctx: DeadlineContext): Date {
  return minDate(ctx.schoolYearStart, ctx.programStart);
}

/** The calendar year in which `month1` falls inside the context's year. */
function yearOfMonth(month1: number, ctx: DeadlineContext): number {
  const start = ctx.schoolYearStart;
  return month1 >= start.getUTCMonth() + 1 ? start.getUTCFullYear() : start.getUTCFullYear() + 1;
}

// ---------------------------------------------------------------------------------------------
// Text → tokens

type Token =
  | { t: "date"; d: number; m: number; y?: number }
  | { t: "num"; v: number; digits: number }
  | { t: "month"; m: number }
  | { t: "dash" }
  | { t: "sep" }
  | { t: "word"; w: string };

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** Lower case, plain spaces and hyphens, no HTML, no year suffixes («г.», «года»), no final dot. */
export function normalizeDeadlineText(text: string): string {
  let s = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;/gi, " ")
    .replace(/[\u00a0\u2007\u2009\u200a\u202f\u200b]/g, " ")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\u2010-\u2015\u2212]/g, "-");
  // «31.12. 2021» → «31.12.2021»
  s = s.replace(/(\d{1,2}\.\d{1,2})\.\s+(\d{4})(?!\d)/g, "$1.$2");
  // «2023-2024 учебный год», «2023/24 уч. г.» → «2023-2024»
  s = s.replace(
    /(?<![\d.])(\d{4})\s*[-/]\s*(\d{2,4})(?![\d.-])\s*(?:уч(?:ебн[а-я]*)?\.?\s*)?(?:гг?\.?|год[а-я]*)?(?![а-я])/g,
    (_all, a: string, b: string) => `${a}-${b.length === 2 ? a.slice(0, 2) + b : b} `,
  );
  // «2023г.», «2023 г», «2023 гг.», «2023 года», «2023 г.г.»
  s = s.replace(/(\d)\s*(?:г\.?\s*г\.?|гг\.?|г\.?|год[а-я]*)(?![а-я])/g, "$1 ");
  s = s.replace(/\s+/g, " ").trim();
  s = s.replace(/[\s.,;:]+$/, "").replace(/^[\s.,;:]+/, "");
  return s;
}

/** Words that only join deadlines: «декабрь и май», «до 15.09, далее в течение года». */
const SEPARATOR_WORDS = ["и", "а", "также", "далее", "затем"];

function tokenize(s: string): Token[] | null {
  const re =
    /(\d{4})-(\d{2})-(\d{2})(?!\d)|(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])|(\d+)|([a-zа-я]+)|(-)|([,;])|(\.|:|\(|\))|(\S)/g;
  const out: Token[] = [];
  let m: RegExpExecArray | null = re.exec(s);
  while (m) {
    if (m[1]) out.push({ t: "date", y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) });
    else if (m[4]) {
      out.push({ t: "date", d: Number(m[4]), m: Number(m[5]), y: m[6] ? fullYear(Number(m[6])) : undefined });
    } else if (m[7]) out.push({ t: "num", v: Number(m[7]), digits: m[7].length });
    else if (m[8]) {
      const month = monthOfWord(m[8]);
      if (month) out.push({ t: "month", m: month });
      else if (SEPARATOR_WORDS.indexOf(m[8]) >= 0) out.push({ t: "sep" });
      else out.push({ t: "word", w: m[8] });
    } else if (m[9]) out.push({ t: "dash" });
    else if (m[10]) out.push({ t: "sep" });
    else if (m[11]) {
      // dots, colons and brackets carry no meaning in a deadline
    } else return null;
    m = re.exec(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokens → items

interface Point {
  d?: number;
  m?: number;
  y?: number;
}

type Item =
  | { k: "span"; from?: Point; to: Point; until: boolean; since: boolean; endOfMonth: boolean }
  | { k: "window"; range: DateRange; label: string }
  | { k: "year" }
  | { k: "period" }
  | { k: "program" }
  | { k: "external" }
  | { k: "as_needed" }
  | { k: "periodic"; every: "month" | "week" | "quarter"; label: string };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly ctx: DeadlineContext,
  ) {}

  parse(): Item[] | null {
    const items: Item[] = [];
    while (this.i < this.toks.length) {
      while (this.peek()?.t === "sep") this.i++;
      if (this.i >= this.toks.length) break;
      const item = this.phrase() ?? this.term() ?? this.span();
      if (!item) return null;
      items.push(item);
    }
    return items;
  }

  private peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  private word(offset = 0): string | null {
    const t = this.peek(offset);
    return t && t.t === "word" ? t.w : null;
  }

  /** The run of words starting at the cursor, joined by spaces. */
  private wordRun(): string {
    const words: string[] = [];
    for (let j = this.i; j < this.toks.length; j++) {
      const t = this.toks[j];
      if (t.t !== "word") break;
      words.push(t.w);
    }
    return words.join(" ");
  }

  /** Fixed phrases matched against the run of words at the cursor. */
  private phrase(): Item | null {
    const run = this.wordRun();
    if (!run) return null;
    const phrases: Array<[RegExp, () => Item]> = [
      [/^по мере (?:необходимости|потребности)/, () => ({ k: "as_needed" })],
      [/^по программ[а-я]* наставничества/, () => ({ k: "program" })],
      [/^в соответствии со сроками реализации(?: [а-я]+)*/, () => ({ k: "program" })],
      [/^(?:в течение )?(?:всего )?(?:учебного |календарного )?года/, () => ({ k: "year" })],
      [
        /^(?:в течение )?(?:всего )?(?:периода|срока)(?: (?:внедрения|реализации|действия|цмн|программы|программ|целевой|модели|наставничества|дорожной|карты))*/,
        () => ({ k: "period" }),
      ],
      [/^постоянно/, () => ({ k: "period" })],
      [/^ежемесячно|^каждый месяц/, () => ({ k: "periodic", every: "month", label: "ежемесячно" })],
      [/^еженедельно|^каждую неделю/, () => ({ k: "periodic", every: "week", label: "еженедельно" })],
      [/^ежеквартально|^каждый квартал/, () => ({ k: "periodic", every: "quarter", label: "ежеквартально" })],
      [/^(?:в )?начал[а-я]* учебного года/, () => this.months(9, 9, "в начале учебного года")],
      [/^(?:в )?конц[а-я]* учебного года/, () => this.months(5, 5, "в конце учебного года")],
    ];
    for (const [re, make] of phrases) {
      const m = re.exec(run);
      if (!m) continue;
      // the match must end on a word boundary
      const rest = run.slice(m[0].length);
      if (rest && rest[0] !== " ") continue;
      this.i += m[0].split(" ").length;
      return make();
    }
    return null;
  }

  /** School terms: «I четверть», «2-я четверть», «во II полугодии». */
  private term(): Item | null {
    let j = this.i;
    const w0 = this.word();
    if (w0 === "в" || w0 === "во") j++;
    const t = this.toks[j];
    let n: number | undefined;
    if (t?.t === "word" && ROMAN[t.w]) n = ROMAN[t.w];
    else if (t?.t === "num" && t.v >= 1 && t.v <= 4) n = t.v;
    if (!n) return null;
    j++;
    if (this.toks[j]?.t === "dash") j++;
    const suffix = this.toks[j];
    if (suffix?.t === "word" && /^(я|ая|ое|е|й|ой|ом)$/.test(suffix.w)) j++;
    const noun = this.toks[j];
    if (noun?.t !== "word") return null;
    let item: Item | null = null;
    if (/^четверт/.test(noun.w)) {
      const terms: Array<[number, number]> = [
        [9, 10],
        [11, 12],
        [1, 3],
        [4, 5],
      ];
      const [a, b] = terms[n - 1];
      item = this.months(a, b, `${["I", "II", "III", "IV"][n - 1]} четверть`);
    } else if (/^полугоди/.test(noun.w) && n <= 2) {
      item = n === 1 ? this.months(9, 12, "I полугодие") : this.months(1, 5, "II полугодие");
    }
    if (!item) return null;
    this.i = j + 1;
    return item;
  }

  /** A window from the first day of month `a` to the last day of month `b` of the context's year. */
  private months(a: number, b: number, label: string): Item {
    const start = monthRange(yearOfMonth(a, this.ctx), a).start;
    const end = monthRange(yearOfMonth(b, this.ctx), b).end;
    return { k: "window", range: { start, end }, label };
  }

  /** «[с|до|к|по|не позднее|в течение] point [(-|по|до) point]». */
  private span(): Item | null {
    let until = false;
    let since = false;
    let endOfMonth = false;
    const w = this.word();
    if (w === "до" || w === "к" || w === "по") {
      until = true;
      this.i++;
      if (this.word() === "конца") {
        endOfMonth = true;
        this.i++;
      }
    } else if (w === "не" && this.word(1) === "позднее") {
      until = true;
      this.i += 2;
    } else if (w === "с" || w === "со") {
      since = true;
      this.i++;
    } else if (w === "в" || w === "во") {
      this.i++;
      // «в течение 2023 года», «в течение октября»
      if (this.word() === "течение") this.i++;
    }
    const from = this.point(true);
    if (!from) return null;
    let to: Point | null = null;
    const next = this.peek();
    if (!until && (next?.t === "dash" || (next?.t === "word" && (next.w === "по" || next.w === "до")))) {
      const save = this.i;
      this.i++;
      to = this.point(false);
      if (!to) this.i = save;
    }
    if (this.word() === "включительно") this.i++;
    if (to) return { k: "span", from, to, until: false, since: false, endOfMonth: false };
    if (from.d !== undefined && from.m === undefined) return null;
    return { k: "span", to: from, until, since: since && !to, endOfMonth };
  }

  private point(allowDayOnly: boolean): Point | null {
    const t = this.peek();
    if (!t) return null;
    if (t.t === "date") {
      this.i++;
      return { d: t.d, m: t.m, y: t.y };
    }
    if (t.t === "month") {
      this.i++;
      return { m: t.m, y: this.yearAfter() };
    }
    if (t.t === "num") {
      const n1 = this.peek(1);
      if (t.digits <= 2 && t.v >= 1 && t.v <= 31 && n1?.t === "month") {
        this.i += 2;
        return { d: t.v, m: n1.m, y: this.yearAfter() };
      }
      if (t.digits === 4) {
        this.i++;
        return { y: t.v };
      }
      if (allowDayOnly && t.digits <= 2 && t.v >= 1 && t.v <= 31) {
        const n = this.peek(1);
        if (n?.t === "dash" || (n?.t === "word" && (n.w === "по" || n.w === "до"))) {
          this.i++;
          return { d: t.v };
        }
      }
    }
    return null;
  }

  /** A year right after a month: 4 digits, or 2 digits not followed by a month (a day). */
  private yearAfter(): number | undefined {
    const t = this.peek();
    if (t?.t !== "num") return undefined;
    if (t.digits === 4) {
      this.i++;
      return t.v;
    }
    if (t.digits === 2 && this.peek(1)?.t !== "month") {
      this.i++;
      return fullYear(t.v);
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Items → dates

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A complete point → its range; null when invalid. */
function pointRange(p: Point): DateRange | null {
  if (p.y === undefined) return null;
  if (p.m === undefined) {
    if (p.y < 1990 || p.y > 2100) return null;
    return { start: utcDate(p.y, 1, 1), end: utcDate(p.y, 12, 31) };
  }
  if (p.d === undefined) {
    if (!validDay(p.y, p.m, 1)) return null;
    return monthRange(p.y, p.m);
  }
  if (!validDay(p.y, p.m, p.d)) return null;
  const d = utcDate(p.y, p.m, p.d);
  return { start: d, end: d };
}

/** Compares month/day of two points in the same year (day defaults to 1). */
function earlierInYear(a: Point, b: Point): boolean {
  const am = a.m ?? 1;
  const bm = b.m ?? 1;
  return am < bm || (am === bm && (a.d ?? 1) < (b.d ?? 1));
}

/** Fills missing parts of a pair of points from each other and from the context. */
function resolvePair(from: Point, to: Point, ctx: DeadlineContext): [Point, Point] {
  const a: Point = { ...from };
  const b: Point = { ...to };
  if (a.m === undefined && a.d !== undefined) a.m = b.m;
  if (a.y === undefined && b.y !== undefined && a.m !== undefined) a.y = earlierInYear(b, a) ? b.y - 1 : b.y;
  if (b.y === undefined && a.y !== undefined && b.m !== undefined) b.y = earlierInYear(b, a) ? a.y + 1 : a.y;
  if (a.y === undefined && a.m !== undefined) a.y = yearOfMonth(a.m, ctx);
  if (b.y === undefined && b.m !== undefined) {
    b.y = yearOfMonth(b.m, ctx);
    if (a.y !== undefined && (b.y < a.y || (b.y === a.y && earlierInYear(b, a)))) b.y = a.y + 1;
  }
  return [a, b];
}

function resolvePoint(p: Point, ctx: DeadlineContext): Point {
  if (p.y !== undefined || p.m === undefined) return p;
  return { ...p, y: yearOfMonth(p.m, ctx) };
}

function formatPoint(p: Point, range: DateRange): string {
  if (p.m !== undefined && p.d === undefined) return `${MONTHS_NOMINATIVE[p.m - 1]} ${p.y}`;
  if (p.m === undefined) return String(p.y);
  return formatDateRu(range.start);
}

interface Resolved {
  range: DateRange;
  label: string;
}

function resolveItems(items: Item[], ctx: DeadlineContext): Array<Resolved | null> {
  const out: Array<Resolved | null> = [];
  let prevEnd: Date | null = null;
  const yEnd = yearEnd(ctx);
  for (const item of items) {
    let r: Resolved | null = null;
    if (item.k === "window") r = { range: item.range, label: item.label };
    else if (item.k === "year") {
      const start: Date = prevEnd ? addCalendarDays(prevEnd, 1) : ctx.schoolYearStart;
      r = {
        range: { start: minDate(start, yEnd), end: yEnd },
        label: prevEnd ? "далее в течение года" : "в течение года",
      };
    } else if (item.k === "period") {
      const start: Date = prevEnd ? addCalendarDays(prevEnd, 1) : ctx.programStart;
      r = {
        range: { start: minDate(start, ctx.programEnd), end: ctx.programEnd },
        label: prevEnd ? "далее в течение всего периода" : "в течение всего периода",
      };
    } else if (item.k === "span") r = resolveSpan(item, prevEnd, ctx);
    out.push(r);
    if (r) prevEnd = r.range.end;
  }
  return out;
}

function resolveSpan(
  item: Extract<Item, { k: "span" }>,
  prevEnd: Date | null,
  ctx: DeadlineContext,
): Resolved | null {
  if (item.from) {
    const [a, b] = resolvePair(item.from, item.to, ctx);
    // two consecutive years alone: the school year
    if (a.m === undefined && b.m === undefined && a.y !== undefined && b.y === a.y + 1) {
      return {
        range: { start: utcDate(a.y, 9, 1), end: utcDate(b.y, 8, 31) },
        label: `${a.y}/${b.y} учебный год`,
      };
    }
    const ra = pointRange(a);
    const rb = pointRange(b);
    if (!ra || !rb || dayNumber(rb.end) < dayNumber(ra.start)) return null;
    return {
      range: { start: ra.start, end: rb.end },
      label: `${formatPoint(a, ra)} – ${formatPoint(b, rb)}`,
    };
  }
  const p = resolvePoint(item.to, ctx);
  const r = pointRange(p);
  if (!r) return null;
  if (item.until) {
    let end = r.end;
    if (p.d === undefined && p.m !== undefined && !item.endOfMonth) end = addCalendarDays(r.start, -1);
    const anchor = prevEnd ? addCalendarDays(prevEnd, 1) : contextStart(ctx);
    const start = dayNumber(anchor) <= dayNumber(end) ? anchor : end;
    return { range: { start, end }, label: `до ${formatDateRu(end)}` };
  }
  if (item.since) {
    let end = yearEnd(ctx);
    if (dayNumber(end) < dayNumber(r.start)) end = ctx.programEnd;
    if (dayNumber(end) < dayNumber(r.start)) end = r.start;
    return { range: { start: r.start, end }, label: `с ${formatDateRu(r.start)}` };
  }
  return { range: r, label: formatPoint(p, r) };
}

/** Windows of a periodic deadline inside [start, end]. */
function periodicWindows(every: "month" | "week" | "quarter", start: Date, end: Date): DateRange[] {
  const out: DateRange[] = [];
  const last = dayNumber(end);
  if (last < dayNumber(start)) return out;
  if (every === "week") {
    // weeks run Monday–Sunday; 1970-01-01 (day 0) was a Thursday
    let cur = dayNumber(start);
    while (cur <= last) {
      const weekday = (cur + 3) % 7; // 0 = Monday
      const weekEnd = cur - weekday + 6;
      out.push({ start: fromDayNumber(cur), end: fromDayNumber(Math.min(weekEnd, last)) });
      cur = weekEnd + 1;
    }
    return out;
  }
  const step = every === "month" ? 1 : 3;
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  if (every === "quarter") m = m - ((m - 1) % 3);
  for (;;) {
    const periodStart = utcDate(y, m, 1);
    if (dayNumber(periodStart) > last) break;
    const endMonth = m + step - 1;
    const periodEnd = utcDate(y, endMonth, daysInMonth(y, endMonth));
    out.push({ start: maxDate(periodStart, start), end: minDate(periodEnd, end) });
    m += step;
    if (m > 12) {
      m -= 12;
      y++;
    }
  }
  return out;
}

/** Words that name an authority outside the school in «в соответствии со сроками, …». */
const EXTERNAL = /минпросвещ|министерств|минобр|устанавлива|федеральн|регионал|муниципал|управлени|отдел/;

/** Parses a deadline as written in a roadmap. See the module comment for the rules. */
export function parseDeadline(text: string, ctx: DeadlineContext): DeadlineResult {
  const raw = String(text ?? "");
  const s = normalizeDeadlineText(raw);
  if (!s) return raw.trim() ? { kind: "unrecognized", text: raw.trim() } : { kind: "none" };
  const written = raw.trim();
  const unrecognized: DeadlineResult = { kind: "unrecognized", text: written };
  if (/^в соответствии со сроками/.test(s) && EXTERNAL.test(s)) return { kind: "external", text: written };
  const toks = tokenize(s);
  if (!toks || toks.length === 0) return unrecognized;
  const items = new Parser(toks, ctx).parse();
  if (!items || items.length === 0) return unrecognized;

  if (items.length === 1) {
    const it = items[0];
    if (it.k === "program") return { kind: "program", start: ctx.programStart, end: ctx.programEnd };
    if (it.k === "external") return { kind: "external", text: written };
    if (it.k === "as_needed") return { kind: "as_needed", text: written };
    if (it.k === "year")
      return { kind: "whole_period", scope: "year", start: ctx.schoolYearStart, end: yearEnd(ctx) };
    if (it.k === "period") {
      return { kind: "whole_period", scope: "program", start: ctx.programStart, end: ctx.programEnd };
    }
    if (it.k === "periodic") {
      return {
        kind: "recurring",
        dates: periodicWindows(it.every, ctx.programStart, ctx.programEnd),
        label: it.label,
      };
    }
    const [r] = resolveItems(items, ctx);
    return r ? { kind: "range", start: r.range.start, end: r.range.end } : unrecognized;
  }

  if (items.some((it) => it.k === "program" || it.k === "external" || it.k === "as_needed"))
    return unrecognized;
  const periodic = items.filter((it) => it.k === "periodic");
  if (periodic.length > 1) return unrecognized;
  if (periodic.length === 1) {
    // «ежемесячно в течение года»: the periodic windows inside the other window
    const others = items.filter((it) => it.k !== "periodic");
    if (others.length !== 1) return unrecognized;
    const [r] = resolveItems(others, ctx);
    if (!r) return unrecognized;
    const p = periodic[0] as Extract<Item, { k: "periodic" }>;
    return {
      kind: "recurring",
      dates: periodicWindows(p.every, r.range.start, r.range.end),
      label: `${p.label}, ${r.label}`,
    };
  }
  const resolved = resolveItems(items, ctx);
  const windows: Resolved[] = [];
  for (const r of resolved) {
    if (!r) return unrecognized;
    windows.push(r);
  }
  const dates = windows.map((w) => w.range).sort((a, b) => dayNumber(a.start) - dayNumber(b.start));
  return { kind: "recurring", dates, label: windows.map((w) => w.label).join(", ") };
}

// ---------------------------------------------------------------------------------------------
// Using the result

/** The dated windows of a deadline ([] for none, external, as_needed, unrecognized). */
export function deadlineWindows(result: DeadlineResult): DateRange[] {
  switch (result.kind) {
    case "range":
    case "program":
    case "whole_period":
      return [{ start: result.start, end: result.end }];
    case "recurring":
      return result.dates;
    default:
      return [];
  }
}

function formatRange(r: DateRange): string {
  const a = formatDateRu(r.start);
  const b = formatDateRu(r.end);
  return a === b ? a : `${a} – ${b}`;
}

/** A Russian label for people, e.g. «01.10.2026 – 30.11.2026». */
export function formatDeadline(result: DeadlineResult): string {
  switch (result.kind) {
    case "none":
      return "срок не указан";
    case "range":
      return formatRange(result);
    case "recurring": {
      if (result.dates.length === 0) return `${result.label} (дат в периоде нет)`;
      if (result.dates.length <= 6) return result.dates.map(formatRange).join("; ");
      const all = { start: result.dates[0].start, end: result.dates[result.dates.length - 1].end };
      return `${result.label}: ${formatRange(all)}`;
    }
    case "program":
      return `${formatRange(result)} (по программе наставничества)`;
    case "whole_period":
      return `${formatRange(result)} (${result.scope === "year" ? "в течение года" : "в течение всего периода"})`;
    case "external":
      return `срок устанавливается извне: ${result.text}`;
    case "as_needed":
      return "по мере необходимости";
    case "unrecognized":
      return "срок не распознан";
  }
}

export interface DeadlineState {
  status: DeadlineStatus;
  /** The date by which the current or next window must be done; null when done or undated. */
  nextDue: Date | null;
}

/**
 * The status of an event on `today` (a calendar date): «выполнено» when done; otherwise
 * «запланировано» before the first window starts, «в работе» from then until the last window
 * ends (between windows of a series too), «просрочено» after it. Undated deadlines (none,
 * external, as_needed, unrecognized) are never overdue. `nextDue` is the end of the first
 * window that has not ended yet.
 */
export function deadlineStatus(result: DeadlineResult, today: Date, done: boolean): DeadlineState {
  if (done) return { status: ROADMAP_STATUS.done, nextDue: null };
  const windows = deadlineWindows(result);
  if (windows.length === 0) return { status: ROADMAP_STATUS.planned, nextDue: null };
  const t = dayNumber(today);
  const first = Math.min(...windows.map((w) => dayNumber(w.start)));
  const last = Math.max(...windows.map((w) => dayNumber(w.end)));
  if (t > last) return { status: ROADMAP_STATUS.overdue, nextDue: null };
  const upcoming = windows
    .filter((w) => dayNumber(w.end) >= t)
    .sort((a, b) => dayNumber(a.end) - dayNumber(b.end))[0];
  return {
    status: t < first ? ROADMAP_STATUS.planned : ROADMAP_STATUS.inProgress,
    nextDue: upcoming ? upcoming.end : null,
  };
}

/** True when a window of the deadline ends within [today, today + days] (reminders). */
export function isDueWithin(result: DeadlineResult, today: Date, days: number): boolean {
  const t = dayNumber(today);
  return deadlineWindows(result).some((w) => {
    const e = dayNumber(w.end);
    return e >= t && e <= t + days;
  });
}
