/**
 * «Оценка куратора» as a sheet (issue 17, item 5): the round trip a school without Google makes —
 * the sheet written, the five cells filled, the scores taken into «Мониторинг» exactly as the
 * sidebar's save writes them; bad cells named in «Журнал», never dropped silently.
 */
import type { Cell } from "../../../src/core/ports";
import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { rubricView, saveRubricScores } from "../../../src/core/usecases/rubric-review";
import {
  RUBRIC_COLUMNS,
  RUBRIC_SHEET,
  recomputeMonitoringWithSheet,
  takeRubricSheet,
  updateRubricSheet,
} from "../../../src/core/usecases/rubric-sheet";
import { curatorPanel } from "../../../src/core/usecases/status";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 9));
const clock = { now: () => NOW };
const ports = (wb: MemoryWorkbook) => ({ workbook: wb, clock, user: "curator@school1.ru" });

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

const col = (key: string) => RUBRIC_COLUMNS.findIndex((c) => c.key === key);
const SCORES = ["i1_goals", "i2_principles", "i3_approaches", "i4_climate", "i5_mentor_logic"];

/** The curator types into the sheet: the five cells of the data row `i` (0-based). */
function type(wb: MemoryWorkbook, i: number, values: Cell[]) {
  wb.write(RUBRIC_SHEET, 2 + i, col("i1_goals"), [values]);
}

const sheet = (wb: MemoryWorkbook) => wb.read(RUBRIC_SHEET);
const journal = (wb: MemoryWorkbook) =>
  Table.load(wb, "log")
    .records()
    .filter((r) => r.values.operation === "Оценка куратора")
    .map((r) => ({ message: String(r.values.message), source: String(r.values.source) }));

describe("the sheet «Оценка куратора»", () => {
  it("holds one row per pair: names, five empty cells with a 0–2 dropdown, the total, the level and the facts", () => {
    const wb = demo();
    const report = updateRubricSheet(ports(wb), { create: true });
    expect(report).toMatchObject({ created: true, pairs: 12, scored: 0, saved: [], issues: [] });
    const names = wb.sheetNames();
    expect(names.indexOf(RUBRIC_SHEET)).toBe(names.indexOf("Мониторинг") + 1);
    const grid = sheet(wb);
    expect(grid[1].slice(0, 9)).toEqual([
      "ID пары",
      "Пара",
      "1. Цели и задачи",
      "2. Принципы",
      "3. Подходы",
      "4. Климат",
      "5. Логика наставника",
      "Итого (из 18)",
      "Уровень",
    ]);
    const view = rubricView(wb);
    expect(grid.length).toBe(2 + 12);
    const first = grid[2];
    expect(first[col("scope")]).toBe(view.pairs[0].scope);
    expect(first[col("label")]).toBe(view.pairs[0].label);
    expect(first.slice(col("i1_goals"), col("i5_mentor_logic") + 1)).toEqual(["", "", "", "", ""]);
    expect(first[col("level")]).toBe("не определён — нужна оценка куратора");
    expect(String(first[col("meetings")])).toMatch(/^\d+, [\d,]+ в месяц при норме \d+ \(\d+ % нормы\)$/);
    expect(String(first[col("reports")])).toMatch(/^\d+ из \d+$/);
    expect(String(first[col("computed")])).toMatch(/^6: .+; 7: .+; 8: .+; 9: .+$/);
    // How 6–9 were computed: the cell's note.
    expect(wb.notes.get(RUBRIC_SHEET)?.get(`2,${col("computed")}`)).toBe(view.pairs[0].basis);
    const layout = wb.layouts.get(RUBRIC_SHEET)!;
    expect(layout.hiddenRows).toEqual([0]);
    expect(layout.frozenColumns).toBe(col("label") + 1);
    for (const key of SCORES)
      expect(layout.columns[col(key)].validation).toEqual({
        kind: "list",
        values: ["0", "1", "2"],
        strict: true,
      });
    expect(layout.columns[col("written")].hidden).toBe(true);
  });

  it("takes the filled cells into «Мониторинг» exactly as the sidebar saves them, totals and levels included", () => {
    const wb = demo();
    const twin = demo();
    updateRubricSheet(ports(wb), { create: true });
    const pairs = rubricView(wb).pairs;
    // A pair whose indicators 6–9 are all computed: its five scores complete the nine.
    const full = pairs.findIndex((p) => p.computed.every((c) => !c.includes("нет данных")));
    expect(full).toBeGreaterThanOrEqual(0);
    const [a, b, c] = pairs.map((_, i) => i).filter((i) => i !== full);
    type(wb, a, [2, 2, 1, 2, 2]);
    type(wb, b, ["1", "1", "2", "1", "0"]);
    type(wb, c, [0, 0, 1, "", ""]);
    type(wb, full, [2, 2, 2, 2, 1]);
    const report = updateRubricSheet(ports(wb), { create: false });
    expect(report.issues).toEqual([]);
    expect(report.saved.map((s) => s.scope).sort()).toEqual(
      [a, b, c, full].map((i) => pairs[i].scope).sort(),
    );
    // The sidebar's save of the same scores in a twin workbook writes the same «Мониторинг».
    saveRubricScores(ports(twin), pairs[a].scope, [2, 2, 1, 2, 2]);
    saveRubricScores(ports(twin), pairs[b].scope, [1, 1, 2, 1, 0]);
    saveRubricScores(ports(twin), pairs[c].scope, [0, 0, 1, null, null]);
    saveRubricScores(ports(twin), pairs[full].scope, [2, 2, 2, 2, 1]);
    expect(wb.read("Мониторинг")).toEqual(twin.read("Мониторинг"));
    const after = rubricView(wb).pairs;
    expect(after[a].scores).toEqual([2, 2, 1, 2, 2]);
    expect(after[c].scores).toEqual([0, 0, 1, null, null]);
    // The sheet now shows each level, as «Мониторинг» holds it.
    const grid = sheet(wb);
    expect(grid[2 + a][col("level")]).toBe(after[a].level);
    expect(after[full].level).toMatch(/^(оптимальный|допустимый|недопустимый)$/);
    expect(grid[2 + full][col("level")]).toBe(after[full].level);
    expect(grid[2 + full][col("total")]).toBe(after[full].total);
    expect(after[full].total).toBeGreaterThanOrEqual(9);
    expect(grid[2 + c][col("level")]).toBe("не определён — нужна оценка куратора");
    // A second take with nothing changed saves nothing.
    expect(takeRubricSheet(ports(wb)).saved).toEqual([]);
  });

  it("names every bad cell in «Журнал», keeps the row out and on the sheet as typed, takes it once fixed", () => {
    const wb = demo();
    updateRubricSheet(ports(wb), { create: true });
    const pairs = rubricView(wb).pairs;
    type(wb, 0, [2, 3, 2, 2, 2]);
    type(wb, 1, ["два", 1, 1, 1, 1.5]);
    type(wb, 2, [2, 2, 2, 2, 2]);
    const report = updateRubricSheet(ports(wb), { create: false });
    expect(report.saved.map((s) => s.scope)).toEqual([pairs[2].scope]);
    const d = (key: string, row: number) => `«${RUBRIC_SHEET}»!${"ABCDEFG"[col(key)]}${row}`;
    expect(journal(wb).map((j) => j.source)).toEqual([
      d("i2_principles", 3),
      d("i1_goals", 4),
      d("i5_mentor_logic", 4),
    ]);
    expect(journal(wb)[0].message).toBe(
      `${d("i2_principles", 3)} («2. Принципы»): «3» — оценка может быть только 0, 1 или 2. Оценки пары ${pairs[0].scope} (${pairs[0].label}) не приняты, на листе остались как набраны; исправьте ячейку — они будут приняты при следующем пересчёте.`,
    );
    expect(journal(wb)[1].message).toContain("«два» — оценка может быть только 0, 1 или 2");
    expect(journal(wb)[2].message).toContain("«1.5» — оценка может быть только 0, 1 или 2");
    expect(rubricView(wb).pairs[0].scores).toEqual([null, null, null, null, null]);
    expect(rubricView(wb).pairs[1].scores).toEqual([null, null, null, null, null]);
    // Kept as typed after the sheet was written again.
    const grid = sheet(wb);
    expect(grid[2].slice(col("i1_goals"), col("i5_mentor_logic") + 1)).toEqual([2, 3, 2, 2, 2]);
    expect(grid[3].slice(col("i1_goals"), col("i5_mentor_logic") + 1)).toEqual(["два", 1, 1, 1, 1.5]);
    // The same run again the same day: «Журнал» is not repeated.
    updateRubricSheet(ports(wb), { create: false });
    expect(journal(wb).length).toBe(3);
    // Fixed: taken.
    type(wb, 0, [2, 1, 2, 2, 2]);
    const fixed = updateRubricSheet(ports(wb), { create: false });
    expect(fixed.saved.map((s) => s.scope)).toEqual([pairs[0].scope]);
    expect(rubricView(wb).pairs[0].scores).toEqual([2, 1, 2, 2, 2]);
  });

  it("leaves a score typed straight into «Мониторинг» alone when its row here was not changed; a cleared row clears", () => {
    const wb = demo();
    updateRubricSheet(ports(wb), { create: true });
    const pairs = rubricView(wb).pairs;
    type(wb, 0, [1, 1, 1, 1, 1]);
    updateRubricSheet(ports(wb), { create: false });
    // Meanwhile the curator types into «Мониторинг» for pair 2, and not on this sheet.
    const t = Table.load(wb, "monitoring");
    const row = t.rowIndexes().find((r) => t.get(r, "scope") === pairs[1].scope)!;
    t.set(row, "i1_goals", 2);
    t.flush(wb);
    type(wb, 0, ["", "", "", "", ""]);
    const report = updateRubricSheet(ports(wb), { create: false });
    expect(report.saved.map((s) => s.scope)).toEqual([pairs[0].scope]);
    expect(rubricView(wb).pairs[0].scores).toEqual([null, null, null, null, null]);
    expect(rubricView(wb).pairs[1].scores[0]).toBe(2);
    expect(sheet(wb)[3][col("i1_goals")]).toBe(2);
  });

  it("refuses a row of an unknown pair, a row without an ID and a pair's second row, each in «Журнал»", () => {
    const wb = demo();
    updateRubricSheet(ports(wb), { create: true });
    const pairs = rubricView(wb).pairs;
    const n = sheet(wb).length;
    wb.write(RUBRIC_SHEET, n, 0, [
      ["П-9999", "Кто-то — Никто", 2, 2, 2, 2, 2],
      ["", "", 1, 1, 1, 1, 1],
      [pairs[0].scope, pairs[0].label, 0, 0, 0, 0, 0],
    ]);
    const report = takeRubricSheet(ports(wb));
    expect(report.saved).toEqual([]);
    const messages = journal(wb).map((j) => j.message);
    expect(messages[0]).toContain(
      "пары П-9999 нет на листе «Мониторинг» — её оценки (2, 2, 2, 2, 2) не приняты",
    );
    expect(messages[1]).toContain(`в строке ${n + 2} оценки (1, 1, 1, 1, 1), но нет ID пары`);
    expect(messages[2]).toContain(`уже есть в строке 3 — оценки строки ${n + 3} (0, 0, 0, 0, 0) не приняты`);
  });

  it("does nothing without the sheet unless asked to create it, and never writes over a sheet it cannot read", () => {
    const wb = demo();
    expect(updateRubricSheet(ports(wb), { create: false })).toMatchObject({ present: false, pairs: 0 });
    expect(wb.sheetNames()).not.toContain(RUBRIC_SHEET);
    updateRubricSheet(ports(wb), { create: true });
    const grid = sheet(wb);
    wb.write(
      RUBRIC_SHEET,
      0,
      0,
      grid.slice(0, 2).map((r) => r.map(() => "")),
    );
    const report = updateRubricSheet(ports(wb), { create: true });
    expect(report.unreadable).toBe(true);
    expect(report.issues[0].message).toContain("не найдены строки заголовков");
    expect(sheet(wb).slice(2)).toEqual(grid.slice(2));
  });
});

describe("«Пересчитать мониторинг» with the sheet (mentor monitor, the browser page)", () => {
  it("takes the changed rows first, recomputes, writes the sheet again; without the sheet it only recomputes", () => {
    const bare = demo();
    const { taken: none } = recomputeMonitoringWithSheet(ports(bare));
    expect(none.present).toBe(false);
    expect(bare.sheetNames()).not.toContain(RUBRIC_SHEET);
    const wb = demo();
    updateRubricSheet(ports(wb), { create: true });
    type(wb, 0, [2, 2, 2, 2, 2]);
    const { taken, result } = recomputeMonitoringWithSheet(ports(wb));
    const scope = rubricView(wb).pairs[0].scope;
    expect(taken.saved.map((s) => s.scope)).toEqual([scope]);
    const pair = result.pairs.find((p) => p.pair.id === scope)!;
    // The recompute saw the scores: its level counts them.
    expect(pair.rubric.result.missing.filter((n) => n <= 5)).toEqual([]);
    expect(sheet(wb)[2][col("level")]).toBe(rubricView(wb).pairs[0].level);
    expect(sheet(wb)[2][col("written")]).toBe("22222");
  });
});

describe("«Панель куратора» points at «Оценка куратора»", () => {
  it("warns about pairs without a level near the end of the work, with the button «Оценка куратора»", () => {
    const wb = demo();
    const panel = curatorPanel(wb, new Date(Date.UTC(2027, 4, 20)));
    const warning = panel.warnings.find((w) => w.text.startsWith("Уровень не определён у "));
    expect(warning).toEqual({
      text: "Уровень не определён у 12 пар: нужна оценка куратора — показатели 1–5 по каждой паре («Оценка куратора»).",
      action: { key: "rubric", caption: "Оценка куратора" },
    });
  });
});
