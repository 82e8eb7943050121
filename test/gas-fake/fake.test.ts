import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeTable, installDocumentApp } from "./document";
import { createGasFake, type GasFake } from "./index";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(options: Parameters<typeof createGasFake>[0] = {}): { fake: GasFake; sheet: Sheet } {
  const fake = createGasFake({ sheets: { Ученики: [] }, ...options });
  const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Ученики")!;
  return { fake, sheet };
}

describe("values are stored as Sheets stores typed input", () => {
  test("setValues with a wrong-size array throws Apps Script's message", () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 3, 2);
    expect(() =>
      range.setValues([
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.",
    );
    expect(() => range.setValues([["a", "b"], ["c"], ["e", "f"]])).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(() => range.setValues(["a", "b", "c"] as unknown as string[][])).toThrow(
      "The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  test("apostrophe, formula, formula error, number, text, blank", () => {
    const { fake, sheet } = setup();
    sheet.getRange(1, 1, 1, 7).setValues([["'=1+1", "=1+1", "+7 912 000", "42", "-3.5", "Иванов И.", null]]);
    expect(sheet.getRange(1, 1, 1, 7).getValues()).toEqual([
      ["=1+1", "", "#ERROR!", 42, -3.5, "Иванов И.", ""],
    ]);
    expect(sheet.getRange(1, 1, 1, 3).getFormulas()).toEqual([["", "=1+1", "=+7 912 000"]]);
    expect(sheet.getRange(1, 3).getDisplayValue()).toBe("#ERROR!");
    expect(fake.sheet("Ученики").cell("A1")).toMatchObject({ value: "=1+1", formula: "" });
    sheet.getRange("A2:C2").setValues([["007", "@home", "-"]]);
    expect(sheet.getRange("A2:C2").getValues()).toEqual([[7, "#ERROR!", "#ERROR!"]]);
  });

  test("plain-text cells keep text as typed", () => {
    const { sheet } = setup();
    const cell = sheet.getRange("B2").setNumberFormat("@");
    cell.setValue("007");
    expect(cell.getValue()).toBe("007");
    cell.setValue("+7 912 000");
    expect(cell.getValue()).toBe("+7 912 000");
    expect(cell.getNumberFormat()).toBe("@");
  });

  test("formulas read as '' unless an evaluator is registered", () => {
    const { sheet } = setup({ formulaEvaluator: (f) => (f === "=1+1" ? 2 : undefined) });
    sheet.getRange("A1:B1").setFormulas([["=1+1", "=NOW()"]]);
    expect(sheet.getRange("A1:B1").getValues()).toEqual([[2, ""]]);
  });

  test("dates round-trip as fresh copies; numbers and booleans keep their types", () => {
    const { sheet } = setup();
    const written = new Date(Date.UTC(2024, 8, 1, 9, 30));
    sheet.getRange(1, 1, 1, 3).setValues([[written, 5, true]]);
    written.setUTCFullYear(1999);
    const first = sheet.getRange(1, 1, 1, 3).getValues()[0];
    expect(Object.prototype.toString.call(first[0])).toBe("[object Date]");
    expect((first[0] as Date).toISOString()).toBe("2024-09-01T09:30:00.000Z");
    expect(first.slice(1)).toEqual([5, true]);
    (first[0] as Date).setUTCFullYear(2000);
    const again = sheet.getRange(1, 1).getValue() as Date;
    expect(again.toISOString()).toBe("2024-09-01T09:30:00.000Z");
    expect(again).not.toBe(first[0]);
    expect(sheet.getRange(1, 1).getDisplayValue()).toBe("01.09.2024 12:30:00");
    expect(sheet.getRange(1, 3).getDisplayValue()).toBe("TRUE");
  });

  test("getValues returns copies of rows", () => {
    const { sheet } = setup();
    sheet.getRange("A1").setValue("x");
    const v = sheet.getRange("A1").getValues();
    v[0][0] = "changed";
    expect(sheet.getRange("A1").getValue()).toBe("x");
  });

  test("extended parsing turns booleans, percents and dates into values", () => {
    const { sheet } = setup({ extendedInputParsing: true });
    sheet.getRange("A1:C1").setValues([["TRUE", "50%", "01.09.2024"]]);
    const [b, p, d] = sheet.getRange("A1:C1").getValues()[0];
    expect([b, p]).toEqual([true, 0.5]);
    expect((d as Date).toISOString()).toBe("2024-08-31T21:00:00.000Z");
  });

  test("a cell holds at most 50000 characters", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange("A1").setValue("x".repeat(50001))).toThrow(
      "Your input contains more than the maximum of 50000 characters in a single cell.",
    );
  });
});

describe("grid, ranges and A1 notation", () => {
  test("a new sheet is 1000 × 26 and empty", () => {
    const { fake } = setup();
    const sheet = fake.globals.SpreadsheetApp.getActive().insertSheet("Новый");
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe("A1");
    expect(sheet.getDataRange().getValues()).toEqual([[""]]);
  });

  test("last row and column follow values and formulas, not notes", () => {
    const { fake, sheet } = setup();
    fake.sheet("Ученики").setValues("A1", [
      ["ФИО", "Класс"],
      ["Иванов", "7А"],
    ]);
    sheet.getRange("D5").setNote("only a note");
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([2, 2]);
    sheet.getRange("C4").setFormula("=A2");
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe("A1:C4");
  });

  test("getRange checks its arguments like Apps Script", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow("The starting row of the range is too small.");
    expect(() => sheet.getRange(1, 0)).toThrow("The starting column of the range is too small.");
    expect(() => sheet.getRange(2, 1, 0, 3)).toThrow("The number of rows in the range must be at least 1.");
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      "The number of columns in the range must be at least 1.",
    );
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    sheet.insertRowsAfter(1000, 5);
    sheet.insertColumnsAfter(26, 1);
    expect(sheet.getRange(1005, 27).getA1Notation()).toBe("AA1005");
  });

  test("A1 forms", () => {
    const { fake, sheet } = setup();
    const b = sheet.getRange("B:B");
    expect([b.getRow(), b.getColumn(), b.getNumRows(), b.getNumColumns(), b.getA1Notation()]).toEqual([
      1,
      2,
      1000,
      1,
      "B:B",
    ]);
    const row2 = sheet.getRange("2:2");
    expect([row2.getRow(), row2.getNumRows(), row2.getNumColumns(), row2.getA1Notation()]).toEqual([
      2,
      1,
      26,
      "2:2",
    ]);
    expect(sheet.getRange("$A$1:C3").getA1Notation()).toBe("A1:C3");
    expect(() => sheet.getRange("nonsense")).toThrow("Range not found");
    const qualified = fake.globals.SpreadsheetApp.getActive().getRange("'Ученики'!B2:C3");
    expect([qualified.getSheet().getName(), qualified.getA1Notation()]).toEqual(["Ученики", "B2:C3"]);
  });

  test("row and column operations check bounds and keep the last row", () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow("Those rows are out of bounds.");
    expect(() => sheet.hideColumns(26, 2)).toThrow("Those columns are out of bounds.");
    expect(() => sheet.deleteRows(1, 1000)).toThrow("You can't delete all the rows on the sheet.");
    sheet.deleteRows(1, 990);
    expect(sheet.getMaxRows()).toBe(10);
    for (let i = 0; i < 12; i++) sheet.appendRow([`row ${i}`]);
    expect([sheet.getLastRow(), sheet.getMaxRows()]).toEqual([12, 12]);
  });

  test("sheets: unique names regardless of case, the last sheet stays", () => {
    const { fake } = setup();
    const ss = fake.globals.SpreadsheetApp.getActive();
    expect(ss.getSheetByName("ученики")?.getName()).toBe("Ученики");
    expect(() => ss.insertSheet("УЧЕНИКИ")).toThrow('A sheet with the name "УЧЕНИКИ" already exists.');
    const second = ss.insertSheet("Пары", 0);
    expect(second.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe("Пары");
    ss.deleteSheet(second);
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
    expect(fake.spreadsheet.sheetNames()).toEqual(["Ученики"]);
  });
});

describe("structure edits carry cell properties", () => {
  function prepared() {
    const { fake, sheet } = setup();
    fake.sheet("Ученики").setValues("A1", [
      ["ФИО", "Класс", "Роль"],
      ["Иванов", "7А", "наставник"],
      ["Петров", "5Б", "наставляемый"],
    ]);
    const roles = fake.globals.SpreadsheetApp.newDataValidation()
      .requireValueInList(["наставник", "наставляемый"])
      .setAllowInvalid(false)
      .build();
    sheet.getRange("C2:C3").setDataValidation(roles);
    sheet.getRange("C1").setNote("Роль участника");
    sheet.hideColumns(3);
    sheet.setColumnWidth(3, 240);
    return { fake, sheet };
  }

  test("a curator moving a column moves values, notes, validations, width and hidden-ness", () => {
    const { fake, sheet } = prepared();
    const inspector = fake.sheet("Ученики");
    inspector.moveColumn(3, 1);
    expect(inspector.row(1)).toEqual(["Роль", "ФИО", "Класс"]);
    expect(inspector.cell("A1").note).toBe("Роль участника");
    expect(inspector.validations("A2:B2")[0][0]).toEqual({
      criteria: "VALUE_IN_LIST",
      values: [["наставник", "наставляемый"], true],
      allowInvalid: false,
      helpText: "",
    });
    expect(inspector.validations("A2:B2")[0][1]).toBeNull();
    expect(inspector.hiddenColumns()).toEqual([1]);
    expect(inspector.columnWidths()).toEqual({ 1: 240 });
    expect(sheet.isColumnHiddenByUser(1)).toBe(true);
    inspector.moveColumn(1, 3);
    expect(inspector.row(1)).toEqual(["ФИО", "Класс", "Роль"]);
  });

  test("Sheet.moveColumns uses the destination index before the move", () => {
    const { sheet } = prepared();
    sheet.moveColumns(sheet.getRange("A:A"), 3);
    expect(sheet.getRange("A1:C1").getValues()).toEqual([["Класс", "ФИО", "Роль"]]);
  });

  test("inserted rows inherit validation from the row above; inserted columns shift protections", () => {
    const { fake, sheet } = prepared();
    sheet.getRange("C2:C3").protect().setDescription("roles");
    sheet.insertRowsAfter(3, 2);
    const inspector = fake.sheet("Ученики");
    expect(inspector.cell("C5").validation?.criteria).toBe("VALUE_IN_LIST");
    expect(inspector.cell("C5").value).toBe("");
    inspector.insertColumns(1);
    expect(inspector.protections()[0]).toMatchObject({ type: "RANGE", range: "D2:D3", description: "roles" });
    inspector.deleteColumns(4);
    expect(inspector.protections()).toEqual([]);
  });

  test("validation rules read back and can be cleared", () => {
    const { fake, sheet } = prepared();
    const rule = sheet.getRange("C2").getDataValidation()!;
    expect(String(rule.getCriteriaType())).toBe("VALUE_IN_LIST");
    expect(rule.getCriteriaType()).toBe(fake.globals.SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getCriteriaValues()).toEqual([["наставник", "наставляемый"], true]);
    expect(rule.getAllowInvalid()).toBe(false);
    const copy = rule.copy().setHelpText("Выберите роль").build();
    sheet.getRange("C4").setDataValidation(copy);
    expect(fake.sheet("Ученики").cell("C4").validation?.helpText).toBe("Выберите роль");
    sheet.getRange("C2:C4").setDataValidation(null);
    expect(sheet.getRange("C2:C4").getDataValidations()).toEqual([[null], [null], [null]]);
  });

  test("per-cell grids: setDataValidations (null clears) and setNumberFormats, sized like the range", () => {
    const { fake, sheet } = prepared();
    const { SpreadsheetApp } = fake.globals;
    const date = SpreadsheetApp.newDataValidation().requireDate().build();
    const range = sheet.getRange("B2:C3");
    range.setDataValidations([
      [date, null],
      [null, date],
    ]);
    const cells = fake.sheet("Ученики");
    expect(cells.cell("B2").validation?.criteria).toBe("DATE_IS_VALID_DATE");
    expect(cells.cell("C2").validation).toBeNull(); // the list rule it had is removed
    expect(cells.cell("B3").validation).toBeNull();
    expect(cells.cell("C3").validation?.criteria).toBe("DATE_IS_VALID_DATE");
    expect(() => range.setDataValidations([[date, null]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => range.setDataValidations([[date], [null, date]])).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(() =>
      range.setDataValidations([
        ["дата", null],
        [null, null],
      ] as unknown as GoogleAppsScript.Spreadsheet.DataValidation[][]),
    ).toThrow("don't match the method signature for SpreadsheetApp.Range.setDataValidations");
    expect(cells.cell("C3").validation?.criteria).toBe("DATE_IS_VALID_DATE"); // nothing half-applied

    range.setNumberFormats([
      ["@", "dd.mm.yyyy"],
      ["@", "0"],
    ]);
    expect(range.getNumberFormats()).toEqual([
      ["@", "dd.mm.yyyy"],
      ["@", "0"],
    ]);
    expect(() => range.setNumberFormats([["@", "@"]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => range.setNumberFormats([["@"], ["@"]])).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(sheet.getRange("A2").getNumberFormat()).toBe("0.###############");
  });

  test("setColumnWidths sets a run of columns; protections report their range in A1", () => {
    const { fake, sheet } = prepared();
    sheet.setColumnWidths(2, 3, 150);
    expect(fake.sheet("Ученики").columnWidths()).toEqual({ 2: 150, 3: 150, 4: 150 });
    expect(sheet.getColumnWidth(5)).toBe(100);
    expect(() => sheet.setColumnWidths(25, 3, 90)).toThrow("Those columns are out of bounds.");
    const column = sheet.getRange(3, 2, 998, 1).protect().setWarningOnly(true);
    expect(column.getRange().getA1Notation()).toBe("B3:B1000");
    expect(column.isWarningOnly()).toBe(true);
    expect(sheet.getRange(5, 3).protect().getRange().getA1Notation()).toBe("C5");
  });

  test("invalidCells lists values that break their validation", () => {
    const { fake, sheet } = prepared();
    const dict = fake.spreadsheet.addSheet("Справочники", [["Классы"], ["7А"], ["5Б"]]);
    const classes = fake.globals.SpreadsheetApp.newDataValidation()
      .requireValueInRange(fake.globals.SpreadsheetApp.getActive().getRange("'Справочники'!A2:A3"))
      .build();
    sheet.getRange("B2:B3").setDataValidation(classes);
    sheet.getRange("C3").setValue("директор");
    sheet.getRange("B3").setValue("9В");
    expect(dict.values()).toEqual([["Классы"], ["7А"], ["5Б"]]);
    expect(fake.sheet("Ученики").cell("B2").validation?.values).toEqual(["Справочники!A2:A3", true]);
    expect(fake.sheet("Ученики").invalidCells()).toEqual([
      { a1: "B3", value: "9В", criteria: "VALUE_IN_RANGE" },
      { a1: "C3", value: "директор", criteria: "VALUE_IN_LIST" },
    ]);
  });
});

describe("protections", () => {
  test("sheet and range protections, editors mirroring the spreadsheet", () => {
    const { fake, sheet } = setup({ owner: "curator@school.ru", editors: ["deputy@school.ru"] });
    const { SpreadsheetApp } = fake.globals;
    const p = sheet.protect().setDescription("Сводка").setWarningOnly(true);
    expect(sheet.protect().getDescription()).toBe("Сводка");
    expect(p.getProtectionType()).toBe(SpreadsheetApp.ProtectionType.SHEET);
    const header = sheet.getRange("A1:F2").protect();
    expect(header.getEditors().map((u) => u.getEmail())).toEqual(["curator@school.ru", "deputy@school.ru"]);
    header.removeEditors(header.getEditors());
    expect(header.getEditors().map((u) => u.getEmail())).toEqual(["curator@school.ru"]);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(1);
    expect(SpreadsheetApp.getActive().getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(fake.sheet("Ученики").protections()).toEqual([
      {
        type: "SHEET",
        description: "Сводка",
        warningOnly: true,
        range: null,
        editors: ["curator@school.ru", "deputy@school.ru"],
        domainEdit: false,
        unprotected: [],
      },
      {
        type: "RANGE",
        description: "",
        warningOnly: false,
        range: "A1:F2",
        editors: ["curator@school.ru"],
        domainEdit: false,
        unprotected: [],
      },
    ]);
    header.remove();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(0);
  });

  test("a non-editor cannot write into a protected range; warning-only lets them", () => {
    const { fake, sheet } = setup({ owner: "curator@school.ru", editors: ["teacher@school.ru"] });
    const p = sheet.getRange("A1:B1").protect();
    p.removeEditor("teacher@school.ru");
    fake.users.effective = "teacher@school.ru";
    expect(p.canEdit()).toBe(false);
    expect(() => sheet.getRange("A1").setValue("x")).toThrow(
      "You are trying to edit a protected cell or object.",
    );
    sheet.getRange("A2").setValue("ok");
    p.setWarningOnly(true);
    sheet.getRange("A1").setValue("x");
    expect(fake.sheet("Ученики").values()).toEqual([["x"], ["ok"]]);
  });
});

describe("call counting", () => {
  test("counts calls made from outside the fake, by method, type and service", () => {
    const { fake, sheet } = setup();
    fake.calls.reset();
    sheet.getRange(1, 1, 1, 2).setValues([["a", "b"]]);
    sheet.appendRow(["c", "d"]);
    fake.globals.MailApp.getRemainingDailyQuota();
    expect(fake.calls.snapshot()).toEqual({
      "MailApp.getRemainingDailyQuota": 1,
      "Range.setValues": 1,
      "Sheet.appendRow": 1,
      "Sheet.getRange": 1,
    });
    expect(fake.calls.count("Range.setValues")).toBe(1);
    expect(fake.calls.total("Spreadsheet")).toBe(3);
    expect(fake.calls.total("Sheet")).toBe(2);
    expect(fake.calls.total("MailApp")).toBe(1);
    expect(fake.calls.total()).toBe(4);
  });

  test("a batched read costs the same number of calls for 10 and 1000 rows; test helpers cost nothing", () => {
    const costOf = (rows: number) => {
      const { fake } = setup();
      const grid = Array.from({ length: rows }, (_, i) => [`name ${i}`, i]);
      fake.spreadsheet.sheet("Ученики").setValues("A1", grid);
      fake.calls.reset();
      const s = fake.globals.SpreadsheetApp.getActive().getSheetByName("Ученики")!;
      const values = s.getRange(1, 1, s.getLastRow(), 2).getValues();
      expect(values).toHaveLength(rows);
      fake.sheet("Ученики").values();
      return fake.calls.total("Spreadsheet");
    };
    expect(costOf(10)).toBe(5);
    expect(costOf(1000)).toBe(costOf(10));
  });
});

describe("conditional formats and charts", () => {
  test("rules keep their condition, format and ranges", () => {
    const { fake, sheet } = setup();
    const { SpreadsheetApp } = fake.globals;
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2="нет пары"')
      .setBackground("#f4cccc")
      .setRanges([sheet.getRange("A2:F100")])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const [read] = sheet.getConditionalFormatRules();
    const condition = read.getBooleanCondition()!;
    expect(condition.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    expect(condition.getCriteriaValues()).toEqual(['=$C2="нет пары"']);
    expect(condition.getBackground()).toBe("#f4cccc");
    expect(read.getRanges().map((r) => r.getA1Notation())).toEqual(["A2:F100"]);
    sheet.insertRowsBefore(1, 1);
    expect(fake.sheet("Ученики").conditionalFormatRules()).toEqual([
      {
        criteria: "CUSTOM_FORMULA",
        values: ['=$C2="нет пары"'],
        background: "#f4cccc",
        fontColor: null,
        bold: null,
        ranges: ["A3:F101"],
      },
    ]);
  });

  test("charts are built, inserted, updated and removed", () => {
    const { fake, sheet } = setup();
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange("A1:B5"))
      .setOption("title", "Пары по классам")
      .setPosition(2, 4, 0, 0)
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [inserted] = sheet.getCharts();
    expect(inserted.getChartId()).not.toBeNull();
    expect(inserted.getOptions().get("title")).toBe("Пары по классам");
    expect(inserted.getRanges()[0].getA1Notation()).toBe("A1:B5");
    sheet.updateChart(inserted.modify().setOption("title", "Новое").build());
    expect(fake.sheet("Ученики").charts()).toMatchObject([
      {
        chartType: "COLUMN",
        ranges: ["A1:B5"],
        options: { title: "Новое" },
        position: { anchorRow: 2, anchorCol: 4 },
      },
    ]);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});

describe("Ui", () => {
  test("menus are recorded as trees; alerts and prompts answer from queues", () => {
    const { fake } = setup();
    const ui = fake.globals.SpreadsheetApp.getUi();
    ui.createMenu("Наставничество")
      .addItem("Подобрать пары", "matchPairs")
      .addSeparator()
      .addSubMenu(ui.createMenu("Отчёты").addItem("Отчёт директору", "reportDirector"))
      .addToUi();
    expect(fake.state.menus).toEqual([
      {
        caption: "Наставничество",
        addon: false,
        items: [
          { kind: "item", caption: "Подобрать пары", functionName: "matchPairs" },
          { kind: "separator" },
          {
            kind: "submenu",
            caption: "Отчёты",
            items: [{ kind: "item", caption: "Отчёт директору", functionName: "reportDirector" }],
          },
        ],
      },
    ]);
    expect(ui.alert("Готово")).toBe(ui.Button.OK);
    fake.state.alertResponses.push("NO");
    expect(ui.alert("Удалить?", "Удалить пары?", ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    fake.state.promptResponses.push({ text: "7А" });
    const answer = ui.prompt("Класс?", ui.ButtonSet.OK_CANCEL);
    expect([answer.getResponseText(), answer.getSelectedButton()]).toEqual(["7А", ui.Button.OK]);
    expect(fake.state.alerts.map((a) => [a.title, a.prompt, a.response])).toEqual([
      ["", "Готово", "OK"],
      ["Удалить?", "Удалить пары?", "NO"],
    ]);
  });

  test("dialogs take HtmlOutput; getUi fails where there is no UI", () => {
    const { fake } = setup({ htmlFiles: { Sidebar: "<p>Привет</p>" } });
    const { SpreadsheetApp, HtmlService } = fake.globals;
    SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("Помощник"));
    SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput("<b>x</b>").setWidth(400), "Диалог");
    expect(fake.state.dialogs).toEqual([
      { kind: "sidebar", title: "Помощник", content: "<p>Привет</p>", width: null, height: null },
      { kind: "modal", title: "Диалог", content: "<b>x</b>", width: 400, height: null },
    ]);
    expect(() => HtmlService.createHtmlOutputFromFile("Missing")).toThrow(
      "No HTML file named Missing was found.",
    );
    expect(HtmlService.createTemplateFromFile("Sidebar").evaluate().getContent()).toBe("<p>Привет</p>");
    fake.state.uiAvailable = false;
    expect(() => SpreadsheetApp.getUi()).toThrow("Cannot call SpreadsheetApp.getUi() from this context.");
    SpreadsheetApp.getActive().toast("Сохранено", "Наставничество");
    expect(fake.state.toasts).toEqual([{ message: "Сохранено", title: "Наставничество", timeoutSeconds: 5 }]);
  });
});

describe("ScriptApp triggers", () => {
  test("created, listed and deleted", () => {
    const { fake } = setup();
    const { ScriptApp, SpreadsheetApp } = fake.globals;
    const daily = ScriptApp.newTrigger("dailyReport")
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .inTimezone("Europe/Moscow")
      .create();
    const submit = ScriptApp.newTrigger("onSurvey")
      .forSpreadsheet(SpreadsheetApp.getActive())
      .onFormSubmit()
      .create();
    ScriptApp.newTrigger("onFormSubmitted").forForm("form-123").onFormSubmit().create();
    expect(daily.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(daily.getTriggerSourceId()).toBeNull();
    expect(submit.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(submit.getTriggerSourceId()).toBe("fake-spreadsheet-id");
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      "dailyReport",
      "onSurvey",
      "onFormSubmitted",
    ]);
    expect(fake.state.triggers[0]).toMatchObject({
      handler: "dailyReport",
      eventType: "CLOCK",
      schedule: { everyDays: 1, atHour: 7, timezone: "Europe/Moscow" },
    });
    expect(fake.state.triggers[2]).toMatchObject({
      source: "FORMS",
      sourceId: "form-123",
      eventType: "ON_FORM_SUBMIT",
    });
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(fake.state.triggers.map((t) => t.handler)).toEqual(["onSurvey", "onFormSubmitted"]);
    expect(() => ScriptApp.newTrigger("x").timeBased().everyMinutes(7)).toThrow("everyMinutes");
    expect(() => ScriptApp.newTrigger("x").timeBased().create()).toThrow("no schedule");
  });

  test("at most 20 triggers per user", () => {
    const { fake } = setup();
    const { ScriptApp } = fake.globals;
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().after(1000).create();
    expect(() => ScriptApp.newTrigger("f20").timeBased().after(1000).create()).toThrow(
      "This script has too many triggers.",
    );
  });
});

describe("Utilities, Session", () => {
  test("formatDate honours the time zone", () => {
    const { fake } = setup();
    const { Utilities, Session } = fake.globals;
    const d = new Date(Date.UTC(2024, 11, 31, 22, 5, 9));
    expect(Session.getScriptTimeZone()).toBe("Europe/Moscow");
    expect(Utilities.formatDate(d, "Europe/Moscow", "yyyy-MM-dd HH:mm:ss")).toBe("2025-01-01 01:05:09");
    expect(Utilities.formatDate(d, "UTC", "dd.MM.yyyy HH:mm")).toBe("31.12.2024 22:05");
    expect(Utilities.formatDate(d, "GMT+5", "HH:mm")).toBe("03:05");
    expect(Utilities.formatDate(d, "Europe/Moscow", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      "2025-01-01T01:05:09+03:00",
    );
    expect(Utilities.formatDate(new Date(Date.UTC(2024, 6, 1, 12)), "Europe/Moscow", "HH")).toBe("15");
    expect(() => Utilities.formatDate("2024-01-01" as unknown as Date, "UTC", "yyyy")).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(Utilities.parseDate("01.09.2024 08:30", "Europe/Moscow", "dd.MM.yyyy HH:mm").toISOString()).toBe(
      "2024-09-01T05:30:00.000Z",
    );
  });

  test("uuid, sleep, blobs and base64", () => {
    const { fake } = setup({ activeUser: "curator@school.ru" });
    const { Utilities, Session } = fake.globals;
    expect(Utilities.getUuid()).not.toBe(Utilities.getUuid());
    Utilities.sleep(250);
    expect(fake.state.sleeps).toEqual([250]);
    const blob = Utilities.newBlob("Привет", "text/plain", "a.txt");
    expect(blob.getDataAsString()).toBe("Привет");
    expect(blob.getBytes()).toHaveLength(12);
    expect(Utilities.base64Decode(Utilities.base64Encode("Привет"))).toEqual(blob.getBytes());
    expect(Utilities.formatString("%s: %d pairs, %.1f%%", "7А", 3, 42.25)).toBe("7А: 3 pairs, 42.3%");
    expect(Utilities.parseCsv('a,"b, c"\n1,"x ""y"""')).toEqual([
      ["a", "b, c"],
      ["1", 'x "y"'],
    ]);
    expect(Session.getActiveUser().getEmail()).toBe("curator@school.ru");
    expect(Session.getEffectiveUser().getEmail()).toBe("curator@school.ru");
  });
});

describe("MailApp", () => {
  test("the quota is charged per recipient and enforced", () => {
    const { fake } = setup({ mailQuota: 3 });
    const { MailApp } = fake.globals;
    MailApp.sendEmail("a@school.ru, b@school.ru", "Пары", "Список пар");
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() =>
      MailApp.sendEmail({ to: "c@school.ru", cc: "d@school.ru", subject: "x", body: "y" }),
    ).toThrow("Service invoked too many times for one day: email.");
    MailApp.sendEmail({
      to: "Директор <dir@school.ru>",
      subject: "Отчёт",
      body: "",
      htmlBody: "<b>Отчёт</b>",
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail("e@school.ru", "x", "y")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    expect(fake.state.mails.map((m) => [m.to, m.subject, m.recipients])).toEqual([
      ["a@school.ru, b@school.ru", "Пары", 2],
      ["Директор <dir@school.ru>", "Отчёт", 1],
    ]);
  });

  test("bad addresses are refused", () => {
    const { fake } = setup();
    expect(() => fake.globals.MailApp.sendEmail("not-an-email", "s", "b")).toThrow(
      "Invalid email: not-an-email",
    );
    expect(fake.state.mails).toHaveLength(0);
  });
});

describe("LockService, PropertiesService, CacheService, Logger", () => {
  test("locks held by another execution", () => {
    const { fake } = setup();
    const lock = fake.globals.LockService.getScriptLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    fake.lock.holdByOther("script");
    expect(lock.tryLock(5000)).toBe(false);
    expect(() => lock.waitLock(30000)).toThrow(
      "Lock timeout: another process was holding the lock for too long.",
    );
    fake.lock.holdByOther("script", 2000);
    expect(lock.tryLock(1000)).toBe(false);
    expect(lock.tryLock(3000)).toBe(true);
    expect(fake.globals.LockService.getDocumentLock().tryLock(10)).toBe(true);
  });

  test("properties are strings, with quotas", () => {
    const { fake } = setup({ properties: { script: { version: "1" } } });
    const props = fake.globals.PropertiesService.getScriptProperties();
    expect(props.getProperty("version")).toBe("1");
    props.setProperty("count", 5 as unknown as string).setProperties({ a: "x", b: "y" });
    expect(props.getProperty("count")).toBe("5");
    expect(props.getProperty("missing")).toBeNull();
    expect(props.getKeys().sort()).toEqual(["a", "b", "count", "version"]);
    props.deleteProperty("a");
    props.setProperties({ only: "this" }, true);
    expect(fake.state.properties.script).toEqual({ only: "this" });
    expect(() => props.setProperty("big", "x".repeat(10000))).toThrow("Argument too large: value");
    expect(fake.globals.PropertiesService.getUserProperties().getProperties()).toEqual({});
  });

  test("cache entries expire by the fake clock", () => {
    let now = 0;
    const { fake } = setup({ now: () => now });
    const cache = fake.globals.CacheService.getScriptCache();
    cache.put("k", "v", 60);
    cache.putAll({ a: "1", b: "2" });
    expect(cache.getAll(["a", "k", "zz"])).toEqual({ a: "1", k: "v" });
    now = 61_000;
    expect(cache.get("k")).toBeNull();
    expect(cache.get("a")).toBe("1");
  });

  test("Logger and console record lines", () => {
    const { fake } = setup();
    fake.globals.Logger.log("Пар: %s", 3);
    fake.globals.console.warn("нет пары для", "Иванов");
    expect(fake.state.logs).toEqual([
      { source: "Logger", level: "log", message: "Пар: 3" },
      { source: "console", level: "warn", message: "нет пары для Иванов" },
    ]);
    expect(fake.globals.Logger.getLog()).toBe("Пар: 3\n");
  });
});

describe("inside a vm context with gas-local", () => {
  const SCRIPT = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu("Наставничество").addItem("Подобрать пары", "matchPairs").addToUi();
}
function probe() {
  var sheet = SpreadsheetApp.getActive().getSheetByName("Ученики");
  var values = sheet.getDataRange().getValues();
  sheet.getRange(sheet.getLastRow() + 1, 1, 1, 2).setValues([["Сидоров", new Date(2024, 8, 1)]]);
  var written = sheet.getRange(sheet.getLastRow(), 2).getValue();
  var error = null;
  try { sheet.getRange(0, 1); } catch (e) { error = e; }
  return {
    typeofRequire: typeof require,
    typeofProcess: typeof process,
    typeofModule: typeof module,
    rows: values.length,
    rowsAreArrays: values instanceof Array && values[0] instanceof Array,
    dateIsDate: values[1][1] instanceof Date,
    writtenIsDate: written instanceof Date,
    errorIsError: error instanceof Error,
    errorText: String(error)
  };
}
`;

  test("the fake works inside a context with no Node globals, with values of the script's realm", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gas-fake-"));
    try {
      fs.writeFileSync(path.join(dir, "Code.js"), SCRIPT);
      const fake = createGasFake({
        sheets: {
          Ученики: [
            ["ФИО", "Дата"],
            ["Иванов", new Date(Date.UTC(2024, 0, 15))],
          ],
        },
      });
      fake.loadScript(dir);
      fake.call("onOpen");
      expect(fake.state.menus[0].items).toEqual([
        { kind: "item", caption: "Подобрать пары", functionName: "matchPairs" },
      ]);
      const result = fake.call("probe") as Record<string, unknown>;
      expect(result.typeofRequire).toBe("undefined");
      expect(result.typeofProcess).toBe("undefined");
      expect(result.typeofModule).toBe("undefined");
      expect(result.rows).toBe(2);
      expect(result.rowsAreArrays).toBe(true);
      expect(result.dateIsDate).toBe(true);
      expect(result.writtenIsDate).toBe(true);
      expect(result.errorIsError).toBe(true);
      expect(result.errorText).toBe("Exception: The starting row of the range is too small.");
      expect(fake.sheet("Ученики").column(1)).toEqual(["ФИО", "Иванов", "Сидоров"]);
      expect(fake.calls.count("Range.setValues")).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the Sheets advanced service (Sheets API v4) over the same model", () => {
  type Api = {
    get(id: string, args?: Record<string, unknown>): Record<string, unknown>;
    batchUpdate(resource: Record<string, unknown>, id: string): Record<string, unknown>;
  };
  const apiOf = (fake: GasFake) => (fake.globals.Sheets as { Spreadsheets: Api }).Spreadsheets;
  const idOf = (fake: GasFake) => fake.spreadsheet.id;

  test("get returns the fields of its mask, only the sheets of its ranges, colours as RGB fractions", () => {
    const { fake, sheet } = setup();
    fake.spreadsheet.addSheet("Журнал");
    sheet.setTabColor("#ff8000");
    sheet.setFrozenRows(2);
    sheet.getRange("B2").setNote("заметка");
    const got = apiOf(fake).get(idOf(fake), {
      ranges: ["'Ученики'!2:2"],
      fields:
        "sheets(properties(title,tabColorStyle,gridProperties.frozenRowCount),data(rowData(values(note))))",
    });
    expect(JSON.parse(JSON.stringify(got))).toEqual({
      sheets: [
        {
          properties: {
            title: "Ученики",
            gridProperties: { frozenRowCount: 2 },
            tabColorStyle: { rgbColor: { red: 1, green: 128 / 255 } },
          },
          data: [{ rowData: [{ values: [{}, { note: "заметка" }, ...new Array(24).fill({})] }] }],
        },
      ],
    });
    expect(fake.calls.count("Spreadsheets.get")).toBe(1);
    expect(fake.calls.total("Sheets")).toBe(1);
  });

  test("addChart makes the chart the builder would; get lists it; deleteEmbeddedObject removes it", () => {
    const { fake, sheet } = setup();
    const sheetId = sheet.getSheetId();
    const col = (c: number) => ({
      sourceRange: {
        sources: [{ sheetId, startRowIndex: 0, endRowIndex: 4, startColumnIndex: c, endColumnIndex: c + 1 }],
      },
    });
    const reply = apiOf(fake).batchUpdate(
      {
        requests: [
          {
            addChart: {
              chart: {
                spec: {
                  title: "Пары",
                  basicChart: {
                    chartType: "BAR",
                    legendPosition: "BOTTOM_LEGEND",
                    headerCount: 1,
                    stackedType: "STACKED",
                    domains: [{ domain: col(0) }],
                    series: [{ series: col(1) }, { series: col(2) }],
                  },
                },
                position: {
                  overlayPosition: {
                    anchorCell: { sheetId, rowIndex: 4, columnIndex: 10 },
                    widthPixels: 640,
                    heightPixels: 330,
                  },
                },
              },
            },
          },
        ],
      },
      idOf(fake),
    );
    const chartId = (reply.replies as { addChart: { chart: { chartId: number } } }[])[0].addChart.chart
      .chartId;
    expect(fake.sheet("Ученики").charts()).toEqual([
      {
        id: chartId,
        chartType: "BAR",
        ranges: ["A1:A4", "B1:B4", "C1:C4"],
        options: { title: "Пары", isStacked: true, width: 640, height: 330, legend: { position: "bottom" } },
        position: { anchorRow: 5, anchorCol: 11, offsetX: 0, offsetY: 0 },
      },
    ]);
    const got = apiOf(fake).get(idOf(fake), { fields: "sheets(charts(chartId))" });
    expect(JSON.parse(JSON.stringify(got))).toEqual({ sheets: [{ charts: [{ chartId }] }] });
    // An unknown object: nothing applies, the known chart stays.
    expect(() =>
      apiOf(fake).batchUpdate(
        {
          requests: [
            { deleteEmbeddedObject: { objectId: chartId } },
            { deleteEmbeddedObject: { objectId: 999 } },
          ],
        },
        idOf(fake),
      ),
    ).toThrow("Invalid requests[1].deleteEmbeddedObject: No embedded object with id: 999");
    expect(fake.sheet("Ученики").charts()).toHaveLength(1);
    apiOf(fake).batchUpdate({ requests: [{ deleteEmbeddedObject: { objectId: chartId } }] }, idOf(fake));
    expect(fake.sheet("Ученики").charts()).toEqual([]);
  });

  test("a batch is one call; a request that is not valid applies none, with the API's message", () => {
    const { fake, sheet } = setup();
    const sheetId = sheet.getSheetId();
    const frozen = {
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
        fields: "gridProperties.frozenRowCount",
      },
    };
    expect(() =>
      apiOf(fake).batchUpdate(
        {
          requests: [
            frozen,
            {
              updateSheetProperties: { properties: { sheetId: 99 }, fields: "gridProperties.frozenRowCount" },
            },
          ],
        },
        idOf(fake),
      ),
    ).toThrow(
      "API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[1].updateSheetProperties: No grid with id: 99",
    );
    expect(sheet.getFrozenRows()).toBe(0);
    expect(() =>
      apiOf(fake).batchUpdate(
        {
          requests: [
            frozen,
            {
              repeatCell: {
                range: { sheetId, startRowIndex: 0, endRowIndex: 1001 },
                cell: {},
                fields: "note",
              },
            },
          ],
        },
        idOf(fake),
      ),
    ).toThrow(
      "Invalid requests[1].repeatCell: Range (Ученики!A1:Z1001) exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(sheet.getFrozenRows()).toBe(0);
    fake.calls.reset();
    apiOf(fake).batchUpdate({ requests: [frozen, frozen, frozen] }, idOf(fake));
    expect(sheet.getFrozenRows()).toBe(1);
    expect(fake.calls.snapshot()).toEqual({ "Sheet.getFrozenRows": 1, "Spreadsheets.batchUpdate": 1 });
  });

  test("repeatCell changes only the fields of its mask; a named field left out is cleared", () => {
    const { fake, sheet } = setup();
    const sheetId = sheet.getSheetId();
    sheet.getRange("A1:B2").setNumberFormat("@").setFontWeight("bold").setNote("старая");
    apiOf(fake).batchUpdate(
      {
        requests: [
          {
            repeatCell: {
              range: { sheetId, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 },
              cell: { userEnteredFormat: { numberFormat: { type: "DATE", pattern: "dd.mm.yyyy" } } },
              fields: "userEnteredFormat.numberFormat,note",
            },
          },
        ],
      },
      idOf(fake),
    );
    const a1 = fake.sheet("Ученики").cell("A1");
    expect(a1.format).toEqual({ numberFormat: "dd.mm.yyyy", fontWeight: "bold" });
    expect(a1.note).toBe("");
    expect(fake.sheet("Ученики").cell("B1")).toMatchObject({ note: "старая", format: { numberFormat: "@" } });
  });

  test("setDataValidation makes the rule SpreadsheetApp's builder makes; protections as Protection objects", () => {
    const { fake, sheet } = setup();
    const app = fake.globals.SpreadsheetApp;
    const sheetId = sheet.getSheetId();
    sheet
      .getRange("D1")
      .setDataValidation(
        app
          .newDataValidation()
          .requireValueInRange(sheet.getRange("A3:A1000"), true)
          .setAllowInvalid(true)
          .build(),
      );
    apiOf(fake).batchUpdate(
      {
        requests: [
          {
            setDataValidation: {
              range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 4, endColumnIndex: 5 },
              rule: {
                condition: {
                  type: "ONE_OF_RANGE",
                  values: [{ userEnteredValue: "='Ученики'!$A$3:$A$1000" }],
                },
                showCustomUi: true,
              },
            },
          },
          {
            addProtectedRange: {
              protectedRange: { range: { sheetId }, description: "лист", warningOnly: true },
            },
          },
          {
            addProtectedRange: {
              protectedRange: {
                range: { sheetId, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 3 },
                description: "заголовки",
              },
            },
          },
        ],
      },
      idOf(fake),
    );
    const v = fake.sheet("Ученики").validations("D1:E1")[0];
    expect(v[1]).toEqual(v[0]);
    expect(fake.sheet("Ученики").protections()).toEqual([
      expect.objectContaining({ type: "SHEET", description: "лист", warningOnly: true, range: null }),
      expect.objectContaining({
        type: "RANGE",
        description: "заголовки",
        warningOnly: false,
        range: "A1:C2",
      }),
    ]);
    const ids = (
      apiOf(fake).get(idOf(fake), { fields: "sheets.protectedRanges.protectedRangeId" }).sheets as {
        protectedRanges: { protectedRangeId: number }[];
      }[]
    )[0].protectedRanges.map((p) => p.protectedRangeId);
    expect(() =>
      apiOf(fake).batchUpdate(
        { requests: [{ deleteProtectedRange: { protectedRangeId: 424242 } }] },
        idOf(fake),
      ),
    ).toThrow("Invalid requests[0].deleteProtectedRange: No protected range with id: 424242");
    apiOf(fake).batchUpdate(
      { requests: [{ deleteProtectedRange: { protectedRangeId: ids[0] } }] },
      idOf(fake),
    );
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
  });

  test("an unknown spreadsheet and a request the fake does not model", () => {
    const { fake, sheet } = setup();
    expect(() => apiOf(fake).get("nope")).toThrow(
      "API call to sheets.spreadsheets.get failed with error: Requested entity was not found.",
    );
    expect(() =>
      apiOf(fake).batchUpdate(
        { requests: [{ mergeCells: { range: { sheetId: sheet.getSheetId() } } }] },
        idOf(fake),
      ),
    ).toThrow("gas-fake: the Sheets API request mergeCells is not modelled");
  });
});

describe("the Docs advanced service (Docs API v1) over the DocumentApp fake", () => {
  type Api = {
    get(id: string, args?: Record<string, unknown>): Record<string, unknown>;
    batchUpdate(resource: Record<string, unknown>, id: string): Record<string, unknown>;
  };
  function docSetup() {
    const fake = createGasFake();
    const docs = installDocumentApp(fake);
    const app = fake.globals.DocumentApp as GoogleAppsScript.Document.DocumentApp;
    const doc = app.create("Проба");
    const body = doc.getBody();
    body.appendParagraph("Абв");
    body.appendTable([
      ["а", "бб"],
      ["", "г"],
    ]);
    const id = doc.getId();
    doc.saveAndClose();
    const api = (fake.globals.Docs as { Documents: Api }).Documents;
    return { fake, docs, api, id };
  }

  test("get gives each paragraph and table cell its indexes, and only the fields of its mask", () => {
    const { api, id } = docSetup();
    const got = JSON.parse(
      JSON.stringify(
        api.get(id, {
          fields:
            "body.content(startIndex,endIndex,table(tableRows(tableCells(content(startIndex,endIndex)))))",
        }),
      ),
    );
    expect(got.body.content).toEqual([
      { endIndex: 1 },
      { startIndex: 1, endIndex: 2 },
      { startIndex: 2, endIndex: 6 },
      {
        startIndex: 6,
        endIndex: 22,
        table: {
          tableRows: [
            {
              tableCells: [
                { content: [{ startIndex: 9, endIndex: 11 }] },
                { content: [{ startIndex: 12, endIndex: 15 }] },
              ],
            },
            {
              tableCells: [
                { content: [{ startIndex: 17, endIndex: 18 }] },
                { content: [{ startIndex: 19, endIndex: 21 }] },
              ],
            },
          ],
        },
      },
    ]);
  });

  test("styles in one batch as setAttributes does; a request that is not valid applies none", () => {
    const { fake, docs, api, id } = docSetup();
    const cell = () => docs.byId(id).body.children.find((c) => c instanceof FakeTable) as FakeTable;
    const first = cell().children[0].children[1].children[0];
    const paragraphStyle = {
      updateParagraphStyle: {
        range: { startIndex: 12, endIndex: 15 },
        paragraphStyle: { alignment: "CENTER", lineSpacing: 100, spaceAbove: { magnitude: 6, unit: "PT" } },
        fields: "alignment,lineSpacing,spaceAbove",
      },
    };
    const bad = {
      updateTextStyle: { range: { startIndex: 11, endIndex: 99 }, textStyle: { bold: true }, fields: "bold" },
    };
    expect(() => api.batchUpdate({ requests: [paragraphStyle, bad] }, id)).toThrow(
      "API call to docs.documents.batchUpdate failed with error: Invalid requests[1].updateTextStyle:",
    );
    expect(first.alignment).toBe("LEFT");
    fake.calls.reset();
    api.batchUpdate(
      {
        requests: [
          paragraphStyle,
          {
            updateTextStyle: {
              range: { startIndex: 12, endIndex: 15 },
              textStyle: {
                bold: true,
                fontSize: { magnitude: 11, unit: "PT" },
                weightedFontFamily: { fontFamily: "Times New Roman" },
              },
              fields: "bold,fontSize,weightedFontFamily",
            },
          },
          {
            updateTableCellStyle: {
              tableRange: {
                tableCellLocation: { tableStartLocation: { index: 6 }, rowIndex: 0, columnIndex: 0 },
                rowSpan: 1,
                columnSpan: 2,
              },
              tableCellStyle: {
                backgroundColor: {
                  color: { rgbColor: { red: 0.9333333, green: 0.9333333, blue: 0.9333333 } },
                },
              },
              fields: "backgroundColor",
            },
          },
        ],
      },
      id,
    );
    expect(fake.calls.snapshot()).toEqual({ "Documents.batchUpdate": 1 });
    expect(first).toMatchObject({ alignment: "CENTER", lineSpacing: 1, spacingBefore: 6 });
    expect(first.attributes).toEqual({ FONT_SIZE: 11, FONT_FAMILY: "Times New Roman" });
    expect(first.boldRuns()).toEqual(["бб"]);
    expect(cell().children[0].children.map((c) => c.background)).toEqual(["#eeeeee", "#eeeeee"]);
    expect(cell().children[1].children[0].background).toBe("");
    expect(() =>
      api.batchUpdate({ requests: [{ deleteContentRange: { range: { startIndex: 1, endIndex: 2 } } }] }, id),
    ).toThrow("gas-fake: the Docs API request deleteContentRange is not modelled");
  });
});
