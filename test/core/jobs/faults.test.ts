/**
 * Every write of a multi-step operation, failing in turn (a quota error, an execution killed at
 * six minutes): the workbook is left in a clear state, and running the operation again (what a job
 * continuation or the curator does) ends exactly where one clean run ends.
 */
import { type Cell, type CellInput, noProgress } from "../../../src/core/ports";
import { closeCycle } from "../../../src/core/usecases/close-cycle";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import type { SheetKey } from "../../../src/core/workbook/keys.generated";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { goodMentee, submission } from "../../support/submissions";

const NOVEMBER = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const JUNE = { now: () => new Date(Date.UTC(2027, 5, 1, 15, 0)) };

/** A proxy of the workbook whose k-th write or append throws; counts them. */
function failingAt(wb: MemoryWorkbook, k: number) {
  let n = 0;
  const fail = (sheet: string) => {
    n++;
    if (n === k) throw new Error(`Сбой записи на лист «${sheet}»`);
  };
  const proxy = Object.create(wb) as MemoryWorkbook;
  proxy.write = (sheet: string, row: number, col: number, values: CellInput[][]) => {
    fail(sheet);
    wb.write(sheet, row, col, values);
  };
  proxy.append = (sheet: string, values: CellInput[][]) => {
    fail(sheet);
    wb.append(sheet, values);
  };
  return { wb: proxy, writes: () => n };
}

/** Every sheet's used area but «Журнал» (which records each attempt) and `skip`. */
const snapshot = (wb: MemoryWorkbook, skip: string[] = []) =>
  JSON.stringify(
    [...wb.sheets.keys()]
      .filter((name) => name !== "Журнал" && !skip.includes(name))
      .sort()
      .map((name) => [name, wb.grid(name)]),
  );

const records = <S extends SheetKey>(wb: MemoryWorkbook, key: S) =>
  Table.load(wb, key)
    .records()
    .map((r) => r.values);

/** The first cell where two workbooks differ, for the failure message. */
function difference(a: MemoryWorkbook, b: MemoryWorkbook): string {
  for (const name of a.sheets.keys()) {
    let grid: Cell[][];
    if (name === "Журнал") continue;
    const other = b.grid(name);
    grid = a.grid(name);
    for (let r = 0; r < Math.max(grid.length, other.length); r++)
      for (let c = 0; c < Math.max(grid[r]?.length ?? 0, other[r]?.length ?? 0); c++) {
        const x = JSON.stringify(grid[r]?.[c] ?? "");
        const y = JSON.stringify(other[r]?.[c] ?? "");
        if (x !== y) return `«${name}» row ${r + 1} column ${grid[0]?.[c] ?? c}: ${x} ≠ ${y}`;
      }
  }
  return "no cell differs";
}

/**
 * Runs `op` on a fresh workbook failing at each write in turn; after each failure checks the
 * invariant, runs `op` again without fault and compares with the clean run.
 */
function atEveryWrite(
  make: () => MemoryWorkbook,
  op: (wb: MemoryWorkbook) => void,
  invariant: (wb: MemoryWorkbook, k: number) => void,
  skip: string[] = [],
): number {
  const clean = make();
  op(clean);
  const expected = snapshot(clean, skip);
  const counting = failingAt(make(), Number.POSITIVE_INFINITY);
  op(counting.wb);
  const writes = counting.writes();
  for (let k = 1; k <= writes; k++) {
    const base = make();
    const faulty = failingAt(base, k);
    expect(() => op(faulty.wb)).toThrow("Сбой записи");
    invariant(base, k);
    op(base);
    const got = snapshot(base, skip);
    if (got !== expected)
      throw new Error(
        `after a failure at write ${k} of ${writes}, a re-run differs from a clean run: ${difference(clean, base)}`,
      );
  }
  process.stdout.write(`fault injection: ${writes} write points, each failed in turn and re-run\n`);
  return writes;
}

describe("intake: a failure at any write loses no submission", () => {
  const subs = [
    submission("mentee", "new1@school1.ru", { ...goodMentee, full_name: "Новикова Анна" }),
    submission("mentee", "new2@school1.ru", { ...goodMentee, full_name: "Новиков Борис" }),
    submission("mentee", "old@school1.ru", { ...goodMentee, class: "8А" }, new Date(Date.UTC(2026, 8, 12))),
    submission("mentee", "bad@school1.ru", { ...goodMentee, form: "родитель – ученик" }),
  ];
  const make = () => {
    const wb = new MemoryWorkbook();
    initWorkbook({ workbook: wb, clock: NOVEMBER, progress: noProgress });
    intakeSubmissions({ workbook: wb, clock: NOVEMBER }, "mentee", [
      submission("mentee", "old@school1.ru", goodMentee, new Date(Date.UTC(2026, 8, 1))),
    ]);
    return wb;
  };
  it("each write failing in turn: every row whole, then a replay ends as one clean run", () => {
    const writes = atEveryWrite(
      make,
      (wb) => intakeSubmissions({ workbook: wb, clock: NOVEMBER }, "mentee", subs),
      (wb) => {
        // No half-written participant: each row has its ID, status and eligibility.
        for (const m of records(wb, "mentees")) {
          expect(m.id).toMatch(/^НЯ-\d{4}$/);
          expect(m.status).not.toBe("");
          expect(m.eligibility).not.toBe("");
        }
      },
    );
    expect(writes).toBeGreaterThanOrEqual(3);
  });
});

describe("approving pairs: a failure at any write leaves no participant «в паре» without a pair", () => {
  const make = () => {
    const wb = new MemoryWorkbook();
    const ports = { workbook: wb, clock: NOVEMBER, progress: noProgress };
    initWorkbook(ports);
    seedSampleSchool(wb, sampleSchool(NOVEMBER.now(), 20260901, { mentors: 12, mentees: 30 }), noProgress);
    matchPairs(ports);
    return wb;
  };
  it("each write failing in turn, then «Утвердить пары» again", () => {
    const writes = atEveryWrite(
      make,
      (wb) => {
        decidePairs({ workbook: wb, clock: NOVEMBER, progress: noProgress }, "approve_all");
      },
      (wb) => {
        const approved = new Set<string>();
        for (const p of records(wb, "pairs"))
          if (p.status === "утверждена") {
            approved.add(String(p.mentor_id));
            approved.add(String(p.mentee_id));
          }
        for (const key of ["mentors", "mentees"] as const)
          for (const person of records(wb, key))
            if (person.status === "в паре") expect(approved.has(String(person.id))).toBe(true);
      },
    );
    expect(writes).toBeGreaterThanOrEqual(3);
  });
});

describe("closing a cycle: a failure at any write, then «Завершить цикл» again", () => {
  const make = () => {
    const wb = new MemoryWorkbook();
    const ports = { workbook: wb, clock: NOVEMBER, progress: noProgress };
    initWorkbook(ports);
    seedSampleSchool(wb, sampleSchool(NOVEMBER.now(), 20260901, { mentors: 12, mentees: 30 }), noProgress);
    matchPairs(ports);
    decidePairs(ports, "approve_all");
    const pairs = records(wb, "pairs").filter((p) => p.status === "утверждена");
    const surveys = Table.load(wb, "surveys");
    const mentees = new Map(records(wb, "mentees").map((m) => [m.id, m]));
    pairs.forEach((p, i) => {
      const m = mentees.get(p.mentee_id)!;
      const row: Record<string, Cell> = {
        submitted_at: new Date(Date.UTC(2027, 4, 20)),
        email: m.email,
        full_name: m.full_name,
        role: "наставляемый",
        stage: "итоговая",
        satisfaction: 5 + (i % 6),
        would_continue: i % 2 === 0 ? "да" : "нет",
        valuable: "Поддержка",
      };
      surveys.add(row);
    });
    surveys.flush(wb);
    return wb;
  };
  const year = (wb: MemoryWorkbook) => {
    const s = Table.load(wb, "settings");
    return String(s.get(s.find("key", "school_year"), "value"));
  };
  const close = (wb: MemoryWorkbook) => {
    closeCycle({ workbook: wb, clock: JUNE, progress: noProgress });
  };
  const yearLast = (wb: MemoryWorkbook) => {
    if (year(wb) !== "2026/2027")
      expect(records(wb, "pairs").filter((p) => p.status === "утверждена")).toEqual([]);
  };
  it("the year advances only when everything else is written; a re-run finishes it", () => {
    const writes = atEveryWrite(make, close, yearLast, ["Показатели"]);
    expect(writes).toBeGreaterThanOrEqual(8);
  });
  // «Завершить цикл» freezes the year's indicators first, from the banks' statuses; a re-run after
  // a failure past the banks' write must not freeze them again from the statuses it reset.
  it("a re-run after a failure also keeps the frozen indicators of the first attempt", () => {
    const writes = atEveryWrite(make, close, yearLast);
    expect(writes).toBeGreaterThanOrEqual(8);
  });
});

describe("a full re-match: a failure at any write, then again", () => {
  it("ends as one clean run", () => {
    const make = () => {
      const wb = new MemoryWorkbook();
      const ports = { workbook: wb, clock: NOVEMBER, progress: noProgress };
      initWorkbook(ports);
      seedSampleSchool(wb, sampleSchool(NOVEMBER.now(), 20260901, { mentors: 12, mentees: 30 }), noProgress);
      matchPairs(ports);
      decidePairs(ports, "approve_all");
      return wb;
    };
    const writes = atEveryWrite(
      make,
      (wb) => {
        matchPairs({ workbook: wb, clock: NOVEMBER, progress: noProgress }, { full: true });
      },
      () => {},
    );
    expect(writes).toBeGreaterThanOrEqual(2);
  });
});
