import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadBundle } from "../support/gas";

const page = readFileSync(resolve(__dirname, "../../dist/rubric.html"), "utf8");

describe("«Оценка куратора» through Apps Script", () => {
  it("opens the sidebar; its calls list the pairs of «Мониторинг» and save a pair's five scores", () => {
    const fake = loadBundle({ htmlFiles: { rubric: page } });
    fake.call("menuInitWorkbook");
    fake.call("menuRubricReview");
    expect(fake.state.dialogs.at(-1)).toMatchObject({ kind: "sidebar", title: "Оценка куратора" });
    expect(fake.call("sidebarRubric")).toMatchObject({ pairs: [] });
    // A pair's row typed into «Мониторинг», as «Пересчитать мониторинг» leaves it.
    const sheet = fake.sheet("Мониторинг");
    const keys = sheet.row(1).map(String);
    sheet.setValues(`A${sheet.lastRow + 1}`, [
      keys.map((k) => (k === "scope" ? "П-0001" : k === "i6_satisfaction" ? 2 : "")),
    ]);
    const saved = fake.call("sidebarRubricSave", "П-0001", [2, 1, 2, 2, 1]) as {
      message: string;
      pair: { scores: number[] };
    };
    expect(saved.message).toBe("Пара П-0001: оценки сохранены, уровень пока не определён.");
    expect(saved.pair.scores).toEqual([2, 1, 2, 2, 1]);
    const row = sheet.values().find((r) => r[keys.indexOf("scope")] === "П-0001")!;
    expect(
      ["i1_goals", "i2_principles", "i3_approaches", "i4_climate", "i5_mentor_logic"].map(
        (k) => row[keys.indexOf(k)],
      ),
    ).toEqual([2, 1, 2, 2, 1]);
    expect(() => fake.call("sidebarRubricSave", "П-0001", [2, 5, 2, 2, 1])).toThrow(
      "Показатель 2: оценка может быть только 0, 1 или 2.",
    );
  });
});
