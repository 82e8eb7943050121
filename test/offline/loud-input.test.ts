/**
 * Loud on bad input (issue 15, item 4), on the command line: an unknown option or a typo is an
 * error naming it (the command never runs on the default workbook instead), and `mentor demo`
 * never replaces a workbook that is not a demonstration workbook.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { commands } from "../../src/offline/commands";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-loud-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mentor(...argv: string[]): Promise<{ code: number; text: string }> {
  const out: string[] = [];
  const code = await run(argv, (s) => out.push(s));
  return { code, text: out.join("") };
}

describe("unknown options", () => {
  test("a typo of --file is refused, named, with the option meant; nothing is written", async () => {
    const book = join(dir, "typo.xlsx");
    const r = await mentor("init", "--fiel", book, "--quiet");
    expect(r.code).toBe(2);
    expect(r.text).toContain("Неизвестный параметр «--fiel»");
    expect(r.text).toContain("--file");
    expect(r.text).toContain("Возможно, имелся в виду --file");
    expect(existsSync(book)).toBe(false);
  });

  test("a flag another command has, or none has, is refused before the workbook is touched", async () => {
    const book = join(dir, "flags.xlsx");
    expect((await mentor("init", "--file", book, "--quiet")).code).toBe(0);
    const before = readFileSync(book);
    for (const argv of [
      ["monitor", "--file", book, "--write"],
      ["summary", "--file", book, "--wrte"],
      ["match", "--file", book, "--ful"],
      ["monitor", "--file", book, "--__proto__"],
      ["monitor", "--file", book, "--constructor=1"],
    ]) {
      const r = await mentor(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.text).toContain(`«${argv[3].replace(/=.*/, "")}»`);
    }
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  test("the options a command knows still work", async () => {
    const book = join(dir, "known.xlsx");
    expect((await mentor("init", "--file", book, "--quiet", "--today", "01.09.2026")).code).toBe(0);
    const r = await mentor("summary", "--file", book, "-q");
    expect(r.code).toBe(0);
  });
});

describe("mentor demo and an existing workbook", () => {
  test("refuses a school's workbook and leaves it byte for byte", async () => {
    const book = join(dir, "school.xlsx");
    expect((await mentor("init", "--file", book, "--quiet")).code).toBe(0);
    const before = readFileSync(book);
    const r = await mentor("demo", "--file", book, "--quiet", "--today", "22.11.2026");
    expect(r.code).toBe(2);
    expect(r.text).toContain("не демонстрационная книга");
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  test("refuses a file that is not a workbook", async () => {
    const file = join(dir, "notes.xlsx");
    writeFileSync(file, "мои заметки");
    const r = await mentor("demo", "--file", file, "--quiet");
    expect(r.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("мои заметки");
  });

  test("replaces a demonstration workbook", async () => {
    const book = join(dir, "demo.xlsx");
    const outbox = join(dir, "outbox");
    const documents = join(dir, "documents");
    const demo = ["demo", "--file", book, "--quiet", "--today", "01.10.2026", "--outbox", outbox];
    expect((await mentor(...demo, "--documents", documents)).code).toBe(0);
    const r = await mentor(...demo, "--documents", documents);
    expect(r.code).toBe(0);
    const wb = await XlsxWorkbook.load(book);
    expect(Table.load(wb, "mentees").records().length).toBeGreaterThan(0);
  });
});

test("every command declares its flags (an option not declared is refused as unknown)", () => {
  for (const c of commands)
    expect({ command: c.name, flags: Array.isArray(c.flags) }).toEqual({ command: c.name, flags: true });
});

test("mentor monitor names the bad cells it read, on screen and once in «Журнал»", async () => {
  const book = join(dir, "bad-data.xlsx");
  const wb = XlsxWorkbook.create();
  const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 9)) };
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const pairs = Table.load(wb, "pairs");
  pairs.add({ pair_id: "П-1", mentor_id: "Н-1", mentee_id: "НЯ-1", status: "утверждена" });
  pairs.add({ pair_id: "П-1", mentor_id: "Н-2", mentee_id: "НЯ-2", status: "утверждена" });
  pairs.flush(wb);
  const meetings = Table.load(wb, "meetings");
  meetings.add({
    meeting_id: "В-1",
    pair_id: "П-1",
    date: "вчера",
    type: "регулярная встреча",
    mentee_rating: 99,
  });
  meetings.flush(wb);
  await wb.save(book);
  for (let run = 0; run < 2; run++) {
    const r = await mentor("monitor", "--file", book, "--quiet", "--today", "22.11.2026");
    expect(r.code).toBe(0);
    expect(r.text).toContain(
      "Предупреждение: «Пары»!A4 («ID пары»): идентификатор «П-1» уже есть в строке 3",
    );
    expect(r.text).toContain("Предупреждение: «Встречи»!D3 («Дата»): «вчера» — не дата");
    expect(r.text).toContain("Предупреждение: «Встречи»!K3");
  }
  const log = Table.load(await XlsxWorkbook.load(book), "log")
    .records()
    .filter((r) => r.values.operation === "Проверка данных");
  expect(log.length).toBe(3);
});
