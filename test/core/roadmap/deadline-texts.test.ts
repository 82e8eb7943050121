/**
 * Deadlines as schools write them beyond the seeds (issue 16, item 5): each text with the dates a
 * person reads in a roadmap for the school year 2024/2025 (program 01.09.2024 – 31.05.2025, the
 * defaults of «Настройки»), or «flagged» when it cannot be read with certainty — then the roadmap
 * says «срок не распознан» and asks the curator, and no date is computed.
 */

import { MONTHS_NOMINATIVE as MONTHS } from "../../../src/core/months";
import {
  type DateRange,
  type DeadlineContext,
  type DeadlineResult,
  deadlineStatus,
  deadlineWindows,
  parseDeadline,
} from "../../../src/core/roadmap/deadline";
import { PARSE, parseLabel } from "../../../src/core/roadmap/status";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (x: Date) => x.toISOString().slice(0, 10);

const CTX: DeadlineContext = {
  schoolYearStart: d("2024-09-01"),
  programStart: d("2024-09-01"),
  programEnd: d("2025-05-31"),
};

function span(r: DateRange): string {
  const a = iso(r.start);
  const b = iso(r.end);
  return a === b ? a : `${a}..${b}`;
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * What a person reads: «2025-05-01..2025-09-30»; windows of a series joined by « + »; a periodic
 * deadline as «[first window then] every month 2024-10-01..2025-05-31: N × first, second … last»;
 * «flagged» for a text the parser does not date.
 */
function reading(r: DeadlineResult): string {
  switch (r.kind) {
    case "range":
      return span(r);
    case "program":
      return `program ${span(r)}`;
    case "whole_period":
      return `whole ${r.scope} ${span(r)}`;
    case "recurring": {
      const p = r.periodic;
      if (!p) return r.dates.map(span).join(" + ");
      const first = r.dates.filter((w) => w.end.getTime() < p.start.getTime());
      const windows = r.dates.filter((w) => w.end.getTime() >= p.start.getTime());
      const on = p.weekday ? ` on ${WEEKDAYS[p.weekday - 1]}` : p.day ? ` by day ${p.day}` : "";
      const list =
        windows.length <= 4
          ? windows.map(span).join(", ")
          : `${span(windows[0])}, ${span(windows[1])} … ${span(windows[windows.length - 1])}`;
      const then = first.map((w) => `${span(w)} then `).join("");
      return `${then}every ${p.every}${on} ${span(p)}: ${windows.length} × ${list}`;
    }
    case "as_needed":
      return "as needed";
    case "external":
      return "external";
    case "none":
      return "none";
    case "unrecognized":
      return "flagged";
  }
}

const NBSP = "\u00a0";

const CASES: Array<[string, string]> = [
  // terms and quarters with their years
  ["II полугодие 2024-2025 учебного года", "2025-01-01..2025-05-31"],
  ["2 четверть 2024/25 уч. г.", "2024-11-01..2024-12-31"],
  ["I полугодие 2024/2025 учебного года", "2024-09-01..2024-12-31"],
  ["во II полугодии 2024/2025 уч. года", "2025-01-01..2025-05-31"],
  ["2-е полугодие 2024-25 уч.г.", "2025-01-01..2025-05-31"],
  ["Первое полугодие", "2024-09-01..2024-12-31"],
  ["во втором полугодии текущего учебного года", "2025-01-01..2025-05-31"],
  ["I четверть 2024-2025 учебного года", "2024-09-01..2024-10-31"],
  ["IV четверть 2024/2025 уч. г.", "2025-04-01..2025-05-31"],
  ["третья четверть", "2025-01-01..2025-03-31"],
  // a четверть with a calendar year: the one of this school year that falls in it
  ["3 четверть 2025 г.", "2025-01-01..2025-03-31"],
  ["в III четверти 2025 года", "2025-01-01..2025-03-31"],
  ["II четверть 2024 г.", "2024-11-01..2024-12-31"],
  // the written school year wins over the context's
  ["III четверть 2023-2024 учебного года", "2024-01-01..2024-03-31"],
  ["I триместр", "2024-09-01..2024-11-30"],
  ["II триместр", "2024-12-01..2025-02-28"],
  ["III триместр 2024-2025 учебного года", "2025-03-01..2025-05-31"],
  ["2 триместр 2025 г.", "2024-12-01..2025-02-28"],
  ["I квартал 2025 г.", "2025-01-01..2025-03-31"],
  ["IV квартал 2024 года", "2024-10-01..2024-12-31"],
  ["\u2161 полугодие", "2025-01-01..2025-05-31"],
  ["\u0406\u0406 полугодие", "2025-01-01..2025-05-31"],

  // ranges of months without years: forward in the calendar, placed in the school year
  ["май – сентябрь", "2025-05-01..2025-09-30"],
  ["май–сентябрь", "2025-05-01..2025-09-30"],
  ["с мая по сентябрь", "2025-05-01..2025-09-30"],
  ["с 15 мая по 15 сентября", "2025-05-15..2025-09-15"],
  ["сентябрь – май", "2024-09-01..2025-05-31"],
  ["декабрь – февраль", "2024-12-01..2025-02-28"],
  ["ноябрь — март", "2024-11-01..2025-03-31"],
  ["с 1 декабря по 31 января", "2024-12-01..2025-01-31"],
  ["с 15.12 по 15.01", "2024-12-15..2025-01-15"],
  ["июнь – сентябрь", "2025-06-01..2025-09-30"],
  ["август – ноябрь", "2024-08-01..2024-11-30"],
  ["с 25 августа по 30 сентября", "2024-08-25..2024-09-30"],
  ["май – сентябрь 2025 г.", "2025-05-01..2025-09-30"],
  ["сентябрь 2024 – май 2025", "2024-09-01..2025-05-31"],

  // periodic deadlines, with a start
  [
    "ежемесячно с октября",
    "every month 2024-10-01..2025-05-31: 8 × 2024-10-01..2024-10-31, 2024-11-01..2024-11-30 … 2025-05-01..2025-05-31",
  ],
  [
    "с октября по май ежемесячно",
    "every month 2024-10-01..2025-05-31: 8 × 2024-10-01..2024-10-31, 2024-11-01..2024-11-30 … 2025-05-01..2025-05-31",
  ],
  [
    "1 раз в месяц",
    "every month 2024-09-01..2025-05-31: 9 × 2024-09-01..2024-09-30, 2024-10-01..2024-10-31 … 2025-05-01..2025-05-31",
  ],
  [
    "ежемесячно до 15.12.2024",
    "every month 2024-09-01..2024-12-15: 4 × 2024-09-01..2024-09-30, 2024-10-01..2024-10-31, 2024-11-01..2024-11-30, 2024-12-01..2024-12-15",
  ],
  [
    "еженедельно по пятницам",
    "every week on Friday 2024-09-01..2025-05-31: 39 × 2024-09-06, 2024-09-13 … 2025-05-30",
  ],
  ["каждую пятницу", "every week on Friday 2024-09-01..2025-05-31: 39 × 2024-09-06, 2024-09-13 … 2025-05-30"],
  [
    "по понедельникам",
    "every week on Monday 2024-09-01..2025-05-31: 39 × 2024-09-02, 2024-09-09 … 2025-05-26",
  ],
  [
    "еженедельно в среду",
    "every week on Wednesday 2024-09-01..2025-05-31: 39 × 2024-09-04, 2024-09-11 … 2025-05-28",
  ],
  [
    "еженедельно по пятницам с 1 октября",
    "every week on Friday 2024-10-01..2025-05-31: 35 × 2024-10-04, 2024-10-11 … 2025-05-30",
  ],
  [
    "до 15.09.2024, далее ежемесячно",
    "2024-09-01..2024-09-15 then every month 2024-09-16..2025-05-31: 8 × 2024-09-16..2024-10-31, 2024-11-01..2024-11-30 … 2025-05-01..2025-05-31",
  ],
  [
    "до 15.09.2024, далее ежемесячно в течение года",
    "2024-09-01..2024-09-15 then every month 2024-09-16..2025-08-31: 11 × 2024-09-16..2024-10-31, 2024-11-01..2024-11-30 … 2025-08-01..2025-08-31",
  ],
  [
    "до 01.10.2024, затем еженедельно",
    "2024-09-01..2024-10-01 then every week 2024-10-02..2025-05-31: 34 × 2024-10-02..2024-10-13, 2024-10-14..2024-10-20 … 2025-05-26..2025-05-31",
  ],
  [
    "каждый месяц до 25 числа",
    "every month by day 25 2024-09-01..2025-05-31: 9 × 2024-09-01..2024-09-25, 2024-09-26..2024-10-25 … 2025-04-26..2025-05-25",
  ],
  [
    "ежемесячно до 5-го числа",
    "every month by day 5 2024-09-01..2025-05-31: 9 × 2024-09-01..2024-09-05, 2024-09-06..2024-10-05 … 2025-04-06..2025-05-05",
  ],
  [
    "до 25 числа каждого месяца",
    "every month by day 25 2024-09-01..2025-05-31: 9 × 2024-09-01..2024-09-25, 2024-09-26..2024-10-25 … 2025-04-26..2025-05-25",
  ],
  [
    "раз в четверть",
    "every term 2024-09-01..2025-05-31: 4 × 2024-09-01..2024-10-31, 2024-11-01..2024-12-31, 2025-01-01..2025-03-31, 2025-04-01..2025-05-31",
  ],

  // ISO and dotted dates
  ["2024.09.01", "2024-09-01"],
  ["2024-09-01", "2024-09-01"],
  ["01.09.24", "2024-09-01"],
  ["1.9.2024", "2024-09-01"],
  ["01/09/2024", "2024-09-01"],
  ["1 сентября 2024 г.", "2024-09-01"],
  ["01.09.2024—31.05.2025", "2024-09-01..2025-05-31"],
  ["с 01.09.2024 г. по 31.05.2025 г.", "2024-09-01..2025-05-31"],
  ["2024.09.01 – 2024.09.15", "2024-09-01..2024-09-15"],

  // odd dashes and spaces
  [`сентябрь${NBSP}–${NBSP}октябрь`, "2024-09-01..2024-10-31"],
  ["сентябрь -октябрь", "2024-09-01..2024-10-31"],
  ["октябрь\u2012ноябрь 2024 г.", "2024-10-01..2024-11-30"],
  ["до\u202f15.10.2024", "2024-09-01..2024-10-15"],

  // typos, look-alike Latin letters, case forms
  ["сетябрь", "2024-09-01..2024-09-30"],
  ["октябярь", "2024-10-01..2024-10-31"],
  ["до конца октябяря", "2024-09-01..2024-10-31"],
  ["до 15 феврлая", "2024-09-01..2025-02-15"],
  ["cентябрь", "2024-09-01..2024-09-30"],
  ["в течение сентября", "2024-09-01..2024-09-30"],
  ["в течение ноября – декабря", "2024-11-01..2024-12-31"],
  ["до конца октября", "2024-09-01..2024-10-31"],
  ["не позднее 20 декабря", "2024-09-01..2024-12-20"],
  ["к концу мая", "2024-09-01..2025-05-31"],

  // years
  ["в течение года", "whole year 2024-09-01..2025-08-31"],
  ["2024 г.", "2024-01-01..2024-12-31"],
  ["в 2025 году", "2025-01-01..2025-12-31"],
  ["до конца 2024 года", "2024-09-01..2024-12-31"],

  // understood without dates
  ["по мере необходимости", "as needed"],

  // flagged: not read with certainty
  // the calendar half-year (January–June) or the school's (September–December 2025)?
  ["I полугодие 2025 г.", "flagged"],
  ["II полугодие 2025 года", "flagged"],
  // the calendar quarter January–March 2025, or the next school year's September–October?
  ["I четверть 2025 г.", "flagged"],
  // one month inside the school year either way: 2024 or 2025?
  ["август – сентябрь", "flagged"],
  ["с 20 августа по 10 сентября", "flagged"],
  // two months inside for 2025 against one for 2024; one for 2025 against two for 2024
  ["июль – сентябрь", "flagged"],
  ["август – октябрь", "flagged"],
  // three months inside for 2025 against two for 2024
  ["июнь – октябрь", "flagged"],
  // the calendar year or the school year 2024/25?
  ["2024", "flagged"],
  // ends before 2025 or with it?
  ["до 2025 года", "flagged"],
  ["к 2025 году", "flagged"],
  // monthly up to 15.09, or after it?
  ["до 15.09.2024 ежемесячно", "flagged"],
  // which Friday? every Friday, or one a month?
  ["в пятницу", "flagged"],
  ["ежемесячно по пятницам", "flagged"],
  ["2 раза в месяц", "flagged"],
  ["2 раза в год", "flagged"],
  // the 10th of which month of the quarter?
  ["ежеквартально до 10 числа", "flagged"],
  // too short to correct: «март»? (МРТ is also a word)
  ["мрт", "flagged"],
  // one window written twice, a note on a window
  ["2024-2025 уч. год, II полугодие", "flagged"],
  ["в течение года, май", "flagged"],
  ["по итогам четверти", "flagged"],
  ["по согласованию", "flagged"],
  ["после педсовета", "flagged"],
  ["весна", "flagged"],
  ["весна 2025 г.", "flagged"],
  ["летом", "flagged"],
];

describe("parseDeadline: texts beyond the seeds, read as a person reads them (2024/2025)", () => {
  test("there are at least 60 of them, each once", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map(([text]) => text)).size).toBe(CASES.length);
  });

  test.each(CASES)("«%s» → %s", (text, expected) => {
    expect(reading(parseDeadline(text, CTX))).toBe(expected);
  });

  test.each(CASES)("«%s»: the roadmap flags it or dates it, never both", (text, expected) => {
    const result = parseDeadline(text, CTX);
    const label = parseLabel(result);
    if (expected === "flagged") {
      expect(label).toBe(PARSE.unrecognized);
      expect(deadlineWindows(result)).toEqual([]);
    } else if (expected !== "as needed") {
      expect(label).not.toBe(PARSE.unrecognized);
      expect(deadlineWindows(result).length).toBeGreaterThan(0);
    }
  });
});

describe("a range of months without years never stretches by a year", () => {
  test("every pair «A – B»: flagged, or at most 12 months, most of them inside the school year", () => {
    const wrong: string[] = [];
    for (const a of MONTHS) {
      for (const b of MONTHS) {
        const text = `${a} – ${b}`;
        const r = parseDeadline(text, CTX);
        if (r.kind === "unrecognized") continue;
        if (r.kind !== "range") {
          wrong.push(`${text}: ${r.kind}`);
          continue;
        }
        const months =
          r.end.getUTCFullYear() * 12 +
          r.end.getUTCMonth() -
          (r.start.getUTCFullYear() * 12 + r.start.getUTCMonth()) +
          1;
        const inside = Math.max(
          0,
          Math.min(r.end.getTime(), d("2025-08-31").getTime()) -
            Math.max(r.start.getTime(), d("2024-09-01").getTime()),
        );
        const length = r.end.getTime() - r.start.getTime();
        if (months > 12 || inside * 2 < length) wrong.push(`${text}: ${span(r)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("a range across the end of August is dated only when clearly on one side of it", () => {
    const flagged = MONTHS.flatMap((a) => MONTHS.map((b) => `${a} – ${b}`)).filter(
      (text) => parseDeadline(text, CTX).kind === "unrecognized",
    );
    // each has no more than twice as many months inside the school year placed one way as the other
    expect(flagged).toEqual([
      "январь – декабрь",
      "февраль – январь",
      "февраль – декабрь",
      "март – январь",
      "март – февраль",
      "март – ноябрь",
      "март – декабрь",
      "апрель – январь",
      "апрель – февраль",
      "апрель – март",
      "апрель – ноябрь",
      "апрель – декабрь",
      "май – январь",
      "май – февраль",
      "май – март",
      "май – апрель",
      "май – октябрь",
      "май – ноябрь",
      "май – декабрь",
      "июнь – январь",
      "июнь – февраль",
      "июнь – октябрь",
      "июнь – ноябрь",
      "июнь – декабрь",
      "июль – сентябрь",
      "июль – октябрь",
      "июль – ноябрь",
      "июль – декабрь",
      "август – сентябрь",
      "август – октябрь",
    ]);
  });
});

describe("a periodic deadline after a first one («до 15.09.2024, далее ежемесячно»)", () => {
  const r = parseDeadline("до 15.09.2024, далее ежемесячно", CTX);

  test("keeps its monthly part", () => {
    expect(r.kind === "recurring" && r.periodic).toEqual({
      every: "month",
      start: d("2024-09-16"),
      end: d("2025-05-31"),
    });
    expect(r.kind === "recurring" && r.label).toBe("до 15.09.2024, далее ежемесячно");
  });

  test.each([
    ["2024-09-10", "в работе", "2024-09-15"],
    ["2024-09-20", "в работе", "2024-10-31"],
    ["2024-11-05", "в работе", "2024-11-30"],
    ["2025-05-31", "в работе", "2025-05-31"],
    ["2025-06-01", "просрочено", null],
  ])("on %s: %s, next due %s", (today, status, next) => {
    const s = deadlineStatus(r, d(today), false);
    expect([s.status, s.nextDue ? iso(s.nextDue) : null]).toEqual([status, next]);
  });
});
