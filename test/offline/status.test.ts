/**
 * «Панель куратора» on the demo school (issue 17, item 1): the model core computes for the sidebar,
 * counted from the workbook `mentor demo` writes, and `mentor status` printing that same model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { type CuratorPanel, curatorPanel, describePanel } from "../../src/core/usecases/status";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { offlineAction } from "../../src/offline/commands/status";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-status-"));
const demo = join(dir, "demo.xlsx");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mentor(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [...argv, "--quiet"],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join(""), err: err.join("") };
}

let panel: CuratorPanel;

beforeAll(async () => {
  const made = await mentor(
    "demo",
    "--file",
    demo,
    "--today",
    "25.05.2027",
    "--outbox",
    join(dir, "outbox"),
    "--documents",
    join(dir, "documents"),
  );
  expect(made.code).toBe(0);
  panel = curatorPanel(await XlsxWorkbook.load(demo), utcDate(2027, 5, 25));
}, 120_000);

describe("the curator's panel on the demo school, 25 May", () => {
  it("names the school and the day, and the start walk is complete", () => {
    expect(panel.heading).toBe("МБОУ «СОШ № 1» · 2026/2027 учебный год");
    expect(panel.today).toBe("на 25.05.2027");
    expect(panel.ready).toBe(true);
    expect(panel.start.complete).toBe(true);
  });

  it("lists the ten steps of the cycle in the seeds' order, each counted from the workbook", () => {
    expect(panel.steps.map((s) => [s.title, s.state, s.facts])).toEqual([
      ["Анкеты", "done", "36 наставников, 98 наставляемых, 19 без согласия"],
      ["Базы участников", "done", "к подбору допущены 33 наставника и 82 наставляемых"],
      ["Подбор пар", "done", "пар предложено 0, утверждено 49; без наставника 33 подходящих наставляемых"],
      ["Проверка пар", "done", "все предложения рассмотрены"],
      ["Утверждение пар", "done", "утверждено: 13 пар и 16 групп, 49 наставляемых"],
      ["Приказ о закреплении", "done", "создан 25.05.2027"],
      ["Персональные программы", "done", "созданы для всех 49 пар"],
      ["Встречи", "now", "1028 встреч у 46 пар; давно не встречались 12 пар"],
      ["Мониторинг", "todo", "программа — 13 из 18 баллов, допустимый уровень"],
      [
        "Итоги года",
        "todo",
        "итоговые анкеты: 34 наставляемых и 23 наставника; справка от 25.05.2027, отчёт от 25.05.2027",
      ],
    ]);
  });

  it("says what to do next and warns about what matters, each with its button", () => {
    expect(panel.next).toEqual({
      text: "Встречи: 1028 встреч у 46 пар; давно не встречались 12 пар.",
      action: { key: "open:pair_activity", caption: "Открыть «Работа пар»" },
    });
    expect(panel.warnings.map((w) => [w.text, w.action?.key])).toEqual([
      ["12 пар без встреч дольше 14 дней: поговорите с наставниками.", "open:pair_activity"],
      [
        "Нет согласия на обработку персональных данных — 4 наставляемых, 2 наставника; законного представителя — 12 наставляемых, 1 наставник: они не участвуют в подборе, пока согласие не получено.",
        "open:mentees",
      ],
    ]);
  });

  it("is the model the sidebar's UI test renders (test/fixtures/panel/demo.json)", () => {
    const fixture = resolve(__dirname, "../fixtures/panel/demo.json");
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(fixture, `${JSON.stringify(panel, null, 2)}\n`);
    expect(JSON.parse(readFileSync(fixture, "utf8"))).toEqual(panel);
  });

  it("mentor status prints the same panel, each button as the command that does it", async () => {
    const { code, out } = await mentor("status", "--file", demo, "--today", "25.05.2027");
    expect(code).toBe(0);
    expect(out).toBe(`${describePanel(panel, (a) => offlineAction(a.key, demo))}\n`);
    expect(out).toContain("→ 8. Встречи: 1028 встреч у 46 пар; давно не встречались 12 пар (!)");
    expect(out).toContain(`[откройте лист «Работа пар» в ${demo}]`);
    expect(out).not.toMatch(/\b(undefined|null|NaN|true|false)\b/);
  });
});

describe("a new workbook", () => {
  it("starts with «Начало работы»: Настройки and the forms, the first missing one as the next action", async () => {
    const wb = XlsxWorkbook.create();
    initWorkbook({
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
      progress: noProgress,
    });
    const p = curatorPanel(wb, utcDate(2026, 9, 1));
    const fixture = resolve(__dirname, "../fixtures/panel/new.json");
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(fixture, `${JSON.stringify(p, null, 2)}\n`);
    expect(JSON.parse(readFileSync(fixture, "utf8"))).toEqual(p);
    expect(p.start.complete).toBe(false);
    expect(p.start.items.map((i) => [i.title, i.done])).toEqual([
      ["Школа", false],
      ["Учебный год", true],
      ["Ответственные", false],
      ["Часовой пояс", true],
      ["Анкеты", false],
    ]);
    expect(p.next.text).toBe(
      "Начало работы. Школа: впишите полное и краткое название школы — они попадут в приказы и отчёты.",
    );
    expect(p.next.action?.key).toBe("open:settings");
    expect(p.steps[0]).toMatchObject({
      title: "Анкеты",
      state: "now",
      facts: "анкеты не созданы, ответов нет",
    });
    expect(p.steps.slice(1).every((s) => s.state === "todo")).toBe(true);

    // The school filled in: the next missing item leads.
    const settings = Table.load(wb, "settings");
    const row = (key: string) => settings.rowIndexes().find((r) => settings.get(r, "key") === key)!;
    settings.set(
      row("school_name"),
      "value",
      "Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»",
    );
    settings.set(row("school_short"), "value", "МБОУ «Школа № 5»");
    settings.flush(wb);
    const q = curatorPanel(wb, utcDate(2026, 9, 1));
    expect(q.heading).toBe("МБОУ «Школа № 5» · 2026/2027 учебный год");
    expect(q.next.text).toBe(
      "Начало работы. Ответственные: впишите ФИО куратора, e-mail куратора, ФИО директора.",
    );
  });

  it("an empty file offers to prepare the workbook, naming what is missing", () => {
    const p = curatorPanel(XlsxWorkbook.create(), utcDate(2026, 9, 1));
    expect(p.ready).toBe(false);
    expect(p.steps).toEqual([]);
    expect(p.next.action?.key).toBe("init");
    expect(p.next.text).toMatch(
      /^В книге нет \d+ лист(а|ов) программы \(среди них «Настройки»\): подготовьте книгу — программа создаст недостающие листы, ничего не стирая\.$/,
    );
  });

  it("mentor status on a file that is not there says how to create it, with a non-zero exit", async () => {
    const missing = join(dir, "нет.xlsx");
    const r = await mentor("status", "--file", missing);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`mentor init --file ${missing}`);
    const text = join(dir, "text.xlsx");
    writeFileSync(text, "ФИО;E-mail\n");
    const t = await mentor("status", "--file", text);
    expect(t.code).not.toBe(0);
    expect(t.err).toContain("не книга Excel (.xlsx)");
  });
});
