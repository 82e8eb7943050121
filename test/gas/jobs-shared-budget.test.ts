import * as vm from "node:vm";
import { Table } from "../../src/core/workbook/table";
import { GasWorkbook } from "../../src/gas/workbook";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { seedApprovedPairs } from "../support/approved-pairs";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * One trigger execution continues every job under way, and they share its budget (issue 14,
 * item 7: an execution within 300 calls and 60 s, a job counted per execution). Before, each job
 * had a budget of its own: an execution continuing the programmes (up to 45 s and ~300 calls) then
 * ran the mentors' documents on top. Now the second job gets what is left, or waits for the next
 * execution, where it goes first; both finish, no document is made twice.
 */
const PAIRS = 64;
const MS_PER_CALL = 150;
const NOW = new Date(Date.UTC(2027, 4, 20, 7, 0));

function school(): { fake: LoadedBundle; docs: DocumentsControl } {
  let docs: DocumentsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    docs = installDocumentApp(f);
  });
  fake.call("menuInitWorkbook");
  Object.assign(globalThis, { Utilities: fake.globals.Utilities });
  fake.calls.untracked(() => {
    const wb = new GasWorkbook(fake.globals.SpreadsheetApp.getActive());
    seedApprovedPairs(wb, NOW, PAIRS);
    // Eight mentors in the pairs, each doing it as extra work: 16 documents of theirs.
    const mentors = Table.load(wb, "mentors");
    const pairs = Table.load(wb, "pairs");
    pairs.records().forEach((_r, i) => {
      const m = mentors.records()[i % 8].values;
      pairs.set(i, "mentor_id", m.id);
      pairs.set(i, "mentor_name", m.full_name);
    });
    for (let i = 0; i < 8; i++) mentors.set(i, "labour_basis", "дополнительная работа (ст. 351.8 ТК РФ)");
    pairs.flush(wb);
    mentors.flush(wb);
  });
  fake.calls.reset();
  return { fake, docs: docs! };
}

const jobs = (fake: LoadedBundle) =>
  Object.keys(fake.state.properties.script)
    .filter((k) => k.startsWith("Наставничество.job."))
    .sort();
const pending = (fake: LoadedBundle) =>
  fake.state.triggers.find((t) => t.handler === "continueJobs" && !t.spent);

test("two jobs under way: one trigger execution stays within one budget, both finish, nothing twice", () => {
  const { fake, docs } = school();
  const remote = () => fake.calls.total() - fake.calls.total("Utilities");
  const start = Date.now();
  const simNow = () => start + remote() * MS_PER_CALL;
  (fake.context as Record<string, unknown>).__simNow = simNow;
  vm.runInContext("Date.now = function () { return __simNow(); };", fake.context as vm.Context);

  fake.call("menuDocPrograms");
  fake.call("menuDocLabour");
  expect(fake.state.alerts).toEqual([]);
  expect(jobs(fake)).toEqual(["Наставничество.job.labour_documents", "Наставничество.job.programs"]);

  const perExecution: { calls: number; ms: number }[] = [];
  for (let t = pending(fake); t && perExecution.length < 40; t = pending(fake)) {
    const c0 = remote();
    const t0 = simNow();
    fake.fireTrigger(t.id);
    perExecution.push({ calls: remote() - c0, ms: simNow() - t0 });
  }
  expect(fake.state.alerts).toEqual([]);
  expect(jobs(fake)).toEqual([]);
  expect(pending(fake)).toBeUndefined();
  // Every execution within one budget, the first one (both jobs under way) included.
  for (const e of perExecution) {
    expect(e.calls).toBeLessThanOrEqual(300);
    expect(e.ms).toBeLessThanOrEqual(60_000);
  }
  // Both done, each document once.
  const names = docs.all().map((d) => d.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.filter((n) => n.startsWith("Программа") || /П-\d{4}/.test(n)).length).toBeGreaterThanOrEqual(
    PAIRS,
  );
  const consents = names.filter((n) => n.startsWith("Согласие на наставничество Н-"));
  expect(consents.length).toBeGreaterThan(0);
  expect(names.filter((n) => n.startsWith("Доп. соглашение о наставничестве Н-"))).toHaveLength(
    consents.length,
  );
  process.stdout.write(
    `two jobs: ${perExecution.length} executions: ${perExecution.map((e) => `${e.calls} calls ${Math.round(e.ms / 1000)} s`).join("; ")}\n`,
  );
});
