import { memoryState, pendingJobs, readMarker, runJob } from "../../../src/core/jobs/job";
import {
  describePrograms,
  type ProgramsCursor,
  type ProgramsPorts,
  programsJob,
} from "../../../src/core/jobs/programs";
import { noProgress } from "../../../src/core/ports";
import { generateDocuments } from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { GasDocumentStore } from "../../../src/gas/documents";
import { createDocumentFake } from "../../gas-fake/document";
import { ROOT_ID } from "../../gas-fake/drive";
import { seedApprovedPairs } from "../../support/approved-pairs";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0)); // 20.05.2027, school year 2026/2027
const clock = { now: () => NOW };
/** Where the Apps Script store puts the programs: the root of the user's Drive. */
const FOLDER = "Мой диск";
const PAIRS = 64;
/** The estimate of one Apps Script service call. */
const MS_PER_CALL = 40;

/** The sample school with `n` approved pairs (П-0001…), each mentee in one pair. */
function school(n = PAIRS): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedApprovedPairs(wb, NOW, n);
  return wb;
}

/** Job ports over the fake Docs; the stopwatch: 40 ms per service call since the execution began. */
function setup(wb: MemoryWorkbook, withScheduler = true) {
  const fake = createDocumentFake();
  const calls = () => fake.env.calls.total("DocumentApp") + fake.env.calls.total("DriveApp");
  let began = 0;
  const scheduled: string[] = [];
  const state = memoryState();
  // The script's document properties: the ID of each program, kept between executions.
  const props = new Map<string, string>();
  const properties = {
    getProperty: (k: string) => props.get(k) ?? null,
    setProperty: (k: string, v: string) => {
      props.set(k, v);
      return properties;
    },
  } as unknown as GoogleAppsScript.Properties.Properties;
  /** A new execution: a new store (as in Apps Script) and the stopwatch from zero. */
  const execution = (): ProgramsPorts => {
    began = calls();
    return {
      workbook: wb,
      clock,
      progress: noProgress,
      state,
      stopwatch: { elapsedMs: () => (calls() - began) * MS_PER_CALL },
      scheduler: withScheduler
        ? {
            schedule: (ms) => scheduled.push(`через ${ms / 1000} с`),
            cancel: () => scheduled.push("отменено"),
          }
        : undefined,
      user: "curator@school1.ru",
      store: new GasDocumentStore({ DocumentApp: fake.DocumentApp, properties }),
    };
  };
  /** Programs in «Мой диск»: name → text. */
  const programs = () => {
    const ids = new Set(fake.drive.filesIn(ROOT_ID).map((f) => f.id));
    const out: Record<string, string> = {};
    for (const d of fake.docs.all()) {
      if (!ids.has(d.data.file.id)) continue;
      expect(out[d.name]).toBeUndefined();
      out[d.name] = d.text();
    }
    return out;
  };
  const files = () => fake.drive.filesIn(ROOT_ID);
  return { fake, calls, execution, scheduled, state, programs, files };
}

/** «Журнал» lines of the documents: «Создан документ «…»» / «Обновлён документ «…»». */
function documentLines(wb: MemoryWorkbook): string[] {
  return Table.load(wb, "log")
    .records()
    .map((r) => String(r.values.message))
    .filter((m) => /^(Создан|Обновлён) документ «/.test(m));
}

/** Runs the job from the menu, then each continuation, until it is done; the executions' outcomes. */
function runToEnd(env: ReturnType<typeof setup>) {
  const job = programsJob();
  const outcomes = [runJob(job, env.execution(), "start")];
  while (outcomes.at(-1)!.status === "continues") {
    outcomes.push(runJob(job, env.execution(), "continue"));
    // An execution makes at least one programme (its budget of calls may allow no more).
    expect(outcomes.length).toBeLessThanOrEqual(PAIRS + 1);
  }
  return outcomes;
}

describe("«Документы: персонализированные программы» as a job", () => {
  it(`makes ${PAIRS} programs across several executions, equal to one uninterrupted run`, () => {
    // The old path: every program in one go.
    const plainBook = school();
    const plain = setup(plainBook);
    const first = plain.execution();
    const before = plain.calls();
    const result = generateDocuments({ workbook: plainBook, clock, store: first.store }, ["program"]);
    expect(result.stored).toHaveLength(PAIRS);
    const perProgram = (plain.calls() - before) / PAIRS;
    const docCalls = plain.fake.env.calls.total("DocumentApp") / PAIRS;

    // The job without a scheduler (offline): one execution to the end.
    const onceBook = school();
    const once = setup(onceBook, false);
    const single = runToEnd(once);
    expect(single.map((o) => o.status)).toEqual(["done"]);
    expect(once.programs()).toEqual(plain.programs());
    expect(documentLines(onceBook)).toEqual(documentLines(plainBook));

    // The job in Apps Script: continued by triggers.
    const wb = school();
    const env = setup(wb);
    const outcomes = runToEnd(env);
    const executions = outcomes.length;
    expect(executions).toBeGreaterThanOrEqual(3);
    for (const o of outcomes.slice(0, -1)) {
      expect(o.status).toBe("continues");
      expect(o.message).toMatch(
        /^«Персонализированные программы» продолжится автоматически через минуту, выполнено \d+% \(\d+ из 64\)\. Результат появится в «Журнале»\.$/,
      );
    }
    const last = outcomes.at(-1)!;
    expect(last.status).toBe("done");
    expect(last.message).toBe(`Программы: 64 документа в папке «${FOLDER}» (создано 64, обновлено 0).`);

    // The same documents: one per pair, no copies, the same text; the same «Журнал» lines.
    const docs = env.programs();
    expect(Object.keys(docs)).toHaveLength(PAIRS);
    expect(env.files()).toHaveLength(PAIRS);
    expect(docs).toEqual(plain.programs());
    expect(documentLines(wb)).toEqual(documentLines(plainBook));
    expect(documentLines(wb)).toHaveLength(PAIRS);
    // The result of a continuation is in «Журнал» too (nobody sees its toast).
    const log = Table.load(wb, "log").records().at(-1)!.values;
    expect(String(log.message)).toBe(`Персонализированные программы готовы. ${last.message}`);
    expect(pendingJobs(env.state)).toEqual([]);
    expect(env.scheduled.at(-1)).toBe("отменено");
    expect(env.scheduled.filter((s) => s === "через 60 с")).toHaveLength(executions - 1);

    const perExecution = PAIRS / (executions - 1);
    process.stdout.write(
      `programs job: ${perProgram.toFixed(0)} service calls per program (DocumentApp ${docCalls.toFixed(0)}); ` +
        `at ${MS_PER_CALL} ms a call ${((perProgram * MS_PER_CALL) / 1000).toFixed(1)} s per program; ` +
        `${PAIRS} programs in ${executions} executions (about ${perExecution.toFixed(1)} per execution)\n`,
    );
  });

  it("refuses a second start while it is under way, in Russian", () => {
    const wb = school();
    const env = setup(wb);
    const job = programsJob();
    expect(runJob(job, env.execution(), "start").status).toBe("continues");
    const second = runJob(job, env.execution(), "start");
    expect(second.status).toBe("refused");
    expect(second.message).toMatch(
      /^«Персонализированные программы» уже выполняется, выполнено \d+% \(\d+ из 64\)\. Она продолжится автоматически через минуту; результат появится в «Журнале»\.$/,
    );
    // A continuation arriving while another execution is at work is refused too.
    const m = readMarker<ProgramsCursor>(env.state, "programs")!;
    env.state.set("Наставничество.job.programs", JSON.stringify({ ...m, running: true }));
    expect(runJob(job, env.execution(), "continue").status).toBe("refused");
    // The marker is small whatever the number of pairs: a script property holds at most 9 kB.
    expect(JSON.stringify(m).length).toBeLessThan(500);
  });

  it("run again after it finished, replaces every program instead of adding copies", () => {
    const wb = school();
    const env = setup(wb);
    runToEnd(env);
    const ids = env.files().map((f) => f.id);
    const texts = env.programs();
    const again = runToEnd(env);
    expect(again.length).toBeGreaterThanOrEqual(3);
    expect(again.at(-1)!.message).toBe(
      `Программы: 64 документа в папке «${FOLDER}» (создано 0, обновлено 64).`,
    );
    expect(env.files().map((f) => f.id)).toEqual(ids);
    expect(env.programs()).toEqual(texts);
    const lines = documentLines(wb);
    expect(lines).toHaveLength(2 * PAIRS);
    expect(lines.slice(PAIRS).every((l) => l.startsWith("Обновлён документ «Программа П-"))).toBe(true);
  });

  it("takes pairs approved meanwhile after the cursor and skips pairs no longer approved", () => {
    const wb = school();
    const env = setup(wb);
    const job = programsJob();
    let outcome = runJob(job, env.execution(), "start");
    expect(outcome.status).toBe("continues");
    const done = readMarker<ProgramsCursor>(env.state, "programs")!.cursor.done;
    const pairs = Table.load(wb, "pairs");
    // The last pair is rejected; a new one is approved with a later ID.
    pairs.set(pairs.find("pair_id", "П-0064"), "status", "отклонена");
    const model = pairs.records()[0].values;
    pairs.add({ ...model, pair_id: "П-0100", mentee_id: Table.load(wb, "mentees").records()[80].values.id });
    pairs.flush(wb);
    while (outcome.status === "continues") outcome = runJob(job, env.execution(), "continue");
    expect(outcome.message).toContain("Программы: 64 документа");
    const names = Object.keys(env.programs());
    expect(names.some((n) => n.startsWith("Программа П-0100 "))).toBe(true);
    expect(names.some((n) => n.startsWith("Программа П-0064 "))).toBe(false);
    expect(done).toBeGreaterThan(0);
  });

  it("never holds the workbook lock while it makes a program; «Журнал» is written under it", () => {
    const wb = school();
    const env = setup(wb);
    let held = false;
    const seen = { savesLocked: 0, savesFree: 0, journalLocked: 0, journalFree: 0 };
    const lock = {
      withLock<T>(_ms: number, fn: () => T): T {
        expect(held).toBe(false);
        held = true;
        try {
          return fn();
        } finally {
          held = false;
        }
      },
    };
    const append = wb.append.bind(wb);
    wb.append = (sheet, values) => {
      if (sheet === "Журнал") seen[held ? "journalLocked" : "journalFree"]++;
      append(sheet, values);
    };
    const job = programsJob();
    const execution = () => {
      const ports = env.execution();
      const save = ports.store.save.bind(ports.store);
      ports.store.save = (doc, folder) => {
        seen[held ? "savesLocked" : "savesFree"]++;
        return save(doc, folder);
      };
      return { ...ports, lock };
    };
    let outcome = runJob(job, execution(), "start");
    while (outcome.status === "continues") outcome = runJob(job, execution(), "continue");
    expect(outcome.status).toBe("done");
    expect(seen).toEqual({
      savesLocked: 0,
      savesFree: PAIRS,
      journalLocked: expect.any(Number),
      journalFree: 0,
    });
    expect(seen.journalLocked).toBeGreaterThan(1);
    expect(documentLines(wb)).toHaveLength(PAIRS);
  });

  it("with no approved pair says so", () => {
    const wb = school(0);
    const env = setup(wb);
    const outcome = runJob(programsJob(), env.execution(), "start");
    expect(outcome).toMatchObject({
      status: "done",
      message: "Утверждённых пар нет: программы не созданы. Утвердите пары на листе «Пары».",
    });
    expect(env.fake.env.calls.total("DocumentApp")).toBe(0);
    expect(
      describePrograms({ after: null, done: 1, total: 1, created: 1, replaced: 0, folder: FOLDER }),
    ).toBe(`Программы: 1 документ в папке «${FOLDER}» (создано 1, обновлено 0).`);
  });
});
