import { workbookTemplate } from "../../src/core/templates/load";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * Tables a person reads (issue 17, item 3) in Sheets: «Инициализировать / восстановить книгу» puts
 * a basic filter on every table, freezes the name column, hides the technical columns and wraps
 * long text — all in the one Spreadsheets.batchUpdate of the layouts — and a second run leaves all
 * of it as it is, sending none of the filter, freeze or hide requests again.
 */

type Json = Record<string, unknown>;

function withLog(): { fake: LoadedBundle; sent: Json[][] } {
  const sent: Json[][] = [];
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
    const api = (
      f.globals as unknown as { Sheets: { Spreadsheets: { batchUpdate: (r: Json, id: string) => unknown } } }
    ).Sheets.Spreadsheets;
    const real = api.batchUpdate.bind(api);
    api.batchUpdate = (resource: Json, id: string) => {
      sent.push(JSON.parse(JSON.stringify(resource.requests)) as Json[]);
      return real(resource, id);
    };
  });
  return { fake, sent };
}

/** What a person sees of each sheet: its filter, frozen rows and columns, hidden columns. */
function view(fake: LoadedBundle): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of fake.spreadsheet.sheetNames()) {
    const s = fake.sheet(name);
    const f = s.model.basicFilter;
    out.set(name, {
      filter: f?.valid ? [f.row, f.col, f.numRows, f.numCols] : null,
      frozen: [s.frozenRows, s.frozenColumns],
      hidden: s.hiddenColumns(),
    });
  }
  return out;
}

const kinds = (requests: Json[]) => requests.map((r) => Object.keys(r)[0]);
const sheetIdOf = (fake: LoadedBundle, name: string) => fake.sheet(name).model.id;

describe("init lays the tables out for reading, through the Sheets API", () => {
  it("sends a filter, the frozen name column, hidden technical columns and wrapping in the one batchUpdate", () => {
    const { fake, sent } = withLog();
    fake.call("menuInitWorkbook");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.calls.count("Spreadsheets.batchUpdate")).toBe(1);
    const requests = sent.flat();
    const tables = workbookTemplate().sheets.filter((s) => s.kind === "table");
    const filters = requests
      .filter((r) => r.setBasicFilter)
      .map((r) => (r.setBasicFilter as Json).filter as Json);
    expect(filters).toHaveLength(tables.length);
    for (const t of tables) {
      const range = filters.find((f) => (f.range as Json).sheetId === sheetIdOf(fake, t.name))?.range;
      expect([t.name, range]).toEqual([
        t.name,
        {
          sheetId: sheetIdOf(fake, t.name),
          startRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: t.columns.length,
        },
      ]);
      // In the model: from the header row (2) to the sheet's last row, across the table.
      const f = fake.sheet(t.name).model.basicFilter;
      expect([t.name, f?.row, f?.col, f?.numCols]).toEqual([t.name, 2, 1, t.columns.length]);
      expect(f?.numRows).toBe(fake.sheet(t.name).maxRows - 1);
    }
    expect(fake.sheet("Справочники").model.basicFilter).toBeNull();

    const v = view(fake);
    expect(v.get("Наставники")).toMatchObject({ frozen: [2, 4], hidden: [] });
    expect(v.get("Пары")).toMatchObject({ frozen: [2, 5] });
    expect(v.get("Журнал")).toMatchObject({ frozen: [2, 0] });
    expect(v.get("Настройки")).toMatchObject({ frozen: [2, 1], hidden: [4] });
    expect(v.get("Динамика участников")).toMatchObject({ hidden: [15, 16] });
    expect(v.get("Анкеты")).toMatchObject({ hidden: [6] });

    // Long text wraps in the data rows; an ID column does not.
    const pairs = fake.sheet("Пары");
    const at = (header: string) => pairs.row(2).indexOf(header) + 1;
    expect(pairs.cell(5, at("Обоснование подбора")).format).toMatchObject({ wrap: true });
    expect(pairs.cell(5, at("ID пары")).format?.wrap).toBeFalsy();
    // Every request is one the fake checks as Google documents it (an unknown one would throw).
    expect(kinds(requests)).toContain("setBasicFilter");
  });

  it("a second init changes nothing a person sees and sends no filter, freeze or hide again", () => {
    const { fake, sent } = withLog();
    fake.call("menuInitWorkbook");
    const before = view(fake);
    sent.length = 0;
    fake.call("menuInitWorkbook");
    expect(fake.state.alerts).toEqual([]);
    expect(view(fake)).toEqual(before);
    const again = sent.flat();
    expect(kinds(again)).not.toContain("setBasicFilter");
    const text = again.map((r) => JSON.stringify(r));
    expect(text.filter((r) => r.includes("frozenColumnCount"))).toEqual([]);
    expect(text.filter((r) => r.includes('"dimension":"COLUMNS"') && r.includes("hiddenByUser"))).toEqual([]);
  });

  it("a repair hides a technical column the curator showed and does not set the filter in place again", () => {
    const { fake, sent } = withLog();
    fake.call("menuInitWorkbook");
    fake.calls.untracked(() => fake.sheet("Настройки").showColumns(4));
    sent.length = 0;
    fake.call("menuInitWorkbook");
    expect(fake.sheet("Настройки").hiddenColumns()).toEqual([4]);
    expect(kinds(sent.flat())).not.toContain("setBasicFilter");
  });
});

describe("«Сводка» in Sheets", () => {
  it("hides the lists' «Строка листа» column, read by the formulas, and shows the figures", () => {
    const { fake } = withLog();
    fake.call("menuInitWorkbook");
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    const summary = fake.sheet("Сводка");
    const at: number[] = [];
    for (let r = 1; r <= summary.maxRows; r++)
      if (summary.row(r).indexOf("Строка листа") >= 0) at.push(summary.row(r).indexOf("Строка листа") + 1);
    expect(at).toEqual([10, 10]);
    expect(summary.hiddenColumns()).toEqual([10]);
  });
});

describe("the fake checks setBasicFilter as the Sheets API does", () => {
  const fresh = () => {
    const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) });
    fake.call("menuInitWorkbook");
    const api = (
      fake.globals as unknown as {
        Sheets: { Spreadsheets: { batchUpdate: (r: Json, id: string) => unknown } };
      }
    ).Sheets.Spreadsheets;
    const id = fake.calls.untracked(() =>
      (fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive().getId(),
    );
    return { fake, api, id };
  };

  it("refuses a range past the grid, a missing filter, and criteria it does not model; replaces the filter in place", () => {
    const { fake, api, id } = fresh();
    const sheetId = sheetIdOf(fake, "Пары");
    const set = (filter: unknown) => api.batchUpdate({ requests: [{ setBasicFilter: { filter } }] }, id);
    expect(() => set({ range: { sheetId, startRowIndex: 0, endColumnIndex: 500 } })).toThrow(
      /exceeds grid limits/,
    );
    expect(() => set(undefined)).toThrow(/Invalid requests\[0\]\.setBasicFilter/);
    expect(() => set({ range: { sheetId }, sortSpecs: [] })).toThrow(/gas-fake: .*sortSpecs/);
    set({ range: { sheetId, startRowIndex: 1, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 } });
    const f = fake.sheet("Пары").model.basicFilter;
    expect([f?.row, f?.col, f?.numRows, f?.numCols]).toEqual([2, 1, 9, 3]);
    const got = api as unknown as { get: (id: string, o: Json) => Json };
    const sheets = got.get(id, { fields: "sheets(properties(title),basicFilter(range))" }).sheets as Json[];
    const pairs = sheets.find((s) => (s.properties as Json).title === "Пары");
    expect(pairs?.basicFilter).toEqual({
      range: { sheetId, startRowIndex: 1, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 },
    });
  });
});
