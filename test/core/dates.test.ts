import {
  addCalendarDays,
  addDays,
  DAY_MS,
  dayNumber,
  daysBetween,
  fromDayNumber,
  fromSerial,
  fromSerialToSecond,
  toSerial,
  utcDate,
} from "../../src/core/dates";

describe("day arithmetic", () => {
  it("counts days from 1 January 1970 and back", () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
    expect(dayNumber(utcDate(1970, 1, 2))).toBe(1);
    expect(dayNumber(new Date(Date.UTC(2026, 8, 1, 23, 59)))).toBe(dayNumber(utcDate(2026, 9, 1)));
    expect(fromDayNumber(dayNumber(utcDate(2026, 9, 1)))).toEqual(utcDate(2026, 9, 1));
  });

  it("adds days keeping the time, or to a calendar date dropping it", () => {
    const at = new Date(Date.UTC(2026, 1, 28, 14, 30));
    expect(addDays(at, 1)).toEqual(new Date(Date.UTC(2026, 2, 1, 14, 30)));
    expect(addDays(at, -30)).toEqual(new Date(Date.UTC(2026, 0, 29, 14, 30)));
    expect(addCalendarDays(at, 1)).toEqual(utcDate(2026, 3, 1));
  });

  it("counts whole days between calendar dates", () => {
    expect(daysBetween(utcDate(2026, 9, 1), utcDate(2027, 9, 1))).toBe(365);
    expect(daysBetween(utcDate(2026, 9, 10), utcDate(2026, 9, 1))).toBe(-9);
  });

  it("converts spreadsheet serial days", () => {
    expect(toSerial(utcDate(2026, 9, 1))).toBe(46266);
    expect(fromSerial(46266)).toEqual(utcDate(2026, 9, 1));
    expect(toSerial(new Date(Date.UTC(2026, 8, 1, 12)))).toBe(46266.5);
    expect(fromSerialToSecond(46266 + 1 / 86400 + 1e-9)).toEqual(new Date(Date.UTC(2026, 8, 1, 0, 0, 1)));
  });
});
