import { memoryState, runJob } from "../../../src/core/jobs/job";
import { type MentorDocumentsPorts, mentorDocumentsJob } from "../../../src/core/jobs/labour";
import { noProgress } from "../../../src/core/ports";
import { buildDocuments, openDocumentSource } from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { GasDocumentStore } from "../../../src/gas/documents";
import { createDocumentFake } from "../../gas-fake/document";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const clock = { now: () => NOW };

/** The consents and agreements of the played year as a job (chunks of three, 10 s an execution): the same documents as one run. */
it("stores every consent and agreement once, over several executions, each in «Журнал»", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, new Date(Date.UTC(2027, 4, 20)));
  const expected = buildDocuments(openDocumentSource(wb, clock), ["consent", "agreement"])
    .documents.map((d) => d.name)
    .sort();
  expect(expected.length).toBeGreaterThan(6);

  const fake = createDocumentFake();
  const props = new Map<string, string>();
  const properties = {
    getProperty: (k: string) => props.get(k) ?? null,
    setProperty: (k: string, v: string) => {
      props.set(k, v);
      return properties;
    },
  } as unknown as GoogleAppsScript.Properties.Properties;
  const state = memoryState();
  const scheduled: number[] = [];
  // The stopwatch: 40 ms per Apps Script call since the execution began (as test/core/jobs/programs).
  const calls = () => fake.env.calls.total("DocumentApp") + fake.env.calls.total("DriveApp");
  let began = 0;
  const execution = (): MentorDocumentsPorts => ({
    workbook: wb,
    clock,
    progress: noProgress,
    state,
    stopwatch: { elapsedMs: () => (calls() - began) * 40 },
    scheduler: { schedule: (ms) => void scheduled.push(ms), cancel: () => undefined },
    user: "curator@school1.ru",
    store: new GasDocumentStore({ DocumentApp: fake.DocumentApp, properties }),
  });
  const job = mentorDocumentsJob("labour_documents", 3);
  began = calls();
  const outcomes = [runJob(job, execution(), "start", { budgetMs: 10_000 })];
  while (outcomes.at(-1)!.status === "continues") {
    began = calls();
    outcomes.push(runJob(job, execution(), "continue", { budgetMs: 10_000 }));
    expect(outcomes.length).toBeLessThan(40);
  }
  expect(outcomes.length).toBeGreaterThan(1);
  const names = fake.docs
    .all()
    .map((d) => d.name)
    .sort();
  expect(names).toEqual(expected);
  const lines = Table.load(wb, "log")
    .records()
    .map((r) => String(r.values.message))
    .filter((m) => /^Создан документ «/.test(m));
  expect(lines).toHaveLength(expected.length);
  expect(outcomes.at(-1)!.message).toMatch(
    new RegExp(`^Согласия и дополнительные соглашения наставников: ${expected.length} документ`),
  );
});
