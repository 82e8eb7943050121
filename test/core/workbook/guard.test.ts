import { memoryState, runJob } from "../../../src/core/jobs/job";
import { rematchJob } from "../../../src/core/jobs/operations";
import { type Cell, noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import { ConcurrentEditError, ConcurrentEditGuard } from "../../../src/core/workbook/guard";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ports = { workbook: wb, clock, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, sampleSchool(clock.now(), 20260901, { mentors: 12, mentees: 30 }), noProgress);
  matchPairs(ports);
  decidePairs(ports, "approve_all");
  return wb;
}

/** The school with a mentor who left: a full re-match has their mentees to propose again. */
function schoolWithLeaver(): MemoryWorkbook {
  const wb = school();
  const mentors = Table.load(wb, "mentors");
  const leaving = String(Table.load(wb, "pairs").get(0, "mentor_id"));
  mentors.set(mentors.find("id", leaving), "status", "выбыл");
  mentors.flush(wb);
  return wb;
}

/** A curator who edits a sheet right after the program has read it (once). */
function curatorEditsAfterRead(wb: MemoryWorkbook, sheet: string, edit: (grid: Cell[][]) => void) {
  const read = wb.read.bind(wb);
  let done = false;
  wb.read = (name: string) => {
    const g = read(name);
    if (name === sheet && !done) {
      done = true;
      const now = wb.grid(sheet);
      edit(now);
      wb.put(sheet, now);
    }
    return g;
  };
}

describe("the edit guard: nothing a curator typed during an operation is overwritten", () => {
  it("refuses a block write over a cell changed since the read, in Russian; other writes pass", () => {
    const wb = new MemoryWorkbook();
    wb.put("Лист", [
      ["a", "b"],
      ["c", "d"],
    ]);
    const g = new ConcurrentEditGuard(wb);
    g.read("Лист");
    wb.put("Лист", [
      ["a", "b"],
      ["c", "куратор"],
    ]);
    expect(() => g.write("Лист", 1, 0, [["x", "y"]])).toThrow(ConcurrentEditError);
    expect(() => g.write("Лист", 1, 0, [["x", "y"]])).toThrow(
      "Лист «Лист» изменили во время операции (строка 2)",
    );
    g.write("Лист", 0, 0, [["x", "b"]]); // untouched by the curator
    g.write("Лист", 0, 0, [["y", "b"]]); // what the operation itself wrote is not a conflict
    g.append("Лист", [["e", "f"]]);
    expect(wb.grid("Лист")).toEqual([
      ["y", "b"],
      ["c", "куратор"],
      ["e", "f"],
    ]);
  });

  const addForbiddenPair = (grid: Cell[][]) => {
    const keys = grid[0].map(String);
    const row = keys.map((k) =>
      k === "pair_id" ? "П-9999" : k === "status" ? "запрещена" : k === "comment" ? "куратор" : "",
    );
    grid.push(row);
  };

  it("without it, a re-match writes its proposals over a pair the curator just added (the defect)", () => {
    const wb = schoolWithLeaver();
    curatorEditsAfterRead(wb, "Пары", addForbiddenPair);
    matchPairs({ workbook: wb, clock, progress: noProgress }, { full: true });
    expect(Table.load(wb, "pairs").find("pair_id", "П-9999")).toBe(-1);
  });

  it("with it, the re-match job runs again on fresh reads and the curator's pair stays", () => {
    const wb = schoolWithLeaver();
    curatorEditsAfterRead(wb, "Пары", addForbiddenPair);
    const r = runJob(
      rematchJob({ full: true }),
      {
        workbook: wb,
        clock,
        progress: noProgress,
        state: memoryState(),
        stopwatch: { elapsedMs: () => 0 },
        guardEdits: true,
      },
      "start",
    );
    expect(r.status).toBe("done");
    const pairs = Table.load(wb, "pairs")
      .records()
      .map((x) => x.values);
    expect(pairs.filter((p) => p.pair_id === "П-9999")).toHaveLength(1);
    const ids = pairs.map((p) => String(p.pair_id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("with it, a curator's comment typed into a bank during the re-match survives", () => {
    const wb = school();
    // Notes to rewrite: the re-match writes the whole block of mentees.
    const t = Table.load(wb, "mentees");
    for (const r of t.rowIndexes()) t.set(r, "match_note", "");
    t.flush(wb);
    const note = (grid: Cell[][]) => {
      const c = grid[0].map(String).indexOf("comment");
      grid[5][c] = "Позвонить родителям";
    };
    curatorEditsAfterRead(wb, "Наставляемые", note);
    runJob(
      rematchJob({ full: true }),
      {
        workbook: wb,
        clock,
        progress: noProgress,
        state: memoryState(),
        stopwatch: { elapsedMs: () => 0 },
        guardEdits: true,
      },
      "start",
    );
    expect(Table.load(wb, "mentees").records()[3].values.comment).toBe("Позвонить родителям");
  });
});
