/**
 * Issue 15, item 3 in Apps Script: a re-match deletes the old proposals from «Пары» as whole rows
 * (Sheet.deleteRows, or one Sheets API batchUpdate of deleteDimension requests for several runs), so
 * the curator's own column and notes on the pairs that stay move up with them instead of being
 * rewritten; and a merged header cell is named by init, never written through.
 */
import { sampleSchool } from "../../src/demo/sample";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { fillBanks, records } from "../support/school";

function matchedSchool(): LoadedBundle {
  const fake = loadBundle();
  fake.call("menuInitWorkbook");
  fillBanks(fake, sampleSchool(new Date(Date.UTC(2026, 10, 22))));
  fake.call("menuMatchPairs");
  expect(fake.state.alerts).toEqual([]);
  return fake;
}

describe("rows a save removes are deleted, the curator's cells move with their rows", () => {
  it("a re-match keeps the curator's formulas, values and notes on the approved pairs' rows", () => {
    const fake = matchedSchool();
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Пары")!;
    const keys = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const width = keys.length;
    const id = keys.indexOf("pair_id") + 1;
    const status = keys.indexOf("status") + 1;
    const comment = keys.indexOf("comment") + 1;
    if (sheet.getMaxColumns() < width + 2)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width + 2 - sheet.getMaxColumns());
    sheet.getRange(2, width + 1, 1, 2).setValues([["Договор (куратор)", "Моя пометка"]]);
    const approved: string[] = [];
    const last = sheet.getLastRow();
    for (let r = 3; r <= last; r++) {
      const pairId = String(sheet.getRange(r, id).getValue());
      if ((r - 2) % 3 === 0) {
        sheet.getRange(r, status).setValue("утверждена");
        approved.push(pairId);
      }
      sheet.getRange(r, width + 1).setFormula(`=HYPERLINK("https://school1.ru/pairs/${pairId}";"договор")`);
      sheet.getRange(r, width + 2).setValue(`пометка ${pairId}`);
      sheet.getRange(r, comment).setNote(`заметка о ${pairId}`);
    }
    expect(approved.length).toBeGreaterThan(5);

    fake.calls.reset();
    fake.call("menuMatchPairs");
    expect(fake.state.alerts).toEqual([]);
    // Several runs of old proposals: one batchUpdate deletes them all.
    expect(fake.calls.count("Sheet.deleteRows")).toBe(0);
    expect(fake.calls.count("Spreadsheets.batchUpdate")).toBeGreaterThanOrEqual(1);

    const pairs = records(fake, "Пары");
    let moved = 0;
    for (const p of approved) {
      const i = pairs.findIndex((r) => r.pair_id === p);
      expect(i).toBeGreaterThanOrEqual(0);
      const row = i + 3;
      if (row !== approved.indexOf(p) * 3 + 3) moved++;
      expect({
        p,
        formula: sheet.getRange(row, width + 1).getFormula(),
        mark: sheet.getRange(row, width + 2).getValue(),
        note: sheet.getRange(row, comment).getNote(),
      }).toEqual({
        p,
        formula: `=HYPERLINK("https://school1.ru/pairs/${p}";"договор")`,
        mark: `пометка ${p}`,
        note: `заметка о ${p}`,
      });
    }
    expect(moved).toBeGreaterThan(0);
    // The new proposals carry none of the curator's cells of the rows that were deleted.
    const proposed = pairs.flatMap((r, i) => (r.status === "предложена" ? [i + 3] : []));
    expect(proposed.length).toBeGreaterThan(10);
    for (const row of proposed) {
      expect(sheet.getRange(row, width + 1).getFormula()).toBe("");
      expect(sheet.getRange(row, width + 2).getValue()).toBe("");
    }
  });

  it("Sheets keeps a row below the frozen ones: deleting the last data rows of a full grid adds one first", () => {
    const fake = matchedSchool();
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Пары")!;
    // The grid ends right after the proposals (the curator deleted the empty rows below).
    const last = sheet.getLastRow();
    if (sheet.getMaxRows() > last) sheet.deleteRows(last + 1, sheet.getMaxRows() - last);
    fake.call("menuMatchPairs");
    expect(fake.state.alerts).toEqual([]);
    expect(records(fake, "Пары").filter((r) => r.status === "предложена").length).toBeGreaterThan(30);
  });
});

describe("a merged header cell (issue 15, item 3)", () => {
  it("init names it with its address and writes nothing through it; matching still finds every column", () => {
    const fake = loadBundle();
    fake.call("menuInitWorkbook");
    fillBanks(fake, sampleSchool(new Date(Date.UTC(2026, 10, 22))));
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Наставляемые")!;
    sheet.getRange("B2:C2").merge();
    const before = JSON.stringify(fake.sheet("Наставляемые").values());
    fake.call("menuInitWorkbook");
    expect(fake.state.alerts).toEqual([]);
    const said = fake.state.toasts.at(-1)?.message ?? "";
    expect(said).not.toContain("в порядке");
    expect(said).toContain("Лист «Наставляемые»: объединены ячейки B2:C2 в строке заголовков");
    expect(JSON.stringify(fake.sheet("Наставляемые").values())).toBe(before);
    fake.call("menuMatchPairs");
    expect(fake.state.alerts).toEqual([]);
    expect(records(fake, "Пары").length).toBeGreaterThan(30);
    expect(sheet.getRange("B2:C2").getMergedRanges()).toHaveLength(1);
  });
});
