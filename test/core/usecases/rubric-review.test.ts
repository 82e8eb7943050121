import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { rubricView, saveRubricScores } from "../../../src/core/usecases/rubric-review";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 9));
const clock = { now: () => NOW };

function demo() {
  const wb = new MemoryWorkbook();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, NOW);
  recomputeMonitoring({ workbook: wb, clock });
  return wb;
}

describe("the curator's scores of indicators 1–5, per pair with its facts", () => {
  it("lists each pair of «Мониторинг» with its facts from «Работа пар» and the computed indicators", () => {
    const wb = demo();
    const view = rubricView(wb);
    expect(view.indicators.map((d) => d.n)).toEqual([1, 2, 3, 4, 5]);
    expect(view.pairs.length).toBe(12);
    const p = view.pairs[0];
    expect(p.scores).toEqual([null, null, null, null, null]);
    expect(p.level).toBe("не определён — нужна оценка куратора");
    expect(p.facts[0]).toMatch(/^Встреч: \d+, [\d,]+ в месяц при норме \d+ \(\d+ % нормы\)$/);
    expect(p.facts.some((f) => /^Отчётов наставника: \d+ из \d+$/.test(f))).toBe(true);
    expect(p.computed.map((c) => c.split(":")[0])).toEqual(["6", "7", "8", "9"]);
  });

  it("saves five scores into the pair's row with the total and the level once all nine are known", () => {
    const wb = demo();
    const view = rubricView(wb);
    const full = view.pairs.find((p) => p.computed.every((c) => !c.includes("нет данных")));
    const some = full ?? view.pairs[0];
    const r = saveRubricScores(
      { workbook: wb, clock, user: "curator@school1.ru" },
      some.scope,
      [2, 2, 1, 2, 2],
    );
    expect(r.pair.scores).toEqual([2, 2, 1, 2, 2]);
    const t = Table.load(wb, "monitoring");
    const row = t
      .rowIndexes()
      .filter((i) => t.get(i, "scope") === some.scope)
      .at(-1)!;
    expect(
      [1, 2, 3, 4, 5].map((n) =>
        t.get(
          row,
          `i${n}_${["goals", "principles", "approaches", "climate", "mentor_logic"][n - 1]}` as never,
        ),
      ),
    ).toEqual([2, 2, 1, 2, 2]);
    expect(t.get(row, "assessed_by")).toBe("curator@school1.ru");
    if (full) {
      expect(r.message).toMatch(
        new RegExp(
          `^Пара ${some.scope}: оценки сохранены, уровень «(оптимальный|допустимый|недопустимый)» \\(\\d+ из 18\\)\\.$`,
        ),
      );
      expect(Number(t.get(row, "total"))).toBeGreaterThanOrEqual(7);
    } else {
      expect(r.message).toBe(`Пара ${some.scope}: оценки сохранены, уровень пока не определён.`);
    }
    // The next recompute keeps the curator's scores.
    recomputeMonitoring({ workbook: wb, clock });
    expect(rubricView(wb).pairs.find((p) => p.scope === some.scope)?.scores).toEqual([2, 2, 1, 2, 2]);
  });

  it("asks only for the pairs of the last recompute: not a row of a closed year, not a pair it no longer covers", () => {
    const wb = demo();
    const view = rubricView(wb);
    const t = Table.load(wb, "monitoring");
    const row = t.find("scope", view.pairs[0].scope);
    const old = t.record(row);
    // Last year's row of the same pair ID, below the live one; and a pair ended early, left stale.
    t.add({ ...old, period: "2025/2026", i1_goals: 0 });
    t.add({ ...old, scope: "П-0999", label: "Досрочно — Прекращена" });
    t.flush(wb);
    const after = rubricView(wb);
    expect(after.pairs.map((p) => p.scope)).toEqual(view.pairs.map((p) => p.scope));
    expect(after.pairs[0].scores).toEqual(view.pairs[0].scores);
    expect(() => saveRubricScores({ workbook: wb, clock }, "П-0999", [2, 2, 2, 2, 2])).toThrow(
      "Пары П-0999 нет на листе «Мониторинг»",
    );
  });

  it("a save reads two sheets and writes one block, whatever the number of pairs (each is a round trip in Apps Script)", () => {
    const wb = demo();
    const scope = rubricView(wb).pairs[3].scope;
    wb.resetCalls();
    saveRubricScores({ workbook: wb, clock }, scope, [1, 2, 1, 2, 1]);
    expect(wb.calls.read).toBe(2);
    expect(wb.calls.write).toBe(1);
  });

  it("refuses a score other than 0, 1, 2 and a pair not in «Мониторинг», in Russian", () => {
    const wb = demo();
    const scope = rubricView(wb).pairs[0].scope;
    expect(() => saveRubricScores({ workbook: wb, clock }, scope, [2, 3, 1, 2, 2])).toThrow(
      "Показатель 2: оценка может быть только 0, 1 или 2.",
    );
    expect(() => saveRubricScores({ workbook: wb, clock }, "П-9999", [2, 2, 1, 2, 2])).toThrow(
      "Пары П-9999 нет на листе «Мониторинг»",
    );
  });
});
