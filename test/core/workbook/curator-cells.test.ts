/**
 * Issue 15, item 3 in core: a table writes only the span of the columns it changed, so the
 * curator's columns beside it (formulas, links, rich text) are never written, in either runtime;
 * `init` reports merged ranges inside tables with their address.
 */
import { type CellInput, noProgress } from "../../../src/core/ports";
import { describeInit, initWorkbook } from "../../../src/core/usecases/init";
import { FIRST_DATA_ROW } from "../../../src/core/workbook/repair";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

function school() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const t = Table.load(wb, "mentees");
  for (let i = 1; i <= 5; i++) t.add({ id: `НЯ-000${i}`, full_name: `Ученик ${i}`, status: "ожидает пары" });
  t.flush(wb);
  return wb;
}

function recordWrites(wb: MemoryWorkbook) {
  const writes: { row: number; col: number; rows: number; cols: number }[] = [];
  const write = wb.write.bind(wb);
  wb.write = (sheet: string, row: number, col: number, values: CellInput[][]) => {
    if (sheet === "Наставляемые")
      writes.push({ row, col, rows: values.length, cols: values[0]?.length ?? 0 });
    write(sheet, row, col, values);
  };
  return writes;
}

describe("the curator's cells are the curator's", () => {
  it("a table writes only the span of the columns it changed: a curator's column beside it is never written", () => {
    const wb = school();
    const grid = wb.sheets.get("Наставляемые")!;
    const width = grid[0].length;
    // The curator's column on the right of the table (a formula in Sheets).
    const height = grid.length;
    for (let r = FIRST_DATA_ROW - 1; r < height; r++) {
      while (grid[r].length < width + 1) grid[r].push("");
      grid[r][width] = r === FIRST_DATA_ROW - 1 ? "Мой столбец" : `=ССЫЛКА(${r})`;
    }
    const writes = recordWrites(wb);
    const t = Table.load(wb, "mentees");
    t.set(1, "status", "в паре");
    t.set(3, "eligibility", "да");
    t.add({ id: "НЯ-0006", full_name: "Ученик 6", status: "ожидает пары" });
    t.flush(wb);

    const statusCol = t.columns.status;
    const eligibilityCol = t.columns.eligibility;
    expect(writes[0]).toEqual({
      row: FIRST_DATA_ROW + 1,
      col: Math.min(statusCol, eligibilityCol),
      rows: 3,
      cols: Math.abs(statusCol - eligibilityCol) + 1,
    });
    // The appended row is as wide as the program's columns, not the curator's.
    expect(writes[1].cols).toBe(width);
    for (const w of writes) expect(w.col + w.cols).toBeLessThanOrEqual(width);
    for (let r = FIRST_DATA_ROW; r < height; r++) expect(grid[r][width]).toBe(`=ССЫЛКА(${r})`);
  });

  it("init names every merged range inside a table, with its address, and does not call the book «в порядке»", () => {
    const wb = school();
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    wb.merges.set("Наставляемые", [{ row: FIRST_DATA_ROW + 1, col: 7, rows: 3, cols: 1 }]);
    wb.merges.set("Пары", [{ row: FIRST_DATA_ROW, col: 0, rows: 2, cols: 2 }]);
    const report = initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(report.merged).toHaveLength(2);
    const text = describeInit(report);
    expect(text).not.toContain("в порядке");
    expect(text).toContain("Лист «Наставляемые»: объединены ячейки H4:H6");
    expect(text).toContain("Лист «Пары»: объединены ячейки A3:B4");
    expect(text).toContain("Отмените объединение");
    const log = Table.load(wb, "log").records();
    expect(log.filter((l) => String(l.values.message).includes("объединены ячейки"))).toHaveLength(2);
  });
});
