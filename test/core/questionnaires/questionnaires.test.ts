import { questionnaires } from "../../../src/core/questionnaires/schema";
import { splitMultiChoice } from "../../../src/core/questionnaires/validate";
import { asSheetKey, sheetTemplate, workbookTemplate } from "../../../src/core/templates/load";

describe("questionnaire definitions", () => {
  it("map every stored question to a column of its target sheet, and choices to real lists", () => {
    const lists = new Set(
      workbookTemplate()
        .sheets.find((s) => s.kind === "lists")!
        .columns.map((c) => c.key),
    );
    for (const q of questionnaires()) {
      const columns = new Set(sheetTemplate(asSheetKey(q.target)).columns.map((c) => c.key));
      for (const question of q.questions) {
        if (question.store !== false)
          expect([q.key, columns.has(question.column ?? question.key)]).toEqual([q.key, true]);
        if (question.list) expect(lists.has(question.list)).toBe(true);
      }
      for (const k of q.identity) expect(columns.has(k)).toBe(true);
    }
  });

  it("pair every entry item with an exit twin of the same key (expectation gap and growth)", () => {
    for (const role of ["mentee", "mentor"]) {
      const entry = questionnaires().find((q) => q.key === `entry_${role}`)!;
      const exit = questionnaires().find((q) => q.key === `exit_${role}`)!;
      const paired = (q: typeof entry) => q.questions.filter((x) => x.pair).map((x) => `${x.key}:${x.pair}`);
      expect(paired(entry)).toEqual(paired(exit));
      expect(paired(entry).length).toBeGreaterThanOrEqual(10);
      const entryTitle = entry.questions.find((x) => x.key === "effectiveness")!.title;
      expect(entryTitle).toBe("Ожидаемая эффективность программы наставничества (от 1 до 10)");
      expect(exit.questions.find((x) => x.key === "satisfaction")).toBeDefined();
    }
  });

  it("ask the mentee and the mentor for consent and, for minors, the legal representative's", () => {
    for (const key of ["mentee", "mentor"]) {
      const q = questionnaires().find((x) => x.key === key)!;
      expect(q.questions.filter((x) => x.type === "consent").map((x) => x.column)).toEqual([
        "consent_date",
        "guardian_consent_date",
      ]);
    }
  });
});

describe("splitMultiChoice", () => {
  const items = [
    "лидер – пассивный",
    "педагог-новатор – консервативный педагог",
    "лидер педагогического сообщества – педагог, испытывающий проблемы",
  ];
  it("matches the longest items first and reports what is unknown", () => {
    expect(
      splitMultiChoice(
        "лидер педагогического сообщества – педагог, испытывающий проблемы, лидер – пассивный",
        items,
      ),
    ).toEqual({
      values: ["лидер педагогического сообщества – педагог, испытывающий проблемы", "лидер – пассивный"],
      unknown: [],
    });
    expect(splitMultiChoice("Лидер – пассивный;  чтение", items)).toEqual({
      values: ["лидер – пассивный"],
      unknown: ["чтение"],
    });
  });
});
