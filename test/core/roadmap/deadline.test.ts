import {
  type DeadlineContext,
  type DeadlineResult,
  deadlineStatus,
  formatDeadline,
  isDueWithin,
  parseDeadline,
} from "../../../src/core/roadmap/deadline";
import { loadRoadmapTemplates } from "../../../src/core/roadmap/templates";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (x: Date) => x.toISOString().slice(0, 10);

/** A compact, exact picture of a result: «range 2023-09-01..2023-09-15». */
function show(r: DeadlineResult): string {
  switch (r.kind) {
    case "none":
      return "none";
    case "range":
    case "program":
      return `${r.kind} ${iso(r.start)}..${iso(r.end)}`;
    case "whole_period":
      return `whole_period/${r.scope} ${iso(r.start)}..${iso(r.end)}`;
    case "recurring":
      return `recurring ${r.dates.map((w) => `${iso(w.start)}..${iso(w.end)}`).join(" ")}`;
    case "external":
    case "as_needed":
    case "unrecognized":
      return `${r.kind} ${r.text}`;
  }
}

/** Contexts of the seeds: the school year they were written for and a plausible program. */
const CTX: Record<string, DeadlineContext> = {
  // 000: 2023-2024 учебный год; the program runs over the school's teaching year
  "000": { schoolYearStart: d("2023-09-01"), programStart: d("2023-09-01"), programEnd: d("2024-05-31") },
  // 001: approved 07.10.2020, indicators up to 2024
  "001": { schoolYearStart: d("2020-09-01"), programStart: d("2020-10-07"), programEnd: d("2024-12-31") },
  // 002: 2021/2022, events up to 31.03.2023
  "002": { schoolYearStart: d("2021-09-01"), programStart: d("2021-10-01"), programEnd: d("2023-03-31") },
  // 003: «на 2023 год» — a calendar year
  "003": { schoolYearStart: d("2023-01-01"), programStart: d("2023-01-01"), programEnd: d("2023-12-31") },
  // 004: 2024/2025
  "004": { schoolYearStart: d("2024-09-01"), programStart: d("2024-09-01"), programEnd: d("2025-05-31") },
};

/** Every deadline text of the five seeds, exactly as written, with the dates a person would read. */
const SEED_DEADLINES: Array<[string, string, string]> = [
  // seed 000
  ["000", "До 01.09.2023", "range 2023-09-01..2023-09-01"],
  ["000", "До 01.10.2023", "range 2023-09-01..2023-10-01"],
  ["000", "До 30.09.2023", "range 2023-09-01..2023-09-30"],
  ["000", "До 15.09.2023 В течение года", "recurring 2023-09-01..2023-09-15 2023-09-16..2024-08-31"],
  ["000", "", "none"],
  ["000", "В течение года", "whole_period/year 2023-09-01..2024-08-31"],
  ["000", "До 15.09.2023", "range 2023-09-01..2023-09-15"],
  ["000", "По программе наставничества", "program 2023-09-01..2024-05-31"],
  ["000", "До 30.09.2023 В течение года", "recurring 2023-09-01..2023-09-30 2023-10-01..2024-08-31"],
  ["000", "До 25.09.2023", "range 2023-09-01..2023-09-25"],
  ["000", "Июнь 2024", "range 2024-06-01..2024-06-30"],
  // seed 001
  ["001", "До 01 октября", "range 2020-09-01..2020-10-01"],
  ["001", "до 15 октября", "range 2020-09-01..2020-10-15"],
  ["001", "до 01 ноября", "range 2020-09-01..2020-11-01"],
  ["001", "До 01 ноября", "range 2020-09-01..2020-11-01"],
  ["001", "в течение всего периода реализации ЦМН", "whole_period/program 2020-10-07..2024-12-31"],
  ["001", "октябрь - ноябрь", "range 2020-10-01..2020-11-30"],
  ["001", "В течение всего периода", "whole_period/program 2020-10-07..2024-12-31"],
  ["001", "в соответствии со сроками реализации программ наставничества", "program 2020-10-07..2024-12-31"],
  ["001", "в соответствии со сроками реализации программ наставничества.", "program 2020-10-07..2024-12-31"],
  ["001", "В течение года", "whole_period/year 2020-09-01..2021-08-31"],
  ["001", "в течение всего периода", "whole_period/program 2020-10-07..2024-12-31"],
  ["001", "в течение всего периода внедрения ЦМН", "whole_period/program 2020-10-07..2024-12-31"],
  ["001", "ноябрь – декабрь", "range 2020-11-01..2020-12-31"],
  [
    "001",
    "в соответствии со сроками, устанавливаемым и Минпросвещения России",
    "external в соответствии со сроками, устанавливаемым и Минпросвещения России",
  ],
  ["001", "Декабрь, май", "recurring 2020-12-01..2020-12-31 2021-05-01..2021-05-31"],
  ["001", "Январь, июнь", "recurring 2021-01-01..2021-01-31 2021-06-01..2021-06-30"],
  ["001", "Июнь", "range 2021-06-01..2021-06-30"],
  ["001", "В течение всего периода внедрения ЦМН", "whole_period/program 2020-10-07..2024-12-31"],
  // seed 002
  ["002", "31.10.2021", "range 2021-10-31..2021-10-31"],
  ["002", "31.12.2021", "range 2021-12-31..2021-12-31"],
  ["002", "1.01.22-31.12.22", "range 2022-01-01..2022-12-31"],
  ["002", "С 1.11 – 31.12. 2021", "range 2021-11-01..2021-12-31"],
  ["002", "Ноябрь 2021 - май 2022", "range 2021-11-01..2022-05-31"],
  ["002", "Май 2022", "range 2022-05-01..2022-05-31"],
  ["002", "октябрь 2021.", "range 2021-10-01..2021-10-31"],
  ["002", "апрель 2023", "range 2023-04-01..2023-04-30"],
  ["002", "1.01.22-31.12.2022", "range 2022-01-01..2022-12-31"],
  ["002", "1.01.22-31.03.2023", "range 2022-01-01..2023-03-31"],
  [
    "002",
    "27.10.2021 15.12.2021 23.03.2022 09.11.2022 18.01.2023",
    "recurring 2021-10-27..2021-10-27 2021-12-15..2021-12-15 2022-03-23..2022-03-23 2022-11-09..2022-11-09 2023-01-18..2023-01-18",
  ],
  [
    "002",
    "10.11.2021 12.01.2022 06.04.2022 23.11.2022",
    "recurring 2021-11-10..2021-11-10 2022-01-12..2022-01-12 2022-04-06..2022-04-06 2022-11-23..2022-11-23",
  ],
  ["002", "31.03.2023", "range 2023-03-31..2023-03-31"],
  ["002", "", "none"],
  // seed 003 (calendar year 2023); «В» / «течение года» is one cell broken over two lines
  ["003", "Январь 2023г.", "range 2023-01-01..2023-01-31"],
  ["003", "В течение года", "whole_period/year 2023-01-01..2023-12-31"],
  ["003", "Декабрь 2023г.", "range 2023-12-01..2023-12-31"],
  // seed 004 (§2; §9 has no deadlines)
  ["004", "Сентябрь", "range 2024-09-01..2024-09-30"],
  ["004", "В течение всего периода", "whole_period/program 2024-09-01..2025-05-31"],
  ["004", "", "none"],
];

describe("parseDeadline: every deadline of the seeds", () => {
  test.each(SEED_DEADLINES)("seed %s: «%s»", (seed, text, expected) => {
    expect(show(parseDeadline(text, CTX[seed]))).toBe(expected);
  });

  test("the table covers every deadline text of the templates (i.e. of the seeds)", () => {
    const listed = new Set(SEED_DEADLINES.map(([seed, text]) => `${seed}|${text}`));
    const missing: string[] = [];
    for (const t of loadRoadmapTemplates()) {
      for (const e of t.events) {
        if (!listed.has(`${t.seed}|${e.deadline}`)) missing.push(`${t.seed}|${e.deadline}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("only the Ministry's deadline is flagged; nothing in the seeds is unrecognized", () => {
    const flagged = SEED_DEADLINES.map(([seed, text]) => parseDeadline(text, CTX[seed])).filter(
      (r) => r.kind === "unrecognized" || r.kind === "external",
    );
    expect(flagged.map((r) => r.kind)).toEqual(["external"]);
  });
});

const C = CTX["000"];

describe("parseDeadline: other forms", () => {
  test.each([
    // spelling variants of the seeds' forms
    ["до 01.09.2023", "range 2023-09-01..2023-09-01"],
    ["ДО 01.10.23", "range 2023-09-01..2023-10-01"],
    ["до\u00a015\u00a0октября", "range 2023-09-01..2023-10-15"],
    ["к 1 октября 2023 года", "range 2023-09-01..2023-10-01"],
    ["не позднее 20.09.2023", "range 2023-09-01..2023-09-20"],
    ["Октябрь—ноябрь", "range 2023-10-01..2023-11-30"],
    ["октябрь-ноябрь 2023 г.", "range 2023-10-01..2023-11-30"],
    ["ноябрь 2023 – январь 2024 гг.", "range 2023-11-01..2024-01-31"],
    ["декабрь – февраль", "range 2023-12-01..2024-02-29"],
    ["01.09.2023–31.05.2024", "range 2023-09-01..2024-05-31"],
    ["01.09.2023 - 31.05.2024.", "range 2023-09-01..2024-05-31"],
    ["с 1 по 15 октября", "range 2023-10-01..2023-10-15"],
    ["с 01.10 по 15.10.2023", "range 2023-10-01..2023-10-15"],
    ["1-15 октября", "range 2023-10-01..2023-10-15"],
    ["Январь 2024 года", "range 2024-01-01..2024-01-31"],
    ["в январе", "range 2024-01-01..2024-01-31"],
    ["в мае 2024 г", "range 2024-05-01..2024-05-31"],
    ["сент. 2023", "range 2023-09-01..2023-09-30"],
    ["15 мая", "range 2024-05-15..2024-05-15"],
    ["15 мая 2024г.", "range 2024-05-15..2024-05-15"],
    ["2024-05-15", "range 2024-05-15..2024-05-15"],
    ["до конца декабря", "range 2023-09-01..2023-12-31"],
    ["до декабря 2023", "range 2023-09-01..2023-11-30"],
    ["с 01.10.2023", "range 2023-10-01..2024-08-31"],
    ["2023-2024 учебный год", "range 2023-09-01..2024-08-31"],
    ["2023/24 уч. г.", "range 2023-09-01..2024-08-31"],
    ["в течение 2024 года", "range 2024-01-01..2024-12-31"],
    ["в течение учебного года", "whole_period/year 2023-09-01..2024-08-31"],
    ["постоянно", "whole_period/program 2023-09-01..2024-05-31"],
    ["в течение всего срока реализации программы", "whole_period/program 2023-09-01..2024-05-31"],
    [
      "Сентябрь, декабрь, май",
      "recurring 2023-09-01..2023-09-30 2023-12-01..2023-12-31 2024-05-01..2024-05-31",
    ],
    ["декабрь и май", "recurring 2023-12-01..2023-12-31 2024-05-01..2024-05-31"],
    ["10.10.2023; 10.03.2024", "recurring 2023-10-10..2023-10-10 2024-03-10..2024-03-10"],
    [
      "до 15.09.2023, далее в течение всего периода",
      "recurring 2023-09-01..2023-09-15 2023-09-16..2024-05-31",
    ],
    // school terms and points of the year
    ["I четверть", "range 2023-09-01..2023-10-31"],
    ["II четверть", "range 2023-11-01..2023-12-31"],
    ["в III четверти", "range 2024-01-01..2024-03-31"],
    ["4-я четверть", "range 2024-04-01..2024-05-31"],
    ["I полугодие", "range 2023-09-01..2023-12-31"],
    ["II полугодие", "range 2024-01-01..2024-05-31"],
    ["во 2 полугодии", "range 2024-01-01..2024-05-31"],
    ["в начале учебного года", "range 2023-09-01..2023-09-30"],
    ["в конце учебного года", "range 2024-05-01..2024-05-31"],
    // periodic
    [
      "ежеквартально",
      "recurring 2023-09-01..2023-09-30 2023-10-01..2023-12-31 2024-01-01..2024-03-31 2024-04-01..2024-05-31",
    ],
    // understood, but without dates
    ["по мере необходимости", "as_needed по мере необходимости"],
    [
      "в соответствии со сроками, установленными управлением образования",
      "external в соответствии со сроками, установленными управлением образования",
    ],
    // kept as written
    ["после педсовета", "unrecognized после педсовета"],
    ["31.02.2024", "unrecognized 31.02.2024"],
    ["  ", "none"],
    ["по согласованию", "unrecognized по согласованию"],
    [
      "По программе наставничества, в течение года",
      "unrecognized По программе наставничества, в течение года",
    ],
  ])("«%s»", (text, expected) => {
    expect(show(parseDeadline(text, C))).toBe(expected);
  });

  test("ежемесячно: each month of the program", () => {
    const r = parseDeadline("Ежемесячно", C);
    expect(r.kind).toBe("recurring");
    if (r.kind !== "recurring") return;
    expect(r.dates).toHaveLength(9);
    expect(iso(r.dates[0].start)).toBe("2023-09-01");
    expect(iso(r.dates[5].end)).toBe("2024-02-29");
    expect(iso(r.dates[8].end)).toBe("2024-05-31");
    expect(r.label).toBe("ежемесячно");
  });

  test("ежемесячно в течение года: each month of the school year", () => {
    const r = parseDeadline("ежемесячно в течение года", C);
    expect(r.kind === "recurring" && r.dates.length).toBe(12);
  });

  test("еженедельно: weeks Monday–Sunday clipped to the program", () => {
    const r = parseDeadline("еженедельно", C);
    if (r.kind !== "recurring") throw new Error(r.kind);
    expect(`${iso(r.dates[0].start)}..${iso(r.dates[0].end)}`).toBe("2023-09-01..2023-09-03");
    expect(`${iso(r.dates[1].start)}..${iso(r.dates[1].end)}`).toBe("2023-09-04..2023-09-10");
    expect(iso(r.dates[r.dates.length - 1].end)).toBe("2024-05-31");
    for (const w of r.dates.slice(1)) expect(w.start.getUTCDay()).toBe(1);
  });

  test("months without a year follow the context's year, not the machine's clock or zone", () => {
    const ctx2026 = {
      schoolYearStart: d("2026-09-01"),
      programStart: d("2026-09-01"),
      programEnd: d("2027-05-31"),
    };
    expect(show(parseDeadline("октябрь - ноябрь", ctx2026))).toBe("range 2026-10-01..2026-11-30");
    expect(show(parseDeadline("Декабрь, май", ctx2026))).toBe(
      "recurring 2026-12-01..2026-12-31 2027-05-01..2027-05-31",
    );
  });

  test("«до» a date before the context starts is that single day", () => {
    expect(show(parseDeadline("До 25.08.2023", C))).toBe("range 2023-08-25..2023-08-25");
  });
});

describe("formatDeadline", () => {
  test.each([
    ["октябрь - ноябрь", "01.10.2023 – 30.11.2023"],
    ["До 01.09.2023", "01.09.2023"],
    ["Декабрь, май", "01.12.2023 – 31.12.2023; 01.05.2024 – 31.05.2024"],
    ["27.10.2023 15.12.2023", "27.10.2023; 15.12.2023"],
    ["В течение года", "01.09.2023 – 31.08.2024 (в течение года)"],
    ["В течение всего периода", "01.09.2023 – 31.05.2024 (в течение всего периода)"],
    ["По программе наставничества", "01.09.2023 – 31.05.2024 (по программе наставничества)"],
    ["ежемесячно", "ежемесячно: 01.09.2023 – 31.05.2024"],
    ["по мере необходимости", "по мере необходимости"],
    ["после педсовета", "срок не распознан"],
    ["", "срок не указан"],
    [
      "в соответствии со сроками, устанавливаемым и Минпросвещения России",
      "срок устанавливается извне: в соответствии со сроками, устанавливаемым и Минпросвещения России",
    ],
  ])("«%s» → «%s»", (text, label) => {
    expect(formatDeadline(parseDeadline(text, C))).toBe(label);
  });

  test("the recurring label names the months with their years", () => {
    const r = parseDeadline("Декабрь, май", C);
    expect(r.kind === "recurring" && r.label).toBe("декабрь 2023, май 2024");
    const r2 = parseDeadline("До 15.09.2023 В течение года", C);
    expect(r2.kind === "recurring" && r2.label).toBe("до 15.09.2023, далее в течение года");
  });
});

describe("deadlineStatus", () => {
  const range = parseDeadline("октябрь - ноябрь", C);
  test.each([
    ["2023-09-30", false, "запланировано", "2023-11-30"],
    ["2023-10-01", false, "в работе", "2023-11-30"],
    ["2023-11-30", false, "в работе", "2023-11-30"],
    ["2023-12-01", false, "просрочено", null],
    ["2023-12-01", true, "выполнено", null],
  ])("range on %s (done: %s) → %s", (today, done, status, next) => {
    const s = deadlineStatus(range, d(today), done);
    expect(s.status).toBe(status);
    expect(s.nextDue ? iso(s.nextDue) : null).toBe(next);
  });

  const series = parseDeadline("Декабрь, май", C);
  test.each([
    ["2023-11-15", "запланировано", "2023-12-31"],
    ["2023-12-10", "в работе", "2023-12-31"],
    ["2024-02-01", "в работе", "2024-05-31"],
    ["2024-05-31", "в работе", "2024-05-31"],
    ["2024-06-01", "просрочено", null],
  ])("series on %s → %s, next due %s", (today, status, next) => {
    const s = deadlineStatus(series, d(today), false);
    expect(s.status).toBe(status);
    expect(s.nextDue ? iso(s.nextDue) : null).toBe(next);
  });

  test("a time of day does not change the calendar day", () => {
    expect(deadlineStatus(range, new Date("2023-11-30T23:59:00Z"), false).status).toBe("в работе");
  });

  test.each([
    "",
    "после педсовета",
    "по мере необходимости",
    "в соответствии со сроками, устанавливаемыми Минпросвещения России",
  ])("undated «%s» is never overdue", (text) => {
    expect(deadlineStatus(parseDeadline(text, C), d("2030-01-01"), false)).toEqual({
      status: "запланировано",
      nextDue: null,
    });
  });
});

describe("isDueWithin", () => {
  const until = parseDeadline("До 30.09.2023", C);
  test.each([
    ["2023-09-20", 7, false],
    ["2023-09-23", 7, true],
    ["2023-09-30", 0, true],
    ["2023-10-01", 7, false],
  ])("«До 30.09.2023» on %s within %i days → %s", (today, days, expected) => {
    expect(isDueWithin(until, d(today), days)).toBe(expected);
  });

  test("every window of a series counts", () => {
    const series = parseDeadline("Декабрь, май", C);
    expect(isDueWithin(series, d("2023-12-25"), 7)).toBe(true);
    expect(isDueWithin(series, d("2024-05-28"), 7)).toBe(true);
    expect(isDueWithin(series, d("2024-03-01"), 7)).toBe(false);
  });

  test("undated deadlines are never due", () => {
    expect(isDueWithin(parseDeadline("по мере необходимости", C), d("2023-12-25"), 365)).toBe(false);
  });
});
