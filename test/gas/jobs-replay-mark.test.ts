import {
  MENTEE_FORM,
  menteeAnswers,
  pendingContinuation,
  runContinuations,
  setupSchool,
  records as table,
} from "../support/school";

/**
 * «Переобработать ответы» leaves nothing under way (issue 14, item 4). The bench (bench/gas-calls)
 * showed a replay job «under way» after the replay of every response had ended: the replay did not
 * move the reconciliation's mark, so the next menu action's reconciliation found every row newer
 * than no mark, more than a chunk of them, and queued a second replay of them all (a minute of
 * triggers at 1,000 participants, two at 10,000, for nothing). The replay now saves the mark of the
 * rows it took; a response that came after them is still reconciled.
 */
const RESPONSES = "Ответы — Анкета наставляемого";
const ROWS = 620;
const jobKeys = (fake: ReturnType<typeof setupSchool>["fake"]) =>
  Object.keys(fake.state.properties.script).filter((k) => k.startsWith("Наставничество.job."));

/** A school whose mentee response sheet holds ROWS responses no trigger took (no mark yet). */
function school() {
  const { fake, forms } = setupSchool();
  forms.submit(MENTEE_FORM, {
    email: "p0@school1.ru",
    at: new Date(Date.UTC(2026, 8, 1, 8)),
    answers: menteeAnswers("Ученик Нулевой"),
  });
  const sheet = fake.sheet(RESPONSES);
  const first = sheet.values()[1];
  const header = sheet.row(1).map(String);
  const at = header.indexOf("Отметка времени");
  const mail = header.indexOf("Адрес электронной почты");
  const name = header.indexOf("ФИО");
  const row = (i: number) =>
    first.map((v, c) =>
      c === at
        ? new Date(Date.UTC(2026, 8, 2, 8, i))
        : c === mail
          ? `p${i}@school1.ru`
          : c === name
            ? `Ученик Номер${"абвгдеёжзиклмнопрстуфхцчшщэюя"[i % 29]} ${i}`
            : v,
    );
  fake.calls.untracked(() => {
    sheet.model.maxRows = Math.max(sheet.model.maxRows, ROWS + 20);
    sheet.setValues(
      "A3",
      Array.from({ length: ROWS - 1 }, (_, i) => row(i + 1)),
    );
  });
  return { fake, sheet, row };
}

test("after «Переобработать ответы», the next menu action queues no second replay", () => {
  const { fake, sheet, row } = school();
  fake.call("menuReplayResponses");
  runContinuations(fake);
  expect(jobKeys(fake)).toEqual([]);
  const bank = table(fake, "Наставляемые").length;
  expect(bank).toBe(ROWS);

  // The next menu action reconciles: every row is taken already, nothing is queued.
  fake.call("menuRefreshSummary");
  expect(jobKeys(fake)).toEqual([]);
  expect(pendingContinuation(fake)).toBeUndefined();

  // A response whose trigger never ran (refused past 30 executions) is still taken by the next one.
  fake.calls.untracked(() => sheet.setValues(`A${ROWS + 2}`, [row(ROWS)]));
  fake.call("menuRefreshSummary");
  expect(jobKeys(fake)).toEqual([]);
  expect(table(fake, "Наставляемые").map((r) => r.email)).toContain(`p${ROWS}@school1.ru`);
  expect(table(fake, "Наставляемые")).toHaveLength(ROWS + 1);
});
