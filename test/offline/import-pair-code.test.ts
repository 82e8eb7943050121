import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let blank: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, out: out.join("") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-import-pair-"));
  blank = join(dir, "two-pairs.xlsx");
  const wb = XlsxWorkbook.create();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  const add = (sheet: "mentors" | "mentees" | "pairs", rows: Record<string, unknown>[]) => {
    const t = Table.load(wb, sheet);
    for (const r of rows) t.add(r as never);
    t.flush(wb);
  };
  add("mentors", [
    { id: "Н-0001", email: "orlova@school.ru", full_name: "Орлова Марина Сергеевна", status: "в паре" },
  ]);
  add("mentees", [
    { id: "НЯ-0001", email: "smirnova@school.ru", full_name: "Смирнова Алиса Игоревна", status: "в паре" },
    { id: "НЯ-0002", email: "egorov@school.ru", full_name: "Егоров Павел Андреевич", status: "в паре" },
  ]);
  add(
    "pairs",
    ["НЯ-0001", "НЯ-0002"].map((mentee, i) => ({
      pair_id: `П-000${i + 1}`,
      mentor_id: "Н-0001",
      mentor_name: "Орлова Марина Сергеевна",
      mentee_id: mentee,
      mentee_name: i === 0 ? "Смирнова Алиса Игоревна" : "Егоров Павел Андреевич",
      form: "учитель – учитель",
      status: "утверждена",
      start_date: utcDate(2026, 10, 1),
    })),
  );
  await wb.save(blank);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor import takes the pair's code as the forms' pre-filled links give it", () => {
  it("puts a mentor's meetings on the pairs their codes name, with no partner's name typed", async () => {
    const book = join(dir, "import.xlsx");
    copyFileSync(blank, book);
    const csv = join(dir, "встречи.csv");
    writeFileSync(
      csv,
      [
        "Отметка времени,Адрес электронной почты,Код пары,Ваша роль,С кем была встреча (ФИО),Дата встречи,Тип встречи,Насколько полезной была встреча (от 1 до 10)",
        "19.11.2026 15:00:00,orlova@school.ru,П-0002,наставник,,19.11.2026,встреча-знакомство,9",
        "19.11.2026 16:00:00,orlova@school.ru,П-0001,наставник,,18.11.2026,встреча-знакомство,7",
        "19.11.2026 17:00:00,orlova@school.ru,,наставник,,17.11.2026,встреча-знакомство,6",
      ].join("\r\n"),
    );
    const r = await cli("import", csv, "--form", "meeting_feedback", "--file", book, "--today", "20.11.2026");
    expect(r.out).toContain(
      "Обратная связь после встречи: добавлено 2, обновлено 0, без изменений 0, отклонено 1",
    );
    const wb = await XlsxWorkbook.load(book);
    const meetings = Table.load(wb, "meetings")
      .records()
      .map((m) => [m.values.pair_id, m.values.mentor_rating]);
    expect(meetings).toEqual([
      ["П-0002", 9],
      ["П-0001", 7],
    ]);
    // The third row names no pair and no partner: refused, with the pairs to choose from.
    const log = Table.load(wb, "log")
      .records()
      .filter((l) => l.values.level === "ошибка")
      .map((l) => String(l.values.message));
    expect(log.at(-1)).toContain("Пары: П-0001 — Смирнова Алиса Игоревна, П-0002 — Егоров Павел Андреевич.");
  });
});
