/**
 * Loud on bad data (issue 15, item 4): init reports duplicate IDs, a header row inside the data,
 * text in number and date columns and numbers outside their scale — with the cell — in its report
 * and in «Журнал» (once, however often it runs); the monitoring leaves such values out.
 */
import { noProgress } from "../../../src/core/ports";
import { describeInit, initWorkbook } from "../../../src/core/usecases/init";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { auditWorkbook } from "../../../src/core/workbook/audit";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 9)) };
const ports = (wb: MemoryWorkbook) => ({ workbook: wb, clock, progress: noProgress });

function badSchool(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(ports(wb));
  const mentors = Table.load(wb, "mentors");
  mentors.add({ id: "Н-1", full_name: "Петров Пётр", status: "в паре", capacity: 2 });
  mentors.add({ id: "Н-1", full_name: "Сидоров Сидор", status: "в паре", capacity: "два" });
  mentors.flush(wb);
  const mentees = Table.load(wb, "mentees");
  mentees.add({ id: "НЯ-1", full_name: "Иванова Анна", status: "в паре" });
  mentees.flush(wb);
  // A header row sorted into the data, as a curator's sort by «ФИО» leaves it.
  const grid = wb.grid("Наставляемые");
  grid.push(grid[1].slice());
  wb.put("Наставляемые", grid);
  const pairs = Table.load(wb, "pairs");
  pairs.add({
    pair_id: "П-1",
    mentor_id: "Н-1",
    mentee_id: "НЯ-1",
    status: "утверждена",
    start_date: new Date(Date.UTC(2026, 8, 28)),
  });
  pairs.add({ pair_id: "П-1", mentor_id: "Н-1", mentee_id: "НЯ-2", status: "утверждена" });
  pairs.flush(wb);
  const meetings = Table.load(wb, "meetings");
  meetings.add({
    meeting_id: "В-1",
    pair_id: "П-1",
    date: new Date(Date.UTC(2026, 9, 1)),
    type: "встреча-знакомство",
    mentor_rating: 8,
    mentee_rating: 99,
  });
  meetings.add({
    meeting_id: "В-2",
    pair_id: "П-1",
    date: "вчера",
    type: "регулярная встреча",
    mentor_rating: "отлично",
    mentee_rating: -3,
  });
  meetings.add({
    meeting_id: "В-3",
    pair_id: "П-1",
    date: new Date(Date.UTC(2026, 9, 8)),
    type: "регулярная встреча",
    mentor_rating: 6,
    duration_min: "два часа",
  });
  meetings.flush(wb);
  return wb;
}

test("init names every bad cell, and «Журнал» keeps each once", () => {
  const wb = badSchool();
  const report = initWorkbook(ports(wb));
  const messages = (report.dataIssues ?? []).map((i) => `${i.kind} ${i.sheet}!${i.cell}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      "duplicate-id Наставники!A4",
      "not-a-number Наставники!" +
        messages.find((m) => m.startsWith("not-a-number Наставники"))?.split("!")[1],
      "header-row Наставляемые!A4",
      "duplicate-id Пары!A4",
      "out-of-scale Встречи!J3",
      "not-a-date Встречи!C4",
      "not-a-number Встречи!I4",
      "out-of-scale Встречи!J4",
      "not-a-number Встречи!G5",
    ]),
  );
  expect(report.dataIssues?.find((i) => i.cell === "J3")?.message).toBe(
    "«Встречи»!J3 («Оценка наставляемого (1–10)»): 99 — вне допустимых значений (от 1 до 10); значение не учтено в расчётах. Исправьте его.",
  );
  const text = describeInit(report);
  expect(text).toContain(`в данных ${messages.length} ошиб`);
  expect(text).toContain("«Встречи»!C4");
  const logged = () =>
    Table.load(wb, "log")
      .records()
      .filter((r) => r.values.operation === "Проверка данных").length;
  expect(logged()).toBe(messages.length);
  initWorkbook(ports(wb));
  expect(logged()).toBe(messages.length);
});

test("a clean workbook has no issues; the monitoring leaves the bad ratings out", () => {
  const clean = new MemoryWorkbook();
  initWorkbook(ports(clean));
  expect(auditWorkbook(clean)).toEqual([]);
  expect(describeInit(initWorkbook(ports(clean)))).toBe("Книга в порядке: изменений не потребовалось.");

  const wb = badSchool();
  recomputeMonitoring(ports(wb));
  const activity = Table.load(wb, "pair_activity").records();
  const row = activity.find((r) => r.values.pair_id === "П-1");
  // Ratings 8 and 6 count; 99, «отлично» and −3 do not.
  expect(row?.values.avg_rating).toBe(7);
});
