/**
 * Hostile answers through the real path: the fake Google Form writes the response row, the submit
 * trigger of dist/Code.js takes it. No formula is ever evaluated or written, every response ends as
 * a bank row or a «Журнал» line with its original, nothing surfaces as an alert.
 */
import fc from "fast-check";
import { questionnaire } from "../../src/core/questionnaires/schema";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { CORPUS, nastyString, RUNS, submissionOf } from "../support/fuzz";
import { type LoadedBundle, loadBundle } from "../support/gas";

let fake: LoadedBundle;
let forms: FormsControl;
let lists: Record<string, string[]>;

beforeAll(() => {
  fake = loadBundle({}, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  const s = fake.sheet("Справочники").values();
  lists = {};
  s[0].forEach((k, c) => {
    lists[String(k)] = s
      .slice(2)
      .map((r) => String(r[c]))
      .filter((v) => v !== "");
  });
});

function table(name: string) {
  const rows = fake.sheet(name).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

const noFormulas = (name: string) =>
  fake
    .sheet(name)
    .formulas()
    .flat()
    .every((f) => f === "");

let n = 0;

test("fuzz: hostile mentee answers through the fake form and the submit trigger", () => {
  const q = questionnaire("mentee");
  const seen = { bank: 0, journal: 0 };
  fc.assert(
    fc.property(submissionOf(q, lists), (s) => {
      const email = `r${n++}@school1.ru`;
      const answers = Object.fromEntries(
        Object.entries(s.answers).map(([k, v]) => [k, v.split("\u0000").join("")]),
      );
      const journalBefore = table("Журнал").length;
      forms.submit("Анкета наставляемого", { email, at: s.at ?? new Date(Date.UTC(2026, 8, 1)), answers });
      expect(fake.state.alerts).toEqual([]);
      const row = table("Наставляемые").find((m) => m.email === email);
      if (row) {
        seen.bank++;
        // Text is kept exactly as typed (trimmed), formula-like or not.
        const name = (answers.ФИО ?? "").trim();
        if (name !== "") expect(row.full_name).toBe(name);
      } else {
        seen.journal++;
        const lines = table("Журнал").slice(journalBefore);
        expect(lines.some((l) => l.level === "ошибка" && String(l.original).includes(email))).toBe(true);
      }
      expect(noFormulas("Наставляемые")).toBe(true);
      expect(noFormulas("Журнал")).toBe(true);
    }),
    RUNS(60),
  );
  expect(seen.bank).toBeGreaterThan(5);
  expect(seen.journal).toBeGreaterThan(5);
  process.stdout.write(`gas fuzz: ${seen.bank} responses in the bank, ${seen.journal} in «Журнал»\n`);
});

test("the hostile corpus as a participant's name: stored as text, never as a formula", () => {
  const base = {
    "Кто вы": "обучающийся",
    "Класс (для обучающихся)": "7Б",
    "Форма наставничества": "ученик – ученик",
    "Ваши запросы к наставнику": "Повышение успеваемости",
    "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»":
      "Согласен(на)",
    "ФИО законного представителя (для участников младше 18 лет)": "Родитель",
    "Законный представитель даёт согласие на обработку персональных данных несовершеннолетнего":
      "Согласен(на)",
  };
  const names = [...CORPUS, ...fc.sample(nastyString, { seed: 7, numRuns: 20 })].filter(
    (x) => x.trim() !== "" && !x.includes("\u0000"),
  );
  for (const name of names) {
    const email = `c${n++}@school1.ru`;
    forms.submit("Анкета наставляемого", {
      email,
      at: new Date(Date.UTC(2026, 8, 2)),
      answers: { ...base, ФИО: name },
    });
    const row = table("Наставляемые").find((m) => m.email === email);
    if (row) expect([name, row.full_name]).toEqual([name, name.trim()]);
    else expect(String(table("Журнал").at(-1)?.original)).toContain(email);
  }
  expect(noFormulas("Наставляемые")).toBe(true);
  process.stdout.write(`gas corpus: ${names.length} hostile names submitted\n`);
});
