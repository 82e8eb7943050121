/**
 * A storm of submissions (issue 14, item 3). Apps Script runs at most 30 executions of a user at a
 * time; the submit trigger runs as its owner, so when 60 respondents submit at once the executions
 * past 30 are refused before any code of ours runs — nothing journaled, nothing queued — while
 * every response row is in the response sheet. The fake refuses them the same way
 * (test/gas-fake/executions.ts). The reconciliation (core/jobs/reconcile.ts), at the start of the
 * menu actions and in the daily trigger, takes every row after its high-water mark: each person is
 * in the bank exactly once, whatever the curator did to the response sheet meanwhile.
 */

import type { FormsControl } from "../gas-fake/forms";
import type { LoadedBundle } from "../support/gas";
import { MENTEE_FORM, MENTEE_RESPONSES, menteeAnswers, records, setupSchool } from "../support/school";

interface Respondent {
  email: string;
  name: string;
  at: Date;
}

function respondents(from: number, n: number, minute: number): Respondent[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `p${from + i}@school1.ru`,
    name: `Ученик ${String(from + i).padStart(3, "0")}`,
    at: new Date(Date.UTC(2026, 8, 1, 9, minute, i)),
  }));
}

/** Everyone submits at once: the executions overlap, as Apps Script would run them. */
function storm(fake: LoadedBundle, forms: FormsControl, people: Respondent[]): void {
  fake.simultaneously(() => {
    for (const p of people)
      forms.submit(MENTEE_FORM, { email: p.email, at: p.at, answers: menteeAnswers(p.name) });
  });
}

const bankEmails = (fake: LoadedBundle) =>
  records(fake, "Наставляемые")
    .map((m) => String(m.email))
    .sort();

const journal = (fake: LoadedBundle) => records(fake, "Журнал").map((r) => String(r.message));

describe("60 submissions at once with Apps Script's 30 simultaneous executions", () => {
  it("the 30 refused never ran; the next menu action takes them: each person in the bank exactly once", () => {
    const { fake, forms } = setupSchool();
    const people = respondents(0, 60, 0);
    storm(fake, forms, people);

    // Google kept every response in the sheet; our code saw only 30 of them.
    expect(fake.sheet(MENTEE_RESPONSES).lastRow).toBe(61);
    expect(fake.refusedExecutions).toHaveLength(30);
    expect(new Set(fake.refusedExecutions.map((r) => r.handler))).toEqual(new Set(["onFormResponse"]));
    expect(bankEmails(fake)).toHaveLength(30);
    // Nothing journaled, nothing queued for the refused ones: no code of ours ran for them.
    expect(journal(fake).filter((m) => /не обработан|Переобработ/.test(m))).toEqual([]);
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(0);

    // A menu action that reads the banks reconciles first.
    fake.call("menuRecomputeMonitoring");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain("Учтены ответы анкет, не обработанные сразу: 30.");
    expect(bankEmails(fake)).toEqual(people.map((p) => p.email).sort());

    // Again: nothing new, nothing taken twice.
    fake.call("menuRecomputeMonitoring");
    expect(fake.state.toasts.at(-1)?.message).not.toContain("Учтены ответы");
    expect(bankEmails(fake)).toHaveLength(60);
  });

  it("the daily trigger takes them too, after the curator sorted the response sheet and deleted a row", () => {
    const { fake, forms } = setupSchool();
    fake.call("menuRoadmapInstallTrigger");
    const daily = fake.state.triggers.find((t) => t.handler === "dailyReminders")!;
    storm(fake, forms, respondents(0, 60, 0));
    fake.call("menuRecomputeMonitoring");
    expect(bankEmails(fake)).toHaveLength(60);

    // A second storm an hour later: 40 more, 10 of them refused (20 slots of the owner's 30 free
    // again, since the first storm's executions ended).
    const later = respondents(100, 40, 60);
    storm(fake, forms, later);
    expect(fake.refusedExecutions).toHaveLength(30 + 10);
    expect(bankEmails(fake)).toHaveLength(90);

    // The curator sorts the response sheet by name, Я to А, and deletes one of the first storm's rows.
    const sheet = fake.sheet(MENTEE_RESPONSES);
    const header = sheet.row(1).map(String);
    const nameCol = header.indexOf("ФИО");
    fake.calls.untracked(() => {
      const rows = sheet.values().slice(1);
      rows.sort((a, b) => String(b[nameCol]).localeCompare(String(a[nameCol])));
      sheet.setValues(
        "A2",
        rows.map((r) => r.map((v) => (typeof v === "string" && v !== "" ? `'${v}` : v))),
      );
      const gone = rows.findIndex((r) => String(r[nameCol]) === "Ученик 005");
      sheet.deleteRows(gone + 2, 1);
    });

    fake.fireTrigger(daily.id);
    const emails = bankEmails(fake);
    expect(emails).toHaveLength(100);
    expect(new Set(emails).size).toBe(100);
    expect(emails).toEqual([...respondents(0, 60, 0), ...later].map((p) => p.email).sort());
    expect(journal(fake)).toContain("Учтены ответы анкет, не обработанные сразу: 10.");
  });

  it("an answer edited during the storm (refused) still replaces the older one", () => {
    const { fake, forms } = setupSchool();
    const people = respondents(0, 30, 0);
    storm(fake, forms, people);
    fake.call("menuRecomputeMonitoring");
    // 30 more arrive at once and take every slot; the edit of Ученик 000's answer (a new class)
    // comes 31st and is refused.
    fake.simultaneously(() => {
      for (const p of respondents(200, 30, 30))
        forms.submit(MENTEE_FORM, { email: p.email, at: p.at, answers: menteeAnswers(p.name) });
      forms.submit(
        MENTEE_FORM,
        {
          email: "p0@school1.ru",
          at: new Date(Date.UTC(2026, 8, 1, 10)),
          answers: menteeAnswers("Ученик 000", "6Б"),
        },
        2,
      );
    });
    expect(fake.refusedExecutions).toHaveLength(1);
    const before = records(fake, "Наставляемые").find((m) => m.email === "p0@school1.ru");
    expect(before?.class).toBe("7Б");
    fake.call("menuRecomputeMonitoring");
    const mine = records(fake, "Наставляемые").filter((m) => m.email === "p0@school1.ru");
    expect(mine).toHaveLength(1);
    expect(mine[0].class).toBe("6Б");
    expect(bankEmails(fake)).toHaveLength(60);
  });
});
