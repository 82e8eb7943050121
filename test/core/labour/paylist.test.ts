import { utcDate } from "../../../src/core/dates";
import { ProductionCalendar } from "../../../src/core/labour/calendar";
import { buildPayList, type LabourPair, type PayMentor } from "../../../src/core/labour/paylist";
import { coverageOf, type LabourSettings, labourSettings } from "../../../src/core/labour/rules";

const cal = new ProductionCalendar();
const settings = (over: Record<string, string | number> = {}): LabourSettings =>
  labourSettings({
    pay_rule: "сумма в месяц",
    pay_amount: 3000,
    pay_per: "за каждого наставляемого",
    ...over,
  });

const staff = coverageOf({ source: "педагоги школы" });
const mentors = new Map<string, PayMentor>([
  ["Н-1", { id: "Н-1", name: "Алексеева Анна Ивановна", position: "учитель", base: 40000, coverage: staff }],
  ["Н-2", { id: "Н-2", name: "Борисов Борис Петрович", position: "учитель", base: null, coverage: staff }],
  [
    "Н-3",
    {
      id: "Н-3",
      name: "Внешний Виктор",
      position: "",
      base: null,
      coverage: coverageOf({ source: "организации-партнёры" }),
    },
  ],
  [
    "Н-4",
    {
      id: "Н-4",
      name: "Гусева Галина",
      position: "учитель",
      base: 30000,
      coverage: coverageOf({ source: "педагоги школы", labour_basis: "входит в трудовую функцию" }),
    },
  ],
]);
const pair = (id: string, mentorId: string, mentee: string, from: Date, to: Date): LabourPair => ({
  id,
  mentorId,
  mentorName: mentors.get(mentorId)!.name,
  menteeId: `М-${id}`,
  menteeName: mentee,
  form: "учитель – учитель",
  status: "утверждена",
  from,
  to,
});

// March 2027: 22 working days (8 March off), 31 calendar days.
const MARCH = utcDate(2027, 3, 15);
const pairs = [
  pair("П-1", "Н-1", "Дмитриев Д.", utcDate(2026, 10, 1), utcDate(2027, 5, 31)), // whole month
  pair("П-2", "Н-1", "Егорова Е.", utcDate(2027, 3, 11), utcDate(2027, 5, 31)), // from Thursday 11 March
  pair("П-3", "Н-2", "Жуков Ж.", utcDate(2026, 10, 1), utcDate(2027, 3, 5)), // ended early on Friday 5 March
  pair("П-4", "Н-3", "Зайцев З.", utcDate(2026, 10, 1), utcDate(2027, 5, 31)), // outside mentor: not in the list
  pair("П-5", "Н-4", "Иванов И.", utcDate(2026, 10, 1), utcDate(2027, 5, 31)), // part of the job function: not in it
  pair("П-6", "Н-1", "Кузнецов К.", utcDate(2027, 4, 1), utcDate(2027, 5, 31)), // starts in April: not in March
];

describe("the pay list of a month", () => {
  it("per mentee, by working days: whole and part months, each line rounded, the total their sum", () => {
    const list = buildPayList(MARCH, pairs, mentors, settings(), cal);
    expect(list.key).toBe("2027-03");
    expect(list.lines.map((l) => [l.pairId, l.days, l.daysInMonth, l.amount])).toEqual([
      ["П-1", 22, 22, 3000],
      // 11–31 March: 15 working days of 22 → 3000 × 15 / 22 = 2045.4545… → 2045.45
      ["П-2", 15, 22, 2045.45],
      // 1–5 March: 5 working days → 681.8181… → 681.82
      ["П-3", 5, 22, 681.82],
    ]);
    expect(list.total).toBe(5727.27);
    expect(list.mentors).toBe(2);
    expect(list.lines.map((l) => l.note)).toEqual(["", "неполный месяц", "неполный месяц"]);
  });

  it("by calendar days and for a full month", () => {
    const calendar = buildPayList(
      MARCH,
      pairs,
      mentors,
      settings({ pay_part_month: "пропорционально календарным дням" }),
      cal,
    );
    // 11–31 March: 21 of 31 days → 2032.258… → 2032.26; 1–5 March: 5 of 31 → 483.87
    expect(calendar.lines.map((l) => l.amount)).toEqual([3000, 2032.26, 483.87]);
    expect(calendar.total).toBe(5516.13);
    const full = buildPayList(MARCH, pairs, mentors, settings({ pay_part_month: "за полный месяц" }), cal);
    expect(full.lines.map((l) => l.amount)).toEqual([3000, 3000, 3000]);
    expect(full.total).toBe(9000);
  });

  it("per pair or group: one sum for the days the mentor had any mentee", () => {
    const list = buildPayList(MARCH, pairs, mentors, settings({ pay_per: "за пару или группу" }), cal);
    expect(list.lines.map((l) => [l.mentorId, l.mentees, l.days, l.amount])).toEqual([
      ["Н-1", ["Дмитриев Д.", "Егорова Е."], 22, 3000],
      ["Н-2", ["Жуков Ж."], 5, 681.82],
    ]);
    expect(list.total).toBe(3681.82);
  });

  it("a percentage of the accountant's base; a mentor without a base is listed without a sum and left out of the total", () => {
    const list = buildPayList(
      MARCH,
      pairs,
      mentors,
      settings({ pay_rule: "процент от базы", pay_percent: 10 }),
      cal,
    );
    expect(list.lines.map((l) => [l.pairId, l.rate, l.amount])).toEqual([
      ["П-1", 4000, 4000],
      ["П-2", 4000, 2727.27],
      ["П-3", null, null],
    ]);
    expect(list.lines[2].note).toBe("не указана база для доплаты на листе «Наставники»");
    expect(list.total).toBe(6727.27);
    expect(list.unknown).toBe(1);
  });

  it("sums add up over a whole year of part months", () => {
    for (let m = 1; m <= 12; m++) {
      const list = buildPayList(utcDate(2027, m, 1), pairs, mentors, settings(), cal);
      const sum = Math.round(list.lines.reduce((s, l) => s + (l.amount ?? 0), 0) * 100) / 100;
      expect([m, list.total]).toEqual([m, sum]);
    }
  });
});

describe("who ст. 351.8 covers", () => {
  it("staff by default, outside mentors not, and the curator's column overrides", () => {
    expect(coverageOf({ source: "педагоги школы" }).basis).toBe("paid");
    expect(coverageOf({ category: "опытный педагог" }).basis).toBe("paid");
    expect(coverageOf({ category: "опытный педагог", organisation: "ПАО «Завод»" }).basis).toBe("outside");
    expect(coverageOf({ source: "выпускники", category: "выпускник" }).basis).toBe("outside");
    expect(coverageOf({ source: "обучающиеся школы" }).basis).toBe("outside");
    expect(coverageOf({ source: "педагоги школы", labour_basis: "входит в трудовую функцию" }).basis).toBe(
      "jobFunction",
    );
    expect(
      coverageOf({ source: "выпускники", labour_basis: "дополнительная работа (ст. 351.8 ТК РФ)" }).basis,
    ).toBe("paid");
  });
});
