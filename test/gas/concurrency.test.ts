/**
 * Concurrency in the fake, by interleaving what Apps Script would run at the same time: submit
 * triggers while another execution holds the lock, a submission and a curator's edit arriving
 * between a re-match's read and its write. No row is lost, none is duplicated.
 */
import fc from "fast-check";
import { sampleSchool } from "../../src/core/demo/sample";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { FakeRange } from "../gas-fake/range";
import { type LoadedBundle, loadBundle } from "../support/gas";

const RESPONSES = "Ответы — Анкета наставляемого";

const answers = (name: string, cls: string): Record<string, string> => ({
  ФИО: name,
  "Кто вы": "обучающийся",
  "Класс (для обучающихся)": cls,
  "Форма наставничества": "ученик – ученик",
  "Ваши запросы к наставнику": "Повышение успеваемости",
  "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»":
    "Согласен(на)",
  "ФИО законного представителя (для участников младше 18 лет)": "Родитель",
  "Законный представитель даёт согласие на обработку персональных данных несовершеннолетнего": "Согласен(на)",
});

function setup(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  return { fake, forms: forms! };
}

function table(fake: LoadedBundle, name: string) {
  const rows = fake.sheet(name).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

function runContinuations(fake: LoadedBundle): void {
  for (let i = 0; i < 50 && fake.state.triggers.some((t) => t.handler === "continueJobs"); i++)
    fake.call("continueJobs");
}

/** Response rows written at once (as Forms does for simultaneous respondents), their triggers not yet fired. */
function writeResponses(
  fake: LoadedBundle,
  responses: { email: string; at: Date; name: string; cls: string }[],
): number[] {
  const sheet = fake.sheet(RESPONSES);
  const header = sheet.row(1).map(String);
  const first = Math.max(sheet.lastRow, 1) + 1;
  const rows = responses.map((r) =>
    header.map((title) =>
      title === "Отметка времени"
        ? r.at
        : title === "Адрес электронной почты"
          ? r.email
          : (answers(r.name, r.cls)[title] ?? ""),
    ),
  );
  fake.calls.untracked(() => sheet.setValues(`A${first}`, rows));
  return responses.map((_, i) => first + i);
}

function fire(fake: LoadedBundle, row: number): void {
  const width = fake.sheet(RESPONSES).row(1).length;
  fake.call("onFormResponse", {
    authMode: "FULL",
    range: fake.spreadsheet.range(RESPONSES, `A${row}:${String.fromCharCode(64 + width)}${row}`),
    namedValues: {},
    values: [],
    triggerUid: "t",
  });
}

describe("simultaneous submissions", () => {
  it("held 40 submissions of 25 respondents fired in any order, some while the lock was busy: each respondent once, newest answer", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.constantFrom("free", "busy-30s", "busy-forever"), { minLength: 40, maxLength: 40 }),
        (order, locks) => {
          const { fake } = setup();
          // 25 respondents; 15 of them answer twice (the second answer later, another class).
          const responses = Array.from({ length: 40 }, (_, i) => {
            const who = i < 25 ? i : i - 25;
            return {
              email: `p${who}@school1.ru`,
              name: `Ученик ${who}`,
              at: new Date(Date.UTC(2026, 8, 1, 9, i)),
              cls: i < 25 ? "5А" : "6Б",
            };
          });
          const rows = writeResponses(fake, responses);
          const shuffled = rows.map((r, i) => ({ r, k: order[i] })).sort((a, b) => a.k - b.k || a.r - b.r);
          shuffled.forEach(({ r }, i) => {
            if (locks[i] === "busy-30s") fake.lock.holdByOther("script", 20_000);
            if (locks[i] === "busy-forever") fake.lock.holdByOther("script");
            fire(fake, r);
            fake.lock.release("script");
          });
          runContinuations(fake);
          const bank = table(fake, "Наставляемые");
          const emails = bank.map((m) => String(m.email));
          expect(new Set(emails).size).toBe(emails.length);
          expect(emails.length).toBe(25);
          for (const m of bank) {
            const n = Number(String(m.email).slice(1, String(m.email).indexOf("@")));
            expect(m.class).toBe(n < 15 ? "6Б" : "5А");
          }
          expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(0);
        },
      ),
      { numRuns: 8, seed: 20260901 },
    );
  });
});

describe("a submission and a curator's edit during a full re-match", () => {
  let hook: ((sheet: string) => void) | null = null;
  const getValues = FakeRange.prototype.getValues;
  beforeAll(() => {
    FakeRange.prototype.getValues = function (this: FakeRange) {
      const v = getValues.call(this);
      if (hook) hook(this.sheet.name);
      return v;
    };
  });
  afterAll(() => {
    FakeRange.prototype.getValues = getValues;
  });

  it("the submission waits and lands once; the curator's new pair row and comment stay; no pair twice", () => {
    const { fake, forms } = setup();
    const school = sampleSchool(new Date(Date.UTC(2026, 10, 22)), 20260901, { mentors: 12, mentees: 30 });
    for (const [sheet, people, prefix] of [
      ["Наставники", school.mentors, "Н"],
      ["Наставляемые", school.mentees, "НЯ"],
    ] as const) {
      const keys = fake.sheet(sheet).row(1).map(String);
      const rows = people.map((p, i) =>
        keys.map((k) => (k === "id" ? `${prefix}-${String(i + 1).padStart(4, "0")}` : (p[k] ?? ""))),
      );
      fake.calls.untracked(() => fake.sheet(sheet).setValues("A3", rows));
    }
    fake.call("menuMatchPairs");
    fake.call("menuApprovePairs");
    expect(fake.state.alerts).toEqual([]);
    const proposedBefore = table(fake, "Пары").length;
    expect(proposedBefore).toBeGreaterThan(5);

    // The re-match reads «Пары» first, then the banks: the curator adds a pair row right after the
    // first read; a respondent submits right after the read of «Наставляемые».
    const events: string[] = [];
    hook = (sheet) => {
      if (sheet === "Пары" && !events.includes("curator")) {
        events.push("curator");
        const pairs = fake.sheet("Пары");
        const keys = pairs.row(1).map(String);
        pairs.setValues(`A${pairs.lastRow + 1}`, [
          keys.map((k) =>
            k === "pair_id" ? "П-9999" : k === "status" ? "запрещена" : k === "comment" ? "куратор" : "",
          ),
        ]);
      }
      if (sheet === "Наставляемые" && !events.includes("submission")) {
        events.push("submission");
        const saved = hook;
        hook = null;
        forms.submit("Анкета наставляемого", {
          email: "late@school1.ru",
          at: new Date(Date.UTC(2026, 10, 22, 12)),
          answers: answers("Поздний Ученик", "7А"),
        });
        hook = saved;
      }
    };
    fake.state.alertResponses.push("YES");
    fake.call("menuRematchAll");
    hook = null;
    expect(events).toEqual(["curator", "submission"]);
    expect(fake.state.alerts.slice(1)).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain("Подбор пар");

    // The submission found the workbook busy: logged, queued, and taken a minute later.
    expect(table(fake, "Наставляемые").filter((m) => m.email === "late@school1.ru")).toHaveLength(0);
    runContinuations(fake);
    expect(table(fake, "Наставляемые").filter((m) => m.email === "late@school1.ru")).toHaveLength(1);

    const pairs = table(fake, "Пары");
    const ids = pairs.map((p) => String(p.pair_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pairs.filter((p) => p.pair_id === "П-9999")).toHaveLength(1);
    const proposed = pairs.filter((p) => p.status === "предложена").map((p) => String(p.mentee_id));
    expect(new Set(proposed).size).toBe(proposed.length);
  });
});
