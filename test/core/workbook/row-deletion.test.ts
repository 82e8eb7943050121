/**
 * Issue 15, item 3: a table that removes rows deletes them from the sheet as whole rows, so the
 * curator's own columns, formulas and notes on the rows that stay move up with them, intact; the
 * program's changes before and after the removal are kept; merged ranges stop it, and the edit guard
 * refuses a deletion when the sheet changed since it was read.
 */
import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { ConcurrentEditGuard } from "../../../src/core/workbook/guard";
import { FIRST_DATA_ROW } from "../../../src/core/workbook/repair";
import { deletionRuns, mergeInTheWay } from "../../../src/core/workbook/rows";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const SHEET = "Наставляемые";

/** Six pupils, and the curator's own column right of the table: a value, a formula and a note per row. */
function school() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const t = Table.load(wb, "mentees");
  for (let i = 1; i <= 6; i++) t.add({ id: `НЯ-000${i}`, full_name: `Ученик ${i}`, status: "ожидает пары" });
  t.flush(wb);
  const grid = wb.sheets.get(SHEET)!;
  const width = grid[0].length;
  for (let r = FIRST_DATA_ROW - 1; r < grid.length; r++) {
    while (grid[r].length < width + 2) grid[r].push("");
    const id = r === FIRST_DATA_ROW - 1 ? "" : String(grid[r][t.columns.id]);
    grid[r][width] = r === FIRST_DATA_ROW - 1 ? "Мой столбец" : `моё о ${id}`;
    if (r >= FIRST_DATA_ROW) {
      wb.formulas.set(`${SHEET}!${r},${width + 1}`, `=HYPERLINK("https://school1.ru/${id}";"профиль")`);
      wb.note(SHEET, r, t.columns.full_name, `заметка о ${id}`);
    }
  }
  wb.resetCalls();
  return { wb, width, columns: t.columns };
}

/** For each data row: its ID, the curator's value, formula and note on that row. */
function rowsOf(wb: MemoryWorkbook, width: number, columns: Record<string, number>) {
  const grid = wb.grid(SHEET);
  const out: string[][] = [];
  for (let r = FIRST_DATA_ROW; r < grid.length; r++)
    out.push([
      String(grid[r][columns.id]),
      String(grid[r][width] ?? ""),
      wb.formulas.get(`${SHEET}!${r},${width + 1}`) ?? "",
      wb.notes.get(SHEET)?.get(`${r},${columns.full_name}`) ?? "",
    ]);
  return out;
}

const expected = (id: string) => [
  id,
  `моё о ${id}`,
  `=HYPERLINK("https://school1.ru/${id}";"профиль")`,
  `заметка о ${id}`,
];

describe("rows removed from a table are deleted from the sheet", () => {
  it("the curator's column, formulas and notes of the rows that stay move up with them", () => {
    const { wb, width, columns } = school();
    const t = Table.load(wb, "mentees");
    t.remove([1, 3, 4]);
    t.flush(wb);
    expect(wb.calls.deleteRows).toBe(1);
    expect(wb.calls.write ?? 0).toBe(0);
    expect(rowsOf(wb, width, columns)).toEqual(["НЯ-0001", "НЯ-0003", "НЯ-0006"].map(expected));
  });

  it("changes before and after the removal and new rows are written where the rows now are", () => {
    const { wb, width, columns } = school();
    const t = Table.load(wb, "mentees");
    t.set(5, "status", "в паре"); // НЯ-0006, before the removal
    const added = t.add({ id: "НЯ-0007", full_name: "Ученик 7", status: "ожидает пары" });
    t.add({ id: "НЯ-0008", full_name: "Ученик 8", status: "ожидает пары" });
    t.remove([0, added]);
    t.set(t.find("id", "НЯ-0003"), "status", "выбыл"); // after it
    t.flush(wb);
    const after = Table.load(wb, "mentees");
    expect(after.records().map((r) => [r.values.id, r.values.status])).toEqual([
      ["НЯ-0002", "ожидает пары"],
      ["НЯ-0003", "выбыл"],
      ["НЯ-0004", "ожидает пары"],
      ["НЯ-0005", "ожидает пары"],
      ["НЯ-0006", "в паре"],
      ["НЯ-0008", "ожидает пары"],
    ]);
    expect(rowsOf(wb, width, columns).slice(0, 5)).toEqual(
      ["НЯ-0002", "НЯ-0003", "НЯ-0004", "НЯ-0005", "НЯ-0006"].map(expected),
    );
    // The appended row is only as wide as the program's columns: the curator's cells there stay blank.
    expect(rowsOf(wb, width, columns)[5]).toEqual(["НЯ-0008", "", "", ""]);
  });

  it("two removals before one flush delete the rows as read", () => {
    const { wb, width, columns } = school();
    const t = Table.load(wb, "mentees");
    t.remove([0]);
    t.remove([0, 4]); // НЯ-0002 and НЯ-0006 now
    t.flush(wb);
    expect(rowsOf(wb, width, columns)).toEqual(["НЯ-0003", "НЯ-0004", "НЯ-0005"].map(expected));
  });

  it("a merged range at or below the first deleted row stops the deletion, with its address", () => {
    const { wb } = school();
    wb.merges.set(SHEET, [{ row: FIRST_DATA_ROW + 4, col: 30, rows: 2, cols: 1 }]);
    const before = JSON.stringify(wb.grid(SHEET));
    const t = Table.load(wb, "mentees");
    t.remove([1]);
    expect(() => t.flush(wb)).toThrow(/объединены ячейки AE7:AE8.*удаление остановлено/);
    expect(JSON.stringify(wb.grid(SHEET))).toBe(before);
  });

  it("the edit guard refuses a deletion when a row was inserted meanwhile (it would delete the wrong row)", () => {
    const { wb } = school();
    const guard = new ConcurrentEditGuard(wb);
    const t = Table.load(guard, "mentees");
    t.remove([2]);
    const grid = wb.sheets.get(SHEET)!;
    grid.splice(
      FIRST_DATA_ROW,
      0,
      grid[FIRST_DATA_ROW].map(() => ""),
    ); // the curator inserts a row
    grid[FIRST_DATA_ROW][0] = "вставлено";
    expect(() => t.flush(guard)).toThrow(/изменили во время операции/);
    expect(wb.calls.deleteRows ?? 0).toBe(0);
  });

  it("runs are grouped bottom-up; a merge above the rows is no obstacle", () => {
    expect(deletionRuns([3, 9, 4, 8, 1, 4])).toEqual([
      { start: 8, count: 2 },
      { start: 3, count: 2 },
      { start: 1, count: 1 },
    ]);
    expect(mergeInTheWay([{ row: 0, col: 0, rows: 2, cols: 3 }], [2, 5])).toBeNull();
    expect(mergeInTheWay([{ row: 1, col: 0, rows: 2, cols: 1 }], [2, 5])).not.toBeNull();
  });
});
