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
      /^Подбор пар \(режим «максимум участников»\): предложен[аоы] \d+ пар/,
    );
    expect(fake.state.toasts.at(-1)?.message).toContain("Лучшего распределения при этих правилах нет");
    expect(fake.state.toasts.at(-1)?.message).not.toMatch(/двойственн|общий балл|оптимальн/i);
  });

  it("the sidebar opens and its server calls list, decide and approve the pairs shown", () => {
    const fake = schoolWorkbook();
    fake.call("menuMatchPairs");
    fake.call("menuReviewPairs");
    expect(fake.state.dialogs.at(-1)).toMatchObject({ kind: "sidebar", title: "Проверка пар" });
    type View = {
      cards: { pairId: string; status: string; keep: boolean; scoreMax: number; reason: string }[];
    };
    const view = fake.call("sidebarProposals") as View;
    expect(view.cards.length).toBeGreaterThan(30);
    expect(view.cards.every((c) => c.scoreMax === 100 && c.reason !== "")).toBe(true);
    const [a, b, c, d] = view.cards;
    const approved = fake.call("sidebarDecide", a.pairId, "approve") as { message: string; view: View };
    expect(approved.message).toBe("Пары: утверждено 1.");
    expect(approved.view.cards.some((x) => x.pairId === a.pairId)).toBe(false);
    const kept = fake.call("sidebarDecide", b.pairId, "lock") as { message: string; view: View };
    expect(kept.message).toBe("Пары: не менять при переподборе: 1.");
    expect(kept.view.cards.find((x) => x.pairId === b.pairId)?.keep).toBe(true);
    expect(() => fake.call("sidebarDecide", b.pairId, "drop")).toThrow("Неизвестное действие: drop");
    fake.call("sidebarDecide", c.pairId, "reject");
    const restored = fake.call("sidebarDecide", c.pairId, "restore") as { message: string };
    expect(restored.message).toBe("Пары: возвращено в предложенные 1.");
    fake.call("sidebarDecide", d.pairId, "forbid");
    const rest = view.cards.slice(4).map((x) => x.pairId);
    const all = fake.call("sidebarApproveAll", [b.pairId, c.pairId, ...rest]) as {
      message: string;
      view: View;
    };
    expect(all.message).toBe(`Пары: утверждено ${rest.length + 2}.`);
    expect(all.view.cards).toEqual([]);
    const pairs = records(fake, "Пары");
    expect(pairs.find((p) => p.pair_id === d.pairId)?.status).toBe("запрещена");
    expect(pairs.filter((p) => p.status === "утверждена")).toHaveLength(view.cards.length - 1);
    expect(pairs.find((p) => p.pair_id === b.pairId)?.locked).toBe("да");
    // Yes / no as words, as the column's «да, нет» dropdown offers: no cell breaks its validation.
    expect(fake.sheet("Пары").invalidCells()).toEqual([]);
    const mentees = records(fake, "Наставляемые");
    expect(mentees.filter((m) => m.status === "в паре")).toHaveLength(view.cards.length - 1);
  });

  it("«Утвердить пары» asks «Утвердить все (N)?» and approves nothing on «Нет»", () => {
    const fake = schoolWorkbook();
    fake.call("menuMatchPairs");
    const n = records(fake, "Пары").length;
    fake.state.alertResponses.push("NO");
    fake.call("menuApprovePairs");
    expect(fake.state.alerts.at(-1)).toMatchObject({ title: `Утвердить все (${n})?`, buttons: "YES_NO" });
    expect(fake.state.alerts.at(-1)?.prompt).toContain(`Будут утверждены ${n} пар`);
    expect(records(fake, "Пары").every((p) => p.status === "предложена")).toBe(true);
    expect(fake.state.toasts.at(-1)?.message).toBe("Пары не утверждены: действие отменено.");
    fake.call("menuApprovePairs");
    expect(records(fake, "Пары").every((p) => p.status === "утверждена")).toBe(true);
    expect(fake.state.toasts.at(-1)?.message).toBe(`Пары: утверждено ${n}.`);
  });
});
