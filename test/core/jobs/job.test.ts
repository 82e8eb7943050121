import {
  DEFAULT_BUDGET_MS,
  type JobDefinition,
  type JobPorts,
  memoryState,
  pendingJobs,
  readMarker,
  runJob,
  STALE_RUNNING_MS,
} from "../../../src/core/jobs/job";
import { closeCycleJob, rematchJob } from "../../../src/core/jobs/operations";
import { type ReplayCursor, replayJob } from "../../../src/core/jobs/replay";
import { type Cell, noProgress } from "../../../src/core/ports";
import { questionnaire } from "../../../src/core/questionnaires/schema";
import { replayResponses } from "../../../src/core/usecases/forms";
import { initWorkbook } from "../../../src/core/usecases/init";
import { matchPairs } from "../../../src/core/usecases/matching";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const SHEET = "Ответы — Анкета наставляемого";
let wallMs = Date.UTC(2026, 10, 22, 10, 0);
const clock = { now: () => new Date(wallMs) };

/** A response sheet of `n` mentee questionnaires (some repeated, some invalid) and its registry row. */
function withResponses(n: number): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const q = questionnaire("mentee");
  const title = (k: string) => q.questions.find((x) => x.key === k)!.title;
  const header = [
    "Отметка времени",
    "Адрес электронной почты",
    ...["full_name", "category", "class", "form", "requests", "consent"].map(title),
  ];
  const rows: Cell[][] = [header];
  for (let i = 0; i < n; i++) {
    const who = i % 7 === 6 ? i - 3 : i; // every 7th answer is someone's second one
    rows.push([
      new Date(Date.UTC(2026, 8, 1, 8, 0, i)),
      `p${who}@school1.ru`,
      `Ученик ${who} Иванович`,
      "обучающийся",
      `${5 + (i % 6)}А`,
      i % 50 === 49 ? "родитель – ученик" : "ученик – ученик",
      "Повышение успеваемости",
      "Согласен(на)",
    ]);
  }
  wb.put(SHEET, rows);
  const reg = Table.load(wb, "forms_registry");
  reg.add({ form_key: "mentee", title: "Анкета наставляемого", response_sheet: SHEET });
  reg.flush(wb);
  return wb;
}

const result = (wb: MemoryWorkbook) =>
  JSON.stringify([Table.load(wb, "mentees").rows, Table.load(wb, "forms_registry").rows]);

/** The job ports with a simulated stopwatch: every chunk costs `chunkMs`. */
function jobPorts(wb: MemoryWorkbook, chunkMs = 60_000) {
  let elapsed = 0;
  const scheduled: string[] = [];
  const ports: JobPorts = {
    workbook: wb,
    clock,
    progress: noProgress,
    state: memoryState(),
    stopwatch: { elapsedMs: () => elapsed },
    scheduler: {
      schedule: (ms) => scheduled.push(`через ${ms / 1000} с`),
      cancel: () => scheduled.push("отменено"),
    },
    user: "curator@school1.ru",
  };
  // Chunks of a minute against the default budget of 4.5 minutes (the replay's own is 45 s).
  const slow = <C>(def: JobDefinition<C>): JobDefinition<C> => ({
    ...def,
    budgetMs: DEFAULT_BUDGET_MS,
    step: (p, c) => {
      const r = def.step(p, c);
      elapsed += chunkMs;
      return r;
    },
  });
  /** A new execution (a continuation trigger): the stopwatch starts again. */
  const execution = () => {
    elapsed = 0;
  };
  return { ports, slow, execution, scheduled };
}

describe("a job survives the six-minute limit", () => {
  it("replays 3,000 responses across several executions with exactly the result of one run", () => {
    const once = withResponses(3000);
    replayResponses({ workbook: once, clock, progress: noProgress, forms: null as never });

    const wb = withResponses(3000);
    const { ports, slow, execution, scheduled } = jobPorts(wb);
    const job = slow(replayJob(200));
    let outcome = runJob(job, ports, "start");
    let executions = 1;
    while (outcome.status === "continues") {
      expect(outcome.message).toContain("продолжится автоматически через минуту");
      execution();
      outcome = runJob(job, ports, "continue");
      executions++;
    }
    expect(outcome.status).toBe("done");
    expect(executions).toBeGreaterThanOrEqual(4);
    expect(result(wb)).toBe(result(once));
    expect(pendingJobs(ports.state)).toEqual([]);
    expect(scheduled.at(-1)).toBe("отменено");
    expect(scheduled.filter((s) => s === "через 60 с")).toHaveLength(executions - 1);
    const log = Table.load(wb, "log").records().at(-1)!.values;
    expect(String(log.message)).toContain("Переобработка ответов завершена");
    if (outcome.status === "done") expect(outcome.message).toContain("Анкета наставляемого: добавлено");
  });

  it("refuses a second start while the job is under way, in Russian", () => {
    const wb = withResponses(1000);
    const { ports, slow } = jobPorts(wb);
    const job = slow(replayJob(100));
    expect(runJob(job, ports, "start").status).toBe("continues");
    const second = runJob(job, ports, "start");
    expect(second).toMatchObject({ status: "refused" });
    expect(second.message).toMatch(
      /^«Переобработка ответов» уже выполняется, выполнено \d+% \(\d+ из 1000\)\. Она продолжится автоматически/,
    );
    // A continuation that arrives while another execution is at work is refused too.
    const m = readMarker<ReplayCursor>(ports.state, "replay")!;
    ports.state.set("Наставничество.job.replay", JSON.stringify({ ...m, running: true }));
    expect(runJob(job, ports, "continue").status).toBe("refused");
  });

  it("takes over a job whose execution died, from its last checkpoint", () => {
    const once = withResponses(1000);
    replayResponses({ workbook: once, clock, progress: noProgress, forms: null as never });
    const wb = withResponses(1000);
    const { ports, slow, execution } = jobPorts(wb);
    const job = slow(replayJob(100));
    runJob(job, ports, "start");
    const m = readMarker<ReplayCursor>(ports.state, "replay")!;
    // The next execution was killed in the middle of a chunk: the marker says «running».
    ports.state.set("Наставничество.job.replay", JSON.stringify({ ...m, running: true }));
    expect(runJob(job, ports, "start").status).toBe("refused");
    wallMs += STALE_RUNNING_MS + 1000;
    execution();
    let outcome = runJob(job, ports, "continue");
    while (outcome.status === "continues") {
      execution();
      outcome = runJob(job, ports, "continue");
    }
    expect(outcome.status).toBe("done");
    expect(result(wb)).toBe(result(once));
  });

  it("keeps the checkpoint after an error; a new start resumes and finishes with the same result", () => {
    const once = withResponses(1000);
    replayResponses({ workbook: once, clock, progress: noProgress, forms: null as never });
    const wb = withResponses(1000);
    const { ports, slow, execution, scheduled } = jobPorts(wb);
    let calls = 0;
    const base = slow(replayJob(100));
    const flaky: JobDefinition<ReplayCursor> = {
      ...base,
      step: (p, c) => {
        if (++calls === 3) throw new Error("Лист «Наставляемые» повреждён или не создан.");
        return base.step(p, c);
      },
    };
    expect(() => runJob(flaky, ports, "start")).toThrow("повреждён");
    expect(scheduled.at(-1)).toBe("отменено");
    const failed = runJob(flaky, ports, "continue");
    expect(failed.status).toBe("idle");
    expect(failed.message).toContain("остановлена ошибкой");
    execution();
    let outcome = runJob(flaky, ports, "start");
    while (outcome.status === "continues") {
      execution();
      outcome = runJob(flaky, ports, "continue");
    }
    expect(outcome.status).toBe("done");
    expect(result(wb)).toBe(result(once));
  });

  it("picks up responses that arrive between two executions, without duplicates", () => {
    const wb = withResponses(600);
    const { ports, slow, execution } = jobPorts(wb);
    const job = slow(replayJob(100));
    let outcome = runJob(job, ports, "start");
    const grid = wb.grid(SHEET);
    grid.push([
      new Date(Date.UTC(2026, 8, 2)),
      "late@school1.ru",
      "Поздний Ученик",
      "обучающийся",
      "7А",
      "ученик – ученик",
      "Повышение успеваемости",
      "Согласен(на)",
    ]);
    grid.push([...grid[5]]); // a replayed duplicate of an earlier answer
    wb.put(SHEET, grid);
    while (outcome.status === "continues") {
      execution();
      outcome = runJob(job, ports, "continue");
    }
    const emails = Table.load(wb, "mentees")
      .records()
      .map((r) => String(r.values.email));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain("late@school1.ru");
  });

  it("stops a job whose executions keep dying before a single chunk, instead of looping forever", () => {
    const wb = withResponses(1000);
    const { ports, slow, execution, scheduled } = jobPorts(wb);
    const job = slow(replayJob(100));
    expect(runJob(job, ports, "start").status).toBe("continues");
    const m = readMarker<ReplayCursor>(ports.state, "replay")!;
    // Three executions were killed at six minutes in the middle of their first chunk.
    ports.state.set("Наставничество.job.replay", JSON.stringify({ ...m, running: true, runs: m.chunks + 3 }));
    wallMs += STALE_RUNNING_MS + 1000;
    execution();
    const r = runJob(job, ports, "continue");
    expect(r.status).toBe("refused");
    expect(r.message).toContain("3 выполнения подряд прервались");
    expect(readMarker(ports.state, "replay")?.failed).toBeTruthy();
    // The curator starts it again: a new series of attempts, and it finishes.
    let outcome = runJob(job, ports, "start");
    while (outcome.status === "continues") {
      execution();
      outcome = runJob(job, ports, "continue");
    }
    expect(outcome.status).toBe("done");
    expect(scheduled.at(-1)).toBe("отменено");
  });

  it("runs to the end in one go offline (no scheduler)", () => {
    const wb = withResponses(500);
    const { ports, slow } = jobPorts(wb);
    const outcome = runJob(slow(replayJob(50)), { ...ports, scheduler: undefined }, "start");
    expect(outcome).toMatchObject({ status: "done", runs: 1 });
  });

  it("runs a full re-match and a cycle's closing as one-step jobs with the result of a direct run", () => {
    const wb = new MemoryWorkbook();
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
    const { ports } = jobPorts(wb);
    const once = new MemoryWorkbook();
    initWorkbook({ workbook: once, clock, progress: noProgress });
    seedSampleSchool(once, sampleSchool(clock.now()), noProgress);
    matchPairs({ workbook: once, clock, progress: noProgress }, { full: true });
    const r = runJob(rematchJob({ full: true }), ports, "start");
    expect(r.status).toBe("done");
    expect(r.message).toContain("Подбор пар");
    expect(JSON.stringify(Table.load(wb, "pairs").rows)).toBe(JSON.stringify(Table.load(once, "pairs").rows));
    const c = runJob(closeCycleJob(), ports, "start");
    expect(c.message).toContain("Цикл");
  });
});
