import { DISTRICT_SHEETS } from "../../src/core/district/sheets";
import { workbookTemplate } from "../../src/core/templates/load";
import { district, folder, setFolder } from "../support/district-gas";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * Tables a person reads in Sheets (issue 17, item 3): the header rows in the template's font, yes /
 * no as «да, нет» with a dropdown, the states coloured by conditional formats — all in the layouts'
 * one batchUpdate — and the district's tables filtered and frozen like the school's. The fake refuses
 * what the Sheets API refuses: a conditional format that sets a font, a font size that is no int32,
 * a dropdown list of more than 500 items.
 */

type Json = Record<string, unknown>;

function initialised(): LoadedBundle {
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) });
  fake.call("menuInitWorkbook");
  expect(fake.state.alerts).toEqual([]);
  return fake;
}

function api(fake: LoadedBundle) {
  const sheets = (
    fake.globals as unknown as { Sheets: { Spreadsheets: { batchUpdate: (r: Json, id: string) => unknown } } }
  ).Sheets.Spreadsheets;
  const id = fake.calls.untracked(() =>
    (fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive().getId(),
  );
  return (requests: Json[]) => sheets.batchUpdate({ requests }, id);
}

describe("init in Sheets", () => {
  it("sets every table's header row in the template's font, in the one batchUpdate", () => {
    const fake = initialised();
    expect(fake.calls.count("Spreadsheets.batchUpdate")).toBe(1);
    const style = workbookTemplate().headerStyle;
    for (const t of workbookTemplate().sheets.filter((s) => s.kind !== "dashboard")) {
      const sheet = fake.sheet(t.name);
      for (let c = 1; c <= t.columns.length; c++)
        expect([t.name, c, sheet.cell(2, c).format]).toEqual([
          t.name,
          c,
          expect.objectContaining({
            fontWeight: "bold",
            fontFamily: style.fontFamily,
            fontSize: style.fontSize,
            background: style.background,
          }),
        ]);
      // The data rows keep Sheets' default font, at the top of a row wrapped text makes tall.
      expect(sheet.cell(3, 1).format.fontFamily).toBeUndefined();
      expect([t.name, sheet.cell(3, t.columns.length).format.verticalAlignment]).toEqual([t.name, "top"]);
    }
  });

  it("offers «да, нет» in «Не менять при переподборе», not a checkbox", () => {
    const fake = initialised();
    const pairs = fake.sheet("Пары");
    const col = pairs.row(1).indexOf("locked") + 1;
    expect(pairs.cell(3, col).validation).toMatchObject({
      criteria: "VALUE_IN_LIST",
      values: [["да", "нет"], true],
      allowInvalid: false,
    });
  });

  it("colours the states with conditional formats over the table, the curator's own rules kept", () => {
    const fake = initialised();
    const rules = (name: string) =>
      fake
        .sheet(name)
        .conditionalFormatRules()
        .map((r) => ({ formula: String(r.values[0]), background: r.background }));
    const letter = (name: string, key: string) =>
      String.fromCharCode(65 + fake.sheet(name).row(1).indexOf(key));
    expect(rules("Работа пар")).toEqual([
      {
        formula: `=AND(N("Наставничество")=0,LEFT($${letter("Работа пар", "attention")}3,2)="да")`,
        background: "#f4cccc",
      },
    ]);
    expect(rules("Показатели").map((r) => r.formula)).toEqual([
      `=AND(N("Наставничество")=0,$${letter("Показатели", "status")}3="не достигнуто")`,
      `=AND(N("Наставничество")=0,$${letter("Показатели", "status")}3="достигнуто")`,
    ]);
    expect(rules("Наставники").map((r) => r.background)).toEqual(["#f4cccc", "#fff2cc"]);
    expect(rules("Наставляемые")[0].formula).toContain('SEARCH("нет согласия"');
    expect(rules("Мониторинг").map((r) => r.background)).toEqual(["#f4cccc", "#fff2cc"]);
    // Over the data rows across the table.
    const monitoring = fake.sheet("Мониторинг");
    const width = workbookTemplate().sheets.find((s) => s.name === "Мониторинг")!.columns.length;
    expect(monitoring.conditionalFormatRules()[0].ranges).toEqual([
      `A3:${String.fromCharCode(64 + width)}${monitoring.maxRows}`,
    ]);

    // A curator's own rule stays, first; a second init replaces the program's rules, not adds.
    fake.calls.untracked(() => {
      const sh = (fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActive()
        .getSheetByName("Работа пар")!;
      const own = (fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .newConditionalFormatRule()
        .whenFormulaSatisfied("=$A3=2026")
        .setBackground("#0000ff")
        .setRanges([sh.getRange("A3:A10")])
        .build();
      sh.setConditionalFormatRules([own, ...sh.getConditionalFormatRules()]);
    });
    fake.call("menuInitWorkbook");
    expect(rules("Работа пар").map((r) => r.formula)).toEqual([
      "=$A3=2026",
      `=AND(N("Наставничество")=0,LEFT($${letter("Работа пар", "attention")}3,2)="да")`,
    ]);
  });
});

describe("the fake refuses what the Sheets API refuses", () => {
  it("a conditional format that sets a font, a font size that is not a whole number, a list of 501 items", () => {
    const fake = initialised();
    const send = api(fake);
    const sheetId = fake.sheet("Пары").model.id;
    const range = { sheetId, startRowIndex: 2, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 };
    const rule = (format: Json) => ({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [range],
          booleanRule: {
            condition: { type: "CUSTOM_FORMULA", values: [{ userEnteredValue: "=$A3=1" }] },
            format,
          },
        },
      },
    });
    expect(() => send([rule({ textFormat: { fontSize: 12 } })])).toThrow(
      /Conditional formatting can only apply bold, italic, strikethrough, foreground color and background color: textFormat\.fontSize/,
    );
    expect(() => send([rule({ wrapStrategy: "WRAP" })])).toThrow(/wrapStrategy/);
    send([rule({ textFormat: { bold: true }, backgroundColorStyle: { rgbColor: { red: 1 } } })]);

    const header = (fontSize: unknown) => ({
      repeatCell: {
        range,
        cell: { userEnteredFormat: { textFormat: { fontSize } } },
        fields: "userEnteredFormat.textFormat.fontSize",
      },
    });
    expect(() => send([header(10.5)])).toThrow(/TYPE_INT32/);
    expect(() => send([header("10")])).toThrow(/TYPE_INT32/);
    send([header(11)]);
    expect(fake.sheet("Пары").cell(3, 1).format.fontSize).toBe(11);

    const many = Array.from({ length: 501 }, (_, i) => String(i));
    expect(() =>
      fake.calls.untracked(() =>
        (fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
          .newDataValidation()
          .requireValueInList(many),
      ),
    ).toThrow(/more items than the limit of 500/);
  });
});

describe("the district workbook in Sheets", () => {
  it("filters and freezes «Школы», «Рейтинг», «Не сдали», «Проверка пакетов» like the school's tables", async () => {
    const { fake, docs } = district();
    const f = await folder(docs, 3);
    fake.call("onOpen");
    setFolder(fake, f.id);
    fake.calls.reset();
    fake.call("menuDistrictRollUp");
    expect(fake.state.alerts).toEqual([]);
    // The five sheets laid out in one Sheets API read and one batchUpdate.
    expect(fake.calls.count("Spreadsheets.batchUpdate")).toBeLessThanOrEqual(2);
    const seen = (name: string) => {
      const s = fake.sheet(name);
      const filter = s.model.basicFilter;
      return {
        frozen: [s.frozenRows, s.frozenColumns],
        filter: filter?.valid ? [filter.row, filter.col] : null,
        font: s.cell(1, 1).format.fontFamily,
      };
    };
    const font = workbookTemplate().headerStyle.fontFamily;
    expect(seen(DISTRICT_SHEETS.schools)).toEqual({ frozen: [1, 1], filter: [1, 1], font });
    expect(seen(DISTRICT_SHEETS.ranking)).toEqual({ frozen: [1, 2], filter: [1, 1], font });
    expect(seen(DISTRICT_SHEETS.missing)).toEqual({ frozen: [1, 1], filter: [1, 1], font });
    expect(seen(DISTRICT_SHEETS.check)).toEqual({ frozen: [1, 1], filter: [1, 1], font });
    // «Итоги района» is a report, not a table: no filter, nothing frozen.
    expect(seen(DISTRICT_SHEETS.totals)).toMatchObject({ frozen: [0, 0], filter: null });
    expect(seen(DISTRICT_SHEETS.expected)).toEqual({ frozen: [1, 0], filter: null, font });
    // The indicators' statuses coloured in «Школы»; widths in pixels (34 characters: 238 px).
    expect(fake.sheet(DISTRICT_SHEETS.schools).conditionalFormatRules().length).toBeGreaterThan(0);
    expect(fake.sheet(DISTRICT_SHEETS.schools).columnWidths()[1]).toBe(238);
  });
});
