import type { FormsControl } from "../gas-fake/forms";
import type { LoadedBundle } from "../support/gas";
import {
  MENTEE_FORM,
  menteeAnswers,
  pendingContinuation,
  runContinuations,
  setupSchool,
  records as table,
} from "../support/school";

/**
 * Long operations are never stranded (issue 14, item 4). A one-off clock trigger is spent when it
 * fires — Apps Script keeps listing it until it is deleted, but it never fires again (the fake's
 * fireTrigger does the same) — so a continuation that fails to arm the next one leaves its job
 * waiting forever: it must reschedule itself when the workbook is busy, and a job left waiting
 * with no continuation due is armed again by the next menu action or the daily trigger.
 */
const CURATOR = "curator@school1.ru";
const REPLAY = "Наставничество.job.replay";
const DUE = "Наставничество.jobs.continuation";

/** A response the bank could not take (its sheet was gone): a replay job queued; the book repaired. */
function queuedReplay(): { fake: LoadedBundle; forms: FormsControl } {
  const { fake, forms } = setupSchool({ settings: { curator_email: CURATOR } });
  fake.spreadsheet.deleteSheet("Наставляемые");
  forms.submit(MENTEE_FORM, {
    email: "alisa@mail.ru",
    at: new Date(Date.UTC(2026, 8, 10, 9)),
    answers: menteeAnswers("Смирнова Алиса"),
  });
  fake.call("menuInitWorkbook");
  expect(Object.keys(fake.state.properties.script)).toContain(REPLAY);
  expect(pendingContinuation(fake)).toBeDefined();
  fake.state.mails.length = 0;
  return { fake, forms };
}

const continuationErrors = (fake: LoadedBundle) =>
  table(fake, "Журнал").filter(
    (r) => r.level === "ошибка" && r.operation === "Продолжение длительной операции",
  );

describe("a continuation never strands its job", () => {
  it("the fake spends a one-off trigger when it fires: still listed, never fired again", () => {
    const { fake } = queuedReplay();
    const t = pendingContinuation(fake)!;
    fake.lock.holdByOther("script");
    expect(fake.fireTrigger(t.id)).toBe(true);
    expect(t.spent).toBe(true);
    expect(fake.fireTrigger(t.id)).toBe(false);
  });

  it("finding the workbook lock held, it reschedules itself instead of failing", () => {
    const { fake } = queuedReplay();
    fake.lock.holdByOther("script");
    fake.fireTrigger(pendingContinuation(fake)!.id);
    // Not an error: nothing in «Журнал», no mail; the job waits for a new continuation.
    expect(continuationErrors(fake)).toEqual([]);
    expect(fake.state.mails).toEqual([]);
    expect(pendingContinuation(fake)?.schedule.afterMs).toBe(60_000);
    expect(JSON.parse(fake.state.properties.script[REPLAY]).failed).toBeUndefined();
    // The spent trigger is not left behind: one continuation trigger in all.
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(1);

    fake.lock.release("script");
    runContinuations(fake);
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru"]);
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toEqual([]);
    expect(
      Object.keys(fake.state.properties.script).filter((k) => k.startsWith("Наставничество.job")),
    ).toEqual([]);
  });

  it("a job whose continuation never came is armed again by the next menu action", () => {
    const { fake } = queuedReplay();
    // The trigger was deleted by hand (or spent without running) and its time is long past.
    fake.state.triggers.length = 0;
    const wallNow = Date.now() + 3 * 3600_000;
    fake.state.properties.script[DUE] = String(wallNow - 20 * 60_000);
    fake.call("menuRefreshSummary");
    expect(pendingContinuation(fake)).toBeDefined();
    runContinuations(fake);
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru"]);
  });

  it("… or by the daily trigger, when nobody opens the menu", () => {
    const { fake } = queuedReplay();
    fake.state.triggers.length = 0;
    delete fake.state.properties.script[DUE];
    fake.state.uiAvailable = false;
    fake.call("dailyReminders");
    fake.state.uiAvailable = true;
    expect(pendingContinuation(fake)).toBeDefined();
    runContinuations(fake);
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru"]);
  });

  it("a continuation still due is left alone: a menu action does not duplicate it", () => {
    const { fake } = queuedReplay();
    const before = fake.state.triggers.map((t) => t.id);
    fake.call("menuRefreshSummary");
    expect(fake.state.triggers.map((t) => t.id)).toEqual(before);
  });
});
