import { utcDate } from "../../../src/core/dates";
import { isoDayOf, ProductionCalendar, productionCalendar } from "../../../src/core/labour/calendar";

/**
 * The production calendar of sheets-templates/production-calendar.json against the Government's
 * decrees on the transfer of weekends: 2025 — постановление от 04.10.2024 № 1335, 2026 — от
 * 24.09.2025 № 1466; 2027 — ТК РФ ст. 112 alone (no decree in the sources yet).
 */
const cal = new ProductionCalendar();
const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return utcDate(y, m, day);
};
const working = (iso: string) => cal.isWorkingDay(d(iso));

describe("the data", () => {
  it("lists the holidays of ТК РФ ст. 112", () => {
    expect(productionCalendar().holidays).toEqual([
      "01-01",
      "01-02",
      "01-03",
      "01-04",
      "01-05",
      "01-06",
      "01-07",
      "01-08",
      "02-23",
      "03-08",
      "05-01",
      "05-09",
      "06-12",
      "11-04",
    ]);
  });

  it.each(productionCalendar().years.map((y) => [y.year, y] as const))(
    "%i: non-working days are weekdays, working days weekends, every transfer lands on a day off, the count matches",
    (year, y) => {
      for (const iso of y.nonWorking)
        expect([iso, [1, 2, 3, 4, 5].includes(d(iso).getUTCDay())]).toEqual([iso, true]);
      for (const iso of y.working) expect([iso, [0, 6].includes(d(iso).getUTCDay())]).toEqual([iso, true]);
      for (const t of y.transfers) expect([t.to, working(t.to)]).toEqual([t.to, false]);
      // Every holiday of ст. 112 is a day off.
      for (const md of productionCalendar().holidays)
        expect([md, working(`${year}-${md}`)]).toEqual([md, false]);
      expect(cal.workingDaysInYear(year)).toBe(y.workingDays);
    },
  );
});

describe("2025 (постановление Правительства РФ от 04.10.2024 № 1335)", () => {
  it("247 working days; the transfers of 4 and 5 January, 23 February, 8 March and 1 November", () => {
    expect(cal.workingDaysInYear(2025)).toBe(247);
    expect(working("2025-05-02")).toBe(false); // from Saturday 4 January
    expect(working("2025-12-31")).toBe(false); // from Sunday 5 January
    expect(working("2025-05-08")).toBe(false); // from Sunday 23 February
    expect(working("2025-06-13")).toBe(false); // from Saturday 8 March
    expect(working("2025-11-03")).toBe(false); // from Saturday 1 November…
    expect(working("2025-11-01")).toBe(true); // …which is a working Saturday
    expect(working("2025-01-09")).toBe(true);
    expect(working("2025-05-12")).toBe(true);
  });

  it("three working days after a notice across the working Saturday and the November holidays", () => {
    // Thursday 30 October: Friday 31, Saturday 1 November (working), then 2–4 November off, Wednesday 5.
    expect(isoDayOf(cal.addWorkingDays(d("2025-10-30"), 3))).toBe("2025-11-05");
  });
});

describe("2026 (постановление Правительства РФ от 24.09.2025 № 1466)", () => {
  it("247 working days; 3 and 4 January moved to 9 January and 31 December; 8 March and 9 May by ст. 112", () => {
    expect(cal.workingDaysInYear(2026)).toBe(247);
    expect(working("2026-01-09")).toBe(false);
    expect(working("2026-12-31")).toBe(false);
    expect(working("2026-03-09")).toBe(false); // Sunday 8 March → Monday
    expect(working("2026-05-11")).toBe(false); // Saturday 9 May → Monday
    expect(working("2026-02-23")).toBe(false);
    expect(working("2026-11-04")).toBe(false);
    expect(working("2026-01-12")).toBe(true);
    expect(working("2026-11-05")).toBe(true);
  });

  it("three working days after a notice across the New Year holidays", () => {
    // Monday 29 December 2025: Tuesday 30 (1), 31 December – 11 January off, 12 (2) and 13 January (3).
    expect(isoDayOf(cal.addWorkingDays(d("2025-12-29"), 3))).toBe("2026-01-13");
    // A week without holidays: Monday → Thursday.
    expect(isoDayOf(cal.addWorkingDays(d("2026-10-05"), 3))).toBe("2026-10-08");
  });
});

describe("2027 (ТК РФ ст. 112 only: no decree found)", () => {
  it("the holidays and the weekends ст. 112 moves by itself; unconfirmed, so dates come with a warning", () => {
    expect(working("2027-03-08")).toBe(false);
    expect(working("2027-05-03")).toBe(false); // Saturday 1 May → Monday 3 May
    expect(working("2027-05-10")).toBe(false); // Sunday 9 May → Monday 10 May
    expect(working("2027-06-14")).toBe(false); // Saturday 12 June → Monday 14 June
    expect(working("2027-11-04")).toBe(false);
    expect(working("2027-11-05")).toBe(true);
    expect(cal.workingDaysInYear(2027)).toBe(249);
    expect(cal.warningFor(d("2027-05-20"), d("2027-05-25"))).toMatch(/2027 год не подтверждён/);
    expect(cal.warningFor(d("2026-05-20"), d("2026-05-25"))).toBeNull();
    // The May holidays inside a notice's three days: Thursday 29 April → 30 April, 4 May, 5 May.
    expect(isoDayOf(cal.addWorkingDays(d("2027-04-29"), 3))).toBe("2027-05-05");
  });

  it("a year without data still keeps the holidays of ст. 112 and says so", () => {
    expect(working("2030-01-07")).toBe(false);
    expect(working("2030-01-09")).toBe(true);
    expect(cal.warningFor(d("2030-03-01"), d("2030-03-05"))).toMatch(/на 2030 год в программе нет/);
  });
});
