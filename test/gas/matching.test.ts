import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { sampleSchool } from "../../src/demo/sample";
import { type LoadedBundle, loadBundle } from "../support/gas";

const sidebar = readFileSync(resolve(__dirname, "../../dist/matching.html"), "utf8");

function schoolWorkbook(): LoadedBundle {
  const fake = loadBundle({ htmlFiles: { matching: sidebar } });
  fake.call("menuInitWorkbook");
  const sample = sampleSchool(new Date(Date.UTC(2026, 10, 22)));
  for (const [sheet, people, prefix] of [
    ["Наставники", sample.mentors, "Н"],
    ["Наставляемые", sample.mentees, "НЯ"],
  ] as const) {
    const keys = fake.sheet(sheet).row(1).map(String);
    const rows = people.map((p, i) =>
      keys.map((k) => {
        if (k === "id") return `${prefix}-${String(i + 1).padStart(4, "0")}`;
        if (k === "eligibility") return "";
        const v = p[k];
        return typeof v === "string" && v !== "" ? `'${v}` : (v ?? "");
      }),
    );
    fake.sheet(sheet).setValues("A3", rows);
  }
  return fake;
}

function records(fake: LoadedBundle, sheet: string) {
  const rows = fake.sheet(sheet).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

describe("matching through Apps Script", () => {
  it("«Подобрать пары» writes proposals with scores and explanations, and logs the run", () => {
    const fake = schoolWorkbook();
    fake.call("menuMatchPairs");
    expect(fake.state.alerts).toEqual([]);
    const pairs = records(fake, "Пары");
    expect(pairs.length).toBeGreaterThan(30);
    expect(pairs.every((p) => p.status === "предложена")).toBe(true);
    expect(String(pairs[0].explanation)).toContain("Баллы:");
    expect(fake.state.toasts.at(-1)?.message).toMatch(
      /^Подбор пар \(максимум участников\): предложено пар \d+/,
    );
    expect(fake.state.toasts.at(-1)?.message).toContain("Оптимальность доказана");
  });

  it("the sidebar opens and its server calls list, decide and approve all", () => {
    const fake = schoolWorkbook();
    fake.call("menuMatchPairs");
    fake.call("menuReviewPairs");
    expect(fake.state.dialogs.at(-1)).toMatchObject({ kind: "sidebar", title: "Проверка пар" });
    const proposals = fake.call("sidebarProposals") as { pairId: string }[];
    expect(proposals.length).toBeGreaterThan(30);
    expect(fake.call("sidebarDecide", proposals[0].pairId, "approve")).toBe("Пары: утверждено 1.");
    expect(fake.call("sidebarDecide", proposals[1].pairId, "lock")).toBe("Пары: изменено закреплений 1.");
    expect(() => fake.call("sidebarDecide", proposals[1].pairId, "drop")).toThrow(
      "Неизвестное действие: drop",
    );
    fake.call("menuApprovePairs");
    const pairs = records(fake, "Пары");
    expect(pairs.every((p) => p.status === "утверждена")).toBe(true);
    expect(pairs.find((p) => p.pair_id === proposals[1].pairId)?.locked).toBe(true);
    const mentees = records(fake, "Наставляемые");
    expect(mentees.filter((m) => m.status === "в паре")).toHaveLength(pairs.length);
  });
});
