import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-erase-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
}

test("mentor erase EMAIL removes a participant's data from an .xlsx workbook and logs the act", async () => {
  const book = join(dir, "school.xlsx");
  await cli("init", "--file", book, "--today", "22.11.2026");
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentees), "--form", "mentee", "--file", book);
  const before = Table.load(await XlsxWorkbook.load(book), "mentees").records()[0].values;
  const email = String(before.email);

  const r = await cli("erase", email.toUpperCase(), "--file", book, "--user", "curator@school1.ru");
  expect(r.code).toBe(0);
  expect(r.text).toContain("удалены по отзыву согласия");
  const wb = await XlsxWorkbook.load(book);
  const after = Table.load(wb, "mentees").records()[0].values;
  expect(after).toMatchObject({ id: before.id, email: "", full_name: "[данные удалены]", status: "выбыл" });
  const log = Table.load(wb, "log").records().at(-1)!.values;
  expect(log).toMatchObject({ operation: "Отзыв согласия", user: "curator@school1.ru" });
  expect(String(log.message)).not.toContain(email);

  expect((await cli("erase", "--file", book)).code).toBe(2);
  const bad = await cli("erase", "Иванов", "--file", book);
  expect(bad.code).toBe(2);
  expect(bad.text).toContain("не адрес электронной почты");
});
