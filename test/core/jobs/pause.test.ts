import {
  CONTINUATION_DUE_KEY,
  DailyQuotaError,
  type JobDefinition,
  type JobPorts,
  memoryState,
  readMarker,
  rearmJobs,
  runJob,
  WorkbookBusyError,
} from "../../../src/core/jobs/job";
import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

/**
 * A job stopped by another operation holding the workbook, or by a daily quota of the account,
 * is not a failure: it keeps its cursor and waits for its continuation (a minute, or the next day
 * for a quota), with no attempt counted against it.
 */
let wallMs = Date.UTC(2026, 10, 22, 10, 0);
const clock = { now: () => new Date(wallMs) };

interface Counter {
  next: number;
}

/** Ten units, one per chunk; `fail(unit)` may throw before a unit is done. */
function counting(fail: (unit: number) => void, finished: number[] = []): JobDefinition<Counter> {
  return {
    name: "count",
    title: "Счёт",
    start: () => ({ next: 0 }),
    step(_ports, c) {
      fail(c.next);
      return { cursor: { next: c.next + 1 }, done: c.next + 1 === 10, progress: [c.next + 1, 10] };
    },
    finish(_ports, c) {
      finished.push(c.next);
      return `Готово: ${c.next}.`;
    },
  };
}

function ports(lockBusy: () => boolean = () => false) {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const scheduled: number[] = [];
  const p: JobPorts = {
    workbook: wb,
    clock,
    progress: noProgress,
    state: memoryState(),
    stopwatch: { elapsedMs: () => 0 },
    scheduler: { schedule: (ms) => scheduled.push(ms), cancel: () => scheduled.push(0) },
    lock: {
      withLock(_ms, fn) {
        if (lockBusy()) throw new WorkbookBusyError("Другая операция «Наставничества» ещё выполняется.");
        return fn();
      },
    },
  };
  return { p, wb, scheduled };
}

describe("a job paused, never failed", () => {
  it("a daily quota stops it with a Russian message; it goes on the next day from its cursor", () => {
    let quotaLeft = 4;
    const job = counting(() => {
      if (quotaLeft-- <= 0)
        throw new DailyQuotaError("Дневной лимит Google исчерпан: новые документы сегодня создать нельзя.");
    });
    const { p, wb, scheduled } = ports();
    const first = runJob(job, p, "start");
    expect(first.status).toBe("continues");
    expect(first.message).toContain("Дневной лимит Google исчерпан");
    expect(first.message).toContain("продолжится автоматически завтра");
    expect(scheduled.at(-1)).toBe(86_400_000);
    const marker = readMarker<Counter>(p.state, "count")!;
    expect(marker).toMatchObject({ cursor: { next: 4 }, running: false });
    expect(marker.failed).toBeUndefined();
    expect(Number(p.state.get(CONTINUATION_DUE_KEY))).toBe(wallMs + 86_400_000);
    // The curator is told in «Журнал»; a second start the same minute says why it waits.
    const log = Table.load(wb, "log").records();
    expect(String(log.at(-1)?.values.message)).toContain("продолжится автоматически завтра");
    expect(runJob(job, p, "start").message).toContain("Дневной лимит Google исчерпан");
    // Nobody re-arms it before its day is over.
    expect(rearmJobs(p)).toEqual([]);

    wallMs += 86_400_000;
    quotaLeft = 100;
    const next = runJob(job, p, "continue");
    expect(next).toMatchObject({ status: "done", message: "Готово: 10." });
  });

  it("a quota refusal three times in a row is no «execution died» failure", () => {
    const job = counting(() => {
      throw new DailyQuotaError("Дневной лимит Google исчерпан.");
    });
    const { p } = ports();
    for (let i = 0; i < 5; i++)
      expect(runJob(job, p, i === 0 ? "start" : "continue").status).toBe("continues");
    expect(readMarker(p.state, "count")?.failed).toBeUndefined();
  });

  it("the workbook busy in the middle of the job: it waits a minute, keeps its cursor", () => {
    let acquisitions = 0;
    const { p, scheduled } = ports(() => ++acquisitions === 4);
    const r = runJob(
      counting(() => {}),
      p,
      "start",
    );
    expect(r.status).toBe("continues");
    expect(r.message).toContain("ждёт окончания другой операции");
    expect(scheduled.at(-1)).toBe(60_000);
    expect(readMarker<Counter>(p.state, "count")).toMatchObject({ cursor: { next: 2 }, running: false });
    expect(
      runJob(
        counting(() => {}),
        p,
        "continue",
      ),
    ).toMatchObject({ status: "done", message: "Готово: 10." });
  });

  it("a continuation that cannot even claim the job waits for the next one", () => {
    let busy = false;
    const { p, scheduled } = ports(() => busy);
    let quotaLeft = 3;
    const job = counting(() => {
      if (quotaLeft-- <= 0) throw new DailyQuotaError("Дневной лимит Google исчерпан.");
    });
    runJob(job, p, "start");
    busy = true;
    const r = runJob(job, p, "continue");
    expect(r.status).toBe("continues");
    expect(scheduled.at(-1)).toBe(60_000);
    // From the menu, a busy workbook is still the Russian refusal the curator sees.
    p.state.delete("Наставничество.job.count");
    expect(() => runJob(job, p, "start")).toThrow("Другая операция");
  });

  it("only the last step's finish was left: a continuation does not run the chunks again", () => {
    let acquisitions = 0;
    const finished: number[] = [];
    const steps: number[] = [];
    const job = counting((n) => steps.push(n), finished);
    // Claim + 10 chunks take 11 acquisitions: the 12th, for finish, finds the workbook busy.
    const { p } = ports(() => ++acquisitions === 12);
    expect(runJob(job, p, "start").status).toBe("continues");
    expect(runJob(job, p, "continue")).toMatchObject({ status: "done", message: "Готово: 10." });
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(finished).toEqual([10]);
  });
});
