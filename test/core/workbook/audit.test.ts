/**
 * Loud on bad data (issue 15, item 4): init reports duplicate IDs, a header row inside the data,
 * text in number and date columns and numbers outside their scale — with the cell — in its report
 * and in «Журнал» (once, however often it runs); the monitoring leaves such values out.
 */
import { noProgress } from "../../../src/core/ports";
import { planSummary } from "../../../src/core/summary/plan";
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
  pairs.add({
    pair_id: "П-2",
    mentor_id: "Н-1",
    mentee_id: "НЯ-3",
    status: "утверждена",
    start_date: new Date(Date.UTC(2026, 8, 28)),
  });
  pairs.flush(wb);
  const meetings = Table.load(wb, "meetings");
  const meeting = (m: Record<string, unknown>) =>
    meetings.add({ pair_id: "П-2", type: "регулярная встреча", ...m } as never);
  meeting({ meeting_id: "В-1", date: new Date(Date.UTC(2026, 9, 1)), mentor_rating: 8, mentee_rating: 99 });
  meeting({ meeting_id: "В-2", date: "вчера", mentor_rating: "отлично", mentee_rating: -3 });
  meeting({
    meeting_id: "В-3",
    date: new Date(Date.UTC(2026, 9, 8)),
    mentor_rating: 6,
    duration_min: "два часа",
  });
  meeting({ meeting_id: "В-4", pair_id: "П-1", date: new Date(Date.UTC(2026, 9, 9)), mentor_rating: 9 });
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
      "out-of-scale Встречи!K3",
      "not-a-date Встречи!D4",
      "not-a-number Встречи!J4",
      "out-of-scale Встречи!K4",
      "not-a-number Встречи!H5",
    ]),
  );
  expect(report.dataIssues?.find((i) => i.cell === "K3")?.message).toBe(
    "«Встречи»!K3 («Оценка наставляемого (1–10)»): 99 — вне допустимых значений (от 1 до 10); значение не учтено в расчётах. Исправьте его.",
  );
  const text = describeInit(report);
  expect(text).toContain(`в данных ${messages.length} ошиб`);
  expect(text).toContain("«Встречи»!D4");
  const logged = () =>
    Table.load(wb, "log")
      .records()
      .filter((r) => r.values.operation === "Проверка данных").length;
  expect(logged()).toBe(messages.length);
  initWorkbook(ports(wb));
  expect(logged()).toBe(messages.length);
});

test("a clean workbook has no issues; the monitoring leaves bad ratings and shared pair IDs out", () => {
  const clean = new MemoryWorkbook();
  initWorkbook(ports(clean));
  expect(auditWorkbook(clean)).toEqual([]);
  expect(describeInit(initWorkbook(ports(clean)))).toBe("Книга в порядке: изменений не потребовалось.");

  const wb = badSchool();
  const result = recomputeMonitoring(ports(wb));
  const activity = Table.load(wb, "pair_activity").records();
  const row = activity.find((r) => r.values.pair_id === "П-2");
  // Ratings 8 and 6 count; 99, «отлично» and −3 do not.
  expect(row?.values.avg_rating).toBe(7);
  // The two rows of «П-1»: neither is given the meeting, and the monitoring says why.
  const shared = activity.filter((r) => r.values.pair_id === "П-1");
  expect(shared.length).toBe(2);
  for (const r of shared) expect(r.values.meetings).toBe(0);
  expect(result.warnings).toContain(
    "ID пары «П-1» стоит в 2 строках листа «Пары»: встречи с этим ID не засчитаны ни одной из них — дайте каждой паре свой ID и пересчитайте мониторинг.",
  );
});

test("«Сводка» does not count a header row sorted into a bank as a participant", () => {
  const wb = badSchool();
  const figures = planSummary(wb, new Date(Date.UTC(2026, 10, 22))).figures;
  expect(figures.mentees.total).toBe(1);
  expect(figures.formsTotal.mentees).toBe(1);
  expect(figures.mentors.total).toBe(2);
});
