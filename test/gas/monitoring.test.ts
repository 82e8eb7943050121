import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";

const CONSENT =
  "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»";

function records(fake: LoadedBundle, sheet: string) {
  const rows = fake.sheet(sheet).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

/** A teacher pair, approved, through the forms and the menu, as a curator would do it. */
function approvedPair(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  const at = new Date(Date.UTC(2026, 8, 15, 9));
  forms!.submit("Анкета наставника", {
    email: "orlova@school1.ru",
    at,
    answers: {
      ФИО: "Орлова Марина Сергеевна",
      "Кто вы": "опытный педагог",
      "В каких формах наставничества вы готовы работать": ["учитель – учитель"],
      "Профессиональные компетенции": ["Классное руководство"],
      [CONSENT]: "Согласен(на)",
    },
  });
  forms!.submit("Анкета наставляемого", {
    email: "young@school1.ru",
    at,
    answers: {
      ФИО: "Новикова Анна Петровна",
      "Кто вы": "молодой специалист (стаж 0–3 года)",
      "Педагогический стаж, полных лет (для педагогов)": "1",
      "Форма наставничества": "учитель – учитель",
      "Ваши запросы к наставнику": ["Классное руководство"],
      [CONSENT]: "Согласен(на)",
    },
  });
  fake.call("menuMatchPairs");
  fake.call("menuApprovePairs");
  expect(records(fake, "Пары")).toHaveLength(1);
  return { fake, forms: forms! };
}

describe("monitoring through Apps Script", () => {
  it("follows each meeting feedback by itself: «Работа пар» and «Мониторинг» update with no menu click", () => {
    const { fake, forms } = approvedPair();
    const pairId = String(records(fake, "Пары")[0].pair_id);
    forms.submit("Обратная связь после встречи", {
      email: "orlova@school1.ru",
      at: new Date(Date.UTC(2026, 10, 19, 15)),
      answers: {
        "Ваша роль": "наставник",
        "Дата встречи": new Date(Date.UTC(2026, 10, 19)),
        "Тип встречи": "встреча-знакомство",
        "Насколько полезной была встреча (от 1 до 10)": 9,
      },
    });
    expect(records(fake, "Встречи")).toHaveLength(1);
    const activity = records(fake, "Работа пар").find((r) => r.pair_id === pairId);
    expect(activity).toBeDefined();
    expect(records(fake, "Мониторинг").some((r) => r.scope === pairId)).toBe(true);
    expect(records(fake, "Мониторинг").some((r) => r.scope === "Программа в целом")).toBe(true);
  });

  it("«Пересчитать мониторинг» and «Завершить цикл» (after the curator's yes) run from the menu", () => {
    const { fake } = approvedPair();
    fake.call("menuRecomputeMonitoring");
    expect(
      fake.state.alerts.filter((a) => a.prompt.includes("Ошибка") || a.prompt.includes("Exception")),
    ).toEqual([]);
    fake.state.alertResponses.push("NO");
    fake.call("menuCloseCycle");
    expect(records(fake, "Пары")[0].status).toBe("утверждена");
    fake.state.alertResponses.push("YES");
    fake.call("menuCloseCycle");
    expect(records(fake, "Пары")[0].status).toBe("завершена");
    expect(records(fake, "Наставники")).toHaveLength(1);
    expect(records(fake, "Наставляемые")).toHaveLength(1);
  });

  it("«Завершить цикл» runs as a job: refused while another execution is closing the year", () => {
    const { fake } = approvedPair();
    // Another execution claimed the closing a moment ago and is still working on it (markers
    // carry the school's wall clock: Moscow, UTC+3).
    const now = Date.now() + 3 * 3600_000;
    fake.globals.PropertiesService.getScriptProperties().setProperty(
      "Наставничество.job.close_cycle",
      JSON.stringify({
        job: "close_cycle",
        title: "Завершение цикла",
        cursor: { options: null, message: "" },
        startedAt: now,
        updatedAt: now,
        running: true,
        runs: 1,
        chunks: 0,
      }),
    );
    fake.state.alertResponses.push("YES");
    fake.call("menuCloseCycle");
    expect(fake.state.alerts.at(-1)?.prompt).toContain("«Завершение цикла» уже выполняется");
    expect(records(fake, "Пары")[0].status).toBe("утверждена");
  });
});
