import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { intakeSubmissions } from "../../src/core/usecases/intake";
import { recomputeMonitoring } from "../../src/core/usecases/monitoring";
import type { SheetKey } from "../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { nodeClock } from "../../src/offline/clock";
import { readExport } from "../../src/offline/import";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let blank: string;

function addRows<S extends SheetKey>(wb: XlsxWorkbook, sheet: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, sheet);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

const records = <S extends SheetKey>(wb: XlsxWorkbook, sheet: S) =>
  Table.load(wb, sheet)
    .records()
    .map((r) => r.values);

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, out: out.join("") };
}

/** A Google Forms export of «Обратная связь после встречи»: both sides of one meeting. */
const MEETINGS_CSV = [
  'Отметка времени,Адрес электронной почты,Ваша роль,С кем была встреча (ФИО),Дата встречи,Тип встречи,Тема встречи,Формат,"Длительность, минут",Что получилось,Насколько полезной была встреча (от 1 до 10),Комментарий',
  "19.11.2026 15:00:00,orlova@school.ru,наставник,,19.11.2026,встреча-знакомство,Знакомство,очно,45,,9,",
  "19.11.2026 16:00:00,smirnova@school.ru,наставляемый,,19.11.2026,встреча-знакомство,,,,,8,",
].join("\r\n");

/** The sheets the monitoring writes. */
const MONITORING_SHEETS = ["pair_activity", "growth", "monitoring"] as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-import-monitoring-"));
  blank = join(dir, "approved-pair.xlsx");
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
      start_date: utcDate(2026, 10, 1),
    },
  ]);
  await wb.save(blank);
  writeFileSync(join(dir, "встречи.csv"), MEETINGS_CSV);
  // The mentee's answer alone, exported again: intake finds nothing new in it.
  writeFileSync(
    join(dir, "встреча-наставляемого.csv"),
    [MEETINGS_CSV.split("\r\n")[0], MEETINGS_CSV.split("\r\n")[2]].join("\r\n"),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor import of a questionnaire that feeds the monitoring", () => {
  it("recomputes «Работа пар», «Динамика участников» and «Мониторинг» as the submit trigger does", async () => {
    const book = join(dir, "import.xlsx");
    copyFileSync(blank, book);
    const csv = join(dir, "встречи.csv");
    const r = await cli("import", csv, "--form", "meeting_feedback", "--file", book, "--today", "20.11.2026");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Обратная связь после встречи: добавлено 1, обновлено 1, без изменений 0, отклонено 0.",
    );
    expect(r.out).toContain("Мониторинг 2026/2027 пересчитан: 1 пара");
    const imported = await XlsxWorkbook.load(book);
    expect(records(imported, "meetings")).toHaveLength(1);
    expect(records(imported, "pair_activity")[0]).toMatchObject({ pair_id: "П-0001", meetings: 1 });
    expect(records(imported, "monitoring").map((m) => m.scope)).toEqual(
      expect.arrayContaining(["П-0001", "Программа в целом"]),
    );

    // The trigger's sequence, step by step on the same workbook and clock: intake, then recompute.
    const byTrigger = join(dir, "trigger.xlsx");
    const wb = await XlsxWorkbook.load(blank);
    const clock = nodeClock("Europe/Moscow", "20.11.2026");
    const exported = await readExport(csv, { formTitle: "Обратная связь после встречи" });
    intakeSubmissions({ workbook: wb, clock }, "meeting_feedback", exported.submissions);
    recomputeMonitoring({ workbook: wb, clock });
    await wb.save(byTrigger);
    const expected = await XlsxWorkbook.load(byTrigger);
    for (const sheet of ["meetings", ...MONITORING_SHEETS] as const)
      expect(records(imported, sheet)).toEqual(records(expected, sheet));
  });

  it("leaves the monitoring alone when the answers change nothing or do not feed it", async () => {
    const book = join(dir, "again.xlsx");
    copyFileSync(blank, book);
    const csv = join(dir, "встречи.csv");
    await cli("import", csv, "--form", "meeting_feedback", "--file", book, "--today", "20.11.2026");
    // The monitoring sheets emptied by hand: only a recompute would fill them again.
    let wb = await XlsxWorkbook.load(book);
    for (const sheet of MONITORING_SHEETS) {
      const t = Table.load(wb, sheet);
      for (const row of t.rowIndexes())
        for (const key of Object.keys(t.columns)) t.set(row, key as never, "");
      t.flush(wb);
    }
    await wb.save(book);

    const mentee = join(dir, "встреча-наставляемого.csv");
    const again = await cli(
      "import",
      mentee,
      "--form",
      "meeting_feedback",
      "--file",
      book,
      "--today",
      "21.11.2026",
    );
    expect(again.out).toContain("добавлено 0, обновлено 0, без изменений 1, отклонено 0.");
    expect(again.out).not.toContain("Мониторинг");
    // A bank questionnaire adds people but does not feed the monitoring.
    const bank = await cli(
      "import",
      join(samplesDir(), SAMPLE_FILES.mentors),
      "--form",
      "mentor",
      "--file",
      book,
    );
    expect(bank.out).toContain("Анкета наставника: добавлено 36");
    expect(bank.out).not.toContain("Мониторинг");
    wb = await XlsxWorkbook.load(book);
    for (const sheet of MONITORING_SHEETS)
      expect(records(wb, sheet).filter((m) => Object.values(m).some((v) => v !== ""))).toEqual([]);
  });
});
