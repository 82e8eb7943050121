import * as vm from "node:vm";
import { GasWorkbook } from "../../src/gas/workbook";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { ROOT_ID } from "../gas-fake/drive";
import { seedApprovedPairs } from "../support/approved-pairs";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * «Документы: персонализированные программы» in the built bundle over the fake Sheets, DocumentApp
 * and DriveApp, with a simulated clock: the bundle's Date.now() (its stopwatch) advances by 150 ms a
 * service call (Utilities apart), so 64 programs (8 calls each: created, then written and styled by
 * three Docs API requests) cannot fit one execution's budget (45 s and 150 calls of documents, at
 * most 25 programmes: at most 300 calls and 60 s in all) and continue from triggers — each execution
 * with many programmes, the workbook read once and «Журнал» written once.
 */
const PAIRS = 64;
const MS_PER_CALL = 150;
/** Where Apps Script keeps the programs: the root of the curator's Drive (no Drive scope). */
const FOLDER = "Мой диск";
const NOW = new Date(Date.UTC(2027, 4, 20, 7, 0)); // 20.05.2027 10:00 in Moscow

function school(): { fake: LoadedBundle; docs: DocumentsControl } {
  let docs: DocumentsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    docs = installDocumentApp(f);
  });
  fake.call("menuInitWorkbook");
  // The school, its banks and the approved pairs, written by the core from this side, uncounted.
  Object.assign(globalThis, { Utilities: fake.globals.Utilities });
  fake.calls.untracked(() => {
    const wb = new GasWorkbook(fake.globals.SpreadsheetApp.getActive());
    seedApprovedPairs(wb, NOW, PAIRS);
  });
  fake.calls.reset();
  fake.state.toasts.length = 0;
  return { fake, docs: docs! };
}

/** The programs in «Мой диск»: name → text. */
function programs(docs: DocumentsControl): Record<string, string> {
  const ids = new Set(docs.drive.filesIn(ROOT_ID).map((f) => f.id));
  const out: Record<string, string> = {};
  for (const d of docs.all())
    if (ids.has(d.data.file.id)) {
      expect(out[d.name]).toBeUndefined();
      out[d.name] = d.text();
    }
  return out;
}

/** The «Сообщение» of every line of «Журнал» (found by its key). */
const messages = (fake: LoadedBundle) => {
  const log = fake.sheet("Журнал").values();
  const mc = log[0].indexOf("message");
  return log.map((r) => String(r[mc]));
};

const documentLines = (fake: LoadedBundle) =>
  messages(fake).filter((m) => /^(Создан|Обновлён) документ «/.test(m));

const continuations = (fake: LoadedBundle) => fake.state.triggers.filter((t) => t.handler === "continueJobs");

test(`«Персонализированные программы» for ${PAIRS} pairs continue across executions to the documents of one run`, () => {
  // The real clock, far inside the time budget: the executions are cut by their calls (issue 14,
  // item 7: at most 300 service calls an execution, Utilities apart).
  const once = school();
  const remote = () => once.fake.calls.total() - once.fake.calls.total("Utilities");
  let docCalls = 0;
  let driveCalls = 0;
  const perExecution: number[] = [];
  const execution = (fn: () => void) => {
    once.fake.calls.reset();
    fn();
    perExecution.push(remote());
    docCalls += (once.fake.calls.total("DocumentApp") + once.fake.calls.total("Docs")) / PAIRS;
    driveCalls += once.fake.calls.total("DriveApp") / PAIRS;
  };
  execution(() => once.fake.call("menuDocPrograms"));
  while (continuations(once.fake).length > 0) execution(() => once.fake.call("continueJobs"));
  expect(once.fake.state.alerts).toEqual([]);
  expect(messages(once.fake).at(-1)).toBe(
    `Персонализированные программы готовы. Программы: 64 документа в папке «${FOLDER}» (создано 64, обновлено 0).`,
  );
  expect(perExecution.length).toBeGreaterThan(1);
  for (const n of perExecution) expect(n).toBeLessThanOrEqual(300);
  // A handful of executions for 64 programmes, not one an execution.
  expect(perExecution.length).toBeLessThanOrEqual(7);
  const expected = programs(once.docs);
  expect(Object.keys(expected)).toHaveLength(PAIRS);

  // The same school with the simulated clock.
  const { fake, docs } = school();
  const start = Date.now();
  // Utilities runs in the script's own runtime (bench/latency.mjs: 0.05 ms a call): not a service.
  const simNow = () => start + (fake.calls.total() - fake.calls.total("Utilities")) * MS_PER_CALL;
  (fake.context as Record<string, unknown>).__simNow = simNow;
  vm.runInContext("Date.now = function () { return __simNow(); };", fake.context as vm.Context);
  const durations: number[] = [];
  const made: number[] = [];
  const timed = (fn: () => void) => {
    const t0 = simNow();
    const before = documentLines(fake).length;
    fn();
    durations.push(simNow() - t0);
    made.push(documentLines(fake).length - before);
  };

  timed(() => fake.call("menuDocPrograms"));
  expect(fake.state.toasts.at(-1)?.message).toMatch(
    /^«Персонализированные программы» продолжится автоматически через минуту, выполнено \d+% \(\d+ из 64\)/,
  );
  // A second start while it is under way is refused with a clear message.
  fake.call("menuDocPrograms");
  expect(fake.state.alerts.at(-1)?.prompt).toMatch(
    /«Персонализированные программы» уже выполняется, выполнено \d+% \(\d+ из 64\)\. Она продолжится автоматически через минуту/,
  );

  let executions = 1;
  while (continuations(fake).length > 0) {
    const pending = continuations(fake);
    expect(pending).toHaveLength(1);
    expect(pending[0].schedule.afterMs).toBe(60_000);
    timed(() => fake.call("continueJobs"));
    executions++;
    expect(executions).toBeLessThanOrEqual(PAIRS);
  }
  expect(executions).toBeGreaterThanOrEqual(3);
  // Many programmes an execution (issue 14, item 7: it was one), never more than the Docs API's
  // 60 write requests a minute allow (two a programme).
  for (const n of made.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(10);
  expect(Math.max(...made)).toBeLessThanOrEqual(25);
  expect(executions).toBeLessThanOrEqual(7);
  // Each execution within a minute of the simulated clock.
  for (const d of durations) expect(d).toBeLessThanOrEqual(60_000);
  expect(programs(docs)).toEqual(expected);
  expect(docs.drive.filesIn(ROOT_ID)).toHaveLength(PAIRS);
  expect(documentLines(fake)).toEqual(documentLines(once.fake));
  expect(messages(fake).at(-1)).toBe(
    `Персонализированные программы готовы. Программы: 64 документа в папке «${FOLDER}» (создано 64, обновлено 0).`,
  );
  expect(Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."))).toEqual([]);

  // Run again: every program replaced, none added.
  const ids = docs.drive
    .filesIn(ROOT_ID)
    .map((f) => f.id)
    .sort();
  fake.call("menuDocPrograms");
  while (continuations(fake).length > 0) fake.call("continueJobs");
  expect(
    docs.drive
      .filesIn(ROOT_ID)
      .map((f) => f.id)
      .sort(),
  ).toEqual(ids);
  expect(programs(docs)).toEqual(expected);
  expect(documentLines(fake).slice(PAIRS)).toHaveLength(PAIRS);
  expect(
    documentLines(fake)
      .slice(PAIRS)
      .every((l) => l.startsWith("Обновлён документ")),
  ).toBe(true);

  process.stdout.write(
    `programs job in the bundle: ${docCalls.toFixed(0)} DocumentApp and Docs + ${driveCalls.toFixed(1)} DriveApp calls per program, ` +
      `${perExecution.length} executions of at most ${Math.max(...perExecution)} calls; ` +
      `at ${MS_PER_CALL} ms a call: ${executions} executions of simulated ${durations.map((d) => Math.round(d / 1000)).join(", ")} s, ` +
      `programs per execution ${made.join(", ")}\n`,
  );
});
