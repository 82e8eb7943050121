import { sampleSchool } from "../../src/demo/sample";
import { readSheetsWithApi } from "../../src/gas/read-batch";
import { createGasFake } from "../gas-fake";
import { tzOffsetMinutes } from "../gas-fake/dates";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { fillBanks, readHook, setupSchool } from "../support/school";

/**
 * Several sheets read with one Sheets API request (src/gas/read-batch.ts) give what
 * getDataRange().getValues() gives, as GasWorkbook reads it (dates as the wall clock of the
 * spreadsheet's zone): text, numbers, booleans, dates and date-times in and out of daylight saving
 * time, a formula's error, blanks inside the data, and rows that are formatted but empty past it.
 */

type Api = GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection;

describe("a batch read through the Sheets API", () => {
  for (const timeZone of ["Europe/Berlin", "Asia/Yekaterinburg", "America/New_York"])
    it(`matches getValues as wall-clock values (${timeZone})`, () => {
      const fake = createGasFake({ sheets: { Ученики: [], Пусто: [] }, timeZone });
      const g = fake.globals as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp };
      const ss = g.SpreadsheetApp.getActive();
      const sheet = ss.getSheetByName("Ученики")!;
      const instant = (y: number, m: number, d: number, h = 0, min = 0) => {
        const wall = Date.UTC(y, m - 1, d, h, min);
        return new Date(wall - tzOffsetMinutes(timeZone, wall) * 60000);
      };
      sheet.getRange(1, 1, 5, 6).setValues([
        ["ФИО", "Дата рождения", "Класс", "Согласие", "Отметка времени", "Баллы"],
        ["Иванов", instant(2012, 7, 1), "'007", true, instant(2026, 3, 29, 2, 30), 7.5],
        ["", "", "", "", "", ""],
        ["Петров", instant(2012, 12, 1), "5А", false, instant(2026, 11, 1, 1, 30), "+аб в"],
        ["Сидоров", instant(1999, 3, 28, 12), 12, "", "", 0],
      ]);
      sheet.getRange("B2:B1000").setNumberFormat("dd.MM.yyyy");
      sheet.getRange("F2:F1000").setNumberFormat("0.0");

      const wall = (v: unknown) =>
        v instanceof Date || Object.prototype.toString.call(v) === "[object Date]"
          ? new Date((v as Date).getTime() + tzOffsetMinutes(timeZone, (v as Date).getTime()) * 60000)
          : v;
      const expected = fake.calls.untracked(() =>
        sheet
          .getDataRange()
          .getValues()
          .map((r) => r.map(wall)),
      );
      const got = (() => {
        const saved = (globalThis as Record<string, unknown>).SpreadsheetApp;
        (globalThis as Record<string, unknown>).SpreadsheetApp = { flush: () => {} };
        try {
          const api = (fake.globals as unknown as { Sheets: { Spreadsheets: Api } }).Sheets.Spreadsheets;
          return readSheetsWithApi(api, ss.getId(), ["Ученики", "Пусто"]);
        } finally {
          (globalThis as Record<string, unknown>).SpreadsheetApp = saved;
        }
      })();
      const norm = (grid: unknown[][]) =>
        JSON.parse(
          JSON.stringify(grid, (_k, v) =>
            typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? `D${v}` : v,
          ),
        );
      expect(norm(got.get("Ученики") ?? [])).toEqual(norm(expected));
      expect(got.get("Ученики")?.[1][1]).toEqual(new Date(Date.UTC(2012, 6, 1)));
      expect(got.get("Ученики")?.[3][5]).toBe("#ERROR!");
      expect(got.get("Пусто")).toEqual([]);
      expect(fake.calls.count("Spreadsheets.get")).toBe(1);
    });
});

describe("«Обновить сводку» reads its sources in one request", () => {
  const run = (withApi: boolean): LoadedBundle => {
    const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
      if (!withApi) delete (f.globals as Record<string, unknown>).Sheets;
    });
    fake.call("menuInitWorkbook");
    fake.calls.untracked(() => {
      const mentors = fake.sheet("Наставники");
      const keys = mentors.row(1).map(String);
      const row = (o: Record<string, unknown>) => keys.map((k) => o[k] ?? "");
      mentors.setValues("A3", [
        row({ id: "Н-0001", full_name: "Орлова Анна Петровна", birth_date: new Date(Date.UTC(1980, 6, 1)) }),
        row({ id: "Н-0002", full_name: "Соколов Иван Ильич", birth_date: new Date(Date.UTC(1975, 0, 9)) }),
      ]);
    });
    fake.calls.reset();
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    return fake;
  };

  it("the same «Показатели» and «Сводка» with and without the Sheets API, in fewer calls", () => {
    const api = run(true);
    const direct = run(false);
    for (const name of ["Показатели", "Сводка"]) {
      expect(api.sheet(name).values()).toEqual(direct.sheet(name).values());
      expect(api.sheet(name).formulas()).toEqual(direct.sheet(name).formulas());
    }
    // Eleven sources and «Сводка» itself: one request, where SpreadsheetApp reads each.
    expect(api.calls.count("Sheet.getDataRange")).toBeLessThan(direct.calls.count("Sheet.getDataRange") - 10);
  });

  it("the same charts through the Sheets API (addChart) as through EmbeddedChartBuilder, replaced on a re-run", () => {
    // A chart's cells: the API makes a series per column where the builder takes a block.
    const charts = (fake: LoadedBundle) =>
      fake
        .sheet("Сводка")
        .charts()
        .map((c) => {
          const cells = new Set<string>();
          for (const a1 of c.ranges) {
            const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
            if (!m) throw new Error(a1);
            for (let col = m[1].charCodeAt(0); col <= m[3].charCodeAt(0); col++)
              for (let row = Number(m[2]); row <= Number(m[4]); row++)
                cells.add(`${String.fromCharCode(col)}${row}`);
          }
          return {
            type: c.chartType,
            options: c.options,
            position: c.position,
            first: c.ranges[0],
            cells: [...cells].sort(),
          };
        });
    const api = run(true);
    const direct = run(false);
    expect(charts(api).length).toBeGreaterThanOrEqual(2);
    expect(charts(api)).toEqual(charts(direct));
    expect(api.calls.total("EmbeddedChartBuilder")).toBe(0);
    api.call("menuRefreshSummary");
    expect(api.state.alerts).toEqual([]);
    expect(charts(api)).toEqual(charts(direct));
  });
});

describe("grid sizes known from the start of an execution", () => {
  const hook = readHook();

  it("a sheet grown by another execution meanwhile is asked for again: no blank rows amid the data", () => {
    const { fake } = setupSchool();
    fillBanks(fake, sampleSchool(new Date(Date.UTC(2026, 10, 22)), 20260901, { mentors: 6, mentees: 12 }));
    const log = fake.sheet("Журнал");
    const keys = log.row(1).map(String);
    const line = (n: number) =>
      keys.map((k) => (k === "message" ? `строка ${n}` : k === "level" ? "информация" : ""));
    // Right after the first read (the names and grids are known by then), another execution
    // fills «Журнал» past its 1,000 rows and grows its grid.
    hook.on = () => {
      hook.on = null;
      fake.calls.untracked(() => {
        log.model.maxRows = 2000;
        const from = Math.max(log.lastRow, 2) + 1;
        log.setValues(
          `A${from}`,
          Array.from({ length: 1005 - from + 1 }, (_, i) => line(from + i)),
        );
      });
    };
    fake.call("menuMatchPairs");
    expect(fake.state.alerts).toEqual([]);
    const rows = log.values().slice(2);
    const blank = rows.findIndex((r) => r.every((v) => v === ""));
    expect(blank === -1 || rows.slice(blank).every((r) => r.every((v) => v === ""))).toBe(true);
    expect(rows.length).toBeGreaterThan(1005 - 2);
    expect(log.maxRows).toBe(2000);
  });
});
