import { type JobPorts, memoryState, pendingJobs } from "../../../src/core/jobs/job";
import { readMark, reconcileResponses } from "../../../src/core/jobs/reconcile";
import { type Cell, noProgress } from "../../../src/core/ports";
import { questionnaire } from "../../../src/core/questionnaires/schema";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

/**
 * The reconciliation (core/jobs/reconcile.ts): the response rows no submit trigger took, by a
 * high-water mark per questionnaire, whatever the curator did to the response sheet.
 */
const SHEET = "Ответы — Анкета наставляемого";
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

const q = questionnaire("mentee");
const title = (k: string) => q.questions.find((x) => x.key === k)!.title;
const HEADER = [
  "Отметка времени",
  "Адрес электронной почты",
  ...["full_name", "category", "class", "form", "requests", "consent"].map(title),
];

function answer(i: number, minute = 0, cls = "5А"): Cell[] {
  return [
    new Date(Date.UTC(2026, 8, 1, 8, minute, i)),
    `p${i}@school1.ru`,
    `Ученик ${i} Иванович`,
    "обучающийся",
    cls,
    "ученик – ученик",
    "Повышение успеваемости",
    "Согласен(на)",
  ];
}

function school(rows: Cell[][]): { wb: MemoryWorkbook; ports: JobPorts } {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  wb.put(SHEET, [HEADER, ...rows]);
  const reg = Table.load(wb, "forms_registry");
  reg.add({ form_key: "mentee", title: "Анкета наставляемого", response_sheet: SHEET });
  reg.flush(wb);
  const ports: JobPorts = {
    workbook: wb,
    clock,
    progress: noProgress,
    state: memoryState(),
    stopwatch: { elapsedMs: () => 0 },
    scheduler: { schedule: () => {}, cancel: () => {} },
  };
  return { wb, ports };
}

const emails = (wb: MemoryWorkbook) =>
  Table.load(wb, "mentees")
    .records()
    .map((r) => String(r.values.email))
    .sort();

describe("reconcileResponses", () => {
  it("takes every row the first time, then only what came since; a row taken twice changes nothing", () => {
    const { wb, ports } = school(Array.from({ length: 10 }, (_, i) => answer(i)));
    const first = reconcileResponses(ports);
    expect(first).toMatchObject({ taken: 10, changed: 10, queued: [] });
    expect(emails(wb)).toHaveLength(10);
    expect(readMark(ports, "mentee")).toMatchObject({ row: 11 });

    wb.append(SHEET, [answer(10, 30), answer(11, 30)]);
    const second = reconcileResponses(ports);
    expect(second.changed).toBe(2);
    expect(emails(wb)).toHaveLength(12);
    expect(reconcileResponses(ports).changed).toBe(0);
  });

  it("a sheet unchanged since its mark runs no intake; a row written since does", () => {
    const { wb, ports } = school(Array.from({ length: 3 }, (_, i) => answer(i)));
    expect(reconcileResponses(ports).taken).toBe(3);
    // The same last row, holding the same response, no newer time: nothing is taken again.
    expect(reconcileResponses(ports)).toMatchObject({ taken: 0, outcomes: [] });
    wb.append(SHEET, [answer(3, 1)]);
    expect(reconcileResponses(ports).changed).toBe(1);
    expect(emails(wb)).toHaveLength(4);
  });

  it("after a sort and a deletion: the rows near the newest seen are taken again, each person once", () => {
    const { wb, ports } = school(Array.from({ length: 5 }, (_, i) => answer(i)));
    reconcileResponses(ports);
    wb.append(SHEET, [answer(5, 5), answer(6, 5)]);
    // The curator sorts the sheet newest first and deletes an old row.
    const grid = wb.grid(SHEET);
    const data = grid.slice(1).sort((a, b) => (b[0] as Date).getTime() - (a[0] as Date).getTime());
    wb.put(SHEET, [grid[0], ...data.filter((r) => r[1] !== "p0@school1.ru")]);
    const r = reconcileResponses(ports);
    expect(r.changed).toBe(2);
    expect(emails(wb)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `p${i}@school1.ru`).sort());
  });

  it("an answer edited in place (a newer timestamp in an old row) replaces the older one", () => {
    const { wb, ports } = school(Array.from({ length: 3 }, (_, i) => answer(i)));
    reconcileResponses(ports);
    wb.write(SHEET, 1, 0, [answer(0, 50, "9В")]); // 0-based: the first response row
    expect(reconcileResponses(ports).changed).toBe(1);
    const p0 = Table.load(wb, "mentees")
      .records()
      .find((r) => r.values.email === "p0@school1.ru")!;
    expect(p0.values.class).toBe("9В");
  });

  it("more rows than a chunk: left to the «Переобработать ответы» job, the mark moved on", () => {
    const { wb, ports } = school(Array.from({ length: 501 }, (_, i) => answer(i % 60, Math.floor(i / 60))));
    const r = reconcileResponses(ports);
    expect(r).toMatchObject({ taken: 0, queued: ["mentee"] });
    expect(pendingJobs(ports.state)).toEqual(["replay"]);
    expect(readMark(ports, "mentee")).toMatchObject({ row: 502 });
    expect(emails(wb)).toEqual([]);
  });

  it("a workbook without «Анкеты» or without response rows: nothing to do", () => {
    const { ports } = school([]);
    expect(reconcileResponses(ports)).toMatchObject({ taken: 0, changed: 0, queued: [] });
    expect(readMark(ports, "mentee")).toMatchObject({ row: 1 });
    const empty = new MemoryWorkbook();
    expect(reconcileResponses({ ...ports, workbook: empty }).taken).toBe(0);
  });
});
