/**
 * The workbook most Apps Script tests start from: dist/Code.js under gas-local with the fake
 * FormApp, the workbook initialised and the questionnaires published; plus the small moves those
 * tests make (a setting typed in, a bank filled, a mentee's answers, the continuation triggers
 * fired, a curator's hand between the program's read and its write).
 */
import type { SampleSchool } from "../../src/demo/sample";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { FakeRange } from "../gas-fake/range";
import { type LoadedBundle, loadBundle } from "./gas";

export const MENTEE_FORM = "Анкета наставляемого";
export const MENTEE_RESPONSES = "Ответы — Анкета наставляемого";

/** A student's answers to «Анкета наставляемого», with both consents. */
export function menteeAnswers(name: string, cls = "7Б"): Record<string, string | string[]> {
  return {
    ФИО: name,
    "Кто вы": "обучающийся",
    "Класс (для обучающихся)": cls,
    "Форма наставничества": "ученик – ученик",
    "Ваши запросы к наставнику": ["Повышение успеваемости"],
    "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»":
      "Согласен(на)",
    "ФИО законного представителя (для участников младше 18 лет)": "Смирнова Ольга Петровна",
    "Законный представитель даёт согласие на обработку персональных данных несовершеннолетнего":
      "Согласен(на)",
  };
}

/** Types a value into «Настройки» as a curator would. */
export function setting(fake: LoadedBundle, key: string, value: string): void {
  const s = fake.sheet("Настройки");
  const keys = s.row(1).map(String);
  const row = s.values().findIndex((r) => r[keys.indexOf("key")] === key) + 1;
  s.edit(`${String.fromCharCode(65 + keys.indexOf("value"))}${row}`, value);
}

export interface SchoolOptions {
  access?: Parameters<typeof loadBundle>[0];
  /** «Настройки» typed in after init, by key. */
  settings?: Record<string, string>;
}

/** A fresh workbook: init, the questionnaires published, the settings typed in; no alert. */
export function setupSchool(options: SchoolOptions = {}): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle(options.access ?? {}, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  for (const [key, value] of Object.entries(options.settings ?? {})) setting(fake, key, value);
  if (fake.state.alerts.length > 0) throw new Error(`setup: ${JSON.stringify(fake.state.alerts)}`);
  return { fake, forms: forms! };
}

/** A sheet's data rows as records by key. */
export function records(fake: LoadedBundle, name: string): Record<string, unknown>[] {
  const rows = fake.sheet(name).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

/** Both banks filled directly (IDs Н-0001…, НЯ-0001…), without counting the calls. */
export function fillBanks(fake: LoadedBundle, school: Pick<SampleSchool, "mentors" | "mentees">): void {
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
}

/** The continuation trigger that has yet to fire, if any (a fired one-off trigger is spent). */
export function pendingContinuation(fake: LoadedBundle) {
  return fake.state.triggers.find((t) => t.handler === "continueJobs" && !t.spent);
}

/** Fires the continuation trigger while one is pending, as Apps Script would; the number of runs. */
export function runContinuations(fake: LoadedBundle): number {
  let runs = 0;
  for (let t = pendingContinuation(fake); t && runs < 50; t = pendingContinuation(fake)) {
    fake.fireTrigger(t.id);
    runs++;
  }
  return runs;
}

/**
 * A hand on the sheets: while set, `hook.on(sheetName)` runs right after every getValues the
 * program makes (its read of a sheet), so a test can edit between the read and the write. Install
 * once per file (beforeAll/afterAll are registered here).
 */
export function readHook(): { on: ((sheet: string) => void) | null } {
  const hook: { on: ((sheet: string) => void) | null } = { on: null };
  const getValues = FakeRange.prototype.getValues;
  beforeAll(() => {
    FakeRange.prototype.getValues = function (this: FakeRange) {
      const v = getValues.call(this);
      const on = hook.on;
      if (on) {
        // The hand's own reads do not call it again.
        hook.on = null;
        try {
          on(this.sheet.name);
        } finally {
          if (hook.on === null) hook.on = on;
        }
      }
      return v;
    };
  });
  afterEach(() => {
    hook.on = null;
  });
  afterAll(() => {
    FakeRange.prototype.getValues = getValues;
  });
  return hook;
}
