import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { type Cell, noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import type { SheetKey } from "../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let file: string;

const d = (day: number, month: number, year: number) => utcDate(year, month, day);

function addRows<S extends SheetKey>(wb: XlsxWorkbook, sheet: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, sheet);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

const records = <S extends SheetKey>(wb: XlsxWorkbook, sheet: S) =>
  Table.load(wb, sheet)
    .records()
    .map((r) => r.values);

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run([...args, "--file", file, "--quiet"], (s) => out.push(s));
  return { code, out: out.join("") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-monitor-"));
  file = join(dir, "школа.xlsx");
  const wb = XlsxWorkbook.create();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  addRows(wb, "mentors", [
    { id: "Н-0001", email: "orlova@school.ru", full_name: "Орлова Марина Сергеевна", status: "в паре" },
  ]);
  addRows(wb, "mentees", [
    { id: "НЯ-0001", email: "smirnova@school.ru", full_name: "Смирнова Алиса Игоревна", status: "в паре" },
    { id: "НЯ-0002", email: "wait@school.ru", full_name: "Волков Илья", status: "ожидает пары" },
  ]);
  addRows(wb, "pairs", [
    {
      pair_id: "П-0001",
      mentor_id: "Н-0001",
      mentor_name: "Орлова Марина Сергеевна",
      mentee_id: "НЯ-0001",
      mentee_name: "Смирнова Алиса Игоревна",
      form: "учитель – учитель",
      status: "утверждена",
      start_date: d(1, 10, 2026),
    },
  ]);
  const meetings: Record<string, Cell>[] = [];
  for (let k = 0; k < 30; k++)
    meetings.push({
      meeting_id: `В-${k + 1}`,
      pair_id: "П-0001",
      date: new Date(d(1, 10, 2026).getTime() + k * 7 * 86400000),
      type: k === 0 ? "встреча-знакомство" : k === 29 ? "итоговая встреча" : "регулярная встреча",
      mentor_rating: 9,
      mentee_rating: 9,
    });
  addRows(wb, "meetings", meetings);
  addRows(wb, "surveys", [
    { email: "smirnova@school.ru", role: "наставляемый", stage: "входная", confidence: 4 },
    {
      email: "smirnova@school.ru",
      role: "наставляемый",
      stage: "итоговая",
      confidence: 9,
      satisfaction: 9,
      request_skills: 9,
      would_continue: "да",
      valuable: "Совместное планирование",
    },
    {
      email: "orlova@school.ru",
      role: "наставник",
      stage: "итоговая",
      satisfaction: 9,
      would_continue: "да",
    },
  ]);
  addRows(wb, "monitoring", [
    {
      scope: "П-0001",
      i1_goals: 2,
      i2_principles: 2,
      i3_approaches: 2,
      i4_climate: 2,
      i5_mentor_logic: 2,
      i7_partners: 2,
    },
  ]);
  await wb.save(file);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor monitor and mentor close-cycle on an .xlsx workbook", () => {
  it("recomputes the monitoring sheets in the file", async () => {
    const { code, out } = await cli(["monitor", "--today", "20.05.2027"]);
    expect(code).toBe(0);
    expect(out).toContain("Мониторинг 2026/2027 пересчитан: 1 пара");
    const wb = await XlsxWorkbook.load(file);
    const monitoring = records(wb, "monitoring");
    expect(monitoring.map((m) => m.scope)).toEqual(["П-0001", "Программа в целом"]);
    // Expert 2 × 5 and 7 = 2; 6 = mean(9, 9, 9) → 2; 8 = 30 of 30,4 meetings (99 %) → 2; 9 = 9 → 2.
    expect(monitoring[0]).toMatchObject({
      total: 18,
      level: "оптимальный",
      i6_satisfaction: 2,
      i8_activity: 2,
    });
    expect(records(wb, "pair_activity")[0]).toMatchObject({
      pair_id: "П-0001",
      meetings: 30,
      last_meeting: d(22, 4, 2027),
      attention: "да — нет встреч 28 дней, с 22.04.2027 (допустимо 14 дней)",
    });
    const growth = records(wb, "growth").find(
      (g) => g.item_key === "confidence" && g.row_kind === "участник",
    );
    expect(growth).toMatchObject({ entry: 4, exit: 9, change: 5 });
  });

  it("closes the cycle once, keeping both banks, and refuses to close an empty new year", async () => {
    const first = await cli(["close-cycle", "--today", "01.06.2027"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("Цикл 2026/2027 завершён: 1 пара");
    let wb = await XlsxWorkbook.load(file);
    expect(records(wb, "mentees").map((m) => [m.id, m.status])).toEqual([
      ["НЯ-0001", "ожидает пары"],
      ["НЯ-0002", "ожидает пары"],
    ]);
    expect(records(wb, "mentors").map((m) => [m.id, m.status])).toEqual([["Н-0001", "кандидат"]]);
    expect(records(wb, "pairs")[0]).toMatchObject({ status: "завершена", end_date: d(1, 6, 2027) });
    expect(records(wb, "best_practices")).toHaveLength(1);
    expect(records(wb, "mentor_ranking")[0]).toMatchObject({ place: 1, avg_total: 18 });
    expect(records(wb, "settings").find((s) => s.key === "school_year")!.value).toBe("2027/2028");

    const second = await cli(["close-cycle", "--today", "02.06.2027"]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("завершать нечего");
    wb = await XlsxWorkbook.load(file);
    expect(records(wb, "best_practices")).toHaveLength(1);
    expect(records(wb, "settings").find((s) => s.key === "school_year")!.value).toBe("2027/2028");
  });

  it("says so when the workbook file does not exist", async () => {
    const out: string[] = [];
    const code = await run(["monitor", "--file", join(dir, "нет.xlsx"), "--quiet"], (s) => out.push(s));
    expect(code).toBe(2);
    expect(out.join("")).toContain("Файл книги не найден");
  });
});
