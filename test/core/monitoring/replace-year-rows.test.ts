/**
 * Issue 15, item 3: a recompute replaces one year's (a pay list: one month's) rows of a program-made
 * sheet; the curator's own column beside them stays with the row of the same row key, however the
 * rows are reordered or removed, and a new row gets a blank cell there.
 */

import type { PayLine, PayList } from "../../../src/core/labour/paylist";
import { replaceYearRows } from "../../../src/core/monitoring/sheet";
import { noProgress } from "../../../src/core/ports";
import { sheetName } from "../../../src/core/templates/load";
import { initWorkbook } from "../../../src/core/usecases/init";
import { writePayListSheet } from "../../../src/core/usecases/labour-documents";
import { FIRST_DATA_ROW } from "../../../src/core/workbook/repair";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

test("the curator's column of «Работа пар» follows its row across a recompute", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const sheet = sheetName("pair_activity");
  const t = Table.load(wb, "pair_activity");
  const year = "2026/2027";
  const rec = (key: string) => ({ year, row_key: key }) as never;
  replaceYearRows(wb, t, year, [rec("П-1"), rec("П-2"), rec("П-3")]);
  const grid = wb.sheets.get(sheet)!;
  const width = grid[0].length;
  const keyCol = Table.load(wb, "pair_activity").columns.row_key;
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) {
    while (grid[r].length <= width) grid[r].push("");
    grid[r][width] = `моё о ${grid[r][keyCol]}`;
  }
  grid[FIRST_DATA_ROW - 1][width] = "Мой столбец";

  // П-1 gone, П-3 before П-2, П-4 new.
  replaceYearRows(wb, Table.load(wb, "pair_activity"), year, [rec("П-3"), rec("П-2"), rec("П-4")]);
  const after = wb
    .grid(sheet)
    .slice(FIRST_DATA_ROW)
    .map((r) => [r[keyCol], r[width] ?? ""]);
  expect(after).toEqual([
    ["П-3", "моё о П-3"],
    ["П-2", "моё о П-2"],
    ["П-4", ""],
  ]);
});

test("the curator's column of «Доплата за наставничество» follows its row when the month is written again", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const line = (id: string): PayLine => ({
    mentorId: id,
    mentorName: `Наставник ${id}`,
    position: "учитель",
    pairId: "",
    mentees: ["Ученик"],
    from: new Date(Date.UTC(2027, 3, 1)),
    to: new Date(Date.UTC(2027, 3, 30)),
    days: 21,
    daysInMonth: 21,
    dayKind: "рабочих",
    rate: 1000,
    amount: 1000,
    note: "",
  });
  const list = (ids: string[]): PayList => ({
    month: new Date(Date.UTC(2027, 3, 1)),
    key: "2027-04",
    lines: ids.map(line),
    total: 1000 * ids.length,
    unknown: 0,
    mentors: ids.length,
  });
  writePayListSheet(wb, list(["Н-1", "Н-2"]));
  const sheet = sheetName("pay_list");
  const grid = wb.sheets.get(sheet)!;
  const width = grid[0].length;
  const idCol = Table.load(wb, "pay_list").columns.mentor_id;
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) {
    while (grid[r].length <= width) grid[r].push("");
    grid[r][width] = `выплачено ${grid[r][idCol]}`;
  }
  writePayListSheet(wb, list(["Н-2", "Н-3"]));
  expect(
    wb
      .grid(sheet)
      .slice(FIRST_DATA_ROW)
      .map((r) => [r[idCol], r[width] ?? ""]),
  ).toEqual([
    ["Н-2", "выплачено Н-2"],
    ["Н-3", ""],
  ]);
});
