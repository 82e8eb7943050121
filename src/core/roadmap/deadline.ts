/**
 * Deadlines of roadmaps («дорожные карты») as schools write them, in free Russian, turned into
 * calendar dates.
 *
 * Calendar dates are `Date` objects at midnight UTC (`new Date(Date.UTC(y, m - 1, d))`, see
 * `utcDate` in ../dates): the UTC fields carry the calendar day, the machine's time zone is never
 * read. `today` arguments must be calendar dates in the same sense (their time part is ignored).
 *
 * The parser never guesses: a text it cannot read with certainty is unrecognized (the roadmap then
 * says «срок не распознан» and the curator types the dates), never dated. Choices (the seeds in
 * test/fixtures/seeds are the reference):
 * - The «year» of a roadmap is [schoolYearStart, schoolYearStart + 1 year − 1 day]. Normally
 *   schoolYearStart is 1 September; a roadmap planned for a calendar year («на 2023 год») passes
 *   1 January. A month written without a year is the occurrence of that month inside this year:
 *   with 1 September, September–December fall in the first calendar year, January–August in the
 *   second. A range of months (or days) without years runs forward in the calendar («сентябрь –
 *   май» crosses the new year, «май – сентябрь» does not) and is placed in the years that put
 *   clearly most of it inside this year (see placeYears): for 2024/2025 «май – сентябрь» is May –
 *   September 2025; «август – сентябрь», one month inside either way, is unrecognized.
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
 * - «ежемесячно», «еженедельно», «ежеквартально», «раз в четверть» → recurring windows (calendar
 *   months, weeks Monday–Sunday, calendar quarters, school terms) clipped to the program, with the
 *   rhythm in `periodic`; combined with «в течение года» or a range they are clipped to that window
 *   instead, «с октября» starts them in October. «по пятницам» / «каждую пятницу» are one-day
 *   windows each Friday; «каждый месяц до 25 числа» windows ending on each 25th. «до 15.09.2024,
 *   далее ежемесячно» is the window up to 15.09.2024, then the months from the next day to the end
 *   of the program (the rest of September joins October). «до 15.09.2024 ежемесячно» without
 *   «далее» (monthly up to it, or after it?), «ежемесячно по пятницам», «в пятницу»,
 *   «ежеквартально до 10 числа», «2 раза в месяц» are unrecognized.
 * - School terms are approximated by months: I четверть September–October, II November–December,
 *   III January–March, IV April–May; I полугодие September–December, II полугодие January–May;
 *   I триместр September–November, II December–February, III March–May; «квартал» is the calendar
 *   quarter; «в начале учебного года» is September, «в конце учебного года» is May. Numbered in
 *   Roman or Arabic numerals or words («второе полугодие»). With a school year («II полугодие
 *   2024-2025 учебного года», «2 четверть 2024/25 уч. г.») a term is that year's; with a calendar
 *   year a quarter is that year's, a четверть or триместр the context year's one that falls in it
 *   (else unrecognized: «I четверть 2025 г.» in 2024/2025 may be the calendar quarter), and a
 *   полугодие is unrecognized («I полугодие 2025 г.»: January–June or September–December?).
 * - Dates: «01.09.2024», «1.9.24», «2024-09-01», «2024.09.01», «01/09/2024»; months also misspelt
 *   by one letter («сетябрь», «октябярь») and with Latin look-alike letters («cентябрь»).
 * - Years: two digits mean 20xx; two consecutive years written alone («2023-2024 учебный год»)
 *   mean the school year 1 September – 31 August; a single year is the calendar year when the text
 *   says so («2024 г.», «в 2024 году», «в течение 2024 года», «с 2024 года», «до конца 2024
 *   года»); «2024» alone (the school year 2024/25?) and «до 2025 года» / «к 2025 году» (before
 *   2025 or with it?) are unrecognized.
 * - Windows of a series that overlap («II полугодие, 2024-2025 уч. год», «в течение года, май»)
 *   are unrecognized.
 * - «С X» without an end runs to the end of the year (or of the program, when that is later).
 * - Anything else is kept as written: { kind: "unrecognized", text }.
 */
import { addCalendarDays, dayNumber, formatDateRu, fromDayNumber, utcDate } from "../dates";
import { MONTHS_NOMINATIVE, monthOfMisspelling, monthOfWord } from "../months";
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

/**
 * The rhythm of a periodic deadline («ежемесячно», «еженедельно по пятницам», «каждый месяц до 25
 * числа»). Its windows are in `dates` of the result, which also holds any dated window before it
 * («до 15.09.2024, далее ежемесячно»).
 */
export interface Periodic {
  /** Calendar weeks (Monday–Sunday), months, quarters, or school terms («раз в четверть»). */
  every: "week" | "month" | "quarter" | "term";
  /** The days the rhythm runs over. */
  start: Date;
  end: Date;
  /** «по пятницам»: the weekday, 1 = Monday … 7 = Sunday; each window is that one day. */
  weekday?: number;
  /** «до 25 числа»: each window ends on that day of the month (its last day in a shorter month). */
  day?: number;
}

export type DeadlineResult =
  | { kind: "none" }
  | { kind: "range"; start: Date; end: Date }
  | { kind: "recurring"; dates: DateRange[]; label: string; periodic?: Periodic }
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
  | { t: "num"; v: number; digits: number; yearWord?: boolean }
  | { t: "month"; m: number }
  | { t: "dash" }
  | { t: "sep" }
  | { t: "then" }
  | { t: "word"; w: string };

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** Latin letters that look like Cyrillic ones, as they slip into a Russian word («cентябрь»). */
const LOOKALIKES: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

/**
 * Lower case, plain spaces and hyphens, no HTML, Cyrillic words without Latin look-alikes, Roman
 * numerals in Latin letters, school years as «2023-2024», a year's «г.» / «года» as «г», no final dot.
 */
export function normalizeDeadlineText(text: string): string {
  let s = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;/gi, " ")
    .replace(/[\u00a0\u2007\u2009\u200a\u202f\u200b]/g, " ")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2170-\u2173]/g, (c) => ["i", "ii", "iii", "iv"][c.charCodeAt(0) - 0x2170])
    .replace(/і/g, "i")
    .replace(/[a-zа-я]+/g, (w) =>
      /[a-z]/.test(w) && /[а-я]/.test(w) ? w.replace(/[a-z]/g, (c) => LOOKALIKES[c] ?? c) : w,
    );
  // «31.12. 2021» → «31.12.2021»
  s = s.replace(/(\d{1,2}\.\d{1,2})\.\s+(\d{4})(?!\d)/g, "$1.$2");
  // «2023-2024 учебный год», «2023/24 уч. г.» → «2023-2024»
  s = s.replace(
    /(?<![\d./])(\d{4})\s*[-/]\s*(\d{2,4})(?![\d./-])\s*(?:уч(?:ебн[а-я]*)?\.?\s*)?(?:гг?\.?|год[а-я]*)?(?![а-я])/g,
    (_all, a: string, b: string) => `${a}-${b.length === 2 ? a.slice(0, 2) + b : b} `,
  );
  // «2023г.», «2023 г», «2023 гг.», «2023 года», «2023 г.г.» → «2023 г»
  s = s.replace(/(\d)\s*(?:г\.?\s*г\.?|гг\.?|г\.?|год[а-я]*)(?![а-я])/g, "$1 г ");
  s = s.replace(/\s+/g, " ").trim();
  s = s.replace(/[\s.,;:]+$/, "").replace(/^[\s.,;:]+/, "");
  return s;
}

/** Words that only join deadlines: «декабрь и май». */
const SEPARATOR_WORDS = ["и", "а", "также"];
/** Words that put what follows after what precedes: «до 15.09, далее ежемесячно». */
const THEN_WORDS = ["далее", "затем", "потом"];

function tokenize(s: string): Token[] | null {
  const re =
    /(\d{4})([-.])(\d{1,2})\2(\d{1,2})(?!\d)|(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])|(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)|(\d+)|([a-zа-я]+)|(-)|([,;])|(\.|:|\(|\))|(\S)/g;
  const out: Token[] = [];
  let m: RegExpExecArray | null = re.exec(s);
  while (m) {
    const last = out[out.length - 1];
    if (m[1]) out.push({ t: "date", y: Number(m[1]), m: Number(m[3]), d: Number(m[4]) });
    else if (m[5]) {
      out.push({ t: "date", d: Number(m[5]), m: Number(m[6]), y: m[7] ? fullYear(Number(m[7])) : undefined });
    } else if (m[8]) out.push({ t: "date", d: Number(m[8]), m: Number(m[9]), y: Number(m[10]) });
    else if (m[11]) out.push({ t: "num", v: Number(m[11]), digits: m[11].length });
    else if (m[12]) {
      const month = monthOfWord(m[12]) ?? monthOfMisspelling(m[12]);
      if (m[12] === "г" && (last?.t === "date" || last?.t === "num")) {
        // «2024 г», «01.09.2024 г»: the year's word, kept on a number for a year written alone
        if (last.t === "num") last.yearWord = true;
      } else if (month) out.push({ t: "month", m: month });
      else if (SEPARATOR_WORDS.indexOf(m[12]) >= 0) out.push({ t: "sep" });
      else if (THEN_WORDS.indexOf(m[12]) >= 0) out.push({ t: "then" });
      else out.push({ t: "word", w: m[12] });
    } else if (m[13]) out.push({ t: "dash" });
    else if (m[14]) out.push({ t: "sep" });
    else if (m[15]) {
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
  /** A year alone was followed by «г.» / «год». */
  yearWord?: boolean;
}

type Every = Periodic["every"];

type Item = (
  | { k: "span"; from?: Point; to: Point; until: boolean; since: boolean; endOfMonth: boolean }
  | { k: "window"; range: DateRange; label: string }
  | { k: "year" }
  | { k: "period" }
  | { k: "program" }
  | { k: "external" }
  | { k: "as_needed" }
  | { k: "periodic"; every: Every; label: string }
  /** «по пятницам», «каждую пятницу» (weekly by itself); «в пятницу» (only after «еженедельно»). */
  | { k: "weekday"; weekday: number; weekly: boolean }
  /** «до 25 числа» (of each month). */
  | { k: "day_of_month"; day: number }
) & {
  /** Written after «далее» / «затем». */
  continues?: boolean;
};

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ROMAN_LABEL = ["I", "II", "III", "IV"];

/** Ordinal words of a term: «первое полугодие», «во второй четверти», «третий триместр». */
const ORDINALS: Array<[RegExp, number]> = [
  [/^перв(?:ая|ое|ый|ой|ом|ую)$/, 1],
  [/^втор(?:ая|ое|ой|ом|ую)$/, 2],
  [/^трет(?:ья|ье|ий|ьей|ьем|ью)$/, 3],
  [/^четверт(?:ая|ое|ый|ой|ом|ую)$/, 4],
];

/**
 * School terms by their months, as the module comment says; «квартал» is the calendar quarter.
 * «триместр»: I September–November, II December–February, III March–May.
 */
const TERMS: Array<{ noun: RegExp; name: string; months: Array<[number, number]> }> = [
  {
    noun: /^четверт/,
    name: "четверть",
    months: [
      [9, 10],
      [11, 12],
      [1, 3],
      [4, 5],
    ],
  },
  {
    noun: /^полугод/,
    name: "полугодие",
    months: [
      [9, 12],
      [1, 5],
    ],
  },
  {
    noun: /^триместр/,
    name: "триместр",
    months: [
      [9, 11],
      [12, 2],
      [3, 5],
    ],
  },
  {
    noun: /^квартал/,
    name: "квартал",
    months: [
      [1, 3],
      [4, 6],
      [7, 9],
      [10, 12],
    ],
  },
];

/** Weekdays (1 = Monday) in the forms «по пятницам», «каждую пятницу», «в пятницу» take. */
const WEEKDAYS: RegExp[] = [
  /^понедельник(?:ам)?$/,
  /^вторник(?:ам)?$/,
  /^сред(?:у|ам)$/,
  /^четверг(?:ам)?$/,
  /^пятниц(?:у|ам)$/,
  /^суббот(?:у|ам)$/,
  /^воскресень(?:е|ям)$/,
];

function weekdayOf(word: string | null): number | null {
  if (!word) return null;
  const i = WEEKDAYS.findIndex((re) => re.test(word));
  return i < 0 ? null : i + 1;
}

class Parser {
  private i = 0;
  /** Set when a phrase was recognised but cannot be dated with certainty: the text is flagged. */
  private failed = false;
  constructor(
    private readonly toks: Token[],
    private readonly ctx: DeadlineContext,
  ) {}

  parse(): Item[] | null {
    const items: Item[] = [];
    let then = false;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.t === "sep" || t.t === "then") {
        then ||= t.t === "then";
        this.i++;
        continue;
      }
      const item = this.phrase() ?? this.rhythm() ?? this.term() ?? this.span();
      if (this.failed || !item) return null;
      items.push(then ? { ...item, continues: true } : item);
      then = false;
    }
    return then ? null : items;
  }

  private peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  private word(offset = 0): string | null {
    return this.wordAt(this.i + offset);
  }

  private wordAt(j: number): string | null {
    const t = this.toks[j];
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

  /** Fixed phrases matched against the run of words at the cursor («1 раз в месяц» too). */
  private phrase(): Item | null {
    const t = this.peek();
    const once = t?.t === "num" && t.v === 1 && t.digits === 1 && this.word(1) === "раз";
    if (once) this.i++;
    const item = this.fixedPhrase();
    if (once && !item) this.i--;
    return item;
  }

  private fixedPhrase(): Item | null {
    const run = this.wordRun();
    if (!run) return null;
    const phrases: Array<[RegExp, () => Item | null]> = [
      [/^по мере (?:необходимости|потребности)/, () => ({ k: "as_needed" })],
      [/^по программ[а-я]* наставничества/, () => ({ k: "program" })],
      [/^в соответствии со сроками реализации(?: [а-я]+)*/, () => ({ k: "program" })],
      [/^(?:в течение )?(?:всего )?(?:учебного |календарного )?года/, () => ({ k: "year" })],
      [
        /^(?:в течение )?(?:всего )?(?:периода|срока)(?: (?:внедрения|реализации|действия|цмн|программы|программ|целевой|модели|наставничества|дорожной|карты))*/,
        () => ({ k: "period" }),
      ],
      [/^постоянно/, () => ({ k: "period" })],
      [
        /^(?:ежемесячно|каждый месяц|каждого месяца|раз в месяц)/,
        () => ({ k: "periodic", every: "month", label: "ежемесячно" }),
      ],
      [
        /^(?:еженедельно|каждую неделю|каждой недели|раз в неделю)/,
        () => ({ k: "periodic", every: "week", label: "еженедельно" }),
      ],
      [
        /^(?:ежеквартально|каждый квартал|каждого квартала|раз в квартал)/,
        () => ({ k: "periodic", every: "quarter", label: "ежеквартально" }),
      ],
      [
        /^(?:каждую четверть|каждой четверти|раз в четверть|ежечетвертно)/,
        () => ({ k: "periodic", every: "term", label: "каждую четверть" }),
      ],
      [/^(?:в )?начал[а-я]* учебного года/, () => this.window(9, 9, "в начале учебного года")],
      [/^(?:в )?конц[а-я]* учебного года/, () => this.window(5, 5, "в конце учебного года")],
    ];
    for (const [re, make] of phrases) {
      const m = re.exec(run);
      if (!m) continue;
      // the match must end on a word boundary
      const rest = run.slice(m[0].length);
      if (rest && rest[0] !== " ") continue;
      this.i += m[0].split(" ").length;
      const item = make();
      if (!item) this.failed = true;
      return item;
    }
    return null;
  }

  /** A weekday of a weekly deadline, or the day of the month of a monthly one. */
  private rhythm(): Item | null {
    const w = this.word();
    // «по пятницам», «каждую пятницу», «в пятницу»
    if (w === "по" || w === "каждую" || w === "каждый" || w === "каждое" || w === "в" || w === "во") {
      const weekday = weekdayOf(this.word(1));
      if (weekday) {
        this.i += 2;
        return { k: "weekday", weekday, weekly: w !== "в" && w !== "во" };
      }
    }
    // «до 25 числа», «не позднее 5-го числа», «к 10 числу»
    let j = this.i;
    if (w === "до" || w === "к" || w === "по") j++;
    else if (w === "не" && this.word(1) === "позднее") j += 2;
    else return null;
    const n = this.toks[j];
    if (n?.t !== "num" || n.digits > 2 || n.v < 1 || n.v > 31) return null;
    j++;
    const ending = this.toks[j + 1];
    if (this.toks[j]?.t === "dash" && ending?.t === "word" && /^(?:го|е|ое)$/.test(ending.w)) j += 2;
    const noun = this.toks[j];
    if (noun?.t !== "word" || !/^числ/.test(noun.w)) return null;
    this.i = j + 1;
    return { k: "day_of_month", day: n.v };
  }

  /**
   * School terms and quarters: «I четверть», «2-я четверть», «во II полугодии», «первое полугодие»,
   * «III триместр», «I квартал»; with a school year («II полугодие 2024-2025 учебного года») they are
   * that year's, with a calendar year see calendarTerm, without one the context's.
   */
  private term(): Item | null {
    let j = this.i;
    const w0 = this.word();
    if (w0 === "в" || w0 === "во") j++;
    const t = this.toks[j];
    let n: number | undefined;
    if (t?.t === "word") n = ROMAN[t.w] ?? ORDINALS.find(([re]) => re.test(t.w))?.[1];
    else if (t?.t === "num" && t.digits === 1 && t.v >= 1 && t.v <= 4) n = t.v;
    if (!n) return null;
    j++;
    if (this.toks[j]?.t === "dash") j++;
    const suffix = this.toks[j];
    if (suffix?.t === "word" && /^(я|ая|ое|е|й|ой|ом|ий)$/.test(suffix.w)) j++;
    const noun = this.toks[j];
    if (noun?.t !== "word") return null;
    const kind = TERMS.find((x) => x.noun.test(noun.w));
    if (!kind || n > kind.months.length) return null;
    j++;
    const [a, b] = kind.months[n - 1];
    const label = `${ROMAN_LABEL[n - 1]} ${kind.name}`;
    // «… текущего учебного года», «… уч. года»: the context's year
    let k = j;
    if (this.wordAt(k) === "текущего" || this.wordAt(k) === "этого") k++;
    if (this.wordAt(k) === "учебного" || this.wordAt(k) === "уч") {
      k++;
      if (this.wordAt(k) === "года" || this.wordAt(k) === "г") k++;
      j = k;
    }
    const y1 = this.toks[j];
    const y2 = this.toks[j + 2];
    let item: Item | null;
    if (y1?.t === "num" && y1.digits === 4 && this.toks[j + 1]?.t === "dash" && y2?.t === "num") {
      // «2024-2025» (the school year, as normalizeDeadlineText writes it)
      if (y2.v !== y1.v + 1 || kind.name === "квартал") return this.fail();
      const year = (m: number) => (m >= 9 ? y1.v : y1.v + 1);
      const range = { start: monthRange(year(a), a).start, end: monthRange(year(b), b).end };
      item = { k: "window", range, label: `${label} ${y1.v}/${y2.v} учебного года` };
      j += 3;
    } else if (y1?.t === "num" && y1.digits === 4) {
      item = this.calendarTerm(kind.name, a, b, y1.v, `${label} ${y1.v} года`);
      j++;
    } else item = this.window(a, b, label);
    if (!item) return this.fail();
    this.i = j;
    return item;
  }

  /**
   * A term with a calendar year: a quarter is that year's; «I полугодие 2025 г.» is flagged (the
   * calendar half-year, January–June, or the school's, September–December?); a четверть or a
   * триместр is the context year's when it falls in that calendar year, else flagged (the next
   * school year's, or the calendar quarter «I четверть 2025 г.» = January–March?).
   */
  private calendarTerm(name: string, a: number, b: number, year: number, label: string): Item | null {
    if (name === "квартал")
      return { k: "window", range: { start: utcDate(year, a, 1), end: monthRange(year, b).end }, label };
    if (name === "полугодие") return null;
    const item = this.window(a, b, label);
    if (item?.k !== "window") return null;
    const r = item.range;
    return r.start.getUTCFullYear() === year || r.end.getUTCFullYear() === year ? item : null;
  }

  private fail(): null {
    this.failed = true;
    return null;
  }

  /**
   * The window from the first day of month `a` to the last day of month `b` in the context's year
   * (placed as placeYears places a range of months); null when that is ambiguous.
   */
  private window(a: number, b: number, label: string): Item | null {
    const pair = placeYears({ m: a }, { m: b }, this.ctx);
    if (!pair) return null;
    const start = monthRange(pair[0].y as number, a).start;
    const end = monthRange(pair[1].y as number, b).end;
    return { k: "window", range: { start, end }, label };
  }

  /** «[с|до|к|по|не позднее|в течение] point [(-|по|до) point]». */
  private span(): Item | null {
    let until = false;
    let since = false;
    let endOfMonth = false;
    /** «в», «в течение»: a year alone after them is that calendar year. */
    let within = false;
    const w = this.word();
    if (w === "до" || w === "к" || w === "по") {
      until = true;
      this.i++;
      if (this.word() === "конца" || this.word() === "концу") {
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
      within = true;
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
    if (from.m === undefined) {
      // A year alone: «2024» may be the calendar year or the school year 2024/25, and «до 2025
      // года», «к 2025 году» may end before 2025 or with it; «в 2024 году», «2024 г.», «с 2024
      // года», «по 2024 год», «не позднее 2024 года», «до конца 2024 года» are certain.
      const ambiguousEnd = until && (w === "до" || w === "к") && !endOfMonth;
      if (ambiguousEnd || !(from.yearWord || within || since || until)) return this.fail();
    }
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
        return { y: t.v, yearWord: t.yearWord };
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

/** The months (or days, when a point has its day) of [start, end] inside [from, to]. */
function overlap(start: Date, end: Date, from: Date, to: Date, unit: "month" | "day"): number {
  const s = maxDate(start, from);
  const e = minDate(end, to);
  if (dayNumber(e) < dayNumber(s)) return 0;
  if (unit === "day") return dayNumber(e) - dayNumber(s) + 1;
  return e.getUTCFullYear() * 12 + e.getUTCMonth() - (s.getUTCFullYear() * 12 + s.getUTCMonth()) + 1;
}

/**
 * Years for a range written without any («май – сентябрь», «с 15 мая по 15 сентября», «сентябрь –
 * май»), as a person reads it against the context's year. The range runs forward: it crosses the
 * new year only when its end comes before its start in the calendar («сентябрь – май», «декабрь –
 * февраль»). Of its placements in consecutive years, the one with the most months (days, when a
 * day is written) inside the context's year is taken when it has more than twice as many as any
 * other: for 2024/2025 «май – сентябрь» is May–September 2025 (four months inside against one for
 * 2024), «август – ноябрь» August–November 2024 (three against one). Otherwise the text is
 * ambiguous and null: «август – сентябрь» (one month inside either way), «июль – сентябрь» (two
 * against one), «июнь – октябрь» (three against two).
 */
function placeYears(a: Point, b: Point, ctx: DeadlineContext): [Point, Point] | null {
  if (a.m === undefined || b.m === undefined) return null;
  const crosses = earlierInYear(b, a);
  // «с 20 сентября по 10 сентября»: more than a year
  if (crosses && a.m === b.m) return null;
  const unit = a.d === undefined && b.d === undefined ? "month" : "day";
  const base = ctx.schoolYearStart.getUTCFullYear();
  const yEnd = yearEnd(ctx);
  const placements: Array<{ inside: number; pair: [Point, Point] }> = [];
  for (let y = base - 1; y <= base + 1; y++) {
    const pair: [Point, Point] = [
      { ...a, y },
      { ...b, y: crosses ? y + 1 : y },
    ];
    const ra = pointRange(pair[0]);
    const rb = pointRange(pair[1]);
    if (!ra || !rb) continue;
    placements.push({ inside: overlap(ra.start, rb.end, ctx.schoolYearStart, yEnd, unit), pair });
  }
  placements.sort((x, y) => y.inside - x.inside);
  const [best, second] = placements;
  if (!best || best.inside === 0 || (second && best.inside <= 2 * second.inside)) return null;
  return best.pair;
}

/** Fills missing parts of a pair of points from each other and from the context; null when ambiguous. */
function resolvePair(from: Point, to: Point, ctx: DeadlineContext): [Point, Point] | null {
  const a: Point = { ...from };
  const b: Point = { ...to };
  if (a.m === undefined && a.d !== undefined) a.m = b.m;
  if (a.y === undefined && b.y !== undefined && a.m !== undefined) a.y = earlierInYear(b, a) ? b.y - 1 : b.y;
  if (b.y === undefined && a.y !== undefined && b.m !== undefined) b.y = earlierInYear(b, a) ? a.y + 1 : a.y;
  if (a.y === undefined && b.y === undefined && a.m !== undefined && b.m !== undefined)
    return placeYears(a, b, ctx);
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
    const pair = resolvePair(item.from, item.to, ctx);
    if (!pair) return null;
    const [a, b] = pair;
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

/** The periods of a rhythm that meet [start, end], each clipped to it. */
function periodicWindows(every: Every, start: Date, end: Date): DateRange[] {
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
  if (every === "term") {
    // the четверти of every school year that meets [start, end]
    for (let y = start.getUTCFullYear() - 1; y <= end.getUTCFullYear(); y++) {
      for (const [a, b] of SCHOOL_TERMS) {
        const termStart = utcDate(a >= 9 ? y : y + 1, a, 1);
        const termEnd = monthRange(b >= 9 ? y : y + 1, b).end;
        if (dayNumber(termEnd) < dayNumber(start) || dayNumber(termStart) > last) continue;
        out.push({ start: maxDate(termStart, start), end: minDate(termEnd, end) });
      }
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

/** The четверти by their months (the rhythm «каждую четверть»). */
const SCHOOL_TERMS = TERMS[0].months;

/** True when `day` begins a period of the rhythm: a Monday, the first day of a month, a quarter, a term. */
function beginsPeriod(every: Every, day: Date): boolean {
  const d = day.getUTCDate();
  const m = day.getUTCMonth() + 1;
  if (every === "week") return day.getUTCDay() === 1;
  if (every === "month") return d === 1;
  if (every === "quarter") return d === 1 && (m - 1) % 3 === 0;
  return d === 1 && SCHOOL_TERMS.some(([a]) => a === m);
}

/** A periodic deadline's rhythm as written, before it is given its days. */
interface Rhythm {
  every: Every;
  label: string;
  weekday?: number;
  day?: number;
}

const WEEKDAYS_DATIVE = [
  "понедельникам",
  "вторникам",
  "средам",
  "четвергам",
  "пятницам",
  "субботам",
  "воскресеньям",
];

/** The rhythm of a deadline's periodic items; null when they do not make one. */
function rhythmOf(items: Item[]): Rhythm | null {
  let every: Every | undefined;
  let label = "";
  let weekday: number | undefined;
  let weekly = false;
  let day: number | undefined;
  for (const it of items) {
    if (it.k === "periodic") {
      if (every !== undefined) return null;
      every = it.every;
      label = it.label;
    } else if (it.k === "weekday") {
      if (weekday !== undefined) return null;
      weekday = it.weekday;
      weekly = it.weekly;
    } else if (it.k === "day_of_month") {
      if (day !== undefined) return null;
      day = it.day;
    }
  }
  if (weekday !== undefined) {
    // «в пятницу» alone: which Friday? «ежемесячно по пятницам»: every Friday or one a month?
    if (day !== undefined || (every === undefined && !weekly) || (every !== undefined && every !== "week"))
      return null;
    return { every: "week", label: `еженедельно по ${WEEKDAYS_DATIVE[weekday - 1]}`, weekday };
  }
  // «до 25 числа» of a month only
  if (day !== undefined)
    return every === "month" ? { every, label: `ежемесячно до ${day} числа`, day } : null;
  return every === undefined ? null : { every, label };
}

/**
 * The windows of a rhythm over [start, end]: its periods clipped; each weekday of a weekly one by
 * itself («по пятницам»); for a day of the month («до 25 числа»), from the day after the previous
 * one (or `start`) to that day of each month.
 */
function rhythmWindows(r: Rhythm, start: Date, end: Date): DateRange[] {
  const first = dayNumber(start);
  const last = dayNumber(end);
  const out: DateRange[] = [];
  if (r.weekday !== undefined) {
    for (let n = first; n <= last; n++)
      if (((n + 3) % 7) + 1 === r.weekday) out.push({ start: fromDayNumber(n), end: fromDayNumber(n) });
    return out;
  }
  if (r.day !== undefined) {
    let from = first;
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    for (;;) {
      const due = dayNumber(utcDate(y, m, Math.min(r.day, daysInMonth(y, m))));
      if (due > last) break;
      if (due >= from) {
        out.push({ start: fromDayNumber(from), end: fromDayNumber(due) });
        from = due + 1;
      }
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
    return out;
  }
  return periodicWindows(r.every, start, end);
}

function isRhythmItem(it: Item): boolean {
  return it.k === "periodic" || it.k === "weekday" || it.k === "day_of_month";
}

function periodicResult(
  r: Rhythm,
  dates: DateRange[],
  label: string,
  start: Date,
  end: Date,
): DeadlineResult {
  const periodic: Periodic = { every: r.every, start, end };
  if (r.weekday !== undefined) periodic.weekday = r.weekday;
  if (r.day !== undefined) periodic.day = r.day;
  return { kind: "recurring", dates, label, periodic };
}

/**
 * A deadline with a rhythm: «ежемесячно» (over the program), «ежемесячно в течение года» / «с
 * октября по май» / «до 15.12» (over that window), «ежемесячно с октября» (from October to the end
 * of the program), «до 15.09.2024, далее ежемесячно» (a first window, then the rhythm from the next
 * day to the end of the program). Null when the items do not read as one of these.
 */
function periodicDeadline(items: Item[], ctx: DeadlineContext): DeadlineResult | null {
  const firstR = items.findIndex(isRhythmItem);
  let lastR = firstR;
  while (lastR + 1 < items.length && isRhythmItem(items[lastR + 1])) lastR++;
  const rhythmItems = items.slice(firstR, lastR + 1);
  const before = items.slice(0, firstR);
  const after = items.slice(lastR + 1);
  const others = [...before, ...after];
  const rhythm = rhythmOf(rhythmItems);
  if (
    !rhythm ||
    others.some((it) => isRhythmItem(it) || it.continues) ||
    rhythmItems.slice(1).some((it) => it.continues)
  )
    return null;
  if (others.some((it) => it.k === "program" || it.k === "external" || it.k === "as_needed")) return null;

  if (rhythmItems[0].continues) {
    // «до 15.09.2024, далее ежемесячно [в течение года]»
    if (before.length !== 1 || after.length > 1) return null;
    const resolved = resolveItems(others, ctx);
    const first = resolved[0];
    const bounds = after.length === 1 ? resolved[1] : null;
    if (!first || (after.length === 1 && !bounds)) return null;
    let start = addCalendarDays(first.range.end, 1);
    let end: Date;
    if (bounds) {
      start = maxDate(start, bounds.range.start);
      end = bounds.range.end;
    } else end = dayNumber(ctx.programEnd) >= dayNumber(start) ? ctx.programEnd : yearEnd(ctx);
    if (dayNumber(end) < dayNumber(start)) return null;
    let windows = rhythmWindows(rhythm, start, end);
    // The rest of the period the first window ends in joins the next period: after «до 15.09»,
    // «далее ежемесячно» is next due at the end of October, not again on 30.09.
    const periods = rhythm.weekday === undefined && rhythm.day === undefined;
    if (periods && windows.length > 1 && !beginsPeriod(rhythm.every, start))
      windows = [{ start: windows[0].start, end: windows[1].end }, ...windows.slice(2)];
    // the bounds' label as written alone («в течение года», not «далее в течение года»)
    const boundsLabel = after.length === 1 ? (resolveItems(after, ctx)[0]?.label ?? "") : "";
    const label = [first.label, `далее ${rhythm.label}`, ...(boundsLabel ? [boundsLabel] : [])].join(", ");
    return periodicResult(rhythm, [first.range, ...windows], label, start, end);
  }

  if (others.length === 0) {
    const dates = rhythmWindows(rhythm, ctx.programStart, ctx.programEnd);
    return periodicResult(rhythm, dates, rhythm.label, ctx.programStart, ctx.programEnd);
  }
  if (others.length > 1) return null;
  const x = others[0];
  // «до 15.09.2024 ежемесячно»: monthly up to 15.09, or after it (as «далее» would say)?
  if (x.k === "span" && x.until && before.length === 1) return null;
  const [r] = resolveItems([x], ctx);
  if (!r) return null;
  const start = r.range.start;
  let end = r.range.end;
  // «ежемесячно с октября»: like «ежемесячно», to the end of the program
  if (x.k === "span" && x.since && dayNumber(ctx.programEnd) >= dayNumber(start)) end = ctx.programEnd;
  return periodicResult(rhythm, rhythmWindows(rhythm, start, end), `${rhythm.label}, ${r.label}`, start, end);
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
  if (!items || items.length === 0 || items[0].continues) return unrecognized;
  if (items.some(isRhythmItem)) return periodicDeadline(items, ctx) ?? unrecognized;

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
    const [r] = resolveItems(items, ctx);
    return r ? { kind: "range", start: r.range.start, end: r.range.end } : unrecognized;
  }

  if (items.some((it) => it.k === "program" || it.k === "external" || it.k === "as_needed"))
    return unrecognized;
  const resolved = resolveItems(items, ctx);
  const windows: Resolved[] = [];
  for (const r of resolved) {
    if (!r) return unrecognized;
    windows.push(r);
  }
  const dates = windows.map((w) => w.range).sort((a, b) => dayNumber(a.start) - dayNumber(b.start));
  // Windows that overlap are not a series: «II полугодие, 2024-2025 уч. год» reads as one window
  // written twice, «в течение года, май» as a note on a window; neither has certain dates.
  if (dates.some((w, i) => i > 0 && dayNumber(w.start) <= dayNumber(dates[i - 1].end))) return unrecognized;
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
