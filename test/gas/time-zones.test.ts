import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import * as vm from "node:vm";
import { GasWorkbook } from "../../src/gas/workbook";
import { createGasFake } from "../gas-fake";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { records, setting } from "../support/school";

/**
 * Dates right in every time zone (issue 14, item 6). A cell holds a date of the spreadsheet's
 * zone; Apps Script hands it over as the instant of that wall clock, whose offset depends on the
 * date: Berlin is UTC+2 in summer and UTC+1 in winter, Moscow and Yekaterinburg were an hour ahead
 * of today's offset from 2011 to 2014. One offset taken today moved a birth date of 01.07.2012 to
 * 30.06.2012. Each date is converted at its own offset, and neither the machine's zone nor today's
 * date matters.
 */

/** Midnight of a calendar date in a zone, as the instant a cell of that zone holds. */
function midnight(tz: string, y: number, m: number, d: number): Date {
  const wall = Date.UTC(y, m - 1, d);
  const offset = (at: number) => {
    const f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at;
  };
  return new Date(wall - offset(wall - offset(wall)));
}

const cases: [string, [number, number, number][]][] = [
  // Daylight saving: a summer and a winter date, whichever season it is today.
  [
    "Europe/Berlin",
    [
      [2012, 7, 1],
      [2013, 1, 15],
      [2026, 10, 1],
    ],
  ],
  [
    "America/New_York",
    [
      [2012, 7, 1],
      [2013, 1, 15],
    ],
  ],
  // Russian zones: no daylight saving now, but UTC+4 / UTC+6 from 2011 to 2014.
  [
    "Europe/Moscow",
    [
      [2012, 7, 1],
      [2015, 1, 15],
    ],
  ],
  [
    "Asia/Yekaterinburg",
    [
      [2012, 7, 1],
      [2013, 1, 15],
      [2026, 9, 1],
    ],
  ],
];

describe("GasWorkbook converts each date at its own offset", () => {
  it.each(cases)(
    "%s: dates typed in the sheet are read as those calendar dates and written back as typed",
    (tz, dates) => {
      const fake = createGasFake({
        timeZone: tz,
        sheets: { Даты: [dates.map(([y, m, d]) => midnight(tz, y, m, d))] },
      });
      Object.assign(globalThis, { Utilities: fake.globals.Utilities });
      const wb = new GasWorkbook(fake.globals.SpreadsheetApp.getActive());
      const read = wb.read("Даты")[0] as Date[];
      expect(read.map((d) => d.toISOString())).toEqual(
        dates.map(([y, m, d]) => new Date(Date.UTC(y, m - 1, d)).toISOString()),
      );
      wb.write("Даты", 1, 0, [dates.map(([y, m, d]) => new Date(Date.UTC(y, m - 1, d)))]);
      expect(fake.sheet("Даты").display("A2:Z2")[0].slice(0, dates.length)).toEqual(
        dates.map(([y, m, d]) => `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`),
      );
      // A date-time keeps its time too (15:30 on a summer and on a winter day).
      wb.write("Даты", 2, 0, [
        [new Date(Date.UTC(2026, 6, 1, 15, 30)), new Date(Date.UTC(2026, 11, 1, 15, 30))],
      ]);
      expect((wb.read("Даты")[2] as Date[]).slice(0, 2).map((d) => d.toISOString())).toEqual([
        "2026-07-01T15:30:00.000Z",
        "2026-12-01T15:30:00.000Z",
      ]);
    },
  );

  it("a sheet of dates costs a few formatDate calls, not one a cell", () => {
    const tz = "Europe/Berlin";
    const rows = Array.from({ length: 500 }, (_, i) => [midnight(tz, 2026, 9, 1 + (i % 30))]);
    const fake = createGasFake({ timeZone: tz, sheets: { Даты: rows } });
    Object.assign(globalThis, { Utilities: fake.globals.Utilities });
    const wb = new GasWorkbook(fake.globals.SpreadsheetApp.getActive());
    fake.calls.reset();
    wb.read("Даты");
    expect(fake.calls.count("Utilities.formatDate")).toBeLessThanOrEqual(30);
  });
});

/** The bundle's clock stopped at `ms` (new Date() and Date.now() in its context). */
function stopClock(fake: LoadedBundle, ms: number): void {
  vm.runInContext(
    `(function () {
      var D = Date;
      Date = class extends D {
        constructor(...a) { if (a.length === 0) super(${ms}); else super(...a); }
        static now() { return ${ms}; }
      };
    })();`,
    fake.context as vm.Context,
  );
}

describe("through the menu, in December, in a Berlin spreadsheet", () => {
  it("a meeting of 1 October (summer time) stays on 1 October in «Работа пар»", () => {
    const tz = "Europe/Berlin";
    const fake = loadBundle({ timeZone: tz });
    stopClock(fake, Date.UTC(2026, 11, 15, 9));
    fake.call("menuInitWorkbook");
    // «Часовой пояс школы» offers Russia's zones; a name of the tz database is still taken (a book
    // made before the list, a school abroad): init keeps the spreadsheet in Berlin.
    setting(fake, "time_zone", tz);
    fake.call("menuInitWorkbook");
    expect(fake.globals.SpreadsheetApp.getActive().getSpreadsheetTimeZone()).toBe(tz);
    const put = (sheet: string, values: Record<string, unknown>) => {
      const s = fake.sheet(sheet);
      const keys = s.row(1).map(String);
      fake.calls.untracked(() => s.setValues(`A${s.lastRow + 1}`, [keys.map((k) => values[k] ?? "")]));
    };
    put("Пары", {
      pair_id: "П-0001",
      mentor_id: "Н-0001",
      mentor_name: "Орлова Марина Сергеевна",
      mentee_id: "НЯ-0001",
      mentee_name: "Новикова Анна Петровна",
      form: "учитель – учитель",
      status: "утверждена",
      approved_at: midnight(tz, 2026, 9, 25),
      start_date: midnight(tz, 2026, 9, 28),
    });
    put("Встречи", {
      meeting_id: "В-0001",
      pair_id: "П-0001",
      date: midnight(tz, 2026, 10, 1),
      type: "встреча-знакомство",
    });
    fake.call("menuRecomputeMonitoring");
    expect(fake.state.alerts).toEqual([]);
    const activity = records(fake, "Работа пар").find((r) => r.pair_id === "П-0001")!;
    expect((activity.last_meeting as Date).toISOString()).toBe(midnight(tz, 2026, 10, 1).toISOString());
    expect((activity.start as Date).toISOString()).toBe(midnight(tz, 2026, 9, 28).toISOString());
  });
});

/**
 * The same tests with the machine in other zones (a child jest with TZ set: Node takes the zone
 * from TZ when it starts): far east of UTC, and west of it with daylight saving time.
 */
const CHILD = process.env.TIME_ZONES_CHILD === "1";
(CHILD ? describe.skip : describe)("the machine's own time zone does not matter", () => {
  it.each(["Pacific/Kiritimati", "America/Los_Angeles"])("TZ=%s", (machineZone) => {
    const root = resolve(__dirname, "../..");
    const run = spawnSync(
      process.execPath,
      [require.resolve("jest/bin/jest"), "--runInBand", "test/gas/time-zones.test.ts"],
      { cwd: root, encoding: "utf8", env: { ...process.env, TZ: machineZone, TIME_ZONES_CHILD: "1" } },
    );
    expect(
      `${run.status}\n${run.stderr
        .split("\n")
        .filter((l) => /✕|Tests:/.test(l))
        .join("\n")}`,
    ).toMatch(/^0\nTests: +2 skipped, 6 passed, 8 total$/);
  });
});
