import { describeValidation } from "../gas-fake/validation";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * The layouts through the Sheets advanced service (src/gas/layout.ts: one Spreadsheets.get and one
 * batchUpdate) leave every sheet as the SpreadsheetApp path does (GasWorkbook, call by call, which
 * runs when the manifest does not enable the service): the same values, notes, validations,
 * formats, widths, hidden and frozen rows, tab colours, protections and conditional formats — on a
 * new workbook, on a damaged one, and for the roadmap's and the summary's layouts.
 */

type Fake = LoadedBundle;

/**
 * Everything a layout sets, sheet by sheet, read from the model (uncounted): the cells of each
 * column as runs of equal consecutive cells («rows 3–1000: {…}»), so a thousand-row sheet stays
 * small enough to compare and to print.
 */
function state(fake: Fake): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fake.spreadsheet.sheetNames()) {
    const s = fake.sheet(name);
    const columns: Record<number, string[]> = {};
    for (let c = 1; c <= s.maxColumns; c++) {
      const runs: string[] = [];
      let prev = "";
      let from = 1;
      for (let r = 1; r <= s.maxRows + 1; r++) {
        const cell = r <= s.maxRows ? s.model.cell(r, c) : undefined;
        const entry: Record<string, unknown> = {};
        // Dates are the journal's times, a second apart between two runs: their presence counts.
        if (cell?.value !== undefined) entry.value = cell.value instanceof Date ? "(date)" : cell.value;
        if (cell?.formula !== undefined) entry.formula = cell.formula;
        if (cell?.note) entry.note = cell.note;
        if (cell?.validation) entry.validation = describeValidation(cell.validation);
        if (cell?.format && Object.keys(cell.format).length > 0) entry.format = cell.format;
        const key = r <= s.maxRows ? JSON.stringify(entry) : "end";
        if (r > 1 && key !== prev) {
          if (prev !== "{}") runs.push(`${from}-${r - 1}: ${prev}`);
          from = r;
        }
        prev = key;
      }
      if (runs.length > 0) columns[c] = runs;
    }
    out[name] = {
      grid: [s.maxRows, s.maxColumns],
      frozen: [s.frozenRows, s.frozenColumns],
      tab: s.tabColor,
      hiddenRows: s.hiddenRows(),
      widths: s.columnWidths(),
      protections: s.protections(),
      rules: s.conditionalFormatRules(),
      columns,
    };
  }
  return out;
}

/** Compares sheet by sheet, so a difference names its sheet and prints only that sheet. */
function expectSame(api: Fake, direct: Fake): void {
  const a = state(api);
  const d = state(direct);
  expect(Object.keys(a)).toEqual(Object.keys(d));
  for (const name of Object.keys(d)) expect({ [name]: a[name] }).toEqual({ [name]: d[name] });
}

/** The same scenario with the Sheets advanced service and without it. */
function both(scenario: (fake: Fake) => void): { api: Fake; direct: Fake } {
  const api = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) });
  const direct = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
    delete (f.globals as Record<string, unknown>).Sheets;
  });
  for (const fake of [api, direct]) {
    scenario(fake);
    expect(fake.state.alerts).toEqual([]);
  }
  return { api, direct };
}

const untracked = (fake: Fake, fn: () => void) => fake.calls.untracked(fn);
const appOf = (fake: Fake) => fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;

describe("sheet layouts through the Sheets API match SpreadsheetApp's", () => {
  it("a new workbook: every sheet the same, in three Sheets and Spreadsheet calls for the layout", () => {
    const { api, direct } = both((fake) => fake.call("menuInitWorkbook"));
    expectSame(api, direct);
    // One for the sheets' names (GasWorkbook.sheetNames), one for what the layouts find in place.
    expect(api.calls.count("Spreadsheets.get")).toBe(2);
    expect(api.calls.count("Spreadsheets.batchUpdate")).toBe(1);
    expect(direct.calls.total("Sheets")).toBe(0);
  });

  it("a damaged workbook repaired: moved and added columns, a curator's note, a lost frozen row and protection", () => {
    const { api, direct } = both((fake) => {
      fake.call("menuInitWorkbook");
      untracked(fake, () => {
        const mentors = fake.sheet("Наставники");
        mentors.moveColumn(3, 7);
        mentors.insertColumns(2, 1);
        mentors.setNote("B2", "Заметка куратора");
        mentors.showRows(1);
        const app = appOf(fake);
        const ss = app.getActive();
        ss.getSheetByName("Наставники")?.setFrozenRows(0);
        const own = ss
          .getSheetByName("Пары")
          ?.getProtections(app.ProtectionType.RANGE)
          .find((p) => p.getDescription().includes("вычисляемый"));
        own?.remove();
        // The program's protections where none is wanted are removed: a stale column, a whole sheet.
        ss.getSheetByName("Пары")
          ?.getRange("A5:A6")
          .protect()
          .setDescription("Наставничество: вычисляемый столбец")
          .setWarningOnly(true);
        ss.getSheetByName("Наставники")
          ?.protect()
          .setDescription("Наставничество: лист")
          .setWarningOnly(true);
        // A curator's own protection and conditional format stay as they are.
        ss.getSheetByName("Наставляемые")?.getRange("C5:C9").protect().setDescription("моя защита");
        const sheet = ss.getSheetByName("Наставляемые");
        if (sheet) {
          const rule = app
            .newConditionalFormatRule()
            .whenFormulaSatisfied("=$C3=1")
            .setBackground("#ff0000")
            .setRanges([sheet.getRange("C3:C20")])
            .build();
          sheet.setConditionalFormatRules([rule]);
        }
      });
      fake.call("menuInitWorkbook");
    });
    expectSame(api, direct);
  });

  it("the roadmap's conditional formats, loaded twice (the curator's own rule kept first)", () => {
    const { api, direct } = both((fake) => {
      fake.call("menuInitWorkbook");
      untracked(fake, () => {
        const app = appOf(fake);
        const sheet = app.getActive().getSheetByName("Дорожная карта");
        if (!sheet) throw new Error("no roadmap sheet");
        const rule = app
          .newConditionalFormatRule()
          .whenFormulaSatisfied("=$A3=1")
          .setBackground("#00ff00")
          .setRanges([sheet.getRange("A3:A30")])
          .build();
        sheet.setConditionalFormatRules([rule]);
      });
      for (const answer of ["1", "1"]) {
        fake.state.promptResponses.push({ text: answer });
        fake.call("menuRoadmapLoadTemplate");
      }
      fake.call("menuRoadmapRefresh");
    });
    expectSame(api, direct);
    expect(api.sheet("Дорожная карта").conditionalFormatRules().length).toBe(5);
  });

  it("the summary (a protected sheet) and personal data protected before a repair", () => {
    const { api, direct } = both((fake) => {
      fake.call("menuInitWorkbook");
      untracked(fake, () => {
        const settings = fake.sheet("Настройки");
        const keys = settings.row(1);
        const row = settings.values().findIndex((r) => r[keys.indexOf("key")] === "curator_editors") + 1;
        settings.edit(row, keys.indexOf("value") + 1, "curator@school1.ru");
      });
      fake.call("menuRefreshSummary");
      fake.call("menuProtectPersonalData");
      fake.call("menuInitWorkbook");
      fake.call("menuRefreshSummary");
    });
    expectSame(api, direct);
  });
});

describe("«Проверить доступ» reads the protections through the Sheets API as SpreadsheetApp does", () => {
  it("the same report, with personal data protected and a curator's own protection", () => {
    const report = (withApi: boolean) => {
      const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
        if (!withApi) delete (f.globals as Record<string, unknown>).Sheets;
      });
      fake.call("menuInitWorkbook");
      untracked(fake, () => {
        const settings = fake.sheet("Настройки");
        const keys = settings.row(1);
        const row = settings.values().findIndex((r) => r[keys.indexOf("key")] === "curator_editors") + 1;
        settings.edit(row, keys.indexOf("value") + 1, "curator@school1.ru");
        appOf(fake)
          .getActive()
          .getSheetByName("Наставляемые")
          ?.getRange("C5:D9")
          .protect()
          .setDescription("моя");
      });
      fake.call("menuProtectPersonalData");
      fake.calls.reset();
      fake.call("menuCheckAccess");
      return { alerts: fake.state.alerts.map((a) => a.prompt), calls: fake.calls.total() };
    };
    const api = report(true);
    const direct = report(false);
    expect(api.alerts).toEqual(direct.alerts);
    expect(api.alerts.at(-1)).toContain("«Наставники»: изменять могут owner@school.example (владелец)");
    expect(api.calls).toBeLessThan(direct.calls / 2);
  });
});
