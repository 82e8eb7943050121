import { GasWorkbook } from "../../src/gas/workbook";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { ROOT_ID } from "../gas-fake/drive";
import { seedApprovedPairs } from "../support/approved-pairs";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { pendingContinuation, records } from "../support/school";

/**
 * A daily quota reached in the middle of «Документы: персонализированные программы»: a gmail.com
 * account creates 250 documents a day, and Apps Script then throws «Service invoked too many times
 * for one day: docs create.» (developers.google.com/apps-script/guides/services/quotas; the fake's
 * DocumentApp counts per user and per day). Here the quota is 5 a day for 12 programs: the job
 * stops with a Russian message, goes on the next day from its cursor, and ends with one document
 * per pair.
 */
const PAIRS = 12;
/** Where Apps Script keeps the programs: the root of the curator's Drive (no Drive scope). */
const FOLDER = "Мой диск";
const NOW = new Date(Date.UTC(2027, 4, 20, 7, 0));
const DAY = 86_400_000;

function school(): { fake: LoadedBundle; docs: DocumentsControl; clock: { t: number } } {
  let docs: DocumentsControl | undefined;
  const clock = { t: NOW.getTime() };
  const fake = loadBundle({ now: () => clock.t }, {}, (f) => {
    docs = installDocumentApp(f, { docsCreatedPerDay: 5 });
  });
  fake.call("menuInitWorkbook");
  Object.assign(globalThis, { Utilities: fake.globals.Utilities });
  fake.calls.untracked(() =>
    seedApprovedPairs(new GasWorkbook(fake.globals.SpreadsheetApp.getActive()), NOW, PAIRS),
  );
  fake.state.toasts.length = 0;
  return { fake, docs: docs!, clock };
}

const inFolder = (docs: DocumentsControl) => docs.drive.filesIn(ROOT_ID).length;

test("the documents quota of the day stops the programs with a Russian message; they go on the next day", () => {
  const { fake, docs, clock } = school();
  fake.call("menuDocPrograms");
  // The first execution makes programmes until the quota stops it (the fifth is the day's last):
  // any continuation a minute later would go on until the quota stops it.
  for (let t = pendingContinuation(fake); t?.schedule.afterMs === 60_000; t = pendingContinuation(fake))
    fake.fireTrigger(t.id);
  // No error alert: the continuation stopped by the quota says why in «Журнал» (nobody sees its
  // toast), and a start that day says when it goes on (below).
  expect(fake.state.alerts).toEqual([]);
  expect(inFolder(docs)).toBe(5);
  const warning = records(fake, "Журнал").at(-1)!;
  expect(warning).toMatchObject({ level: "предупреждение", operation: "Персонализированные программы" });
  expect(String(warning.message)).toContain("Дневной лимит Google исчерпан");
  expect(fake.state.mails).toEqual([]);
  // The continuation is armed for the next day, not in a minute.
  expect(pendingContinuation(fake)?.schedule.afterMs).toBe(DAY);
  // A second start the same day says the same, instead of failing again.
  fake.call("menuDocPrograms");
  expect(fake.state.alerts.at(-1)?.prompt).toContain("Дневной лимит Google исчерпан");
  expect(inFolder(docs)).toBe(5);

  // The next day: five more, then the quota again; the day after, the rest.
  for (const expected of [10, 12]) {
    clock.t += DAY;
    for (let t = pendingContinuation(fake); t; t = pendingContinuation(fake)) {
      fake.fireTrigger(t.id);
      if (pendingContinuation(fake)?.schedule.afterMs === DAY) break;
    }
    expect(inFolder(docs)).toBe(expected);
  }
  expect(pendingContinuation(fake)).toBeUndefined();
  expect(String(records(fake, "Журнал").at(-1)!.message)).toBe(
    `Персонализированные программы готовы. Программы: ${PAIRS} документов в папке «${FOLDER}» (создано ${PAIRS}, обновлено 0).`,
  );
  expect(Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."))).toEqual([]);
  // No error on the way.
  expect(records(fake, "Журнал").filter((r) => r.level === "ошибка")).toEqual([]);
  // The programmes made before the quota stopped an execution are kept: none is written twice.
  const lines = records(fake, "Журнал")
    .map((r) => String(r.message))
    .filter((m) => /^(Создан|Обновлён) документ «/.test(m));
  expect(lines).toHaveLength(PAIRS);
  expect(lines.every((m) => m.startsWith("Создан документ"))).toBe(true);
});
