import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-import-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
}

describe("mentor import", () => {
  it("takes a Google Forms export into the bank, and a second import changes nothing", async () => {
    const book = join(dir, "school.xlsx");
    await cli("init", "--file", book);
    const csv = join(samplesDir(), SAMPLE_FILES.mentors);
    const first = await cli("import", csv, "--form", "mentor", "--file", book);
    expect(first.code).toBe(0);
    expect(first.text).toContain(
      "Анкета наставника: добавлено 36, обновлено 0, без изменений 0, отклонено 0.",
    );
    const again = await cli("import", csv, "--form", "mentor", "--file", book);
    expect(again.text).toContain("добавлено 0, обновлено 0, без изменений 36, отклонено 0.");
    const wb = await XlsxWorkbook.load(book);
    expect(Table.load(wb, "mentors").records()).toHaveLength(36);
  });

  it("stores formula-like answers of an Excel-RU export as text and logs a bad row with its original", async () => {
    const book = join(dir, "formulas.xlsx");
    await cli("init", "--file", book);
    const file = join(dir, "answers.csv");
    const header =
      "Отметка времени;Адрес электронной почты;ФИО;Кто вы;Форма наставничества;Ваши запросы к наставнику;Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»";
    writeFileSync(
      file,
      `${header}\r\n01.10.2026 10:00:00;a@b.ru;=HYPERLINK("http://x");обучающийся;ученик – ученик;Повышение успеваемости;Согласен(на)\r\n01.10.2026 11:00:00;не-почта;Петров;обучающийся;ученик – ученик;Повышение успеваемости;\r\n`,
    );
    const r = await cli("import", file, "--form", "mentee", "--file", book);
    expect(r.text).toContain("добавлено 1, обновлено 0, без изменений 0, отклонено 1");
    const wb = await XlsxWorkbook.load(book);
    const [m] = Table.load(wb, "mentees")
      .records()
      .map((x) => x.values);
    expect(m.full_name).toBe('=HYPERLINK("http://x")');
    const [err] = Table.load(wb, "log")
      .records()
      .filter((x) => x.values.level === "ошибка")
      .map((x) => x.values);
    expect(err.message).toBe("Адрес электронной почты участника указан с ошибкой: «не-почта».");
    expect(JSON.parse(String(err.original)).answers.ФИО).toBe("Петров");
  });

  it("lists the questionnaire codes when --form is missing", async () => {
    const r = await cli("import", "x.csv");
    expect(r.code).toBe(2);
    expect(r.text).toContain("entry_mentee");
    expect(r.text).toContain("Входная анкета наставляемого");
  });
});
