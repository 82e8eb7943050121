/**
 * Issue 15, item 3: a merged range in a table's header rows (a curator merging two headers for
 * looks). `init` names it with its address and what to do, and leaves the sheet as it is — nothing
 * written through the merge, no column added twice; the commands still find every column by the
 * key row; a merge that hides a key is named instead of «нет столбца».
 */
import { noProgress } from "../../../src/core/ports";
import { describeInit, initWorkbook } from "../../../src/core/usecases/init";
import { FIRST_DATA_ROW, HEADER_ROW, KEY_ROW } from "../../../src/core/workbook/repair";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const SHEET = "Наставляемые";

function school() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const t = Table.load(wb, "mentees");
  for (let i = 1; i <= 3; i++) t.add({ id: `НЯ-000${i}`, full_name: `Ученик ${i}`, status: "ожидает пары" });
  t.flush(wb);
  return wb;
}

describe("merged header cells", () => {
  it("init names a merge of two headers and writes nothing into the sheet; the commands find every column", () => {
    const wb = school();
    // B2:C2 merged: Sheets and Excel keep B2's header, C2 reads blank.
    wb.merges.set(SHEET, [{ row: HEADER_ROW, col: 1, rows: 1, cols: 2 }]);
    const before = JSON.stringify(wb.grid(SHEET));
    const writes: string[] = [];
    const write = wb.write.bind(wb);
    wb.write = (sheet, row, col, values) => {
      writes.push(sheet);
      write(sheet, row, col, values);
    };
    const report = initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(writes).not.toContain(SHEET);
    expect(JSON.stringify(wb.grid(SHEET))).toBe(before);
    const text = describeInit(report);
    expect(text).not.toContain("в порядке");
    expect(text).toContain(`Лист «${SHEET}»: объединены ячейки B2:C2 в строке заголовков`);
    expect(text).toContain("Отмените объединение");
    expect(report.repaired[SHEET]).toBeUndefined();
    const log = Table.load(wb, "log").records();
    expect(log.some((l) => String(l.values.message).includes("B2:C2 в строке заголовков"))).toBe(true);

    // The key row is intact: a command reads and writes the table by key.
    const t = Table.load(wb, "mentees");
    expect(t.records().map((r) => r.values.id)).toEqual(["НЯ-0001", "НЯ-0002", "НЯ-0003"]);
    t.set(1, "status", "в паре");
    t.flush(wb);
    expect(Table.load(wb, "mentees").get(1, "status")).toBe("в паре");
  });

  it("a merge that hides a key: the commands name the merge, init adds no second column", () => {
    const wb = school();
    const width = wb.grid(SHEET)[KEY_ROW].length;
    const key = String(wb.grid(SHEET)[KEY_ROW][2]);
    // B1:C2 merged (keys and headers): C1's key and C2's header are gone.
    wb.merges.set(SHEET, [{ row: KEY_ROW, col: 1, rows: 2, cols: 2 }]);
    wb.sheets.get(SHEET)![KEY_ROW][2] = "";
    wb.sheets.get(SHEET)![HEADER_ROW][2] = "";
    expect(() => Table.load(wb, "mentees")).toThrow(/объединены ячейки B1:C2 в строке заголовков/);
    const report = initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(describeInit(report)).toContain("объединены ячейки B1:C2");
    expect(wb.grid(SHEET)[KEY_ROW].length).toBe(width);
    expect(wb.grid(SHEET)[KEY_ROW]).not.toContain(key);
    // Unmerged and init run again: the sheet is repaired (the lost key's column added anew).
    wb.merges.delete(SHEET);
    const again = initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(again.merged).toBeUndefined();
    expect(wb.grid(SHEET)[KEY_ROW]).toContain(key);
    expect(Table.load(wb, "mentees").records()).toHaveLength(3);
    expect(wb.grid(SHEET)[FIRST_DATA_ROW].length).toBeGreaterThan(width);
  });
});
